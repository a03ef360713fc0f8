"""Minutes whose items are headed by the word "Sak" and a number (Kongsbergregionen, Nordmøre).

``Sak 001/10: Referatsaker``, ``Sak 14-22 Tema Ledelse``, ``## Sak 1 Godkjenning av innkalling``,
``PS 6/26 Referatsaker`` and ``RS 4/26 ...`` (case series), ``V-sak 12/24``, ``Styresak 14/24``,
``Sak nr. 1`` (the title then comes from the agenda). Lines in a table of contents or in a
list (``- Sak 088/09 Formannskapet ...``) are mentions, not headings. Numbered Markdown
headings below an item (``### 5.1 - Semesterstøtte``) are its sub-items.
"""
from __future__ import annotations

import re

from ..clean import TextLine
from . import ItemStart

NAME = "case_headings"
SAK_HEADING = re.compile(
    r"^(?:#{1,6}\s*)?(?:\*\*)?\s*(?:Sak(?:\s*nr\.?|snr\.?)?(?:\s*:)?|SAK(?:\s*NR\.?)?(?:\s*:)?|(?P<series>PS|RS|DS|OS|FO|US|[A-ZÆØÅ]-[Ss]ak)|"
    r"[A-ZÆØÅ][a-zæøå]{2,20}sak)\s*(?P<num>\d{1,4}(?:\s*[/-]\s*(?:\d{4}|\d{2}))?)(?![\d/])"
    r"\s*(?:\*\*)?\s*[:.\-–]?\s*(?:\*\*)?\s*(?P<title>.*?)\s*(?:\*\*)?$",
    re.I,
)
# "34/23 Referat fra ..." : a yeared case number starting a line, then a capitalised title
BARE_HEADING = re.compile(r"^(?:#{1,6}\s*)?(?:\*\*)?(?P<num>\d{1,4}/(?:\d{4}|\d{2}))(?![\d/-])\s*(?:\*\*)?\s*[:.\-–]?\s+"
                          r"(?:\*\*)?(?P<title>[A-ZÆØÅ«\"].*?)\s*(?:\*\*)?$")
SUB_HEADING = re.compile(r"^#{2,6}\s*(?P<num>\d{1,3}\.\d{1,2})\.?\s*[-–:]?\s*(?P<title>\S.*)$")
MAX_TITLE_WORDS = 30


# "SAK : Budsjett 2024": a case heading whose number was lost in conversion is still an item
LOST_NUMBER_HEADING = re.compile(r"^(?:#{1,6}\s*)?(?:\*\*)?\s*(?:SAK|Sak)\s*(?:nr\.?)?\s*:\s*(?P<title>[A-ZÆØÅ].{2,200}?)\s*(?:\*\*)?$")


def heading(line: TextLine) -> tuple[str, str] | None:
    if line.toc or line.blank or (line.text.startswith((" ", "-", "*", "•", "–")) and not line.text.startswith("**")):
        return None
    match = SAK_HEADING.match(line.stripped) or (BARE_HEADING.match(line.text) if not line.indented else None)
    if not match and (lost := LOST_NUMBER_HEADING.match(line.stripped)):
        return ("", lost.group("title").rstrip(":")) if len(lost.group("title").split()) <= MAX_TITLE_WORDS else None
    if not match or len(match.group("title").split()) > MAX_TITLE_WORDS:
        return None
    title = match.group("title")
    if title[:1].islower():  # "Sak 5 ble utsatt" is a sentence, not a heading
        return None
    number = match.group("num")
    series = match.groupdict().get("series")
    # The main series (PS, like "Sak") is the plain number; another series keeps its prefix: "RS 4/26".
    # V-sak/O-sak (vedtak, orientering) number one series with the plain "Sak"; "Styresak 14/24" too.
    return (f"{series} {number}" if series and series != "PS" and "-" not in series else number), title.rstrip(":")


def confidence(lines: list[TextLine]) -> float:
    count = sum(1 for line in lines if heading(line))
    return min(1.0, count / 2) * 0.85


def _title_below(lines: list[TextLine], index: int) -> int | None:
    """``Sak 12/21`` alone on a line with the title on the next: the index of that title line."""
    following = next((i for i in range(index + 1, min(len(lines), index + 3)) if not lines[i].blank), None)
    if following is None:
        return None
    text = lines[following].stripped
    if (len(text.split()) > 12 or text.endswith((",", ":")) or text.startswith(("-", "*", "•", "#", "|"))
            or heading(lines[following]) or not text[:1].isupper()):
        return None
    return following


# "Saksnr.: 045/24" / "Arkivsaksnr.: 24/1234" / "Tittel: Årsregnskap 2023": a case's number and its
# title as labels on lines of their own (a case-management system's "møtebok")
TITLE_LABEL = re.compile(r"^(?:\*\*)?(?:Tittel|Sakstittel|Gjelder|Emne|Overskrift)\s*:\s*(?:\*\*)?\s*(?P<title>[^\s*].*?)\s*(?:\*\*)?$",
                         re.I)
TITLE_LABEL_WITHIN = 6  # lines after the number (archive number, case officer, ... come between)


def _title_label(lines: list[TextLine], index: int) -> str | None:
    for following in range(index + 1, min(len(lines), index + 1 + TITLE_LABEL_WITHIN)):
        if heading(lines[following]):
            return None
        found = TITLE_LABEL.match(lines[following].stripped)
        if found and len(found.group("title").split()) <= MAX_TITLE_WORDS:
            return found.group("title")
    return None


def item_starts(lines: list[TextLine]) -> list[ItemStart]:
    starts: list[ItemStart] = []
    for index, line in enumerate(lines):
        found = heading(line)
        if found and not found[1] and (title := _title_label(lines, index)):
            starts.append(ItemStart(index, index + 1, found[0] or None, title))  # the label lines stay its text
            continue
        if found and not found[1] and (below := _title_below(lines, index)) is not None:
            starts.append(ItemStart(index, below + 1, found[0] or None, "", title_line=below))
            continue
        if found:
            starts.append(ItemStart(index, index + 1, found[0] or None, found[1]))
            continue
        sub = SUB_HEADING.match(line.stripped) if starts else None
        if sub and not line.toc and sub.group("num").split(".")[0] == _ordinal(starts[-1].number):
            starts.append(ItemStart(index, index + 1, sub.group("num"), sub.group("title"), level=2))
    return starts


def _ordinal(number: str | None) -> str | None:
    return str(int(number)) if number and number.isdigit() else None
