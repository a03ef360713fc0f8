"""Stage 3b: what readers browse by, computed from the linked archive (after link, before render).

Case threads and permalinks, open follow-ups, people and municipalities, topics and announced
meetings: each from its own module, each a pure function of the archive plus the editorial
files (``people.yml``, ``topics.yml``) in the source folder.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..model import Archive, Diagnostic
from .announcements import Announcement, announcements
from .case_status import CaseStatus, case_statuses
from .people import Aliases, PeopleIndex, load_aliases, people_index
from .threads import (
    CasePermalink,
    FollowUp,
    Step,
    Thread,
    all_steps,
    case_permalinks,
    case_threads,
    open_follow_ups,
    permalinks_by_step,
    threads_by_step,
)
from .topics import Topic, TopicIndex, load_vocabulary, topic_index


@dataclass(frozen=True)
class Views:
    threads: tuple[Thread, ...] = ()
    permalinks: tuple[CasePermalink, ...] = ()
    follow_ups: dict[tuple[str, str], tuple[FollowUp, ...]] = field(default_factory=dict)
    people: PeopleIndex = field(default_factory=PeopleIndex)
    topics: TopicIndex = field(default_factory=TopicIndex)
    announced: dict[tuple[str, str], tuple[Announcement, ...]] = field(default_factory=dict)
    thread_of: dict[tuple[str, str], Thread] = field(default_factory=dict, compare=False)  # (meeting id, anchor)
    permalink_of: dict[tuple[str, str], CasePermalink] = field(default_factory=dict, compare=False)
    status_of: dict[tuple[str, str], CaseStatus] = field(default_factory=dict, compare=False)  # (meeting id, anchor)
    steps: dict[tuple[str, str], Step] = field(default_factory=dict, compare=False)  # every item, by (meeting id, anchor)


def load_editorial_files(src: Path | None) -> tuple[Aliases, tuple[Topic, ...], list[Diagnostic]]:
    """``people.yml`` and ``topics.yml`` from the source folder (both optional). (Organisation folders
    named like the site's own pages are refused where the tree is read: config.RESERVED_NAMES.)"""
    aliases, alias_problems = load_aliases(src)
    vocabulary, vocabulary_problems = load_vocabulary(src)
    return aliases, vocabulary, alias_problems + vocabulary_problems


def compute_views(archive: Archive, aliases: Aliases | None = None, vocabulary: tuple[Topic, ...] = ()) -> Views:
    """Everything readers browse by, for ``archive`` (with the editor's aliases and topic vocabulary)."""
    steps = all_steps(archive)
    threads = case_threads(archive, steps)
    permalinks = case_permalinks(steps)
    thread_of = threads_by_step(threads)
    return Views(
        threads=threads,
        permalinks=permalinks,
        follow_ups=open_follow_ups(steps, threads),
        people=people_index(archive, aliases or Aliases()),
        topics=topic_index(archive, vocabulary),
        announced=announcements(archive),
        thread_of=thread_of,
        permalink_of=permalinks_by_step(permalinks),
        status_of=case_statuses(steps, archive.items, thread_of),
        steps=steps,
    )
