"""Attendee lists in every layout minutes use.

``Kommunedirektør i Bamble: <tabs> Steinar Hansen``, ``Samhandlingskoordinator    Silje B. Brudal``,
``| – Hans Henrik Thune/Rollag | - Rune Lødøen/Tinn |``, ``Hanne Krokrud (Kongsberg), Ingrid
Haugstad (Notodden)``, ``Henriette Bråthen og Ove Monsen – under behandling av sak 005/10``,
``Kjetil Leirbekk, ass. kommunedirektør Averøy - teams``, one name per line, and sentences like
``Britt Inger Kolset (PA) var til stede under sak 2``.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..model import Attendee

# Section labels -> attendee status. Matched against the whole label, case-insensitively.
SECTION_LABELS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"^(?:ikke\s+til\s*stede|ikke\s+møtt|forfall|meldt\s+forfall|fravær|fråvær|fraværende|mangler|ikkje\s+til\s*stades)$", re.I), "absent"),
    (re.compile(r"^(?:møtende\s+vara\w*\.?|vararepr\w*\.?|møtende\s+varamedlem\w*|vara)$", re.I), "deputy"),
    (re.compile(r"^(?:andre|andre\s+til\s*stede|andre\s+møtende|inviterte|gjester|observatører|i\s+tillegg\s+møtte|dessuten\s+møtte)$", re.I), "guest"),
    (re.compile(r"^(?:fra\s+adm\.?|fra\s+administrasjonen|administrasjonen|sekretariat(?:et)?|fra\s+sekretariatet)$", re.I), "staff"),
    (re.compile(r"^(?:til\s*stede|tilstades|til\s+stades|deltakere|deltagere|medlemmer|møtte|fremmøtte|frammøtte|"
                r"møtende|møtende\s+medlem\w*|tilstede\s+var|til\s+stede\s+var|deltok|deltakarar)$", re.I), "present"),
]
# Labels in the many other shapes minutes give them ("Følgende medlemmer hadde forfall", "Medlemmer
# av styret", "Tilstede fra administrasjonen", "Deltatt", "Bisittere"), as cues tried in order: a
# distribution list first (it is not attendance), then absence, deputies, staff, guests, presence.
_TAIL = r"(?:\s+(?:av|i|fra|frå|for|som|var|er|til|møtte|møtt|til\s*stede|til\s*stades)\b.*)?"
_LEAD = r"(?:(?:følgende|følgjande|desse|disse|faste|øvrige|andre)\s+)?(?:[\wæøå]+\s+)?"
SECTION_CUES: list[tuple[re.Pattern, str]] = [
    (re.compile(r"\b(?:sendes\s+til|sendt\s+til|kopi\s+til|gjenpart\s+til|mottakere|distribusjon(?:sliste)?|"
                r"utsendelse|(?:godkjennes|godkjent|godkjend|underskrives|signeres|signert)\s+av|underskrift\w*|signatur\w*|"
                r"underskrevet)\b"), "distribution"),
    (re.compile(rf"^{_LEAD}(?:hadde\s+|har\s+)?(?:meldt\s+)?(?:forfall|fravær|fråvær|fraværende|permisjon)\b.*$|"
                r"\b(?:ikke|ikkje)\s+(?:møtt|møtte|møtt\s+fram|til\s*stede|tilstede|til\s*stades)\b|"
                r"\b(?:møtte|møtt)\s+(?:ikke|ikkje)\b|"  # "Faste medlemmer som ikke møtte", "Medlemmer som møtte ikke"
                r"\b(?:hadde|har|med)\s+(?:meldt\s+)?(?:forfall|fravær|fråvær|fråfall)\b"), "absent"),  # "... som hadde forfall"
    (re.compile(rf"^{_LEAD}(?:møtende\s+)?vara(?!ordf)\w*{_TAIL}$"), "deputy"),
    (re.compile(r"^(?:(?:til\s*stede|tilstede|møtte|til\s*stades)\s+)?(?:fra|frå)\s+(?:adm\w*\.?|sekretariat\w*)\b.*$|"
                r"^(?:administrasjon\w*|sekretariat\w*|adm\.?)(?:\s+(?:møtte|til\s*stede|var)\b.*)?$"), "staff"),
    (re.compile(r"^(?:andre|gjester?|inviterte|observatør\w*|bisitter\w*|tilhørere|dessuten\s+møtte|"
                r"i\s+tillegg\s+møtte|andre\s+(?:møtende|deltakere|til\s*stede)|også\s+til\s*stede)$"), "guest"),
    (re.compile(rf"^{_LEAD}(?:medlem\w*|styremedlem\w*|representant\w*|deltak\w*|deltag\w*|deltatt|deltok|møtte|"
                rf"møtende|fremmøtte|frammøtte|innkalte|til\s*stede|til\s*stades|tilstades|tilstede){_TAIL}$|"
                r"^(?:fra|frå)\s+(?:styret|rådet|utvalget|nemnda|kommunene|kommunane|medlemskommunene|eierne)$"), "present"),
]
MAX_LABEL_WORDS = 7
# Words that name a role or a position, never a person ("Styremedlem", "Økonomisjef", "Daglig leder").
ROLE_WORD = re.compile(r"^(?:\w*(?:direktør|rådmann|rådmenn|ordfører|ordførar|leder|leiar|koordinator|rådgiver|rådgjevar|"
                       r"sjef|sekretær|konsulent|medlem|referent|revisor|rektor|ansatt|tilsett|representant|observatør|"
                       r"tillitsvalgt|saksbehandler|fagansvarlig|controller|kasserer|formann|nestformann)\w{0,3}|"
                       r"daglig|dagleg|styrets|vara|ass\.?|konst\.?|fung\.?|kst\.?)$", re.I)
ROLE_HINTS = re.compile(r"(?:direktør|rådmann|ordfører|leder|leiar|koordinator|rådgiver|sjef|sekretær|tillitsvalgt|"
                        r"representant|konsulent|medlem|referent|prosjekt|daglig|ansatt|vara|kontakt)", re.I)
PARTICLES = {"van", "von", "de", "der", "den", "af", "la", "le", "du", "da", "di", "dos", "das", "del", "bin", "ibn",
             "al", "el", "ter", "ten", "zu", "y"}
_NAME_PUNCTUATION = set("'’-.")
# A name: words separated by spaces. Possessive runs (``*+``, ``++``) so a long line is scanned once.
_NAME = r"[^\W\d_][\w.\-]*+(?:[ ]++[\w.\-]++)*?"
PRESENT_SENTENCE = re.compile(rf"^(?P<name>{_NAME})(?:\s*+\((?P<paren>[^)]*)\))?\s++(?:var|er|deltok)\s++(?:til\s++stede|med)\b"
                              r"(?P<note>[^.]*)")
ELECTED = re.compile(rf"^(?P<name>{_NAME})\s++(?:ble\s++)?valgt\s++til\s++(?P<role>møteleder|ordstyrer|referent|"
                     r"sekretær|protokollfører|protokollunderskriver\w*)", re.I)
# "Geir Olsen pva Kari Berg", "Geir Olsen møtte for Kari Berg", "Geir Olsen (vara for Kari Berg)"
ON_BEHALF = re.compile(r"^(?P<deputy>[^()]+?)\s*+[,(]?\s*+(?:pva\.?|p\.v\.a\.?|på\s+vegne\s+av|møtte\s+for|møtte\s+i\s+stedet\s+for|"
                       r"(?:som\s+)?vara\s+for)\s++(?P<member>[^()]+?)\)?\s*$", re.I)
ABSENT_SENTENCE = re.compile(r"^(?P<names>[^.]{2,200}?)\s+(?:hadde|har|hadde\s+også|har\s+også)\s+(?:meldt\s+)?(?:forfall|fråfall)\.?$",
                             re.I)
# Under a deputies' label a plain "for" names the member met for: "Geir Tangen (FRP) for Hege Bø"
DEPUTY_FOR = re.compile(r"^(?P<deputy>[^()]+?(?:\s*\([^()]*\))?)\s+for\s+(?P<member>[^()]+?)(?:\s*\([^()]*\))?\s*$", re.I)
BEHALF_LEAD = re.compile(r"^(?:pva\.?|p\.v\.a\.?|på\s+vegne\s+av|møtte\s+for|vara\s+for)\s+", re.I)
NOT_NAMES = {"ingen", "alle", "totalt", "sted", "tid", "dato", "saksnr", "sak", "kommune", "kommunene", "leder", "nestleder",
             "samtlige", "hele", "heile", "styret", "rådet", "utvalget", "utvalet", "nemnda", "administrasjonen", "teams"}


@functools.lru_cache(maxsize=8192)  # pure, and asked again and again of the same header lines
def section_status(label: str) -> str | None:
    """The attendee status a section label introduces (``Forfall`` -> absent), or None.

    ``distribution`` for a distribution list ("Protokoll sendes til"), which is not attendance.
    """
    if "\t" in label.strip() or "   " in label.strip():
        return None  # a table row ("Navn   Møtte for   Representerer"), not a label
    clean = re.sub(r"[*_#:]+", " ", label).strip()
    for pattern, status in SECTION_LABELS:
        if pattern.match(clean):
            return status
    lowered = re.sub(r"\s+", " ", clean.lower()).rstrip(".")
    if not lowered or len(lowered.split()) > MAX_LABEL_WORDS or re.search(r"[\d!?;,]", lowered):
        return None
    for pattern, status in SECTION_CUES:
        if pattern.search(lowered):
            return status
    return None


@functools.lru_cache(maxsize=8192)  # pure, and asked again and again of the same header lines
def is_role(text: str) -> bool:
    """``Styremedlem``, ``Daglig leder``, ``Økonomisjef``, ``ass. kommunedirektør``: a position, not a person."""
    words = normalise_name(text).split()
    return (bool(words) and len(words) <= 4 and ROLE_WORD.match(words[0].strip(".,")) is not None) or (
        bool(words) and len(words) <= 4 and all(w[:1].islower() or ROLE_WORD.match(w) for w in words)
        and any(ROLE_WORD.match(w) for w in words))


def normalise_name(name: str) -> str:
    """``Rose- Marie`` -> ``Rose-Marie``; collapse spaces; strip punctuation at the ends."""
    name = unicodedata.normalize("NFC", name)
    name = re.sub(r"(?:(?<!\s)\s++)?-\s+|(?<!\s)\s++-\s*+(?=\w)", "-", name) if re.search(r"\w-\s|\s-\w", name) else name
    name = re.sub(r"\s+", " ", name)
    return name.strip(" .,:;–-*_")


@functools.lru_cache(maxsize=8192)  # pure, and asked again and again of the same header lines
def looks_like_name(text: str, allow_single: bool = False) -> bool:
    """Whether ``text`` is a person's name: capitalised words in any script, initials, particles.

    A role or position (``Styremedlem``, ``Økonomisjef``) is never a name.
    """
    tokens = normalise_name(text).split()
    if not tokens or len(tokens) > 6 or (len(tokens) == 1 and not allow_single):
        return False
    if tokens[0].lower().strip(".") in NOT_NAMES or any(ch.isdigit() for ch in text):
        return False
    if not tokens[0][0].isupper() or ROLE_WORD.match(tokens[0].strip(".,")):
        return False
    if len(tokens) == 1 and tokens[0].isupper() and len(tokens[0]) > 1:
        return False  # "AP", "NAV", "FVA": an abbreviation, not a first name
    if len(tokens) == 1 and section_status(tokens[0]) is not None:
        return False  # "Innkalte", "Forfall": an attendance label's word, not a first name
    if not all(_name_token(t) for t in tokens):
        return False
    return not tokens[-1].endswith(".") or (len(tokens) >= 2 and len(tokens[-1]) > 2)


def _name_token(token: str) -> bool:
    """One word of a name: ``Åse``, ``Øvrum-Nesgård``, ``O'Neil``, ``Łukasz``, ``Иван``, ``B.``, ``Chr.``, ``van``."""
    if token in PARTICLES:
        return True
    first = token[0]
    if not first.isupper():
        return False
    if not all(ch.isalpha() or ch in _NAME_PUNCTUATION for ch in token):
        return False
    parts = token.rstrip(".").split("-")
    return all(part and (part[0].isalpha()) for part in parts) and "--" not in token


def split_role(label: str, municipalities: tuple[str, ...] = ()) -> tuple[str | None, str | None]:
    """``Kommunedirektør i Bamble`` -> (Kommunedirektør, Bamble); ``Tinn`` -> (None, Tinn)."""
    label = normalise_name(label) if label else ""
    if not label:
        return None, None
    match = re.match(r"^(?P<role>.+?)\s+i\s+(?P<place>[A-ZÆØÅ].*)$", label)
    if match:
        return match.group("role"), match.group("place")
    if label in municipalities or not ROLE_HINTS.search(label):
        return None, label
    return label, None


def parse_entry(text: str, status: str, group: str | None = None, municipalities: tuple[str, ...] = (),
                line: int = 0, depth: int = 0, listed: bool = False) -> list[Attendee]:
    """The people one attendee line names (empty when it names nobody). ``listed``: the text follows
    an attendance label on its line ("Forfall: Ella"), so a lone first name is a person.

    ``depth`` counts the ``Label:`` prefixes taken off already; a line of many colons is not
    followed to the bottom (it would recurse once per colon).
    """
    text = re.sub(r"^\s*(?:[-–•*]\s*)+", "", text.replace("**", "")).strip()
    text = re.sub(r"\*([^*]+)\*", r"\1", text)
    if not text or set(text) <= set("|-: "):
        return []
    if text.startswith("|"):
        cells = text.strip("|").split("|")
        return [a for cell in cells for a in parse_entry(cell, status, group, municipalities, line)]
    sentence = PRESENT_SENTENCE.match(text)
    if sentence and looks_like_name(sentence.group("name")):
        role, affiliation = split_role(sentence.group("paren") or "", municipalities)
        return [Attendee(normalise_name(sentence.group("name")), "guest",
                         role, affiliation, sentence.group("note").strip() or None, line)]
    columns = [c for c in re.split(r"\t+|\s{3,}", text) if c.strip()]
    if len(columns) == 2 and not looks_like_name(columns[0]) and looks_like_name(columns[1]):
        role, affiliation = split_role(columns[0].rstrip(": "), municipalities)
        return [_person(columns[1], status, role, affiliation, None, line)]
    label = re.match(r"^(?P<label>[^:()]{2,60}):\s*(?P<rest>.+)$", text)
    if label and depth < 3 and (not looks_like_name(label.group("label"))
                  or looks_like_name(re.split(r"[,(/]| og ", label.group("rest"))[0])):
        return parse_entry(label.group("rest"), status, label.group("label"), municipalities, line, depth + 1)
    # after "Forfall:" on the same line, a lone first name is a person ("Forfall: Ella", a youth council)
    return _parse_list(text, status, group, municipalities, line, listed=listed or depth > 0)


# "Nordmann, Kari (AP)": the surname first, as case-management systems list people between semicolons
SURNAME_FIRST = re.compile(r"^(?P<surname>[^\W\d_][\w'’-]*+(?:\s[^\W\d_][\w'’-]*+)?),\s*+"
                           r"(?P<given>[^\W\d_][\w'’.-]*+(?:\s[^\W\d_][\w'’.-]*+){0,2})(?P<rest>\s*+\(.*\))?$")


def _parse_list(text: str, status: str, group: str | None, municipalities: tuple[str, ...], line: int,
                listed: bool = False) -> list[Attendee]:
    parts = _split_outside_parens(text.strip().rstrip("."), ";")
    if len(parts) > 1:  # one person per semicolon: "Nordmann, Kari (AP); Hansen, Per (SP)"
        return [person for part in parts if part.strip()
                for person in _parse_list(_given_name_first(part.strip()), status, group, municipalities, line, True)]
    return _parse_comma_list(text, status, group, municipalities, line, listed)


def _given_name_first(part: str) -> str:
    """``Nordmann, Kari (AP)`` -> ``Kari Nordmann (AP)``; anything else as it is."""
    found = SURNAME_FIRST.match(part)
    if found and looks_like_name(found.group("given"), allow_single=True) and \
            looks_like_name(found.group("surname"), allow_single=True) and not is_role(found.group("given")):
        return f"{found.group('given')} {found.group('surname')}{found.group('rest') or ''}"
    return part


def _parse_comma_list(text: str, status: str, group: str | None, municipalities: tuple[str, ...], line: int,
                      listed: bool = False) -> list[Attendee]:
    note = None
    dash = re.match(r"^(?P<names>.*?\S)\s++[–—-]\s++(?P<note>[a-zæøå].*)$", text)
    dash_role = None
    if dash:
        text, note = dash.group("names"), dash.group("note")
        detail, paren = _peel_paren(note)
        if "," not in text and is_role(detail):  # "Kjersti Aas – styreleder (til kl. 14)": one person's role
            dash_role, note = detail, paren
    parts = _split_outside_parens(text.rstrip("."), ",")
    many = len(parts) > 1
    people: list[Attendee] = []
    for part in parts:
        part = part.strip()
        lead = BEHALF_LEAD.match(part)
        if lead and people and looks_like_name(part[lead.end():]):  # "Cato Dahl, pva Odd Berg": for the name before
            last = people.pop()
            member = normalise_name(part[lead.end():])
            people.append(replace(last, status="deputy" if last.status == "present" else last.status, note=f"for {member}"))
            people.append(_person(member, "absent", None, None, f"representert ved {last.name}", line))
            continue
        behalf = ON_BEHALF.match(part) if len(part) < 200 else None  # a name list part, not a page
        deputy_for = DEPUTY_FOR.match(part) if behalf is None and status == "deputy" and len(part) < 200 else None
        if deputy_for and looks_like_name(deputy_for.group("member")) and \
                (deputy := _person_with_details(deputy_for.group("deputy"), status, group, municipalities, None, line,
                                                allow_single=False)):
            member = normalise_name(deputy_for.group("member"))
            people.append(replace(deputy, note=f"for {member}"))
            people.append(_person(member, "absent", None, deputy.affiliation, f"representert ved {deputy.name}", line))
            continue
        if behalf and looks_like_name(behalf.group("deputy")) and looks_like_name(behalf.group("member")):
            people.append(_person(behalf.group("deputy"), "deputy" if status == "present" else status,
                                  None, None, f"for {normalise_name(behalf.group('member'))}", line))
            people.append(_person(behalf.group("member"), "absent", None, None,
                                  f"representert ved {normalise_name(behalf.group('deputy'))}", line))
            continue
        # "Ellen Berg, Difi": a single word after a full name is its detail, not a person
        single_detail = (people and sum(len(w.rstrip(".")) > 1 for w in people[-1].name.split()) >= 2
                         and len(re.sub(r"\([^()]*\)", "", part).split()) == 1)
        # "økonomisjef Rolf Haugen (referent)" is a person with a role; "ass. kommunedirektør" alone a detail
        is_detail = is_role(part) and people and not _name_and_role(_peel_paren(part)[0])[0]
        names = [] if single_detail or is_detail else _split_names(part)
        found = [_person_with_details(n, status, group, municipalities, note, line,
                                      allow_single=many or len(names) > 1 or listed)
                 for n in names]
        if names and all(found):
            people.extend(person for person in found if person)
        elif people:  # "Kjetil Leirbekk, ass. kommunedirektør Averøy - teams": a detail of the name before
            part, paren = _peel_paren(part)  # "Nordvik kommune (leiar)": the place, and a note on the person
            last = people.pop()
            if not part:
                pass
            elif is_role(part) and not last.role:
                last = replace(last, role=part)
            elif not last.affiliation and part[:1].isupper() and len(part.split()) <= 8:
                last = replace(last, affiliation=part)
            else:
                last = Attendee(last.name, last.status, last.role or part, last.affiliation, last.note, line)
            people.append(_with_paren_note(last, paren) if paren else last)
    if dash_role and len(people) == 1 and not people[0].role:
        people[0] = replace(people[0], role=dash_role)
    return people


def _peel_paren(part: str) -> tuple[str, str | None]:
    """``Nordvik kommune (leiar)`` -> (``Nordvik kommune``, ``leiar``)."""
    paren = re.search(r"\s*+\((?P<inner>[^()]{1,80})\)\s*$", part)
    return (part[:paren.start()].strip(), paren.group("inner").strip()) if paren else (part, None)


# "(for ordførar Per Myr)", "(vara for Per Myr)", "(pva Per Myr)": whom a deputy met for
PAREN_BEHALF = re.compile(r"^(?:for|vara\s+for|møtte\s+for|pva\.?|p\.v\.a\.?|på\s+vegne\s+av)\s+(?P<member>.+)$", re.I)


def _with_paren_note(person: Attendee, paren: str) -> Attendee:
    """A parenthesised note after a person's details: whom they met for (a deputy), their role in this
    body ("leiar": the role, or a note beside the role they already have), or a note."""
    behalf = PAREN_BEHALF.match(paren)
    if behalf:
        member = behalf.group("member")
        named, _ = _name_and_role(member) if not looks_like_name(member) else (member, None)
        if named:
            return replace(person, status="deputy" if person.status == "present" else person.status,
                           note=f"for {normalise_name(named)}")
    if is_role(paren) and not person.role:
        return replace(person, role=paren)
    return replace(person, note=f"{person.note}; {paren}" if person.note else paren)


def _split_names(part: str) -> list[str]:
    """``Henriette Bråthen og Ove Monsen`` -> two names; ``Frank Pedersen/Nore og Uvdal`` stays one."""
    head, slash, tail = _partition_outside_parens(part, "/")
    paren = re.match(r"[^(]*+(\(.*\)\s*)$", head)  # tried from the first "(" only: linear
    core = head[:paren.start(1)] if paren else head
    pieces = re.split(r"(?<!\s)\s++(?:og|&)\s+", core)
    if len(pieces) > 1 and all(looks_like_name(p, allow_single=True) for p in pieces):
        return [*pieces[:-1], pieces[-1] + (paren.group(1) if paren else "") + slash + tail]
    return [part]


def _person_with_details(text: str, status: str, group: str | None, municipalities: tuple[str, ...],
                         note: str | None, line: int, allow_single: bool) -> Attendee | None:
    text = text.strip()
    paren_note = None
    paren = re.search(r"(?<!\s)\s*+\((?P<inner>[^()]*)\)\s*$", text)
    if paren:
        paren_note, text = paren.group("inner").strip(), text[:paren.start()]
    elif "(" in text and (inside := re.search(r"\s\((?P<inner>[^()]{1,40})\)(?=\s)", text)):
        paren_note, text = inside.group("inner").strip(), text[:inside.start()] + text[inside.end():]
    name: str | None
    name, _, detail = text.partition("/")
    named_role = None
    if not looks_like_name(name, allow_single=allow_single):
        name, named_role = _name_and_role(name)
        if not name:
            return None
    role, affiliation = split_role(group, municipalities) if group else (None, None)
    role = named_role or role
    for extra in (detail.strip(), paren_note):
        if not extra:
            continue
        extra_role, extra_affiliation = split_role(extra, municipalities)
        if extra_role and not role and not re.match(r"^(?:under|i)\b", extra):
            role = extra_role
        elif extra_affiliation and not affiliation and extra[:1].isupper():
            affiliation = extra_affiliation
        else:
            note = f"{note}; {extra}" if note else extra
    return _person(name, status, role, affiliation, note, line)


PLACE_PREPOSITIONS = {"i", "for", "ved", "hos", "fra", "frå", "på", "til", "av", "in"}


def _name_and_role(text: str) -> tuple[str | None, str | None]:
    """``Revisor Odd Knustad`` -> (Odd Knustad, Revisor); ``Trond Dahl daglig leder`` -> (Trond Dahl, daglig leder)."""
    words = normalise_name(text).split()
    for cut in range(1, min(len(words), 4)):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        if words[cut - 1].lower() in PLACE_PREPOSITIONS:
            continue  # "helsesjef i Nedre Haufors": the words after the role are its place, not a person
        if is_role(head) and looks_like_name(tail):
            return tail, head
        head, tail = " ".join(words[:-cut]), " ".join(words[-cut:])
        if is_role(tail) and looks_like_name(head):
            return head, tail
    return None, None


# The parties' abbreviations as protocols print them after a name ("Kari Dahl AP", "Per Ås FrP"):
# Norwegian national parties and the common local-list marks. Compared in upper case.
PARTY_ABBREVIATIONS = frozenset({"A", "AP", "H", "SP", "FRP", "SV", "KRF", "V", "MDG", "R", "RØDT", "PP", "INP", "FNB",
                                 "KYST", "DEM", "PF", "TVP", "UAVH", "UAV", "FL", "BL", "TPL"})


def _trailing_party(name: str) -> tuple[str, str | None]:
    """``Kari Dahl AP`` -> (``Kari Dahl``, ``AP``): a party abbreviation written after a name of two or
    more words is the person's party, not part of the name (a surname in capitals, ``Kari DAHL``, is not
    an abbreviation and stays)."""
    words = name.split()
    last = words[-1].strip("().,") if words else ""
    if len(words) >= 3 and last.upper() in PARTY_ABBREVIATIONS and (last.isupper() or PARTY_TOKEN.match(last)):
        return " ".join(words[:-1]), last
    return name, None


def _person(name: str, status: str, role: str | None, affiliation: str | None, note: str | None, line: int) -> Attendee:
    name = normalise_name(name)
    if affiliation is None:
        name, affiliation = _trailing_party(name)
    return Attendee(name, status, role, affiliation, note, line)


def _partition_outside_parens(text: str, separator: str) -> tuple[str, str, str]:
    """``str.partition`` at the first ``separator`` outside brackets ("Kari Dahl (49/14)" has none)."""
    depth = 0
    for index, char in enumerate(text):
        depth += char == "("
        depth -= char == ")"
        if char == separator and depth <= 0:
            return text[:index], separator, text[index + 1:]
    return text, "", ""


def _split_outside_parens(text: str, separator: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        depth += char == "("
        depth -= char == ")"
        if char == separator and depth <= 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [p for p in parts if p.strip()]


def elected(text: str) -> tuple[str, str] | None:
    """``Håkon Bogen valgt til referent`` -> (Håkon Bogen, referent)."""
    match = ELECTED.match(text.strip())
    if match and looks_like_name(match.group("name")):
        return normalise_name(match.group("name")), match.group("role").lower()
    return None


# --- attendance tables -------------------------------------------------------------------
# "Navn  Funksjon  Parti  Møtte for" over one row per person, as case systems print them and as
# PDF text keeps them (cells apart by runs of spaces, or run together by single spaces).
COLUMN_WORDS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"^(?:navn|name|namn|medlem|representant)$", re.I), "name"),
    (re.compile(r"^(?:funksjon|rolle|stilling|tittel|verv|posisjon)$", re.I), "role"),
    (re.compile(r"^(?:parti|parti/liste|liste|gruppe)$", re.I), "party"),
    (re.compile(r"^(?:representerer|organisasjon|virksomhet|kommune|etat|enhet|fra)$", re.I), "affiliation"),
    (re.compile(r"^(?:møtte\s+for|møter\s+for|vara\s+for|møtte\s+i\s+stedet\s+for|for)$", re.I), "on_behalf"),
    (re.compile(r"^(?:møtt|møtte|møter|til\s*stede|oppmøte)$", re.I), "attended"),
    (re.compile(r"^(?:merknad|merknader|kommentar|fravær|forfall)$", re.I), "note"),
]
_CELLS = re.compile(r"\t+|\s{2,}")
_MULTIWORD_COLUMNS = re.compile(r"møtte\s+for|møter\s+for|vara\s+for|møtte\s+i\s+stedet\s+for|til\s*stede|parti/liste",
                                re.I)


@dataclass(frozen=True)
class Column:
    kind: str
    offset: int  # where the column's heading starts on its line (to place cells of later rows)


def column_header(text: str) -> list[Column] | None:
    """The columns of an attendance table's heading row, or None when the line is not one."""
    if text.lstrip()[:4].lower() not in ("navn", "name", "namn", "medl", "repr", "funk", "roll", "verv"):
        return None  # the first column names the person, or their role ("Funksjon  Navn  Representerer")
    text = text.replace("\t", "    ")  # a tab separates cells as wide spacing does
    cells = [(m.start(), m.group(0)) for m in re.finditer(r"\S+(?:[ ]\S+)*", text)] if _CELLS.search(text.strip()) \
        else None
    if not cells or len(cells) < 2:
        cells = _single_spaced_header(text)
    if not cells or len(cells) < 2:
        return None
    columns = []
    for offset, cell in cells:
        kind = next((kind for pattern, kind in COLUMN_WORDS if pattern.match(cell.strip())), None)
        if kind is None:
            return None
        columns.append(Column(kind, offset))
    kinds = [c.kind for c in columns]
    if kinds[0] == "name" or (kinds[0] == "role" and "name" in kinds[1:]):
        return columns
    return None


def _single_spaced_header(text: str) -> list[tuple[int, str]] | None:
    """``Navn Funksjon Parti Møtte for``: the heading cells of a row whose spacing was lost."""
    out, position = [], 0
    stripped = text.rstrip()
    while position < len(stripped):
        while position < len(stripped) and stripped[position] == " ":
            position += 1
        multi = _MULTIWORD_COLUMNS.match(stripped, position)
        end = multi.end() if multi else (stripped.find(" ", position) if " " in stripped[position:] else len(stripped))
        if end <= position:
            break
        out.append((position, stripped[position:end]))
        position = end
    return out


def parse_row(text: str, columns: list[Column], status: str, line: int = 0) -> list[Attendee]:
    """The people of one table row: the person, and whom they met for (absent)."""
    cells = _row_cells(text, columns)
    if not cells.get("name") or not looks_like_name(cells["name"]):
        return []
    return _row_people(cells, status, line)


def _row_cells(text: str, columns: list[Column]) -> dict[str, str]:
    if "\t" in text.strip():  # a tab-separated row: one cell per column, in order (offsets say nothing)
        parts = [part.strip() for part in text.strip().split("\t")]
        filled = [part for part in parts if part]
        for cells in (parts, filled):
            if len(cells) == len(columns):
                return {column.kind: cell for column, cell in zip(columns, cells, strict=True) if cell}
    spans = [(m.start(), m.group(0).strip()) for m in re.finditer(r"\S+(?:[ ]\S+)*", text.replace("\t", "    "))]
    if len(spans) >= 2:
        return _cells_by_offset(spans, columns)
    return _cells_by_shape(text.split(), columns)


def _cells_by_offset(spans: list[tuple[int, str]], columns: list[Column]) -> dict[str, str]:
    """Cells placed under the heading that starts nearest (rows drift a few characters in PDF text)."""
    cells: dict[str, str] = {}
    for index, (offset, value) in enumerate(spans):
        if index == 0:
            cells[columns[0].kind] = value  # the name, or the role when the table begins with it
            continue
        column = min(columns[1:], key=lambda c: abs(c.offset - offset))
        kind = column.kind
        if kind in cells:  # two cells under one heading: the next free column to the right
            free = [c.kind for c in columns if c.offset > column.offset and c.kind not in cells]
            if not free:
                continue
            kind = free[0]
        cells[kind] = value
    return cells


def _cells_by_shape(words: list[str], columns: list[Column]) -> dict[str, str]:
    """``Olav Dahl varamedlem AP Kari Berg``: name, a lower-case role, a party in capitals, then a name."""
    kinds = {c.kind for c in columns}
    lead: list[str] = []
    if columns[0].kind == "role":  # "Varaordfører Kari Nordvik AP": the role first, then the person
        while len(lead) < 3 and len(lead) < len(words) - 1 and (ROLE_WORD.match(words[len(lead)].strip(".,")) or
                                                                 words[len(lead)][:1].islower()):
            lead.append(words[len(lead)])
        words = words[len(lead):]
    index = 0
    while index < len(words) and _name_token(words[index]) and not words[index].isupper() and not ROLE_WORD.match(words[index]):
        index += 1
    if "on_behalf" in kinds and index >= 4 and index == len(words):
        index = len(words) // 2  # "Trine Moe Geir Haug": the deputy, then whom they met for
    cells = {"name": " ".join(words[:index])}
    rest = words[index:]
    role = [w for w in rest[:3] if w[:1].islower() or ROLE_WORD.match(w)]
    if role and "role" in kinds:
        cells["role"] = " ".join(role)
        rest = rest[len(role):]
    if rest and rest[0].isupper() and len(rest[0]) <= 6 and ({"party", "affiliation"} & kinds):
        cells["party" if "party" in kinds else "affiliation"] = rest[0]
        rest = rest[1:]
    if rest and "on_behalf" in kinds:
        cells["on_behalf"] = " ".join(rest)
    if lead:
        cells["role"] = " ".join(lead)
    return cells


# --- a whole table run together on one line ------------------------------------------------
# A flattened page keeps a table as one run of words: "Navn Funksjon Representerer Kari Dahl Leder AP
# Per Ås Nestleder H". The heading names the columns; each row is read by the shape of its words:
# a name (capitalised words), a role (role words or lower-case words), a party or organisation
# (capitals), a name the person met for.
PARTY_TOKEN = re.compile(r"^(?:[A-ZÆØÅ]{1,6}|[A-ZÆØÅ][a-zæøå]?[A-ZÆØÅ]|[A-ZÆØÅ][a-zæøå])$")  # AP, H, SV, FrP, KrF, Ap, Sp


def run_together_table(text: str, status: str, line: int = 0, seen: Sequence[Attendee] = ()) -> list[Attendee] | None:
    """The people of a table whose heading and rows run together on one line, or None if it is not one.

    ``seen``: the people read so far, whose names tell where two names run together part.
    """
    if text.lstrip()[:4].lower() not in ("navn", "name", "namn", "medl", "repr"):
        return None  # the first column names the person
    words = text.split()
    kinds, index = [], 0
    while index < len(words):
        two = " ".join(words[index:index + 2])
        kind = next((k for pattern, k in COLUMN_WORDS if pattern.match(two)), None) if index + 1 < len(words) else None
        if kind and " " in two and _MULTIWORD_COLUMNS.fullmatch(two):
            kinds.append(kind)
            index += 2
            continue
        kind = next((k for pattern, k in COLUMN_WORDS if pattern.match(words[index])), None)
        if kind is None:
            break
        kinds.append(kind)
        index += 1
    if len(kinds) < 2 or kinds[0] != "name":
        return None
    people: list[Attendee] = []
    known = {a.name for a in seen}
    rest = words[index:]
    while rest:
        row, rest = _row_by_shape(rest, kinds, known)
        if not row.get("name") or not looks_like_name(row["name"]):
            break
        people.extend(_row_people(row, status, line))
    return people


def _row_by_shape(words: list[str], kinds: list[str], known: set[str]) -> tuple[dict[str, str], list[str]]:
    row: dict[str, str] = {}
    index = 0
    for position, kind in enumerate(kinds):
        start = index
        if kind in ("name", "on_behalf"):
            while index < len(words) and _name_word(words[index]) and index - start < 5:
                index += 1
            if kind == "name" and "on_behalf" in kinds[position + 1:position + 2]:
                index = start + _first_name_length(words[start:index], known)
        elif kind == "role":
            while index < len(words) and (ROLE_WORD.match(words[index]) or words[index][:1].islower()) and index - start < 4:
                index += 1
        elif kind in ("party", "affiliation"):
            if index < len(words) and PARTY_TOKEN.match(words[index]):
                index += 1
        elif kind == "attended" and index < len(words) and words[index].lower() in ("ja", "nei", "x", "forfall"):
            index += 1
        if index > start:
            row[kind] = " ".join(words[start:index])
    return row, words[max(index, 1):]


def _name_word(word: str) -> bool:
    return _name_token(word) and not ROLE_WORD.match(word) and not (word.isupper() and len(word) > 1)


def _first_name_length(words: list[str], known: set[str]) -> int:
    """Where the first of two names run together ends: at a name already known, else halfway."""
    for cut in range(1, len(words)):
        if " ".join(words[cut:]) in known:
            return cut
    return max(1, len(words) // 2) if len(words) >= 4 else len(words)


def _row_people(cells: dict[str, str], status: str, line: int) -> list[Attendee]:
    """The person of a table row, and the member they met for (absent), from its cells by column."""
    attended = (cells.get("attended") or "").lower()
    row_status = "absent" if attended in ("nei", "n", "forfall", "nei (forfall)") else status
    on_behalf = cells.get("on_behalf")
    if on_behalf and not looks_like_name(on_behalf):
        on_behalf = None
    note = f"for {normalise_name(on_behalf)}" if on_behalf else cells.get("note")
    person = _person(cells["name"], "deputy" if on_behalf and row_status == "present" else row_status,
                     cells.get("role"), cells.get("party") or cells.get("affiliation"), note, line)
    if not on_behalf:
        return [person]
    return [person, _person(on_behalf, "absent", None, person.affiliation, f"representert ved {person.name}", line)]
