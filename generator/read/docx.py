"""Word documents (.docx): paragraphs, headings, numbered and bulleted lists, tables, footnotes.

python-docx opens the package (it finds the main document part and its related parts);
the WordprocessingML is then walked directly with lxml, because python-docx neither renders
list numbers nor exposes footnotes, fields or nested content controls.

Dropped: headers and footers (separate parts, never read), comments, bookmarks, field codes
(the field's displayed result is kept), deleted text of tracked changes, footnote markers
(the footnote text is appended at the end under ``Fotnoter``).
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

import docx  # python-docx
from docx.exceptions import PythonDocxError
from docx.opc.exceptions import OpcError, PackageNotFoundError
from lxml import etree

from ..errors import SourceError
from ..model import Line
from .blocks import (
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

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_W = "{%s}" % W
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


# What opening a damaged or unusual package raises (python-docx 1.2, lxml 6), caught only around
# those calls (_open_document): python-docx raises plain builtins of its own.
DAMAGED_DOCX = (
    *DAMAGED_ZIP,  # python-docx reads the package with zipfile
    OpcError,  # docx.opc.exceptions: PackageNotFoundError and the package layer's own
    PythonDocxError,  # docx.exceptions: InvalidXmlError, InvalidSpanError
    etree.XMLSyntaxError,  # a part that is not well-formed XML (python-docx and our etree.fromstring)
    KeyError,  # docx.opc.pkgreader, docx.opc.rel: a part or relationship type missing
    TypeError,  # docx.opc.part: a part name that is not a PackURI
    ValueError,  # docx.api ("not a Word file"), docx.opc.packuri, docx.opc.rel: bad URIs and content types
)


def w(tag: str) -> str:
    return _W + tag


def _val(el, attr: str = "val") -> str | None:
    return None if el is None else el.get(w(attr))


def _on(el) -> bool:
    """A WordprocessingML toggle property (<w:b/>, <w:b w:val="0"/>)."""
    if el is None:
        return False
    return (el.get(w("val")) or "true").lower() not in ("0", "false", "off", "none")


# ---------------------------------------------------------------- styles and numbering


class _Styles:
    def __init__(self, root):
        self.by_id: dict[str, etree._Element] = {}
        self.default_para: str | None = None
        if root is None:
            return
        for style in root.iter(w("style")):
            sid = style.get(w("styleId"))
            if sid:
                self.by_id[sid] = style
                if style.get(w("type")) == "paragraph" and _on_attr(style.get(w("default"))):
                    self.default_para = sid

    def chain(self, sid: str | None):
        seen = set()
        while sid and sid in self.by_id and sid not in seen:
            seen.add(sid)
            style = self.by_id[sid]
            yield style
            sid = _val(style.find(w("basedOn")))

    def heading_level(self, sid: str | None) -> int:
        for style in self.chain(sid):
            lvl = markup_int(_val(style.find(f"{_W}pPr/{_W}outlineLvl")), -1)
            if lvl >= 0:
                return lvl + 1 if lvl < 9 else 0
            name = (_val(style.find(w("name"))) or "").strip().lower()
            match = re.fullmatch(r"(?:heading|overskrift|rubrik|otsikko)\s*(\d)", name)
            if match:
                return int(match.group(1))
        return 0

    def numbering(self, sid: str | None) -> tuple[str | None, int | None]:
        for style in self.chain(sid):
            numpr = style.find(f"{_W}pPr/{_W}numPr")
            if numpr is not None:
                num_id = _val(numpr.find(w("numId")))
                ilvl = _val(numpr.find(w("ilvl")))
                return num_id, _level_number(ilvl)
        return None, None

    def run_flags(self, sid: str | None) -> tuple[bool, bool]:
        bold = italic = False
        for style in self.chain(sid):
            rpr = style.find(w("rPr"))
            if rpr is not None:
                bold = bold or _on(rpr.find(w("b")))
                italic = italic or _on(rpr.find(w("i")))
        return bold, italic


def _on_attr(value: str | None) -> bool:
    return (value or "").lower() in ("1", "true", "on")


class _Numbering:
    """List definitions and the running counters that give each item the number Word shows."""

    def __init__(self, root, styles: _Styles):
        self.abstract: dict[str, dict[int, dict]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        if root is None:
            return
        links: dict[str, str] = {}
        for absn in root.iter(w("abstractNum")):
            aid = absn.get(w("abstractNumId"))
            self.abstract[aid] = {markup_int(lvl.get(w("ilvl")), 0): self._level(lvl) for lvl in absn.iter(w("lvl"))}
            link = _val(absn.find(w("numStyleLink")))
            if link:
                links[aid] = link
        for num in root.iter(w("num")):
            nid = num.get(w("numId"))
            aid = _val(num.find(w("abstractNumId")))
            overrides = {}
            for ov in num.iter(w("lvlOverride")):
                start = markup_int(_val(ov.find(w("startOverride"))), None)
                if start is not None:
                    overrides[markup_int(ov.get(w("ilvl")), 0)] = start
                lvl = ov.find(w("lvl"))
                if lvl is not None and aid in self.abstract:
                    self.abstract[aid] = dict(self.abstract[aid])
                    self.abstract[aid][markup_int(ov.get(w("ilvl")), 0)] = self._level(lvl)
            self.nums[nid] = (aid, overrides)
        # An abstract list that only links to a numbering style takes that style's list.
        for aid, style_id in links.items():
            if self.abstract.get(aid) and any(v.get("fmt") for v in self.abstract[aid].values()):
                continue
            num_id, _ = styles.numbering(style_id)
            if num_id in self.nums and self.nums[num_id][0] in self.abstract:
                self.abstract[aid] = self.abstract[self.nums[num_id][0]]

    @staticmethod
    def _level(lvl) -> dict:
        return {
            "fmt": _val(lvl.find(w("numFmt"))) or "decimal",
            "text": _val(lvl.find(w("lvlText"))),
            "start": markup_int(_val(lvl.find(w("start"))), 1),
        }

    def label(self, num_id: str, ilvl: int) -> str | None:
        """Advance the counter of this list level and return the item's marker."""
        if num_id not in self.nums:
            return None
        aid, overrides = self.nums[num_id]
        levels = self.abstract.get(aid) or {}
        level = levels.get(ilvl) or {"fmt": "decimal", "text": f"%{ilvl + 1}.", "start": 1}
        if level["fmt"] == "bullet":
            return "-"
        if level["fmt"] == "none" and not re.search(r"\S", (level["text"] or "").replace("%", "")):
            return None
        counters = self.counters.setdefault(aid, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for lv, start in overrides.items():
                counters[lv] = start - 1
        counters[ilvl] = counters.get(ilvl, levels.get(ilvl, level)["start"] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]

        def number(match):
            k = int(match.group(1)) - 1
            lv = levels.get(k) or level
            value = counters.get(k, lv["start"])
            return format_number(value, "decimal" if lv["fmt"] == "bullet" else lv["fmt"])

        template = level["text"] if level["text"] is not None else f"%{ilvl + 1}."
        text = re.sub(r"%(\d)", number, template).strip()
        if not text:
            return None
        if re.fullmatch(r"[0-9A-Za-z]+", text):
            text += "."
        return text


# ---------------------------------------------------------------- the document walk


class _Walker:
    def __init__(self, styles: _Styles, numbering: _Numbering, footnotes: dict[str, str],
                 links: dict[str, str] | None = None):
        self.links = links or {}  # relationship id -> external hyperlink target
        self.styles = styles
        self.numbering = numbering
        self.footnote_texts = footnotes
        self.footnotes: list[tuple[str, str | None]] = []
        self.paragraphs = 0

    # body-level content ------------------------------------------------------
    def blocks(self, parent) -> list:
        out: list = []
        for child in parent:
            tag = child.tag
            if tag == w("p"):
                out.extend(self.paragraph(child))
            elif tag == w("tbl"):
                out.append(self.table(child))
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    out.extend(self.blocks(content))
            elif tag in (w("customXml"), w("ins"), w("moveTo")):
                out.extend(self.blocks(child))
            elif tag == f"{{{MC}}}AlternateContent":
                out.extend(self.blocks(_alternate(child)))
        return out

    def table(self, tbl) -> Table:
        table = Table(origin=f"avsnitt {self.paragraphs + 1}")
        for tr in _children(tbl, "tr"):
            row: list[list] = []
            trpr = tr.find(w("trPr"))
            if trpr is not None and _on(trpr.find(w("tblHeader"))) and len(table.rows) == table.header_rows:
                table.header_rows += 1
            for _ in range(_span(_val(trpr.find(w("gridBefore")) if trpr is not None else None), 0)):
                row.append([])
            for tc in _children(tr, "tc"):
                tcpr = tc.find(w("tcPr"))
                vmerge = tcpr.find(w("vMerge")) if tcpr is not None else None
                content = self.blocks(tc)
                if vmerge is not None and (vmerge.get(w("val")) or "continue") == "continue":
                    content = []  # the merged cell's content was given in the row above
                row.append(content)
                span = _span(_val(tcpr.find(w("gridSpan")) if tcpr is not None else None), 1)
                row.extend([] for _ in range(span - 1))
            table.rows.append(row)
        return table

    def paragraph(self, p) -> list:
        self.paragraphs += 1
        origin = f"avsnitt {self.paragraphs}"
        ppr = p.find(w("pPr"))
        style_id = _val(ppr.find(w("pStyle"))) if ppr is not None else None
        style_id = style_id or self.styles.default_para
        self.run_style = self.styles.run_flags(style_id)
        self.extra: list = []
        segments: list[tuple[str, bool, bool]] = []
        self.inline(p, segments, False, False)
        text = emphasis(segments)
        heading = 0
        outline = markup_int(_val(ppr.find(w("outlineLvl"))) if ppr is not None else None, -1)
        if outline >= 0:  # noqa: SIM108 - one conditional expression inside another would hide the two cases
            heading = outline + 1 if outline < 9 else 0
        else:
            heading = self.styles.heading_level(style_id)
        label = None
        level = 0
        num_id, ilvl = self.styles.numbering(style_id)
        numpr = ppr.find(w("numPr")) if ppr is not None else None
        if numpr is not None:
            direct_id = _val(numpr.find(w("numId")))
            direct_lvl = _val(numpr.find(w("ilvl")))
            num_id = direct_id if direct_id is not None else num_id
            if _level_number(direct_lvl) is not None:
                ilvl = _level_number(direct_lvl)
        if num_id and num_id != "0" and text.strip():
            ilvl = ilvl or 0
            label = self.numbering.label(num_id, ilvl)
            level = ilvl
        para = Para(clean_text(text), origin, heading=min(heading, 6) if heading else 0)
        if label and heading:
            para.text = f"{label} {para.text}"
        elif label:
            para.label, para.level = label, level
        return [para, *self.extra]

    # run-level content -------------------------------------------------------
    def inline(self, parent, segments: list, bold: bool, italic: bool):
        for child in parent:
            tag = child.tag
            if tag == w("r"):
                self.run(child, segments)
            elif tag == w("hyperlink"):
                start = len(segments)
                self.inline(child, segments, bold, italic)
                shown = "".join(text for text, _, _ in segments[start:])
                target = link_target(self.links.get(child.get(R_ID) or ""), shown)
                if target:
                    segments.append((target, False, False))
            elif tag in (w("smartTag"), w("fldSimple"), w("ins"), w("customXml"), w("moveTo"), w("dir"), w("bdo")):
                self.inline(child, segments, bold, italic)
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    self.inline(content, segments, bold, italic)
            elif tag == f"{{{MC}}}AlternateContent":
                self.inline(_alternate(child), segments, bold, italic)
            elif tag == f"{{{M}}}oMathPara" or tag == f"{{{M}}}oMath":
                segments.append(("".join(t.text or "" for t in child.iter(f"{{{M}}}t")), False, False))
            # pPr, bookmarks, comment ranges, proofing marks, w:del, w:moveFrom: dropped

    def run(self, r, segments: list):
        rpr = r.find(w("rPr"))
        bold, italic = self.run_style
        if rpr is not None:
            rstyle = _val(rpr.find(w("rStyle")))
            if rstyle:
                sb, si = self.styles.run_flags(rstyle)
                bold, italic = bold or sb, italic or si
            b, i = rpr.find(w("b")), rpr.find(w("i"))
            bold = _on(b) if b is not None else bold
            italic = _on(i) if i is not None else italic
            if _on(rpr.find(w("vanish"))) or _on(rpr.find(w("webHidden"))):
                return  # hidden text is not shown on the page
        for child in r:
            tag = child.tag
            if tag == w("t"):
                # An unresolved entity (&name; declared in a DTD) is a child node: the text after it is
                # its tail, and child.text alone lost the rest of the paragraph.
                text = (child.text or "") + "".join(sub.tail or "" for sub in child)
                if child.get(XML_SPACE) != "preserve":
                    text = text.strip(" ")  # as Word shows it: edge spaces need xml:space
                segments.append((text, bold, italic))
            elif tag == w("tab") or tag == w("ptab"):
                segments.append(("\t", False, False))
            elif tag in (w("br"), w("cr")):
                segments.append(("\n", False, False))
            elif tag == w("noBreakHyphen"):
                segments.append(("-", bold, italic))
            elif tag == w("sym"):
                code = child.get(w("char")) or ""
                try:
                    ch = chr(int(code, 16))
                except (ValueError, OverflowError):  # not hex, or beyond Unicode (OverflowError past a C int)
                    ch = ""
                if ch and not 0xE000 <= ord(ch) <= 0xF8FF:  # symbol-font private-use glyphs
                    segments.append((ch, bold, italic))
            elif tag in (w("footnoteReference"), w("endnoteReference")):
                note_id = child.get(w("id"))
                kind = "footnote" if tag == w("footnoteReference") else "endnote"
                text = self.footnote_texts.get(f"{kind}:{note_id}")
                if text:
                    self.footnotes.append((text, f"fotnote {len(self.footnotes) + 1}"))
            elif tag == f"{{{MC}}}AlternateContent":
                self.textboxes(_alternate(child))
            elif tag in (w("drawing"), w("pict"), w("object")):
                self.textboxes(child)
            # instrText (field codes), delText, softHyphen, comment references, fldChar: dropped

    def textboxes(self, el):
        """Text boxes in drawings become paragraphs after the paragraph that anchors them."""
        for box in el.iter(w("txbxContent")):
            saved = (self.run_style, self.extra)
            blocks = self.blocks(box)
            self.run_style, self.extra = saved
            self.extra.extend(blocks)


def _alternate(el):
    """The first alternative of mc:AlternateContent (the fallback repeats the same content)."""
    for tag in ("Choice", "Fallback"):
        found = el.find(f"{{{MC}}}{tag}")
        if found is not None:
            return found
    return []


def _children(el, name: str):
    """Direct children called ``name``, looking through content controls and custom XML."""
    for child in el:
        if child.tag == w(name):
            yield child
        elif child.tag in (w("sdt"), w("customXml")):
            inner = child.find(w("sdtContent")) if child.tag == w("sdt") else child
            if inner is not None:
                yield from _children(inner, name)


def _span(value: str | None, default: int) -> int:
    """A count of grid columns (gridSpan, gridBefore), at most MAX_SPAN."""
    return markup_count(value, default, MAX_SPAN)


def _level_number(value: str | None) -> int | None:
    """A list level (w:ilvl): a number from 0, else None."""
    return markup_count(value, None)


# ---------------------------------------------------------------- entry point


def _part_xml(document, reltype_suffix: str):
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/" + reltype_suffix) and not rel.is_external:
            return etree.fromstring(rel.target_part.blob)
    return None


def _notes(root, kind: str, styles: _Styles, numbering: _Numbering) -> dict[str, str]:
    notes: dict[str, str] = {}
    if root is None:
        return notes
    walker = _Walker(styles, numbering, {})
    for note in root.iter(w(kind)):
        if note.get(w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        texts = [b.text for b in walker.blocks(note) if isinstance(b, Para) and b.text.strip()]
        notes[f"{kind}:{note.get(w('id'))}"] = " ".join(texts)
    return notes


def read_docx(data: bytes, path: str) -> tuple[list[Line], dict]:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise SourceError(path, "corrupt Word document: this is an old Word .doc file, not .docx; "
                                "save it as .docx")
    _check_zip(data, path)
    document = _open_document(data, path)
    styles = _Styles(document.parts["styles"])
    numbering = _Numbering(document.parts["numbering"], styles)
    notes = _notes(document.parts["footnotes"], "footnote", styles, numbering)
    notes.update(_notes(document.parts["endnotes"], "endnote", styles, numbering))
    walker = _Walker(styles, numbering, notes, document.links)
    blocks = walker.blocks(document.body)
    return render(blocks, walker.footnotes), {}


def _check_zip(data: bytes, path: str) -> None:
    """Refuse a zip bomb, then inflate every member once, so a damaged one is named."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            check_package(zf, path, "Word document")  # before testzip(), which inflates every part
            bad = zf.testzip()
    except zipfile.BadZipFile as exc:
        raise SourceError(path, f"corrupt Word document: not a valid ZIP archive ({exc})") from None
    except DAMAGED_ZIP as exc:
        raise SourceError(path, f"corrupt Word document: damaged ZIP archive ({type(exc).__name__}: {exc})") from None
    if bad:
        raise SourceError(path, f"corrupt Word document: damaged ZIP member '{bad}'")


@dataclass
class _Package:
    """What python-docx found in the package: the body element, the XML of the parts we walk, links."""
    body: etree._Element
    parts: dict[str, etree._Element | None]
    links: dict[str, str]


def _open_document(data: bytes, path: str) -> _Package:
    """Every python-docx and lxml call of this reader, so that only they are caught as a damaged file."""
    try:
        document = docx.Document(io.BytesIO(data))
        parts = {name: _part_xml(document, name) for name in ("styles", "numbering", "footnotes", "endnotes")}
        links = {rid: rel.target_ref for rid, rel in document.part.rels.items() if rel.is_external}
        root = document.element
    except KeyError as exc:  # python-docx: a part the package's relationships name is missing
        raise SourceError(path, f"corrupt Word document: missing part {exc}") from None
    except (PackageNotFoundError, ValueError) as exc:  # python-docx: the main part is not a Word document
        raise SourceError(path, f"corrupt Word document: not a Word document ({exc})") from None
    except DAMAGED_DOCX as exc:
        raise SourceError(path, f"corrupt Word document: {type(exc).__name__}: {exc}") from None
    # python-docx gives whatever root the main part has (a plain element without .body when it is not
    # <w:document>), and a <w:document> may lack its <w:body>
    if root.tag != w("document"):
        raise SourceError(path, f"corrupt Word document: its main part is <{etree.QName(root).localname}>, "
                                "not <w:document>")
    body = root.find(w("body"))
    if body is None:
        raise SourceError(path, "corrupt Word document: the document has no body (<w:body>)")
    return _Package(body, parts, links)
