"""Deterministic, atomic, reproducible output.

- Two builds of the same sources give byte-identical docs/, whatever the hash seed, the time or
  the folder they run in; two clean site builds give byte-identical site/ (`diff -r`, nothing
  ignored, search index included), on both stacks (README, "Two stacks").
- Each file is written atomically; files of removed sources go; unchanged files are not rewritten.
- Dependencies are pinned and the Makefile installs with the pins.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tomllib

import pytest

from conftest import ROOT, SAMPLE, STACKS, copy_project, mkdocs_build
from generator.build import build
from generator.render.pages import norwegian_date
from generator.write import write_file, write_tree


def tree(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def generate(src, out, seed: str) -> None:
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--src", str(src), "--out", str(out)],
                            cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": seed})
    assert result.returncode == 0, result.stderr


def test_two_builds_give_byte_identical_docs(tmp_path):
    # Different hash seeds (set and dict orders), folders and moments: the same bytes.
    first_src, second_src = tmp_path / "a" / "minutes_src", tmp_path / "b" / "kilder"
    shutil.copytree(SAMPLE, first_src)
    shutil.copytree(SAMPLE, second_src)
    generate(first_src, tmp_path / "a" / "docs", seed="1")
    generate(second_src, tmp_path / "b" / "ut", seed="2")
    first, second = tree(tmp_path / "a" / "docs"), tree(tmp_path / "b" / "ut")
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_pages_hold_no_timestamp_of_the_build_machine(tmp_path):
    build(SAMPLE, tmp_path / "docs", jobs=1)
    today = dt.date.today()
    stamps = re.compile("|".join(map(re.escape, [today.isoformat(), today.strftime("%d.%m.%Y"),
                                                   norwegian_date(today.isoformat())])))
    for name, data in tree(tmp_path / "docs").items():
        if name.endswith((".md", ".json", ".csv", ".xml", ".ics", ".html")):
            assert not stamps.search(data.decode("utf-8", "replace")), name


@pytest.mark.slow
@pytest.mark.parametrize("stack", STACKS)
def test_two_clean_site_builds_are_byte_identical(tmp_path, stack):
    # Two folders, two hash seeds, nothing ignored: pages, feeds, data, sitemap and the search index
    # (Pagefind's filter index is put in a stable order: generator/site/pagefind_stable.py; the sitemap is
    # dated by the newest meeting, not the build day, generator/site/mkdocs_hook.py).
    for name in ("one", "two"):
        work = tmp_path / name
        work.mkdir()
        copy_project(work)
        result = mkdocs_build(work, stack=stack, PYTHONHASHSEED=str(len(name)))
        assert result.returncode == 0, result.stderr[-3000:]
        assert (work / "site" / "pagefind" / "filter").is_dir()
    diff = subprocess.run(["diff", "-r", str(tmp_path / "one" / "site"), str(tmp_path / "two" / "site")],
                          capture_output=True, text=True)
    assert diff.returncode == 0, diff.stdout[-3000:] + diff.stderr


def test_unchanged_files_are_not_rewritten(tmp_path):
    src, docs = tmp_path / "src", tmp_path / "docs"
    shutil.copytree(SAMPLE, src)
    build(src, docs, jobs=1)
    before = {p: (p.stat().st_mtime_ns, p.stat().st_ino) for p in docs.rglob("*") if p.is_file()}
    result = build(src, docs, jobs=1)
    assert result.stats.written == 0 and result.stats.removed == 0
    assert {p: (p.stat().st_mtime_ns, p.stat().st_ino) for p in docs.rglob("*") if p.is_file()} == before


def test_files_of_removed_sources_are_removed(tmp_path):
    src, docs = tmp_path / "src", tmp_path / "docs"
    shutil.copytree(SAMPLE, src)
    build(src, docs, jobs=1)
    (docs / ".gitkeep").write_text("")
    (src / "nordmore" / "kdk" / "2022-03-14.txt").unlink()
    result = build(src, docs, jobs=1)
    assert result.stats.removed >= 3  # page, JSON, original
    assert not list(docs.glob("nordmore/kdk/2022-03-14*")) and not (docs / "nordmore/kdk/kilde").exists()
    assert (docs / ".gitkeep").exists()
    with_it = tmp_path / "fresh"
    build(src, with_it, jobs=1)
    assert tree(docs).keys() - {".gitkeep"} == tree(with_it).keys()


def test_a_crash_while_writing_leaves_the_old_file_whole(tmp_path, monkeypatch):
    target = tmp_path / "side.md"
    target.write_bytes(b"gammel side\n")

    def crash(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        write_file(target, b"ny side som aldri blir hel\n" * 1000)
    assert target.read_bytes() == b"gammel side\n"
    assert [p.name for p in tmp_path.iterdir()] == ["side.md"], "no temporary file is left behind"


def test_a_crash_in_the_middle_of_a_tree_keeps_every_file_whole(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    write_tree(docs, {"a.md": "A1", "b.md": "B1", "c.md": "C1"})
    real_replace, calls = os.replace, []

    def crash_on_second(source, destination):
        calls.append(destination)
        if len(calls) == 2:
            raise KeyboardInterrupt  # the build is stopped half-way
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", crash_on_second)
    with pytest.raises(KeyboardInterrupt):
        write_tree(docs, {"a.md": "A2", "b.md": "B2", "c.md": "C2"})
    assert {p.name: p.read_text() for p in docs.iterdir()} == {"a.md": "A2", "b.md": "B1", "c.md": "C1"}


def test_dependencies_are_pinned_and_installed_with_the_pins():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = project["dependencies"] + [d for extra in project.get("optional-dependencies", {}).values() for d in extra]
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    for requirement in wanted:
        name = re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9_.-]+", requirement).group(0)).lower()
        assert name in pins, f"{name} is not pinned in requirements.lock"
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"pip install .*-c requirements\.lock", makefile)
    assert "requirements.lock" in re.search(r"^\$\(STAMP\):.*$", makefile, re.M).group(0)


def test_rendering_on_every_core_gives_the_same_files_as_one_process(tmp_path, monkeypatch):
    import generator.build as pipeline

    monkeypatch.setattr(pipeline, "PARALLEL_JOBS_ABOVE", 0)  # the sample is small: fork anyway
    build(SAMPLE, tmp_path / "serial", jobs=1)
    forked = build(SAMPLE, tmp_path / "forked", jobs=2)
    assert tree(tmp_path / "forked") == tree(tmp_path / "serial")
    assert forked.stats.written == len(tree(tmp_path / "forked"))


def test_two_render_jobs_may_not_write_one_path(tmp_path):
    from generator.build import render_and_write

    jobs = [lambda: {"a.md": "one"}, lambda: {"a.md": "two"}]
    with pytest.raises(RuntimeError, match="a.md"):
        render_and_write(tmp_path, jobs, set(), None, jobs=1)


def test_a_failing_render_job_stops_the_build(tmp_path, monkeypatch):
    import generator.build as pipeline

    monkeypatch.setattr(pipeline, "PARALLEL_JOBS_ABOVE", 0)

    def broken():
        raise ValueError("template bug")
    with pytest.raises(ValueError, match="template bug"):
        pipeline.render_and_write(tmp_path, [lambda: {"a.md": "x"}, broken], set(), None, jobs=2)


def test_a_render_worker_that_dies_fails_the_build_instead_of_hanging(tmp_path, monkeypatch):
    from concurrent.futures.process import BrokenProcessPool

    import generator.build as pipeline

    monkeypatch.setattr(pipeline, "PARALLEL_JOBS_ABOVE", 0)

    def killed():
        os._exit(9)  # as the kernel's out-of-memory killer would end it
    with pytest.raises(BrokenProcessPool):
        pipeline.render_and_write(tmp_path, [lambda: {"a.md": "x"}, killed], set(), None, jobs=2)


def test_a_streamed_file_is_written_whole_and_left_alone_when_unchanged(tmp_path):
    from generator.model import Streamed
    from generator.write import write_files

    docs = tmp_path / "docs"
    pieces = [b"{\"a\":[", b"1,2", b"]}\n"]
    assert write_files(docs, {"data/big.json": Streamed(lambda: iter(pieces))}) == (1, 0)
    target = docs / "data/big.json"
    assert target.read_bytes() == b"{\"a\":[1,2]}\n"
    before = target.stat().st_mtime_ns, target.stat().st_ino
    assert write_files(docs, {"data/big.json": Streamed(lambda: iter(pieces))}) == (0, 1)
    assert (target.stat().st_mtime_ns, target.stat().st_ino) == before, "an unchanged file is not replaced"
    assert write_files(docs, {"data/big.json": Streamed(lambda: iter([b"{}\n"]))}) == (1, 0)
    assert target.read_bytes() == b"{}\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["big.json"], "no temporary file is left behind"
