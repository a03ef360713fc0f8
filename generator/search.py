"""Search: index the built site with Pagefind (run after ``mkdocs build``; see the MkDocs hook).

Pagefind writes a static bundle to ``<site>/pagefind/``: a query downloads only the index chunks
and result fragments it needs, so the cost of one search stays flat as the archive grows (Material's
built-in search ships the whole text to every browser: ~8 MB per 1,000 meetings). Only meeting
pages are indexed (``data-pagefind-body`` in ``overrides/main.html``); ``<html lang="nb">`` gives
Norwegian stemming. The binary ships inside the ``pagefind[bin]`` wheel, so indexing works offline.
The filter index is then rewritten in a stable order (``generator/pagefind_stable.py``), so the
bundle is byte-reproducible.

    python -m generator.search SITE_DIR
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from generator.pagefind_stable import stabilise

BUNDLE = "pagefind"
# Only the minutes' own text is indexed, not what the templates put on every page: permalink markers (¶,
# in every case title), topic chips, table headers (Navn, Rolle, ...) and the paragraphs the meeting
# template marks .archive-furniture (breadcrumbs, "Fast lenke til saken · Emner", previous/next, "Kilde").
EXCLUDE_SELECTORS = ".headerlink, .md-tags, thead, .archive-furniture"
# "/" stays inside words, so a case number is one word: "66/20" is found as 66/20, and never as the
# date 6.6.2014 or the time 12.20 (both "662014"/"1220" once "/" and "." are dropped, which a prefix
# search for "6620" or "1220" would match). Case keys written otherwise in the minutes ("14-22",
# "001/10") are indexed under their key too (data-sak, generator/render.py and meeting.md.j2).
INCLUDE_CHARACTERS = "/"
# Meeting pages only (<org>/<body>/<date>/): Pagefind then reads a tenth of the site's HTML instead of
# every case, thread and person page. data-pagefind-body (overrides/main.html) marks the same pages.
GLOB = "*/*/[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*/index.html"
FILE_URLS_GLOB = "*/*/[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*.html"  # use_directory_urls: false


@dataclass(frozen=True)
class IndexStats:
    pages: int
    seconds: float
    bundle_bytes: int


def index_site(site: Path, quiet: bool = True, nice: int = 0, directory_urls: bool = True) -> IndexStats:
    """Run Pagefind over ``site``; raise ``RuntimeError`` with its output when it fails.

    ``nice`` lowers Pagefind's priority (``mkdocs serve`` indexes in the background of the next rebuild).
    """
    started = time.perf_counter()
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", BUNDLE,
               "--exclude-selectors", EXCLUDE_SELECTORS, "--include-characters", INCLUDE_CHARACTERS,
               "--glob", GLOB if directory_urls else FILE_URLS_GLOB]
    result = subprocess.run(command, capture_output=True, text=True,
                            preexec_fn=(lambda: os.nice(nice)) if nice and hasattr(os, "nice") else None)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"pagefind failed ({result.returncode}):\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    if not quiet:
        sys.stderr.write(result.stdout)
    # Pagefind 1.5.2 writes its filter index in hash-map order: put it in the order later Pagefind
    # versions use, so two builds of the same pages give the same bytes (generator/pagefind_stable.py).
    stabilise(site / BUNDLE)
    found = re.search(r"Indexed (\d+) pages?", result.stdout)
    bundle = site / BUNDLE
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file()) if bundle.is_dir() else 0
    return IndexStats(int(found.group(1)) if found else 0, seconds, size)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.search", description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built site (mkdocs build output)")
    args = parser.parse_args(argv)
    try:
        stats = index_site(args.site, quiet=False)
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"indexed {stats.pages} pages in {stats.seconds:.1f} s; bundle {stats.bundle_bytes / 1e6:.1f} MB",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
