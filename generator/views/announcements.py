"""Announced meetings: the future meetings of a body that its minutes announce ("neste møte 4.9",
a "møtekalender 2021"), and which of them are still upcoming. Rendered by the body pages and the
calendar files (generator/render/feeds.py).
"""
from __future__ import annotations

import datetime as dt
import os
import re
from collections import defaultdict
from dataclasses import dataclass

from ..model import Archive, Item, Meeting, Reference
from ..parse.dates import find_dates, resolve_year

FUTURE_CUE = re.compile(r"^(?:neste|ekstra|nytt|kommende)\b", re.IGNORECASE)
THEIR = re.compile(r"\b(?:sitt|sin|sine|deres|hans|hennes)\s+$", re.IGNORECASE)  # "i sitt neste møte": someone else's
CALENDAR_ITEM = re.compile(r"møtekalender|møteplan|møtedatoer|møtedager", re.IGNORECASE)


@dataclass(frozen=True)
class Announcement:
    """A future meeting of a body, as announced in an earlier meeting's minutes."""

    date: str
    org_slug: str
    body_slug: str
    meeting_id: str  # where it was announced
    announced: str  # the announcing meeting's date
    anchor: str
    number: str | None
    title: str
    text: str  # the announcing words



def announcements(archive: Archive) -> dict[tuple[str, str], tuple[Announcement, ...]]:
    """Per body: the future meetings its minutes announce ("neste møte 4.9", a "møtekalender 2021")."""
    found: dict[tuple[str, str], dict[str, Announcement]] = defaultdict(dict)
    for meeting in sorted(archive.meetings, key=lambda m: (m.date, m.id)):
        for item in meeting.items:
            for announcement in _announced(meeting, item):
                found[(meeting.org_slug, meeting.body_slug)].setdefault(announcement.date, announcement)
    return {key: tuple(dates[d] for d in sorted(dates)) for key, dates in sorted(found.items())}


def _announced(meeting: Meeting, item: Item) -> list[Announcement]:
    out = [_announcement(meeting, item, ref.target, ref.text) for ref in item.references
           if ref.target and is_announcement(meeting, item, ref)]
    if CALENDAR_ITEM.search(item.title):
        day = dt.date.fromisoformat(meeting.date)
        for found in find_dates(f"{item.title}\n{item.text}"):
            date = resolve_year(found, day, future=True)
            if date and date > day:
                out.append(_announcement(meeting, item, date.isoformat(), f"{item.title}: {found.text}"))
    return out


def is_announcement(meeting: Meeting, item: Item, ref: Reference) -> bool:
    """Whether ``ref`` announces a future meeting of the body itself ("neste møte 4.9")."""
    if ref.kind != "meeting" or ref.external or not ref.target or ref.target <= meeting.date:
        return False
    source = item.title if ref.where == "title" else item.text
    return bool(FUTURE_CUE.match(ref.text)) and not THEIR.search(source[max(0, ref.start - 12):ref.start])


def _announcement(meeting: Meeting, item: Item, date: str, text: str) -> Announcement:
    return Announcement(date, meeting.org_slug, meeting.body_slug, meeting.id, meeting.date, item.anchor, item.number,
                        item.title, text)


UPCOMING_SHOWN = 5  # announced meetings in a body page's box; the calendar file has them all


def reference_date(archive: Archive) -> str:
    """The day "upcoming" is counted from: the build's ``SOURCE_DATE_EPOCH`` when set, else the newest
    meeting's date. Never the clock, so the same sources give the same pages."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date().isoformat()
    return max((m.date for m in archive.meetings), default="1970-01-01")


@dataclass(frozen=True)
class Upcoming:
    """An announced meeting after the reference date, with the meeting page when it has been held."""

    announcement: Announcement
    held: str | None  # meeting id


def upcoming(archive: Archive, announced: dict[tuple[str, str], tuple[Announcement, ...]],
             reference: str) -> dict[tuple[str, str], list[Upcoming]]:
    """Per body: its announced meetings after ``reference``, soonest first."""
    held = {(m.org_slug, m.body_slug, m.date): m.id for m in sorted(archive.meetings, key=lambda m: m.id, reverse=True)}
    return {key: [Upcoming(a, held.get((*key, a.date))) for a in items if a.date > reference]
            for key, items in announced.items()}
