"""Atom and RSS feeds of meetings, and iCalendar files of the meetings minutes announce.

Deterministic: every date in a feed is a meeting date (never the build time), so the same
sources give byte-identical files. With a site URL (``ARCHIVE_SITE_URL``, else ``site_url`` in
``mkdocs.yml``) every link is absolute, as RSS 2.0 requires; without one, links are relative to the
feed's own address and feed readers resolve them against the feed URL. Entry ids are UUIDs derived
from the meeting id, so they stay the same wherever the site is published. The calendar has every
held meeting (time, place, link) and every announced one.
"""
from __future__ import annotations

import datetime as dt
import html
import os
import posixpath
import re
import uuid
from collections.abc import Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
from feedgen.feed import FeedGenerator

from .. import urls
from ..model import Archive, Body, Meeting, Organisation
from ..views.announcements import Announcement

OSLO = ZoneInfo("Europe/Oslo")
FEED_LENGTH = 50  # newest meetings per feed
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:minutes-archive")
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")



def clean(text: str | None) -> str:
    """Source text made safe for XML 1.0 (control characters dropped)."""
    return NOT_XML.sub("", text or "")


# -- feeds ----------------------------------------------------------------------------------------

SITE_URL_LINE = re.compile(r"^site_url:\s*['\"]?(?P<url>https?://[^'\"\s#]+)", re.M)


def site_url(config: Path = Path("mkdocs.yml")) -> str:
    """The published site's address with a trailing slash ("" when none is configured): the
    ``ARCHIVE_SITE_URL`` environment variable (CI sets it from the Pages URL), else ``site_url`` in mkdocs.yml."""
    url = os.environ.get("ARCHIVE_SITE_URL", "").strip()
    if not url and config.is_file():
        match = SITE_URL_LINE.search(config.read_text(encoding="utf-8", errors="replace"))
        url = match.group("url") if match else ""
    return url.rstrip("/") + "/" if url.startswith(("http://", "https://")) else ""


def _href(base: str, folder: str, target: str) -> str:
    """``target`` (a site path) as seen from the feed in ``folder``: absolute with a site URL, else relative."""
    if base:
        return base + target
    return posixpath.relpath(target or ".", folder or ".") + ("/" if target.endswith("/") or not target else "")

def feed_files(archive: Archive, base: str | None = None) -> dict[str, bytes]:
    """``atom.xml`` and ``rss.xml`` for the archive and for every body (``base``: the site URL, see site_url)."""
    base = site_url() if base is None else base
    files: dict[str, bytes] = {}
    bodies, by_body = archive.bodies, archive.meetings_by_body
    files.update(_feed_pair("", "Møtearkiv for regionale samarbeid", "Nye møtereferater i arkivet",
                            archive.meetings, bodies, base))
    for (org_slug, body_slug), (org, body) in sorted(bodies.items()):
        files.update(_feed_pair(urls.body_folder(org_slug, body_slug) + "/", f"{body.name} ({org.name})",
                                f"Nye møtereferater fra {body.name}", list(by_body.get((org_slug, body_slug), ())), bodies,
                                base))
    return files


def _feed_pair(folder: str, title: str, description: str, meetings, bodies, base: str = "") -> dict[str, bytes]:
    newest = sorted(meetings, key=lambda m: (m.date, m.id), reverse=True)[:FEED_LENGTH]
    return {f"{folder}{name}.xml": render(_feed(folder, title, description, newest, bodies, name, base))
            for name, render in (("atom", lambda f: f.atom_str(pretty=True)), ("rss", lambda f: f.rss_str(pretty=True)))}


def _feed(folder: str, title: str, description: str, meetings: list[Meeting], bodies, kind: str,
          base: str = "") -> FeedGenerator:
    feed = FeedGenerator()
    feed.id(f"urn:uuid:{uuid.uuid5(NAMESPACE, 'feed:' + folder)}")
    feed.title(clean(title))
    feed.description(clean(description))
    feed.language("nb")
    feed.generator("minutes-archive")
    feed.link(href=base + folder if base else "./", rel="alternate")
    feed.link(href=f"{base}{folder}{kind}.xml" if base else f"{kind}.xml", rel="self")
    updated = meeting_time(meetings[0]) if meetings else dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    feed.updated(updated)
    feed.lastBuildDate(updated)
    for meeting in meetings:
        org, body = bodies[(meeting.org_slug, meeting.body_slug)]
        entry = feed.add_entry(order="append")
        entry.id(f"urn:uuid:{uuid.uuid5(NAMESPACE, 'meeting:' + meeting.id)}")
        entry.title(clean(f"{body.short_name} ({org.short_name}) {day_month_year(meeting.date)}"))
        entry.link(href=_href(base, folder, urls.meeting_address(meeting.id)))
        entry.published(meeting_time(meeting))
        entry.updated(meeting_time(meeting))
        text = clean(summary(meeting, body))
        if kind == "rss":
            # Readers treat an RSS description as HTML: escape it for that context too, so a case title
            # "<img src=x onerror=...>" reads as those characters instead of being an image.
            entry.description(html.escape(text, quote=False), isSummary=True)
        else:
            entry.summary(text)  # Atom: a text construct (type="text"), shown as plain text
    return feed


def meeting_time(meeting: Meeting) -> dt.datetime:
    """When the meeting started (midnight when the minutes give no time), Norwegian time."""
    hour, minute = map(int, (meeting.start or "00:00").split(":"))
    date = dt.date.fromisoformat(meeting.date)
    return dt.datetime(date.year, date.month, date.day, min(hour, 23), min(minute, 59), tzinfo=OSLO)


def day_month_year(iso: str) -> str:
    """2020-12-14 -> 14.12.2020, the way Norwegian minutes write dates."""
    return ".".join(reversed(iso.split("-")))


def summary(meeting: Meeting, body: Body) -> str:
    cases = "; ".join(f"{item.number} {item.title}" if item.number else item.title for item in meeting.items)
    where = f" – {meeting.location}" if meeting.location else ""
    return f"Møte i {body.name} {day_month_year(meeting.date)}{where}. Saker: {cases or 'ingen'}."


# -- iCalendar ----------------------------------------------------------------------------------

CALENDAR_HELD = 50  # the newest held meetings per calendar (announced ones are all there): a bounded file


def calendar_files(archive: Archive, announced: dict[tuple[str, str], tuple[Announcement, ...]],
                   base: str | None = None) -> dict[str, bytes]:
    """``<organisation>/<body>/moter.ics`` for every body (empty calendars included, so links never break)."""
    base = site_url() if base is None else base
    held = archive.meetings_by_body
    files = {}
    for org in archive.organisations:
        for body in org.bodies:
            key = (org.slug, body.slug)
            files[urls.body_calendar(org.slug, body.slug)] = calendar(org, body, announced.get(key, ()),
                                                                   held.get(key, [])[-CALENDAR_HELD:], base)
    return files


def calendar(org: Organisation, body: Body, announced: tuple[Announcement, ...], held: Sequence[Meeting] = (),
             base: str = "") -> bytes:
    """The body's meetings: each held one with its time, place and page, and each announced date no
    meeting has been held on yet. One uid per body and date, so a calendar that subscribed to an
    announced date sees it become the held meeting."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//minutes-archive//Møtearkiv//NO")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", clean(f"{body.short_name} ({org.short_name}): møter"))
    held_dates = {meeting.date for meeting in held}
    events = [(meeting.date, 0, _held_event(org, body, meeting, base)) for meeting in held]
    events += [(item.date, 1, _announced_event(org, body, item, base)) for item in announced if item.date not in held_dates]
    for _, _, event in sorted(events, key=lambda e: (e[0], e[1])):
        cal.add_component(event)
    return cal.to_ical()


def _uid(org: Organisation, body: Body, date: str) -> str:
    return f"{uuid.uuid5(NAMESPACE, f'announced:{org.slug}/{body.slug}/{date}')}"


def _held_event(org: Organisation, body: Body, meeting: Meeting, base: str) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", _uid(org, body, meeting.date))
    event.add("dtstamp", dt.datetime.fromisoformat(meeting.date).replace(tzinfo=dt.UTC))
    if meeting.start:
        start = meeting_time(meeting)  # Norwegian time, written as UTC: no VTIMEZONE block needed
        event.add("dtstart", start.astimezone(dt.UTC))
        if meeting.end and meeting.end > meeting.start:
            hour, minute = map(int, meeting.end.split(":"))
            event.add("dtend", start.replace(hour=min(hour, 23), minute=min(minute, 59)).astimezone(dt.UTC))
    else:
        event.add("dtstart", dt.date.fromisoformat(meeting.date))
    event.add("summary", clean(f"Møte i {body.name}"))
    if meeting.location:
        event.add("location", clean(meeting.location))
    url = _href(base, urls.body_folder(org.slug, body.slug) + "/", urls.meeting_address(meeting.id))
    event.add("url", url)
    event.add("description", clean(f"Referat: {url}"))
    return event


def _announced_event(org: Organisation, body: Body, item: Announcement, base: str) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", _uid(org, body, item.date))
    event.add("dtstamp", dt.datetime.fromisoformat(item.announced).replace(tzinfo=dt.UTC))
    event.add("dtstart", dt.date.fromisoformat(item.date))
    event.add("summary", clean(f"Møte i {body.name}"))
    case = f"sak {item.number}: " if item.number else ""
    event.add("url", _href(base, urls.body_folder(org.slug, body.slug) + "/",
                           urls.meeting_address(item.meeting_id, item.anchor)))
    event.add("description", clean(f"Kunngjort i møtet {day_month_year(item.announced)} ({case}{item.title}): "
                                   f"«{item.text}»."))
    return event
