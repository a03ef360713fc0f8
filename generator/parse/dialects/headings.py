"""Minutes whose items are unnumbered headings (``## Godkjenning av innkalling``).

The weakest signal, used only when no numbered form is present: Markdown headings of the
level that repeats most, except headings that name a header section (Til stede, Agenda, ...).
"""
from __future__ import annotations

import re
from collections import Counter

from .. import people
from ..clean import TextLine
from . import ItemStart

NAME = "headings"
HEADING = re.compile(r"^(?P<hashes>#{1,4})\s+(?P<title>\S.*?)\s*#*$")
HEADER_SECTIONS = re.compile(r"^(?:agenda|saksliste|sakliste|dagsorden|innhold|referat|møtereferat|notater|"
                             r"aksjoner|oppfølging|vedlegg|neste\s+møte)\b", re.I)


def _headings(lines: list[TextLine]) -> list[tuple[int, int, str]]:
    found = []
    for index, line in enumerate(lines):
        match = HEADING.match(line.stripped)
        if not match:
            continue
        title = match.group("title").strip("*: ")
        if people.section_status(title) or HEADER_SECTIONS.match(title) or not title:
            continue
        found.append((index, len(match.group("hashes")), title))
    return found


def _item_level(found: list[tuple[int, int, str]]) -> int | None:
    levels = Counter(level for _, level, _ in found if level > 1) or Counter(level for _, level, _ in found)
    repeated = [level for level, count in levels.items() if count >= 2]
    return min(repeated) if repeated else None


def confidence(lines: list[TextLine]) -> float:
    found = _headings(lines)
    level = _item_level(found)
    count = sum(1 for _, lvl, _ in found if lvl == level)
    return 0.3 if count >= 2 else 0.0


def item_starts(lines: list[TextLine]) -> list[ItemStart]:
    found = _headings(lines)
    level = _item_level(found)
    return [ItemStart(index, index + 1, None, title) for index, lvl, title in found if lvl == level]
