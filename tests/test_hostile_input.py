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

import hostile

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


# --- 5. impossible YAML timestamps, 6. deep nesting ------------------------------------------------

NESTED = "[" * 3000 + "]" * 3000


@pytest.mark.parametrize("relative, content, shown", [
    (f"{ORG}/utvalg/body.yml", "name: Utvalg\ndescription: 2020-02-30\n", None),
    (f"{ORG}/utvalg/body.yml", "name: Utvalg\nshort_name: 2024-01-19 25:00:00\n", None),
    (f"{ORG}/utvalg/body.yml", "name: Utvalg\ndescription: !!timestamp 2020-02-30\n", None),
    ("annen/organisation.yml", "name: Annen\nwebsite: 2020-02-30\n", None),
    ("people.yml", "split:\n  - spelling: Ola Nordmann\n    people:\n      - name: Ola\n        from: 2020-02-30\n", None),
    ("topics.yml", "topics:\n  - name: 2020-02-30\n    words: [2024-01-19 25:00:00]\n", None),
    (f"{ORG}/{BODY}/2024-01-25.md", "---\ndate: 2020-02-30\n---\n" + minutes("25.01.2024"),
     f"{ORG}/{BODY}/2024-01-25.md:2: error: front matter: 'date: 2020-02-30' is not a real date"),
], ids=["body-date", "body-datetime", "body-tagged", "organisation", "people", "topics", "front-matter"])
def test_an_impossible_yaml_date_does_not_stop_the_archive(tmp_path, relative, content, shown):
    if relative.startswith("annen/"):
        (tmp_path / "x").mkdir()
    src = archive(tmp_path, {relative: content})
    if relative.startswith("annen/"):
        (src / "annen" / "styre").mkdir()
        (src / "annen" / "styre" / "body.yml").write_text("name: Styret\n")
    result = run(src)
    if shown:
        assert result.reported(shown), result.check.stdout
    else:  # a date is text where the file wants text
        assert "error" not in result.check.stdout, result.check.stdout


@pytest.mark.parametrize("relative, shown", [
    (f"{ORG}/utvalg/body.yml", f"{ORG}/utvalg/body.yml:1: error: malformed YAML: nested more than 50 levels"),
    ("annen/organisation.yml", "annen/organisation.yml:1: error: malformed YAML: nested more than 50 levels"),
    ("people.yml", "people.yml:1: error: malformed YAML: nested more than 50 levels"),
    ("topics.yml", "topics.yml:1: error: malformed YAML: nested more than 50 levels"),
    (f"{ORG}/{BODY}/2024-01-25.md",
     f"{ORG}/{BODY}/2024-01-25.md:2: error: front matter: malformed YAML: nested more than 50 levels"),
], ids=["body", "organisation", "people", "topics", "front-matter"])
def test_deeply_nested_yaml_is_an_error_not_a_crash(tmp_path, relative, shown):
    content = f"---\nx: {NESTED}\n---\n" + minutes("25.01.2024") if relative.endswith(".md") else f"name: {NESTED}\n"
    result = run(archive(tmp_path, {relative: content}))
    assert result.reported(shown), result.check.stdout


# --- 4. control characters, 7. escaper recursion -------------------------------------------------

def test_control_characters_and_placeholder_marks_are_dropped(tmp_path):
    padding = "Tekst som fyller opp. " * 200  # past the 4 KB the binary check looks at
    text = minutes("26.01.2024", "Sak 2/24 Andre sak", padding, "Farlig *\x00e0\x00* og \x1b[31mrødt\x1b[0m slutt.")
    name = f"{ORG}/{BODY}/2024-01-26 \x1b[2J\x1b[31m.txt"
    result = run(archive(tmp_path, {name: text.encode("utf-8"), f"{ORG}/{BODY}/x.\x1b[31mdoc": b"x"}))
    page = (result.docs / ORG / BODY / "2024-01-26.md").read_text(encoding="utf-8")
    assert "Farlig" in page and "31mrødt" in page and "0m slutt." in page and "\x00" not in page and "\x1b" not in page
    for output in (result.check.stdout, result.build.stderr):
        assert "\x1b" not in output and "x.\\x1b[31mdoc" in output  # the terminal sees the escape, not a colour


def test_a_placeholder_that_holds_itself_is_filled_once():
    from generator.render.escape import inline

    assert "\x00" not in inline("*\x00e0\x00*" * 50 + " [x](https://example.org/)")


# --- 8. line breaks in names -----------------------------------------------------------------------

@pytest.mark.parametrize("relative, content, shown", [
    (f"{ORG}/utvalg/body.yml", 'name: Utvalg\nshort_name: "KDK\\nX"\n', f"{ORG}/utvalg/body.yml:2: error: key 'short_name'"),
    (f"{ORG}/utvalg/body.yml", 'name: "Utvalg\\r\\nBEGIN:VEVENT"\n', f"{ORG}/utvalg/body.yml:1: error: key 'name'"),
    (f"{ORG}/utvalg/body.yml", 'name: "Utvalg \\e[31m"\n', f"{ORG}/utvalg/body.yml:1: error: key 'name'"),
    (f"{ORG}/utvalg/body.yml", "name: ''\n", f"{ORG}/utvalg/body.yml:1: error: key 'name'"),
    ("annen/organisation.yml", 'name: "Annen\\nlinje"\n', "annen/organisation.yml:1: error: key 'name'"),
], ids=["short-name", "name-crlf", "name-escape", "name-empty", "organisation"])
def test_a_name_must_be_one_line(tmp_path, relative, content, shown):
    src = archive(tmp_path, {relative: content, f"{ORG}/utvalg/2024-01-27.txt": minutes("27.01.2024")})
    result = run(src)
    assert result.reported(shown), result.check.stdout
    assert result.check.returncode == 1


# --- 9. organisation folders named like the site's own ---------------------------------------------

@pytest.mark.parametrize("name", ["personer", "kommuner", "om", "saksganger", "oppfolging", "datakvalitet", "pagefind",
                                  "emner", "assets", "data"])
def test_an_organisation_folder_cannot_take_a_name_of_the_site(tmp_path, name):
    src = archive(tmp_path, {f"{name}/organisation.yml": "name: Kapret\n", f"{name}/styre/body.yml": "name: Styre\n",
                             f"{name}/styre/2024-01-28.txt": minutes("28.01.2024")})
    result = run(src)
    assert result.reported(f"{name}/:0: error: '{name}' is the name of one of the site's own"), result.check.stdout
    assert not (result.docs / name / "styre").exists()
    # listed under the editorial check ("... eller mappenavn"), not among the reading problems
    quality = (result.docs / "datakvalitet.md").read_text(encoding="utf-8")
    editorial = quality.split("{ #editorial }", 1)[1].split("\n## ", 1)[0]
    assert f"| {name}/ | 0 | feil |" in editorial and "Andre funn ved innlesing" not in quality


def test_every_top_level_name_the_site_writes_is_reserved(tmp_path):
    from generator.config import RESERVED_NAMES

    result = run(archive(tmp_path))
    top = {path.name.split(".")[0] for path in result.docs.iterdir()} - {ORG, ""}
    assert top and top <= RESERVED_NAMES, top - RESERVED_NAMES
    assert {"pagefind", "search", "sitemap", "404"} <= RESERVED_NAMES  # what MkDocs, Material and Pagefind write


# --- 10. unreadable files and folders --------------------------------------------------------------

def _unreadable(monkeypatch, *paths: Path) -> None:
    """Reading any of ``paths`` fails as it does for a file without read permission (the tests may run
    as root, who can read anything)."""
    import pathlib

    denied = {str(p) for p in paths}

    def guard(function):
        def guarded(path, *args, **kwargs):
            if str(path) in denied:
                raise PermissionError(13, "Permission denied", str(path))
            return function(path, *args, **kwargs)
        return guarded

    monkeypatch.setattr(pathlib.Path, "read_text", guard(pathlib.Path.read_text))
    monkeypatch.setattr(pathlib.Path, "read_bytes", guard(pathlib.Path.read_bytes))
    monkeypatch.setattr(os, "scandir", guard(os.scandir))
    monkeypatch.setattr(os, "listdir", guard(os.listdir))


@pytest.mark.parametrize("relative, shown", [
    (f"{ORG}/utvalg/body.yml", f"{ORG}/utvalg/body.yml:0: error: cannot read file: Permission denied"),
    ("annen/organisation.yml", "annen/organisation.yml:0: error: cannot read file: Permission denied"),
    ("annen", "annen/:0: error: cannot read folder: Permission denied"),
    (f"{ORG}/{BODY}/arkiv", f"{ORG}/{BODY}/arkiv/:0: error: cannot read folder: Permission denied"),
    (f"{ORG}/{BODY}/2024-01-29.txt", f"{ORG}/{BODY}/2024-01-29.txt:0: error: cannot read file: Permission denied"),
    ("people.yml", "people.yml:0: error: cannot read file: Permission denied"),
], ids=["body-yml", "organisation-yml", "organisation-folder", "body-subfolder", "minutes", "people"])
def test_an_unreadable_file_or_folder_is_reported(tmp_path, monkeypatch, capsys, relative, shown):
    from generator.build import build_command, check_command

    src = archive(tmp_path, {f"{ORG}/utvalg/body.yml": "name: Utvalg\n", "annen/organisation.yml": "name: Annen\n",
                             "annen/styre/body.yml": "name: Styre\n", f"{ORG}/{BODY}/arkiv/2024-01-30.txt":
                             minutes("30.01.2024"), f"{ORG}/{BODY}/2024-01-29.txt": minutes("29.01.2024"),
                             "people.yml": "merge: []\n"})
    _unreadable(monkeypatch, src / relative)
    assert check_command(src) == 1
    checked = capsys.readouterr().out
    build_command(src, tmp_path / "docs", jobs=1)
    built = capsys.readouterr().err
    assert shown in checked and shown in built, checked
    assert (tmp_path / "docs" / GOOD).is_file()


# --- 19. one rule for what is skipped -----------------------------------------------------------

def test_hidden_drafts_and_lock_files_are_skipped_and_listed(tmp_path):
    src = archive(tmp_path, {f"{ORG}/{BODY}/_utkast/2024-02-03.txt": minutes("03.02.2024"),
                             f"{ORG}/{BODY}/.skjult/2024-02-04.txt": minutes("04.02.2024"),
                             f"{ORG}/{BODY}/_2024-02-05.txt": minutes("05.02.2024"),
                             f"{ORG}/{BODY}/.2024-02-06.txt": minutes("06.02.2024"),
                             f"{ORG}/{BODY}/~$Referat.docx": b"\x00lock",
                             f"{ORG}/..kdk/body.yml": "name: Prikk\n",
                             "_kladd/organisation.yml": "name: Kladd\n",
                             f"{ORG}/{BODY}/arkiv/2024-02-07.txt": minutes("07.02.2024")})
    result = run(src)
    for skipped in (f"{ORG}/{BODY}/_utkast/", f"{ORG}/{BODY}/.skjult/", f"{ORG}/{BODY}/_2024-02-05.txt",
                    f"{ORG}/{BODY}/.2024-02-06.txt", f"{ORG}/{BODY}/~$Referat.docx", f"{ORG}/..kdk/", "_kladd/"):
        assert f"{skipped}:0: info: skipped: names starting with" in result.check.stdout, skipped
    assert result.check.returncode == 0, "skipping is not an error"
    built = sorted(p.name for p in (result.docs / ORG / BODY).glob("2024-*.md"))
    assert built == ["2024-01-19.md", "2024-02-07.md"]


# --- 13. zip bombs ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name, make, shown", [
    ("2024-02-10.docx", lambda: hostile.docx_bomb(50), "Word document: part 'word/document.xml' unpacks to 50 MB"),
    ("2024-02-11.odt", lambda: hostile.odt_bomb(50), "OpenDocument file: part 'content.xml' unpacks to 50 MB"),
    ("2024-02-12.docx", lambda: hostile.docx_bomb(15), "Word document: part 'word/document.xml' unpacks to 15 MB from"),
], ids=["docx", "odt", "docx-ratio"])
def test_a_zip_bomb_is_refused(tmp_path, name, make, shown):
    # refused before anything is inflated: the time is measured in tests/measure_hostile.py (docx-bomb-50mb)
    data = make()
    assert len(data) < 300_000, "a small file"
    src = archive(tmp_path, {f"{ORG}/{BODY}/{name}": data})
    result = run(src, timeout=100)  # a hang guard per process: ten times the 10 s bound
    assert result.reported(f"{ORG}/{BODY}/{name}:0: error: {shown}"), result.check.stdout


def test_a_document_within_the_limits_is_read():
    from generator.read.docx import read_docx

    # 3 MB of XML with text that varies as real minutes do (it packs about 15:1, not 300:1)
    body = b"".join(b"<w:p><w:r><w:t>Sak %d/24 tekst %d om %x</w:t></w:r></w:p>" % (i, i * 7919 % 100003, i * i)
                    for i in range(50_000))
    lines, _ = read_docx(hostile.docx_body(body), "x.docx")
    assert sum("/24 tekst" in line.text for line in lines) == 50_000


# --- 17. mixed encodings ------------------------------------------------------------------------------

def test_one_windows_1252_line_in_a_utf8_file_costs_that_line_only(tmp_path):
    text = minutes("31.01.2024", "Sak 2/24 Særskilt økonomi på Ås", "Linje fra et gammelt dokument: @@")
    data = text.encode("utf-8").replace(b"@@", "Kjøpt på Ærøy".encode("cp1252"))
    result = run(archive(tmp_path, {f"{ORG}/{BODY}/2024-01-31.txt": data}))
    page = (result.docs / ORG / BODY / "2024-01-31.md").read_text(encoding="utf-8")
    assert "Særskilt økonomi på Ås" in page and "Kjøpt på Ærøy" in page and "Ã" not in page
    line = text.splitlines().index("Linje fra et gammelt dokument: @@") + 1
    assert result.reported(f"{ORG}/{BODY}/2024-01-31.txt:{line}: warning: this line is not UTF-8"), result.check.stdout


def test_a_windows_1252_file_is_read_without_warnings(tmp_path):
    data = minutes("01.02.2024", "Sak 2/24 Særskilt økonomi på Ås").encode("cp1252")
    result = run(archive(tmp_path, {f"{ORG}/{BODY}/2024-02-01.txt": data}))
    assert "Særskilt økonomi på Ås" in (result.docs / ORG / BODY / "2024-02-01.md").read_text(encoding="utf-8")
    assert "not UTF-8" not in result.check.stdout


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-be", "utf-16"])
def test_utf32_and_utf16_with_bom(encoding):
    from generator.read.text import decode

    text = "Møte 19.01.2024 på Ærøy"
    data = (b"\x00\x00\xfe\xff" if encoding == "utf-32-be" else b"") + text.encode(encoding)
    assert decode(data, "x.txt") == text


# --- 15. one case per PDF page -------------------------------------------------------------------------

def test_a_case_heading_on_top_of_every_pdf_page_is_not_a_page_header():
    from generator.read.pdf import read_pdf

    pages = [["Referat KDK - side 1 av 5", "Sak 1/24", "Møte 19.01.2024", "Til stede: Ola Nordmann", "Tekst en."]]
    pages += [[f"Referat KDK - side {n} av 5", f"Sak {n}/24", f"Tekst nummer {n}."] for n in range(2, 6)]
    lines, _ = read_pdf(hostile.pdf_pages(pages, top=820), "x.pdf")
    text = [line.text.strip() for line in lines]
    assert [t for t in text if t.startswith("Sak ")] == [f"Sak {n}/24" for n in range(1, 6)]
    assert not any("Referat KDK" in t for t in text), "the real page header is still dropped"


# --- 21. the sitemap's build time -----------------------------------------------------------------

@pytest.mark.parametrize("epoch", [None, "1700000000"], ids=["newest-meeting", "SOURCE_DATE_EPOCH"])
def test_the_sitemap_carries_the_archive_date_not_the_build_time(tmp_path, epoch):
    import datetime
    import gzip
    import struct

    from conftest import copy_project, mkdocs_build

    work = copy_project(tmp_path)
    env = {"ARCHIVE_SEARCH": "0"}
    environment = dict(os.environ)
    environment.pop("SOURCE_DATE_EPOCH", None)
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        result = mkdocs_build(work, **env)
    assert result.returncode == 0, result.stderr[-3000:]
    newest = max(p.stem[:10] for p in (work / "minutes_src").glob("*/*/*.txt"))  # the sample's file names are dates
    # MkDocs stamps the newest page's date: midnight (UTC) of SOURCE_DATE_EPOCH's day
    expected = int(epoch) // 86400 * 86400 if epoch else \
        int(datetime.datetime.fromisoformat(newest + "T00:00:00+00:00").timestamp())
    packed = (work / "site" / "sitemap.xml.gz").read_bytes()
    assert struct.unpack("<I", packed[4:8])[0] == expected, "gzip header mtime"
    assert gzip.decompress(packed).decode() == (work / "site" / "sitemap.xml").read_text()


# --- 12. nested HTML ---------------------------------------------------------------------------------

def test_nested_html_is_read_without_a_search_per_element(monkeypatch):
    import bs4

    from generator.errors import SourceError
    from generator.read.html import read_html

    searches = []
    find = bs4.element.Tag.find
    monkeypatch.setattr(bs4.element.Tag, "find", lambda self, *a, **k: searches.append(1) or find(self, *a, **k))
    nested = lambda depth: ("<html><body>" + "<div>" * depth + "Sak 1/24 tekst" + "</div>" * depth).encode()  # noqa: E731
    read_html(nested(200), "x.html")
    assert len(searches) < 10, "no subtree search per element (bs4's tag.decomposed made one)"
    # the time is measured in tests/measure_hostile.py (html-nested-12000, html-nested-100000)
    with hostile.hang_guard(100), pytest.raises(SourceError, match="nested too deeply"):
        read_html(nested(12_000), "x.html")


# --- 20. a file of invisible characters ----------------------------------------------------------------

def test_a_file_of_only_unicode_spaces_is_not_a_meeting(tmp_path):
    blank = "\u00a0\u2003\u3000\u200b\ufeff\u2060\u2800\n\u202f \t\n".encode("utf-8")
    result = run(archive(tmp_path, {f"{ORG}/{BODY}/2024-02-08.txt": blank}))
    assert result.reported(f"{ORG}/{BODY}/2024-02-08.txt:0: error: no text found in file"), result.check.stdout
    assert not (result.docs / ORG / BODY / "2024-02-08.md").exists()


# --- 11. long case threads -----------------------------------------------------------------------------

def test_a_long_thread_is_not_repeated_whole_on_every_case(tmp_path):
    from generator.build import build

    cases = ["Sak 1/24 Start\nTekst.\nVedtak: Startet."]
    cases += [f"Sak {n}/24 Videre arbeid {n}\nOppfølging av sak {n - 1}/24.\nVedtak: Fulgt opp." for n in range(2, 401)]
    src = archive(tmp_path, {f"{ORG}/{BODY}/2024-03-01.txt": minutes("01.03.2024", *cases)})
    docs = tmp_path / "docs"
    result = build(src, docs, jobs=1)
    assert not result.errors
    page = (docs / ORG / BODY / "2024-03-01.md").read_text(encoding="utf-8")
    assert len(page) < 1_500_000, f"{len(page)} characters: the thread is repeated on every case"
    section = page[page.index("## Sak 200/24:"):page.index("## Sak 201/24:")]
    assert "- Steg 200: **" in section and "(denne saken)" in section
    assert "- Steg 197: [" in section and "- Steg 203: [" in section and "- Steg 196:" not in section
    assert "- Steg 1: [" in section and "- Steg 400: [" in section and section.count("- …") == 2
    thread_pages = list((docs / ORG / BODY / "saksgang").glob("*.md"))
    assert any("Videre arbeid 399" in p.read_text(encoding="utf-8") for p in thread_pages), "the thread page has all"


# --- 14. links per paragraph ---------------------------------------------------------------------------

def test_a_paragraph_links_at_most_a_bounded_number_of_references(tmp_path):
    import re

    from generator.build import build
    from generator.render.pages import MAX_LINKS_PER_PARAGRAPH

    cases = ["Sak 1/23 Første\nTekst.", "Sak 2/24 Mange henvisninger\n" + "sak 1/23 " * 5000 + "\n\nSe også sak 1/23."]
    src = archive(tmp_path, {f"{ORG}/{BODY}/2024-03-02.txt": minutes("02.03.2024", *cases)})
    build(src, tmp_path / "docs", jobs=1)
    page = (tmp_path / "docs" / ORG / BODY / "2024-03-02.md").read_text(encoding="utf-8")
    section = page[page.index("## Sak 2/24"):]
    text, listed = section.split("**Viser til:**")
    links = re.compile(r"\]\(<?[^)]*#sak-1-23>?\)")
    assert len(links.findall(text)) == MAX_LINKS_PER_PARAGRAPH + 1, "the cap, and the next paragraph links again"
    assert text.count("sak 1/23") >= 5000 - MAX_LINKS_PER_PARAGRAPH, "the rest is shown as text"
    listed = listed.split("\n\n**")[0]
    assert len(links.findall(listed)) == 1, "the list of references names each once"


def test_a_paragraph_of_more_case_numbers_than_are_read_is_reported_at_its_line(tmp_path):
    from generator.parse.references import MAX_CASE_REFERENCES_PER_PARAGRAPH as CAP

    cases = ["Sak 1/23 Første", "Sak 2/24 Mange\n" + "sak 1/23 " * (CAP + 50), "Sak 3/24 Nok\n" + "sak 1/23 " * CAP]
    text = minutes("03.03.2024", *cases)
    line = text.splitlines().index("sak 1/23 " * (CAP + 50)) + 1
    result = run(archive(tmp_path, {f"{ORG}/{BODY}/2024-03-03.txt": text}))
    shown = f"{ORG}/{BODY}/2024-03-03.txt:{line}: warning: this paragraph names {CAP + 50} case numbers; the first {CAP}"
    assert result.reported(shown), result.check.stdout
    assert result.check.stdout.count("case numbers; the first") == 1, "a paragraph at the cap is not reported"
    page = (result.docs / ORG / BODY / "2024-03-03.md").read_text(encoding="utf-8")
    section = page[page.index("## Sak 2/24"):page.index("## Sak 3/24")].split("**Viser til:**")[0]
    assert section.count("sak 1/23") == CAP + 50, "every case number is still shown"
    assert section.count("](") == CAP and section.count("sak 1/23 " * 49) == 1, "the rest as text"


def test_a_pdf_is_read_page_by_page_and_a_huge_one_refused(monkeypatch):
    import pdfplumber.page

    from generator.errors import SourceError
    from generator.read import pdf

    closed, seen = [], []
    close, words = pdfplumber.page.Page.close, pdf._page_words
    monkeypatch.setattr(pdfplumber.page.Page, "close", lambda page: closed.append(page.page_number) or close(page))
    monkeypatch.setattr(pdf, "_page_words", lambda page: seen.append(list(closed)) or words(page))
    pages = [[f"Sak {n}/24 Tittel", f"Tekst {n}."] for n in range(1, 6)]
    pdf.read_pdf(hostile.pdf_pages(pages), "x.pdf")
    assert seen == [[], [1], [1, 2], [1, 2, 3], [1, 2, 3, 4]], "each page's cached layout is dropped once it is read"
    monkeypatch.setattr(pdf, "MAX_PDF_PAGES", 4)
    with pytest.raises(SourceError, match="PDF has 5 pages \\(at most 4 are read\\)"):
        pdf.read_pdf(hostile.pdf_pages(pages), "x.pdf")


# --- make fuzz: the archives it saved --------------------------------------------------------------

SAVED_ARCHIVES = sorted((ROOT / "tests" / "fixtures" / "fuzz").glob("archive-*/src"))


@pytest.mark.parametrize("src", SAVED_ARCHIVES, ids=[p.parent.name for p in SAVED_ARCHIVES])
def test_saved_fuzz_archives_build(src):
    from fuzz_archive import check_archive

    check_archive({p.relative_to(src).as_posix(): p.read_bytes() for p in src.rglob("*") if p.is_file()})


def test_the_archive_fuzzer_finds_a_crash_when_there_is_one(monkeypatch):
    import random

    import fuzz_archive

    from generator import build

    files, _ = fuzz_archive.one_round(random.Random(3), fuzz_archive.seeds())
    fuzz_archive.check_archive(files)  # a round of the fuzzer builds cleanly
    clean = {path: text.encode() for path, text in fuzz_archive.METADATA.items()}
    clean[f"{fuzz_archive.ORG}/{fuzz_archive.BODY}/2024-01-19.txt"] = fuzz_archive.GOOD.encode()
    monkeypatch.setattr(build, "site_jobs", lambda *a, **k: 1 / 0)  # a build failure check cannot see
    with pytest.raises(AssertionError, match="build failed where check reported no error"):
        fuzz_archive.check_archive(clean)


# --- 20. names that share a slug -------------------------------------------------------------------

def test_two_municipalities_with_one_slug_get_two_pages(tmp_path):
    src = archive(tmp_path)
    (src / ORG / "organisation.yml").write_text("name: Grenlandssamarbeidet\nmunicipalities: [Ås, As, Skien]\n",
                                                encoding="utf-8")
    result = run(src)
    pages = sorted(p.name for p in (result.docs / "kommuner").glob("*.md"))
    assert pages == ["as-2.md", "as.md", "index.md", "skien.md"], pages
    titles = {(result.docs / "kommuner" / name).read_text(encoding="utf-8").split("\n# ", 1)[1].split("\n")[0]
              for name in ("as.md", "as-2.md")}
    assert titles == {"Ås", "As"}, titles


# --- 18 (the readers' part): what docx, odt and html dropped -------------------------------------------

def test_readers_keep_link_targets_entity_tails_and_deeply_nested_spans():
    import io

    from docx import Document
    from docx.oxml.shared import OxmlElement, qn

    from generator.read.docx import read_docx
    from generator.read.html import read_html
    from generator.read.odt import read_odt

    def text(lines):
        return " ".join(line.text for line in lines)

    html = b"<p>Se <a href='https://example.org/h'>nettsiden</a> og <a href='javascript:alert(1)'>denne</a>.</p>"
    assert "nettsiden (https://example.org/h) og denne." in text(read_html(html, "x.html")[0])
    odt = hostile.odt_content('<text:p xmlns:xlink="http://www.w3.org/1999/xlink">Se <text:a '
                              'xlink:href="https://example.org/o">nettsiden</text:a> og '
                              + "<text:span>" * 1500 + "dypt inne" + "</text:span>" * 1500 + " slutt</text:p>")
    assert "Se nettsiden (https://example.org/o) og dypt inne slutt" in text(read_odt(hostile.odt(content=odt), "x")[0])
    document = Document()
    paragraph = document.add_paragraph("Se ")
    rid = document.part.relate_to("https://example.org/d", "http://schemas.openxmlformats.org/officeDocument/2006/"
                                  "relationships/hyperlink", is_external=True)
    link, run, words = OxmlElement("w:hyperlink"), OxmlElement("w:r"), OxmlElement("w:t")
    link.set(qn("r:id"), rid)
    words.text = "nettsiden"
    run.append(words)
    link.append(run)
    paragraph._p.append(link)
    packed = io.BytesIO()
    document.save(packed)
    assert "Se nettsiden (https://example.org/d)" in text(read_docx(packed.getvalue(), "x.docx")[0])
    xml = ('<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE w:document [<!ENTITY firma "Firma AS">]><w:document '
           'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
           "Før &firma; og resten av avsnittet</w:t></w:r></w:p></w:body></w:document>").encode()
    entity = hostile.replace_member(hostile.docx(["x"]), "word/document.xml", xml)
    assert "og resten av avsnittet" in text(read_docx(entity, "x.docx")[0])


# --- 20. a case cited from another organisation's body ------------------------------------------------

def test_a_case_of_another_organisations_body_is_linked(tmp_path):
    src = archive(tmp_path, {
        f"{ORG}/{BODY}/2023-05-05.txt": minutes("05.05.2023", "Sak 34/23 Felles innkjøp\nTekst.\nVedtak: Vedtatt."),
        "kongsberg/organisation.yml": "name: Kongsbergregionen\nshort_name: Kongsberg\n",
        "kongsberg/ru/body.yml": "name: Rådmannsutvalget\nshort_name: RU\n",
        "kongsberg/ru/2024-02-02.txt": minutes("02.02.2024", "Sak 5/24 Innkjøp\nOppfølging av sak 34/23 i "
                                               "Kommunedirektørkollegiet i Grenland.\nVedtak: Tatt til orientering.")})
    result = run(src)
    page = (result.docs / "kongsberg" / "ru" / "2024-02-02.md").read_text(encoding="utf-8")
    assert "(<../../grenland/kdk/2023-05-05.md#sak-34-23>)" in page, page[page.index("Viser til"):][:600]
    assert not [line for line in result.check.stdout.splitlines() if "34/23" in line and "not in the archive" in line]


# --- 18 (the parser's part): a link's web address in a header field is kept -------------------------

def test_a_link_target_in_a_header_field_survives(tmp_path):
    text = ("Referat fra Kommunedirektørkollegiet\nMøte 05.02.2024\nSted: [Teams](https://example.org/mote-a1)\n"
            "Til stede: Ola Nordmann\n[Innkalling](https://example.org/innkalling-b2)\n\n"
            "Sak 1/24 Første sak\nTekst.\n")
    result = run(archive(tmp_path, {f"{ORG}/{BODY}/2024-02-05.md": text}))
    page = (result.docs / ORG / BODY / "2024-02-05.md").read_text(encoding="utf-8")
    for target in ("https://example.org/mote-a1", "https://example.org/innkalling-b2"):
        assert target in page, page[:1500]
