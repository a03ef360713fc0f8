"""Incremental publish: the site of ``make site SHARD=all``, redoing only what changed sources touch.

    python -m generator publish [--src minutes_src] [--site site] [--state .publish-state] [--clean]

A secretary adds one meeting; CI publishes it without rebuilding the whole archive. The previous
publish's state is kept in a folder (``.publish-state/``, restored from the CI cache):

- ``docs/``: the generator's output, and ``parsed.pickle``: each source's parsed meeting by the
  SHA-256 of its bytes (CI checkouts give every file a new modification time, so content, not
  ``mtime``, decides what is parsed again);
- ``shards/<name>/``: each MkDocs shard's pages (``generator/site/shards.py``: ``_root`` and one per
  organisation), as a clean build partitions them by where they live in the site;
- ``search/<bundle>/``: each search group's Pagefind bundle, and ``state.json``: the groups' pages;
- ``state.json`` also holds the *key*: a hash of the generator (templates included), ``overrides/``,
  the lock files, ``pyproject.toml``, ``mkdocs*.yml``, the Python version, the search group size
  and every file of the source tree that is not minutes (organisation and body configuration,
  topics, aliases). A different key, a missing or half-written state, or ``--clean`` makes a clean
  build (``generator build``, then every shard, then every search group), which then becomes the state.

Otherwise a publish

1. runs the generator as a clean build does (every page rendered; ``generator/write.py`` writes
   only files whose bytes changed), reusing the parse of every source whose bytes are unchanged
   (``generator.incremental.State.parsed``, the cache ``mkdocs serve`` uses);
2. rebuilds with MkDocs only the shards owning a ``docs/`` file that was written, added or removed
   (a file under ``docs/<org>/`` belongs to shard ``<org>``, anything else to ``_root``; the case
   permalink pages listed in ``docs/.forwarding-pages.json`` to the shard of their path). A page's
   HTML depends on its own Markdown, the navigation (index pages only, from the source
   configuration, which is in the key) and which files exist; a new or removed page changes the
   pages that link to it, which the generator rewrote. Sitemap entries carry the build date
   (``SOURCE_DATE_EPOCH``, the newest meeting's date): when the site has any and that date moved,
   every shard is rebuilt;
3. indexes again only the search groups (``generator/site/search.py``: ``search_groups``) whose pages
   changed or moved between groups; the others' bundles are kept;
4. assembles ``site/`` anew from the shards' pages (hard links), the joined sitemap and the
   bundles, so files of deleted pages are gone.

The output is byte-identical to a clean build of the same sources (tests/test_publish.py checks it
after adding, editing and deleting a meeting). The log says which shards and search groups were
redone.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import pickle
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for the annotation only: build itself is imported inside the functions that run it
    from ..build import BuildResult

ROOT = Path(__file__).resolve().parents[2]
STATE_VERSION = 1
STATE_FILE = "state.json"
PARSED_FILE = "parsed.pickle"
FORWARDING = ".forwarding-pages.json"  # generator/render/indexes.py FORWARDING_PAGES
SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")
# What decides how a source becomes a page: any change to these forces a clean build (the CI cache
# key hashes the same paths, .github/workflows/publish.yml and .gitlab-ci.yml).
KEY_PATHS = ("generator", "overrides", "requirements.lock", "requirements-maintained.lock", "pyproject.toml",
             "mkdocs.yml", "mkdocs-maintained.yml", "mkdocs-offline.yml")


def log(message: str) -> None:
    print(f"publish: {message}", file=sys.stderr, flush=True)


# --- The key -------------------------------------------------------------------------------------

def _hash_tree(digest, path: Path, relative_to: Path) -> None:
    files = sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts) \
        if path.is_dir() else [path] if path.is_file() else []
    for file in files:
        digest.update(f"{file.relative_to(relative_to).as_posix()}\0".encode())
        digest.update(hashlib.sha256(file.read_bytes()).digest())


def code_key(root: Path = ROOT) -> str:
    """Generator, templates, overrides, lock files and MkDocs configuration, the Python version, the
    search group size and the site URL: what turns the same sources into other bytes."""
    from .search import group_limit

    site_url = os.environ.get("ARCHIVE_SITE_URL", "").strip()  # feeds and calendars link to it
    digest = hashlib.sha256(f"publish-state {STATE_VERSION}\0{sys.version}\0{group_limit()}\0{site_url}\0".encode())
    for name in KEY_PATHS:
        _hash_tree(digest, root / name, root)
    return digest.hexdigest()


def config_key(src: Path, sources: set[Path]) -> str:
    """Every file of the source tree that is not minutes: organisation and body configuration, topics,
    aliases, editorial files (they change the parse context, the navigation or the views)."""
    digest = hashlib.sha256()
    for path in sorted(src.rglob("*")):
        if path.is_file() and path not in sources:
            digest.update(f"{path.relative_to(src).as_posix()}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


# --- Step 1: the generator -----------------------------------------------------------------------

def _snapshot(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Every file under ``folder``: (inode, size, mtime). generator/write.py replaces a file it writes
    (a new inode) and leaves an unchanged one alone, so two snapshots tell which files it wrote."""
    out = {}
    for current, _, names in os.walk(folder):
        prefix = os.path.relpath(current, folder).replace(os.sep, "/")
        for name in names:
            stat = os.stat(os.path.join(current, name))
            out[name if prefix == "." else f"{prefix}/{name}"] = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
    return out


def _forwarding(docs: Path) -> dict[str, str]:
    path = docs / FORWARDING
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def generate(src: Path, docs: Path, state_dir: Path, jobs: int, reuse: bool) -> tuple[BuildResult, set[str], int]:
    """``generator build`` into ``docs``, reusing the parse of unchanged sources; return the build
    result, the docs paths written, added or removed (site paths of changed permalink pages
    prefixed ``forwarding:``) and how many sources were parsed."""
    from ..build import _stat_key, build, collect_sources
    from ..incremental import State

    parsed_path = state_dir / PARSED_FILE
    cache: dict = {}
    if reuse and parsed_path.is_file():
        with parsed_path.open("rb") as stream:
            cache = pickle.load(stream)
    _, sources, _ = collect_sources(src)
    state = State()
    digests = {}
    for source in sources:
        digest = hashlib.sha256(source.path.read_bytes()).hexdigest()
        digests[source.shown] = digest
        cached = cache.get(source.shown)
        if cached is not None and cached[0] == digest:
            state.parsed[source.shown] = (_stat_key(source.path), cached[1], cached[2])
    before = _snapshot(docs) if docs.is_dir() else {}
    forwarding_before = _forwarding(docs)
    # A State with only `parsed` filled is a clean build in all but parsing: no archive or views of an
    # earlier build, so every page is rendered and every stale file removed (generator/build.py).
    result = build(src, docs, jobs, state=state)
    after = _snapshot(docs)
    changed = {path for path in set(before) | set(after) if before.get(path) != after.get(path)}
    if FORWARDING in changed:
        changed.discard(FORWARDING)
        forwarding_after = _forwarding(docs)
        changed |= {f"forwarding:{path}" for path in set(forwarding_before) | set(forwarding_after)
                    if forwarding_before.get(path) != forwarding_after.get(path)}
    fresh = {shown: (digests[shown], meeting, found) for shown, (_, meeting, found) in state.parsed.items()
             if shown in digests}
    _atomic(parsed_path, pickle.dumps(fresh, protocol=pickle.HIGHEST_PROTOCOL))
    return result, changed, state.reparsed


def owners(paths: set[str], organisations: list[str]) -> set[str]:
    """The shards that own ``paths`` (docs paths, or ``forwarding:<site path>``)."""
    from .shards import ROOT_SHARD

    out = set()
    for path in paths:
        first = path.removeprefix("forwarding:").split("/", 1)[0]
        out.add(first if first in organisations and "/" in path.removeprefix("forwarding:") else ROOT_SHARD)
    return out


# --- Step 2: MkDocs shards -----------------------------------------------------------------------

def _owner_of(relative: str, organisations: set[str]) -> str:
    from .shards import ROOT_SHARD

    first, sep, _ = relative.partition("/")
    return first if sep and first in organisations else ROOT_SHARD


def partition(built: Path, owned: list[str], organisations: set[str], shards_dir: Path) -> dict[str, list[str]]:
    """Move the files of one MkDocs build (``built``, building the shards ``owned``) into
    ``shards_dir/<owner>/files``; return each owner's sitemap entries. A shard without ``_root``
    also writes 404.html and an empty sitemap: they belong to ``_root``."""
    from .shards import ROOT_SHARD, SITEMAP_URL

    urls: dict[str, list[str]] = {name: [] for name in owned}
    frame: list[str] = []  # the sitemap's text before the first entry and after the last
    sitemap = built / "sitemap.xml"
    if sitemap.is_file():
        text = sitemap.read_text(encoding="utf-8")
        found = SITEMAP_URL.findall(text)
        if found:
            frame = [text[:text.index(found[0])], text[text.rindex(found[-1]) + len(found[-1]):]]
        for url in found:
            loc = url.split("<loc>", 1)[1].split("</loc>", 1)[0] if "<loc>" in url else ""
            path = loc.split("://", 1)[1].partition("/")[2] if "://" in loc else loc.lstrip("/")
            owner = _owner_of(path, organisations)
            if owner in urls:
                urls[owner].append(url)
    for name in owned:
        target = shards_dir / name
        if target.exists():
            shutil.rmtree(target)
        (target / "files").mkdir(parents=True)
    for current, _, names in os.walk(built):
        prefix = os.path.relpath(current, built).replace(os.sep, "/")
        for name in names:
            relative = name if prefix == "." else f"{prefix}/{name}"
            owner = _owner_of(relative, organisations)
            if owner not in owned:
                if owner != ROOT_SHARD:
                    raise RuntimeError(f"{built / relative}: a page of shard {owner}, which this build did not own")
                continue  # 404.html and the sitemap of an organisation shard: _root has its own
            destination = shards_dir / owner / "files" / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.replace(os.path.join(current, name), destination)
    for name in owned:
        (shards_dir / name / "urls.json").write_text(
            json.dumps({"urls": urls[name], "frame": frame if urls[name] else []}, ensure_ascii=False) + "\n",
            encoding="utf-8")
    return urls


def build_mkdocs(src: Path, docs: Path, state_dir: Path, names: list[str], only: list[str] | None,
                 jobs: int) -> None:
    """MkDocs for the shards ``only`` (None: all, in one group per core as ``shards all`` builds them),
    partitioned into ``state_dir/shards``."""
    from .shards import build_shards, plan

    organisations = set(names[1:])
    work = state_dir / "work"
    if work.exists():
        shutil.rmtree(work)
    workers = jobs or os.cpu_count() or 1
    planned = plan(docs, names, only, 0, workers)
    if build_shards(src, docs, work, only, jobs):
        raise RuntimeError("MkDocs failed (the shard's output is above)")
    for name, owned in sorted(planned.items()):
        partition(work / name / "site", owned, organisations, state_dir / "shards")
    shutil.rmtree(work)


# --- Step 3 and 4: assemble the site, search groups ----------------------------------------------

def _files(folder: Path) -> dict[str, Path]:
    out = {}
    for current, _, names in os.walk(folder):
        prefix = os.path.relpath(current, folder).replace(os.sep, "/")
        for name in names:
            out[name if prefix == "." else f"{prefix}/{name}"] = Path(current, name)
    return out


def _link(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def assemble(state_dir: Path, names: list[str], site: Path) -> None:
    """``site`` anew: every shard's files, the sitemap joined as ``shards.merge`` joins it."""

    if site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True)
    urls: list[str] = []
    for name in names:
        folder = state_dir / "shards" / name
        for relative, path in _files(folder / "files").items():
            _link(path, site / relative)
        urls += json.loads((folder / "urls.json").read_text(encoding="utf-8"))["urls"]
    if urls:  # as shards.merge: one sitemap's head and tail around every shard's entries, sorted
        head, tail = next(json.loads((state_dir / "shards" / name / "urls.json").read_text(encoding="utf-8"))["frame"]
                           for name in names if (state_dir / "shards" / name / "urls.json").is_file()
                           and json.loads((state_dir / "shards" / name / "urls.json").read_text(encoding="utf-8"))["frame"])
        merged = head + "".join(sorted(set(urls))) + tail
        (site / "sitemap.xml").unlink(missing_ok=True)
        (site / "sitemap.xml.gz").unlink(missing_ok=True)
        (site / "sitemap.xml").write_text(merged, encoding="utf-8")
        (site / "sitemap.xml.gz").write_bytes(gzip.compress(merged.encode("utf-8"), mtime=0))


def index_group(site: Path, members: list[str], number: int, count: int, output: Path) -> int:
    """One search group's bundle, as ``search.index_site`` builds it, into ``output``; return the
    pages indexed."""
    from . import search

    with tempfile.TemporaryDirectory(prefix=".publish-group-", dir=site.parent) as scratch:
        built, indexed, _, _ = search.index_group(site, members, number, count, Path(scratch))
        if output.exists():
            shutil.rmtree(output)
        output.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(built), str(output))
    return indexed


@dataclass
class Report:
    clean: bool
    reason: str = ""
    parsed: int = 0
    docs_changed: int = 0
    shards: list[str] = field(default_factory=list)
    shard_count: int = 0
    groups: list[str] = field(default_factory=list)
    group_count: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def _atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def clean_reason(saved: dict, key: dict, clean: bool) -> str:
    """Why this publish starts from nothing ("" when the saved state can be reused)."""
    if clean:
        return "--clean"
    if not saved:
        return "no state"
    if saved.get("key", {}).get("code") != key["code"]:
        return "generator, templates, overrides, lock files or MkDocs configuration changed"
    if saved.get("key") != key:
        return "source configuration changed (organisations, bodies, topics, aliases)"
    return ""


def publish(src: Path, site: Path, state_dir: Path, jobs: int = 0, clean: bool = False) -> Report:
    from ..build import collect_sources
    from ..build import report as print_diagnostics
    from . import search
    from .mkdocs_hook import archive_epoch
    from .search import bundle_name, group_limit, meeting_pages, search_groups
    from .shards import shard_names

    started = last = time.perf_counter()
    seconds: dict[str, float] = {}

    def lap(name: str) -> None:
        nonlocal last
        now = time.perf_counter()
        seconds[name] = now - last
        last = now

    src, site, state_dir = src.resolve(), site.resolve(), state_dir.resolve()
    names = shard_names(src)
    _, sources, _ = collect_sources(src)
    key = {"code": code_key(), "config": config_key(src, {s.path for s in sources}), "shards": names}
    saved = {}
    state_file = state_dir / STATE_FILE
    if state_file.is_file():
        try:
            saved = json.loads(state_file.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            saved = {}
    reason = clean_reason(saved, key, clean)
    is_clean = bool(reason)
    report = Report(clean=is_clean, reason=reason)
    if is_clean:
        log(f"clean build ({reason})")
        if state_dir.exists():
            shutil.rmtree(state_dir)
    state_dir.mkdir(parents=True, exist_ok=True)
    state_file.unlink(missing_ok=True)  # written again only when this publish completes
    docs = state_dir / "docs"

    # 1. generator
    result, changed, report.parsed = generate(src, docs, state_dir, jobs, reuse=not is_clean)
    print_diagnostics(result.diagnostics)
    report.docs_changed = len(changed)
    log(f"generator: {len(result.archive.meetings)} meetings, parsed {report.parsed} of {len(sources)} sources; "
        f"{len(changed)} docs files written, added or removed")
    lap("generator")

    # 2. MkDocs
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or str(archive_epoch(docs))  # the build date (mkdocs_hook.py)
    if is_clean:
        dirty = list(names)
        build_mkdocs(src, docs, state_dir, names, None, jobs)
    else:
        owned = owners(changed, names[1:])
        if saved.get("epoch") != epoch:  # 404.html and the sitemap (its .gz header) come from _root's build
            owned.add(names[0])
        dirty = sorted(owned)
        has_urls = any(json.loads((state_dir / "shards" / n / "urls.json").read_text())["urls"] for n in names)
        if has_urls and saved.get("epoch") != epoch:
            log("the build date moved and the sitemap has entries: every shard")
            dirty = list(names)
        before = {name: _files(state_dir / "shards" / name / "files") for name in dirty}
        old_bytes = {name: {rel: p.read_bytes() for rel, p in files.items() if _is_meeting_page(rel)}
                     for name, files in before.items()}
        if dirty:
            build_mkdocs(src, docs, state_dir, names, dirty, jobs)
    report.shards, report.shard_count = dirty, len(names)
    log(f"MkDocs: rebuilt {len(dirty)} of {len(names)} shards ({', '.join(dirty) or 'none'})")
    lap("mkdocs")

    # 3. assemble the site's pages; 4. search groups
    assemble(state_dir, names, site)
    pages = meeting_pages(site)
    groups = search_groups(pages, group_limit()) or [[]]
    old_groups = saved.get("groups") if not is_clean else None
    changed_pages: set[str] = set()
    if not is_clean:
        for name in dirty:
            now = {rel for rel in _files(state_dir / "shards" / name / "files") if _is_meeting_page(rel)}
            for rel in now | set(old_bytes[name]):
                if rel not in now or rel not in old_bytes[name] or \
                        (state_dir / "shards" / name / "files" / rel).read_bytes() != old_bytes[name][rel]:
                    changed_pages.add(rel)
    redo = []
    for number, members in enumerate(groups, start=1):
        bundle = state_dir / "search" / bundle_name(number)
        if old_groups is None or number > len(old_groups) or old_groups[number - 1] != members \
                or not bundle.is_dir() or changed_pages & set(members):
            redo.append(number)
    for number in redo:
        index_group(site, groups[number - 1], number, len(groups),
                    state_dir / "search" / bundle_name(number))
    if 1 not in redo and old_groups is not None and len(old_groups) != len(groups):
        search.write_merge_list(state_dir / "search" / bundle_name(1), len(groups))
    for stale in (state_dir / "search").iterdir():
        if stale.name not in {bundle_name(n) for n in range(1, len(groups) + 1)}:
            shutil.rmtree(stale)
    for number in range(1, len(groups) + 1):
        bundle = state_dir / "search" / bundle_name(number)
        for relative, path in _files(bundle).items():
            _link(path, site / bundle.name / relative)
    report.groups = [bundle_name(n) for n in redo]
    report.group_count = len(groups)
    log(f"search: indexed {len(redo)} of {len(groups)} search groups again ({', '.join(report.groups) or 'none'}); "
        f"{len(changed_pages)} meeting pages changed")
    lap("search + site")

    _atomic(state_file, (json.dumps({"key": key, "epoch": epoch, "groups": groups}, ensure_ascii=False) + "\n")
            .encode("utf-8"))
    report.seconds = {**seconds, "total": time.perf_counter() - started}
    log("done in " + ", ".join(f"{name} {value:.1f} s" for name, value in report.seconds.items()))
    return report


def _is_meeting_page(relative: str) -> bool:
    from fnmatch import fnmatchcase

    from .search import GLOB
    return fnmatchcase(relative, GLOB) and relative.count("/") == 3


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``python -m generator publish`` (generator/cli.py parses them)."""
    parser.add_argument("--src", type=Path, default=ROOT / "minutes_src")
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--state", type=Path, default=ROOT / ".publish-state")
    parser.add_argument("--jobs", type=int, default=0, help="MkDocs processes at once (0: one per core)")
    parser.add_argument("--clean", action="store_true", help="ignore the state: build everything")
    parser.add_argument("--json", type=Path, default=None, help="also write what was redone, as JSON, here")


def publish_command(src: Path, site: Path, state: Path, jobs: int = 0, clean: bool = False,
                    report: Path | None = None) -> int:
    """``python -m generator publish``; a failed step raises RuntimeError (the CLI reports it)."""
    result = publish(src, site, state, jobs, clean)
    if report:
        from dataclasses import asdict
        report.write_text(json.dumps(asdict(result), indent=2) + "\n", encoding="utf-8")
    return 0
