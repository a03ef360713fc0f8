"""Source lines of one item as clean Markdown, remembering where each line went.

Lists stay lists (``•``, ``–``, ``-Text`` become ``- ``; indentation becomes Markdown nesting),
tables stay tables, each source paragraph stays a paragraph, and lines a PDF wrapped mid-sentence
are joined again. No source text is dropped.
"""
from __future__ import annotations

import re

from .clean import TextLine

BULLET = re.compile(r"^(?P<indent>[ \t]*)(?:[-–•*▪◦·●○]|\d{1,2}[.)]|[a-z][.)])(?P<space>[ \t]+)(?P<rest>\S.*)$")
# A table of contents line's leader and page number (``Saksliste ...... 3``, ``Saksliste\t3``).
# Written so a long line is scanned once: a match starts only where a run of whitespace or leader
# characters starts, and whitespace runs are possessive (``*+``).
_LEADER = r"(?:(?<!\.)\.{3,}|(?<!…)…+|(?<!\. )(?:\. ){3,})"
TOC_TAIL = re.compile(rf"(?<!\s)\s*+{_LEADER}[^\S\t]*+\t\s*+\d{{1,3}}\s*$"  # leader, then whitespace with a tab
                      r"|(?<!\s)[^\S\t]*+\t\s*+\d{1,3}\s*$"  # whitespace with a tab
                      r"|(?<!\s)\s*+(?:(?<!\.)\.{3,}|(?<!…)…+)\s*+\d{1,3}\s*$")  # leader
DASH_TIGHT = re.compile(r"^(?P<indent>[ \t]*)[-–](?P<rest>[A-ZÆØÅ«\"].*)$")  # "-Krav fra PBL": a sub-point


def item_markdown(lines: list[TextLine]) -> tuple[str, dict[int, tuple[int, int]]]:
    """The Markdown of ``lines`` and, per line index, the span of text it produced."""
    out: list[str] = []
    spans: dict[int, tuple[int, int]] = {}
    length = 0
    previous_kind = "blank"
    previous_text = ""

    def emit(piece: str) -> tuple[int, int]:
        nonlocal length
        out.append(piece)
        start = length
        length += len(piece)
        return start, length

    for index, line in enumerate(lines):
        text = line.text.replace("\u00a0", " ")
        if line.toc:  # a table of contents: the dot leaders and Word page numbers mean nothing on the web
            text = TOC_TAIL.sub("", text)
        if not text.strip():
            previous_kind = "blank"
            continue
        kind, markdown = _convert(text)
        if kind == "text" and previous_kind == "text" and _is_wrap(previous_text, markdown):
            spans[index] = emit(" " + markdown)
        else:
            separator = "" if not out else ("\n" if kind == previous_kind and kind in ("list", "table") else "\n\n")
            emit(separator)
            spans[index] = emit(markdown)
        previous_kind, previous_text = kind, markdown
    return "".join(out), spans


def _convert(text: str) -> tuple[str, str]:
    stripped = text.strip()
    if stripped.startswith("|") and stripped.endswith("|"):
        return "table", stripped
    if stripped.startswith("#"):
        return "heading", stripped
    match = BULLET.match(text)
    if match:
        marker = re.match(r"[ \t]*(\d{1,2}[.)])", text)
        level = _level(match.group("indent"))
        rest = match.group("rest")
        bullet = f"{marker.group(1)[:-1]}." if marker else "-"
        return "list", "    " * level + f"{bullet} {_inline(rest)}"
    match = DASH_TIGHT.match(text)
    if match:
        return "list", "    " * _level(match.group("indent")) + f"- {_inline(match.group('rest'))}"
    return "text", _inline(stripped)


def _level(indent: str) -> int:
    width = indent.replace("\t", "    ")
    return min(len(width) // 2, 4) if width.strip() == "" and not indent.startswith("\t") else 0


def _inline(text: str) -> str:
    return re.sub(r"[ \t]{2,}|\t", " ", text).strip()


def _is_wrap(previous: str, current: str) -> bool:
    """A line a PDF (or a fixed-width text) broke mid-sentence: join it to the one before."""
    return len(previous) >= 60 and not re.search(r"[.:!?;»)\]]$", previous) and current[:1].islower()
