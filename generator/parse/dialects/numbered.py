"""Minutes whose items are numbered without the word "Sak" (project groups, boards, work groups).

``1. Referat`` on its own line followed by the item's content, ``### 1. Gjennomgang``,
``## 087 Godkjenning av innkalling``, sub-items ``#### 2.1 Issue ...``. A run of numbered
lines with nothing between them is a list (an agenda), not a series of headings.
"""
from __future__ import annotations

import re

from ..clean import TextLine
from . import ItemStart

NAME = "numbered"
MD_NUMBERED = re.compile(r"^(?P<hashes>#{1,6})\s*(?:\*\*)?(?P<num>\d{1,3}(?:\.\d{1,2})*)[.)]?\s*[-–:]?\s+(?P<title>\S.*?)(?:\*\*)?$")
PLAIN_NUMBERED = re.compile(r"^(?P<num>\d{1,2})[.)]\s+(?P<title>\S.*)$")
MAX_TITLE_WORDS = 15


def _plain_heading(lines: list[TextLine], index: int) -> tuple[str, str] | None:
    line = lines[index]
    match = PLAIN_NUMBERED.match(line.text)
    if not match or line.toc:
        return None
    title = match.group("title").strip()
    words = title.split()
    if len(words) > MAX_TITLE_WORDS or (re.search(r"[.!?]\s+[A-ZÆØÅ]", title) and len(words) > 6):
        return None
    following = next((lines[i] for i in range(index + 1, len(lines)) if not lines[i].blank), None)
    adjacent = [lines[i] for i in (index - 1, index + 1) if 0 <= i < len(lines)]
    if following is None or any(PLAIN_NUMBERED.match(line.text) for line in adjacent):
        return None  # last line of the document, or one entry of a numbered list
    return match.group("num"), title


def _consecutive(starts: list[ItemStart]) -> list[ItemStart]:
    """Plain numbered items count 0 or 1, 2, 3 ...: keep the longest such run.

    An agenda listed with blank lines between its entries and then the sections give two runs of
    the same numbers: both are kept (the parser merges an agenda entry with its section).
    """
    runs: list[list[ItemStart]] = []
    for first, start in enumerate(starts):
        if start.number not in ("0", "1") or any(start in run for run in runs):
            continue
        run = [start]
        for following in starts[first + 1:]:
            if following.number in ("0", "1") and len(run) > 1:
                break  # the numbering starts again: another run
            if _number(following) == _number(run[-1]) + 1:
                run.append(following)
        runs.append(run)
    if not runs:
        return []
    longest = max(len(run) for run in runs)
    best = [run for run in runs if len(run) == longest]
    if len(best) > 1 and all([s.number for s in run] == [s.number for s in best[0]] for run in best):
        return sorted((s for run in best for s in run), key=lambda s: s.index)
    return best[0]


def _number(start: ItemStart) -> int:
    assert start.number is not None, "a plain numbered heading always has its number"
    return int(start.number)


def _markdown_heading(line: TextLine) -> tuple[str, str, int] | None:
    match = MD_NUMBERED.match(line.stripped)
    if not match or line.toc:
        return None
    number = match.group("num")
    return number, match.group("title").strip(), len(match.group("hashes"))


def confidence(lines: list[TextLine]) -> float:
    markdown = sum(1 for line in lines if _markdown_heading(line))
    plain = len(_consecutive([ItemStart(index, index + 1, found[0], found[1])
                              for index in range(len(lines)) if (found := _plain_heading(lines, index))]))
    return min(1.0, max(markdown, plain) / 3) * 0.8


def item_starts(lines: list[TextLine]) -> list[ItemStart]:
    markdown = [(index, found) for index, line in enumerate(lines) if (found := _markdown_heading(line))]
    if len(markdown) >= 2:
        top = min(len(str(number).split(".")) for _, (number, _, _) in markdown)
        return [ItemStart(index, index + 1, number, title, level=len(number.split(".")) - top + 1)
                for index, (number, title, _) in markdown]
    return _consecutive([ItemStart(index, index + 1, plain[0], plain[1])
                         for index in range(len(lines)) if (plain := _plain_heading(lines, index))])
