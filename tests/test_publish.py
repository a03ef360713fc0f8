"""Incremental publish (generator/site/publish.py): after adding, editing and deleting a meeting, the site
it publishes from its state equals a clean build of the same sources byte for byte (every file, the
search bundles included), and it redid only part of the work.

The clean build it is compared with is the existing pipeline, run as its own processes:
``python -m generator build`` then ``python -m generator shards all`` (which tests/test_matrix.py
holds equal to ``make site``). A synthetic archive of 300 meetings in six organisations, in search
groups of 40 meetings (ten Pagefind bundles), so a change re-indexes some groups and not others.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, assert_same_files, site_files
from generator.site import publish
from generator.site.search import GROUP_MEETINGS_VARIABLE
from generator.site.shards import ROOT_SHARD, shard_names
from generator.dev.synthetic import generate

GROUP = "40"


def clean_build(src: Path, work: Path) -> Path:
    """The site the existing pipeline builds from ``src`` from nothing."""
    if work.exists():
        shutil.rmtree(work)
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("ARCHIVE_")},
           GROUP_MEETINGS_VARIABLE: GROUP, "PYTHONHASHSEED": "0", "NO_MKDOCS_2_WARNING": "1"}
    for command in (["-m", "generator", "build", "--src", str(src), "--out", str(work / "docs")],
                    ["-m", "generator", "shards", "all", "--src", str(src), "--docs", str(work / "docs"),
                     "--site", str(work / "site"), "--work", str(work / "shards")]):
        result = subprocess.run([sys.executable, *command], cwd=ROOT, env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr[-3000:]
    return work / "site"


def assert_same_site(expected_site: Path, got_site: Path) -> None:
    assert_same_files(expected_site, got_site, "clean build", "incremental")
    assert any(name.startswith("pagefind-") for name in site_files(got_site)), "several search bundles compared"


@pytest.fixture()
def archive(tmp_path, monkeypatch):
    for key in [k for k in os.environ if k.startswith("ARCHIVE_")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv(GROUP_MEETINGS_VARIABLE, GROUP)
    src = tmp_path / "src"
    generate(src, 300, 1)
    (src / "_truth.jsonl").unlink()  # not minutes; a test file of the generator's
    return src


def meetings(src: Path, org: str | None = None) -> list[Path]:
    return sorted(src.glob(f"{org or '*'}/*/[0-9]*.txt"), key=lambda path: (path.name, str(path)))


def run(src: Path, tmp_path: Path, capsys) -> tuple[publish.Report, str]:
    capsys.readouterr()
    report = publish.publish(src, tmp_path / "site", tmp_path / "state")
    return report, capsys.readouterr().err


def test_incremental_publish_equals_a_clean_build_after_add_edit_and_delete(archive, tmp_path, capsys, monkeypatch):
    # The code key is the next test's subject; here it is held fixed, so an edit of the generator in
    # this working tree while the test runs does not turn the incremental steps into clean builds.
    key = publish.code_key()
    monkeypatch.setattr(publish, "code_key", lambda root=ROOT: key)
    src = archive
    names = shard_names(src)
    organisations = names[1:]
    assert len(organisations) >= 3
    newest = meetings(src)[-1]  # the archive's newest meeting: adding it moves the build date too
    held = newest.read_bytes()
    newest.unlink()

    report, log = run(src, tmp_path, capsys)
    assert report.clean and "clean build (no state)" in log
    assert report.shards == names and report.group_count > 3 and len(report.groups) == report.group_count
    assert_same_site(clean_build(src, tmp_path / "clean"), tmp_path / "site")

    # add: the newest meeting again
    newest.write_bytes(held)
    report, log = run(src, tmp_path, capsys)
    added_org = newest.relative_to(src).parts[0]
    assert not report.clean and report.parsed == 1
    assert set(report.shards) == {added_org, ROOT_SHARD}, report.shards
    assert f"rebuilt 2 of {len(names)} shards ({', '.join(sorted([ROOT_SHARD, added_org]))})" in log
    assert 0 < len(report.groups) < report.group_count, report.groups
    assert f"indexed {len(report.groups)} of {report.group_count} search groups again" in log
    assert_same_site(clean_build(src, tmp_path / "clean"), tmp_path / "site")

    # edit: a sentence added in the middle of another organisation's meeting
    edited_org = next(org for org in organisations if org != added_org)
    edited = meetings(src, edited_org)[5]
    lines = edited.read_text(encoding="utf-8").split("\n")
    middle = next(i for i, line in enumerate(lines) if i > len(lines) // 2 and len(line.strip()) > 30)
    lines[middle] += " Redigert av sekretariatet."
    edited.write_text("\n".join(lines), encoding="utf-8")
    report, log = run(src, tmp_path, capsys)
    assert not report.clean and report.parsed == 1
    assert edited_org in report.shards and len(report.shards) < len(names), report.shards
    assert 0 < len(report.groups) < report.group_count, report.groups
    assert_same_site(clean_build(src, tmp_path / "clean"), tmp_path / "site")
    page = (tmp_path / "site").joinpath(*edited.relative_to(src).parts[:2], edited.stem, "index.html")
    assert "Redigert av sekretariatet." in page.read_text(encoding="utf-8")

    # delete: a meeting in the middle of a third organisation's body (its neighbours' links change)
    deleted_org = next(org for org in organisations if org not in (added_org, edited_org))
    deleted = meetings(src, deleted_org)[len(meetings(src, deleted_org)) // 2]
    deleted.unlink()
    report, log = run(src, tmp_path, capsys)
    assert not report.clean and report.parsed == 0
    assert deleted_org in report.shards and len(report.shards) < len(names), report.shards
    assert_same_site(clean_build(src, tmp_path / "clean"), tmp_path / "site")
    gone = (tmp_path / "site").joinpath(*deleted.relative_to(src).parts[:2], deleted.stem)
    assert not gone.exists(), "the deleted meeting's page is gone from site/"

    # nothing changed: nothing is rebuilt, the site is the same
    before = site_files(tmp_path / "site")
    report, log = run(src, tmp_path, capsys)
    assert not report.clean and report.parsed == 0 and report.docs_changed == 0
    assert report.shards == [] and report.groups == []
    assert site_files(tmp_path / "site") == before


def test_a_change_of_code_or_source_configuration_means_a_clean_build(tmp_path):
    """The key: the generator, its templates, overrides, lock files and mkdocs*.yml (code_key), and
    every source file that is not minutes (config_key)."""
    for name in publish.KEY_PATHS:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, tmp_path / "root" / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif (ROOT / name).is_file():
            (tmp_path / "root").mkdir(exist_ok=True)
            shutil.copy2(ROOT / name, tmp_path / "root" / name)
    root = tmp_path / "root"
    first = publish.code_key(root)
    assert publish.code_key(root) == first
    for changed in ("generator/templates/meeting.md.j2", "overrides/main.html", "requirements.lock", "mkdocs.yml"):
        path = root / changed
        original = path.read_bytes()
        path.write_bytes(original + b"\n")
        assert publish.code_key(root) != first, changed
        path.write_bytes(original)
    assert publish.code_key(root) == first

    src = tmp_path / "src"
    generate(src, 20, 1)
    minutes = set(src.glob("*/*/[0-9]*.txt"))
    config = publish.config_key(src, minutes)
    next(iter(sorted(minutes))).write_text("endret\n", encoding="utf-8")
    assert publish.config_key(src, minutes) == config, "minutes are not configuration"
    body = next(iter(sorted(src.glob("*/*/body.yml"))))
    body.write_text(body.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert publish.config_key(src, minutes) != config

    key = {"code": first, "config": config, "shards": ["_root"]}
    assert publish.clean_reason({"key": key}, key, False) == ""
    assert publish.clean_reason({"key": key}, key, True) == "--clean"
    assert publish.clean_reason({}, key, False) == "no state"
    assert "generator" in publish.clean_reason({"key": {**key, "code": "other"}}, key, False)
    assert "configuration" in publish.clean_reason({"key": {**key, "config": "other"}}, key, False)
