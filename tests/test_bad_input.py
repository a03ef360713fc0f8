"""Bad input: each case is a real file put next to the sample minutes, built with build().

Every test checks the message (file and line, as `check` prints it) and that the sample
meetings' pages are still built: one broken file never costs the rest of the archive.
"""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys

import pytest

import hostile

from conftest import ROOT, SAMPLE
from generator.build import build
from generator.model import SourceDocument
from generator.parse import parse_document
from generator.read import lines_from_text

FORMATS = ROOT / "tests" / "fixtures" / "formats"
SEED_PAGES = sorted(p.relative_to(SAMPLE).with_suffix(".md").as_posix() for p in SAMPLE.glob("*/*/*.txt"))
RUS = "kongsbergregionen/rus"
KDK = "grenland/kdk"


@pytest.fixture
def src(tmp_path):
    folder = tmp_path / "src"
    shutil.copytree(SAMPLE, folder)
    return folder


def run(src, files: dict[str, bytes | str]):
    """Add ``files`` (path relative to the source root -> content) and build into a docs folder beside it."""
    for relative, content in files.items():
        path = src / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    docs = src.parent / "docs"
    result = build(src, docs, jobs=1)
    for page in SEED_PAGES:
        assert (docs / page).is_file(), f"a sample page was lost: {page}"
    return result, docs


def messages(result, level: str | None = None) -> list[str]:
    return [str(d) for d in result.diagnostics if level is None or d.level == level]


def minutes(date: str, *items: str, header: str = "Referat fra Rådmannsutvalget") -> str:
    """A small minutes text: header, date line, attendees, then items."""
    return f"{header}\nMøte {date}\nTil stede: Ola Nordmann, Kari Nordmann\n\n" + "\n\n".join(items) + "\n"


# --- unreadable files -------------------------------------------------------------------

@pytest.mark.parametrize("content", [b"", b"  \n\n\t\r\n"], ids=["empty", "whitespace"])
def test_empty_file(src, content):
    result, docs = run(src, {f"{RUS}/tom.txt": content})
    assert f"{RUS}/tom.txt:0: error: file is empty" in messages(result)


def _jpeg() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.mark.parametrize("name, content, kind", [
    ("referat.txt", (FORMATS / "000_5a0232c1d29fe10d.docx").read_bytes(), "a ZIP container (a .docx, .odt or .xlsx?)"),
    ("referat-pdf.txt", (FORMATS / "000_5a0232c1d29fe10d.pdf").read_bytes(), "a PDF document"),
    ("bilde.txt", _jpeg(), "a JPEG image"),
    ("bilde.md", _jpeg(), "a JPEG image"),
], ids=["docx", "pdf", "jpeg", "jpeg-md"])
def test_binary_file_under_a_text_name(src, name, content, kind):
    result, docs = run(src, {f"{RUS}/{name}": content})
    assert f"{RUS}/{name}:0: error: binary file: this looks like {kind}, not text; save it with its own " \
           f"extension or as plain text" in messages(result)
    assert not any(m.source.endswith(name) for m in result.archive.meetings)


# --- encodings and line endings -----------------------------------------------------------

NORWEGIAN = minutes("15.03.2011", "Sak 21/11 Særutskrift fra Rådmannsutvalget – økonomi\nÅrsbudsjett for "
                                  "Øvre Eiker og Ås ble drøftet.\n"
                                  "Konklusjon: Rådmannsutvalget tar saken til orientering.")


@pytest.mark.parametrize("encoding, data", [
    ("windows-1252", NORWEGIAN.encode("cp1252")),
    ("iso-8859-1", NORWEGIAN.replace("–", "-").encode("latin-1")),
    ("utf-8-bom", NORWEGIAN.encode("utf-8-sig")),
    ("utf-16-le-bom", NORWEGIAN.encode("utf-16")),
    ("utf-16-be-bom", b"\xfe\xff" + NORWEGIAN.encode("utf-16-be")),
    ("utf-16-le-no-bom", NORWEGIAN.encode("utf-16-le")),
])
def test_norwegian_letters_survive_every_common_encoding(src, encoding, data):
    result, docs = run(src, {f"{RUS}/2011-03-15.txt": data})
    assert not messages(result, "error")
    page = (docs / RUS / "2011-03-15.md").read_text(encoding="utf-8")
    for word in ("Særutskrift", "Rådmannsutvalget", "Årsbudsjett", "Øvre", "Ås", "økonomi"):
        assert word in page, (encoding, word)
    assert not re.search("[ÃÂ]|\ufffd|\ufeff", page), "mojibake on the page"
    meeting = next(m for m in result.archive.meetings if m.id == f"{RUS}/2011-03-15")
    assert meeting.items[0].title.startswith("Særutskrift fra Rådmannsutvalget")
    assert meeting.items[0].conclusion == "Rådmannsutvalget tar saken til orientering."


def test_crlf_line_endings_give_the_same_page(src, tmp_path):
    seed = src / KDK / "2023-08-22.txt"
    lf = seed.read_bytes().replace(b"\r\n", b"\n")
    seed.write_bytes(lf)
    _, docs = run(src, {})
    expected = (docs / KDK / "2023-08-22.md").read_text(encoding="utf-8")
    seed.write_bytes(lf.replace(b"\n", b"\r\n"))
    result, docs = run(src, {})
    page = (docs / KDK / "2023-08-22.md").read_text(encoding="utf-8")
    assert "\r" not in page
    # Only the checksum of the original differs; every line number stays the same.
    without_sha = re.compile(r"SHA-256 `[0-9a-f]+`")
    assert without_sha.sub("", page) == without_sha.sub("", expected)


# --- dates ---------------------------------------------------------------------------------

def test_no_date_anywhere_is_an_error_naming_the_file(src):
    text = "Referat fra Rådmannsutvalget\nTil stede: Ola Nordmann\n\nSak 6/11 Økonomi\nTekst uten dato.\n"
    result, docs = run(src, {f"{RUS}/referat.txt": text})
    assert f"{RUS}/referat.txt:1: error: no meeting date found (write it near the top, e.g. 22.08.2023)" \
        in messages(result)
    assert len(result.archive.meetings) == len(SEED_PAGES)


def test_no_date_in_the_text_falls_back_to_the_file_name_with_a_warning(src):
    text = "Referat fra Rådmannsutvalget\nTil stede: Ola Nordmann\n\nSak 6/11 Økonomi\nTekst uten dato.\n"
    result, docs = run(src, {f"{RUS}/2011-02-03.txt": text})
    assert f"{RUS}/2011-02-03.txt:1: warning: no date in the text; using the file name's 2011-02-03" in messages(result)
    assert (docs / RUS / "2011-02-03.md").is_file()


def test_a_date_that_does_not_exist(src):
    text = "Referat fra Rådmannsutvalget\nMøte 31.02.2023\nTil stede: Ola Nordmann\n\nSak 7/23 Økonomi\nTekst.\n"
    result, docs = run(src, {f"{RUS}/februar.txt": text})
    assert f"{RUS}/februar.txt:2: error: the meeting date '31.02.2023' does not exist" in messages(result)
    assert not list((docs / RUS).glob("2023-*"))


def test_a_date_that_does_not_exist_next_to_a_real_one_is_a_warning(src):
    text = minutes("14.03.2023", "Sak 7/23 Økonomi\nTekst.",
                   header="Referat fra Rådmannsutvalget\nUtsatt fra 31.02.2023")
    result, docs = run(src, {f"{RUS}/mars.txt": text})
    assert f"{RUS}/mars.txt:2: warning: '31.02.2023' is not a real date; ignored" in messages(result)
    assert (docs / RUS / "2023-03-14.md").is_file()


# --- archive-wide rules ---------------------------------------------------------------------

def test_two_files_for_the_same_body_and_date_are_both_published(src):
    copy = (src / KDK / "2023-08-22.txt").read_bytes()
    result, docs = run(src, {f"{KDK}/2023-08-22 kopi.txt": copy})
    assert f"{KDK}/2023-08-22 kopi.txt:1: warning: same body and date as {KDK}/2023-08-22.txt; " \
           f"published as 2023-08-22-2" in messages(result)
    assert (docs / KDK / "2023-08-22.md").is_file() and (docs / KDK / "2023-08-22-2.md").is_file()
    # the original keeps its page; the copy's page names the copy as its source
    assert "2023-08-22 kopi.txt" in (docs / KDK / "2023-08-22-2.md").read_text(encoding="utf-8")
    assert "kopi" not in (docs / KDK / "2023-08-22.md").read_text(encoding="utf-8")


def test_the_same_case_number_twice_in_a_body(src):
    text = minutes("19.09.2023", "Sak 34/23 Nytt punkt med gammelt nummer\nTekst.\nKonklusjon: Tatt til orientering.")
    result, docs = run(src, {f"{KDK}/2023-09-19.txt": text})
    line = text.splitlines().index("Sak 34/23 Nytt punkt med gammelt nummer") + 1
    assert f"{KDK}/2023-09-19.txt:{line}: warning: case 34/23 appears more than once in {KDK} " \
           f"(also {KDK}/2023-08-22.txt)" in messages(result)
    assert (docs / KDK / "2023-09-19.md").is_file()


def test_a_case_referring_to_itself_is_not_a_link_to_itself(src):
    text = minutes("19.09.2023", "Sak 50/23 Budsjett\nOppfølging av sak 50/23 ble drøftet videre.\n"
                                 "Konklusjon: Saken følges opp.")
    result, docs = run(src, {f"{KDK}/2023-09-19.txt": text})
    meeting = next(m for m in result.archive.meetings if m.id == f"{KDK}/2023-09-19")
    item = meeting.items[0]
    assert not any(r.resolved and r.target_anchor == item.anchor for r in item.references)
    assert (meeting.id, item.anchor) not in result.archive.backlinks
    page = (docs / KDK / "2023-09-19.md").read_text(encoding="utf-8")
    assert "Oppfølging av sak 50/23 ble drøftet videre" in page.replace("\\", "")
    # the agenda links to the item; the item's own text does not
    assert not re.search(r"sak 50/23\]\(", page) and "Omtalt i" not in page
    assert not [m for m in messages(result, "error")]
    line = text.splitlines().index("Oppfølging av sak 50/23 ble drøftet videre.") + 1
    assert f"{KDK}/2023-09-19.txt:{line}: warning: case 50/23 refers to itself ('sak 50/23'); not linked" \
        in messages(result)


# --- size: parsing stays linear ----------------------------------------------------------------

def test_a_50_mb_file_is_refused_by_its_size_and_the_rest_is_built(src):
    seed = (SAMPLE / KDK / "2023-08-22.txt").read_text(encoding="utf-8")
    header, body = seed.split("\n", 3)[:3], seed.split("\n", 3)[3]
    repeated = "\n".join(header).replace("22.08.23", "19.09.23") + "\n" + body * (50_000_000 // len(body.encode()) + 1)
    with hostile.hang_guard(60):  # measured (tests/measure_hostile.py file-50mb): refused in 0.3 s
        result, docs = run(src, {f"{KDK}/stor.txt": repeated.encode("utf-8")})
    assert f"{KDK}/stor.txt:0: error: 50.0 MB of text, more than one source may hold (3 MB); split the file, " \
           "or publish the minutes without their appendices" in messages(result, "error")
    assert not (docs / KDK / "2023-09-19.md").exists()
    assert all((docs / page).is_file() for page in SEED_PAGES)


@pytest.mark.parametrize("suffix", [".docx", ".odt", ".pdf", ".html"])
def test_text_read_from_any_format_is_held_to_the_same_limit(monkeypatch, suffix):
    from generator import read
    fixture = next((ROOT / "tests" / "fixtures" / "formats").glob(f"*{suffix}"))
    whole = read.read_source(fixture, fixture.name)
    size = sum(len(line.text.encode()) + 1 for line in whole.lines)
    monkeypatch.setattr(read, "MAX_TEXT_BYTES", size - 1)
    with pytest.raises(read.SourceError, match=rf"^{re.escape(fixture.name)}:0: error: .* MB of text, more than"):
        read.read_source(fixture, fixture.name)
    monkeypatch.setattr(read, "MAX_TEXT_BYTES", size)
    assert read.read_source(fixture, fixture.name).lines == whole.lines


def test_a_file_with_one_2_mb_line_is_built(src):
    sentence = "Rådmannsutvalget drøftet saken om barnevernvakt, jf. sak 12/20 og møtet 8. januar 2010. "
    line = sentence * (2_000_000 // len(sentence.encode()) + 1)
    text = minutes("20.09.2023", "Sak 51/23 Lang linje\n" + line)
    with hostile.hang_guard(100):  # the time is measured in tests/measure_hostile.py (line-2mb-of-sentences)
        result, docs = run(src, {f"{KDK}/2023-09-20.txt": text})
    assert not messages(result, "error")
    assert (docs / KDK / "2023-09-20.md").stat().st_size > 2_000_000


# Lines that made a backtracking regex rescan the rest of the line from every position (found with
# a benchmark of adversarial lines; each was quadratic or worse before the regexes were rewritten).
ADVERSARIAL = {
    "spaces": lambda n: "Ola" + " " * n + "x",
    "dot leader": lambda n: "Innhold " + "." * n,
    "dot-space leader": lambda n: ". " * (n // 2),
    "whitespace with tabs": lambda n: "Innhold ." + " \t" * (n // 2) + "x",
    "attachments": lambda n: "Vedl 1 " * (n // 7),
    "brackets": lambda n: "[" * n,
    "month then spaces": lambda n: "8 januar" + " " * n + "x",
    "open table rows": lambda n: "<p><table>" + "<tr>" * (n // 4) + "</table>",
    "open parentheses": lambda n: "Ola (" * (n // 5),
    "bookmarks": lambda n: "[bookmark:" * (n // 10),
    "comments": lambda n: "<!--" * (n // 4),
    "dates": lambda n: "8. januar 2010 " * (n // 15),
    "colons": lambda n: "Leder: " * (n // 7),
    # shapes for the restore stage and the attendance and decision rules (issue 11)
    "flattened labels": lambda n: "Tid: kl 10 Stad: Rådhuset Forfall: Ola Dahl " * (n // 44),
    "flattened headings": lambda n: "Sak 12/23 Budsjett for året Teksten følger her. " * (n // 48),
    "bare case numbers": lambda n: "Tekst 12/23 Budsjett " * (n // 21),
    "capitalised words": lambda n: "Sak 1/23 " + "Ab Cd " * (n // 6),
    "sentences": lambda n: "Kari og Per. Frida hadde " * (n // 25),
    "deputies": lambda n: "Ola Dahl pva Kari Berg " * (n // 23),
    "decision sentences": lambda n: "Saken ble drøftet og " * (n // 21) + "vart godkjent",
}


def adversarial_document(line: str, where: str) -> SourceDocument:
    """Minutes with ``line`` among the attendees or in the text of their one item."""
    if where == "attendees":
        text = f"Referat\n22.08.2023\nTil stede:\n{line}\n\nSak 1/23 Test\nTekst\n"
    else:
        text = f"Referat\n22.08.2023\nTil stede: Ola Nordmann\n\nSak 1/23 Test\nTekst\n{line}\n"
    return SourceDocument("x.txt", tuple(lines_from_text(text)), "txt", "0")


@pytest.mark.parametrize("where", ["attendees", "item"])
@pytest.mark.parametrize("shape", sorted(ADVERSARIAL))
def test_an_adversarial_line_is_parsed(shape, where):
    # Linear time is measured, not asserted here: tests/measure_hostile.py parses each shape at 25,000
    # and 100,000 characters (about 4x apart; quadratic would be 16x). Measured under 1 s each.
    with hostile.hang_guard(30):
        meeting, _ = parse_document(adversarial_document(ADVERSARIAL[shape](100_000), where))
    assert meeting.date == "2023-08-22"
    assert "1/23" in [item.key for item in meeting.items], (shape, where)


# --- file names ------------------------------------------------------------------------------

@pytest.mark.parametrize("name, date", [
    ("møte i Rådmannsutvalget 2011-03-01.txt", "2011-03-01"),
    ("referat..2011-03-02.txt", "2011-03-02"),
    ("møte%2F..%2Fetc 2011-03-03 (kopi) [1].txt", "2011-03-03"),
])
def test_file_names_with_spaces_norwegian_letters_and_dots(src, tmp_path, name, date):
    day, month, year = date[8:], date[5:7], date[:4]
    result, docs = run(src, {f"{RUS}/{name}": minutes(f"{day}.{month}.{year}", "Sak 11/11 Navn\nTekst.")})
    assert not messages(result, "error")
    page = (docs / RUS / f"{date}.md").read_text(encoding="utf-8")
    assert f"(<kilde/{date}.txt>)" in page  # the original is published under the date, not its file name
    assert (docs / RUS / "kilde" / f"{date}.txt").is_file()
    written = {p.relative_to(tmp_path).parts[0] for p in tmp_path.rglob("*")}
    assert written == {"src", "docs"}, "nothing is written outside docs/"


# --- metadata --------------------------------------------------------------------------------

def test_malformed_body_yaml_names_file_and_line(src):
    seed = (SAMPLE / RUS / "2010-01-08.txt").read_bytes()
    result, docs = run(src, {"grenland/feil/body.yml": "name: [Feil\nshort_name: x\n",
                             "grenland/feil/2023-01-01.txt": seed})
    assert "grenland/feil/body.yml:2: error: malformed YAML: expected ',' or ']', but got ':'" in messages(result)
    assert not (docs / "grenland" / "feil").exists()


def test_unknown_key_in_body_yaml_names_file_line_and_key(src):
    result, docs = run(src, {"nordmore/ukjent/body.yml": "name: Ukjent\n# farge er ikke en nøkkel\nfarge: blå\n"})
    assert "nordmore/ukjent/body.yml:3: error: unknown key 'farge' (known keys: aliases, description, name, " \
           "records_decisions, short_name)" in messages(result)


def test_broken_organisation_yaml_skips_only_that_organisation(src):
    path = src / "nordmore" / "organisation.yml"
    path.write_text(path.read_text(encoding="utf-8") + "nettside: https://example.org\n", encoding="utf-8")
    line = len(path.read_text(encoding="utf-8").splitlines())
    docs = src.parent / "docs"
    result = build(src, docs, jobs=1)
    assert f"nordmore/organisation.yml:{line}: error: unknown key 'nettside'" in " ".join(messages(result))
    for page in SEED_PAGES:
        assert (docs / page).is_file() != page.startswith("nordmore/")


def test_body_folder_without_metadata_file(src):
    seed = (SAMPLE / RUS / "2010-01-08.txt").read_bytes()
    result, docs = run(src, {"grenland/nytt/2023-01-01.txt": seed})
    assert "grenland/nytt/body.yml:0: error: body folder 'nytt' has no body.yml (needs at least 'name:')" \
        in messages(result)


# --- normal build, --strict, check and the quality page -------------------------------------------

def cli(*args):
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=ROOT, capture_output=True, text=True)


def test_a_broken_file_is_skipped_listed_and_fails_strict_and_check(src):
    (src / RUS / "tom.txt").write_bytes(b"")
    docs = src.parent / "docs"
    normal = cli("build", "--src", str(src), "--out", str(docs))
    assert normal.returncode == 0, normal.stderr
    assert f"{RUS}/tom.txt:0: error: file is empty" in normal.stderr
    for page in SEED_PAGES:
        assert (docs / page).is_file()
    quality = (docs / RUS / "datakvalitet.md").read_text(encoding="utf-8")  # the body's quality page
    assert "kongsbergregionen/rus/tom.txt | 0 | feil | file is empty" in quality
    assert f"(<{RUS}/datakvalitet.md#andre>) | 1 |" in (docs / "datakvalitet.md").read_text(encoding="utf-8")

    strict = cli("build", "--strict", "--src", str(src), "--out", str(docs))
    assert strict.returncode == 1

    check = cli("check", "--src", str(src))
    assert check.returncode == 1
    assert f"{RUS}/tom.txt:0: error: file is empty" in check.stdout.splitlines()


def test_check_on_the_sample_archive_exits_0():
    result = cli("check", "--src", "minutes_src")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not [line for line in result.stdout.splitlines() if ": error: " in line]
    for line in result.stdout.splitlines():
        assert re.match(r"^[^:]+:\d+: (error|warning|info): ", line), line
