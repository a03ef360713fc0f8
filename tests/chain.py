"""The synthetic fixture archive (tests/fixtures/archive_chain) built once per test module."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from generator.build import BuildResult, build

ROOT = Path(__file__).resolve().parent.parent
CHAIN = Path(__file__).parent / "fixtures" / "archive_chain"


def build_chain(out: Path, src: Path = CHAIN) -> BuildResult:
    """Generate the fixture archive's Markdown into ``out``."""
    return build(src, out)


def mkdocs_site(work: Path, src: Path = CHAIN) -> subprocess.CompletedProcess:
    """Build ``src`` into a full site with `mkdocs build --strict` (no search index) in ``work``."""
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    shutil.copytree(src, work / "minutes_src")
    shutil.copytree(ROOT / "generator", work / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    if (ROOT / "overrides").is_dir():
        shutil.copytree(ROOT / "overrides", work / "overrides")
    (work / "docs").mkdir()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ARCHIVE_SEARCH": "0"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=work, capture_output=True,
                          text=True, env=env, check=False)


def section(markdown: str, anchor: str) -> str:
    """The part of a generated page from the heading with ``{ #anchor }`` to the next ``## `` heading."""
    start = markdown.rfind("\n", 0, markdown.index(f"{{ #{anchor} }}")) + 1
    end = markdown.find("\n## ", start)
    return markdown[start:end if end > 0 else None]
