"""Hostile source files of every format, built by the tests themselves (no fixture can go stale).

Each builder takes the minutes as plain text lines and returns the bytes of a file in its format
that our reader turns back into those lines; ``docx``, ``odt`` and ``pdf`` are made with the
standard library and python-docx only, so no office suite is needed.
"""
from __future__ import annotations

import contextlib
import html
import io
import signal
import zipfile
from xml.sax.saxutils import escape


def docx(lines: list[str]) -> bytes:
    from docx import Document

    document = Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"')


def odt_content(body_xml: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODT_NS}>'
            f'<office:body><office:text>{body_xml}</office:text></office:body></office:document-content>')


def odt(lines: list[str] | None = None, content: str | None = None) -> bytes:
    """An OpenDocument text of ``lines`` (one paragraph each), or with ``content.xml`` as given."""
    if content is None:
        content = odt_content("".join(f"<text:p>{escape(line)}</text:p>" for line in lines or []))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def pdf(lines: list[str], javascript: str = "") -> bytes:
    """A one-page PDF with ``lines`` as a text layer (Helvetica, WinAnsi); ``javascript`` runs on open
    in a viewer that runs PDF JavaScript."""
    return pdf_pages([lines], javascript)


def pdf_pages(pages: list[list[str]], javascript: str = "", top: int = 800) -> bytes:
    """A PDF of A4 pages, each with its lines from ``top`` (points from the bottom) downwards."""
    action = f" /OpenAction << /S /JavaScript /JS ({_pdf_string(javascript)}) >>" if javascript else ""
    count = len(pages)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(count))
    objects = [
        f"<< /Type /Catalog /Pages 2 0 R{action} >>".encode(),
        f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, lines in enumerate(pages):
        stream = (f"BT /F1 11 Tf 14 TL 50 {top} Td " + " ".join(f"({_pdf_string(line)}) Tj T*" for line in lines)
                  + " ET").encode("cp1252")
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 3 0 R >> >> >>" % (5 + 2 * i))
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _pdf_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def html_page(lines: list[str], head: str = "", attributes: str = "") -> bytes:
    """An HTML page of ``lines`` (one paragraph each, escaped) with ``head`` and ``<body attributes>``
    as given (raw: that is where a hostile page puts its script)."""
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body {attributes}>{body}</body></html>"\
        .encode("utf-8")


def replace_member(package: bytes, name: str, content: bytes) -> bytes:
    """``package`` (a ZIP) with member ``name`` replaced by ``content``, deflated as tightly as zlib can."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            data = content if member.filename == name else source.read(member)
            target.writestr(member.filename, data, zipfile.ZIP_DEFLATED, compresslevel=9)
    return out.getvalue()


def docx_bomb(megabytes: int) -> bytes:
    """A small .docx whose document.xml unpacks to ``megabytes`` MB of paragraphs."""
    paragraph = b"<w:p><w:r><w:t>Sak 1/24 tekst</w:t></w:r></w:p>"
    return docx_body(paragraph * (megabytes * 1024 * 1024 // len(paragraph)))


def docx_body(body: bytes) -> bytes:
    """A .docx whose document body is the WordprocessingML ``body``."""
    xml = (b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
           b'wordprocessingml/2006/main"><w:body>' + body + b"</w:body></w:document>")
    return replace_member(docx(["Møte 19.01.2024"]), "word/document.xml", xml)


def odt_bomb(megabytes: int) -> bytes:
    paragraph = "<text:p>Sak 1/24 tekst</text:p>"
    return odt(content=odt_content(paragraph * (megabytes * 1024 * 1024 // len(paragraph))))


@contextlib.contextmanager
def hang_guard(seconds: float):
    """Fail the block with TimeoutError once ``seconds`` of wall time have passed: a guard against a
    hang only, set at ten times what the input is measured to take (tests/measure_hostile.py holds the
    speed bounds; a timed assertion would flake on a loaded machine). Main thread, Unix only."""
    def expired(signum, frame):
        raise TimeoutError(f"still running after {seconds} s: a hang, not slowness (bound: 1/10 of that)")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
