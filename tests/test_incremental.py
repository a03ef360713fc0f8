"""Incremental rebuilds (``mkdocs serve``): only what changed is reparsed, rendered and written."""
from __future__ import annotations

import os
import re
import shutil

from generator.build import build
from generator.incremental import State

from conftest import SAMPLE


def _full_tree(docs):
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*") if p.is_file()}


def test_editing_one_file_reparses_and_rewrites_only_what_it_touches(tmp_path):
    src, docs, fresh = tmp_path / "src", tmp_path / "docs", tmp_path / "fresh"
    shutil.copytree(SAMPLE, src)
    state = State()
    build(src, docs, state=state)
    assert state.reparsed == 5 and state.rendered is None

    result = build(src, docs, state=state)  # nothing changed
    assert state.reparsed == 0 and state.rendered == 0
    assert result.stats.written == 0

    source = src / "kongsbergregionen" / "rus" / "2010-01-08.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("Barnevernvakt", "Barnevernvakta"), encoding="utf-8")
    os.utime(source, ns=(source.stat().st_atime_ns, source.stat().st_mtime_ns + 1_000_000_000))
    build(src, docs, state=state)
    assert state.reparsed == 1
    assert state.rendered == 1
    assert "Barnevernvakta" in (docs / "kongsbergregionen/rus/2010-01-08.md").read_text(encoding="utf-8")

    # Every meeting page, body page and case register is the same as a build from nothing makes (the
    # pages drawn from the whole archive, like threads and people, wait for the next full build).
    build(src, fresh)
    incremental, full = _full_tree(docs), _full_tree(fresh)
    assert set(incremental) == set(full)
    meeting_pages = re.compile(r"[^/]+/[^/]+/(\d{4}-\d\d-\d\d\.(md|json)|index\.md|saker\.md)")
    meeting_files = [path for path in full if meeting_pages.fullmatch(path)]
    assert len(meeting_files) > 10
    assert {p: incremental[p] for p in meeting_files} == {p: full[p] for p in meeting_files}


def test_a_removed_source_removes_its_pages(tmp_path):
    src, docs = tmp_path / "src", tmp_path / "docs"
    shutil.copytree(SAMPLE, src)
    state = State()
    build(src, docs, state=state)
    (src / "grenland" / "kdk" / "2020-12-14.txt").unlink()
    build(src, docs, state=state)
    assert not (docs / "grenland/kdk/2020-12-14.md").exists()
    assert not (docs / "grenland/kdk/2020-12-14.json").exists()
    assert (docs / "grenland/kdk/2023-08-22.md").exists()


class RecordingServer:
    def __init__(self, watched):
        self.watched = list(watched)

    def watch(self, path):
        self.watched.append(str(path))

    def unwatch(self, path):
        self.watched.remove(str(path))


def test_serve_watches_the_sources_and_not_the_generated_docs(tmp_path, monkeypatch):
    """mkdocs serve watches docs/ by itself; the generator writes docs/ during the build, so the hook
    stops that watch (it made every edit build twice) and makes sure the sources are watched."""
    from types import SimpleNamespace

    from generator.site import mkdocs_hook

    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    src = tmp_path / "elsewhere"
    config = SimpleNamespace(docs_dir=str(tmp_path / "docs"), config_file_path=str(tmp_path / "mkdocs.yml"), watch=[])
    monkeypatch.setenv("ARCHIVE_SRC", str(src))
    monkeypatch.delenv("ARCHIVE_GENERATE", raising=False)
    server = mkdocs_hook.on_serve(RecordingServer([config.docs_dir, config.config_file_path]), config, None)
    assert server.watched == [config.config_file_path, str(src.resolve())]

    monkeypatch.setenv("ARCHIVE_GENERATE", "0")  # docs/ written by `python -m generator build`: keep watching it
    server = mkdocs_hook.on_serve(RecordingServer([config.docs_dir]), config, None)
    assert server.watched == [config.docs_dir]
