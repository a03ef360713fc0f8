"""The order of a case register: by year, then number, newest first (not as text: 1/19, 10/19, 100/19).

The browser sorts the same way when the "Sak" column is clicked (generator/assets/javascripts/tables.js).
"""
from __future__ import annotations

import re

from ..model import Item, Meeting

CASE_KEY = re.compile(r"^(\d{1,4})/(\d{2,4})$")


def case_year_number(meeting: Meeting, item: Item) -> tuple[int, int]:
    """(year, number) of a case: 34/23 -> (2023, 34), 1/2010 -> (2010, 1); a number without a year counts
    as the meeting's year, an unnumbered case as (-1, 0)."""
    meeting_year = int(meeting.date[:4])
    match = CASE_KEY.match(item.key or "")
    if match:
        year = int(match.group(2))
        if year < 100:
            year += meeting_year // 100 * 100
            if year > meeting_year + 1:
                year -= 100
        return year, int(match.group(1))
    if item.key and item.key.isdigit():
        return meeting_year, int(item.key)
    return -1, 0


def register_order(meetings: list[Meeting]) -> list[tuple[Meeting, Item]]:
    """Every case of ``meetings``, newest first by year and number (ties: the later meeting, then the
    agenda's order); unnumbered cases last."""
    rows = [(meeting, position, item) for meeting in meetings for position, item in enumerate(meeting.items)]
    rows.sort(key=lambda row: (case_year_number(row[0], row[2]), row[0].date, row[0].id, -row[1]), reverse=True)
    return [(meeting, item) for meeting, _, item in rows]
