from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
TRUTH = SHARED / "truth"
CORPUS = SHARED / "corpus"
SAMPLE = ROOT / "minutes_src"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite the golden files from current output")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


def copy_project(work: Path) -> Path:
    """What a site build needs, in ``work``: the MkDocs configs, the theme override (the Pagefind
    search UI), the generator (its hook) and the sample sources; an empty docs/."""
    for config in ROOT.glob("mkdocs*.yml"):
        shutil.copy(config, work / config.name)
    shutil.copytree(SAMPLE, work / "minutes_src")
    shutil.copytree(ROOT / "overrides", work / "overrides")
    shutil.copytree(ROOT / "generator", work / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    (work / "docs").mkdir()
    return work


def mkdocs_build(work: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` in ``work`` (extra arguments and environment variables given)."""
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", *args], cwd=work, capture_output=True,
                          text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The sample archive generated and built with `mkdocs build --strict` into a temporary folder."""
    work = copy_project(tmp_path_factory.mktemp("site"))
    result = mkdocs_build(work)
    assert result.returncode == 0, result.stderr[-4000:]
    work.joinpath("build.log").write_text(result.stderr)
    return work


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample archive (minutes_src/) generated into a fresh folder, once per test module:
    (BuildResult, folder)."""
    from generator.build import build

    out = tmp_path_factory.mktemp("sample")
    return build(SAMPLE, out), out


@pytest.fixture(scope="module")
def chain(tmp_path_factory):
    """The fixture archive of tests/chain.py generated into a fresh folder, once per test module:
    (BuildResult, folder)."""
    from chain import build_chain

    out = tmp_path_factory.mktemp("chain")
    return build_chain(out), out
