"""OpenDocument text (.odt): paragraphs, headings, lists with their shown numbers, tables, notes.

The package is read with zipfile and its ``content.xml``/``styles.xml`` walked with lxml:
the ODF vocabulary maps directly onto our blocks, and odfpy would add only a slower DOM.
List numbers are not stored in the file, so they are counted here the way LibreOffice shows
them (lists continue with ``text:continue-list`` / ``text:continue-numbering``, restart
otherwise, ``text:start-value`` overrides).

Dropped: headers and footers (they live in styles.xml, never read), annotations (comments),
bookmarks and reference marks, tracked-change records, note citations (the note text is
appended at the end under ``Fotnoter``), the index source of a table of contents.
"""
from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from lxml import etree

from ..errors import SourceError
from ..model import Line
from .blocks import (
    MAX_SPACES,
    MAX_SPAN,
    Para,
    Table,
    clean_text,
    emphasis,
    format_number,
    link_target,
    markup_count,
    markup_int,
    render,
)
from .package import DAMAGED_ZIP, check_package

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "xml": "http://www.w3.org/XML/1998/namespace",
}


XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def q(name: str) -> str:
    prefix, local = name.split(":")
    return "{%s}%s" % (NS[prefix], local)


_FORMATS = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}


class _Styles:
    def __init__(self, roots):
        self.text: dict[str, tuple[bool | None, bool | None]] = {}
        self.hidden: set[str] = set()
        self.parents: dict[str, str] = {}
        self.lists: dict[str, dict[int, dict]] = {}
        for root in roots:
            if root is None:
                continue
            for style in root.iter(q("style:style")):
                name = style.get(q("style:name"))
                props = style.find(q("style:text-properties"))
                bold = italic = None
                if props is not None:
                    weight = props.get(q("fo:font-weight"))
                    if weight:
                        bold = weight == "bold" or markup_int(weight, 0) >= 600
                    fstyle = props.get(q("fo:font-style"))
                    if fstyle:
                        italic = fstyle in ("italic", "oblique")
                    if props.get(q("text:display")) == "none":
                        self.hidden.add(name)
                self.text[name] = (bold, italic)
                parent = style.get(q("style:parent-style-name"))
                if parent:
                    self.parents[name] = parent
            for lst in root.iter(q("text:list-style")):
                levels: dict[int, dict] = {}
                for lvl in lst:
                    level = markup_int(lvl.get(q("text:level")), 1)
                    if lvl.tag == q("text:list-level-style-number"):
                        fmt = lvl.get(q("style:num-format"))
                        levels[level] = {
                            "kind": "number" if fmt else "none",
                            "fmt": _FORMATS.get(fmt or "1", "decimal"),
                            "prefix": lvl.get(q("style:num-prefix")) or "",
                            "suffix": lvl.get(q("style:num-suffix")) or "",
                            "start": markup_int(lvl.get(q("text:start-value")), 1),
                            "display": markup_int(lvl.get(q("text:display-levels")), 1),
                        }
                    elif lvl.tag == q("text:list-level-style-bullet"):
                        levels[level] = {"kind": "bullet"}
                    else:
                        levels[level] = {"kind": "none"}
                self.lists[lst.get(q("style:name"))] = levels

    def flags(self, name: str | None) -> tuple[bool | None, bool | None]:
        bold = italic = None
        seen = set()
        while name and name not in seen:
            seen.add(name)
            b, i = self.text.get(name, (None, None))
            bold = b if bold is None else bold
            italic = i if italic is None else italic
            name = self.parents.get(name)
        return bold, italic


class _ListState:
    """Running counters per chain of continued lists."""

    def __init__(self):
        self.chain_of: dict[str, int] = {}
        self.last_chain_of_style: dict[str, int] = {}
        self.counters: dict[int, dict[int, int]] = {}
        self.next_chain = 0

    def chain(self, lst, style: str | None) -> int:
        cont = lst.get(q("text:continue-list"))
        if cont and cont in self.chain_of:
            chain = self.chain_of[cont]
        elif lst.get(q("text:continue-numbering")) == "true" and style in self.last_chain_of_style:
            chain = self.last_chain_of_style[style]
        else:
            self.next_chain += 1
            chain = self.next_chain
            self.counters[chain] = {}
        xml_id = lst.get(q("xml:id"))
        if xml_id:
            self.chain_of[xml_id] = chain
        if style:
            self.last_chain_of_style[style] = chain
        return chain


class _Walker:
    def __init__(self, styles: _Styles):
        self.styles = styles
        self.lists = _ListState()
        self.paragraphs = 0
        self.footnotes: list[tuple[str, str | None]] = []
        self.extra: list = []

    def blocks(self, parent, list_ctx=None) -> list:
        out: list = []
        for child in parent:
            tag = child.tag
            if tag in (q("text:p"), q("text:h")):
                out.extend(self.paragraph(child))
            elif tag == q("text:list"):
                out.extend(self.text_list(child, list_ctx))
            elif tag == q("table:table"):
                out.append(self.table(child))
            elif tag in (q("text:section"), q("text:index-body"), q("text:change-region")):
                out.extend(self.blocks(child))
            elif tag in (q("text:table-of-content"), q("text:alphabetical-index"), q("text:illustration-index"),
                         q("text:table-index"), q("text:object-index"), q("text:user-index"),
                         q("text:bibliography")):
                body = child.find(q("text:index-body"))
                if body is not None:
                    out.extend(self.blocks(body))
            # tracked-changes records, sequence declarations, forms, soft page breaks: dropped
        return out

    def text_list(self, lst, ctx) -> list:  # not `list`: that name would hide the type in this class
        """ctx = (chain, style, level) of the enclosing list, None at the outermost level."""
        style = lst.get(q("text:style-name"))
        if ctx is None:
            style = style or None
            chain = self.lists.chain(lst, style)
            level = 1
        else:
            chain, outer_style, outer_level = ctx
            style = style or outer_style
            level = outer_level + 1
        out = []
        for item in lst:
            if item.tag not in (q("text:list-item"), q("text:list-header")):
                continue
            start = item.get(q("text:start-value"))
            first = True
            for child in item:
                if child.tag == q("text:list"):
                    out.extend(self.text_list(child, (chain, style, level)))
                    continue
                blocks = self.blocks([child])
                for block in blocks:
                    if isinstance(block, Para) and first and item.tag == q("text:list-item") and not block.heading:
                        block.label = self.label(chain, style, level, markup_count(start, None))
                        block.level = level - 1
                        first = False
                    out.append(block)
        return out

    def label(self, chain: int, style: str | None, level: int, start: int | None) -> str | None:
        levels = self.styles.lists.get(style or "", {})
        spec = levels.get(level, {"kind": "bullet"})
        if spec["kind"] == "bullet":
            return "-"
        if spec["kind"] == "none":
            return "-"
        counters = self.lists.counters.setdefault(chain, {})
        if start is not None:
            counters[level] = start
        else:
            counters[level] = counters.get(level, spec["start"] - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        parts = []
        for lv in range(level - spec["display"] + 1, level + 1):
            lspec = levels.get(lv, spec)
            value = counters.get(lv, lspec.get("start", 1))
            parts.append(format_number(value, lspec.get("fmt", "decimal")))
        text = spec["prefix"] + ".".join(parts) + spec["suffix"]
        text = text.strip()
        if re.fullmatch(r"[0-9A-Za-z.]+", text) and not text.endswith("."):
            text += "."
        return text or None

    def table(self, tbl) -> Table:
        table = Table(origin=f"avsnitt {self.paragraphs + 1}")

        def rows(parent, header=False):
            for child in parent:
                if child.tag == q("table:table-header-rows"):
                    yield from rows(child, True)
                elif child.tag in (q("table:table-rows"), q("table:table-row-group")):
                    yield from rows(child, header)
                elif child.tag == q("table:table-row"):
                    yield child, header

        for tr, header in rows(tbl):
            if header and len(table.rows) == table.header_rows:
                table.header_rows += 1
            row: list[list] = []
            for tc in tr:
                if tc.tag == q("table:table-cell"):
                    row.append(self.blocks(tc))
                    span = markup_count(tc.get(q("table:number-columns-spanned")), 1, MAX_SPAN)
                    row.extend([] for _ in range(span - 1))
                elif tc.tag == q("table:covered-table-cell") and not _covered_by_colspan(tc):
                    row.append([])  # covered by a row span above (one covered by a span in this row is padded)
            repeat = tr.get(q("table:number-rows-repeated"))
            table.rows.append(row)
            repeat = markup_count(repeat, 1, 100)
            if repeat > 1 and any(row):
                table.rows.extend([list(c) for c in row] for _ in range(repeat - 1))
        return table

    def paragraph(self, p) -> list:
        self.paragraphs += 1
        origin = f"avsnitt {self.paragraphs}"
        saved_extra, self.extra = self.extra, []
        segments: list[tuple[str, bool, bool]] = []
        bold, italic = self.styles.flags(p.get(q("text:style-name")))
        self.inline(p, segments, bool(bold), bool(italic))
        text = emphasis(segments)
        heading = 0
        if p.tag == q("text:h"):
            level = p.get(q("text:outline-level"))
            heading = markup_count(level, 1)
        para = Para(clean_text(text), origin, heading=min(heading, 6))
        extra, self.extra = self.extra, saved_extra
        return [para, *extra]

    def inline(self, parent, segments: list, bold: bool, italic: bool):
        """The text of ``parent`` and its inline children, in order. An explicit stack, not recursion:
        1,500 nested ``text:span`` (export debris) exceeded Python's recursion limit and lost the file."""
        stack: list[tuple[str, Any, bool, bool]] = [("open", parent, bold, italic)]  # lxml elements, untyped
        while stack:
            action, node, bold, italic = stack.pop()
            if action == "tail":
                if node.tail:
                    segments.append((_ws(node.tail), bold, italic))
            elif action == "link":  # a hyperlink's web address, after its text
                segments.append((node, False, False))
            elif action == "open":
                if node.text:
                    segments.append((_ws(node.text), bold, italic))
                for child in reversed(node):
                    stack.append(("tail", child, bold, italic))
                    stack.append(("child", child, bold, italic))
            else:
                stack.extend(self._inline_child(node, segments, bold, italic))

    def _inline_child(self, child, segments: list, bold: bool, italic: bool) -> list:
        """Handle one inline element; return what still has to be opened (its content)."""
        tag = child.tag
        if tag == q("text:span"):
            if child.get(q("text:style-name")) in self.styles.hidden:
                return []
            b, i = self.styles.flags(child.get(q("text:style-name")))
            return [("open", child, bold if b is None else b, italic if i is None else i)]
        if tag == q("text:s"):
            count = child.get(q("text:c"))
            segments.append((" " * markup_count(count, 1, MAX_SPACES), bold, italic))
        elif tag == q("text:tab"):
            segments.append(("\t", False, False))
        elif tag == q("text:line-break"):
            segments.append(("\n", False, False))
        elif tag == q("text:number"):
            segments.append(((child.text or "") + " ", False, False))
        elif tag == q("text:note"):
            body = child.find(q("text:note-body"))
            if body is not None:
                counted = self.paragraphs  # note paragraphs are not body paragraphs
                texts = [b.text for b in self.blocks(body) if isinstance(b, Para) and b.text.strip()]
                self.paragraphs = counted
                if texts:
                    self.footnotes.append((" ".join(texts), f"fotnote {len(self.footnotes) + 1}"))
        elif tag in DROPPED_INLINE:
            pass
        elif tag == q("draw:frame") or tag == q("draw:a"):
            for box in child.iter(q("draw:text-box")):
                self.extra.extend(self.blocks(box))
        elif isinstance(tag, str) and tag.startswith("{%s}" % NS["draw"]):
            pass  # images, shapes
        elif tag == q("text:a"):
            target = link_target(child.get(XLINK_HREF), "".join(child.itertext()))
            return [("link", target, False, False), ("open", child, bold, italic)] if target \
                else [("open", child, bold, italic)]
        elif isinstance(tag, str):
            # text:meta, fields (page number, date, ...): their text is what is shown
            return [("open", child, bold, italic)]
        return []


DROPPED_INLINE = frozenset(q(name) for name in (
    "office:annotation", "office:annotation-end", "text:bookmark", "text:bookmark-start", "text:bookmark-end",
    "text:reference-mark", "text:reference-mark-start", "text:reference-mark-end", "text:change",
    "text:change-start", "text:change-end", "text:toc-mark", "text:alphabetical-index-mark", "text:user-index-mark",
    "text:soft-page-break", "text:toc-mark-start", "text:toc-mark-end"))


def _covered_by_colspan(tc) -> bool:
    """True when a covered cell lies under a column span of an earlier cell in the same row."""
    prev = tc.getprevious()
    covered = 0
    while prev is not None:
        if prev.tag == q("table:covered-table-cell"):
            covered += 1
        elif prev.tag == q("table:table-cell"):
            span = prev.get(q("table:number-columns-spanned"))
            return markup_int(span, 1) - 1 > covered
        prev = prev.getprevious()
    return False


def _ws(text: str) -> str:
    """ODF collapses runs of whitespace in text content to one space (text:s carries the rest)."""
    return re.sub(r"[ \t\r\n]+", " ", text)


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def read_odt(data: bytes, path: str) -> tuple[list[Line], dict]:
    content, styles_root = _read_package(data, path)
    text_root = content.find(f"{q('office:body')}/{q('office:text')}")
    if text_root is None:
        raise SourceError(path, "not an OpenDocument text document (no office:text body)")
    walker = _Walker(_Styles([styles_root, content]))
    blocks = walker.blocks(text_root)
    return render(blocks, walker.footnotes), {}


def _read_package(data: bytes, path: str) -> tuple[etree._Element, etree._Element | None]:
    """content.xml and styles.xml parsed: every zipfile and lxml call of this reader, so that only
    they are caught as a damaged file."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise SourceError(path, f"corrupt OpenDocument file: not a valid ZIP archive ({exc})") from None
    except DAMAGED_ZIP as exc:
        raise SourceError(path, f"corrupt OpenDocument file: damaged ZIP archive ({type(exc).__name__}: {exc})") from None
    with zf:
        names = set(zf.namelist())
        check_package(zf, path, "OpenDocument file")
        mimetype = _member(zf, "mimetype", path).decode("ascii", "replace").strip() if "mimetype" in names else ""
        if mimetype and "opendocument.text" not in mimetype:
            raise SourceError(path, f"not an OpenDocument text document (mimetype {mimetype})")
        if "content.xml" not in names:
            raise SourceError(path, "corrupt OpenDocument file: content.xml is missing")
        content_xml = _member(zf, "content.xml", path)
        styles_xml = _member(zf, "styles.xml", path) if "styles.xml" in names else None
    try:
        content = etree.fromstring(content_xml, _PARSER)
        styles_root = etree.fromstring(styles_xml, _PARSER) if styles_xml is not None else None
    except etree.XMLSyntaxError as exc:  # lxml: the only error of a parser that resolves nothing
        raise SourceError(path, f"corrupt OpenDocument file: malformed XML ({exc})") from None
    return content, styles_root


def _member(zf: zipfile.ZipFile, name: str, path: str) -> bytes:
    try:
        return zf.read(name)
    except DAMAGED_ZIP as exc:
        raise SourceError(path, f"corrupt OpenDocument file: damaged archive ({type(exc).__name__}: {exc})") from None
