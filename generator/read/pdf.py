"""PDF minutes: text layer via pdfplumber, or OCR (pdftoppm + tesseract) for scans.

The PDF is read as positioned words and rebuilt into our text form:

* words -> lines (by vertical overlap); a wide horizontal gap inside a line becomes a TAB
  (tab stops in "Sted:<TAB>Skien" or "Rådmann i Porsgrunn<TAB>Per Wold");
* two-column pages: a gutter shared by many lines whose both halves are wrapped text is found
  and the left column is read before the right one;
* page headers, footers and page numbers ("Side 1 av 8", "- 3 -", "3") are dropped when they
  repeat across pages (a page-number pattern alone in the margin is dropped anyway);
* lines -> paragraphs: a larger vertical gap starts a paragraph; a line that is full (the next
  line's first word would not have fitted) is joined with the next one, a hyphen at its end is
  a line-break hyphen (joined without it) when the next line starts in lower case; short lines
  ("Sted: X") stay separate lines; bullet glyphs and "1." markers followed by a tab start list
  items, their nesting taken from the marker's indent;
* ruled tables (pdfplumber's line finder, with our own split of outer grid and nested tables)
  become the same Table blocks the Word reader makes; a table continued on the next page is
  joined, a row split over the page break is rejoined and a repeated header row dropped.

Not handled: headings (a PDF has only font sizes; the parser sees the text), borderless tables
(their cells come out as TAB-separated lines), right-to-left text, more than two columns.
"""
from __future__ import annotations

import io
import itertools
import re
import shutil
import statistics
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from ..errors import SourceError
from ..model import Line
from .blocks import Para, Table, render

# What reading a damaged or unusual PDF raises (pdfplumber 0.11, pdfminer.six 20260107), caught only
# around pdfplumber's calls (_open_pdf, _page_content). pdfplumber wraps every error of pdfminer's
# document parser, page tree and page layout in PdfminerException (its cause kept).
DAMAGED_PDF = (
    PdfminerException,  # pdfplumber.pdf, pdfplumber.page: PDFSyntaxError, PSEOF, PDFPasswordIncorrect, ...
    MalformedPDFException,  # pdfplumber: a bounding box of non-numbers, a cycle of object references
    PSException,  # pdfminer.psexceptions: PDFException and its subclasses, raised outside pdfplumber's wrap
    # pdfplumber's own code raises builtins for a page it cannot set up (pdfplumber.page.Page.__init__,
    # found by tests/test_reader_errors.py): TypeError for a missing /MediaBox or a /Rotate that is not
    # a number, IndexError for a /MediaBox of fewer than four numbers
    TypeError,
    IndexError,
)

BULLETS = set("•·◦▪■□○●►▸➢✓❖➤‣⁃∙") | {chr(c) for c in range(0xF000, 0xF100)}
WIDE_ONLY_BULLETS = {"o", "-", "–", "—", "*", "§", "Ø", "q", "ü", "l", "n"}
NUMBER_MARK = re.compile(r"^(\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|\(?[ivxIVX]{1,5}[.)])$")
CONJUNCTIONS = {"og", "eller", "samt", "til", "enn", "and", "or", "to", "&"}
PAGE_NUMBER = re.compile(
    r"^(side|page|s\.)?\s*[-–—]?\s*\d{1,4}\s*[-–—]?\s*((av|of|/)\s*\d{1,4})?\.?$", re.IGNORECASE)


@dataclass
class PLine:
    words: list  # word dicts: text, x0, x1, top, bottom, size
    page: int
    text: str = ""
    # Set by the layout passes, not part of a line's value:
    column: str = field(default="none", compare=False, repr=False)  # "left" or "right" in a two-column band
    page_width: float = field(default=0.0, compare=False, repr=False)  # the width of the page the line is on
    cell: dict | None = field(default=None, compare=False, repr=False)  # the table cell the line is in

    @property
    def x0(self):
        return self.words[0]["x0"]

    @property
    def x1(self):
        return max(w["x1"] for w in self.words)

    @property
    def top(self):
        return min(w["top"] for w in self.words)

    @property
    def bottom(self):
        return max(w["bottom"] for w in self.words)

    @property
    def size(self):
        return statistics.median(w["size"] for w in self.words)


@dataclass
class TablePart:
    page: int
    top: float
    bottom: float
    columns: list[float]  # outer column boundaries (x)
    rows: list[list]  # row -> cell -> {"items": [PLine | TablePart], "bbox": (x0, top, x1, bottom)} | None
    origin: str = ""
    # the same table laid out on other column boundaries (a part continued from the page before)
    rebuild: Callable[[list[float]], TablePart | None] | None = field(default=None, compare=False, repr=False)


@dataclass
class _Context:
    normal_gap: float = 3.0
    right: dict = field(default_factory=dict)  # page width -> right text margin
    bullet_levels: list = field(default_factory=list)
    number_levels: list = field(default_factory=list)


# ---------------------------------------------------------------- words and lines


def _tab_gap(size: float) -> float:
    """A gap wider than a stretched space is a tab (a space is about 0.28 em)."""
    return max(0.6 * size, 5.0)


def _line_text(words: list) -> str:
    out = ""
    prev = None
    for w in words:
        if prev is not None:
            gap = w["x0"] - prev["x1"]
            size = max(w["size"], prev["size"])
            tab = gap > _tab_gap(size) or w.get("tab_before")
            out += "\t" if tab else " " if gap > 0.12 * size else ""
        out += w["text"]
        prev = w
    return out


def build_lines(words: list, page: int) -> list[PLine]:
    """Group words into lines by vertical overlap, each line's words left to right."""
    lines: list[list] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        height = max(w["bottom"] - w["top"], 0.1)
        placed = False
        for line in reversed(lines[-6:]):
            top = statistics.median(x["top"] for x in line)
            bottom = statistics.median(x["bottom"] for x in line)
            overlap = min(bottom, w["bottom"]) - max(top, w["top"])
            if overlap >= 0.5 * min(height, bottom - top):
                line.append(w)
                placed = True
                break
        if not placed:
            lines.append([w])
    out = []
    for line in lines:
        line.sort(key=lambda w: w["x0"])
        out.append(PLine(line, page, _line_text(line)))
    out.sort(key=lambda line: (line.top, line.x0))
    return out


# ---------------------------------------------------------------- columns


def _split_columns(lines: list[PLine], page_width: float) -> list[PLine]:
    """Reorder a two-column page: per band of column lines, the left column before the right."""
    if len(lines) < 8:
        return lines
    candidates = []
    for line in lines:
        for a, b in itertools.pairwise(line.words):
            gap = b["x0"] - a["x1"]
            mid = (a["x1"] + b["x0"]) / 2
            if gap > 12 and 0.3 * page_width < mid < 0.7 * page_width:
                candidates.append(mid)
    if len(candidates) < 4:
        return lines
    best = None
    for x in sorted({round(c) for c in candidates}):
        split, cross = [], 0
        for line in lines:
            left = [w for w in line.words if w["x1"] <= x]
            right = [w for w in line.words if w["x0"] >= x]
            if len(left) + len(right) < len(line.words):
                cross += 1
            elif left and right:
                split.append((left, right))
        if len(split) < 4 or len(split) < 0.3 * len(lines):
            continue
        left_end = max(w["x1"] for left, _ in split for w in left)
        right_end = max(w["x1"] for _, right in split for w in right)
        left_start = min(left[0]["x0"] for left, _ in split)
        right_start = min(right[0]["x0"] for _, right in split)
        left_full = sum(left[-1]["x1"] > left_end - 0.15 * (left_end - left_start) for left, _ in split)
        right_full = sum(right[-1]["x1"] > right_end - 0.15 * (right_end - right_start) for _, right in split)
        if left_full >= 0.5 * len(split) and right_full >= 0.5 * len(split):
            score = len(split) - cross
            if best is None or score > best[0]:
                best = (score, x)
    if best is None:
        return lines
    gutter = best[1]
    out: list[PLine] = []
    band_left: list[PLine] = []
    band_right: list[PLine] = []

    def flush_band():
        out.extend(band_left)
        out.extend(band_right)
        band_left.clear()
        band_right.clear()

    for line in lines:
        left = [w for w in line.words if w["x1"] <= gutter]
        right = [w for w in line.words if w["x0"] >= gutter]
        if len(left) + len(right) < len(line.words):
            flush_band()
            out.append(line)
            continue
        if left:
            band_left.append(PLine(left, line.page, _line_text(left)))
            band_left[-1].column = "left"
        if right:
            band_right.append(PLine(right, line.page, _line_text(right)))
            band_right[-1].column = "right"
    flush_band()
    return out


# ---------------------------------------------------------------- tables


def _edges(edges: list[dict], bbox):
    x0, top, x1, bottom = bbox
    hs, vs = [], []
    for e in edges:
        if e["orientation"] == "h" and top - 2 <= e["top"] <= bottom + 2 and e["x1"] > x0 - 2 and e["x0"] < x1 + 2:
            hs.append((e["top"], max(e["x0"], x0), min(e["x1"], x1)))
        elif e["orientation"] == "v" and x0 - 2 <= e["x0"] <= x1 + 2 and e["bottom"] > top - 2 and e["top"] < bottom + 2:
            vs.append((e["x0"], max(e["top"], top), min(e["bottom"], bottom)))
    return hs, vs


def _cluster(values: list[float], tolerance: float = 2.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tolerance:
            continue
        out.append(v)
    return out


def _covered(segments: list[tuple[float, float]], lo: float, hi: float, slack: float = 2.5) -> bool:
    """True when the union of segments covers [lo, hi]."""
    pos = lo + slack
    for a, b in sorted(segments):
        if a - slack <= pos:
            pos = max(pos, b)
    return pos >= hi - slack


def _table_part(edges: list[dict], bbox, page_number: int, words: list, depth: int = 0,
                force_columns: list[float] | None = None) -> TablePart | None:
    """The outer grid of a ruled table (full-width row rules, full-height column rules) with
    any table nested in a cell found again inside that cell."""
    x0, top, x1, bottom = bbox
    hs, vs = _edges(edges, bbox)
    width = x1 - x0
    # row boundaries: horizontal rules spanning the whole table width
    by_y: dict[float, list] = {}
    for y, a, b in hs:
        by_y.setdefault(round(y * 2) / 2, []).append((a, b))
    row_ys = _cluster([y for y, segs in by_y.items()
                       if _covered(segs, x0, x1, slack=max(3.0, 0.02 * width))] + [top, bottom])
    if len(row_ys) < 2:
        return None
    bands = list(itertools.pairwise(row_ys))
    bands = [(a, b) for a, b in bands if b - a > 3]
    # column boundaries: vertical rules that cover whole rows wherever they appear
    by_x: dict[float, list] = {}
    for x, a, b in vs:
        by_x.setdefault(round(x * 2) / 2, []).append((a, b))
    columns = []
    for x, segs in by_x.items():
        touched = [(a, b) for a, b in bands if any(s < b - 1 and e > a + 1 for s, e in segs)]
        if touched and all(_covered(segs, a, b) for a, b in touched):
            columns.append(x)
    columns = _cluster([*columns, x0, x1])
    if force_columns:
        columns = list(force_columns)
    if len(columns) < 2:
        return None
    rows = []
    for a, b in bands:
        row: list = []
        start = 0
        for k in range(1, len(columns)):
            boundary = columns[k]
            has_rule = k == len(columns) - 1 or any(
                abs(x - boundary) <= 3 and _covered(segs, a, b) for x, segs in by_x.items())
            if not has_rule:
                continue
            row.append({"bbox": (columns[start], a, boundary, b), "items": []})
            row.extend(None for _ in range(k - start - 1))
            start = k
        rows.append(row)
    part = TablePart(page_number, top, bottom, columns, rows, origin=f"side {page_number}")
    part.rebuild = lambda cols: _table_part(edges, bbox, page_number, words, depth, cols)
    # words into cells; nested tables inside cells
    remaining = list(words)
    for row in rows:
        for cell in row:
            if cell is None:
                continue
            cx0, ct, cx1, cb = cell["bbox"]
            inside = [w for w in remaining if cx0 <= (w["x0"] + w["x1"]) / 2 <= cx1 and ct <= (w["top"] + w["bottom"]) / 2 <= cb]
            nested_parts = []
            if depth < 3 and inside:
                for ib in _nested_bboxes(edges, cell["bbox"]):
                    iwords = [w for w in inside if ib[0] <= (w["x0"] + w["x1"]) / 2 <= ib[2]
                              and ib[1] <= (w["top"] + w["bottom"]) / 2 <= ib[3]]
                    nested = _table_part(edges, ib, page_number, iwords, depth + 1)
                    if nested is not None:
                        nested_parts.append(nested)
                        ids = {id(w) for w in iwords}
                        inside = [w for w in inside if id(w) not in ids]
            items = build_lines(inside, page_number) + nested_parts
            items.sort(key=lambda it: it.top)
            cell["items"] = items
            ids = {id(w) for w in inside}
            remaining = [w for w in remaining if id(w) not in ids]
    return part


def _nested_bboxes(edges: list[dict], bbox) -> list[tuple]:
    """Tables drawn inside a cell: groups of touching rules strictly inside the cell."""
    cx0, ct, cx1, cb = bbox
    hs, vs = _edges(edges, bbox)
    inner = [("h", a, y, b, y) for y, a, b in hs if ct + 1.5 < y < cb - 1.5] + \
            [("v", x, a, x, b) for x, a, b in vs if cx0 + 1.5 < x < cx1 - 1.5]
    if not any(e[0] == "v" for e in inner):
        return []
    parent = list(range(len(inner)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(inner):
        for j in range(i + 1, len(inner)):
            b = inner[j]
            if a[1] <= b[3] + 2 and b[1] <= a[3] + 2 and a[2] <= b[4] + 2 and b[2] <= a[4] + 2:
                parent[find(i)] = find(j)
    groups: dict[int, list] = {}
    for i, e in enumerate(inner):
        groups.setdefault(find(i), []).append(e)
    out = []
    loose: list[tuple] = []
    for group in groups.values():
        if sum(e[0] == "v" for e in group) < 1:
            continue
        x0 = min(e[1] for e in group)
        x1 = max(e[3] for e in group)
        top = min(e[2] for e in group)
        bottom = max(e[4] for e in group)
        if sum(e[0] == "h" for e in group) < 1:
            # column rules only: a nested table whose own top and bottom rules are the cell's
            # (its rows continued from the page before); it spans the cell
            loose.append((cx0, top, cx1, bottom))
        elif x1 - x0 > 10 and bottom - top > 5:
            out.append((x0, top, x1, bottom))
    if len(loose) >= 2:
        merged = (cx0, min(b[1] for b in loose), cx1, max(b[3] for b in loose))
        if not any(b[1] <= merged[3] and merged[1] <= b[3] for b in out):
            out.append(merged)
    return sorted(out, key=lambda b: b[1])


def _cell_lines(cell) -> list:
    return cell["items"] if cell else []


def _merge_parts(prev: TablePart, nxt: TablePart) -> bool:
    """Join a table continued on the next page into ``prev``; return True when joined."""
    if nxt.page != prev.page + 1:
        return False
    if len(prev.columns) != len(nxt.columns) or any(abs(a - b) > 3 for a, b in zip(prev.columns, nxt.columns, strict=True)):
        # A continued row that holds only a nested table shows that table's rules as columns:
        # read the part again with the columns of the part before it.
        if not all(any(abs(a - b) <= 3 for b in nxt.columns) for a in prev.columns):
            return False
        rebuilt = nxt.rebuild(prev.columns) if nxt.rebuild else None
        if rebuilt is None:
            return False
        nxt = rebuilt
    rows = nxt.rows
    if prev.rows and rows and _row_text(rows[0]) == _row_text(prev.rows[0]) and _row_text(rows[0]):
        rows = rows[1:]  # a header row repeated on every page
    if rows and prev.rows and len(rows[0]) == len(prev.rows[-1]):
        first = rows[0]
        if first[0] is not None and not _cell_lines(first[0]) and any(c and c["items"] for c in first[1:]):
            # the first cell is empty: the last row was split by the page break
            for mine, theirs in zip(prev.rows[-1], first, strict=False):  # rows may differ in cells
                if mine is not None and theirs is not None:
                    if mine["items"] and theirs["items"]:
                        # room left at the foot of the cell: the text there had ended
                        mine["items"].append(_Break(mine["bbox"][3] - mine["items"][-1].bottom))
                    mine["items"].extend(theirs["items"])
            rows = rows[1:]
    prev.rows.extend(rows)
    prev.bottom = nxt.bottom
    prev.page = nxt.page
    return True


@dataclass
class _Break:
    """Where a table row continues on the next page; ``space`` is the room left on the first."""

    space: float


def _row_text(row) -> str:
    return " | ".join(" ".join(getattr(it, "text", "") for it in _cell_lines(c)) for c in row)


# ---------------------------------------------------------------- paragraphs


def _marker(line: PLine):
    """(label, kind, marker word) when the line starts a list item."""
    words = line.words
    if len(words) < 2:
        return None
    first, second = words[0], words[1]
    gap = second["x0"] - first["x1"]
    wide = gap > 0.5 * first["size"]
    token = first["text"]
    if token in BULLETS or (token in WIDE_ONLY_BULLETS and wide):
        return "-", "bullet", first
    if len(token) >= 2 and token[0] in BULLETS and token[1:].strip():
        return None
    if NUMBER_MARK.match(token) and wide:
        return token, "number", first
    return None


def _level(x: float, levels: list[float]) -> int:
    for i, lx in enumerate(levels):
        if abs(x - lx) <= 4:
            return i
    return 0


def _strip_marker(line: PLine) -> str:
    return _line_text(line.words[1:])


LABEL = re.compile(r"^[A-ZÆØÅ][\w .()/&-]{0,30}:(\s|$)")


def _toc_tab(text: str) -> str:
    """A table-of-contents line: dot leader, then the page number after a TAB (as Word exports it)."""
    return re.sub(r"(\.{3,}|…+)\s*(\d{1,4})$", "\\1\t\\2", text)


def _join(text: str, nxt: str) -> str:
    """Join a wrapped line to the next, undoing a line-break hyphen."""
    m = re.search(r"(\w+)-$", text)
    first = nxt.split(" ", 1)[0]
    last = text.rsplit(None, 1)[-1] if text.strip() else ""
    if m and re.search(r"[/@]|www\.|https?:", last):
        return text + nxt  # a URL or address broken after its hyphen
    if m and first[:1].islower() and len(m.group(1)) >= 2 and not m.group(1).isupper() \
            and not m.group(1).isdigit() and first.strip(",.;:").casefold() not in CONJUNCTIONS:
        return text[:-1] + nxt
    if m and first.strip(",.;:").casefold() not in CONJUNCTIONS and first[:1].isalnum():
        return text + nxt  # a hard hyphen in a compound: "HR-" + "nettverket"
    return text + " " + nxt


def _merge_nested(items: list) -> list:
    """Join the parts of a nested table split by a page break (with the row around it)."""
    out: list = []
    for item in items:
        if isinstance(item, TablePart):
            k = len(out) - 1
            while k >= 0 and isinstance(out[k], _Break):
                k -= 1
            if k >= 0 and isinstance(out[k], TablePart) and _merge_parts(out[k], item):
                del out[k + 1:]
                continue
        out.append(item)
    return out


def paragraphs(items: list, ctx: _Context, right_of, in_cell: bool) -> list:
    """Lines (and nested table parts) of one container in reading order -> blocks."""
    items = _merge_nested(items)
    out: list = []
    cur: dict | None = None
    prev: PLine | None = None
    page_space = 0.0

    def finish():
        nonlocal cur
        if cur is not None:
            para = Para("\n".join(_toc_tab(t) for t in cur["lines"]), cur["origin"])
            if cur["label"]:
                para.label, para.level = cur["label"], cur["level"]
            out.append(para)
        cur = None

    for item in items:
        if isinstance(item, TablePart):
            finish()
            out.append(to_table(item, ctx))
            prev = None
            continue
        if isinstance(item, _Break):
            page_space = item.space
            continue
        line = item
        marker = _marker(line)
        text = _strip_marker(line) if marker else line.text
        if cur is None or prev is None:
            new, blank = True, False
        else:
            if line.page != prev.page:
                # room for another line was left at the foot of the page: the paragraph had ended
                ended = page_space > 1.6 * prev.size or (page_space > 0.8 * prev.size and (
                    prev.text.rstrip()[-1:] in ".:!?0123456789" or line.text[:1].isupper()))
                gap_break = not _full(prev, line, right_of) or ended
                blank = False
            else:
                gap = line.top - prev.bottom
                size = min(line.size, prev.size)
                gap_break = gap > ctx.normal_gap + 0.3 * size or gap < -0.5 * size \
                    or abs(line.size - prev.size) >= 1.5  # a heading and its text differ in size
                blank = in_cell and gap > ctx.normal_gap + 1.2 * size
            new = bool(marker) or gap_break
            if cur["label"] and not new and line.x0 < cur["text_x"] - 3:
                new = True  # back at the margin after a list item
        if new:
            finish()
            if blank:
                out.append(Para(""))
            cur = {"lines": [text.strip()], "origin": f"side {line.page}", "label": None, "level": 0,
                   "text_x": line.x0}
            if marker:
                label, kind, word = marker
                levels = ctx.bullet_levels if kind == "bullet" else ctx.number_levels
                cur["label"] = label
                cur["level"] = 0 if in_cell else _level(word["x0"], levels)
                cur["text_x"] = line.words[1]["x0"]
        else:
            assert cur is not None and prev is not None, "a line goes on a paragraph only after a line of it"
            if re.search(r"(\.{3,}|…)$", cur["lines"][-1]) and re.fullmatch(r"\d{1,4}", text.strip()):
                cur["lines"][-1] += "\t" + text.strip()  # a contents line whose page number wrapped
            elif _full(prev, line, right_of) and not ("\t" in prev.text and "\t" in text) \
                    and not LABEL.match(text):  # "Sted: X" lines stay lines
                cur["lines"][-1] = _join(cur["lines"][-1], text.strip())
            else:
                cur["lines"].append(text.strip())
        prev = line
        page_space = 0.0
    finish()
    return out


def _full(prev: PLine, line: PLine, right_of) -> bool:
    """Would the first word of ``line`` have fitted at the end of ``prev``? If not, it wrapped."""
    right = right_of(prev)
    first = line.words[1] if _marker(line) else line.words[0]
    width = first["x1"] - first["x0"]
    return prev.x1 + 0.3 * prev.size + width > right - 1.0


def to_table(part: TablePart, ctx: _Context) -> Table:
    table = Table(origin=part.origin)
    for row in part.rows:
        cells: list[list] = []  # the blocks of each cell
        for cell in row:
            if cell is None:
                cells.append([])
                continue
            cx0, _, cx1, _ = cell["bbox"]
            lines = [it for it in cell["items"] if isinstance(it, PLine)]
            pad = min((ln.x0 for ln in lines), default=cx0 + 5) - cx0
            right = cx1 - max(1.0, min(pad, 12.0))
            local = _Context(ctx.normal_gap, ctx.right)
            cells.append(paragraphs(cell["items"], local, lambda _line, r=right: r, in_cell=True))
        table.rows.append(cells)
    return table


# ---------------------------------------------------------------- page furniture


# Only a page number may change between the pages a header or footer repeats on ("Side 3 av 8",
# "Referat 19.01.2024 - side 3"); any other difference means the line is text. Replacing every digit
# made "Sak 1/24", "Sak 2/24", ... (one case per page, each heading first) one repeated header.
PAGE_REFERENCE = re.compile(r"\b(side|page|s\.|sida)\s*\d{1,4}(\s*(av|of|/)\s*\d{1,4})?", re.IGNORECASE)


def _furniture_key(text: str) -> str:
    text = PAGE_REFERENCE.sub("side #", text)
    if PAGE_NUMBER.match(text.strip()):
        text = "#"
    return re.sub(r"\s+", " ", text).strip().casefold()


def _drop_furniture(pages: list[tuple[int, float, list[PLine]]]) -> list[tuple[int, float, list[PLine]]]:
    counts: dict[str, set[int]] = {}
    for number, height, lines in pages:
        for line in lines:
            if line.top < 0.1 * height or line.bottom > 0.9 * height:
                counts.setdefault(_furniture_key(line.text), set()).add(number)
    need = max(2, (len(pages) + 1) // 2)
    repeated = {key for key, where in counts.items() if len(where) >= need}
    out = []
    for number, height, lines in pages:
        kept = []
        for i, line in enumerate(lines):
            in_margin = line.top < 0.1 * height or line.bottom > 0.9 * height
            if in_margin and _furniture_key(line.text) in repeated:
                continue
            edge = i == 0 or i == len(lines) - 1
            if in_margin and edge and PAGE_NUMBER.match(line.text.strip()):
                continue
            kept.append(line)
        out.append((number, height, kept))
    return out


# ---------------------------------------------------------------- document assembly


def _assemble(pages: list[dict]) -> list:
    """pages: [{"number", "width", "height", "lines": [PLine], "tables": [TablePart]}] -> blocks."""
    cleaned = _drop_furniture([(p["number"], p["height"], p["lines"]) for p in pages])
    sequence: list = []
    for page, (_, _, lines) in zip(pages, cleaned, strict=True):  # one cleaned entry per page
        lines = _split_columns(lines, page["width"])
        for line in lines:
            line.page_width = page["width"]
        # tables go where they stand on the page; lines keep their (column) order
        tables = sorted(page["tables"], key=lambda t: t.top)
        merged: list = []
        for line in lines:
            while tables and tables[0].top <= line.top and getattr(line, "column", "none") == "none":
                merged.append(tables.pop(0))
            merged.append(line)
        merged.extend(tables)
        for item in merged:
            if isinstance(item, TablePart) and sequence and isinstance(sequence[-1], TablePart) \
                    and _merge_parts(sequence[-1], item):
                continue
            sequence.append(item)
    lines = [it for it in sequence if isinstance(it, PLine)]
    all_lines = lines + [ln for t in sequence if isinstance(t, TablePart) for ln in _part_lines(t)]
    ctx = _Context()
    gaps = []
    for a, b in itertools.pairwise(all_lines):
        if a.page == b.page and abs(a.size - b.size) < 0.5 and 0 <= b.top - a.bottom < 2 * a.size \
                and getattr(a, "cell", None) is getattr(b, "cell", None):
            gaps.append(round((b.top - a.bottom) * 2) / 2)
    if gaps:
        ctx.normal_gap = statistics.mode(gaps)
    for line in lines:
        key = (line.page_width, getattr(line, "column", "none"))
        ctx.right[key] = max(ctx.right.get(key, 0), line.x1)
    # Short lines only (a header block above a table) understate the text width: a table spans
    # it, and margins are usually symmetric.
    for page in pages:
        key = (page["width"], "none")
        body = [ln for ln in lines if ln.page == page["number"] and getattr(ln, "column", "none") == "none"]
        estimates = [t.columns[-1] - 3 for t in page["tables"]]
        if body:
            estimates.append(page["width"] - min(ln.x0 for ln in body) - 1)
        if key in ctx.right and estimates:
            ctx.right[key] = max(ctx.right[key], min(max(estimates), page["width"]))
    ctx.bullet_levels = _cluster([m[2]["x0"] for ln in lines if (m := _marker(ln)) and m[1] == "bullet"], 4)
    ctx.number_levels = _cluster([m[2]["x0"] for ln in lines if (m := _marker(ln)) and m[1] == "number"], 4)

    def right_of(line: PLine) -> float:
        return ctx.right.get((line.page_width, getattr(line, "column", "none")), line.x1)

    return paragraphs(sequence, ctx, right_of, in_cell=False)


def _part_lines(part: TablePart) -> list[PLine]:
    out = []
    for row in part.rows:
        for cell in row:
            if cell:
                for it in cell["items"]:
                    if isinstance(it, PLine):
                        it.cell = cell
                        out.append(it)
    return out


def _page_words(page) -> list[dict]:
    """pdfplumber's words of one page, with their characters and font size (a library call)."""
    return page.extract_words(x_tolerance=1.5, y_tolerance=2.5, keep_blank_chars=False,
                              extra_attrs=["size"], return_chars=True)


def _split_words(raw_words: list[dict]) -> list[dict]:
    """pdfplumber's words split at tab stops, soft hyphens dropped, empty ones left out."""
    out = []
    for w in raw_words:
        for piece in _split_at_tab_stops(w):
            text = piece["text"].replace("\u00ad", "")
            if text.strip():
                piece["text"] = text
                out.append(piece)
    return out


def _split_at_tab_stops(word: dict) -> list[dict]:
    """A tab that ends exactly at its stop leaves almost no gap and no space character:
    split a word where a small gap is followed by a capital or a digit ("PorsgrunnPer")."""
    chars = word.get("chars") or []
    size = word.get("size") or (word["bottom"] - word["top"])
    pieces, start = [], 0
    for i in range(1, len(chars)):
        gap = chars[i]["x0"] - chars[i - 1]["x1"]
        if gap >= 0.5 and (chars[i]["text"].isupper() or chars[i]["text"].isdigit()) \
                and chars[i - 1]["text"].isalpha() and chars[i - 1]["text"].islower():
            pieces.append(chars[start:i])
            start = i
    pieces.append(chars[start:])
    if len(pieces) == 1:
        return [{"text": word["text"], "x0": word["x0"], "x1": word["x1"], "top": word["top"],
                 "bottom": word["bottom"], "size": size}]
    return [{"text": "".join(c["text"] for c in cs), "x0": cs[0]["x0"], "x1": cs[-1]["x1"],
             "top": word["top"], "bottom": word["bottom"], "size": size, "tab_before": k > 0}
            for k, cs in enumerate(pieces)]


# pdfminer lays out a dense page in about 0.1 s (0.4 s on a busy machine): more pages than this are
# refused rather than tying up a build for an hour. Minutes run to tens of pages, not thousands.
MAX_PDF_PAGES = 1000


def read_pdf(data: bytes, path: str) -> tuple[list[Line], dict]:
    if not data.lstrip()[:1024].startswith(b"%PDF") and b"%PDF" not in data[:1024]:
        raise SourceError(path, "corrupt PDF: no PDF header")
    pdf, page_count = _open_pdf(data, path)
    if page_count > MAX_PDF_PAGES:
        pdf.close()
        raise SourceError(path, f"PDF has {page_count} pages (at most {MAX_PDF_PAGES} are read); split the file or "
                                "publish the minutes without their appendices")
    with pdf:
        pages = [_layout_page(_page_content(page, number, path), number)
                 for number, page in enumerate(pdf.pages, start=1)]
    if not any(page["chars"] for page in pages):
        if page_count == 0:
            raise SourceError(path, "corrupt PDF: it has no pages")
        return _ocr(data, path, page_count), {}
    try:
        return render(_assemble(pages)), {}
    except RecursionError:  # our layout recurses into nested tables: a limit of the file, not a bug
        raise SourceError(path, "PDF layout too deeply nested to read") from None


@dataclass
class _PageContent:
    """What pdfplumber found on one page: its words, ruled-table boxes and ruling lines, and its size."""
    words: list[dict]
    table_boxes: list[tuple]
    edges: list[dict]
    width: float
    height: float


def _open_pdf(data: bytes, path: str):
    """The pdfplumber document and its page count."""
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        return pdf, len(pdf.pages)
    except DAMAGED_PDF as exc:
        raise _damaged(path, exc) from None


def _page_content(page, number: int, path: str) -> _PageContent:
    """Every pdfplumber call for one page, so that only they are caught as a damaged file."""
    try:
        content = _PageContent(_page_words(page), _table_boxes(page), list(page.edges),
                               float(page.width), float(page.height))
    except DAMAGED_PDF as exc:
        raise _damaged(path, exc) from None
    page.close()  # drop pdfplumber's cached layout: memory grows with the text, not the pages
    return content


def _table_boxes(page) -> list[tuple]:
    try:
        return [tuple(table.bbox) for table in page.find_tables()]
    except Exception:  # noqa: BLE001 - the table finder failing is no reason to lose the page's text:
        # it wraps nothing but pdfplumber's table finder, pure geometry over the page's objects whose
        # errors on odd drawings are builtins of every kind.
        return []


def _layout_page(content: _PageContent, number: int) -> dict:
    """One page's lines and ruled tables (our code: nothing here is caught)."""
    words = _split_words(content.words)
    chars = sum(len(w["text"]) for w in words)
    tables = []
    for bbox in content.table_boxes:
        inside = [w for w in words if bbox[0] <= (w["x0"] + w["x1"]) / 2 <= bbox[2]
                  and bbox[1] <= (w["top"] + w["bottom"]) / 2 <= bbox[3]]
        part = _table_part(content.edges, bbox, number, inside)
        if part is None:
            continue
        tables.append(part)
        ids = {id(w) for w in inside}
        words = [w for w in words if id(w) not in ids]
    return {"number": number, "width": content.width, "height": content.height,
            "lines": build_lines(words, number), "tables": tables, "chars": chars}


def _damaged(path: str, exc: BaseException) -> SourceError:
    if _is_password_error(exc):
        return SourceError(path, "encrypted PDF: it needs a password to open; save an unprotected copy")
    return SourceError(path, f"corrupt PDF: {type(exc).__name__}: {exc}")


def _is_password_error(exc: BaseException | None) -> bool:
    seen = 0
    while exc is not None and seen < 5:
        if "password" in f"{type(exc).__name__} {exc}".lower() or "PDFEncryption" in type(exc).__name__:
            return True
        exc = exc.__cause__ or exc.__context__ or (exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None)
        seen += 1
    return False


# ---------------------------------------------------------------- OCR


def _tesseract_ready() -> bool:
    exe = shutil.which("tesseract")
    if not exe:
        return False
    try:
        langs = subprocess.run([exe, "--list-langs"], check=False, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return "nor" in (langs.stdout + langs.stderr).split()


def _ocr(data: bytes, path: str, page_count: int) -> list[Line]:
    if not _tesseract_ready():
        raise SourceError(path, "no text layer: needs OCR (install tesseract-ocr and tesseract-ocr-nor)")
    dpi = 300
    scale = 72.0 / dpi
    pages = []
    with tempfile.TemporaryDirectory(prefix="minutes-ocr-") as tmp:
        tmpdir = Path(tmp)
        pdf_file = tmpdir / "in.pdf"
        pdf_file.write_bytes(data)
        for number in range(1, page_count + 1):
            image = _render_page(pdf_file, number, dpi, tmpdir, path)
            try:
                proc = subprocess.run(["tesseract", str(image), "stdout", "-l", "nor", "--psm", "3", "tsv"],
                                      check=False, capture_output=True, text=True, timeout=300)  # returncode below
            except (OSError, subprocess.SubprocessError) as exc:
                raise SourceError(path, f"OCR failed on page {number}: {exc}") from None
            if proc.returncode != 0:
                raise SourceError(path, f"OCR failed on page {number}: {proc.stderr.strip()[-300:]}")
            words, width, height = _tsv_words(proc.stdout, scale)
            pages.append({"number": number, "width": width, "height": height,
                          "lines": build_lines(words, number), "tables": []})
            image.unlink(missing_ok=True)
    lines = render(_assemble(pages))
    return [Line(ln.number, ln.text, f"{ln.origin} (OCR)" if ln.origin else None) for ln in lines]


def _render_page(pdf_file: Path, number: int, dpi: int, tmpdir: Path, path: str) -> Path:
    stem = tmpdir / f"page{number}"
    if shutil.which("pdftoppm"):
        try:
            subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(number), "-l", str(number), "-gray",
                            "-png", "-singlefile", str(pdf_file), str(stem)],
                           check=True, capture_output=True, timeout=300)
            return stem.with_suffix(".png")
        except (OSError, subprocess.SubprocessError):
            pass
    import pypdfium2  # pdfplumber's own renderer, installed with it

    try:
        doc = pypdfium2.PdfDocument(str(pdf_file))
        image = doc[number - 1].render(scale=dpi / 72).to_pil()
        image.save(stem.with_suffix(".png"))
        return stem.with_suffix(".png")
    except (pypdfium2.PdfiumError, IndexError, OSError) as exc:  # a page pdfium does not have; PIL's save
        raise SourceError(path, f"cannot render page {number} for OCR: {exc}") from None


def _tsv_words(tsv: str, scale: float) -> tuple[list[dict], float, float]:
    rows = [r.split("\t") for r in tsv.splitlines()]
    header = rows[0] if rows else []
    col = {name: i for i, name in enumerate(header)}
    width = height = 0.0
    line_heights: dict[tuple, float] = {}
    words = []
    for r in rows[1:]:
        if len(r) < len(header):
            continue
        level = int(r[col["level"]])
        left, top, w, h = (int(r[col[k]]) for k in ("left", "top", "width", "height"))
        key = (r[col["block_num"]], r[col["par_num"]], r[col["line_num"]])
        if level == 1:
            width, height = w * scale, h * scale
        elif level == 4:
            line_heights[key] = h * scale
        elif level == 5:
            text = r[col["text"]].strip()
            if not text or float(r[col["conf"]]) < 0:
                continue
            size = line_heights.get(key, h * scale) * 0.8
            words.append({"text": text, "x0": left * scale, "x1": (left + w) * scale,
                          "top": top * scale, "bottom": (top + h) * scale, "size": size})
    return words, width, height
