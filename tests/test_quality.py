"""Data quality (generator/quality.py): `python -m generator check` and the "Datakvalitet" page cover
unresolved references, duplicate case numbers, missing decisions, name variants and missing attendees."""
from __future__ import annotations

import subprocess
import sys

import pytest
from chain import CHAIN, ROOT, build_chain, section

from generator.config import load_archive_config
from generator.mkdocs_hook import navigation
from generator.model import Diagnostic
from generator.quality import CHECKS, sections, with_code

EXPECTED = {  # check -> (file, line, words the finding is about)
    "unresolved-reference": ("testregionen/tu/2021-04-12.txt", 25, "sak 99/20"),
    "duplicate-case": ("proveregionen/ps/2021-05-05.txt", 18, "sak 5/21"),
    "no-decision": ("testregionen/tu/2021-04-12.txt", 25, "sak 31/21: Status for barnevernsamarbeidet"),
    "name-variants": ("testregionen/tu/2021-03-01.txt", 14, "Ola Prøvesen = Ola O. Prøvesen"),
    "no-attendees": ("proveregionen/ps/2021-06-06.txt", 1, ""),
}


@pytest.fixture(scope="module")
def chain(tmp_path_factory):
    out = tmp_path_factory.mktemp("chain")
    return build_chain(out), out


def test_check_command_reports_every_kind_with_file_and_line():
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--src", str(CHAIN)], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr  # notes and warnings only; --strict would fail
    lines = result.stdout.splitlines()
    for code, (path, line, _) in EXPECTED.items():
        assert any(text.startswith(f"{path}:{line}: ") for text in lines), (code, lines)
    assert "proveregionen/ps/2021-06-06.txt:1: warning: no attendees found" in lines
    assert any("'Ola Prøvesen' is taken to be the same person as 'Ola O. Prøvesen'" in text for text in lines)
    assert not any("Kari Testersen" in text for text in lines)  # confirmed by people.yml
    strict = subprocess.run([sys.executable, "-m", "generator", "check", "--strict", "--src", str(CHAIN)], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert strict.returncode == 1


def test_findings_are_grouped_by_check(chain):
    result, _ = chain
    found = {s.code: [(d.path, d.line, d.subject) for d in s.findings] for s in sections(result.diagnostics)}
    for code, expected in EXPECTED.items():
        assert expected in found[code], (code, found.get(code))
    assert "" not in found  # nothing the checks do not know


def test_quality_page_has_a_section_per_check(chain):
    _, out = chain
    page = (out / "datakvalitet.md").read_text(encoding="utf-8")
    for code, (path, line, subject) in EXPECTED.items():
        part = section(page, code)
        assert part.startswith(f"## {CHECKS[code][0]}")
        escaped_path = path.replace("-", "\\-").replace(".", "\\.")
        assert f"| {escaped_path} | {line} |" in part, (code, part)
    assert "| merknad |" in page and "| advarsel |" in page and "| feil |" not in page


def test_future_meetings_announced_are_not_unresolved_references(chain):
    result, _ = chain
    subjects = [d.subject for d in result.diagnostics if d.code == "unresolved-reference"]
    assert subjects == ["sak 99/20"]


def test_parser_messages_get_their_check():
    assert with_code(Diagnostic("a.txt", 1, "warning", "no attendees found")).code == "no-attendees"
    assert with_code(Diagnostic("a.txt", 1, "error", "cannot read")).code == ""
    (other,) = sections([Diagnostic("a.txt", 1, "error", "cannot read")])
    assert other.code == "" and other.title == "Andre funn ved innlesing"


def test_editorial_file_errors_are_findings(tmp_path):
    import shutil

    src = tmp_path / "src"
    shutil.copytree(CHAIN, src)
    (src / "topics.yml").write_text("topics:\n  - name: X\n    word: [x]\n", encoding="utf-8")
    result = build_chain(tmp_path / "out", src)
    (problem,) = [d for d in result.diagnostics if d.code == "editorial"]
    assert (problem.path, problem.line, problem.level) == ("topics.yml", 3, "error")
    assert result.views.topics.topics == ()
    page = (tmp_path / "out/datakvalitet.md").read_text(encoding="utf-8")
    assert "{ #editorial }" in page and "| topics\\.yml | 3 | feil |" in page


def test_new_pages_are_in_the_navigation_and_on_the_home_page(chain):
    _, out = chain
    organisations, _ = load_archive_config(CHAIN)
    nav = navigation(organisations)
    pages = [next(iter(entry.values())) for entry in nav if isinstance(entry, dict)]
    home = (out / "index.md").read_text(encoding="utf-8")
    for page in ("saksganger.md", "oppfolging.md", "personer/index.md", "kommuner/index.md", "emner.md",
                 "datakvalitet.md", "om.md"):
        assert page in pages
        assert (out / page).is_file()
        assert f"(<{page}>)" in home


def test_organisation_folders_cannot_take_the_sites_own_names(tmp_path):
    from generator.views import reserved_folders

    (tmp_path / "personer").mkdir()
    (tmp_path / "grenland").mkdir()
    (problem,) = reserved_folders(tmp_path)
    assert (problem.path, problem.level, problem.code) == ("personer/", "error", "editorial")
    assert reserved_folders(CHAIN) == []
