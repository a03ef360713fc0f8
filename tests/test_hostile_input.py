"""Hostile and unusual input (issue 12): each test builds a small archive with one hostile thing in it,
runs the real command line (``python -m generator check`` and ``build``) over it, and checks that the
hostile thing is reported as ``file:line: error|warning: ...`` by both, with no traceback, and that
the rest of the archive is built.
"""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT

ORG, BODY = "grenland", "kdk"
GOOD = f"{ORG}/{BODY}/2024-01-19.md"  # the page of the good meeting every archive here has


def minutes(date: str, *lines: str) -> str:
    return "\n".join([f"Referat fra Kommunedirektørkollegiet\nMøte {date}\nTil stede: Ola Nordmann, Kari Hansen\n",
                      "Sak 1/24 Første sak\nTekst om saken.\nVedtak: Tatt til orientering.", *lines]) + "\n"


def archive(tmp_path: Path, files: dict[str, str | bytes] | None = None) -> Path:
    """A source tree with one organisation, one body and one good meeting, plus ``files``."""
    src = tmp_path / "minutes_src"
    body = src / ORG / BODY
    body.mkdir(parents=True)
    (src / ORG / "organisation.yml").write_text("name: Grenlandssamarbeidet\nshort_name: Grenland\n", encoding="utf-8")
    (body / "body.yml").write_text("name: Kommunedirektørkollegiet\nshort_name: KDK\n", encoding="utf-8")
    (body / "2024-01-19.txt").write_text(minutes("19.01.2024"), encoding="utf-8")
    for relative, content in (files or {}).items():
        path = src / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return src


@dataclass
class Run:
    check: subprocess.CompletedProcess
    build: subprocess.CompletedProcess
    docs: Path

    def reported(self, text: str) -> bool:
        """Whether both check (stdout) and build (stderr) printed a line holding ``text``."""
        return any(text in line for line in self.check.stdout.splitlines()) and \
            any(text in line for line in self.build.stderr.splitlines())


def generator(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "PYTHONPATH": str(ROOT)})


def run(src: Path, timeout: float = 120) -> Run:
    """``check`` and ``build`` over ``src``; neither may end in a traceback, and the good meeting is built."""
    docs = src.parent / "docs"
    result = Run(generator("check", "--src", str(src), timeout=timeout),
                 generator("build", "--src", str(src), "--out", str(docs), "--jobs", "1", timeout=timeout), docs)
    for process in (result.check, result.build):
        assert "Traceback" not in process.stderr, process.stderr[-3000:]
    assert result.build.returncode == 0, result.build.stderr[-3000:]
    assert (docs / GOOD).is_file(), "the rest of the archive is built"
    return result


# --- 2. symbolic links out of the source tree ----------------------------------------------------

def _secret(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd").write_text("root:x:0:0:HEMMELIG\n" + minutes("20.01.2024"), encoding="utf-8")
    (outside / "organisation.yml").write_text("name: HEMMELIG\n", encoding="utf-8")
    (outside / "body.yml").write_text("name: HEMMELIG\n", encoding="utf-8")
    (outside / "people.yml").write_text("merge:\n  - name: HEMMELIG\n    spellings: [Ola Nordmann]\n", encoding="utf-8")
    body = outside / "styre"
    body.mkdir()
    (body / "body.yml").write_text("name: HEMMELIG\n", encoding="utf-8")
    (body / "2024-01-21.txt").write_text("HEMMELIG\n" + minutes("21.01.2024"), encoding="utf-8")
    return outside


def _nothing_published_from(docs: Path, marker: str = "HEMMELIG") -> None:
    for path in docs.rglob("*"):
        if path.is_file():
            assert marker.encode() not in path.read_bytes(), path


@pytest.mark.parametrize("link, target, shown", [
    (f"{ORG}/{BODY}/2024-01-20.txt", "passwd", f"{ORG}/{BODY}/2024-01-20.txt:0: error: is a symbolic link"),
    (f"{ORG}/{BODY}/undermappe/2024-01-20.txt", "passwd",
     f"{ORG}/{BODY}/undermappe/2024-01-20.txt:0: error: is a symbolic link"),
    (f"{ORG}/styre", "styre", f"{ORG}/styre/:0: error: body folder is a symbolic link"),
    ("annen", "", "annen/:0: error: organisation folder is a symbolic link"),
    (f"{ORG}/utvalg/body.yml", "body.yml", f"{ORG}/utvalg/body.yml:0: error: is a symbolic link"),
    ("people.yml", "people.yml", "people.yml:0: error: is a symbolic link"),
    (f"{ORG}/{BODY}/2024-01-22.txt", "/nowhere/at/all", f"{ORG}/{BODY}/2024-01-22.txt:0: error: is a symbolic link"),
], ids=["file", "file-in-subfolder", "body-folder", "organisation-folder", "body-yml", "people-yml", "dangling"])
def test_a_symbolic_link_out_of_the_tree_is_refused(tmp_path, link, target, shown):
    outside = _secret(tmp_path)
    src = archive(tmp_path)
    where = src / link
    where.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(outside / target if not target.startswith("/") else target, where)
    if link == "annen":  # an organisation folder whose organisation.yml and body are outside
        (outside / "kdk").mkdir()
        (outside / "kdk" / "body.yml").write_text("name: HEMMELIG\n", encoding="utf-8")
    result = run(src)
    assert result.reported(shown), (result.check.stdout, result.build.stderr)
    assert result.check.returncode == 1, "check fails CI on it"
    _nothing_published_from(result.docs)


def test_a_symbolic_link_inside_the_tree_is_read(tmp_path):
    src = archive(tmp_path, {f"{ORG}/{BODY}/arkiv/2024-02-01.txt": minutes("01.02.2024")})
    os.symlink(src / ORG / BODY / "arkiv" / "2024-02-01.txt", src / ORG / BODY / "2024-02-02.txt")
    result = run(src)
    assert "symbolic link" not in result.check.stdout
    assert (result.docs / ORG / BODY / "2024-02-01.md").is_file()
