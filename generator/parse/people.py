"""Attendee lists in every layout minutes use.

``Kommunedirektør i Bamble: <tabs> Steinar Hansen``, ``Samhandlingskoordinator    Silje B. Brudal``,
``| – Hans Henrik Thune/Rollag | - Rune Lødøen/Tinn |``, ``Hanne Krokrud (Kongsberg), Ingrid
Haugstad (Notodden)``, ``Henriette Bråthen og Ove Monsen – under behandling av sak 005/10``,
``Kjetil Leirbekk, ass. kommunedirektør Averøy - teams``, one name per line, and sentences like
``Britt Inger Kolset (PA) var til stede under sak 2``.
"""
from __future__ import annotations

import re
import unicodedata

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
ROLE_HINTS = re.compile(r"(?:direktør|rådmann|ordfører|leder|leiar|koordinator|rådgiver|sjef|sekretær|tillitsvalgt|"
                        r"representant|konsulent|medlem|referent|prosjekt|daglig|ansatt|vara|kontakt)", re.I)
NAME_TOKEN = re.compile(r"^(?:[A-ZÆØÅÄÖÜÉ][\wæøåäöüé'’]*(?:-[A-ZÆØÅa-zæøå][\wæøåäöüé'’]*)*\.?|[A-ZÆØÅ]\.(?:[A-ZÆØÅ]\.)?|"
                        r"van|von|de|der|den|af|la|le|du)$")
# A name: words separated by spaces. Possessive runs (``*+``, ``++``) so a long line is scanned once.
_NAME = r"[A-ZÆØÅ][\w.\-]*+(?:[ ]++[\w.\-]++)*?"
PRESENT_SENTENCE = re.compile(rf"^(?P<name>{_NAME})(?:\s*+\((?P<paren>[^)]*)\))?\s++(?:var|er|deltok)\s++(?:til\s++stede|med)\b"
                              r"(?P<note>[^.]*)")
ELECTED = re.compile(rf"^(?P<name>{_NAME})\s++(?:ble\s++)?valgt\s++til\s++(?P<role>møteleder|ordstyrer|referent|"
                     r"sekretær|protokollfører|protokollunderskriver\w*)", re.I)
NOT_NAMES = {"ingen", "alle", "totalt", "sted", "tid", "dato", "saksnr", "sak", "kommune", "kommunene", "leder", "nestleder"}


def section_status(label: str) -> str | None:
    """The attendee status a section label introduces (``Forfall`` -> absent), or None."""
    clean = re.sub(r"[*_#:]+", " ", label).strip()
    for pattern, status in SECTION_LABELS:
        if pattern.match(clean):
            return status
    return None


def normalise_name(name: str) -> str:
    """``Rose- Marie`` -> ``Rose-Marie``; collapse spaces; strip punctuation at the ends."""
    name = unicodedata.normalize("NFC", name)
    name = re.sub(r"(?:(?<!\s)\s++)?-\s+|(?<!\s)\s++-\s*+(?=\w)", "-", name) if re.search(r"\w-\s|\s-\w", name) else name
    name = re.sub(r"\s+", " ", name)
    return name.strip(" .,:;–-*_")


def looks_like_name(text: str, allow_single: bool = False) -> bool:
    tokens = normalise_name(text).split()
    if not tokens or len(tokens) > 6 or (len(tokens) == 1 and not allow_single):
        return False
    if tokens[0].lower().strip(".") in NOT_NAMES or any(ch.isdigit() for ch in text):
        return False
    if not tokens[0][0].isupper():
        return False
    return all(NAME_TOKEN.match(token) for token in tokens) and not tokens[-1].endswith(".") or (
        len(tokens) >= 2 and all(NAME_TOKEN.match(t) for t in tokens[:-1]) and NAME_TOKEN.match(tokens[-1]) is not None
        and len(tokens[-1]) > 2)


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
                line: int = 0, depth: int = 0) -> list[Attendee]:
    """The people one attendee line names (empty when it names nobody).

    ``depth`` counts the ``Label:`` prefixes taken off already; a line of many colons is not
    followed to the bottom (it would recurse once per colon).
    """
    text = re.sub(r"^\s*(?:[-–•*]\s*)+", "", text.replace("**", "")).strip()
    text = re.sub(r"\*([^*]+)\*", r"\1", text)
    if not text or set(text) <= set("|-: "):
        return []
    if text.startswith("|"):
        cells = [c for c in text.strip("|").split("|")]
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
    return _parse_list(text, status, group, municipalities, line)


def _parse_list(text: str, status: str, group: str | None, municipalities: tuple[str, ...], line: int) -> list[Attendee]:
    note = None
    dash = re.match(r"^(?P<names>.*?\S)\s++[–—-]\s++(?P<note>[a-zæøå].*)$", text)
    if dash:
        text, note = dash.group("names"), dash.group("note")
    parts = _split_outside_parens(text.rstrip("."), ",")
    many = len(parts) > 1
    people: list[Attendee] = []
    for part in parts:
        part = part.strip()
        names = _split_names(part)
        found = [_person_with_details(n, status, group, municipalities, note, line, allow_single=many or len(names) > 1)
                 for n in names]
        if all(found):
            people.extend(found)
        elif people:  # "Kjetil Leirbekk, ass. kommunedirektør Averøy - teams": a detail of the name before
            last = people.pop()
            people.append(Attendee(last.name, last.status, last.role or part, last.affiliation, last.note, line))
    return people


def _split_names(part: str) -> list[str]:
    """``Henriette Bråthen og Ove Monsen`` -> two names; ``Frank Pedersen/Nore og Uvdal`` stays one."""
    head, slash, tail = part.partition("/")
    paren = re.match(r"[^(]*+(\(.*\)\s*)$", head)  # tried from the first "(" only: linear
    core = head[:paren.start(1)] if paren else head
    pieces = re.split(r"(?<!\s)\s++(?:og|&)\s+", core)
    if len(pieces) > 1 and all(looks_like_name(p, allow_single=True) for p in pieces):
        return [p for p in pieces[:-1]] + [pieces[-1] + (paren.group(1) if paren else "") + slash + tail]
    return [part]


def _person_with_details(text: str, status: str, group: str | None, municipalities: tuple[str, ...],
                         note: str | None, line: int, allow_single: bool) -> Attendee | None:
    text = text.strip()
    paren_note = None
    paren = re.search(r"(?<!\s)\s*+\((?P<inner>[^()]*)\)\s*$", text)
    if paren:
        paren_note, text = paren.group("inner").strip(), text[:paren.start()]
    name, _, detail = text.partition("/")
    if not looks_like_name(name, allow_single=allow_single):
        return None
    role, affiliation = split_role(group, municipalities) if group else (None, None)
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


def _person(name: str, status: str, role: str | None, affiliation: str | None, note: str | None, line: int) -> Attendee:
    return Attendee(normalise_name(name), status, role, affiliation, note, line)


def _split_outside_parens(text: str, separator: str) -> list[str]:
    parts, depth, current = [], 0, []
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
