from __future__ import annotations

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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The sample archive generated and built with `mkdocs build --strict` into a temporary folder."""
    work = tmp_path_factory.mktemp("site")
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, work / name)
    shutil.copytree(SAMPLE, work / "minutes_src")
    shutil.copytree(ROOT / "overrides", work / "overrides")  # theme override: the Pagefind search UI
    shutil.copytree(ROOT / "generator", work / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    (work / "docs").mkdir()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=work,
                            capture_output=True, text=True, env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-4000:]
    work.joinpath("build.log").write_text(result.stderr)
    return work
