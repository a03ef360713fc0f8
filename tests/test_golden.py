"""Golden files: the generated Markdown page and the parsed JSON of every sample meeting.

Regenerate after an intended change with `make golden` and review the diff.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SAMPLE
from generator.build import build

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docs")
    build(SAMPLE, out)
    return out


def meeting_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.glob("*/*/*") if p.suffix in (".md", ".json")
                  and p.stem[:4].isdigit())


def test_every_sample_meeting_has_golden_files(generated, update_golden):
    names = meeting_files(generated)
    assert len(names) == 10  # five seed meetings, a page and a JSON file each
    if update_golden:
        return
    assert sorted(p.name for p in GOLDEN.iterdir()) == sorted(n.replace("/", "__") for n in names)


def test_update_golden_files(generated, update_golden):
    if not update_golden:
        pytest.skip("only with --update-golden (make golden)")
    GOLDEN.mkdir(exist_ok=True)
    for old in GOLDEN.iterdir():
        old.unlink()
    for name in meeting_files(generated):
        (GOLDEN / name.replace("/", "__")).write_text((generated / name).read_text(encoding="utf-8"), encoding="utf-8")


@pytest.mark.parametrize("golden", sorted(GOLDEN.glob("*__*")), ids=lambda p: p.name)
def test_generated_file_matches_golden(generated, update_golden, golden):
    if update_golden:
        pytest.skip("being rewritten")
    path = generated / golden.name.replace("__", "/")
    assert path.is_file(), f"{golden.name}: no longer generated"
    assert path.read_text(encoding="utf-8") == golden.read_text(encoding="utf-8")
