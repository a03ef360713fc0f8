"""Stage 4b: the pages readers browse by: case threads, case permalinks, open follow-ups, people,
municipalities and topics; plus what meeting pages show of them (thread, permalink, topics, people).

Like :mod:`generator.render`, returns ``{docs path: Markdown}`` and writes nothing; source text
goes through :mod:`generator.escape` only.
"""
from __future__ import annotations

from collections import defaultdict

import jinja2

from . import escape
from .link import Archive
from .model import Attendee, Meeting
from .opendata import ARCHIVE_JSON, CASES_CSV
from .people_index import municipality_key, periods
from .threads import Step
from .views import Views

THREADS_PAGE = "saksganger.md"
FOLLOW_UPS_PAGE = "oppfolging.md"
PEOPLE_PAGE = "personer/index.md"
MUNICIPALITIES_PAGE = "kommuner/index.md"
TOPICS_PAGE = "emner.md"
EXCERPT = 220  # characters of a decision shown in lists
ATTENDANCE_LABELS = {"present": "til stede", "absent": "forfall", "deputy": "vara", "guest": "gjest",
                     "staff": "administrasjon"}


def render_views(env: jinja2.Environment, archive: Archive, views: Views) -> dict[str, str]:
    """Every browsing page: thread, case, person and municipality pages and their index pages."""
    bodies = {(o.slug, b.slug): (o, b) for o in archive.organisations for b in o.bodies}
    organisations = {o.slug: o for o in archive.organisations}
    municipality_paths = {municipality_key(m.name): m.path for m in views.people.municipalities}
    helpers = dict(bodies=bodies, body_list=[bodies[key] for key in sorted(bodies)], excerpt=excerpt,
                   step_label=lambda step: step_label(step, bodies), status_labels=ATTENDANCE_LABELS,
                   org_name=lambda slug: escape.inline(organisations[slug].name if slug in organisations else slug),
                   municipality_paths=municipality_paths)
    files: dict[str, str] = {}
    for thread in views.threads:
        files[f"{thread.path}.md"] = _render(env, "thread.md.j2", f"{thread.path}.md", thread=thread,
                                             topics=_thread_topics(views, thread), **helpers)
    for link in views.permalinks:
        path = f"{link.path}.md"
        files[path] = _render(env, "case.md.j2", path, case=link, thread=views.thread_of.get(link.steps[0].node),
                              items=[_item_of(archive, step) for step in link.steps],
                              reference_line=lambda ref, page=_page(path): _reference(ref, page),
                              topics=sorted({t for s in link.steps for t in views.topics.of_item(*s.node)}), **helpers)
    for person in views.people.people:
        files[f"{person.path}.md"] = _render(env, "person.md.j2", f"{person.path}.md", person=person,
                                             periods=periods(person), **helpers)
    meetings_by_body = _meetings_by_body(archive)
    for municipality in views.people.municipalities:
        files[f"{municipality.path}.md"] = _render(
            env, "municipality.md.j2", f"{municipality.path}.md", municipality=municipality,
            bodies_of=[bodies[key] for key in sorted(bodies) if key[0] in municipality.org_slugs],
            meetings=meetings_by_body, present=_representation(views, municipality.name), **helpers)
    files[THREADS_PAGE] = _render(env, "threads.md.j2", THREADS_PAGE, threads_of=_by_body(views.threads), **helpers)
    files[FOLLOW_UPS_PAGE] = _render(env, "followups.md.j2", FOLLOW_UPS_PAGE, follow_ups=views.follow_ups,
                                     permalink_of=views.permalink_of, **helpers)
    files[PEOPLE_PAGE] = _render(env, "people.md.j2", PEOPLE_PAGE, people=views.people.people, **helpers)
    files[MUNICIPALITIES_PAGE] = _render(env, "municipalities.md.j2", MUNICIPALITIES_PAGE,
                                         municipalities=views.people.municipalities, organisations=organisations,
                                         **helpers)
    files[TOPICS_PAGE] = _render(env, "topics.md.j2", TOPICS_PAGE, topics=views.topics.topics,
                                 counts=_topic_counts(views), **helpers)
    return files


def _render(env: jinja2.Environment, template: str, path: str, municipality_paths: dict | None = None,
            **context) -> str:
    page = _page(path)
    paths = municipality_paths or {}
    return env.get_template(template).render(
        page=page, **{**context, "affiliation": lambda text: affiliation_link(text, paths, page)})


def affiliation_link(text: str | None, municipality_paths: dict[str, str], page) -> str:
    """A municipality as a link to its page; any other affiliation as escaped text."""
    path = municipality_paths.get(municipality_key(text or ""))
    return f"[{escape.inline(text)}]({page.to(path + '.md')})" if path and text else escape.inline(text or "")


def _page(path: str):
    from .render import Page  # render.py imports this module: importing here avoids a cycle
    return Page(path)


def _reference(ref, page) -> str:
    from .render import reference_markdown
    return reference_markdown(ref, page)


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


def _item_of(archive: Archive, step: Step):
    meeting = archive.meeting(step.meeting_id)
    return next(item for item in meeting.items if item.anchor == step.anchor)


def _thread_topics(views: Views, thread) -> list[str]:
    return sorted({topic for step in thread.steps for topic in views.topics.of_item(*step.node)})


def _by_body(threads) -> dict[tuple[str, str], list]:
    grouped = defaultdict(list)
    for thread in threads:
        grouped[(thread.steps[0].org_slug, thread.steps[0].body_slug)].append(thread)
    return dict(grouped)


def _meetings_by_body(archive: Archive) -> dict[tuple[str, str], list[Meeting]]:
    grouped = defaultdict(list)
    for meeting in sorted(archive.meetings, key=lambda m: (m.date, m.id), reverse=True):
        grouped[(meeting.org_slug, meeting.body_slug)].append(meeting)
    return grouped


def _representation(views: Views, name: str) -> dict[str, list[tuple[object, str]]]:
    """Per meeting id: (person, status) of the people there for this municipality."""
    key = municipality_key(name)
    found = defaultdict(list)
    for person in views.people.people:
        for record in person.attendances:
            if municipality_key(record.affiliation or "") == key:
                found[record.meeting_id].append((person, record.status))
    return found


def _topic_counts(views: Views) -> dict[str, tuple[int, int]]:
    """Per topic: (meetings, cases) tagged with it."""
    meetings = defaultdict(int)
    cases = defaultdict(int)
    for names in views.topics.by_meeting.values():
        for name in names:
            meetings[name] += 1
    for names in views.topics.by_item.values():
        for name in names:
            cases[name] += 1
    return {t.name: (meetings[t.name], cases[t.name]) for t in views.topics.topics}


# -- what a meeting page shows of the views --------------------------------------------------------

def meeting_context(views: Views, archive: Archive, meeting: Meeting, page) -> dict:
    """Template helpers for ``meeting.md.j2``: tags, each item's thread and permalink, person links."""
    def person_link(attendee: Attendee) -> str:
        person = views.people.by_attendance.get((meeting.id, attendee.name))
        name = escape.inline(attendee.name)
        return f"[{name}]({page.to(person.path + '.md')})" if person else name

    def thread_of(anchor: str):
        return views.thread_of.get((meeting.id, anchor))

    def case_link(anchor: str) -> str | None:
        link = views.permalink_of.get((meeting.id, anchor))
        return page.to(link.path + ".md") if link else None

    bodies = {(o.slug, b.slug): (o, b) for o in archive.organisations for b in o.bodies}
    return dict(tags=views.topics.of_meeting(meeting.id), person_link=person_link, thread_of=thread_of,
                case_link=case_link, item_topics=lambda anchor: views.topics.of_item(meeting.id, anchor),
                step_label=lambda step: step_label(step, bodies), excerpt=excerpt,
                archive_data=(page.to(ARCHIVE_JSON), page.to(CASES_CSV)))
