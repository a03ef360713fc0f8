"""Source readers for .docx, .pdf, .odt and .html against the seed minutes typeset in each format.

The fixtures in tests/fixtures/formats are made by make_fixtures.py (python-docx, then LibreOffice);
each seed NNN_<hash>.txt sits beside its .docx/.pdf/.odt/.html.
"""
from __future__ import annotations

import importlib
import io
import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest

from generator.errors import SourceError
from generator.read import read_source

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
SEEDS = sorted(p.stem for p in FIXTURES.glob("[0-9][0-9][0-9]_*.txt"))
FORMATS = ["docx", "pdf", "odt", "html"]
WORD = re.compile(r"[^\W\d_]{3,}")
HTML_TAG = re.compile(r"</?(p|td|tr|th|table|span|div|br|b|i|em|strong|li|ul|ol|html|body|font|o:p|h\d)\b[^>]*>",
                      re.IGNORECASE)

_cache: dict[Path, object] = {}


def read(path: Path):
    if path not in _cache:
        _cache[path] = read_source(path)
    return _cache[path]


def text_of(path: Path) -> str:
    return "\n".join(line.text for line in read(path).lines)


def lines_of(path: Path) -> list[str]:
    return [line.text for line in read(path).lines]


def seed_words(stem: str) -> list[str]:
    text = (FIXTURES / f"{stem}.txt").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\[bookmark:[^\]]*\]", " ", text)
    return [w.casefold() for w in WORD.findall(unicodedata.normalize("NFC", text))]


def fixture(stem: str, fmt: str) -> Path:
    return FIXTURES / f"{stem}.{fmt}"


def stem_of(prefix: str) -> str:
    return next(s for s in SEEDS if s.startswith(prefix))


def test_fixtures_present():
    assert len(SEEDS) == 5
    for stem in SEEDS:
        for fmt in FORMATS:
            assert fixture(stem, fmt).is_file(), f"missing {stem}.{fmt}: run make_fixtures.py"
    for path in FIXTURES.iterdir():
        assert path.stat().st_size < 200_000, f"{path.name} is too large for a fixture"


# ---------------------------------------------------------------- every seed, every format


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("stem", SEEDS)
def test_word_coverage(stem, fmt):
    have = {w.casefold() for w in WORD.findall(unicodedata.normalize("NFC", text_of(fixture(stem, fmt))))}
    words = seed_words(stem)
    missing = sorted({w for w in words if w not in have})
    coverage = sum(w in have for w in words) / len(words)
    assert coverage >= 0.99, f"{coverage:.3f}, missing: {missing[:20]}"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("stem", SEEDS)
def test_clean_output(stem, fmt):
    doc = read(fixture(stem, fmt))
    text = "\n".join(line.text for line in doc.lines)
    assert not HTML_TAG.search(text), HTML_TAG.search(text).group(0)
    assert "[bookmark" not in text and "_GoBack" not in text
    assert "&nbsp;" not in text and "&amp;" not in text
    assert [line.number for line in doc.lines] == list(range(1, len(doc.lines) + 1))
    assert doc.lines[0].text.strip() and doc.lines[-1].text.strip()
    assert doc.format == fmt
    assert not any(a.text == b.text == "" for a, b in zip(doc.lines, doc.lines[1:])), "double blank line"
    origins = {line.origin for line in doc.lines if line.text.strip()}
    if fmt in ("docx", "odt"):
        assert all(o and re.fullmatch(r"avsnitt \d+", o) for o in origins), origins
    elif fmt == "pdf":
        assert all(o and re.fullmatch(r"side \d+", o) for o in origins), origins
    else:
        assert origins == {None}


# ---------------------------------------------------------------- structure per seed


@pytest.mark.parametrize("fmt", FORMATS)
def test_case_table_rows_000(fmt):
    lines = lines_of(fixture(stem_of("000"), fmt))
    i = lines.index("\t34/23")
    assert lines[i + 1] == "\tReferat fra Kommunedirektørkollegiet 8. juni"
    assert lines[i + 2] == "Sak følger som vedlegg."
    assert "Konklusjon: Referatet vedtatt" in lines[i + 3:i + 5]
    assert lines[i - 1] == ""  # a blank line between rows
    assert "\tSaksnr." in lines and "\tOrienteringer" in lines
    assert "\t44/23" in lines and "\tEventuelt" in lines
    assert any(line.startswith("Konklusjon: Avventer behandling i KS") for line in lines)
    # page numbers ("1" .. "5" in the footer) are gone
    assert not any(re.fullmatch(r"\d", line) for line in lines)


@pytest.mark.parametrize("fmt", ["docx", "odt", "pdf"])
def test_case_table_bullets_000(fmt):
    lines = lines_of(fixture(stem_of("000"), fmt))
    bullets = [line for line in lines if line.startswith("- ")]
    assert bullets[0].startswith("- Kartlegge behov for felles kommunal innovasjon")
    assert len(bullets) == 3


@pytest.mark.parametrize("fmt", FORMATS)
def test_nested_table_once_001(fmt):
    path = fixture(stem_of("001"), fmt)
    text = text_of(path)
    lines = lines_of(path)
    assert text.count("17.12.2021") == 1
    assert text.count("08.01.2021") == 1
    assert "| Fredag | 08.01.2021 |" in lines
    i = lines.index("\t96/20")
    assert lines[i + 1] == "\tForslag til møtekalender 2021"
    assert "\tKonklusjon: Sondre sender ut møteinnkallinger til møtene." in lines
    assert "Sted:\tSkien kommune, Formannskapssalen" in lines or fmt == "pdf"
    assert any(re.match(r"Kommunedirektør i Bamble\tGeir H\. Bjelkemyr- Østvang", line) for line in lines)
    assert any(line.startswith("Rådmann i Porsgrunn\tPer Wold") for line in lines)


@pytest.mark.parametrize("fmt", FORMATS)
def test_nested_table_complete_001(fmt):
    """The calendar runs over a page break in the PDF: its two parts are joined into one table."""
    lines = lines_of(fixture(stem_of("001"), fmt))
    i = lines.index("| Fredag | 08.01.2021 |")
    assert lines[i - 2:i] == ["| | |", "| --- | --- |"]
    assert lines[i + 10] == "| Fredag | 17.12.2021 |"


@pytest.mark.parametrize("fmt", FORMATS)
def test_headings_tables_bullets_002(fmt):
    path = fixture(stem_of("002"), fmt)
    lines = lines_of(path)
    heading = "Sak 001/10: Referatsaker"
    if fmt == "pdf":
        assert heading in lines  # a PDF has no heading styles
    else:
        assert "# " + heading in lines
        assert "# Sak 010/10: Øvre Eiker – oppsigelse av innkjøpssamarbeid" in lines
    assert "| - Hans Henrik Thune/Rollag | - Rune Lødøen/Tinn |" in lines
    assert "| - Jan Erik Innvær/Regional koordinator | |" in lines
    assert "- Jan Sebjørnsen/Hjartdal" in lines
    assert "- Helge Granlund" in lines
    vedl = [line for line in lines if line.startswith("- ") and "091216 Henvendelse fra Likestillingssenteret –" in line]
    assert vedl and "til sak 002/10" in vedl[0]
    assert "Rådmannsutvalgets konklusjon 08.01.10 sak 001/10:" in lines
    # the page header and "Side N av M" footer of the PDF are gone
    assert not any(re.fullmatch(r"Side \d+ av \d+", line) for line in lines)
    assert sum("Kongsbergregionen – Rådmannsutvalget 8. januar 2010" in line for line in lines) == 0


def test_emphasis_002_docx():
    lines = lines_of(fixture(stem_of("002"), "docx"))
    assert "- **Vedl 1** 091216 Henvendelse fra Likestillingssenteret – *til sak 002/10*" in lines
    # a paragraph wholly bold or italic gets no markers
    assert "Rådmannsutvalgets konklusjon 08.01.10 sak 001/10:" in lines
    assert "«Avtalen kan sies opp av den enkelte kommune med ett års skriftlig varsel." in lines


@pytest.mark.parametrize("fmt", FORMATS)
def test_headings_nested_bullets_003(fmt):
    lines = lines_of(fixture(stem_of("003"), fmt))
    title = "Sak 14-22 Informasjons- og oppfølgingsaker"
    assert (title if fmt == "pdf" else "## " + title) in lines
    i = lines.index("- Utvikling av rollen som kommunedirektør")
    assert lines[i + 1] == "  - KS Konsulent avventes foreløpig."
    assert "  - Satsingsområder innen bærekraft, i tråd med bærekraftfylkets prioriteringer for 2022." in lines
    assert "- Samarbeidsavtalen signert." in lines
    j = lines.index("Deltakere")
    assert lines[j + 2:j + 4] == ["Berit Hannasvik", "Knut Haugen"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_numbered_items_004(fmt):
    lines = lines_of(fixture(stem_of("004"), fmt))
    for n, title in enumerate(["Referat", "Orienteringssaker", "Prosess vedr. strategiplan, handlingsplan og "
                               "budsjett 2015", "Videre arbeid med forslag til strategiplan",
                               "Informasjon, medvirkning og medbestemmelse", "Eventuelt/neste møte"], start=1):
        assert f"{n}. {title}" in lines
    assert "- Det berammes et ekstra møte i Kompetanseforum 14.10.2014." in lines
    assert any(re.sub(r"\*", "", line) == "Sted: Kongsbergregionen, Kirkegt. 4 Kongsberg" for line in lines)
    assert any(re.sub(r"\*", "", line) == "Kongsbergregionen: Halvor Rostad (PL)" for line in lines)
    urls = [line for line in lines if "http://www.ks.no/tema/" in line]
    assert urls and "ny-nasjonal-laringsplattform" in urls[0]


# ---------------------------------------------------------------- Word features


def test_docx_features():
    path = FIXTURES / "features.docx"
    doc = read(path)
    lines = [line.text for line in doc.lines]
    text = "\n".join(lines)
    assert lines[0] == "# Møtereferat arbeidsutvalget"
    assert "Møtet ble holdt i **Notodden** rådhus og varte til lunsj." in lines
    assert "Dato: 08.01.2010" in lines  # the field's shown result, not its code
    assert "Vedtaket ble enstemmig fattet." in lines  # tracked deletion and hidden text dropped
    assert "Saken ble drøftet." in lines
    for absent in ("Topptekst", "Kommentar", "DATE", "ikke", "skjult", "Side 1"):
        assert absent not in text
    assert lines[lines.index("Saker:") + 2:lines.index("Saker:") + 8] == [
        "1. Referat", "2. Orientering", "  a) Budsjett", "  b) Plan", "    i. Detalj", "3. Eventuelt"]
    assert "1. Første" in lines and "2. Andre" in lines
    assert ["| Navn | Rolle |", "| --- | --- |", "| Kari Nordmann | Leder |"] == \
        lines[lines.index("| Navn | Rolle |"):lines.index("| Navn | Rolle |") + 3]
    assert lines[-3:] == ["Fotnoter", "", "[1] Rådhuset, formannskapssalen."]
    assert doc.lines[-1].origin == "fotnote 1"
    assert doc.lines[0].origin == "avsnitt 1"


@pytest.mark.parametrize("fmt", ["odt", "html"])
def test_features_converted(fmt):
    lines = lines_of(FIXTURES / f"features.{fmt}")
    text = "\n".join(lines)
    assert lines[0] == "# Møtereferat arbeidsutvalget"
    assert "Møtet ble holdt i **Notodden** rådhus og varte til lunsj." in lines
    for absent in ("Topptekst", "Kommentar", "skjult"):
        assert absent not in text
    assert "1. Referat" in lines and "3. Eventuelt" in lines and "1. Første" in lines
    assert any(re.fullmatch(r"  [ab][.)] Budsjett", line) for line in lines)
    assert lines[-3:] == ["Fotnoter", "", "[1] Rådhuset, formannskapssalen."]


WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<meta http-equiv=Content-Type content="text/html; charset=windows-1252">
<style><!-- p.MsoNormal {margin:0cm} --></style><title>Referat</title></head>
<body lang=NO-BOK style='tab-interval:35.4pt'><div class=WordSection1>
<h1>Sak 12/24 Budsjett</h1>
<p class=MsoNormal>Sted:<span style='mso-tab-count:1'>&nbsp;&nbsp; </span>R&aring;dhuset<o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='font-family:Symbol'><span style='mso-list:Ignore'>&middot;<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;
</span></span></span><![endif]>F&oslash;rste punkt<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='margin-left:72.0pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span
style='font-family:"Courier New"'><span style='mso-list:Ignore'>o<span style='font:7.0pt "Times New Roman"'>&nbsp;
</span></span></span><![endif]>Underpunkt med <b>fet</b> tekst<a style='mso-footnote-id:ftn1' href="#_ftn1"
name="_ftnref1"><span class=MsoFootnoteReference>[1]</span></a><o:p></o:p></p>
<p class=MsoListParagraph style='mso-list:l1 level1 lfo2'><![if !supportLists]><span><span
style='mso-list:Ignore'>3.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;</span></span></span><![endif]>Tredje
sak</p>
<!-- a comment --><script>var x = "<p>nei</p>";</script>
<p class=MsoNormal style='display:none'>Skjult</p>
<table class=MsoTableGrid border=1><tr><td><p>Navn</p></td><td><p>Rolle&nbsp;|&nbsp;verv</p></td></tr>
<tr><td><p>Kari</p></td><td><p>Leder</p></td></tr></table>
<p>Konklusjon: &laquo;Vedtatt&raquo; &amp; sendt</p>
</div><div style='mso-element:footnote-list'><div style='mso-element:footnote' id=ftn1>
<p class=MsoFootnoteText><a style='mso-footnote-id:ftn1' href="#_ftnref1" name="_ftn1">[1]</a> Se vedlegg.</p>
</div></div></body></html>"""


def test_word_saved_html(tmp_path):
    path = tmp_path / "word.htm"
    path.write_bytes(WORD_HTML.encode("cp1252"))
    lines = [line.text for line in read_source(path).lines]
    assert lines == [
        "# Sak 12/24 Budsjett",
        "",
        "Sted:\tRådhuset",
        "",
        "- Første punkt",
        "  - Underpunkt med **fet** tekst",
        "",
        "3. Tredje sak",
        "",
        "| | |",
        "| --- | --- |",
        "| Navn | Rolle \\| verv |",
        "| Kari | Leder |",
        "",
        "Konklusjon: «Vedtatt» & sendt",
        "",
        "Fotnoter",
        "",
        "[1] Se vedlegg.",
    ]


def test_html_case_system_layout(tmp_path):
    """A case-handling export: divs, br-separated lines, a layout table with multi-line cells."""
    html = ("<html><body><div>Møte i <strong>Regionrådet</strong><br>Dato: 1.2.2024</div>"
            "<table><tr><th>Sak</th><th>Tittel</th></tr>"
            "<tr><td>1/24</td><td><div>Godkjenning</div><div>Vedtak: Godkjent</div></td></tr>"
            "<tr><td rowspan=2>2/24</td><td>Budsjett</td></tr><tr><td>Fortsettelse</td></tr></table>"
            "<ol start=4><li>Fire<ol type=a><li>Under</li></ol></li><li value=9>Ni</li></ol></body></html>")
    path = tmp_path / "sak.html"
    path.write_text(html, encoding="utf-8")
    lines = [line.text for line in read_source(path).lines]
    assert lines[:2] == ["Møte i **Regionrådet**", "Dato: 1.2.2024"]
    i = lines.index("\t1/24")
    assert lines[i + 1:i + 3] == ["\tGodkjenning", "Vedtak: Godkjent"]
    assert "\tFortsettelse" in lines
    assert lines[-3:] == ["4. Fire", "  a. Under", "9. Ni"]


# ---------------------------------------------------------------- PDF layout


def test_two_columns_read_in_order():
    """Each paragraph of the two-column document comes out whole and in order."""
    def norm(s):
        return re.sub(r"\s+", " ", re.sub(r"\s*-\s*", "-", s)).strip()

    pdf_text = norm(text_of(FIXTURES / "twocolumn.pdf"))
    paragraphs = [norm(line) for line in lines_of(FIXTURES / "twocolumn.docx") if len(line) > 200]
    assert len(paragraphs) >= 5
    position = 0
    for para in paragraphs[:-1]:  # the last one ends on page 2 below the columns
        found = pdf_text.find(para, position)
        assert found >= 0, para[:80]
        position = found + len(para)


def test_pdf_joins_wrapped_lines_and_hyphens():
    from generator.read.pdf import _join

    assert _join("utarbeidet av kommune-", "styret i mai") == "utarbeidet av kommunestyret i mai"
    assert _join("Helse-", "og omsorg") == "Helse- og omsorg"
    assert _join("i HR-", "nettverket") == "i HR-nettverket"
    assert _join("se http://www.ks.no/ny-", "nasjonal") == "se http://www.ks.no/ny-nasjonal"
    assert _join("Møtet", "startet") == "Møtet startet"
    lines = lines_of(fixture(stem_of("000"), "pdf"))
    assert any(line.startswith("Drøfting av kommunale planer for Grenlands kommunene. Skien, Kragerø og Bamble "
                               "kommuner har relativt nylig anskaffet/oppgradert sine system") for line in lines)


def test_pdf_page_furniture_removed():
    from generator.read.pdf import PAGE_NUMBER

    for text in ("Side 1 av 8", "- 3 -", "3", "Page 2 of 10", "2/8"):
        assert PAGE_NUMBER.match(text), text
    for text in ("Sak 3", "2010", "Side 1 av 8 sider med tekst"):
        assert not PAGE_NUMBER.match(text) or text == "2010"


# ---------------------------------------------------------------- failures


def test_corrupt_docx():
    with pytest.raises(SourceError) as err:
        read_source(FIXTURES / "corrupt.docx")
    assert "corrupt Word document" in err.value.message
    assert "corrupt.docx" in str(err.value)


def test_docx_without_document_part(tmp_path):
    path = tmp_path / "empty.docx"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'/>")
        zf.writestr("word/styles.xml", "<x/>")
    path.write_bytes(buf.getvalue())
    with pytest.raises(SourceError) as err:
        read_source(path)
    assert "corrupt Word document" in err.value.message and "empty.docx" in str(err.value)


def test_old_doc_named_docx(tmp_path):
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(SourceError, match="old Word .doc file"):
        read_source(path)


def test_corrupt_odt(tmp_path):
    path = tmp_path / "bad.odt"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(SourceError, match="corrupt OpenDocument file"):
        read_source(path)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    path.write_bytes(buf.getvalue())
    with pytest.raises(SourceError, match="content.xml is missing"):
        read_source(path)
    with zipfile.ZipFile(buf, "a") as zf:
        zf.writestr("content.xml", "<office:document-content")
    path.write_bytes(buf.getvalue())
    with pytest.raises(SourceError, match="malformed XML"):
        read_source(path)


def test_corrupt_pdf(tmp_path):
    path = tmp_path / "bad.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj <<>> garbage")
    with pytest.raises(SourceError) as err:
        read_source(path)
    assert "bad.pdf" in str(err.value)
    path.write_bytes(b"this is not a pdf at all")
    with pytest.raises(SourceError, match="corrupt PDF"):
        read_source(path)


def test_encrypted_pdf():
    with pytest.raises(SourceError) as err:
        read_source(FIXTURES / "encrypted.pdf")
    assert "encrypted" in err.value.message
    assert "encrypted.pdf" in str(err.value)


def test_scanned_pdf_without_tesseract(monkeypatch):
    real_which = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None if name == "tesseract" else real_which(name))
    with pytest.raises(SourceError) as err:
        read_source(FIXTURES / "scanned.pdf")
    assert "no text layer: needs OCR" in err.value.message
    assert "scanned.pdf" in str(err.value)


def _tesseract_nor() -> bool:
    if not shutil.which("tesseract"):
        return False
    out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True)
    return "nor" in (out.stdout + out.stderr).split()


@pytest.mark.skipif(not _tesseract_nor(), reason="tesseract with Norwegian data is not installed")
def test_scanned_pdf_ocr():
    doc = read_source(FIXTURES / "scanned.pdf")
    assert doc.lines[0].origin == "side 1 (OCR)"
    ocr = {w.casefold() for line in doc.lines for w in WORD.findall(line.text)}
    page1 = [line.text for line in read(fixture(stem_of("003"), "pdf")).lines if line.origin == "side 1"]
    words = [w.casefold() for text in page1 for w in WORD.findall(text)]
    assert sum(w in ocr for w in words) / len(words) >= 0.9
    assert any("Sak 14-22" in line.text for line in doc.lines)


# ---------------------------------------------------------------- end to end (needs the parser)


def _parse_document():
    try:
        module = importlib.import_module("generator.parse")
    except ImportError:
        return None
    return getattr(module, "parse_document", None)


def _norm(text) -> str:
    """Whitespace-normalised, without emphasis markers or spacing around hyphens (the scorer's view)."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFC", str(text)).replace("*", "")
    text = re.sub(r"\s*-\s*", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def _summary(meeting) -> dict:
    refs = set()
    for item in meeting.items:
        for ref in item.references:
            refs.add((item.key, ref.kind, ref.target))
    return {
        "date": meeting.date,
        "numbers": [item.number for item in meeting.items],
        "titles": [_norm(item.title) for item in meeting.items],
        "conclusions": [_norm(item.conclusion) for item in meeting.items],
        "attendees": sorted(_norm(a.name) for a in meeting.attendees),
        "references": sorted(refs, key=str),
    }


@pytest.mark.skipif(_parse_document() is None, reason="generator.parse.parse_document is not written yet")
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("stem", SEEDS)
def test_same_meeting_from_every_format(stem, fmt):
    parse_document = _parse_document()
    expected, _ = parse_document(read_source(FIXTURES / f"{stem}.txt"))
    got, _ = parse_document(read_source(fixture(stem, fmt)))
    assert _summary(got) == _summary(expected)


@pytest.mark.parametrize("fmt", FORMATS)
def test_damaged_files_fail_cleanly(fmt):
    """Truncated or scrambled files either read or raise SourceError, never a library exception."""
    import logging
    import random

    from generator.read import READERS

    module, function = READERS["." + fmt]
    reader = getattr(importlib.import_module(module), function)
    original = fixture(stem_of("003"), fmt).read_bytes()
    rng = random.Random(20240101)
    logging.disable(logging.CRITICAL)  # pdfminer logs every broken object
    try:
        for i in range(8 if fmt == "pdf" else 24):
            data = bytearray(original)
            if i % 3 == 0:
                data = data[: rng.randrange(len(data))]
            elif i % 3 == 1:
                for _ in range(rng.choice([1, 5, 50])):
                    data[rng.randrange(len(data))] = rng.randrange(256)
            else:
                start = rng.randrange(len(data))
                del data[start:start + rng.randrange(1, 400)]
            try:
                reader(bytes(data), f"damaged.{fmt}")
            except SourceError as exc:
                assert exc.path == f"damaged.{fmt}" and exc.message
    finally:
        logging.disable(logging.NOTSET)
