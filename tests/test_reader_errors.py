"""Readers catch only their libraries' errors (issue 16).

A damaged file (what zipfile, lxml, python-docx, pdfplumber/pdfminer or BeautifulSoup raise for it)
is a SourceError naming the file; a bug in our own code is not: read_source lets it through, and
the build reports it as an "internal error" with its type and the line of our code it came from,
building the rest of the archive.
"""
from __future__ import annotations

import io
import logging
import re
import shutil
import zipfile

import pytest

from conftest import ROOT

from generator import cli
from generator.build import build
from generator.errors import SourceError
from generator.read import read_source

FORMATS = ROOT / "tests" / "fixtures" / "formats"
SEED = "000_5a0232c1d29fe10d"  # a real meeting in every format
ORG, BODY = "grenland", "kdk"
GOOD = "Referat fra Kommunedirektørkollegiet\nMøte 19.01.2024\nTil stede: Ola Nordmann\n\nSak 1/24 Sak\nVedtak: Vedtatt.\n"


@pytest.fixture(autouse=True)
def quiet_pdfminer():
    logging.disable(logging.CRITICAL)  # pdfminer logs every broken object
    yield
    logging.disable(logging.NOTSET)


def seed(fmt: str) -> bytes:
    return (FORMATS / f"{SEED}.{fmt}").read_bytes()


def with_member(package: bytes, name: str, content: bytes) -> bytes:
    """The ZIP package with member ``name`` replaced by ``content`` (a valid ZIP around bad XML)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            target.writestr(member.filename, content if member.filename == name else source.read(member))
    return out.getvalue()


def with_bad_crc(package: bytes) -> bytes:
    """The package with one byte of a stored member changed: the ZIP directory is intact, the CRC fails."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for member in source.infolist():
            target.writestr(member.filename, source.read(member))
    data = bytearray(out.getvalue())
    at = data.index(b"<w:body>" if b"<w:body>" in data else b"<office:body>")
    data[at + 1] ^= 0x20
    return bytes(data)


def with_encrypted_flag(package: bytes) -> bytes:
    """The package with every member marked encrypted in the central directory (zipfile: RuntimeError)."""
    data = bytearray(package)
    at = data.find(b"PK\x01\x02")
    while at != -1:
        data[at + 8] |= 1
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


def broken_xref(pdf: bytes) -> bytes:
    """The PDF with its cross-reference table and the pointer to it spoilt ("xref", "startxref")."""
    return pdf.replace(b"xref", b"xrex")


def with_media_box(pdf: bytes, replacement: bytes) -> bytes:
    """The PDF with its page's /MediaBox entry replaced (pdfplumber sets a page up from it)."""
    return re.sub(rb"/MediaBox\s*\[[^\]]*\]", replacement, pdf, count=1)


W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def wrong_xref_offset(pdf: bytes) -> bytes:
    at = pdf.rindex(b"startxref")
    return pdf[:at] + b"startxref\n999999999\n%%EOF\n"


DAMAGED = {
    "truncated.docx": lambda: seed("docx")[: len(seed("docx")) // 2],
    "bad-xml.docx": lambda: with_member(seed("docx"), "word/document.xml", b"<w:document><w:body>"),
    "bad-styles.docx": lambda: with_member(seed("docx"), "word/styles.xml", b"<w:styles"),
    "bad-crc.docx": lambda: with_bad_crc(seed("docx")),
    "no-body.docx": lambda: with_member(seed("docx"), "word/document.xml", b"<w:document " + W + b"/>"),
    "other-root.docx": lambda: with_member(seed("docx"), "word/document.xml", b"<w:foo " + W + b"><w:body/></w:foo>"),
    "encrypted-member.docx": lambda: with_encrypted_flag(seed("docx")),
    "truncated.odt": lambda: seed("odt")[: len(seed("odt")) // 2],
    "bad-xml.odt": lambda: with_member(seed("odt"), "content.xml", b"<office:document-content>"),
    "bad-crc.odt": lambda: with_bad_crc(seed("odt")),
    "garbage.pdf": lambda: b"%PDF-1.4\n" + bytes(range(256)) * 20,
    "broken-xref.pdf": lambda: broken_xref(seed("pdf")),
    "truncated.pdf": lambda: seed("pdf")[: len(seed("pdf")) // 3],
    "no-media-box.pdf": lambda: seed("pdf").replace(b"/MediaBox", b"/MediaBoz"),
    "short-media-box.pdf": lambda: with_media_box(seed("pdf"), b"/MediaBox [0 0 595]"),
    "rotate-not-a-number.pdf": lambda: with_media_box(seed("pdf"), b"/MediaBox [0 0 595 842] /Rotate (x)"),
    "nested.html": lambda: b"<div>" * 5000 + b"Sak 1/24",
}


@pytest.mark.parametrize("name", sorted(DAMAGED))
def test_a_damaged_file_is_a_source_error_naming_it(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(DAMAGED[name]())
    with pytest.raises(SourceError) as error:
        read_source(path, f"{ORG}/{BODY}/{name}")
    assert error.value.path == f"{ORG}/{BODY}/{name}"
    assert re.search(r"corrupt|damaged|malformed|nested too deeply", error.value.message), error.value.message


def test_a_pdf_whose_xref_offset_is_wrong_is_still_read(tmp_path):
    """pdfminer finds the objects by scanning when the offset is wrong: not every flaw is a damaged file."""
    path = tmp_path / "offset.pdf"
    path.write_bytes(wrong_xref_offset(seed("pdf")))
    assert read_source(path).lines == read_source(FORMATS / f"{SEED}.pdf").lines


def test_html_the_parser_rejects_is_a_source_error(tmp_path, monkeypatch):
    """BeautifulSoup rejects markup when every encoding it tries fails (lxml takes nearly anything,
    so no file here makes it): its ParserRejectedMarkup is a damaged file."""
    from bs4.exceptions import ParserRejectedMarkup

    from generator.read import html

    def rejecting(*args, **kwargs):
        raise ParserRejectedMarkup("The markup you provided was rejected by the parser.")

    monkeypatch.setattr(html, "BeautifulSoup", rejecting)
    path = tmp_path / "rejected.html"
    path.write_bytes(seed("html"))
    with pytest.raises(SourceError, match="cannot parse HTML: ParserRejectedMarkup") as error:
        read_source(path, "rejected.html")
    assert error.value.path == "rejected.html"


# One helper of each reader's own code, and the module it lives in.
OWN_CODE = {
    "docx": ("generator.read.docx", "_notes"),
    "odt": ("generator.read.odt", "_ws"),
    "pdf": ("generator.read.pdf", "build_lines"),
    "html": ("generator.read.html", "_take_notes"),
}


def break_own_code(monkeypatch, fmt: str) -> None:
    import importlib

    module, helper = OWN_CODE[fmt]

    def buggy(*args, **kwargs):
        raise TypeError("a bug in our own code")

    monkeypatch.setattr(importlib.import_module(module), helper, buggy)


@pytest.mark.parametrize("fmt", sorted(OWN_CODE))
def test_a_bug_in_a_reader_is_not_a_damaged_file(tmp_path, monkeypatch, fmt):
    path = tmp_path / f"{SEED}.{fmt}"
    path.write_bytes(seed(fmt))
    read_source(path)  # the file itself is fine
    break_own_code(monkeypatch, fmt)
    with pytest.raises(TypeError, match="a bug in our own code"):
        read_source(path)


@pytest.mark.parametrize("fmt", sorted(OWN_CODE))
def test_the_build_reports_a_reader_bug_as_internal_error_with_its_place(tmp_path, monkeypatch, fmt):
    src = tmp_path / "src"
    body = src / ORG / BODY
    body.mkdir(parents=True)
    (src / ORG / "organisation.yml").write_text("name: Grenlandssamarbeidet\nshort_name: Grenland\n", encoding="utf-8")
    (body / "body.yml").write_text("name: Kommunedirektørkollegiet\nshort_name: KDK\n", encoding="utf-8")
    (body / "2024-01-19.txt").write_text(GOOD, encoding="utf-8")
    shutil.copy(FORMATS / f"{SEED}.{fmt}", body / f"2024-02-01.{fmt}")
    break_own_code(monkeypatch, fmt)
    result = build(src, tmp_path / "docs", jobs=1)
    (internal,) = [d for d in result.diagnostics if "internal error" in d.message]
    assert internal.path == f"{ORG}/{BODY}/2024-02-01.{fmt}" and internal.level == "error"
    module = OWN_CODE[fmt][0].replace(".", "/")
    assert re.search(rf"TypeError: a bug in our own code at {module}\.py:\d+\)", internal.message), internal.message
    assert [m.source for m in result.archive.meetings] == [f"{ORG}/{BODY}/2024-01-19.txt"]
    assert (tmp_path / "docs" / ORG / BODY / "2024-01-19.md").is_file()


def test_parse_on_the_command_line_lets_a_bug_through(tmp_path, monkeypatch):
    """``python -m generator parse FILE`` is where a developer looks at one file: the traceback stays."""
    path = tmp_path / f"{SEED}.docx"
    path.write_bytes(seed("docx"))
    break_own_code(monkeypatch, "docx")
    with pytest.raises(TypeError, match="a bug in our own code"):
        cli.main(["parse", str(path), "--source-root", str(tmp_path)])


# --- numbers in a file's markup are not trusted (found while narrowing the readers' catches) ----------

def features(fmt: str) -> bytes:
    return (FORMATS / f"features.{fmt}").read_bytes()


def edited(package: bytes, name: str, old: bytes, new: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        content = source.read(name)
    assert old in content
    return with_member(package, name, content.replace(old, new, 1))


@pytest.mark.parametrize("value", ["x", "²", "9" * 5000, "-1"])
@pytest.mark.parametrize("part", ["word/document.xml", "word/numbering.xml"])
def test_a_list_level_that_is_no_number_reads_as_the_first(tmp_path, part, value):
    """int() failed on all but the last (ValueError in our code, the whole file lost)."""
    old = b'<w:ilvl w:val="0"/>' if part == "word/document.xml" else b'w:ilvl="0"'
    new = old.replace(b'"0"', f'"{value}"'.encode())
    path = tmp_path / "levels.docx"
    path.write_bytes(edited(features("docx"), part, old, new))
    assert read_source(path).lines[0] == read_source(FORMATS / "features.docx").lines[0]


def text_size(path) -> int:
    return sum(len(line.text) for line in read_source(path).lines)


@pytest.mark.parametrize("fmt, part, old, new", [
    ("docx", "word/document.xml", b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="20000000"/>'),
    ("odt", "content.xml", b"<table:table-cell ", b'<table:table-cell table:number-columns-spanned="20000000" '),
])
def test_a_huge_span_is_capped(tmp_path, fmt, part, old, new):
    """A 20,000,000-column span took 42 s (docx) and 61 s (odt) and 2.2 GB (200,000 columns: 2.4 MB of text)."""
    path = tmp_path / f"huge.{fmt}"
    path.write_bytes(edited(features(fmt), part, old, new))
    assert text_size(path) < text_size(FORMATS / f"features.{fmt}") + 2000


@pytest.mark.parametrize("kind", ["a", "A", "i", "I"])
def test_a_list_numbered_in_letters_from_a_huge_start_is_numbered_in_digits(tmp_path, kind):
    """20 items from 999,999,999 in letters made 770 MB of text; in roman numerals they ran for minutes."""
    path = tmp_path / "list.html"
    path.write_text(f'<p>Sak 1/24</p><ol type="{kind}" start="999999999">' + "<li>punkt</li>" * 20 + "</ol>")
    lines = [line.text for line in read_source(path).lines if "punkt" in line.text]
    assert lines[0] == "999999999. punkt" and lines[-1] == "1000000018. punkt"
