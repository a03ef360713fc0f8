"""Case threads, case permalinks and open follow-ups, computed from the linked archive.

A *case thread* is a case and everything that follows it up: the items joined by resolved
case references ("Oppfølging av sak 66/20", "jf. sak 14-22", "sak 4 fra møtet 6.5"), taken in
both directions and in date order. References to a whole meeting ("Referat fra 05.11.2020")
do not join threads: every approval of the previous minutes would otherwise chain all of a
body's meetings into one thread.

Everything here is a pure function of the archive, so the same sources always give the same
threads, and a new meeting can only add steps (or join two threads it refers to).
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass

from .. import urls
from ..model import Archive, Item, Meeting
from .union_find import components

# Decisions that hand out work for later; matched against the item's recorded decision.
FOLLOW_UP_CUES = [
    re.compile(r"\bfølge[rs]?\s+opp\b|\boppfølging\b", re.IGNORECASE),
    re.compile(r"\bfremme[rs]?\s+(?:\w+\s+)?sak\b|\bfremlegge[rs]?\b", re.IGNORECASE),
    re.compile(r"\bkomme[rs]?\s+tilbake\s+til\b", re.IGNORECASE),
    re.compile(r"\bmelde[rs]?\s+tilbake\b", re.IGNORECASE),
    re.compile(r"\blegge[rs]?\s+(?:frem|fram)\b|\blegges\s+(?:\w+\s+)?(?:frem|fram)\b", re.IGNORECASE),
    re.compile(r"\butarbeide[rs]?\b", re.IGNORECASE),
    re.compile(r"\bgis\s+i\s+oppgave\b|\bfår\s+i\s+oppdrag\b|\bfår\s+fullmakt\b", re.IGNORECASE),
    re.compile(r"\btar\s+kontakt\b|\btar\s+opp\s+saken\b", re.IGNORECASE),
    re.compile(r"\btil\s+neste\s+møte\b", re.IGNORECASE),
]


@dataclass(frozen=True)
class Step:
    """One treatment of a case: an item of a meeting."""

    meeting_id: str
    org_slug: str
    body_slug: str
    date: str
    anchor: str
    number: str | None
    key: str | None
    title: str
    conclusion: str | None
    position: int  # the item's place in its meeting, for a stable order within one meeting

    @property
    def node(self) -> tuple[str, str]:
        return self.meeting_id, self.anchor


@dataclass(frozen=True)
class Citation:
    """Step ``source`` refers to step ``target`` (indexes into the thread's steps) with ``text``."""

    source: int
    target: int
    text: str


@dataclass(frozen=True)
class Thread:
    """A case and its follow-ups, oldest first. ``path`` is the thread page (docs path, no .md)."""

    path: str
    steps: tuple[Step, ...]
    citations: tuple[Citation, ...]

    @property
    def title(self) -> str:
        return self.steps[0].title


@dataclass(frozen=True)
class CasePermalink:
    """``/<org>/<body>/sak/<year>/<number>/``: where a yeared case number was treated.

    Published as a small static HTML file that forwards to the case in its meeting page, not as a
    Markdown page: there are several cases per meeting, and every Markdown page costs MkDocs a full
    theme render (a page per case would multiply the build time of a large archive).
    """

    org_slug: str
    body_slug: str
    year: int
    number: int
    key: str
    steps: tuple[Step, ...]  # more than one when the number was (wrongly) used twice

    @property
    def path(self) -> str:
        return urls.permalink(self.org_slug, self.body_slug, self.year, self.number)

    @property
    def file(self) -> str:
        """The docs path of the forwarding page."""
        return urls.permalink_file(self.path)


@dataclass(frozen=True)
class FollowUp:
    """A decision that assigns work no later meeting has picked up (by reference) yet."""

    step: Step
    cue: str  # the words in the decision that assign the work


def step_of(meeting: Meeting, item: Item, position: int) -> Step:
    return Step(meeting.id, meeting.org_slug, meeting.body_slug, meeting.date, item.anchor, item.number, item.key,
                item.title, item.conclusion, position)


def all_steps(archive: Archive) -> dict[tuple[str, str], Step]:
    """Every item of the archive as a step, by (meeting id, anchor): computed once, by compute_views
    (``Views.steps``), and given to every view that needs them."""
    return {(m.id, item.anchor): step_of(m, item, position)
            for m in archive.meetings for position, item in enumerate(m.items)}


def citations(archive: Archive) -> list[tuple[tuple[str, str], tuple[str, str], str]]:
    """Resolved item-to-item references: (citing node, cited node, words), sorted."""
    found = set()
    for meeting in archive.meetings:
        for item in meeting.items:
            for ref in item.references:
                if ref.resolved and ref.target_meeting and ref.target_anchor:
                    found.add(((meeting.id, item.anchor), (ref.target_meeting, ref.target_anchor), ref.text))
    return sorted(found)


def case_threads(archive: Archive, steps: dict[tuple[str, str], Step]) -> tuple[Thread, ...]:
    """Every thread of two or more steps, ordered by body, then first date."""
    edges = [(a, b, text) for a, b, text in citations(archive) if a in steps and b in steps and a != b]
    groups = components((a, b) for a, b, _ in edges)
    group_of = {node: number for number, nodes in enumerate(groups) for node in nodes}
    edges_of: dict[int, list] = defaultdict(list)
    for edge in edges:
        edges_of[group_of[edge[0]]].append(edge)
    threads = []
    for number, nodes in enumerate(groups):
        ordered = sorted((steps[node] for node in nodes), key=_step_order)
        index = {step.node: position for position, step in enumerate(ordered)}
        cited = sorted({Citation(index[a], index[b], text) for a, b, text in edges_of[number]},
                       key=lambda c: (c.source, c.target, c.text))
        first = ordered[0]
        path = urls.thread(first.org_slug, first.body_slug, first.meeting_id, first.anchor)
        threads.append(Thread(path, tuple(ordered), tuple(cited)))
    return tuple(sorted(threads, key=lambda t: (t.steps[0].org_slug, t.steps[0].body_slug, _step_order(t.steps[0]))))


def _step_order(step: Step) -> tuple:
    return step.date, step.meeting_id, step.position


def threads_by_step(threads: tuple[Thread, ...]) -> dict[tuple[str, str], Thread]:
    """Which thread each step belongs to, by (meeting id, anchor)."""
    return {step.node: thread for thread in threads for step in thread.steps}


YEARED_KEY = re.compile(r"(\d+)/(\d\d)")


def case_year(key: str, meeting_date: str) -> int | None:
    """The full year of a yeared case key (66/20 in a 2020 meeting -> 2020); None for ordinal numbers."""
    match = YEARED_KEY.fullmatch(key or "")
    if not match:
        return None
    meeting_year = dt.date.fromisoformat(meeting_date).year
    year = meeting_year - meeting_year % 100 + int(match.group(2))
    return year - 100 if year > meeting_year + 1 else year


def case_permalinks(steps: dict[tuple[str, str], Step]) -> tuple[CasePermalink, ...]:
    """A permalink for every yeared case number treated in the archive (numbers not in it get none)."""
    found: dict[tuple[str, str, int, int], list[Step]] = defaultdict(list)
    for _, step in sorted(steps.items()):
        key = step.key or ""
        year = case_year(key, step.date)
        if year is not None:
            number = int(key.split("/")[0])
            found[(step.org_slug, step.body_slug, year, number)].append(step)
    # steps[0].key: yeared (case_year found its year), so never None
    return tuple(CasePermalink(org, body, year, number, steps[0].key or "", tuple(sorted(steps, key=_step_order)))
                 for (org, body, year, number), steps in sorted(found.items()))


def permalinks_by_step(permalinks: tuple[CasePermalink, ...]) -> dict[tuple[str, str], CasePermalink]:
    return {step.node: link for link in permalinks for step in link.steps}


# The cues as one pattern, searched once: its leftmost match is the earliest cue's, and at one position
# the alternatives are tried in the list's order, as ``min`` over the cues' own matches chose.
ANY_FOLLOW_UP_CUE = re.compile("|".join(f"(?:{pattern.pattern})" for pattern in FOLLOW_UP_CUES), re.IGNORECASE)


def follow_up_cue(decision: str | None) -> str | None:
    """The words of a decision that assign follow-up work, or None."""
    match = ANY_FOLLOW_UP_CUE.search(decision or "")
    return match.group(0) if match else None


def open_follow_ups(steps: dict[tuple[str, str], Step], threads: tuple[Thread, ...]) -> dict[tuple[str, str], tuple[FollowUp, ...]]:
    """Per (organisation, body): decisions assigning work that no later step of their thread picked up."""
    by_step = threads_by_step(threads)
    out: dict[tuple[str, str], list[FollowUp]] = defaultdict(list)
    for step in sorted(steps.values(), key=_step_order):
        cue = follow_up_cue(step.conclusion)
        if cue is None:
            continue
        thread = by_step.get(step.node)
        if thread and any(later.date > step.date for later in thread.steps):
            continue
        out[(step.org_slug, step.body_slug)].append(FollowUp(step, cue))
    return {key: tuple(reversed(items)) for key, items in sorted(out.items())}
