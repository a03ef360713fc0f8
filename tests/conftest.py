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


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, by path relative to it."""
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def assert_same_files(expected_site: Path, got_site: Path, expected_name: str, got_name: str) -> None:
    """Both sites have the same files, byte for byte (the first differences named)."""
    expected, got = site_files(expected_site), site_files(got_site)
    assert sorted(got) == sorted(expected), (f"only in the {expected_name}: {sorted(set(expected) - set(got))[:10]}; "
                                             f"only in the {got_name}: {sorted(set(got) - set(expected))[:10]}")
    different = [name for name in expected if expected[name] != got[name]]
    assert not different, f"{len(different)} files differ, e.g. {different[:10]}"


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


# The two site engines (README, "Two stacks"): "classic" is MkDocs + Material in this venv, "maintained"
# is ProperDocs + MaterialX in .venv-maintained (`make .venv-maintained/.installed`). Site builds use
# ARCHIVE_TEST_STACK (default classic); tests/test_stacks.py runs the browser tests with it set to
# "maintained". `make test` sets ARCHIVE_REQUIRE_STACKS=1: a missing maintained venv then fails.
STACKS = ("classic", "maintained")
MAINTAINED_PYTHON = ROOT / ".venv-maintained" / "bin" / "python"


def current_stack() -> str:
    stack = os.environ.get("ARCHIVE_TEST_STACK", "classic")
    assert stack in STACKS, f"ARCHIVE_TEST_STACK={stack!r}: not one of {STACKS}"
    return stack


def engine_command(stack: str) -> list[str]:
    """The build command of ``stack`` (skips, or fails under ``make test``, without the maintained venv)."""
    if stack == "classic":
        return [sys.executable, "-m", "mkdocs", "build", "--strict"]
    if not MAINTAINED_PYTHON.exists():
        message = f"{MAINTAINED_PYTHON} is missing (make .venv-maintained/.installed)"
        if os.environ.get("ARCHIVE_REQUIRE_STACKS") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return [str(MAINTAINED_PYTHON), "-m", "properdocs", "build", "--strict", "-f", "mkdocs-maintained.yml"]


def mkdocs_build(work: Path, *args: str, stack: str | None = None, **env: str) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` in ``work`` (extra arguments and environment variables given), or the
    maintained stack's ``properdocs build --strict -f mkdocs-maintained.yml``."""
    stack = stack or current_stack()
    if stack != "classic" and "-f" in args:
        pytest.skip("a configuration of the classic stack only")
    return subprocess.run([*engine_command(stack), *args], cwd=work, capture_output=True,
                          text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The sample archive generated and built with `mkdocs build --strict` into a temporary folder
    (with the stack ARCHIVE_TEST_STACK names; ARCHIVE_TEST_BUILT_SITE: a folder already built so)."""
    if os.environ.get("ARCHIVE_TEST_BUILT_SITE"):
        return Path(os.environ["ARCHIVE_TEST_BUILT_SITE"])
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
