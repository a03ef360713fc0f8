"""The archive's data model: plain frozen dataclasses, no behaviour beyond small helpers.

Every parsed fact keeps the source line it came from (``line``), so diagnostics and
pages can point back at the source document.
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Line:
    """One line of a source document after reading (the parser's input)."""

    number: int  # 1-based line number in the text the reader produced
    text: str
    origin: str | None = None  # where a non-text reader found it, e.g. "side 3" (PDF page)


@dataclass(frozen=True)
class SourceDocument:
    """A source file turned into text lines by a reader."""

    path: str  # relative to the source root, POSIX separators
    lines: tuple[Line, ...]
    format: str  # txt, md, docx, pdf, odt, html
    sha256: str
    front_matter: dict = field(default_factory=dict, compare=False, hash=False)
    warnings: tuple[Diagnostic, ...] = field(default=(), compare=False, hash=False)  # the reader's


@dataclass(frozen=True)
class Diagnostic:
    """A problem found in a source, printed compiler-style: ``file:line: level: message``."""

    path: str
    line: int
    level: str  # "error", "warning" or "info"
    message: str
    code: str = ""  # the check that found it (generator/views/quality.py: CHECKS), "" for reader/parser problems
    subject: str = ""  # the source words or names it is about, shown on the "Datakvalitet" page

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.level}: {self.message}"


@dataclass(frozen=True)
class Body:
    """A committee or group that meets (from ``body.yml``)."""

    slug: str
    name: str
    short_name: str
    aliases: tuple[str, ...] = ()
    records_decisions: bool = True
    description: str | None = None


@dataclass(frozen=True)
class Organisation:
    """A regional cooperation (from ``organisation.yml``)."""

    slug: str
    name: str
    short_name: str
    municipalities: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    website: str | None = None
    bodies: tuple[Body, ...] = ()


@dataclass(frozen=True)
class Reference:
    """A mention of another case or meeting found in an item's text."""

    kind: str  # "case" or "meeting"
    text: str  # the words in the source that make the reference
    target: str | None  # case: normalised case key (66/20); meeting: ISO date
    line: int = 0
    where: str = "text"  # "title" or "text": which of the item's strings holds the span below
    start: int = 0  # character span of ``text`` in that string
    end: int = 0
    meeting_date: str | None = None  # for "sak 4 fra møtet 6.5": the meeting the case belongs to
    body: str | None = None  # the other body's name, when not this meeting's own
    external: bool = False
    resolved: bool = False
    # where it leads, when resolved: the cited meeting, and the case's anchor in it ("" for the meeting
    # itself); generator/urls.py turns them into links (and the JSON's "url")
    target_meeting: str | None = None
    target_anchor: str = ""


@dataclass(frozen=True)
class Attachment:
    label: str  # "Vedlegg 3"
    title: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Attendee:
    name: str
    status: str  # present, absent, deputy, guest, staff
    role: str | None = None
    affiliation: str | None = None
    note: str | None = None  # "under behandling av sak 005/10"
    line: int = 0
    group: str | None = None  # the minutes' own label for the list the name stood in ("Medlemmer", "Fra adm.")


@dataclass(frozen=True)
class SubItem:
    """A sub-point of an item ("Eventuelt": "a) ...", "1. ...", "Eventuelt 1: ...", a short heading line),
    with the decisions recorded under it."""

    title: str
    text: str  # the sub-point's body as Markdown (its heading line excluded when that line is the title)
    decision: str | None
    line: int = 0
    anchor: str = ""
    start: int = 0  # where in the item's ``text`` it begins (its heading line) ...
    heading_end: int = 0  # ... where the heading line ends (== start when the line stays in the text) ...
    end: int = 0  # ... and where it ends


@dataclass(frozen=True)
class Item:
    """One agenda item (a case) of a meeting."""

    number: str | None  # as written: 34/23, 001/10, 14-22, 3; None when unnumbered
    key: str | None  # normalised for linking: 34/23, 1/10, 14/22, 3
    title: str
    text: str  # the item's body as Markdown (title excluded), nothing lost
    conclusion: str | None
    line: int = 0
    anchor: str = ""
    attachments: tuple[Attachment, ...] = ()
    references: tuple[Reference, ...] = ()
    decision_spans: tuple[tuple[int, int], ...] = ()  # where in ``text`` the decisions stand
    proposal: str | None = None  # the proposal put to the meeting (Forslag til vedtak, Innstilling), kept apart
    subitems: tuple[SubItem, ...] = ()  # its sub-points, each with its own decisions (parse/items.py)


@dataclass(frozen=True)
class Meeting:
    """One meeting of one body, parsed from one source document."""

    id: str  # organisation/body/YYYY-MM-DD, also the page URL stem
    source: str
    date: str
    organisation: str | None = None
    body: str | None = None
    org_slug: str = ""
    body_slug: str = ""
    meeting_number: str | None = None
    title: str | None = None
    start: str | None = None
    end: str | None = None
    location: str | None = None
    chair: str | None = None
    secretary: str | None = None
    attendees: tuple[Attendee, ...] = ()
    items: tuple[Item, ...] = ()
    preamble: str = ""  # text before the first item that is not otherwise structured
    appendix: str = ""  # text after the last item that belongs to no item (attendance at the end)
    front_matter: str = ""  # YAML front matter of the source, verbatim
    references: tuple[Reference, ...] = ()  # references outside any item (e.g. attachment list)
    attachments: tuple[Attachment, ...] = ()  # attachments not tied to an item
    source_sha256: str = ""
    source_format: str = "txt"
    dialect: str = ""


@dataclass(frozen=True)
class Backlink:
    """A later (or earlier) case or meeting that mentions a target."""

    meeting_id: str
    date: str
    anchor: str
    number: str | None
    title: str
    text: str  # the words of the mention


@dataclass
class Archive:
    """The linked archive (generator/link.py makes it): every organisation and meeting, and the
    backlinks. It owns the lookups every later stage needs, each computed once: a linked archive
    does not change."""

    organisations: list[Organisation]
    meetings: list[Meeting]  # by organisation, body, date and id
    backlinks: dict[tuple[str, str], list[Backlink]] = field(default_factory=dict)  # (meeting id, anchor or "")

    def meeting(self, meeting_id: str) -> Meeting | None:
        return self.by_id.get(meeting_id)

    @functools.cached_property
    def by_id(self) -> dict[str, Meeting]:
        return {m.id: m for m in self.meetings}

    @functools.cached_property
    def bodies(self) -> dict[tuple[str, str], tuple[Organisation, Body]]:
        """(organisation slug, body slug) -> (organisation, body), for every body of the archive."""
        return {(org.slug, body.slug): (org, body) for org in self.organisations for body in org.bodies}

    @functools.cached_property
    def meetings_by_body(self) -> dict[tuple[str, str], tuple[Meeting, ...]]:
        """(organisation slug, body slug) -> the body's meetings, oldest first (date, then id)."""
        grouped: dict[tuple[str, str], list[Meeting]] = {}
        for meeting in sorted(self.meetings, key=lambda m: (m.date, m.id)):
            grouped.setdefault((meeting.org_slug, meeting.body_slug), []).append(meeting)
        return {key: tuple(found) for key, found in grouped.items()}

    @functools.cached_property
    def items(self) -> dict[tuple[str, str], Item]:
        """(meeting id, anchor) -> the agenda item."""
        return {(m.id, item.anchor): item for m in self.meetings for item in m.items}


@dataclass(frozen=True)
class Streamed:
    """A file too big to hold in memory at once (``data/arkiv.json``: about 11 KB a meeting, 0.6 GB at
    50,000 meetings, and several times that as Python objects): ``chunks()`` yields its bytes piece by
    piece, and ``generator/write.py`` writes them as they come."""

    chunks: Callable[[], Iterator[bytes]]
