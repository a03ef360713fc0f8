"""Minutes formats ("dialects"): how a document marks where an agenda item starts.

Each dialect is one module with ``NAME``, ``confidence(lines) -> float`` (0..1: how sure it
is that the document is its kind) and ``item_starts(lines) -> list[ItemStart]``. Everything
else about minutes (header, attendees, decisions, references) is shared and lives outside.
Adding a format = adding one module here and listing it in ``DIALECTS``.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass

from ..clean import TextLine


@dataclass(frozen=True)
class ItemStart:
    """Where an item starts: ``index`` of its heading line, ``body`` of its first content line."""

    index: int
    body: int
    number: str | None
    title: str
    level: int = 1  # 1 for items, 2 for sub-items (5.1 under 5)
    title_line: int | None = None  # a title on the line below the number, used when the agenda has none


DIALECTS = [
    "generator.parse.dialects.case_table",
    "generator.parse.dialects.case_headings",
    "generator.parse.dialects.numbered",
    "generator.parse.dialects.headings",
]


def choose_dialect(lines: list[TextLine], scores: dict[str, float] | None = None):
    """The dialect most confident about these lines (ties go to the first listed).

    ``scores``, when given, receives every dialect's confidence (for ``explain``).
    """
    modules = [importlib.import_module(name) for name in DIALECTS]
    scored = [(module.confidence(lines), -position, module) for position, module in enumerate(modules)]
    if scores is not None:
        scores.update({module.NAME: confidence for confidence, _, module in scored})
    best = max(scored, key=lambda entry: (entry[0], entry[1]))
    return best[2] if best[0] > 0 else None
