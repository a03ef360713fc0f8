"""Stage 1: read a source file into text lines (the parser's intermediate form).

Every reader returns a :class:`~generator.model.SourceDocument` whose lines are plain
minutes text: Markdown headings (``#``) where the format knows a heading, ``- `` bullets,
``1. `` numbered lists, pipe tables for simple tables, and for tables whose cells hold
several paragraphs the "table export" form Word's own text export uses (each row starts
with its cells' first paragraphs on tab-indented lines; further paragraphs follow
unindented; a blank line between rows).

Readers are registered by file extension in ``READERS``; each lives in its own module and
is imported only when a file of its kind is read.
"""
from __future__ import annotations

import hashlib
import importlib
import re
import unicodedata
from dataclasses import replace
from pathlib import Path

from ..errors import SourceError
from ..model import Line, SourceDocument

# extension -> (module, function). The function takes (data: bytes, display_path: str)
# and returns (lines: list[Line], front_matter: dict).
READERS: dict[str, tuple[str, str]] = {
    ".txt": ("generator.read.text", "read_text"),
    ".text": ("generator.read.text", "read_text"),
    ".md": ("generator.read.text", "read_text"),  # YAML front matter is handled by the parser
    ".markdown": ("generator.read.text", "read_text"),
    ".docx": ("generator.read.docx", "read_docx"),
    ".odt": ("generator.read.odt", "read_odt"),
    ".pdf": ("generator.read.pdf", "read_pdf"),
    ".html": ("generator.read.html", "read_html"),
    ".htm": ("generator.read.html", "read_html"),
}

SOURCE_EXTENSIONS = frozenset(READERS)

# The most text one source may hold. The longest real minutes with their appendices are a few hundred
# KB of text (3 MB is about 1,200 pages of dense print). A 50 MB file built in 100 s and 1.2 GB, over
# the archive's bound of 10 s and 1 GB per file; 2.9 MB builds in 6.9 s and 117 MB
# (tests/measure_hostile.py file-50mb file-2.9mb). A larger file is refused, naming its size.
MAX_TEXT_BYTES = 3_000_000
TEXT_FORMATS = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm"})
FORMAT_NAMES = {".htm": "html", ".text": "txt", ".markdown": "md"}


def read_source(path: Path, display_path: str | None = None) -> SourceDocument:
    """Read ``path`` with the reader for its extension; raise SourceError naming the file."""
    shown = display_path or str(path)
    suffix = path.suffix.lower()
    if suffix not in READERS:
        raise SourceError(shown, f"unknown source format '{suffix or path.name}' "
                                 f"(known: {', '.join(sorted(READERS))})")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(shown, f"cannot read file: {exc.strerror}") from exc
    if not data.strip():
        raise SourceError(shown, "file is empty")
    if suffix in TEXT_FORMATS and len(data) > MAX_TEXT_BYTES * 4:  # more than any encoding of the limit
        raise too_large(shown, len(data))
    module_name, function_name = READERS[suffix]
    reader = getattr(importlib.import_module(module_name), function_name)
    lines, front_matter, *warnings = reader(data, shown)  # a reader may add warnings about the file
    lines = [replace(line, text=without_controls(line.text)) if CONTROL.search(line.text) else line for line in lines]
    if not any(has_text(line.text) for line in lines):
        raise SourceError(shown, "no text found in file")
    text_bytes = sum(len(line.text.encode("utf-8", "surrogatepass")) + 1 for line in lines)
    if text_bytes > MAX_TEXT_BYTES:
        raise too_large(shown, text_bytes)
    return SourceDocument(
        path=shown,
        lines=tuple(lines),
        format=FORMAT_NAMES.get(suffix, suffix.lstrip(".")),
        sha256=hashlib.sha256(data).hexdigest(),
        front_matter=front_matter,
        warnings=tuple(warnings[0]) if warnings else (),
    )


def too_large(shown: str, size: int) -> SourceError:
    return SourceError(shown, f"{size / 1e6:.1f} MB of text, more than one source may hold "
                              f"({MAX_TEXT_BYTES / 1e6:.0f} MB); split the file, or publish the minutes "
                              "without their appendices")


# Control characters other than tab: never text in minutes. NUL is the escaper's placeholder mark
# (source text holding "\x00e0\x00" sent it into endless recursion), and ESC sequences reached
# pages and terminals. Vertical tab and form feed (Word's line and page breaks) become spaces.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def without_controls(text: str) -> str:
    return CONTROL.sub(lambda m: " " if m.group() in "\x0b\x0c" else "", text)


def has_text(text: str) -> bool:
    """Whether ``text`` shows anything: not only spaces of any kind and invisible format characters
    (zero-width space, BOM, word joiner), which ``str.strip`` keeps."""
    return any(not char.isspace() and unicodedata.category(char) not in ("Cf", "Zs", "Cc") and char != "\u2800"
               and char != "\u3164" for char in text.strip())


def lines_from_text(text: str) -> list[Line]:
    """Split decoded text into numbered lines (universal newlines, trailing whitespace kept)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [Line(number, raw) for number, raw in enumerate(text.split("\n"), start=1)]
