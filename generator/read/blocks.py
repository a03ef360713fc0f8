"""Structured blocks shared by the docx, odt and html readers, and their rendering to text lines.

A reader turns its format into a list of blocks (paragraphs, headings, list items, tables);
:func:`render` turns the blocks into the intermediate text form described in
``generator/read/__init__.py``:

* paragraphs as lines with a blank line between paragraphs (a manual line break inside a
  paragraph gives a new line without a blank line);
* headings as ``#`` .. ``######``;
* list items as ``- text`` / ``1. text``, two spaces of indent per nesting level, no blank
  line between the items of one list;
* simple tables (every cell one line) as Markdown pipe tables;
* other tables in Word's text-export form: per row, each non-empty cell's first paragraph on
  a line starting with a TAB, its further paragraphs on the following lines unindented, a
  blank line between rows; a table nested in a cell is emitted there once as a pipe table;
* footnotes at the end under a line ``Fotnoter``.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import Line


@dataclass
class Para:
    """A paragraph. ``text`` may hold ``\\n`` (manual line breaks) and ``\\t``."""

    text: str
    origin: str | None = None
    heading: int = 0  # 1..6 for a real heading
    label: str | None = None  # list marker: "-" for a bullet, "1." / "a)" for a numbered item
    level: int = 0  # list nesting level, 0 = outermost


@dataclass
class Table:
    rows: list[list[list]] = field(default_factory=list)  # row -> cell -> blocks (Para | Table)
    header_rows: int = 0  # rows the format marks as header rows
    origin: str | None = None


_SPACES = re.compile(r"[ \u00a0\u2007\u202f]+")

# Numbers in a file's markup (list levels, start values, spans, repeated spaces) are read without trusting
# them: int() fails on "x", on digits str.isdigit() lets through ("²") and on more than 4,300 digits,
# and a span is a loop: a 20,000,000-column span took 42 s (docx) and 61 s (odt) and 2.2 GB to read.
MARKUP_INT = re.compile(r"-?[0-9]{1,9}")
MAX_SPAN = 50  # the columns one cell may span or skip (a real table has a dozen at most)
MAX_SPACES = 100  # the spaces one ODF <text:s text:c="..."/> stands for


def markup_int(value: str | None, default):
    """``value`` as an integer when it is one of at most nine digits (a minus sign allowed), else ``default``."""
    text = (value or "").strip()
    return int(text) if MARKUP_INT.fullmatch(text) else default


def markup_count(value: str | None, default, most: int = 10**9):
    """``value`` as a count (an integer from 0, at most ``most``), else ``default``."""
    number = markup_int(value, None)
    return default if number is None or number < 0 else min(number, most)


def clean_text(text: str) -> str:
    """Normalise a paragraph's text: no NBSPs or control characters, no stray spaces at line ends."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = text.replace("\u00ad", "").replace("\u200b", "").replace("\ufeff", "")
    text = "".join(ch for ch in text if ch in "\n\t" or ch >= " ")
    lines = [line.strip(" ") for line in text.split("\n")]
    # Drop empty lines at the start and end of the paragraph, keep inner ones as line breaks.
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(line if line.strip() else "" for line in lines)


LINK_TARGET = re.compile(r"^(?:https?://|mailto:)\S+$", re.IGNORECASE)


def link_target(url: str | None, shown: str) -> str:
    """What a hyperlink adds to its text: `` (https://...)`` for a web or mail address the text does
    not already show (the escaper makes it a link); nothing for other schemes or internal anchors."""
    url = (url or "").strip()
    if not LINK_TARGET.match(url) or url.casefold() in shown.casefold():
        return ""
    return f" ({url})"


def is_empty(block) -> bool:
    if isinstance(block, Para):
        return not block.text.strip()
    return not any(not is_empty(b) for row in block.rows for cell in row for b in cell)


def _cell_is_simple(cell: list) -> bool:
    content = [b for b in cell if not is_empty(b)]
    if not content:
        return True
    if len(content) > 1 or isinstance(content[0], Table):
        return False
    return "\n" not in content[0].text.strip()


def _para_inline(p: Para) -> str:
    """A paragraph as one line (for a pipe table cell)."""
    text = re.sub(r"\s*\n\s*", " ", p.text.strip())
    text = text.replace("\t", " ")
    if p.label:
        text = f"{p.label} {text}"
    return text


def _cell_inline(cell: list) -> str:
    parts = []
    for b in cell:
        if isinstance(b, Para):
            if b.text.strip():
                parts.append(_para_inline(b))
        else:
            for row in b.rows:
                parts.extend(_cell_inline(c) for c in row if _cell_inline(c))
    return " ".join(parts)


def _pipe_escape(text: str) -> str:
    return text.replace("|", "\\|")


def _pipe_table(table: Table) -> list[tuple[str, str | None]]:
    rows = [row for row in table.rows if any(not is_empty(b) for c in row for b in c)]
    if not rows:
        return []
    ncols = max(len(row) for row in rows)
    cells = [[_pipe_escape(_cell_inline(c)) for c in row] + [""] * (ncols - len(row)) for row in rows]
    header_used = table.header_rows > 0 and len(cells) > 1
    out = []
    if header_used:
        out.append("| " + " | ".join(cells[0]) + " |")
        cells = cells[1:]
    else:
        out.append("|" + " |" * ncols)
    out.append("|" + " --- |" * ncols)
    out.extend("| " + " | ".join(row) + " |" for row in cells)
    return [(re.sub(r"\|  (?=\|)", "| ", line), table.origin) for line in out]


def _unwrap_single_column(table: Table) -> list | None:
    """A one-column table is a frame around text: return its content as plain blocks."""
    if any(len(row) > 1 for row in table.rows):
        return None
    return [b for row in table.rows for cell in row for b in cell]


class _Out:
    """Collects (text, origin) lines; ``None`` text marks a paragraph break (blank line)."""

    def __init__(self):
        self.items: list[tuple[str | None, str | None]] = []

    def blank(self):
        self.items.append((None, None))

    def line(self, text: str, origin: str | None):
        self.items.append((text, origin))

    def lines(self) -> list[Line]:
        out: list[tuple[str, str | None]] = []
        for text, origin in self.items:
            if text is None or not text.strip():
                if out and out[-1][0] != "":
                    out.append(("", None))
                continue
            out.append((text.rstrip(), origin))
        while out and out[-1][0] == "":
            out.pop()
        return [Line(i, text, origin) for i, (text, origin) in enumerate(out, start=1)]


def _list_prefix(p: Para) -> str:
    return "  " * p.level + (p.label or "-") + " "


def _emit_para_lines(out: _Out, p: Para, first_prefix: str = ""):
    text = p.text.strip()
    if not text:
        return
    if p.heading:
        out.line("#" * min(p.heading, 6) + " " + re.sub(r"\s*\n\s*", " ", text).replace("\t", " "), p.origin)
        return
    lines = text.split("\n")
    if p.label:
        prefix = _list_prefix(p)
        out.line(first_prefix + prefix + lines[0].strip(), p.origin)
        for extra in lines[1:]:
            if extra.strip():
                out.line(" " * len(prefix) + extra.strip(), p.origin)
        return
    out.line(first_prefix + lines[0].strip(), p.origin)
    for extra in lines[1:]:
        out.line(extra.strip(), p.origin)


def _tight(prev: Para | None, cur: Para) -> bool:
    """No blank line between two list items of one list (or an item and its nested items)."""
    if prev is None or not prev.label or not cur.label:
        return False
    if cur.level > prev.level:
        return True
    return (prev.label == "-") == (cur.label == "-")


def _emit_blocks(out: _Out, blocks: list):
    prev: Para | None = None
    for block in blocks:
        if isinstance(block, Table):
            unwrapped = _unwrap_single_column(block)
            if unwrapped is not None:
                _emit_blocks(out, unwrapped)
                prev = None
                continue
            out.blank()
            _emit_table(out, block)
            out.blank()
            prev = None
            continue
        if not block.text.strip():
            continue
        if not _tight(prev, block):
            out.blank()
        _emit_para_lines(out, block)
        prev = block


def _emit_table(out: _Out, table: Table):
    if all(_cell_is_simple(cell) for row in table.rows for cell in row):
        for text, origin in _pipe_table(table):
            out.line(text, origin)
        return
    for row in table.rows:
        cells = [cell for cell in row if any(not is_empty(b) for b in cell)]
        if not cells:
            continue
        out.blank()
        for cell in cells:
            _emit_cell(out, cell)


def _emit_cell(out: _Out, cell: list):
    """One cell in text-export form: first paragraph after a TAB, the rest unindented."""
    blocks = list(cell)
    while blocks and is_empty(blocks[0]):
        blocks.pop(0)
    while blocks and is_empty(blocks[-1]):
        blocks.pop()
    first = True
    pending_blank = False
    for block in blocks:
        if isinstance(block, Table):
            unwrapped = _unwrap_single_column(block)
            inner = unwrapped if unwrapped is not None else None
            if inner is not None:
                for b in inner:
                    if isinstance(b, Para) and b.text.strip():
                        _emit_para_lines(out, b, "\t" if first else "")
                        first = False
                continue
            out.blank()
            for text, origin in _pipe_table(block):
                out.line(text, origin)
            out.blank()
            first = False
            pending_blank = False
            continue
        if not block.text.strip():
            pending_blank = True
            continue
        if pending_blank and not first:
            out.blank()
        pending_blank = False
        _emit_para_lines(out, block, "\t" if first else "")
        first = False


def render(blocks: list, footnotes: Sequence[tuple[str, str | None]] = ()) -> list[Line]:
    """Render blocks (and footnote texts with their origins) as numbered lines."""
    out = _Out()
    _emit_blocks(out, blocks)
    notes = [(re.sub(r"\s+", " ", text).strip(), origin) for text, origin in footnotes]
    notes = [(text, origin) for text, origin in notes if text]
    if notes:
        out.blank()
        out.line("Fotnoter", None)
        out.blank()
        for number, (text, origin) in enumerate(notes, start=1):
            out.line(f"[{number}] {text}", origin)
    return out.lines()


_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


# Beyond this a list number is written in digits: roman numerals end at 3,999, and a file's start value
# is not trusted (an HTML list starting at 999,999,999 as letters made 770 MB of text; as roman numerals
# it ran for minutes, tests/test_reader_errors.py).
MAX_LETTERED = 3999


def format_number(n: int, fmt: str) -> str:
    if n > MAX_LETTERED and fmt in ("lowerLetter", "upperLetter", "lowerRoman", "upperRoman"):
        return str(n)
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        k = max(n, 1)
        letters = chr(ord("a") + (k - 1) % 26) * ((k - 1) // 26 + 1)
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        r = _roman(max(n, 1))
        return r.upper() if fmt == "upperRoman" else r
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


def emphasis(segments: list[tuple[str, bool, bool]]) -> str:
    """Join run texts, marking partial bold/italic as **/*; a paragraph wholly bold or italic
    (a style choice, usually a pseudo-heading) gets no markers."""
    visible = [(t, b, i) for t, b, i in segments if t.strip()]
    if not visible:
        return "".join(t for t, _, _ in segments)
    all_bold = all(b for _, b, _ in visible)
    all_italic = all(i for _, _, i in visible)
    if any("*" in t for t, _, _ in visible):
        all_bold = all_italic = True  # the text has its own asterisks: no markers at all
    groups: list[list] = []
    for text, bold, italic in segments:
        bold = bold and not all_bold
        italic = italic and not all_italic
        if groups and (groups[-1][1], groups[-1][2]) == (bold, italic):
            groups[-1][0] += text
        else:
            groups.append([text, bold, italic])
    out = []
    for text, bold, italic in groups:
        if not (bold or italic):
            out.append(text)
            continue
        marker = "***" if bold and italic else "**" if bold else "*"
        out.append(re.sub(r"[^\n\t]+", lambda m: _wrap(m.group(0), marker), text))  # noqa: B023 - called here, in this iteration
    return "".join(out)


def _wrap(piece: str, marker: str) -> str:
    core = piece.strip(" ")
    if not re.search(r"\w", core):
        return piece
    lead = piece[: len(piece) - len(piece.lstrip(" "))]
    trail = piece[len(piece.rstrip(" ")):]
    return f"{lead}{marker}{core}{marker}{trail}"
