"""Where everything is: the docs path of every page and file the site has, and links between them.

Every path the generator writes, links to or puts in the navigation comes from a function or
constant here (pages, templates through the ``urls`` global, the MkDocs hook's navigation, feeds,
open data), so a URL scheme change is made in one place. Paths are docs paths (``org/body/2024-01-19.md``:
MkDocs turns them into ``org/body/2024-01-19/``); a "view path" is a page's docs path without ``.md``
(``personer/grenland/kari-dahl``), which the views use as their identity. Depends on nothing else in
the generator: the views, render and site layers all use it.
"""
from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass

# -- the archive's own pages and files -------------------------------------------------------------

HOME = "index.md"
ABOUT = "om.md"
ACCESSIBILITY = "tilgjengelighet.md"
THREADS = "saksganger.md"
FOLLOW_UPS = "oppfolging.md"
PEOPLE = "personer/index.md"
MUNICIPALITIES = "kommuner/index.md"
TOPICS = "emner.md"
QUALITY = "datakvalitet.md"
ATOM = "atom.xml"
RSS = "rss.xml"
DATA = "data"
ARCHIVE_JSON = f"{DATA}/arkiv.json"
CASES_CSV = f"{DATA}/saker.csv"
FORWARDING_PAGES = ".forwarding-pages.json"  # permalink pages, listed for the MkDocs hook (dot files are not pages)
CALENDAR = "moter.ics"


# Every top-level name of the site: the pages and folders above, the folder names a body's pages use
# (kilde, sak, saksgang), and those of MkDocs, Material and Pagefind. An organisation folder may not
# take one (config.py refuses it): it would overwrite the site's own page or fail the build.
RESERVED_NAMES = frozenset({
    "assets", "data", "datakvalitet", "emner", "index", "kommuner", "om", "oppfolging", "personer", "saksganger",
    "atom", "rss", "kilde", "sak", "saksgang", "pagefind", "search", "sitemap", "404", "stylesheets", "javascripts",
    "overrides", "tags", "tilgjengelighet"})


def data_file(name: str) -> str:
    """A file of the open data folder (``data/meeting.schema.json``)."""
    return f"{DATA}/{name}"


def page(view_path: str) -> str:
    """The docs file of a view's page (``personer/grenland/kari-dahl`` -> ``....md``)."""
    return f"{view_path}.md"


def address(view_path: str) -> str:
    """A view's address relative to the site root, as open data publishes it (``.../kari-dahl/``)."""
    return f"{view_path}/"


# -- organisations and bodies --------------------------------------------------------------------

def organisation(org_slug: str) -> str:
    return f"{org_slug}/index.md"


def body_folder(org_slug: str, body_slug: str) -> str:
    return f"{org_slug}/{body_slug}"


def body(org_slug: str, body_slug: str, year: int | str | None = None) -> str:
    """A body's page; with ``year``, its section of that year (bodies without year pages)."""
    return f"{org_slug}/{body_slug}/index.md" + (f"#ar-{year}" if year else "")


def body_year(org_slug: str, body_slug: str, year: int | str) -> str:
    return f"{org_slug}/{body_slug}/{year}.md"


def body_cases(org_slug: str, body_slug: str, year: int | str | None = None) -> str:
    """A body's case register (``saker.md``), or one year of it (``saker-2024.md``)."""
    return f"{org_slug}/{body_slug}/saker-{year}.md" if year else f"{org_slug}/{body_slug}/saker.md"


def body_threads(org_slug: str, body_slug: str) -> str:
    return f"{org_slug}/{body_slug}/{THREADS}"


def body_follow_ups(org_slug: str, body_slug: str) -> str:
    return f"{org_slug}/{body_slug}/{FOLLOW_UPS}"


def body_quality(org_slug: str, body_slug: str) -> str:
    return f"{org_slug}/{body_slug}/{QUALITY}"


def body_calendar(org_slug: str, body_slug: str) -> str:
    return f"{org_slug}/{body_slug}/{CALENDAR}"


def body_feed(org_slug: str, body_slug: str, feed: str) -> str:
    """A body's feed: ``feed`` is :data:`ATOM` or :data:`RSS`."""
    return f"{org_slug}/{body_slug}/{feed}"


def organisation_people(org_slug: str) -> str:
    return f"personer/{org_slug}.md"


# -- views (their identity is their view path) ------------------------------------------------------

def person(org_slug: str, slug: str) -> str:
    return f"personer/{org_slug}/{slug}"


def municipality(slug: str) -> str:
    return f"kommuner/{slug}"


def topic(slug: str) -> str:
    return f"emner/{slug}"


def thread(org_slug: str, body_slug: str, meeting_id: str, anchor: str) -> str:
    """A case thread, named after its first step: ``org/body/saksgang/<meeting>-<anchor>``."""
    return f"{org_slug}/{body_slug}/saksgang/{meeting_name(meeting_id)}-{anchor}"


def permalink(org_slug: str, body_slug: str, year: int, number: int) -> str:
    """A yeared case number's permanent address: ``org/body/sak/2020/97`` (a forwarding page)."""
    return f"{org_slug}/{body_slug}/sak/{year}/{number}"


def permalink_file(view_path: str) -> str:
    return f"{view_path}/index.html"


# -- meetings -------------------------------------------------------------------------------------

def meeting(meeting_id: str, anchor: str = "") -> str:
    """The docs path of a meeting's page (``org/body/2024-01-19.md``), at ``anchor`` when given."""
    return f"{meeting_id}.md#{anchor}" if anchor else f"{meeting_id}.md"


def meeting_address(meeting_id: str, anchor: str = "") -> str:
    """The meeting page's address relative to the site root (``org/body/2024-01-19/#sak-1-24``), as
    the published JSON's reference ``url`` has it."""
    return f"{meeting_id}/#{anchor}" if anchor else f"{meeting_id}/"


def target_of_address(address: str) -> tuple[str, str]:
    """(meeting id, anchor) of a :func:`meeting_address` (reading the published JSON back)."""
    meeting_id, _, anchor = address.partition("/#")
    return meeting_id.rstrip("/"), anchor


def meeting_json(meeting_id: str) -> str:
    """The meeting's own JSON, beside its page."""
    return f"{meeting_id}.json"


def meeting_name(meeting_id: str) -> str:
    """The last part of a meeting id (``org/body/2024-01-19`` -> ``2024-01-19``)."""
    return meeting_id.rsplit("/", 1)[1]


def original(org_slug: str, body_slug: str, meeting_id: str, extension: str) -> str:
    """The original document a meeting was read from: ``org/body/kilde/<meeting>.<extension>``."""
    return f"{org_slug}/{body_slug}/kilde/{meeting_name(meeting_id)}.{extension}"


# -- links between pages ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Page:
    """Helpers a template needs to link from the page at ``path``."""

    path: str

    def to(self, target: str) -> str:
        """A relative Markdown link target from this page to ``target`` (a docs path, maybe with #anchor)."""
        target_path, _, anchor = target.partition("#")
        relative = relative_path(target_path, posixpath.dirname(self.path))
        return f"<{relative}{'#' + anchor if anchor else ''}>"


@functools.lru_cache(maxsize=1 << 16)  # the same links recur on every page of a folder (body, year, index pages)
def relative_path(target: str, start: str) -> str:
    """``posixpath.relpath(target, start or ".")`` for the plain docs paths we build, without its
    filesystem calls (it runs for every link of every page: 100,000 times per 1,000 meetings)."""
    target_parts = target.split("/")
    start_parts = start.split("/") if start else []
    if not target or any(part in ("", ".", "..") for part in target_parts + start_parts):
        return posixpath.relpath(target, start or ".")
    common = 0
    while common < len(start_parts) and common < len(target_parts) and start_parts[common] == target_parts[common]:
        common += 1
    return "/".join([".."] * (len(start_parts) - common) + target_parts[common:]) or "."
