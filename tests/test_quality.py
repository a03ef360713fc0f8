"""Data quality (generator/views/quality.py): `python -m generator check` and the "Datakvalitet" pages cover
unresolved references, duplicate case numbers, missing decisions, name variants and missing attendees.
Each body's page lists its findings; the archive's page counts them per body, so it does not grow with
the number of meetings."""
from __future__ import annotations

import subprocess
import sys

from chain import CHAIN, ROOT, build_chain, section

from generator.render import escape
from generator.config import load_archive_config
from generator.site.mkdocs_hook import navigation
from generator.model import Diagnostic
from generator.views.quality import (
    CHECKS,
    LISTED_AT_MOST,
    by_body,
    sections,
)
from generator.render.quality import quality_pages
from generator.render.pages import _environment

EXPECTED = {  # check -> (file, line, words the finding is about)
    "unresolved-reference": ("testregionen/tu/2021-04-12.txt", 25, "sak 99/20"),
    "duplicate-case": ("proveregionen/ps/2021-05-05.txt", 18, "sak 5/21"),
    "no-decision": ("testregionen/tu/2021-04-12.txt", 25, "sak 31/21: Status for barnevernsamarbeidet"),
    "name-variants": ("testregionen/tu/2021-03-01.txt", 14, "Ola Prøvesen = Ola O. Prøvesen"),
    "no-attendees": ("proveregionen/ps/2021-06-06.txt", 1, ""),
}



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


def escaped(path: str) -> str:
    """A path as the pages show it (through the escape filter)."""
    return escape.inline(path)


def test_each_body_page_has_a_section_per_check_with_its_own_findings(chain):
    _, out = chain
    for code, (path, line, _) in EXPECTED.items():
        org, body, _ = path.split("/")
        page = (out / org / body / "datakvalitet.md").read_text(encoding="utf-8")
        part = section(page, code)
        assert part.startswith(f"## {CHECKS[code].title}")
        assert f"| {escaped(path)} | {line} |" in part, (code, part)
    proveregionen = (out / "proveregionen/ps/datakvalitet.md").read_text(encoding="utf-8")
    assert "testregionen" not in proveregionen
    testregionen = (out / "testregionen/tu/datakvalitet.md").read_text(encoding="utf-8")
    assert "proveregionen" not in testregionen
    assert "| merknad |" in testregionen and "| advarsel |" in proveregionen and "| feil |" not in testregionen


def test_summary_page_counts_findings_per_body_and_links_to_the_body_page(chain):
    result, out = chain
    page = (out / "datakvalitet.md").read_text(encoding="utf-8")
    placed, unplaced = by_body(result.diagnostics, result.archive.organisations)
    assert not unplaced
    for code, (path, _, _) in EXPECTED.items():
        org, body, _ = path.split("/")
        count = sum(1 for d in placed[(org, body)] if d.code == code)
        part = section(page, code)
        assert part.startswith(f"## {CHECKS[code].title}")
        assert f"](<{org}/{body}/datakvalitet.md#{code}>) | {count} |" in part, (code, part)
        assert escaped(path) not in part  # the findings themselves are on the body's page
    assert "python -m generator check" in page


def test_every_body_has_a_quality_page_even_without_findings():
    from generator.model import Archive
    from generator.model import Body, Organisation

    org = Organisation("org", "Org", "Org", bodies=(Body("ren", "Ren", "Ren"), Body("rotete", "Rotete", "Rotete")))
    finding = Diagnostic("org/rotete/a.txt", 3, "info", "x", "no-decision")
    files = quality_pages(_environment(), Archive([org], []), [finding])
    assert "Ingen funn." in files["org/ren/datakvalitet.md"]
    assert f"| {escaped('org/rotete/a.txt')} | 3 |" in files["org/rotete/datakvalitet.md"]
    assert "Ingen funn." in quality_pages(_environment(), Archive([org], []), [])["datakvalitet.md"]


def test_body_index_links_to_the_body_quality_page(chain):
    _, out = chain
    index = (out / "testregionen/tu/index.md").read_text(encoding="utf-8")
    assert "](<datakvalitet.md>)" in index


def test_summary_page_does_not_grow_with_the_meetings(chain):
    result, _ = chain
    archive, env = result.archive, _environment()
    org, body = archive.organisations[0], archive.organisations[0].bodies[0]

    def pages(meetings: int, reverse: bool = False) -> dict[str, str]:
        found = [Diagnostic(f"{org.slug}/{body.slug}/{2000 + n // 12}-{n % 12 + 1:02d}-01.txt", 7, "info",
                            "case has no recorded decision", "no-decision", f"sak {n}/{n}: Sak")
                 for n in range(meetings)]
        diagnostics = result.diagnostics + found
        return quality_pages(env, archive, diagnostics[::-1] if reverse else diagnostics)

    small, large = pages(10), pages(1000)
    assert len(large["datakvalitet.md"]) - len(small["datakvalitet.md"]) <= 4  # the counts' digits only
    body_page = f"{org.slug}/{body.slug}/datakvalitet.md"
    assert len(large[body_page]) > len(small[body_page]) + 900 * 40
    assert pages(1000, reverse=True) == large  # sorted, whatever order the findings come in


def test_findings_of_no_body_are_listed_in_full_up_to_a_limit(chain):
    result, _ = chain
    folder = Diagnostic("proveregionen/nytt/body.yml", 0, "error", "body folder 'nytt' has no body.yml")
    loose = [Diagnostic(f"testregionen/{n:04d}.txt", 0, "error", "minutes must be in a body folder")
             for n in range(LISTED_AT_MOST + 7)]
    page = quality_pages(_environment(), result.archive, [folder, *loose])["datakvalitet.md"]
    part = section(page, "andre")
    assert f"| {escaped('proveregionen/nytt/body.yml')} | 0 | feil |" in part  # 'nytt' is no body of the archive
    assert f"| {escaped('testregionen/0000.txt')} |" in part
    assert f"| {escaped(f'testregionen/{LISTED_AT_MOST:04d}.txt')} |" not in part
    assert "… og 8 funn til" in part and "| Organisasjon |" not in part


def test_future_meetings_announced_are_not_unresolved_references(chain):
    result, _ = chain
    subjects = [d.subject for d in result.diagnostics if d.code == "unresolved-reference"]
    assert subjects == ["sak 99/20"]


def test_the_parser_sets_the_code_of_a_meeting_without_attendees(chain):
    result, _ = chain
    (finding,) = [d for d in result.diagnostics if d.message == "no attendees found"]
    assert (finding.path, finding.code) == ("proveregionen/ps/2021-06-06.txt", "no-attendees")
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
    assert "{ #editorial }" in page and f"| {escaped('topics.yml')} | 3 | feil |" in page


def test_new_pages_are_in_the_navigation_and_on_the_home_page(chain):
    """The browsing pages are in the menu and on the home page; the data quality pages are not."""
    _, out = chain
    organisations, _ = load_archive_config(CHAIN)
    nav = navigation(organisations)
    pages = [next(iter(entry.values())) for entry in nav if isinstance(entry, dict)]
    home = (out / "index.md").read_text(encoding="utf-8")
    for page in ("saksganger.md", "oppfolging.md", "personer/index.md", "kommuner/index.md", "emner.md", "om.md"):
        assert page in pages
        assert (out / page).is_file()
        assert f"(<{page}>)" in home
    # The data quality pages are for the secretaries (issue 13): out of the menu, linked from "Om arkivet".
    assert "datakvalitet.md" not in pages and (out / "datakvalitet.md").is_file()
    assert "(<datakvalitet.md>)" in (out / "om.md").read_text(encoding="utf-8")


def test_organisation_folders_cannot_take_the_sites_own_names(tmp_path):
    (tmp_path / "personer").mkdir()
    (tmp_path / "personer" / "organisation.yml").write_text("name: Personer\n")
    organisations, (problem,) = load_archive_config(tmp_path)
    assert organisations == [] and problem.path == "personer/" and "site's own" in problem.message
    assert load_archive_config(CHAIN)[1] == []


def test_each_finding_links_to_its_meeting_and_case(tmp_path):
    """A finding names file and line, and links to the meeting page the file became and to the case the
    line stands in (issue 13 point 9); an invented minutes file with a reference to a case not in the archive."""
    from generator.render import escape
    from generator.build import build

    body = tmp_path / "src" / "prove" / "utv"
    body.mkdir(parents=True)
    (body.parent / "organisation.yml").write_text("name: Prøveregionen\nshort_name: Prøve\n", encoding="utf-8")
    (body / "body.yml").write_text("name: Prøveutvalget\nshort_name: PU\n", encoding="utf-8")
    (body / "2022-05-02.txt").write_text(
        "Referat fra Prøveutvalget 2. mai 2022\n\nSted: Prøvehuset\n\nSak 1/22: Budsjett\n\nKonklusjon: Godkjent.\n\n"
        "Sak 2/22: Oppfølging av *sak* <3/19>\n\nOppfølging av sak 3/19.\n\nKonklusjon: Tatt til orientering.\n",
        encoding="utf-8")
    build(tmp_path / "src", tmp_path / "docs")
    page = (tmp_path / "docs/prove/utv/datakvalitet.md").read_text(encoding="utf-8")
    rows = [line for line in page.splitlines() if line.startswith("| prove/utv/2022-05-02.txt |")]
    assert rows, page
    title = escape.inline("Sak 2/22: Oppfølging av *sak* <3/19>")  # source text, escaped as everywhere
    assert "&lt;3/19&gt;" in title
    assert any(f"| [2022-05-02](<2022-05-02.md>) | [{title}](<2022-05-02.md#sak-2-22>) |" in row for row in rows), rows


def test_identical_findings_are_one_row_with_their_count():
    from generator.model import Archive
    from generator.model import Body, Organisation

    org = Organisation("org", "Org", "Org", bodies=(Body("b", "B", "B"),))
    same = Diagnostic("org/b/a.txt", 9, "info", "reference 'møtet 8. januar 2010' points to meeting 2010-01-08 "
                      "not in the archive", "unresolved-reference", "møtet 8. januar 2010")
    other_line = Diagnostic("org/b/a.txt", 10, "info", same.message, same.code, same.subject)
    page = quality_pages(_environment(), Archive([org], []), [same] * 5000 + [other_line])["org/b/datakvalitet.md"]
    rows = [line for line in page.splitlines() if line.startswith(f"| {escaped('org/b/a.txt')} |")]
    assert len(rows) == 2
    assert f"{escape.inline(same.subject)} (5000 ganger)" in rows[0]
    assert "ganger" not in rows[1]
    assert "(5001)" in page  # the section still counts every finding
