"""Minutes kept as a table of cases, exported to text (Grenland style).

Each row starts with tab-indented cells: the case number alone (``\\t34/23``), then the title
(``\\tReferat fra ...``); the case text follows unindented. A row whose first cell is text
instead of a number is an unnumbered item (``\\tOrienteringer``). The column-header row
(``Saksnr.``) is not an item.
"""
from __future__ import annotations

import re

from ..casenumbers import YEARED_NUMBER
from ..clean import TextLine
from . import ItemStart

NAME = "case_table"
COLUMN_HEADER = re.compile(r"^(?:saks?\s*nr\.?|sak|saksnummer|nr\.?)$", re.I)


def _row_number(line: TextLine) -> bool:
    return line.indented and bool(YEARED_NUMBER.match(line.stripped))


def confidence(lines: list[TextLine]) -> float:
    rows = sum(1 for line in lines if _row_number(line))
    return min(1.0, rows / 3) * 0.9


def item_starts(lines: list[TextLine]) -> list[ItemStart]:
    starts: list[ItemStart] = []
    header_seen = False
    for index, line in enumerate(lines):
        if not line.indented or line.blank:
            continue
        if COLUMN_HEADER.match(line.stripped):
            header_seen = True
            continue
        title_index = _next_nonblank(lines, index + 1)
        if _row_number(line):
            if title_index is None:
                continue
            starts.append(ItemStart(index, title_index + 1, line.stripped, lines[title_index].stripped))
        elif (header_seen and _starts_row(lines, index) and title_index is not None
              and lines[title_index].indented and not _row_number(lines[title_index])
              and not _is_header_row_cell(lines, index)):
            starts.append(ItemStart(index, index + 1, None, line.stripped))
    return starts


def _next_nonblank(lines: list[TextLine], start: int) -> int | None:
    for index in range(start, min(len(lines), start + 4)):
        if not lines[index].blank:
            return index
    return None


def _starts_row(lines: list[TextLine], index: int) -> bool:
    """A tab-indented line after a blank line (or another row's end) begins a table row."""
    return index == 0 or lines[index - 1].blank


def _is_header_row_cell(lines: list[TextLine], index: int) -> bool:
    previous = next((lines[i] for i in range(index - 1, -1, -1) if not lines[i].blank), None)
    return previous is not None and previous.indented and bool(COLUMN_HEADER.match(previous.stripped))
