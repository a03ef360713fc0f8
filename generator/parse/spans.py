"""A set of disjoint character spans with a logarithmic overlap test.

Finders that take the first of several overlapping matches (dates, references, links) ask
"does this overlap anything taken?" once per match; a linear scan of the taken spans makes a
line with many matches quadratic.
"""
from __future__ import annotations

from bisect import bisect_left


class SpanSet:
    """Disjoint half-open spans ``[start, end)``."""

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []

    def overlaps(self, start: int, end: int) -> bool:
        # The spans are disjoint, so sorted by start they are sorted by end too: only the last
        # span starting before ``end`` can reach past ``start``.
        index = bisect_left(self._spans, (end, -1))
        return index > 0 and self._spans[index - 1][1] > start

    def add(self, start: int, end: int) -> None:
        """Add a span, merging it with the spans it overlaps (the set stays disjoint)."""
        index = bisect_left(self._spans, (start, -1))
        if index > 0 and self._spans[index - 1][1] > start:
            index -= 1
            start = self._spans[index][0]
        while index < len(self._spans) and self._spans[index][0] < end:
            end = max(end, self._spans.pop(index)[1])
        self._spans.insert(index, (start, end))

    def __iter__(self):
        return iter(self._spans)
