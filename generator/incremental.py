"""Incremental rebuilds for ``mkdocs serve``: reparse what changed, relink, re-render what it touches.

The state lives in memory for the life of one process (the MkDocs hook keeps one instance). A rebuild

1. reparses only the source files whose size or modification time changed (``parsed``),
2. relinks the whole archive (cheap: a second pass over plain data),
3. re-renders only the meeting pages whose inputs changed: the meeting itself, its neighbours in its
   body (previous/next links), and every meeting whose links or backlinks changed; every index page
   is rendered again (they are few and bounded),
4. writes only files whose content changed, so MkDocs ``--dirty`` rebuilds only those pages.

The views drawn from the whole archive (threads, people, topics, feeds, open data) stay as the last
full build made them: recomputing them costs more than the rest of an edit; a new case or name
therefore gets its thread or person link at the next full build. The first build of a process is
always full.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .model import Archive, Backlink, Diagnostic, Meeting
from .views import Views


@dataclass
class State:
    """What one process remembers between builds."""

    # source path -> ((size, mtime_ns), parsed meeting or None, diagnostics)
    parsed: dict[str, tuple[tuple[int, int], Meeting | None, list[Diagnostic]]] = field(default_factory=dict)
    archive: Archive | None = None
    views: Views | None = None  # the views of the last full build
    paths: set[str] = field(default_factory=set)  # every file the last build wrote or kept
    reparsed: int = 0  # files parsed by the last build
    rendered: int | None = None  # meetings rendered by the last build (None: all)


def _neighbours(archive: Archive) -> dict[str, tuple[str | None, str | None]]:
    out = {}
    for meetings in archive.meetings_by_body.values():
        for position, meeting in enumerate(meetings):
            previous = meetings[position - 1].id if position else None
            following = meetings[position + 1].id if position + 1 < len(meetings) else None
            out[meeting.id] = (previous, following)
    return out


def _backlinks_by_meeting(archive: Archive) -> dict[str, list[tuple[str, list[Backlink]]]]:
    out: dict[str, list[tuple[str, list[Backlink]]]] = defaultdict(list)
    for (meeting_id, anchor), links in archive.backlinks.items():
        out[meeting_id].append((anchor, links))
    for anchored in out.values():
        anchored.sort(key=lambda pair: pair[0])
    return out


def changed_meetings(old: Archive | None, new: Archive) -> set[str] | None:
    """Ids of the meetings whose page may differ between ``old`` and ``new``; None means all."""
    if old is None:
        return None
    before = {m.id: m for m in old.meetings}
    old_neighbours, new_neighbours = _neighbours(old), _neighbours(new)
    old_backlinks, new_backlinks = _backlinks_by_meeting(old), _backlinks_by_meeting(new)
    changed = set()
    for meeting in new.meetings:
        if before.get(meeting.id) != meeting \
                or old_neighbours.get(meeting.id) != new_neighbours.get(meeting.id) \
                or old_backlinks.get(meeting.id) != new_backlinks.get(meeting.id):
            changed.add(meeting.id)
    return changed
