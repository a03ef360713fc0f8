"""The sharded CI build, run the way its workflows run it, gives the site `make site` gives.

Each job of `.github/workflows/sharded.yml` (and the GitLab `shard` jobs) runs in its own fresh copy
of the repository (the tracked files, no docs/, no site/, no .shards/), and receives only the
artifacts the workflow passes: the docs job's `docs/`, each shard job's one site. The merged site
must equal a single `make site` in another fresh copy, file for file and byte for byte: topic chips,
topic pages and the search bundles included (on the synthetic archive in search groups of 30
meetings, so several Pagefind bundles and their archive-merge.json are compared). The venv is shared (a link to this one: installing it
per job is what CI does, and is not what is tested here); PYTHONPATH makes each copy import its own
generator.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE, assert_same_files
from generator.site.search import GROUP_MEETINGS_VARIABLE, MERGE_LIST
from generator.site.shards import ARTIFACT_PREFIX, shard_names
from generator.dev.synthetic import generate

# A vocabulary for the synthetic archive, with words its generated minutes use, so that its meetings
# carry topic chips and its topic pages list cases from every organisation.
SYNTHETIC_TOPICS = """topics:
  - name: Psykisk helse
    words: [psykisk]
  - name: Erfaringsdeling
    words: [erfaringsdeling]
  - name: Oppfølging
    words: [oppfølging]
  - name: Kunnskap
    words: [kunnskap]
"""


def tracked_files() -> list[str]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    return [name for name in listed.decode().split("\0") if name and (ROOT / name).is_file()]


def checkout(work: Path, job: str, src: Path) -> Path:
    """A fresh copy of the repository for one job (what actions/checkout gives), with ``src`` as its
    minutes_src/ and this machine's venv."""
    repo = work / job
    for name in tracked_files():
        if name.startswith("minutes_src/"):
            continue
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, repo / name)  # modification times kept: make sees the venv as current
    shutil.copytree(src, repo / "minutes_src")
    (repo / ".venv").symlink_to(ROOT / ".venv")
    assert not (repo / "site").exists() and not (repo / ".shards").exists()
    return repo


def make(repo: Path, *args: str, variables: dict[str, str] | None = None) -> str:
    """``make`` in ``repo`` with none of this process's ARCHIVE_ variables, only ``variables`` (a CI
    workflow's variables, the same in every job)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("ARCHIVE_")}
    env.update(variables or {})
    env["PYTHONPATH"] = str(repo)
    result = subprocess.run(["nice", "make", "-s", "-o", ".venv/.installed", *args], cwd=repo, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, f"make {' '.join(args)} in {repo.name}:\n{result.stdout[-3000:]}{result.stderr[-3000:]}"
    return result.stdout


def pass_artifact(source: Path, target: Path) -> None:
    """An artifact's upload and download: the files of ``source`` (hidden ones too) into ``target``."""
    assert source.is_dir(), f"no artifact at {source}"
    shutil.copytree(source, target, dirs_exist_ok=True)


def github_matrix(work: Path, src: Path, variables: dict[str, str] | None = None) -> Path:
    """docs -> one job per entry of `make shard-list` -> merge; returns the merged site."""
    docs_job = checkout(work, "docs", src)
    make(docs_job, "docs", variables=variables)
    shards = json.loads(make(docs_job, "shard-list", variables=variables))
    artifacts = work / "artifacts"
    for shard in shards:
        job = checkout(work, f"shard-job-{shard}", src)
        pass_artifact(docs_job / "docs", job / "docs")
        make(job, "site", f"SHARD={shard}", "GENERATE=0", variables=variables)
        pass_artifact(job / ".shards" / shard / "site", artifacts / f"{ARTIFACT_PREFIX}{shard}")
    merge_job = checkout(work, "merge", src)
    for artifact in sorted(artifacts.iterdir()):  # download-artifact, pattern shard-*, path .shards/
        pass_artifact(artifact, merge_job / ".shards" / artifact.name)
    make(merge_job, "merge", variables=variables)
    return merge_job / "site"


def gitlab_matrix(work: Path, src: Path, parts: int) -> Path:
    """shard-docs -> `parallel: matrix` of PART 1..parts -> shard-merge; returns the merged site."""
    docs_job = checkout(work, "docs", src)
    make(docs_job, "docs")
    merge_job = checkout(work, "merge", src)
    for part in range(1, parts + 1):
        job = checkout(work, f"part-job-{part}", src)
        pass_artifact(docs_job / "docs", job / "docs")
        make(job, "site", f"SHARD=part-{part}", f"PARTS={parts}", "GENERATE=0")
        built = job / ".shards" / f"part-{part}" / "site"
        if built.is_dir():  # a part beyond the number of shards builds nothing
            pass_artifact(built, merge_job / ".shards" / f"part-{part}" / "site")
    make(merge_job, "merge")
    return merge_job / "site"


def single_site(work: Path, src: Path, variables: dict[str, str] | None = None) -> Path:
    job = checkout(work, "single", src)
    make(job, "site", variables=variables)
    return job / "site"


def assert_same_site(single: Path, sharded: Path) -> None:
    assert_same_files(single, sharded, "single build", "sharded")


def assert_topics_linked(site: Path, organisations: int) -> None:
    """Topic chips are links to topic pages that exist, on meeting pages of every organisation."""
    linked = set()
    for page in site.glob("*/*/[0-9][0-9][0-9][0-9]-*/index.html"):
        text = page.read_text(encoding="utf-8")
        chips = text.split('<nav class="md-tags"', 1)[1].split("</nav>", 1)[0] if "md-tags" in text else ""
        for href in chips.split('href="')[1:]:
            target = (page.parent / href.split('"', 1)[0] / "index.html").resolve()
            assert target.is_file() and target.parent.parent.name == "emner", f"{page}: chip to {target}"
            linked.add(page.relative_to(site).parts[0])
    assert len(linked) >= organisations, f"chips linked on pages of {sorted(linked)} only"


@pytest.fixture(scope="module")
def synthetic_src(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("synthetic-src")
    generate(root, 240, seed=5)
    (root / "topics.yml").write_text(SYNTHETIC_TOPICS, encoding="utf-8")
    return root


def test_github_matrix_equals_make_site_on_the_sample(tmp_path):
    single = single_site(tmp_path / "single", SAMPLE)
    assert_same_site(single, github_matrix(tmp_path / "matrix", SAMPLE))
    assert_topics_linked(single, organisations=3)


def test_gitlab_parts_equal_make_site_on_the_sample(tmp_path):
    """Five parts for four shards: the fifth builds nothing."""
    single = single_site(tmp_path / "single", SAMPLE)
    assert_same_site(single, gitlab_matrix(tmp_path / "parts", SAMPLE, parts=5))


def test_github_matrix_equals_make_site_on_a_synthetic_archive(tmp_path, synthetic_src):
    """With search groups of 30 meetings: organisations larger than a group are split (by body, then
    year), and the merge job's groups are the single build's, whatever the shards were."""
    assert len(shard_names(synthetic_src)) - 1 >= 4, "four organisations and _root"
    variables = {GROUP_MEETINGS_VARIABLE: "30"}
    single = single_site(tmp_path / "single", synthetic_src, variables)
    meetings = list(single.glob("*/*/[0-9][0-9][0-9][0-9]-*/index.html"))
    assert len(meetings) >= 200
    assert_same_site(single, github_matrix(tmp_path / "matrix", synthetic_src, variables))
    assert_topics_linked(single, organisations=4)
    merge_list = json.loads((single / "pagefind" / MERGE_LIST).read_text())
    assert len(merge_list) >= len(meetings) // 30, merge_list
    for bundle in ["pagefind/"] + merge_list:
        assert (single / bundle / "pagefind-entry.json").is_file(), bundle
