"""Where everything is: the docs path of every page the site has, and relative links between them.

Every path the generator writes or links to is built here, from the meeting, body, organisation or
view it shows; templates reach it as ``page.to(...)`` with a target from these functions.
"""
from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass


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
