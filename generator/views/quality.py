"""Data quality, visible: the checks behind ``python -m generator check`` and the "Datakvalitet" pages.

Every check is in one registry, :data:`CHECKS` (code, Norwegian heading, advice to the editor, and the
function that finds it), in the order of the pages. Most checks look at the linked archive and its
views and run in :func:`run_checks`; the others are reported by the reader or parser while it reads
(``find`` is None), and the reader or parser sets the check's code on the Diagnostic itself.

Each finding is a :class:`~generator.model.Diagnostic` with a ``code`` naming its check. A finding
belongs to a body when its source file is in the body's folder; each body has a page listing its
findings grouped by check, with a Norwegian heading and a line on how to fix the source. The
archive's page counts the findings per check and body (so it grows with the number of bodies, not
meetings) and lists in full only the findings that belong to no body (editorial files, misplaced
files), which are bounded by the source tree's layout, not by the meetings in it.
"""
from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ..editorial import PEOPLE_FILE
from ..model import Archive, Body, Diagnostic, Item, Meeting, Organisation
from . import Views
from .announcements import is_announcement


@dataclass(frozen=True)
class QualityInput:
    """What the checks look at: the linked archive and the views computed from it."""

    archive: Archive
    views: Views


@dataclass(frozen=True)
class Check:
    """One data-quality check: its code (the Diagnostic's ``code`` and the page anchor), the heading
    and advice on the "Datakvalitet" pages, and the function that finds it (None: reported by the
    reader or parser while it reads)."""

    code: str
    title: str
    advice: str
    find: Callable[[QualityInput], Iterable[Diagnostic]] | None = None


# code -> check, in the order of the pages (the order they are registered in below).
CHECKS: dict[str, Check] = {}


def register(code: str, title: str, advice: str):
    """Decorator: the function finds the findings of check ``code``."""
    def add(find: Callable[[QualityInput], Iterable[Diagnostic]]):
        _add(Check(code, title, advice, find))
        return find
    return add


def reported_while_reading(code: str, title: str, advice: str) -> None:
    """A check the reader or parser reports as it reads, setting ``code`` on the Diagnostic itself."""
    _add(Check(code, title, advice))


def _add(check: Check) -> None:
    if check.code in CHECKS:
        raise ValueError(f"check {check.code!r} is registered twice")
    CHECKS[check.code] = check


def run_checks(archive: Archive, views: Views) -> list[Diagnostic]:
    """The findings of every check that looks at the linked archive and its views, by file and line
    (as ``check`` prints them: a file's findings together, whichever check found them; on one line in
    the order of the registry, and each check's in the order of the text)."""
    found = QualityInput(archive, views)
    return sorted((d for check in CHECKS.values() if check.find is not None for d in check.find(found)),
                  key=lambda d: (d.path, d.line))


@register("unresolved-reference", "Henvisninger som ikke finnes i arkivet",
          "Saken eller møtet det henvises til, er ikke i arkivet. Legg til referatet, eller rett nummeret eller "
          "datoen i kilden.")
def unresolved_references(found: QualityInput) -> Iterator[Diagnostic]:
    """References to a case or meeting not in the archive (announced future meetings excepted)."""
    for meeting in found.archive.meetings:
        for item in meeting.items:
            for ref in item.references:
                if not ref.resolved and not ref.external and not is_announcement(meeting, item, ref):
                    yield Diagnostic(meeting.source, ref.line or item.line, "info",
                                     f"reference '{ref.text}' points to {ref.kind} {ref.target} not in the archive",
                                     "unresolved-reference", ref.text)


@register("duplicate-case", "Samme saksnummer flere ganger i et organ",
          "Et saksnummer skal bare brukes én gang per organ. Rett nummeret i kilden.")
def duplicate_cases(found: QualityInput) -> Iterator[Diagnostic]:
    """A case number used more than once in one body: every use after the first."""
    cases: dict[tuple[str, str], list[tuple[Meeting, int]]] = defaultdict(list)
    for meeting in found.archive.meetings:
        for item in meeting.items:
            if item.key and "/" in item.key:  # "5/21"; a bare ordinal ("sak 3") restarts every meeting
                cases[(f"{meeting.org_slug}/{meeting.body_slug}", item.key)].append((meeting, item.line))
    for (body, key), places in sorted(cases.items()):
        for meeting, line in places[1:]:
            yield Diagnostic(meeting.source, line, "warning",
                             f"case {key} appears more than once in {body} (also {places[0][0].source})",
                             "duplicate-case", f"sak {key}")


@register("no-decision", "Saker uten vedtak",
          "Organet fører vedtak, men saken har ingen konklusjon. Skriv «Konklusjon:» eller «Vedtak:» foran "
          "vedtaket.")
def missing_decisions(found: QualityInput) -> Iterator[Diagnostic]:
    """Numbered cases without a decision, in bodies that record decisions."""
    for meeting in found.archive.meetings:
        _, body = found.archive.bodies.get((meeting.org_slug, meeting.body_slug), (None, None))
        if body is None or not body.records_decisions:
            continue
        for item in meeting.items:
            if item.number and not item.conclusion and not _is_any_business(item):
                yield Diagnostic(meeting.source, item.line, "info", f"case {item.number} has no recorded decision",
                                 "no-decision", f"sak {item.number}: {item.title}")


def _is_any_business(item: Item) -> bool:
    """Items that are told, not decided ("Eventuelt", "Orientering", "Referatsaker")."""
    return item.title.lower().startswith(("eventuelt", "orientering", "referatsaker"))


@register("name-variants", "Personer med flere skrivemåter",
          "Navnene er slått sammen til én person. Bekreft i people.yml (merge), eller skill dem (split).")
def name_variants(found: QualityInput) -> Iterator[Diagnostic]:
    """People the archive merged from several spellings that people.yml has not confirmed: each other
    spelling, where it is first used."""
    for person in found.views.people.people:
        if len(person.spellings) < 2 or person.confirmed:
            continue
        for spelling in person.spellings:
            if spelling == person.name:
                continue
            first = next(r for r in person.attendances if r.name == spelling)
            yield Diagnostic(first.source, first.line, "info",
                             f"'{spelling}' is taken to be the same person as '{person.name}'; "
                             f"confirm (merge) or split in {PEOPLE_FILE}", "name-variants",
                             f"{spelling} = {person.name}")


reported_while_reading("no-attendees", "Møter uten deltakerliste",
                       "Fant ingen deltakere. Skriv «Til stede:» (og «Forfall:») foran navnene.")
reported_while_reading("editorial", "Feil i people.yml, topics.yml eller mappenavn",
                       "En feil fil brukes ikke før den er rettet; en mappe med et navn nettstedet selv bruker, må få "
                       "nytt navn.")
# Reader and parser problems that are no check of their own (unreadable files, dates without a year,
# ...): their Diagnostic has no code, and they are listed together.
reported_while_reading("", "Andre funn ved innlesing", "Problemer med å lese eller tolke kildefilen.")


@dataclass(frozen=True)
class Section:
    code: str
    title: str
    advice: str
    findings: tuple[Diagnostic, ...]


def sections(diagnostics: list[Diagnostic]) -> list[Section]:
    """The findings grouped by check, in page order; checks with nothing found are left out."""
    grouped: dict[str, list[Diagnostic]] = {code: [] for code in CHECKS}
    for diagnostic in diagnostics:
        grouped[diagnostic.code if diagnostic.code in CHECKS else ""].append(diagnostic)
    return [Section(code, CHECKS[code].title, CHECKS[code].advice,
                    tuple(sorted(found, key=lambda d: (d.path, d.line, d.message))))
            for code, found in grouped.items() if found]


def collapsed(findings) -> list[tuple[Diagnostic, int]]:
    """The findings as table rows: (finding, how many times it was found). Identical findings (same
    file, line, level and text: a 2 MB line naming one missing meeting 22,000 times) are one row
    with their count, so a page does not repeat a row thousands of times; ``findings`` is sorted
    (``sections``), so identical ones are adjacent."""
    rows: list[tuple[Diagnostic, int]] = []
    for finding in findings:
        if rows and _same_row(rows[-1][0], finding):
            rows[-1] = (rows[-1][0], rows[-1][1] + 1)
        else:
            rows.append((finding, 1))
    return rows


def _same_row(a: Diagnostic, b: Diagnostic) -> bool:
    return (a.path, a.line, a.level, a.subject or a.message) == (b.path, b.line, b.level, b.subject or b.message)


# Findings outside any body listed per check on the archive's page; beyond this (thousands of files
# dropped in an organisation folder, say) the page says how many more and points to `check`.
LISTED_AT_MOST = 50


@dataclass(frozen=True)
class BodyCount:
    """How many findings of one check a body has (a row of the archive's page)."""

    org: Organisation
    body: Body
    count: int


@dataclass(frozen=True)
class Summary:
    """One check on the archive's page: counts per body, and the findings that belong to no body."""

    code: str
    title: str
    advice: str
    total: int
    bodies: tuple[BodyCount, ...]
    unplaced: tuple[Diagnostic, ...]  # at most LISTED_AT_MOST
    more: int  # findings belonging to no body that are not listed


def by_body(diagnostics: list[Diagnostic], organisations: list[Organisation]
            ) -> tuple[dict[tuple[str, str], list[Diagnostic]], list[Diagnostic]]:
    """The findings per (organisation slug, body slug), and those that belong to no body."""
    known = {(org.slug, body.slug) for org in organisations for body in org.bodies}
    placed: dict[tuple[str, str], list[Diagnostic]] = defaultdict(list)
    unplaced = []
    for diagnostic in diagnostics:
        parts = diagnostic.path.split("/")
        key = (parts[0], parts[1]) if len(parts) >= 3 else None
        if key in known:
            placed[key].append(diagnostic)
        else:
            unplaced.append(diagnostic)
    return placed, unplaced


def summary(diagnostics: list[Diagnostic], organisations: list[Organisation]) -> list[Summary]:
    """The archive's page: per check, the number of findings per body and the findings of no body."""
    placed, unplaced = by_body(diagnostics, organisations)
    counts = {key: {s.code: len(s.findings) for s in sections(found)} for key, found in placed.items()}
    outside = {s.code: s.findings for s in sections(unplaced)}
    out = []
    for code, check in CHECKS.items():
        rows = tuple(BodyCount(org, body, counts[(org.slug, body.slug)][code]) for org in organisations
                     for body in org.bodies if code in counts.get((org.slug, body.slug), {}))
        loose = outside.get(code, ())
        if rows or loose:
            out.append(Summary(code, check.title, check.advice, sum(r.count for r in rows) + len(loose), rows,
                               loose[:LISTED_AT_MOST], max(0, len(loose) - LISTED_AT_MOST)))
    return out


def finding_places(archive: Archive):
    """``place(diagnostic) -> (meeting, item)``: the meeting page a finding's file became and the case
    its line stands in (``None`` for either when there is none), so each finding can link to them."""
    by_source: dict[str, Meeting] = {}
    for meeting in sorted(archive.meetings, key=lambda m: m.id):
        by_source.setdefault(meeting.source, meeting)
    # one list of item start lines per meeting, built once: a huge file has thousands of findings and
    # thousands of items, and rebuilding it per finding made the quality pages quadratic
    starts_of = {meeting.source: [item.line for item in meeting.items] for meeting in by_source.values()}

    def place(diagnostic: Diagnostic):
        meeting = by_source.get(diagnostic.path)
        if meeting is None:
            return None, None
        starts = starts_of[diagnostic.path]
        position = bisect.bisect_right(starts, diagnostic.line) - 1
        return meeting, (meeting.items[position] if position >= 0 and diagnostic.line > 0 else None)
    return place
