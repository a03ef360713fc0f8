"""Build the site in shards, one per organisation, in parallel; merge them into one site with one search.

    python -m generator shards build --shard ORG [--shard ...]   # MkDocs for these shards: .shards/<name>/site
    python -m generator shards merge                             # every built shard -> site/, one Pagefind index
    python -m generator shards all [--jobs N]                    # all organisations in N groups (default: one
                                                                 # per core), built in parallel, then merge
    python -m generator shards list [--json]                     # the shard names (for a CI matrix)
    python -m generator shards build --parts N --shard part-K    # group K of N groups of about equal size

The generator runs once before (``python -m generator build``): linking needs the whole archive, and
it is fast. MkDocs is single-threaded and slow per page, so that is what is split. Every shard reads
the same ``docs/`` with a config that inherits ``mkdocs.yml`` and *excludes* (``exclude_docs``) the
pages other shards own. MkDocs still knows excluded pages, so links and the navigation to them get
their right URLs (reported at INFO level, which ``--strict`` does not count); every page is built by
exactly one shard. Shard ``_root`` owns everything outside the organisation folders (home page,
people, assets). Merging copies the shards' sites together, joins their sitemaps and indexes the
merged site with Pagefind in search groups (``generator/site/search.py``). The groups are computed from
the merged site's meeting pages, not from the shards, so they are the single build's groups.

Each shard builds with ``--strict``. A single ``mkdocs build --strict`` (the test suite's) also checks
anchors across shards; shard builds check anchors within a shard.

In CI (``.github/workflows/sharded.yml``) each shard is one job of a ``strategy.matrix`` over
``list --json`` (``make site SHARD=<name> GENERATE=0`` on the docs job's ``docs/``), uploading
``.shards/<name>/site`` as the artifact ``shard-<name>``; the merge job downloads them all into
``.shards/`` (``.shards/shard-<name>/``, which ``merge`` reads as well) and runs ``make merge``.
GitLab's matrix is fixed when the pipeline is created, so ``.gitlab-ci.yml`` builds a fixed number
of balanced groups instead (``make site SHARD=part-K PARTS=N``).
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROOT_SHARD = "_root"
ARTIFACT_PREFIX = "shard-"  # a CI artifact per shard, downloaded as .shards/shard-<name>/


def shard_names(src: Path) -> list[str]:
    """``_root`` and one shard per organisation folder of the source tree."""
    from ..config import load_archive_config
    organisations, _ = load_archive_config(src)
    return [ROOT_SHARD] + [org.slug for org in organisations]


def shard_config(name: str, owned: list[str], names: list[str], work: Path, docs: Path) -> Path:
    """The MkDocs config of one shard: the archive's own, building only the pages of ``owned`` shards."""
    if ROOT_SHARD in owned:
        exclude = [f"/{other}/" for other in names if other != ROOT_SHARD and other not in owned]
    else:
        exclude = ["/*"] + [f"!/{org}/" for org in owned]
    config = {
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "docs_dir": str(docs.resolve()),
        "site_dir": str((work / name / "site").resolve()),
        "theme": {"name": "material", "custom_dir": str(ROOT / "overrides")},
        "hooks": [str(ROOT / "generator" / "site" / "mkdocs_hook.py")],
        "watch": [],
        "exclude_docs": "\n".join(exclude) + "\n",
    }
    path = work / name / "mkdocs.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(config, indent=2) + "\n")  # JSON is YAML
    return path


def groups(docs: Path, names: list[str], count: int) -> dict[str, list[str]]:
    """``names`` in ``count`` groups of about equal size (pages), for one machine with ``count`` cores:
    every MkDocs process reads the whole docs folder, so one process per organisation costs more than
    it saves when there are more organisations than cores."""
    bins: list[tuple[int, list[str]]] = [(0, []) for _ in range(max(1, min(count, len(names))))]
    for name in sorted(names, key=lambda n: -_pages(docs, n, names)):
        size, members = min(bins, key=lambda b: b[0])
        bins.remove((size, members))
        bins.append((size + _pages(docs, name, names), [*members, name]))
    return {f"part-{number}": sorted(members) for number, (_, members) in enumerate(bins, start=1) if members}


def plan(docs: Path, names: list[str], only: list[str] | None, parts: int, workers: int) -> dict[str, list[str]]:
    """Which shards each MkDocs process builds: ``only`` one each; with ``parts`` the groups of
    ``groups(parts)`` named in ``only`` (a fixed-size CI matrix); else one group per worker."""
    if parts:
        every = groups(docs, names, parts)
        return {name: every[name] for name in only or every if name in every}
    if only:
        return {name: [name] for name in only}
    return groups(docs, names, workers)


def build_shards(src: Path, docs: Path, work: Path, only: list[str] | None = None, jobs: int = 0,
                 parts: int = 0) -> int:
    """MkDocs for the shards ``only`` (default: every organisation, in one group per core), ``jobs`` at a
    time (default: one per core); returns the number that failed."""
    names = shard_names(src)
    known = names + [f"part-{number}" for number in range(1, parts + 1)] if parts else names
    unknown = sorted(set(only or []) - set(known))
    if unknown:
        print(f"unknown shard(s): {', '.join(unknown)} (known: {', '.join(known)})", file=sys.stderr)
        return 1
    workers = jobs or os.cpu_count() or 1
    planned = plan(docs, names, only, parts, workers)
    if not planned:  # part-K of more parts than the archive has shards: nothing to build
        print(f"no shard in {', '.join(only or [])}: fewer shards than parts", file=sys.stderr)
    todo = sorted(planned, key=lambda name: -sum(_pages(docs, n, names) for n in planned[name]))
    env = {**os.environ, "ARCHIVE_GENERATE": "0", "ARCHIVE_SEARCH": "0", "ARCHIVE_SRC": str(src.resolve()),
           "NO_MKDOCS_2_WARNING": "1"}
    running: list[tuple[str, subprocess.Popen, float]] = []
    failed = 0
    while todo or running:
        while todo and len(running) < workers:
            name = todo.pop(0)
            config = shard_config(name, planned[name], names, work, docs)
            with open(work / name / "build.log", "w") as log:  # the child writes through its own copy
                process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config)],
                                           env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
            running.append((name, process, time.perf_counter()))
        time.sleep(0.05)
        for entry in list(running):
            name, process, started = entry
            if process.poll() is None:
                continue
            running.remove(entry)
            output = (work / name / "build.log").read_text()
            status = "ok" if process.returncode == 0 else f"FAILED ({process.returncode})"
            print(f"shard {name} ({', '.join(planned[name])}): {status} in {time.perf_counter() - started:.1f} s",
                  file=sys.stderr)
            if process.returncode != 0:
                failed += 1
                sys.stderr.write(output[-4000:])
    return failed


@functools.cache
def _page_count(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.md"))


def _pages(docs: Path, name: str, names: list[str]) -> int:
    if name == ROOT_SHARD:  # the pages outside the organisation folders (people, municipalities, ...)
        return _page_count(docs) - sum(_page_count(docs / other) for other in names if other != ROOT_SHARD)
    return _page_count(docs / name)


SITEMAP_URL = re.compile(r"<url>.*?</url>", re.S)


def merge(work: Path, site: Path) -> None:
    """Copy every built shard's site (``work/*/site``) into ``site``, join the sitemaps, index once."""
    import gzip

    from .search import index_site

    built_sites = shard_sites(work)
    if not built_sites:
        raise RuntimeError(f"no shard has been built in {work}")
    if site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True)
    urls: list[str] = []
    head = tail = ""
    for built in built_sites:
        sitemap = built / "sitemap.xml"
        if sitemap.is_file():
            text = sitemap.read_text(encoding="utf-8")
            found = SITEMAP_URL.findall(text)
            urls += found
            if found and not head:
                head, tail = text[:text.index(found[0])], text[text.rindex(found[-1]) + len(found[-1]):]
        shutil.copytree(built, site, dirs_exist_ok=True, copy_function=_link_or_copy)
    if urls:
        merged = head + "".join(sorted(set(urls))) + tail
        (site / "sitemap.xml").write_text(merged, encoding="utf-8")
        (site / "sitemap.xml.gz").write_bytes(gzip.compress(merged.encode("utf-8"), mtime=0))
    stats = index_site(site)  # the search groups of the merged site: the same as a single build's
    print(f"merged {len(built_sites)} shards into {site}; search index: {stats.pages} pages in "
          f"{len(stats.groups)} search group(s) in {stats.seconds:.1f} s", file=sys.stderr)


def shard_sites(work: Path) -> list[Path]:
    """The built shards in ``work``: ``<name>/site`` (built here) and ``shard-<name>/`` (a CI artifact)."""
    local = [path for path in work.glob("*/site") if path.is_dir()]
    downloaded = [path for path in work.glob(f"{ARTIFACT_PREFIX}*") if path.is_dir()]
    return sorted(local + downloaded, key=lambda path: path.relative_to(work).as_posix())


def _link_or_copy(source: str, target: str) -> None:
    """A hard link where the file system allows it (merging 1 GB of shards is then nearly free)."""
    try:
        if os.path.lexists(target):
            os.unlink(target)
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``python -m generator shards`` (generator/cli.py parses them)."""
    parser.add_argument("action", choices=["build", "merge", "all", "list"])
    parser.add_argument("--shard", action="append", default=None, help="build only this shard (repeatable)")
    parser.add_argument("--jobs", type=int, default=0, help="shards built at once (0: one per core)")
    parser.add_argument("--parts", type=int, default=0, help="with --shard part-K: group K of this many")
    parser.add_argument("--json", action="store_true", help="list: one JSON array (a GitHub matrix)")
    parser.add_argument("--src", type=Path, default=ROOT / "minutes_src")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs")
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--work", type=Path, default=ROOT / ".shards")


def shards_command(action: str, src: Path, docs: Path, site: Path, work: Path, only: list[str] | None = None,
                   jobs: int = 0, parts: int = 0, as_json: bool = False) -> int:
    """One action of ``python -m generator shards``; a failed merge raises RuntimeError (the CLI reports it)."""
    src, docs, site, work = (path.resolve() for path in (src, docs, site, work))
    names = shard_names(src)
    if action == "list":
        print(json.dumps(names) if as_json else "\n".join(names))
        return 0
    started = time.perf_counter()
    if action == "all" and work.is_dir():
        shutil.rmtree(work)  # no shard left from another grouping
    if action in ("build", "all") and build_shards(src, docs, work, only, jobs, parts):
        return 1
    if action in ("merge", "all"):
        merge(work, site)
    print(f"done in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0
