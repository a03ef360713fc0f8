"""Hostile source files of every format, built by the tests themselves (no fixture can go stale).

Each builder takes the minutes as plain text lines and returns the bytes of a file in its format
that our reader turns back into those lines; ``docx``, ``odt`` and ``pdf`` are made with the
standard library and python-docx only, so no office suite is needed.
"""
from __future__ import annotations

import html
import io
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
    stream = "BT /F1 11 Tf 14 TL 50 800 Td " + " ".join(
        f"({_pdf_string(line)}) Tj T*" for line in lines) + " ET"
    data = stream.encode("cp1252")
    action = f" /OpenAction << /S /JavaScript /JS ({_pdf_string(javascript)}) >>" if javascript else ""
    objects = [
        f"<< /Type /Catalog /Pages 2 0 R{action} >>".encode(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
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
