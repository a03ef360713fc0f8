"""Stage 4: render the linked archive as Markdown pages (Jinja2 templates, Norwegian bokmål).

Returns ``{relative path: content}``; nothing is written here. Source text reaches a page
only through :mod:`generator.render.escape` (the ``md`` and ``inline`` filters and
:func:`item_body`), never raw.
"""
from __future__ import annotations

import bisect
import datetime as dt
import functools
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from pathlib import PurePosixPath

import jinja2

from .. import urls
from ..model import Archive, Body, Item, Meeting, Organisation, Reference, Streamed
from ..urls import Page
from ..views import Views
from ..views.announcements import UPCOMING_SHOWN, reference_date, upcoming
from ..views.case_order import register_order
from ..views.case_status import short_decision
from ..views.quality import collapsed
from . import escape
from .export import meeting_to_dict
from .feeds import calendar_files, feed_files
from .indexes import has_year_pages, meeting_context, view_jobs
from .opendata import data_files
from .quality import quality_pages

MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
          "november", "desember"]
WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
STATUS_LABELS = {"present": "Til stede", "absent": "Forfall", "deputy": "Vararepresentanter",
                 "guest": "Andre", "staff": "Administrasjon"}
STATUS_ORDER = ["present", "deputy", "staff", "guest", "absent"]


def norwegian_date(iso: str, weekday: bool = False) -> str:
    date = dt.date.fromisoformat(iso)
    text = f"{date.day}. {MONTHS[date.month - 1]} {date.year}"
    return f"{WEEKDAYS[date.weekday()]} {text}" if weekday else text


def meeting_page(meeting: Meeting) -> str:
    return urls.meeting(meeting.id)


@functools.lru_cache(maxsize=1 << 16)
def _inline(text: str) -> str:
    """``escape.inline``, remembered: names, titles and dates recur on thousands of pages."""
    return escape.inline(text)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # output is Markdown; source text goes through the md/inline filters
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # the templates do not change during a build: without this every get_template (one per page,
        # 40,000 at 10,000 meetings, and every include) stats the template file to see if it changed
        auto_reload=False,
    )
    env.filters["md"] = escape.block
    env.filters["inline"] = lambda value: _inline(str(value)) if value is not None else ""
    env.filters["indent4"] = escape.indent
    env.filters["date_no"] = norwegian_date
    env.filters["yaml_str"] = lambda value: json.dumps(str(value), ensure_ascii=False)
    env.filters["register_order"] = register_order
    env.filters["short_decision"] = short_decision
    env.filters["collapsed"] = collapsed
    env.globals["urls"] = urls  # every path a template links to comes from generator/urls.py
    return env


Job = Callable[[], Mapping[str, str | bytes | Streamed]]  # renders some files of the site: {docs path: text}
MEETINGS_PER_JOB = 50


def site_jobs(archive: Archive, diagnostics: list, sources: dict[str, str],
              views: Views, only: set[str] | None = None) -> list[Job]:
    """The site as independent pieces of work, the biggest first (generator/build.py runs them on every
    core and writes what each returns).

    ``only``: the pages of these meetings and the index pages only (incremental builds); the pages
    drawn from the whole archive (threads, people, feeds, open data) are left as they are.
    """
    env = _environment()
    by_body = archive.meetings_by_body
    jobs: list[Job] = []
    if only is None:
        jobs += [functools.partial(data_files, archive, views), *view_jobs(env, archive, views),
                 functools.partial(feed_files, archive), functools.partial(calendar_files, archive, views.announced)]
    tasks = list(_meeting_tasks(archive, by_body, only))
    jobs += [functools.partial(_render_meetings, env, archive, views, sources, tasks[start:start + MEETINGS_PER_JOB])
             for start in range(0, len(tasks), MEETINGS_PER_JOB)]
    soon = upcoming(archive, views.announced, reference_date(archive))
    jobs += [functools.partial(_organisation_pages, env, org, by_body, views, only, soon) for org in archive.organisations]
    jobs.append(functools.partial(_front_pages, env, archive, diagnostics, soon))
    return jobs


def _meeting_tasks(archive: Archive, by_body: dict, only: set[str] | None):
    """What each meeting page is rendered from: its organisation, body and neighbours."""
    for org in archive.organisations:
        for body in org.bodies:
            meetings = by_body.get((org.slug, body.slug), [])
            for position, meeting in enumerate(meetings):
                if only is not None and meeting.id not in only:
                    continue
                previous = meetings[position - 1] if position > 0 else None
                following = meetings[position + 1] if position + 1 < len(meetings) else None
                yield org, body, meeting, previous, following


def _organisation_pages(env, org: Organisation, by_body: dict, views: Views, only: set[str] | None,
                        soon: dict | None = None) -> dict[str, str]:
    """An organisation's page and, per body, its index and case register (per year for big bodies)."""
    files: dict[str, str] = {}
    for body in org.bodies:
        meetings = by_body.get((org.slug, body.slug), [])
        years, split = _by_year(meetings), has_year_pages(len(meetings))
        _add(files, env, "body.md.j2", urls.body(org.slug, body.slug), org=org, body=body, years=years, split=split,
             upcoming=(soon or {}).get((org.slug, body.slug), [])[:UPCOMING_SHOWN])
        _add(files, env, "cases.md.j2", urls.body_cases(org.slug, body.slug), org=org, body=body, meetings=meetings,
             year=None, split=split, years=years, permalink_of=views.permalink_of, status_of=views.status_of)
        if split:
            files.update(_year_pages(env, org, body, years, views, only))
    _add(files, env, "organisation.md.j2", urls.organisation(org.slug), org=org,
         counts={b.slug: by_body.get((org.slug, b.slug), []) for b in org.bodies},
         municipalities=views.people.municipalities)
    return files


HOME_UPCOMING = 10  # announced meetings on the home page, soonest first


def _front_pages(env, archive: Archive, diagnostics: list, soon: dict | None = None) -> dict[str, str]:
    """The home page, the about page, the accessibility statement and the data quality pages."""
    latest = sorted(archive.meetings, key=lambda m: (m.date, m.id), reverse=True)[:10]
    coming = sorted((u for items in (soon or {}).values() for u in items),
                    key=lambda u: (u.announcement.date, u.announcement.org_slug, u.announcement.body_slug))
    files: dict[str, str] = {}
    _add(files, env, "home.md.j2", urls.HOME, organisations=archive.organisations, latest=latest,
         total=len(archive.meetings), bodies=archive.bodies, body_years=_body_years(archive),
         upcoming=coming[:HOME_UPCOMING])
    _add(files, env, "about.md.j2", urls.ABOUT, total=len(archive.meetings))
    _add(files, env, "accessibility.md.j2", urls.ACCESSIBILITY)
    files.update(quality_pages(env, archive, diagnostics))
    return files


def _render_meetings(env, archive: Archive, views: Views, sources: dict[str, str], tasks: list[tuple]) -> dict[str, str]:
    files = {}
    for org, body, meeting, previous, following in tasks:
        files[meeting_page(meeting)] = _meeting(env, archive, org, body, meeting, previous, following,
                                                sources.get(meeting.id), views)
        files[urls.meeting_json(meeting.id)] = indented_json(meeting_to_dict(meeting)) + "\n"  # = export.meeting_to_json
    return files


_JSON_STRING = json.encoder.encode_basestring  # the C function json.dumps uses with ensure_ascii=False


def indented_json(value, level: int = 0) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, the same text, about three times faster:
    with ``indent`` json takes its pure-Python encoder (a third of the time a meeting page took).
    Anything but str keys, str, int, bool, None, lists, tuples and dicts goes to json itself."""
    kind = type(value)
    if kind is str:
        return _JSON_STRING(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    if kind is list or kind is tuple:
        if not value:
            return "[]"
        inner = "\n" + "  " * (level + 1)
        return "[" + inner + ("," + inner).join([indented_json(item, level + 1) for item in value]) + \
            "\n" + "  " * level + "]"
    if kind is dict and all(type(key) is str for key in value):
        if not value:
            return "{}"
        inner = "\n" + "  " * (level + 1)
        return "{" + inner + ("," + inner).join([_JSON_STRING(key) + ": " + indented_json(item, level + 1)
                                                 for key, item in value.items()]) + "\n" + "  " * level + "}"
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("\n", "\n" + "  " * level) if level else text


def _year_pages(env: jinja2.Environment, org: Organisation, body: Body, years: list, views: Views,
                only: set[str] | None = None) -> dict[str, str]:
    """A body's index and case register page for each year; ``only``: the years of these meetings."""
    files: dict[str, str] = {}
    names = [year for year, _ in years]  # newest first
    for position, (year, meetings) in enumerate(years):
        if only is not None and not any(m.id in only for m in meetings):
            continue
        _add(files, env, "body_year.md.j2", urls.body_year(org.slug, body.slug, year), org=org, body=body,
             year=year, meetings=meetings, previous=names[position + 1] if position + 1 < len(names) else None,
             following=names[position - 1] if position > 0 else None)
        _add(files, env, "cases.md.j2", urls.body_cases(org.slug, body.slug, year), org=org, body=body,
             meetings=sorted(meetings, key=lambda m: m.date), year=year, split=True, years=years,
             permalink_of=views.permalink_of, status_of=views.status_of)
    return files


def _render(env: jinja2.Environment, template: str, path: str, **context) -> str:
    return env.get_template(template).render(page=Page(path), **context)


def _add(files: dict[str, str], env: jinja2.Environment, template: str, path: str, **context) -> None:
    """Render ``template`` as the page at ``path`` into ``files``."""
    files[path] = _render(env, template, path, **context)


def _body_years(archive: Archive) -> dict[tuple[str, str], tuple[int, str, str]]:
    """Per body: (meetings, first year, last year)."""
    years: dict[tuple[str, str], list[str]] = defaultdict(list)
    for meeting in archive.meetings:
        years[(meeting.org_slug, meeting.body_slug)].append(meeting.date[:4])
    return {key: (len(found), min(found), max(found)) for key, found in years.items()}


def _by_year(meetings: list[Meeting]) -> list[tuple[str, list[Meeting]]]:
    years: dict[str, list[Meeting]] = defaultdict(list)
    for meeting in meetings:
        years[meeting.date[:4]].append(meeting)
    return [(year, sorted(years[year], key=lambda m: m.date, reverse=True)) for year in sorted(years, reverse=True)]


def _meeting(env, archive: Archive, org: Organisation, body: Body, meeting: Meeting, previous, following,
             original: str | None, views: Views) -> str:
    page = Page(meeting_page(meeting))
    groups = defaultdict(list)
    for attendee in meeting.attendees:
        groups[attendee.status].append(attendee)
    return env.get_template("meeting.md.j2").render(
        page=page, org=org, body=body, meeting=meeting, previous=previous, following=following,
        attendee_groups=[(status, STATUS_LABELS[status], groups[status]) for status in STATUS_ORDER if groups[status]],
        item_body=lambda item: item_body(item, page),
        reference_lines=lambda item: reference_lines(item, page),
        backlinks=lambda anchor: archive.backlinks.get((meeting.id, anchor), []),
        original=original, original_name=PurePosixPath(meeting.source).name,
        **meeting_context(views, archive, meeting, page),
    )


MAX_REFERENCES_LISTED = 100


def reference_lines(item, page: Page) -> list[str]:
    """The "Viser til" list: each reference once, at most MAX_REFERENCES_LISTED (a 2 MB line of
    "sak 1/23 " listed the same link 200,000 times), then how many more there are."""
    lines: dict[str, None] = {}
    for ref in item.references:
        lines.setdefault(reference_markdown(ref, page))
        if len(lines) > MAX_REFERENCES_LISTED:
            break
    shown = list(lines)[:MAX_REFERENCES_LISTED]
    if len(lines) > MAX_REFERENCES_LISTED:
        shown.append("… og flere henvisninger i teksten over")
    return shown


def reference_markdown(ref: Reference, page: Page) -> str:
    """A reference as a link when its target is in the archive, else marked as not in it."""
    text = escape.escape_text(ref.text)
    if ref.resolved and ref.target_meeting:
        link = f"[{text}]({page.to(urls.meeting(ref.target_meeting, ref.target_anchor))})"
        return link + case_key_for_search(ref)
    where = f"{escape.escape_text(ref.body)}, " if ref.external and ref.body else ""
    if ref.kind == "meeting" and (ref.target or "") > PurePosixPath(page.path).stem[:10]:
        return f"{text} *({where}kommende møte, ikke i arkivet ennå)*"
    return f"{text} *({where}ikke i arkivet)*"


CASE_KEY_CHARACTERS = re.compile(r"\d{1,4}/\d{2}")


def case_key_for_search(ref: Reference) -> str:
    """An attribute list that indexes a case reference under its case key, when the words differ.

    The search finds a case number as one word ("66/20": Pagefind keeps "/" inside words, see
    generator/site/search.py), so "sak 14-22" or "sak 66/2020" in the minutes would not be found by a search
    for 14/22 or 66/20. Pagefind indexes the ``data-sak`` attribute's value with the link's words.
    """
    key = ref.target or ""
    if ref.kind != "case" or not CASE_KEY_CHARACTERS.fullmatch(key):
        return ""
    if re.search(rf"(?<![\d/]){re.escape(key)}(?![\d/])", ref.text):
        return ""  # "sak 66/20" is indexed as 66/20 already ("sak 66/2020" is not)
    return f'{{: data-pagefind-index-attrs="data-sak" data-sak="{key}" }}'


def item_body(item: Item, page: Page) -> str:
    """The item text with its references linked, its decisions set apart as admonitions and its
    sub-items (parse/items.py) under headings of their own, each with its anchor."""
    refs = sorted((r for r in item.references if r.where == "text"), key=lambda r: r.start)
    if not item.subitems:
        return _text_range(item, page, refs, 0, len(item.text))
    out = [_text_range(item, page, refs, 0, item.subitems[0].start)]
    for sub in item.subitems:
        out.append(f"### {escape.inline(sub.title)} {{ #{sub.anchor} }}")
        out.append(_text_range(item, page, refs, sub.heading_end, sub.end))
    out.append(_text_range(item, page, refs, item.subitems[-1].end, len(item.text)))
    return "\n\n".join(part for part in out if part.strip())


def _text_range(item: Item, page: Page, refs: list[Reference], begin: int, stop: int) -> str:
    """``item.text[begin:stop]`` with its references linked and its decisions as admonitions."""
    out: list[str] = []
    position = begin
    spans = [(a, b) for a, b in item.decision_spans if begin <= a and b <= stop]
    for start, end in [*spans, (stop, stop)]:
        if start > position:
            out.append(_with_links(item.text, position, start, refs, page))
        if end > start:
            label, body_start, trim = decision_label_split(item.text, start, end)
            decision = _with_links(item.text, body_start, end - trim, refs, page) if body_start < end - trim else ""
            title = escape.inline(label.replace('"', "'")) if label else "Konklusjon"
            out.append(f'!!! success "{title}"' + ("\n\n" + escape.indent(decision) if decision.strip() else ""))
        position = max(position, end)
    return "\n\n".join(part for part in out if part.strip())


def decision_label_split(text: str, start: int, end: int) -> tuple[str, int, int]:
    """(the minutes' own decision label, where the decision's words begin, bold markers to drop at the end).

    ``Konklusjon: Referatet vedtatt`` -> ("Konklusjon", after the colon); ``Oppsummering`` alone on
    its line -> ("Oppsummering", the next line); ``**Vedtak: Enstemmig**`` drops the closing ``**``.
    """
    line_end = text.find("\n", start, end)
    line_end = end if line_end < 0 else line_end
    first = text[start:line_end]
    colon = first.find(":")
    if colon < 0:
        return first.strip(" *_-"), line_end, 0
    raw_label = first[:colon]
    label = raw_label.strip(" *_-")
    if len(label.split()) > 10:
        return "", start, 0
    stars = len(raw_label.lstrip(" -")) - len(raw_label.lstrip(" -").lstrip("*"))
    trim = stars if stars and text[start:end].rstrip().endswith("*" * stars) else 0
    trim += len(text[start:end]) - len(text[start:end].rstrip()) if trim else 0
    return label, start + colon + 1, trim


MAX_LINKS_PER_PARAGRAPH = 100  # a 2 MB line of "sak 1/23 " made 200,000 links: 86 s in MkDocs
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def _with_links(text: str, start: int, end: int, refs: list[Reference], page: Page) -> str:
    links: dict[str, str] = {}
    pieces: list[str] = []
    cursor = start
    breaks = [match.start() for match in PARAGRAPH_BREAK.finditer(text, start, end)]
    per_paragraph: Counter = Counter()  # links so far in each paragraph; beyond the cap references stay text
    for ref in refs:
        if ref.start < cursor or ref.end > end or ref.start < start:
            continue
        paragraph = bisect.bisect(breaks, ref.start)
        if per_paragraph[paragraph] >= MAX_LINKS_PER_PARAGRAPH:
            continue
        per_paragraph[paragraph] += 1
        key = f"r{len(links)}"
        links[key] = reference_markdown(ref, page)
        pieces.append(text[cursor:ref.start])
        pieces.append(escape.PLACEHOLDER.format(key))
        cursor = ref.end
    pieces.append(text[cursor:end])
    return escape.block("".join(pieces).strip("\n"), links)
