"""MkDocs hook: regenerate docs/ from minutes_src/ when sources changed, and build the navigation.

A convenience for ``mkdocs serve`` and ``mkdocs build``; the generator itself runs without MkDocs
(``python -m generator build``). The navigation holds index pages only, so no page grows with
the number of meetings.
"""
from __future__ import annotations

import hashlib
import html
import logging
import os
import sys
import time
from pathlib import Path

from mkdocs.structure.files import File

from generator import urls

log = logging.getLogger("mkdocs.hooks.minutes")
STAMP = ".sources-fingerprint"


def _ensure_importable(root: Path) -> None:
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))


def fingerprint(*folders: Path) -> str:
    """A cheap fingerprint of every file's path, size and modification time."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def source_folder(config) -> Path:
    """The minutes to build from: ``minutes_src/`` beside mkdocs.yml, or ARCHIVE_SRC."""
    root = Path(config.config_file_path).resolve().parent
    return Path(os.environ.get("ARCHIVE_SRC") or root / "minutes_src").resolve()


def on_config(config):
    root = Path(config.config_file_path).resolve().parent
    _ensure_importable(root)
    from generator.build import build, report
    from generator.config import load_archive_config
    from generator.incremental import State

    # ARCHIVE_SRC: another source tree (benchmarks, shards); ARCHIVE_GENERATE=0: docs/ is already
    # generated (`python -m generator build` ran before, as in `make site` and the shard builds).
    src, docs = source_folder(config), Path(config.docs_dir)
    stamp = docs / STAMP
    current = fingerprint(src, root / "generator")
    if os.environ.get("ARCHIVE_GENERATE", "1") != "0" and (not stamp.is_file() or stamp.read_text() != current):
        # `mkdocs serve` keeps the parsed archive between rebuilds and regenerates only what changed;
        # a change to the generator's own code starts again from nothing.
        code = fingerprint(root / "generator")
        if _command["name"] != "serve" or _incremental.get("code") != code:
            _incremental.update(state=State(), code=code)
        state = _incremental["state"] if _command["name"] == "serve" else None
        started = time.perf_counter()
        result = build(src, docs, state=state)
        report(result.diagnostics)
        errors = len(result.errors)
        log.info("generated %d meetings (%d errors) in %.1f s%s", len(result.archive.meetings), errors,
                 time.perf_counter() - started,
                 f"; reparsed {state.reparsed}, rendered {'all' if state.rendered is None else state.rendered}"
                 if state is not None else "")
        stamp.write_text(current)
    organisations, _ = load_archive_config(src)
    config.nav = navigation(organisations)
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(archive_epoch(docs)))
    return config


def archive_epoch(docs: Path) -> int:
    """The newest meeting's date (UTC midnight) in seconds since 1970: the build date MkDocs stamps
    into sitemap.xml and the gzip header of sitemap.xml.gz. MkDocs takes it from SOURCE_DATE_EPOCH
    (set by the caller, it is honoured); without it the build time made every build differ."""
    import datetime as dt
    import re

    dates = [m.group() for p in docs.glob("*/*/*.md") if (m := re.match(r"\d{4}-\d\d-\d\d", p.name))]
    try:
        newest = dt.date.fromisoformat(max(dates)) if dates else dt.date(1970, 1, 1)
    except ValueError:  # pragma: no cover - page names come from validated dates
        newest = dt.date(1970, 1, 1)
    return int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC).timestamp())


def navigation(organisations) -> list:
    nav: list = [{"Hjem": urls.HOME}]
    for org in organisations:
        entries: list = [urls.organisation(org.slug)]
        # The theme prints navigation titles as HTML: names from organisation.yml/body.yml are escaped.
        entries += [{html.escape(body.name): urls.body(org.slug, body.slug)} for body in org.bodies]
        nav.append({html.escape(org.short_name): entries})
    nav += [{"Saksganger": urls.THREADS}, {"Åpne oppfølginger": urls.FOLLOW_UPS},
            {"Personer": urls.PEOPLE}, {"Kommuner": urls.MUNICIPALITIES}, {"Emner": urls.TOPICS}]
    # The data quality pages are for the secretaries: linked from "Om arkivet", not in the menu (mkdocs.yml).
    nav += [{"Om arkivet": urls.ABOUT}]
    return nav


# --- Case permalink pages ------------------------------------------------------------------------
# The generator lists them in docs/.forwarding-pages.json instead of writing 54,000 files into docs/
# (generator/render/indexes.py). They are registered with MkDocs here, so links to them are checked and
# shards build only their own, and written straight into site_dir by on_env.
_forwarding: dict = {"written": {}}  # "written": (site_dir, path) -> HTML this process last wrote there (serve)


class ForwardingPage(File):
    """A permalink page: a generated file whose source is its place in site_dir, written there by on_env.
    Nothing to copy (MkDocs would stat it, find it is the same file and skip it: 1 s for 54,000)."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


def on_files(files, config):
    from mkdocs.exceptions import PluginError

    from generator.errors import SourceError
    from generator.render.indexes import forwarding_pages

    try:
        pages = forwarding_pages(Path(config.docs_dir))
    except SourceError as exc:  # MkDocs prints it as one line and stops
        raise PluginError(str(exc)) from exc
    registered = []
    for path, text in pages.items():
        file = ForwardingPage.generated(config, path, abs_src_path=os.path.join(config.site_dir, path))
        files.append(file)
        registered.append((file, text))
    _forwarding["pages"] = registered
    return files


def on_env(env, config, files):
    """After MkDocs cleaned site_dir and decided what this build includes (exclude_docs, shards)."""
    from generator.write import write_files

    written = _forwarding["written"]
    changed = {file.dest_uri: text for file, text in _forwarding.pop("pages", [])
               if file.inclusion.is_included()
               and (written.get((config.site_dir, file.dest_uri)) != text or not os.path.isfile(file.abs_dest_path))}
    write_files(Path(config.site_dir), changed)
    written.update(((config.site_dir, path), text) for path, text in changed.items())
    return env


# --- Search (Pagefind) -------------------------------------------------------------------------
# The site is indexed after every build. `mkdocs serve` indexes in a background thread so a page
# edit shows at once and search catches up a few seconds later. ARCHIVE_SEARCH=0 skips indexing
# (shard builds index the merged site; see generator/site/shards.py). The site is indexed in search groups
# of at most ARCHIVE_SEARCH_GROUP_MEETINGS meeting pages, one Pagefind run each (generator/site/search.py).
_command = {"name": "build"}
_indexing: dict = {}
_incremental: dict = {}  # the generator's State between `mkdocs serve` rebuilds (one per process)


def on_startup(command, dirty):
    _command["name"] = command


def on_serve(server, config, builder):
    """Watch the sources, not docs/: the generator writes docs/ inside each build, and watching it made
    every edit build twice (the second time for the pages the first one wrote)."""
    if os.environ.get("ARCHIVE_GENERATE", "1") == "0":
        return server
    server.unwatch(config.docs_dir)
    src = source_folder(config)
    if str(src) not in {str(Path(path).resolve()) for path in config.watch}:
        server.watch(str(src))
    return server


def on_post_build(config):
    import threading

    if os.environ.get("ARCHIVE_SEARCH", "1") == "0":
        return
    from generator.site.search import index_site

    site = Path(config.site_dir)
    if _command["name"] != "serve":
        from mkdocs.exceptions import PluginError
        try:
            stats = index_site(site, directory_urls=config.use_directory_urls)
        except RuntimeError as exc:  # MkDocs prints it as one message and stops
            raise PluginError(str(exc)) from exc
        log.info("search index: %d pages in %d group(s) in %.1f s", stats.pages, len(stats.groups), stats.seconds)
        return
    running = _indexing.get("thread")
    if running is not None and running.is_alive():
        _indexing["again"] = site
        return

    def work(target: Path) -> None:
        while True:
            try:
                stats = index_site(target, nice=10, directory_urls=config.use_directory_urls)  # behind the next rebuild
                log.info("search index: %d pages in %d group(s) in %.1f s", stats.pages, len(stats.groups), stats.seconds)
            except RuntimeError as exc:  # keep serving; the search is stale until the next build
                log.warning("%s", exc)
            target = _indexing.pop("again", None)
            if target is None:
                return

    _indexing["thread"] = threading.Thread(target=work, args=(site,), daemon=True)
    _indexing["thread"].start()
