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
    module_name, function_name = READERS[suffix]
    reader = getattr(importlib.import_module(module_name), function_name)
    lines, front_matter, *warnings = reader(data, shown)  # a reader may add warnings about the file
    lines = [replace(line, text=without_controls(line.text)) if CONTROL.search(line.text) else line for line in lines]
    if not any(has_text(line.text) for line in lines):
        raise SourceError(shown, "no text found in file")
    return SourceDocument(
        path=shown,
        lines=tuple(lines),
        format=FORMAT_NAMES.get(suffix, suffix.lstrip(".")),
        sha256=hashlib.sha256(data).hexdigest(),
        front_matter=front_matter,
        warnings=tuple(warnings[0]) if warnings else (),
    )


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
