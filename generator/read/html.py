"""HTML minutes: Word's "Save as web page", LibreOffice's HTML export, case-handling systems.

BeautifulSoup (with the lxml parser) builds the tree, tolerant of the invalid markup such
exports contain; the tree is then walked into our blocks. Only text nodes become text: tags are
never passed through.

Handled: p/div/br, h1-h6, ul/ol/li (with start/value/type), Word's list paragraphs
(``mso-list`` styles, whose marker is in a ``mso-list:Ignore`` span), tables (nested ones once),
b/strong/i/em and bold/italic inline styles, ``mso-tab-count`` tabs, entities, footnotes of Word
(``mso-footnote-id``) and LibreOffice (``sdfootnote``) appended under ``Fotnoter``.
Dropped: head, script, style, comments (including Word's conditional comments), hidden
elements (``display:none``), Word/LibreOffice page headers, footers and comment lists.
"""
from __future__ import annotations

import re

from bs4 import BeautifulSoup
from bs4.exceptions import ParserRejectedMarkup

from ..errors import SourceError
from ..model import Line
from .blocks import Para, Table, clean_text, emphasis, format_number, link_target, render

BLOCK_CONTAINERS = {
    "body", "div", "section", "article", "main", "header", "footer", "nav", "aside", "blockquote",
    "center", "form", "fieldset", "figure", "figcaption", "address", "details", "summary", "dl",
    "html", "legend", "hgroup", "noframes",
}
PARAGRAPHS = {"p", "pre", "dt", "dd", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "listing", "xmp"}
DROPPED = {"script", "style", "head", "title", "meta", "link", "noscript", "template", "iframe",
           "object", "embed", "svg", "math", "canvas", "video", "audio", "select", "button", "map",
           "xml", "frameset", "frame", "option", "textarea"}
# What BeautifulSoup (bs4 4.13, lxml builder) raises for markup it cannot take: bs4.builder._lxml wraps the
# parser's UnicodeDecodeError, LookupError (an unknown declared encoding) and lxml.etree.ParserError, and
# BeautifulSoup.__init__ gives up with it once every encoding it tried was rejected.
DAMAGED_HTML = (ParserRejectedMarkup,)
_OL_TYPES = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}


def _style(tag) -> str:
    return (tag.get("style") or "").replace("\n", " ").lower()


def _hidden(tag) -> bool:
    style = re.sub(r"\s+", "", _style(tag))
    if "display:none" in style or "mso-hide:all" in style or "visibility:hidden" in style:
        return True
    if tag.has_attr("hidden"):
        return True
    title = (tag.get("title") or "").lower()
    if tag.name == "div" and title in ("header", "footer"):  # LibreOffice page header/footer
        return True
    return bool(re.search(r"mso-element:\s*(header|footer|comment-list|comment|field-begin)", style))


class _Walker:
    def __init__(self, notes: dict[str, str]):
        self.blocks_out: list = []
        self.notes = notes
        self.footnotes: list[tuple[str, str | None]] = []
        self.segments: list[tuple[str, bool, bool]] = []
        self.pending: dict = {}
        self.pre = 0
        self.level = -1

    # -- paragraph buffer ----------------------------------------------------
    def flush(self, out: list):
        text = clean_text(emphasis(self.segments)) if self.segments else ""
        self.segments = []
        pending, self.pending = self.pending, {}
        if not text.strip():
            if pending.get("label"):
                self.pending = pending  # an item's label waits for the item's first text
            return
        para = Para(text, None, heading=pending.get("heading", 0))
        if pending.get("label"):
            para.label = pending["label"]
            para.level = pending.get("level", 0)
        out.append(para)

    # -- walking ---------------------------------------------------------------
    def walk(self, node, out: list, bold=False, italic=False):
        from bs4 import NavigableString, Tag
        from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

        for child in list(node.children):
            if isinstance(child, (Comment, Declaration, Doctype, ProcessingInstruction)):
                continue
            if isinstance(child, NavigableString):
                if type(child).__name__ in ("CData", "Stylesheet", "Script", "TemplateString"):
                    continue
                self.text(str(child), bold, italic)
                continue
            if not isinstance(child, Tag):
                continue
            name = (child.name or "").lower()
            if name in DROPPED or _hidden(child):
                continue
            if name == "br":
                self.segments.append(("\n", False, False))
            elif name in ("ul", "ol", "dir", "menu"):
                self.flush(out)
                self.list(child, out)
            elif name == "table":
                self.flush(out)
                out.append(self.table(child))
            elif name in PARAGRAPHS:
                self.flush(out)
                self.paragraph(child, out, bold, italic)
            elif name in BLOCK_CONTAINERS or name in ("li", "tr", "td", "th", "tbody", "thead", "tfoot"):
                self.flush(out)
                self.walk(child, out, bold, italic)
                self.flush(out)
            elif name == "hr":
                self.flush(out)
            else:
                self.inline(child, out, bold, italic)

    def inline(self, tag, out: list, bold: bool, italic: bool):
        name = tag.name.lower()
        style = re.sub(r"\s+", "", _style(tag))
        if name == "span" and "mso-list:ignore" in style:
            return
        if "mso-tab-count" in style:
            self.segments.append(("\t", False, False))
            return
        if name in ("b", "strong") or re.search(r"font-weight:(bold|[6-9]00)", style):
            bold = True
        if re.search(r"font-weight:(normal|[1-4]00)", style):
            bold = False
        if name in ("i", "em", "cite", "var") or "font-style:italic" in style:
            italic = True
        if name == "img":
            return
        start = len(self.segments)
        self.walk(tag, out, bold, italic)
        if name == "a" and tag.get("href"):
            target = link_target(tag.get("href"), "".join(text for text, _, _ in self.segments[start:]))
            if target:
                self.segments.append((target, False, False))

    def text(self, text: str, bold: bool, italic: bool):
        if not self.pre:
            text = re.sub(r"[ \t\r\n\f]+", _collapse, text)
        self.segments.append((text, bold, italic))

    def paragraph(self, tag, out: list, bold: bool, italic: bool):
        name = tag.name.lower()
        if name in ("h1", "h2", "h3", "h4", "h5", "h6") and not self.pending.get("label"):
            self.pending = {"heading": int(name[1])}
        word_list = re.search(r"mso-list:\s*l\d+\s+level(\d+)", _style(tag))
        if word_list and name == "p":
            self.pending = {"label": self._word_marker(tag), "level": int(word_list.group(1)) - 1}
        if name in ("pre", "listing", "xmp"):
            self.pre += 1
        self.walk(tag, out, bold, italic)
        if name in ("pre", "listing", "xmp"):
            self.pre -= 1
        if not any(t.strip() for t, _, _ in self.segments) and not tag.get_text(strip=True):
            self.segments = []
            out.append(Para(""))  # an empty paragraph: in a table cell it separates text
        self.flush(out)
        self.pending = {}

    @staticmethod
    def _word_marker(tag) -> str:
        ignore = tag.find(lambda t: "mso-list:ignore" in re.sub(r"\s+", "", _style(t)))
        marker = ignore.get_text(" ", strip=True).replace("\xa0", " ").strip() if ignore else ""
        marker = marker.split(" ")[0] if marker else ""
        if re.fullmatch(r"\(?[0-9A-Za-z]{1,4}[.)]", marker):
            return marker
        if re.fullmatch(r"[0-9]{1,3}", marker):
            return marker + "."
        return "-"

    def list(self, tag, out: list):
        level = self.level + 1
        ordered = tag.name.lower() == "ol"
        number = _int(tag.get("start"), 1) - 1
        fmt = _OL_TYPES.get(tag.get("type") or "1", "decimal")
        saved_level, self.level = self.level, level
        for li in tag.find_all(recursive=False):
            name = li.name.lower()
            if name != "li":
                if not _hidden(li) and name not in DROPPED:
                    self.walk(_Holder(li), out)
                continue
            if _hidden(li):
                continue
            if ordered:
                number = _int(li.get("value"), number + 1)
                label = format_number(number, fmt) + "."
            else:
                label = "-"
            self.flush(out)
            self.pending = {"label": label, "level": level}
            self.walk(li, out)
            self.flush(out)
            self.pending = {}
        self.level = saved_level

    def table(self, tag) -> Table:
        table = Table()
        spans: dict[int, int] = {}  # column -> rows still covered by a rowspan above
        for tr in _rows(tag):
            row: list[list] = []
            header = tr.parent is not None and tr.parent.name == "thead"
            cells = [c for c in tr.find_all(["td", "th"], recursive=False) if not _hidden(c)]
            if cells and all(c.name == "th" for c in cells) and not table.rows:
                header = True
            col = 0
            for cell in cells:
                while spans.get(col, 0) > 0:
                    spans[col] -= 1
                    row.append([])
                    col += 1
                saved = (self.segments, self.pending, self.level)
                self.segments, self.pending, self.level = [], {}, -1
                content: list = []
                self.walk(cell, content)
                self.flush(content)
                self.segments, self.pending, self.level = saved
                row.append(content)
                colspan = max(1, min(_int(cell.get("colspan"), 1), 50))
                rowspan = max(1, min(_int(cell.get("rowspan"), 1), 500))
                for k in range(colspan):
                    if rowspan > 1:
                        spans[col + k] = rowspan - 1
                    if k:
                        row.append([])
                col += colspan
            while spans.get(col, 0) > 0:
                spans[col] -= 1
                row.append([])
                col += 1
            if header and len(table.rows) == table.header_rows:
                table.header_rows += 1
            table.rows.append(row)
        return table


def _collapse(match) -> str:
    """HTML whitespace is one space, but keep what an author typed for alignment: a tab, or a
    run of three or more spaces (before any source line break), becomes a TAB."""
    run = match.group(0)
    typed = re.split(r"[\r\n\f]", run, maxsplit=1)[0]
    if "\t" in typed and (len(typed) == len(run) or typed.strip(" ")):
        return "\t"
    if "   " in typed:
        return "\t"
    return " "


class _Holder:
    """Lets the walker treat one node as the only child of a container."""

    def __init__(self, node):
        self.children = [node]


def _rows(table):
    for child in table.find_all(recursive=False):
        name = child.name.lower()
        if name == "tr":
            yield child
        elif name in ("thead", "tbody", "tfoot"):
            yield from child.find_all("tr", recursive=False)


def _int(value, default: int) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return default


def _gone(tag) -> bool:
    """Whether ``tag`` was removed with an element around it. bs4's ``tag.decomposed`` reads the
    attribute ``_decomposed`` through ``Tag.__getattr__`` while it is unset, which searches the
    whole subtree for a ``<_decomposed>`` tag: quadratic on nested markup (12,000 nested ``<div>``
    took 39 s). ``decompose()`` sets the attribute on every element it removes."""
    return vars(tag).get("_decomposed", False)


def _take_notes(soup) -> dict[str, str]:
    """Remove footnote anchors and footnote bodies; return the bodies' texts by note id."""
    notes: dict[str, str] = {}
    # Word: <div style="mso-element:footnote" id="ftn1">, LibreOffice: <div id="sdfootnote1">
    for div in soup.find_all("div"):
        if _gone(div):
            continue
        style = re.sub(r"\s+", "", _style(div))
        ident = div.get("id") or ""
        if re.search(r"mso-element:(footnote|endnote)(?!-)", style) or re.fullmatch(r"sd(foot|end)note\d+", ident):
            for back in div.find_all("a"):
                href = back.get("href") or ""
                if re.match(r"#_(ftn|edn)ref\d+", href) or "sdfootnotesym" in " ".join(back.get("class") or []) \
                        or "sdendnotesym" in " ".join(back.get("class") or []) or re.match(r"#sd(foot|end)note\d+anc", href):
                    back.decompose()
            notes[ident or f"note{len(notes) + 1}"] = div.get_text(" ", strip=True)
            div.decompose()
    for div in soup.find_all("div"):
        if _gone(div):
            continue
        if re.search(r"mso-element:(footnote|endnote)-list", re.sub(r"\s+", "", _style(div))) and not div.get_text(strip=True):
            div.decompose()
    return notes


def _note_refs(soup, notes: dict[str, str], walker: _Walker):
    """Replace footnote anchors in the text by nothing, recording the notes in reference order."""
    for a in soup.find_all("a"):
        if _gone(a):
            continue
        href = (a.get("href") or "")
        classes = " ".join(a.get("class") or [])
        style = re.sub(r"\s+", "", _style(a))
        match = (re.match(r"#_?(ftn|edn)(\d+)$", href) or re.match(r"#sd(foot|end)note(\d+)sym$", href))
        if "mso-footnote-id" in style or "mso-endnote-id" in style or "sdfootnoteanc" in classes \
                or "sdendnoteanc" in classes or match:
            key = None
            if match:
                kind, number = match.groups()
                key = f"{kind}{number}" if kind in ("ftn", "edn") else f"sd{kind}note{number}"
            if key and key in notes:
                walker.footnotes.append((notes.pop(key), f"fotnote {len(walker.footnotes) + 1}"))
            a.decompose()
    for text in notes.values():  # notes without a reference in the text
        walker.footnotes.append((text, f"fotnote {len(walker.footnotes) + 1}"))


def read_html(data: bytes, path: str) -> tuple[list[Line], dict]:
    try:
        soup = BeautifulSoup(data, "lxml")
    except DAMAGED_HTML as exc:
        raise SourceError(path, f"cannot parse HTML: {type(exc).__name__}: {exc}") from None
    try:
        root = soup.body or soup
        for tag in root.find_all(lambda t: (t.name or "").lower() in DROPPED):
            tag.decompose()
        notes = _take_notes(root)
        walker = _Walker(notes)
        _note_refs(root, notes, walker)
        blocks: list = []
        walker.walk(root, blocks)
        walker.flush(blocks)
    except RecursionError:  # the walk recurses once per nested element: a limit of the file, not a bug
        raise SourceError(path, "HTML nested too deeply to read") from None
    return render(blocks, walker.footnotes), {}
