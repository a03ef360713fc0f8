"""Data quality, visible: the checks behind ``python -m generator check`` and the "Datakvalitet" pages.

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
from dataclasses import dataclass, replace

from ..link import Archive
from ..model import Body, Diagnostic, Organisation
from .people import spelling_diagnostics
from . import Views

# code -> (heading on the page, what the editor can do). Order = order on the page.
CHECKS: dict[str, tuple[str, str]] = {
    "unresolved-reference": ("Henvisninger som ikke finnes i arkivet",
                             ("Saken eller møtet det henvises til, er ikke i arkivet. Legg til referatet, eller rett "
                              "nummeret eller datoen i kilden.")),
    "duplicate-case": ("Samme saksnummer flere ganger i et organ",
                       "Et saksnummer skal bare brukes én gang per organ. Rett nummeret i kilden."),
    "no-decision": ("Saker uten vedtak",
                    ("Organet fører vedtak, men saken har ingen konklusjon. Skriv «Konklusjon:» eller «Vedtak:» "
                     "foran vedtaket.")),
    "name-variants": ("Personer med flere skrivemåter",
                      "Navnene er slått sammen til én person. Bekreft i people.yml (merge), eller skill dem (split)."),
    "no-attendees": ("Møter uten deltakerliste",
                     "Fant ingen deltakere. Skriv «Til stede:» (og «Forfall:») foran navnene."),
    "editorial": ("Feil i people.yml, topics.yml eller mappenavn",
                  "En feil fil brukes ikke før den er rettet; en mappe med et navn nettstedet selv bruker, må få nytt navn."),
    "": ("Andre funn ved innlesing", "Problemer med å lese eller tolke kildefilen."),
}
# The parser reports some of these itself (without a code); recognised by their message.
PARSER_MESSAGES = {"no attendees found": "no-attendees"}


@dataclass(frozen=True)
class Section:
    code: str
    title: str
    advice: str
    findings: tuple[Diagnostic, ...]


def with_code(diagnostic: Diagnostic) -> Diagnostic:
    """The diagnostic with its check's code, recognising the parser's own messages."""
    if diagnostic.code:
        return diagnostic
    code = PARSER_MESSAGES.get(diagnostic.message, "")
    if not code:
        return diagnostic
    return replace(diagnostic, code=code)


def view_diagnostics(views: Views) -> list[Diagnostic]:
    """Checks that need the computed views: people under several spellings."""
    return spelling_diagnostics(views.people)


def sections(diagnostics: list[Diagnostic]) -> list[Section]:
    """The findings grouped by check, in page order; checks with nothing found are left out."""
    grouped: dict[str, list[Diagnostic]] = {code: [] for code in CHECKS}
    for diagnostic in diagnostics:
        diagnostic = with_code(diagnostic)
        grouped[diagnostic.code if diagnostic.code in CHECKS else ""].append(diagnostic)
    return [Section(code, *CHECKS[code], tuple(sorted(found, key=lambda d: (d.path, d.line, d.message))))
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
    for code, (title, advice) in CHECKS.items():
        rows = tuple(BodyCount(org, body, counts[(org.slug, body.slug)][code]) for org in organisations
                     for body in org.bodies if code in counts.get((org.slug, body.slug), {}))
        loose = outside.get(code, ())
        if rows or loose:
            out.append(Summary(code, title, advice, sum(r.count for r in rows) + len(loose), rows,
                               loose[:LISTED_AT_MOST], max(0, len(loose) - LISTED_AT_MOST)))
    return out


def finding_places(archive: Archive):
    """``place(diagnostic) -> (meeting, item)``: the meeting page a finding's file became and the case
    its line stands in (``None`` for either when there is none), so each finding can link to them."""
    by_source = {}
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
