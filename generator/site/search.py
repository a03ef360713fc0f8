"""Search: index the built site with Pagefind (run after ``mkdocs build``; see the MkDocs hook).

Pagefind writes a static bundle to ``<site>/pagefind/``: a query downloads only the index chunks
and result fragments it needs, so the cost of one search stays flat as the archive grows (Material's
built-in search ships the whole text to every browser: ~8 MB per 1,000 meetings). Only meeting
pages are indexed (``data-pagefind-body`` in ``overrides/main.html``); ``<html lang="nb">`` gives
Norwegian stemming. The binary ships inside the ``pagefind[bin]`` wheel, so indexing works offline.
The filter index is then rewritten in a stable order (``generator/site/pagefind_stable.py``), so the
bundle is byte-reproducible.

Search groups. One Pagefind run holds every page it indexes in memory (3.4 GB at 10,000 meetings,
growing linearly), so the meeting pages are split into groups of at most
``ARCHIVE_SEARCH_GROUP_MEETINGS`` pages (default ``GROUP_MEETINGS``), each indexed by its own
Pagefind run, one after another. The partition depends only on the meeting pages of the built site
(``search_groups``): organisations in sorted order, packed into groups in that order; an
organisation larger than a group is split by body, a body by year, a year into runs of pages. So a
single build and a sharded build (``generator/site/shards.py``) of the same site give the same groups,
whatever the CI shards were. Group 1 is ``<site>/pagefind/``; group K is ``<site>/pagefind-K/``.
``<site>/pagefind/archive-merge.json`` lists the other bundles (``["pagefind-2/", ...]``, in group
order; ``[]`` with one group), which the search script joins with Pagefind's ``mergeIndex``.

    python -m generator search SITE_DIR [--group-meetings N]
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from generator.site.pagefind_stable import stabilise

BUNDLE = "pagefind"
MERGE_LIST = "archive-merge.json"  # in the primary bundle: the other groups' bundles, relative to the site root
GROUP_MEETINGS = 6000  # meeting pages per Pagefind run (BENCHMARKS.md, "Search groups")
GROUP_MEETINGS_VARIABLE = "ARCHIVE_SEARCH_GROUP_MEETINGS"
# Only the minutes' own text is indexed, not what the templates put on every page: permalink markers (¶,
# in every case title), topic chips, table headers (Navn, Rolle, ...) and the paragraphs the meeting
# template marks .archive-furniture (breadcrumbs, "Fast lenke til saken · Emner", previous/next, "Kilde").
EXCLUDE_SELECTORS = ".headerlink, .md-tags, thead, .archive-furniture"
# "/" stays inside words, so a case number is one word: "66/20" is found as 66/20, and never as the
# date 6.6.2014 or the time 12.20 (both "662014"/"1220" once "/" and "." are dropped, which a prefix
# search for "6620" or "1220" would match). Case keys written otherwise in the minutes ("14-22",
# "001/10") are indexed under their key too (data-sak, generator/render/pages.py and meeting.md.j2).
INCLUDE_CHARACTERS = "/"
# Meeting pages only (<org>/<body>/<date>/): Pagefind then reads a tenth of the site's HTML instead of
# every case, thread and person page. data-pagefind-body (overrides/main.html) marks the same pages.
GLOB = "*/*/[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*/index.html"
FILE_URLS_GLOB = "*/*/[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*.html"  # use_directory_urls: false
BUNDLE_FOLDER = re.compile(rf"{BUNDLE}-\d+")


@dataclass(frozen=True)
class GroupStats:
    bundle: str  # relative to the site root, e.g. "pagefind-2/"
    pages: int  # as Pagefind reported them ("Indexed N pages")
    seconds: float
    peak_bytes: int  # the Pagefind process's peak resident memory (ru_maxrss)


@dataclass(frozen=True)
class IndexStats:
    pages: int
    seconds: float
    bundle_bytes: int
    groups: list[GroupStats] = field(default_factory=list)

    @property
    def peak_bytes(self) -> int:
        return max((group.peak_bytes for group in self.groups), default=0)


def group_limit(value: int | str | None = None) -> int:
    """The meeting pages per group: ``value``, else ``ARCHIVE_SEARCH_GROUP_MEETINGS``, else the default."""
    raw = value if value is not None else os.environ.get(GROUP_MEETINGS_VARIABLE) or GROUP_MEETINGS
    try:
        limit = int(raw)
    except ValueError:
        raise RuntimeError(f"{GROUP_MEETINGS_VARIABLE} must be a whole number of meetings, not {raw!r}") from None
    if limit < 1:
        raise RuntimeError(f"{GROUP_MEETINGS_VARIABLE} must be at least 1, not {limit}")
    return limit


def meeting_pages(site: Path, directory_urls: bool = True) -> list[str]:
    """The pages Pagefind indexes (``GLOB``), relative to ``site``, sorted."""
    pattern = GLOB if directory_urls else FILE_URLS_GLOB
    return sorted(path.relative_to(site).as_posix() for path in site.glob(pattern) if path.is_file())


def search_groups(pages: list[str], limit: int) -> list[list[str]]:
    """``pages`` (``<org>/<body>/<date>...``) in groups of at most ``limit``, by organisation.

    Units that are never split: an organisation of at most ``limit`` pages, else each of its bodies,
    else each year of a body (the date's first four digits), else runs of ``limit`` pages in date
    order. Units are taken in sorted order and packed one after another: a unit that does not fit
    into the current group starts the next one. Only the page paths count, so the same pages give
    the same groups."""
    def units(members: list[str], level: int) -> list[list[str]]:
        if len(members) <= limit:
            return [members]
        if level == 3:
            return [members[start:start + limit] for start in range(0, len(members), limit)]
        key = (lambda page: page.split("/")[level][:4]) if level == 2 else (lambda page: page.split("/")[level])
        return [unit for _, part in itertools.groupby(members, key=key) for unit in units(list(part), level + 1)]

    groups: list[list[str]] = []
    for unit in units(sorted(pages), 0) if pages else []:
        if groups and len(groups[-1]) + len(unit) <= limit:
            groups[-1] += unit
        else:
            groups.append(list(unit))
    return groups


def bundle_name(number: int) -> str:
    """Group 1's bundle is ``pagefind``, group K's ``pagefind-K`` (folders of the site root)."""
    return BUNDLE if number == 1 else f"{BUNDLE}-{number}"


def pagefind_command(site: Path, output: Path, glob: str) -> list[str]:
    """The one Pagefind command line: every group is indexed with the same options."""
    return [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(output),
            "--exclude-selectors", EXCLUDE_SELECTORS, "--include-characters", INCLUDE_CHARACTERS,
            "--glob", glob]


def run_pagefind(command: list[str], nice: int = 0) -> tuple[str, int]:
    """Run ``command``; its output and the peak resident memory (bytes) of its process."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, text=True,
                                   # the child only calls os.nice, which takes no lock another thread could hold
                                   preexec_fn=(lambda: os.nice(nice)) if nice and hasattr(os, "nice") else None)  # noqa: PLW1509
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read()
    if process.returncode != 0:
        raise RuntimeError(f"pagefind failed ({process.returncode}):\n{text[-4000:]}")
    return text, usage.ru_maxrss * 1024  # Linux: kilobytes


def index_site(site: Path, quiet: bool = True, nice: int = 0, directory_urls: bool = True,
               group_meetings: int | None = None) -> IndexStats:
    """Index ``site`` in search groups (``search_groups``), one Pagefind run after another; write the
    bundles, ``pagefind/archive-merge.json``, and remove bundles of groups that no longer exist.
    Raise ``RuntimeError`` with Pagefind's output when it fails.

    ``nice`` lowers Pagefind's priority (``mkdocs serve`` indexes in the background of the next rebuild).
    """
    started = time.perf_counter()
    site = site.resolve()
    glob = GLOB if directory_urls else FILE_URLS_GLOB
    pages = meeting_pages(site, directory_urls)
    groups = search_groups(pages, group_limit(group_meetings)) or [[]]
    clashing = sorted({page.split("/", 1)[0] for page in pages if BUNDLE_FOLDER.fullmatch(page.split("/", 1)[0])})
    if clashing:  # config.RESERVED_NAMES refuses "pagefind"; a folder "pagefind-2" would be a bundle's place
        raise RuntimeError(f"{site / clashing[0]}: an organisation folder named like a search bundle "
                           f"({BUNDLE}-<number>); rename the organisation's folder in the sources")
    stats = []
    # Each bundle is written beside the site and moved into it when complete (a search in `mkdocs
    # serve` never sees half a bundle); a group of part of the site is indexed from a tree of hard links
    # to its pages, at the same paths, so its URLs are the site's.
    with tempfile.TemporaryDirectory(prefix=".search-groups-", dir=site.parent) as scratch:
        for number, members in enumerate(groups, start=1):
            group_started = time.perf_counter()
            built, indexed, output, peak = index_group(site, members, number, len(groups), Path(scratch), glob, nice)
            if not quiet:
                sys.stderr.write(output)
            _replace(site / built.name, built)
            stats.append(GroupStats(f"{built.name}/", indexed, time.perf_counter() - group_started, peak))
    for stale in site.iterdir():  # the bundles of groups an earlier run had (`mkdocs serve`, a smaller limit)
        if (BUNDLE_FOLDER.fullmatch(stale.name) and int(stale.name.rsplit("-", 1)[1]) > len(groups)
                and (stale / "pagefind-entry.json").is_file()):
            shutil.rmtree(stale)
    size = sum(path.stat().st_size for group in stats for path in (site / group.bundle).rglob("*") if path.is_file())
    return IndexStats(sum(group.pages for group in stats), time.perf_counter() - started, size, stats)


def index_group(site: Path, members: list[str], number: int, count: int, scratch: Path, glob: str = GLOB,
                nice: int = 0) -> tuple[Path, int, str, int]:
    """Search group ``number`` of ``count``: its pages (``members``) of ``site`` indexed by one Pagefind
    run into a bundle in ``scratch``, not yet in the site. Returns the bundle, the pages indexed,
    Pagefind's output and its peak memory; raises ``RuntimeError`` when Pagefind did not index every
    page. Group 1 lists the others for the browser's ``mergeIndex`` (``MERGE_LIST``)."""
    source = site if count == 1 else _link_tree(site, members, scratch / f"pages-{number}")
    built = scratch / bundle_name(number)
    output, peak = run_pagefind(pagefind_command(source, built, glob), nice)
    # Pagefind 1.5.2 writes its filter index in hash-map order: put it in the order later Pagefind
    # versions use, so two builds of the same pages give the same bytes (generator/site/pagefind_stable.py).
    stabilise(built)
    if source != site:
        shutil.rmtree(source)
    found = re.search(r"Indexed (\d+) pages?", output)
    indexed = int(found.group(1)) if found else 0
    if indexed != len(members):
        raise RuntimeError(f"pagefind indexed {indexed} pages of search group {number}, which has "
                           f"{len(members)} meeting pages:\n{output[-4000:]}")
    if number == 1:
        write_merge_list(built, count)
    return built, indexed, output, peak


def write_merge_list(bundle: Path, count: int) -> None:
    """Group 1's list of the other groups' bundles, which the browser joins with ``mergeIndex``."""
    merge_list = [f"{bundle_name(other)}/" for other in range(2, count + 1)]
    (bundle / MERGE_LIST).write_text(json.dumps(merge_list) + "\n", encoding="utf-8")


def _link_tree(site: Path, pages: list[str], tree: Path) -> Path:
    """``pages`` of ``site`` at the same paths under ``tree``: hard links where possible, else copies."""
    for page in pages:
        target = tree / page
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site / page, target)
        except OSError:
            shutil.copy2(site / page, target)
    return tree


def _replace(target: Path, new: Path) -> None:
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    shutil.move(str(new), str(target))
    if old.exists():
        shutil.rmtree(old)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``python -m generator search`` (generator/cli.py parses them)."""
    parser.add_argument("site", type=Path, help="the built site (mkdocs build output)")
    parser.add_argument("--group-meetings", type=int, default=None,
                        help=f"meeting pages per search group "
                             f"(default: {GROUP_MEETINGS_VARIABLE}, else {GROUP_MEETINGS})")
    parser.add_argument("--json", type=Path, default=None, help="also write the statistics as JSON here")


def search_command(site: Path, group_meetings: int | None = None, report: Path | None = None) -> int:
    """``python -m generator search``: index ``site`` and print what each search group cost; a failed
    Pagefind run or a bad group size raises RuntimeError (the CLI reports it)."""
    stats = index_site(site, quiet=False, group_meetings=group_meetings)
    for group in stats.groups:
        print(f"  {group.bundle}: {group.pages} pages in {group.seconds:.1f} s, peak {group.peak_bytes / 2**20:.0f} MB",
              file=sys.stderr)
    print(f"indexed {stats.pages} pages in {len(stats.groups)} search group(s) in {stats.seconds:.1f} s; "
          f"bundles {stats.bundle_bytes / 1e6:.1f} MB", file=sys.stderr)
    if report:
        report.write_text(json.dumps({"pages": stats.pages, "seconds": stats.seconds,
                                      "bundle_bytes": stats.bundle_bytes,
                                      "groups": [asdict(group) for group in stats.groups]}, indent=2) + "\n")
    return 0
