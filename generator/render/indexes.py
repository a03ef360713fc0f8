"""Stage 4b: the pages readers browse by: case threads, case permalinks, open follow-ups, people,
municipalities and topics; plus what meeting pages show of them (thread, permalink, topics, people).

Like :mod:`generator.render.pages`, returns ``{docs path: Markdown}`` and writes nothing; source text
goes through :mod:`generator.render.escape` only.
"""
from __future__ import annotations

import functools
import html
import json
import posixpath
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .. import urls
from ..errors import SourceError
from ..model import Archive, Attendee, Meeting
from ..urls import Page
from ..views import Views
from ..views.people import municipality_key, periods, slug
from ..views.threads import CasePermalink, Step, Thread
from ..views.topics import Topic
from . import escape
from .opendata import ARCHIVE_JSON, CASES_CSV

# The case permalink pages (54,000 at 10,000 meetings) are plain HTML without the theme. They are listed in
# one file (urls.FORWARDING_PAGES) instead of written into docs/, which every MkDocs build and every
# `mkdocs serve` rebuild walks; the MkDocs hook writes them into the site (generator/site/mkdocs_hook.py).
FORWARDING_PAGES = urls.FORWARDING_PAGES
EXCERPT = 220  # characters of a decision shown in lists
ATTENDANCE_LABELS = {"present": "til stede", "absent": "forfall", "deputy": "vara", "guest": "gjest",
                     "staff": "administrasjon"}
FORWARD = """<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta name="robots" content="noindex">
{forward}</head>
<body>
<h1>{title}</h1>
<ul>
{cases}
</ul>
</body>
</html>
"""


@dataclass(frozen=True)
class _Site:
    """What every browsing page is rendered with."""

    env: jinja2.Environment
    archive: Archive
    views: Views

    def render(self, template: str, path: str, **context) -> str:
        page = Page(path)
        return self.env.get_template(template).render(page=page, **self.helpers(page), **context)

    def helpers(self, page) -> dict:
        bodies, names = self.bodies, self.organisation_names

        def org_name(slug: str) -> str:
            return escape.inline(names.get(slug, slug))

        return {"bodies": bodies, "body_list": [bodies[key] for key in sorted(bodies)], "excerpt": excerpt,
                "step_label": lambda step: step_label(step, bodies), "status_labels": ATTENDANCE_LABELS,
                "status_of": self.views.status_of,
                "org_name": org_name, "topic_path": topic_path,
                "topic_page": topic_page, "affiliation": lambda text: affiliation_link(text, self.municipality_paths, page)}

    @functools.cached_property
    def bodies(self) -> dict:
        return self.archive.bodies

    @functools.cached_property
    def organisation_names(self) -> dict[str, str]:
        return {o.slug: o.name for o in self.archive.organisations}

    @functools.cached_property
    def municipality_paths(self) -> dict[str, str]:
        return {municipality_key(m.name): m.path for m in self.views.people.municipalities}


def view_jobs(env: jinja2.Environment, archive: Archive, views: Views) -> list:
    """Every browsing page (thread, case, person and municipality pages and their index pages), as
    pieces of work that each return {docs path: text}; the biggest first."""
    site = _Site(env, archive, views)
    return [functools.partial(pages, site) for pages in (_person_pages, _thread_pages, _case_pages,
                                                         _municipality_pages, _topic_pages, _body_pages, _index_pages)]


def _thread_pages(site: _Site) -> dict[str, str]:
    return {urls.page(t.path): site.render("thread.md.j2", urls.page(t.path), thread=t,
                                           topics=_topics_of(site.views, t.steps), **_citations_by_step(t))
            for t in site.views.threads}


def _citations_by_step(thread: Thread) -> dict[str, dict[int, list]]:
    """Each step's citations out (``citing``) and in (``cited_by``), in the thread's order: the page
    looked them up by filtering every citation for every step (a thread of 1,000 chained cases: two
    million comparisons)."""
    citing: dict[int, list] = defaultdict(list)
    cited_by: dict[int, list] = defaultdict(list)
    for citation in thread.citations:
        citing[citation.source].append(citation)
        cited_by[citation.target].append(citation)
    return {"citing": dict(citing), "cited_by": dict(cited_by)}


def _case_pages(site: _Site) -> dict[str, str]:
    bodies = site.archive.bodies
    pages = {link.file: forwarding_page(link, bodies) for link in site.views.permalinks}
    return {FORWARDING_PAGES: json.dumps(pages, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"}


def forwarding_pages(docs: Path) -> dict[str, str]:
    """The permalink pages listed in ``docs`` by the last build: {site path: HTML}."""
    listing = docs / FORWARDING_PAGES
    if not listing.is_file():
        return {}
    try:
        pages = json.loads(listing.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise SourceError(str(listing), f"not the list the generator writes ({exc}); run the generator again "
                          "(make docs)", getattr(exc, "lineno", 0)) from exc
    if not isinstance(pages, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in pages.items()):
        raise SourceError(str(listing), "not the list the generator writes ({site path: HTML}); run the generator "
                          "again (make docs)")
    return pages


def forwarding_page(link: CasePermalink, bodies: dict) -> str:
    """The permalink page: forwards at once to the case in its meeting page (lists them if the number is used twice)."""
    org, body = bodies[(link.org_slug, link.body_slug)]
    # the page is index.html of the permalink's folder: links are relative to that folder
    targets = [urls.meeting_address(posixpath.relpath(step.meeting_id, link.path), step.anchor) for step in link.steps]
    title = html.escape(f"Sak {link.steps[0].number} – {body.name} ({org.name})")
    cases = "\n".join(f'<li><a href="{html.escape(url)}">{html.escape(step.date)}: {html.escape(step.title)}</a></li>'
                      for step, url in zip(link.steps, targets, strict=True))
    forward = "" if len(targets) > 1 else (f'<meta http-equiv="refresh" content="0; url={html.escape(targets[0])}">\n'
                                           f'<link rel="canonical" href="{html.escape(targets[0])}">\n')
    return FORWARD.format(title=title, forward=forward, cases=cases)


def _person_pages(site: _Site) -> dict[str, str]:
    return {urls.page(p.path): site.render("person.md.j2", urls.page(p.path), person=p, periods=periods(p))
            for p in site.views.people.people}


def _municipality_pages(site: _Site) -> dict[str, str]:
    bodies = site.archive.bodies
    meetings = _meetings_by_body(site.archive)
    representation = _representation(site.views)
    named = cases_naming(site.archive, site.views.steps, [m.name for m in site.views.people.municipalities])
    pages = {}
    for m in site.views.people.municipalities:
        cases = named.get(m.name, [])
        present = representation.get(municipality_key(m.name), {})
        bodies_of = [bodies[key] for key in sorted(bodies) if key[0] in m.org_slugs]
        years = {(org.slug, body.slug): _attendance_by_year(meetings.get((org.slug, body.slug), []), present)
                 for org, body in bodies_of}
        pages[urls.page(m.path)] = site.render("municipality.md.j2", urls.page(m.path), municipality=m, meetings=meetings,
                                            bodies_of=bodies_of, present=present, latest=MUNICIPALITY_LATEST,
                                            years=years, year_page=_year_page(meetings),
                                            cases=cases[:MUNICIPALITY_CASES], case_count=len(cases),
                                            case_years=Counter(step.date[:4] for step in cases))
    return pages


MUNICIPALITY_CASES = 30  # the latest cases naming a municipality shown on its page; older ones are counted per year


def cases_naming(archive: Archive, steps: dict[tuple[str, str], Step], names: list[str]) -> dict[str, list[Step]]:
    """Per municipality name: the cases whose title or text names it ("Skien", "Skiens"), newest first.
    One pass over the archive with one pattern for every name."""
    if not names:
        return {}
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) +
                         r")s?(?![\w-])")
    found: dict[str, list[Step]] = defaultdict(list)
    for step in sorted(steps.values(), key=lambda s: (s.date, s.meeting_id, -s.position), reverse=True):
        item = archive.items[step.node]
        for name in sorted({match.group(1) for match in pattern.finditer(f"{item.title}\n{item.text}")}):
            found[name].append(step)
    return found


# A municipality's page lists the latest meetings of each body in full and the rest as one row per year,
# so it does not grow with every meeting of its organisations (hundreds at 10,000 meetings).
MUNICIPALITY_LATEST = 10


def _attendance_by_year(meetings: Sequence[Meeting], present: dict[str, list]) -> list[tuple[str, int, int]]:
    """(year, meetings, meetings with someone there for the municipality), newest year first."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for meeting in meetings:
        row = counts[meeting.date[:4]]
        row[0] += 1
        row[1] += any(status != "absent" for _, status in present.get(meeting.id, ()))
    return [(year, counts[year][0], counts[year][1]) for year in sorted(counts, reverse=True)]


# A body with more meetings than this (two years or so) gets one index page and one case register page
# per year, so that no page grows with the archive (a body meets 10-20 times a year, for decades).
YEAR_PAGES_ABOVE = 30


def has_year_pages(meeting_count: int) -> bool:
    return meeting_count > YEAR_PAGES_ABOVE


def _year_page(meetings: dict[tuple[str, str], Sequence[Meeting]]):
    """Where a body's meetings of a year are listed: its year page, or its index page."""
    def page(org_slug: str, body_slug: str, year: str) -> str:
        if has_year_pages(len(meetings.get((org_slug, body_slug), []))):
            return urls.body_year(org_slug, body_slug, year)
        return urls.body(org_slug, body_slug, year)
    return page


def topic_path(topic: Topic) -> str:
    return topic_page(topic.name)


def topic_page(name: str) -> str:
    """The topic page of a tag, from the site root without suffix (``emner/barnevern``): written into
    the front matter of tagged pages (``topic_pages``) so the theme's chips link to it in every build,
    sharded or not (Material's tags plugin only links to a listing it renders itself)."""
    return urls.topic(slug(name))


def _topic_pages(site: _Site) -> dict[str, str]:
    """A page per topic listing its cases by year, newest first.

    Generated here rather than by the tags plugin's listing: a sharded build (generator/site/shards.py)
    renders the topic index in another MkDocs process than the meeting pages, so the plugin's
    listing would be empty there.
    """
    by_topic: dict[str, list[Step]] = defaultdict(list)
    for step in sorted(site.views.steps.values(), key=lambda s: (s.date, s.meeting_id, -s.position),
                       reverse=True):
        for name in site.views.topics.of_item(*step.node):
            by_topic[name].append(step)
    return {urls.page(topic_path(t)): site.render("topic.md.j2", urls.page(topic_path(t)), topic=t,
                                                  cases=by_topic[t.name],
                                                  meetings=sorted({s.meeting_id for s in by_topic[t.name]}),
                                                  years=sorted({s.date[:4] for s in by_topic[t.name]}, reverse=True))
            for t in site.views.topics.topics}


def _body_pages(site: _Site) -> dict[str, str]:
    """Threads and open follow-ups per body (an archive-wide list would grow with the archive)."""
    threads = _by_body(site.views.threads)
    files = {}
    for org in site.archive.organisations:
        for body in org.bodies:
            key = (org.slug, body.slug)
            path = urls.body_threads(*key)
            files[path] = site.render("body_threads.md.j2", path, org=org, body=body, threads=threads.get(key, []))
            path = urls.body_follow_ups(*key)
            files[path] = site.render("body_followups.md.j2", path, org=org, body=body,
                                      follow_ups=site.views.follow_ups.get(key, ()))
    return files


def _people_by_organisation(site: _Site) -> list[tuple]:
    """Per organisation: everyone who attended one of its meetings (people index pages)."""
    return [(org, [p for p in site.views.people.people if any(a.org_slug == org.slug for a in p.attendances)])
            for org in site.archive.organisations]


def _index_pages(site: _Site) -> dict[str, str]:
    views = site.views
    groups = [(org, people) for org, people in _people_by_organisation(site) if people]
    files = {urls.organisation_people(org.slug): site.render("org_people.md.j2", urls.organisation_people(org.slug),
                                                             org=org, people=people) for org, people in groups}
    return files | {
        urls.THREADS: site.render("threads.md.j2", urls.THREADS, threads_of=_by_body(views.threads)),
        urls.FOLLOW_UPS: site.render("followups.md.j2", urls.FOLLOW_UPS, follow_ups=views.follow_ups),
        urls.PEOPLE: site.render("people.md.j2", urls.PEOPLE, groups=groups),
        urls.MUNICIPALITIES: site.render("municipalities.md.j2", urls.MUNICIPALITIES,
                                         municipalities=views.people.municipalities,
                                         organisations={o.slug: o for o in site.archive.organisations}),
        urls.TOPICS: site.render("topics.md.j2", urls.TOPICS, topics=views.topics.topics, counts=_topic_counts(views)),
    }


def affiliation_link(text: str | None, municipality_paths: dict[str, str], page) -> str:
    """A municipality as a link to its page; any other affiliation as escaped text."""
    path = municipality_paths.get(municipality_key(text or ""))
    return f"[{escape.inline(text)}]({page.to(urls.page(path))})" if path and text else escape.inline(text or "")


def step_label(step: Step, bodies: dict) -> str:
    """``14.12.2020, KDK sak 97/20: Mandat Digitale Grenland`` (escaped Markdown)."""
    _, body = bodies.get((step.org_slug, step.body_slug), (None, None))
    day = ".".join(reversed(step.date.split("-")))
    case = f" sak {step.number}" if step.number else ""
    return escape.inline(f"{day}, {body.short_name if body else step.body_slug}{case}: {step.title}")


def excerpt(text: str | None, length: int = EXCERPT) -> str:
    """The first ``length`` characters of a decision on one line, escaped."""
    flat = " ".join((text or "").split())
    return escape.inline(flat if len(flat) <= length else flat[:length].rsplit(" ", 1)[0] + " …")


def _topics_of(views: Views, steps: tuple[Step, ...]) -> list[str]:
    return sorted({topic for step in steps for topic in views.topics.of_item(*step.node)})


def _by_body(threads: tuple[Thread, ...]) -> dict[tuple[str, str], list[Thread]]:
    grouped = defaultdict(list)
    for thread in threads:
        grouped[(thread.steps[0].org_slug, thread.steps[0].body_slug)].append(thread)
    return dict(grouped)


def _meetings_by_body(archive: Archive) -> dict[tuple[str, str], Sequence[Meeting]]:
    """Each body's meetings, newest first (a body without meetings: an empty list)."""
    return defaultdict(list, {key: found[::-1] for key, found in archive.meetings_by_body.items()})


def _representation(views: Views) -> dict[str, dict[str, list]]:
    """Per municipality key, per meeting id: (person, status) of the people there for it."""
    found: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for person in views.people.people:
        for record in person.attendances:
            found[municipality_key(record.affiliation or "")][record.meeting_id].append((person, record.status))
    return found


def _topic_counts(views: Views) -> dict[str, tuple[int, int]]:
    """Per topic: (meetings, cases) tagged with it."""
    meetings = Counter(name for names in views.topics.by_meeting.values() for name in names)
    cases = Counter(name for names in views.topics.by_item.values() for name in names)
    return {t.name: (meetings[t.name], cases[t.name]) for t in views.topics.topics}


# -- what a meeting page shows of the views --------------------------------------------------------

def meeting_context(views: Views, archive: Archive, meeting: Meeting, page) -> dict:
    """Template helpers for ``meeting.md.j2``: tags, each item's thread and permalink, person links."""
    def person_link(attendee: Attendee) -> str:
        person = views.people.by_attendance.get((meeting.id, attendee.name))
        name = escape.inline(attendee.name)
        return f"[{name}]({page.to(urls.page(person.path))})" if person else name

    def case_link(anchor: str) -> str | None:
        link = views.permalink_of.get((meeting.id, anchor))
        return page.to(link.file) if link else None

    def topic_links(anchor: str) -> str:
        names = views.topics.of_item(meeting.id, anchor)
        return ", ".join(f"[{escape.inline(t.name)}]({page.to(urls.page(topic_path(t)))})"
                         for t in views.topics.topics if t.name in names)

    bodies = archive.bodies
    return {"tags": views.topics.of_meeting(meeting.id), "person_link": person_link, "case_link": case_link,
            "thread_of": lambda anchor: views.thread_of.get((meeting.id, anchor)), "topic_links": topic_links,
            "topic_page": topic_page,
            "thread_window": lambda thread, anchor: thread_window(thread, meeting.id, anchor),
            "step_label": lambda step: step_label(step, bodies), "excerpt": excerpt,
            "archive_data": (page.to(ARCHIVE_JSON), page.to(CASES_CSV))}


THREAD_SHOWN_WHOLE = 12  # steps; a longer thread shows its ends and the steps around this case
THREAD_AROUND = 3


def thread_window(thread, meeting_id: str, anchor: str) -> list[tuple[int, object]]:
    """The steps of ``thread`` a case's own section lists, as (number, step); ``None`` for a gap.

    Every case of a thread lists the thread, so listing it whole made a meeting with 1,000 chained
    cases a 94 MB page (quadratic); this keeps each list at most 2 * THREAD_AROUND + 3 entries,
    and the thread page has every step."""
    steps = thread.steps
    if len(steps) <= THREAD_SHOWN_WHOLE:
        return list(enumerate(steps, start=1))
    # where each step stands, found once per thread (looking it up per case made a meeting with 1,000
    # chained cases quadratic); the first of two equal steps, as a search from the start finds
    positions = thread.__dict__.get("_positions")
    if positions is None:
        positions = {}
        for i, step in enumerate(steps):
            positions.setdefault((step.meeting_id, step.anchor), i)
        thread.__dict__["_positions"] = positions
    here = positions.get((meeting_id, anchor), 0)
    keep = {0, len(steps) - 1, *range(max(0, here - THREAD_AROUND), min(len(steps), here + THREAD_AROUND + 1))}
    window: list[tuple[int, object]] = []
    for index in sorted(keep):
        if window and index - window[-1][0] > 0:  # numbers are 1-based: a gap when one is skipped
            window.append((index, None))
        window.append((index + 1, steps[index]))
    return window
