"""Agenda items: split the body at the dialect's item starts, then find each item's decision.

A decision is marked by a label naming one (``Konklusjon:``, ``Vedtak``, ``Oppsummering``,
``Rådmannsutvalgets konklusjon 08.01.10 sak 001/10:``); a proposal (``Forslag til
konklusjon:``, ``Innstilling``) is not a decision. A marker with text after it is a one-
paragraph decision; a marker alone on its line takes the paragraphs below it until the next
label, heading or item. An item with several decisions (``Eventuelt``) keeps them all, and its
sub-points (``a) ...``, ``1. ...``, ``Eventuelt 1: ...``, under "Eventuelt" also a short heading line or a
bullet) become sub-items that own the decisions below them (:func:`subitems`).
"""
from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, replace

from ..model import Attachment, Item, SubItem
from .casenumbers import anchor_for, case_key
from .clean import TextLine
from .dates import find_dates, meeting_end
from .dialects import ItemStart
from .header import strip_markup
from .markdown import item_markdown

DECISION_WORD = re.compile(r"\b(?:\w+s\s+)?(?:konklusjon(?:ar|er)?|vedtak(?:et)?|oppsummering|beslutning|avgjerd|"
                           r"avgjørelse|vedtatt)\b", re.I)
PROPOSAL_WORD = re.compile(r"\b(?:forslag|innstilling|framlegg|tilråding|tilrådning)\b", re.I)
# A sentence that announces the decision below it: "Styret fattet følgende enstemmige vedtak",
# "Kommunestyret gjorde slikt vedtak:", nynorsk "Regionrådet gjorde slikt samrøystes vedtak".
DECISION_SENTENCE_LABEL = re.compile(r"^(?:[\wæøåÆØÅ-]+\s+){1,4}(?:fattet|fatta|gjorde|traff|tok)\s+(?:følgende|følgjande|slikt|slik|"
                                     r"dette)\s+(?:[\wæøå]+\s+){0,2}(?:vedtak|avgjerd|beslutning)\s*[:.]?$", re.I)
# "Formannskapet vedtok:", "Utvalget vedtok enstemmig:", nynorsk "Rådet vedtok samrøystes:": the body
# and its verb, then the decision below
BODY_VERB_LABEL = re.compile(r"^(?:[\wæøåÆØÅ-]+\s+){1,3}vedtok(?:\s+(?:enstemmig|einstemmig|samrøystes|følgende|følgjande|"
                             r"slik|dette|mot\s+\d+\s+stemmer?))*\s*:$", re.I)
# "Innstilling/vedtak:", "Forslag til vedtak/vedtak:": the proposal that is also the decision
PROPOSAL_AND_DECISION = re.compile(r"^(?:innstilling|forslag(?:\s+til\s+vedtak)?|framlegg)\s*/\s*vedtak\s*:", re.I)
# Case-system headings: "Vedtak i Formannskapet - 11.03.2020", "Kommunestyrets vedtak 20.06.2019",
# "Behandling i Formannskapet - 11.03.2020" (the debate, which ends the decision above it).
_DATE_TAIL = r"(?:\s*[-–]?\s*\d{1,2}\.\s*\d{1,2}\.\s*\d{2,4})?"
BODY_DECISION_LABEL = re.compile(rf"^(?:[\wæøå-]+s\s+)?vedtak(?:et)?(?:\s+(?:i|fra|frå)\s+[^\d:]{{2,60}}?)?{_DATE_TAIL}\s*:?$",
                                 re.I)
HANDLING_LABEL = re.compile(rf"^(?:[\wæøå-]+s\s+)?(?:behandling|handsaming)(?:\s+(?:i|fra|frå)\s+[^\d:]{{2,60}}?)?{_DATE_TAIL}\s*:?$",
                            re.I)
SHORT_LABEL = re.compile(r"^[^:]{2,80}:\s*$")
ATTACHMENT_MENTION = re.compile(r"\(\s*+\*?\s*+(?P<label>vedl(?:egg)?\.?\s*+\d+)\s*+\*?\s*+\)", re.I)


@dataclass(frozen=True)
class Segment:
    start: ItemStart
    lines: list[TextLine]  # the item's body, heading excluded


def segments(lines: list[TextLine], starts: list[ItemStart], agenda: dict[str, str] | None = None) -> list[Segment]:
    out = []
    for position, start in enumerate(starts):
        end = starts[position + 1].index if position + 1 < len(starts) else len(lines)
        body = start.body
        if start.title_line is not None and (agenda or {}).get(case_key(start.number) or ""):
            body = start.title_line  # the agenda names the item; the line below is its text
        elif start.title_line is not None:
            start = replace(start, title=lines[start.title_line].stripped)
        out.append(Segment(start, lines[body:end]))
    return out


@functools.lru_cache(maxsize=1 << 14)  # asked of the same lines by several passes
def decision_label(text: str) -> tuple[bool, str] | None:
    """(is it a marker, the text after the label) for a decision label line, else None."""
    plain = strip_markup(text)
    if DECISION_SENTENCE_LABEL.match(plain) or BODY_DECISION_LABEL.match(plain) or BODY_VERB_LABEL.match(plain):
        return True, ""  # "Styret fattet følgende enstemmige vedtak", "Vedtak i Formannskapet - 11.03.2020"
    if PROPOSAL_AND_DECISION.match(plain):
        return True, plain.partition(":")[2].strip().strip("*").strip()
    label, colon, rest = plain.partition(":")
    if not colon:
        label, rest = plain, ""
        if len(label.split()) > 3:
            return None
    if len(label.split()) > 10 or not DECISION_WORD.search(label) or PROPOSAL_WORD.search(label):
        return None
    if not colon and not DECISION_WORD.fullmatch(label.strip().rstrip(".")):
        return None
    if re.match(r"^\s*(?:ikke\s+)?vedtatt\b", label, re.I) and not colon:
        return None
    return True, rest.strip().strip("*").strip()


@functools.lru_cache(maxsize=1 << 14)  # asked of the same lines by several passes
def proposal_label(text: str) -> tuple[bool, str] | None:
    """(True, text after the label) for a proposal's label (``Forslag til vedtak:``, ``INNSTILLING``), else None."""
    if not PROPOSAL_WORD.search(text[:120]):
        return None
    plain = strip_markup(text)
    if PROPOSAL_AND_DECISION.match(plain):
        return None  # "Innstilling/vedtak:" labels the decision (decision_label)
    label, colon, rest = plain.partition(":")
    if not colon and len(label.split()) > 5:
        return None
    if len(label.split()) > 8 or not PROPOSAL_WORD.search(label) or re.search(r"\d", label):
        return None
    return True, rest.strip().strip("*").strip()


# "Enstemmig vedtatt.", "Innstillingen ble vedtatt.", "Dermed ble forslaget vedtatt mot 3 stemmer."
_PROPOSAL_NOUN = r"(?:innstilling(?:en|a)?|forslag(?:et)?|framlegg(?:et)?|tilråding(?:en|a)?)"
_UNANIMOUS = r"(?:enstemmig\s+|einstemmig\s+|samrøystes\s+)?"
_ADOPTED_WORD = r"(?:vedtatt|vedteke|vedteken|godkjent|godkjend|bifalt)"
ADOPTED = re.compile(
    rf"^(?:dermed\s+|og\s+)?(?:(?:{_PROPOSAL_NOUN}(?:\s+\S+){{0,3}}\s+(?:ble|vart|blei|er)\s+)|(?:ble|vart|blei)\s+{_PROPOSAL_NOUN}\s+)?"
    rf"{_UNANIMOUS}{_ADOPTED_WORD}\b(?:\s+(?:mot|med)\s+[^.!?]{{0,60}})?[.!?]?$", re.I)
# "Referatet ble godkjent.", nynorsk "Møteinnkalling og saksliste vart godkjent utan merknadar."
DECISION_SENTENCE = re.compile(
    # a date's dots ("møtet 6. mars", "06.03.2024") do not end the sentence; "i 2024. Neste" does
    r"(?:^|(?<=[.!?]\s))(?P<sentence>[A-ZÆØÅ](?:[^.!?]|(?<=\d)\.(?=\s?[a-zæøå\d])){2,200}?\s(?:ble|vart|blei)\s+"
    r"(?:enstemmig\s+|samrøystes\s+|einstemmig\s+)?"
    r"(?:godkjent|godkjend|vedtatt|vedteke|tatt\s+til\s+orientering|teke\s+til\s+orientering|teke\s+til\s+vitande)"
    r"\b(?:[^.!?]|(?<=\d)\.(?=\s?[a-zæøå\d])){0,160}[.!?]?)")


@functools.lru_cache(maxsize=1 << 14)  # asked of the same lines by several passes
def is_label_line(text: str) -> bool:
    plain = strip_markup(text)
    if HANDLING_LABEL.match(plain):
        return True
    return bool(SHORT_LABEL.match(plain)) and len(plain.split()) <= 10


def looks_like_subheading(text: str) -> bool:
    """``Finansiering Spesialrådgiver``: a short capitalised line without a full stop opens a new sub-point."""
    plain = strip_markup(text)
    words = plain.split()
    return (1 <= len(words) <= 6 and plain[:1].isupper() and not re.search(r"[.!?:;,]$", plain)
            and not re.search(r"\d", plain))


def decision_lines(lines: list[TextLine], label=decision_label) -> list[list[int]]:
    """Groups of line indices that make up each decision (or, with ``proposal_label``, proposal), in order."""
    groups: list[list[int]] = []
    index = 0
    while index < len(lines):
        found = label(lines[index].text) if not lines[index].blank else None
        if not found:
            index += 1
            continue
        group = [index]
        inline = bool(found[1]) and not found[1].endswith(":")  # "Vedtak: Et enstemmig styre vedtok:" + a list
        cursor = index + 1
        while cursor < len(lines):
            line = lines[cursor]
            if line.blank:
                if inline:
                    break
                cursor += 1
                continue
            has_content = inline or len(group) > 1
            if (decision_label(line.text) or proposal_label(line.text) or is_label_line(line.text) or meeting_end(line.text)
                    or line.stripped.startswith("#") or (has_content and ADOPTED.match(line.stripped))
                    or (has_content and looks_like_subheading(line.text))):
                break
            group.append(cursor)
            cursor += 1
        groups.append(group)
        index = cursor
    return groups


def build_item(segment: Segment, position: int, agenda: dict[str, str]) -> tuple[Item, list[tuple[int, int]]]:
    """An Item from its segment, plus the character spans of its decisions in ``text``."""
    start = segment.start
    lines = _trim(segment.lines)
    text, spans = item_markdown(lines)
    groups = decision_lines(lines)
    conclusions, decision_spans = [], []
    for group in groups:
        conclusion = group_text(lines, group)
        if conclusion:
            conclusions.append(conclusion)
        covered = [spans[i] for i in group if i in spans]
        if covered:
            decision_spans.append((covered[0][0], covered[-1][1]))
    proposal_groups = decision_lines(lines, proposal_label)
    proposals = [found for group in proposal_groups if (found := group_text(lines, group))]
    if not conclusions:
        conclusions = _unlabelled_decision(lines, proposals)
    key = case_key(start.number)
    title = start.title.strip().rstrip(":").strip() or agenda.get(key or "", "") or (start.number or "")
    item = Item(
        number=start.number,
        key=key,
        title=_clean_title(title),
        text=text,
        conclusion="\n\n".join(conclusions) or None,
        line=(segment.lines[0].number - 1) if segment.lines else 0,
        anchor=anchor_for(start.number, title, position),
        attachments=tuple(_attachments(lines)),
        proposal="\n\n".join(proposals) or None,
    )
    parts = subitems(lines, text, spans, groups, proposal_groups, holder=bool(SUBITEM_HOLDER.search(title)),
                     anchor=item.anchor)
    return (replace(item, subitems=tuple(parts)) if parts else item), decision_spans


def group_text(lines: list[TextLine], group: list[int]) -> str:
    """The text of a labelled group: what follows the label on its line, then the lines below."""
    parts = [strip_markup(lines[group[0]].text).partition(":")[2].strip().strip("*").strip()] + \
            [strip_markup(lines[i].text) for i in group[1:]]
    return "\n".join(p for p in parts if p)


def _unlabelled_decision(lines: list[TextLine], proposals: list[str]) -> list[str]:
    """A decision the minutes record without a decision label.

    A proposal (``Forslag til vedtak:``, ``Innstilling``) followed by a line saying it was
    adopted (``Enstemmig vedtatt``) is the decision; else the first sentence that records one
    (``Referatet ble godkjent.``, ``Sakslista vart godkjent utan merknader.``).
    """
    if proposals:
        for group in decision_lines(lines, proposal_label):
            after = next((line for line in lines[group[-1] + 1:group[-1] + 4] if not line.blank), None)
            proposal = group_text(lines, group)
            if proposal and after is not None and ADOPTED.match(after.stripped):
                return [proposal]
    for line in lines:
        if line.blank or line.stripped.startswith(("-", "*", "•", "–")):
            continue  # a list of reports ("- Avtalen ble godkjent i styret 6.6") tells of decisions elsewhere
        if " ble " not in line.text and " vart " not in line.text and " blei " not in line.text:
            continue  # every such sentence has its verb: most lines are passed over without the pattern
        match = DECISION_SENTENCE.search(strip_markup(line.text))
        if match and _about_this_meeting(match.group("sentence")):
            return [match.group("sentence").strip()]
    return []


def _about_this_meeting(sentence: str) -> bool:
    """A short statement that does not tell of a decision made elsewhere: no date or meeting after its
    verb ("... godkjent i styrets møte 6.6.2014"). Before the verb they name what was decided
    ("Referatet frå møtet 6. mars vart godkjent")."""
    verb = re.search(r"\s(?:ble|vart|blei)\s", sentence)
    after = sentence[verb.end():] if verb else sentence
    return (len(sentence.split()) <= 25 and not find_dates(after)
            and not re.search(r"\bmøte[tr]?\b|\bstyremøte|\bi\s+[A-ZÆØÅ]", after))


def _trim(lines: list[TextLine]) -> list[TextLine]:
    while lines and lines[-1].blank:
        lines = lines[:-1]
    return lines


def _clean_title(title: str) -> str:
    title = re.sub(r"\s+", " ", title.replace("**", "")).strip()
    return title.rstrip(".") if title.count(".") == 1 and title.endswith(".") else title


def _attachments(lines: list[TextLine]) -> list[Attachment]:
    found: dict[str, Attachment] = {}
    for line in lines:
        for match in ATTACHMENT_MENTION.finditer(line.text):
            digits = re.search(r"\d+", match.group("label"))
            assert digits, "ATTACHMENT_MENTION's label always has digits"
            number = digits.group(0)
            title = strip_markup(line.text[:match.start()]).strip(" -–") or None
            found.setdefault(number, Attachment(f"Vedlegg {number}", title, line.number))
    return list(found.values())


# -- sub-items -----------------------------------------------------------------------------------
# Items that gather unrelated small matters: their sub-points may also be short heading lines or bullets.
SUBITEM_HOLDER = re.compile(r"\b(?:eventuelt|eventuelle\s+saker|diverse|orienteringa[rn]?|orienteringer|"
                            r"orienteringssaker|gjensidig\s+orientering|runde\s+rundt\s+bordet)\b", re.I)
MIN_SUBITEMS = 2
SUBITEM_TITLE = 100  # characters of a bullet's first sentence used as its heading


@dataclass(frozen=True)
class SubPointRule:
    """How one kind of sub-point starts a line: ``title`` is the heading's words; ``whole`` when the line
    is nothing but the heading (the page then shows it as the heading only)."""

    name: str
    pattern: re.Pattern
    holder_only: bool  # only under "Eventuelt" and the like
    whole: bool
    sequence: str = ""  # markers that must count up from the first: "number", "letter"


SUBPOINT_RULES = (
    SubPointRule("eventuelt-n", re.compile(r"^\s*(?:\*\*)?(?P<mark>eventuelt\s+\d{1,2})\s*[:.–-]\s*(?P<title>\S.*?)(?:\*\*)?\s*$",
                                          re.I), False, True),
    SubPointRule("letter", re.compile(r"^\s*(?:\*\*)?(?P<mark>[a-zæøå])\)\s+(?P<title>\S.*?)(?:\*\*)?\s*$"), False, True,
                 "letter"),
    SubPointRule("number", re.compile(r"^\s*(?:\*\*)?(?P<mark>\d{1,2})[.)]\s+(?P<title>\S.*?)(?:\*\*)?\s*$"), False, True,
                 "number"),
    SubPointRule("bullet", re.compile(r"^(?:[-–•*▪]\s*)(?P<title>[A-ZÆØÅ«\"\d].*)$"), True, False),
)


def _subheading(text: str) -> str | None:
    """A short heading line of its own (``eByggesak``, ``Overtid og arbeidsmengde``): its words, else None."""
    plain = strip_markup(text).strip()
    words = plain.split()
    if not (1 <= len(words) <= 8) or len(plain) > 80 or re.search(r"[.!?:;,]$", plain) or plain[:1].isdigit():
        return None
    if plain[:1] in "-–•*▪|#(" or not re.search(r"[A-ZÆØÅ]", plain):
        return None
    return plain


def _eligible(lines: list[TextLine], taken: set[int]) -> list[int]:
    """The indexes of the lines that may start a sub-point by any rule (the same for every rule: found once)."""
    return [index for index, line in enumerate(lines)
            if not (line.blank or index in taken or line.indented or is_label_line(line.text) or meeting_end(line.text))]


def _candidates(lines: list[TextLine], taken: set[int], rule: SubPointRule | None,
                eligible: list[int] | None = None) -> list[tuple[int, str, str, bool]]:
    """(line index, title, marker, heading is the whole line) of each line that starts a sub-point by ``rule``
    (``None``: a short heading line); ``eligible``: :func:`_eligible` of these lines, if known."""
    found = []
    for index in (_eligible(lines, taken) if eligible is None else eligible):
        line = lines[index]
        if rule is None:
            previous = lines[index - 1] if index else None
            title = _subheading(line.text) if previous is None or previous.blank or index - 1 in taken else None
            if title:
                found.append((index, title, "", True))
            continue
        match = rule.pattern.match(line.stripped)
        if match:
            title = strip_markup(match.group("title")).strip()
            whole = rule.whole
            if not whole:
                first = re.split(r"(?<=[.!?])\s", title, maxsplit=1)[0].rstrip(".")
                title = first if len(first) <= SUBITEM_TITLE else first[:SUBITEM_TITLE].rsplit(" ", 1)[0] + " …"
            found.append((index, title, match.groupdict().get("mark") or "", whole))
    return found


def _counts_up(marks: list[str], kind: str) -> bool:
    if kind == "number":
        return [int(m) for m in marks] == list(range(int(marks[0]), int(marks[0]) + len(marks))) and marks[0] == "1"
    if kind == "letter":
        return "".join(m.lower() for m in marks) == "abcdefghijklmnopqrstuvwxyzæøå"[:len(marks)]
    return True


def subitems(lines: list[TextLine], text: str, spans: dict[int, tuple[int, int]], groups: list[list[int]],
             proposal_groups: list[list[int]], holder: bool, anchor: str) -> list[SubItem]:
    """The item's sub-points, each with the decisions that stand below it (before the next one).

    The first rule that finds at least two sub-points with a body of their own wins, so a plain list
    ("1. X", "2. Y" one after the other) or a numbered decision stays text; lines inside a decision or a
    proposal never start a sub-point.
    """
    taken = {i for group in groups + proposal_groups for i in group}
    rules: list[SubPointRule | None] = [rule for rule in SUBPOINT_RULES if holder or not rule.holder_only]
    if holder:
        rules.append(None)
    decision_starts = sorted(group[0] for group in groups)
    eligible = _eligible(lines, taken)
    for rule in rules:
        found = _candidates(lines, taken, rule, eligible)
        if rule is not None and rule.sequence and found and not _counts_up([f[2] for f in found], rule.sequence):
            continue
        bounds = [f[0] for f in found] + [len(lines)]
        bodied = sum(any(not line.blank for line in lines[a + 1:b]) for a, b in itertools.pairwise(bounds))
        with_decision = any(bounds[0] < start for start in decision_starts)
        if len(found) < MIN_SUBITEMS or bodied < MIN_SUBITEMS or ((rule is None or not rule.whole) and not with_decision):
            continue
        return [_subitem(lines, text, spans, groups, found[n], bounds[n + 1], f"{anchor}-punkt-{n + 1}")
                for n in range(len(found))]
    return []


def _subitem(lines, text, spans, groups, candidate, stop: int, anchor: str) -> SubItem:
    index, title, _, whole = candidate
    start, heading_end = spans.get(index, (0, 0))
    if not whole:
        heading_end = start
    ends = [spans[i][1] for i in range(index, stop) if i in spans]
    end = ends[-1] if ends else heading_end
    decisions = [found for group in groups if index < group[0] < stop and (found := group_text(lines, group))]
    return SubItem(title=_clean_title(title), text=text[heading_end:end].strip("\n"), decision="\n\n".join(decisions) or None,
                   line=lines[index].number, anchor=anchor, start=start, heading_end=heading_end, end=end)
