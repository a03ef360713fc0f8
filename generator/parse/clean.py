"""Clean raw source lines into minutes text: strip conversion debris, keep line numbers.

What a conversion leaves behind and this module removes or rewrites:
- YAML front matter (kept aside as data),
- Word bookmarks ``[bookmark: _GoBack]``, kramdown/Markdown TOC markers and ``{#id}`` attributes,
- table cells holding HTML fragments: rewritten as the table-export form
  (first paragraph of a cell on a tab-indented line, further paragraphs below it),
  nested HTML tables as one pipe table, and the tab-separated copies of those nested
  tables that some exports repeat after the cell dropped,
- setext underlines (``=====``) turned into Markdown headings,
- tables of contents (dot leaders and page numbers) marked, so they are never items.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace

import yaml

from ..errors import ConfigError, SourceError
from ..model import Line
from ..safe_yaml import YamlLoader, check_yaml_depth


@dataclass(frozen=True)
class TextLine:
    """A cleaned line: ``text`` without debris; ``indented`` when it starts a table cell."""

    number: int
    text: str
    indented: bool = False
    toc: bool = False
    origin: str | None = None

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def blank(self) -> bool:
        return not self.text.strip()


# No quantifier below may rescan the rest of a line from every position where it could start:
# a source line can be megabytes long, and parsing must stay linear in its length.
BOOKMARK = re.compile(r"\[bookmark:[^\][]*\]")
KRAMDOWN_ATTRS = re.compile(r"(?<!\s)\s*\{:?\s*[#.][\w\-#. ]*\}\s*$|\{:toc\}")  # (?<!\s): from a run's start only
TOC_MARKERS = re.compile(r"^\s*(?:\*\s+TOC|\[TOC\]|\{:toc\})\s*$", re.I)
TOC_LINE = re.compile(r"(?:(?<!\.)\.{4,}|(?<!…)…{2,}|(?<!\. )(?:\. ){3,})\s*\d{1,3}\s*$|\S\t+\d{1,3}\s*$|"
                      r"(?<![.\d])\.{3}\d{1,3}\s*$")  # "Referatsaker...3": a flattened table of contents
SETEXT = re.compile(r"^\s*(=+|-+)\s*$")
_TAGS = r"(?:p|table|tr|td|th|div|br|ul|ol|li|i|b|em|strong|span|h[1-6])"
# A real tag: a known name and attributes that have values (``<b og c>`` in "a<b og c>d" is text).
HTML_BLOCK = re.compile(rf"<{_TAGS}(?:\s+[\w:-]+\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s<>\"']+))*\s*/?>", re.I)
HTML_CLOSING = re.compile(rf"</{_TAGS}\s*>|<br\s*/?>", re.I)
WORD_DEBRIS = re.compile(r"</?o:p>", re.I)


def split_front_matter(lines: list[Line], path: str = "") -> tuple[dict, str, list[Line]]:
    """Split a leading YAML front matter block (``---`` ... ``---``) from the lines.

    A block YAML cannot parse stays text; one nested too deeply, or with a date that does not exist
    (``date: 2020-02-30``), is a SourceError at its line (it was a RecursionError or ValueError)."""
    first = next((i for i, line in enumerate(lines) if line.text.strip()), None)
    if first is None or lines[first].text.strip() != "---":
        return {}, "", lines
    for end in range(first + 1, min(len(lines), first + 200)):
        if lines[end].text.strip() in ("---", "..."):
            block = lines[first + 1:end]
            raw = "\n".join(line.text for line in block)
            data = _front_matter_data(raw, block, path, lines[first].number)
            if not isinstance(data, dict):
                return {}, "", lines
            return data, raw, lines[end + 1:]
    return {}, "", lines


def _front_matter_data(raw: str, block: list[Line], path: str, opening: int):
    def line_of(offset: int) -> int:
        return block[offset].number if 0 <= offset < len(block) else opening + 1

    try:
        check_yaml_depth(raw, path)
        data = yaml.load(raw, Loader=YamlLoader)  # a SafeLoader; timestamps stay text
    except ConfigError as exc:
        raise SourceError(path, f"front matter: {exc.message}", line_of(exc.line - 1)) from exc
    except yaml.YAMLError:
        return None
    except (ValueError, TypeError, OverflowError) as exc:  # e.g. a bad !!binary or !!int value
        raise SourceError(path, f"front matter: malformed YAML: {exc}", line_of(0)) from exc
    if isinstance(data, dict):
        data = {key: _timestamp(value, key, block, path, line_of(0)) for key, value in data.items()}
    return data


_TIMESTAMP = next(pattern for resolvers in yaml.SafeLoader.yaml_implicit_resolvers.values()
                  for tag, pattern in resolvers if tag == "tag:yaml.org,2002:timestamp")


def _timestamp(value, key, block: list[Line], path: str, first_line: int):
    """A top-level value written as a YAML date is a date (as safe_load made it); one that does not
    exist is an error at its key's line."""
    if not isinstance(value, str) or not _TIMESTAMP.match(value):
        return value
    try:
        return yaml.constructor.SafeConstructor().construct_yaml_timestamp(
            yaml.ScalarNode("tag:yaml.org,2002:timestamp", value))
    except (ValueError, OverflowError) as exc:
        line = next((line.number for line in block if line.text.lstrip().startswith(f"{key}:")), first_line)
        raise SourceError(path, f"front matter: '{key}: {value}' is not a real date or time ({exc})", line) from exc


def clean_lines(lines: list[Line]) -> list[TextLine]:
    """Run every cleaning pass over the lines, in order."""
    out: list[TextLine] = []
    nested_rows: set[tuple[str, ...]] = set()
    for line in lines:
        text = line.text
        # Each pass needs a character most lines do not have: test for it before running the pattern.
        if "[" in text:
            text = BOOKMARK.sub("", text)
        if "<" in text:
            text = _without_comments(WORD_DEBRIS.sub("", text))
        text = text.rstrip()
        if TOC_MARKERS.match(text):
            continue
        if "{" in text:
            text = KRAMDOWN_ATTRS.sub("", text)
        text = _balance_bold(text)
        expanded, tables = _expand_html_cells(line.number, text, line.origin)
        out.extend(expanded)
        nested_rows.update(tuple(row) for table in tables for row in table)
    out = _drop_repeated_rows(out, nested_rows)
    out = _setext_to_atx(out)
    return [replace(t, toc=True) if not t.blank and TOC_LINE.search(t.text) else t for t in out]


def _without_comments(text: str) -> str:
    """Drop HTML comments (``<!--[if gte mso 9]>...-->``); an unclosed one stays as text.

    A scan, not ``<!--.*?-->``: that regex rescans the rest of the line from every unclosed
    ``<!--``, which is quadratic on a long line.
    """
    if "<!--" not in text:
        return text
    out, position = [], 0
    while (start := text.find("<!--", position)) >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break
        out.append(text[position:start])
        position = end + 3
    out.append(text[position:])
    return "".join(out)


def _balance_bold(text: str) -> str:
    """Drop stray ``**`` left by Word conversion ("Vedl 1** 091216", "Tid:** Fredag")."""
    if text.count("**") % 2 == 1:
        text = re.sub(r"(?<=\S)\*\*(?=\s)|(?<=:)\*\*", "", text, count=1)
    return text


# --- HTML cells ------------------------------------------------------------------------

def _expand_html_cells(number: int, text: str, origin: str | None) -> tuple[list[TextLine], list]:
    """A line of tab-separated cells, some holding HTML, as table-export lines plus its nested tables."""
    if not has_markup(text):
        return [TextLine(number, text.rstrip("\t "), text.startswith("\t"), origin=origin)], []
    cells = text.split("\t")
    out: list[TextLine] = []
    emitted_tables: list[list[list[str]]] = []
    for index, cell in enumerate(cells):
        if not cell.strip():
            continue
        if has_markup(cell):
            paragraphs, tables = html_fragment_to_paragraphs(cell)
            emitted_tables.extend(tables)
            first_cell = index == 0 or not any(c.strip() for c in cells[:index])
            out.extend(_cell_lines(number, paragraphs, indented=not first_cell or index > 0, origin=origin,
                                   continuation=first_cell and index > 0))
        elif emitted_tables and _cell_in_tables(cell, emitted_tables):
            continue  # a tab-separated copy of a nested table already emitted
        else:
            out.append(TextLine(number, "\t" + cell.strip(), True, origin=origin))
    return out, emitted_tables


def has_markup(text: str) -> bool:
    """Whether text holds HTML markup debris: a real tag and a closing tag (or ``<br>``).

    Tag-like text ("Dersom a<b og c>d", "til <neste møte>") is text and is kept as written.
    """
    return "<" in text and bool(HTML_CLOSING.search(text)) and bool(HTML_BLOCK.search(text))


def _cell_lines(number: int, paragraphs: list[str], indented: bool, origin: str | None,
                continuation: bool) -> list[TextLine]:
    """A cell's paragraphs in table-export form; a cell continuing the row above is not indented."""
    out: list[TextLine] = []
    for position, paragraph in enumerate(paragraphs):
        for sub_index, sub in enumerate(paragraph.split("\n")):
            starts_cell = position == 0 and sub_index == 0 and not continuation
            out.append(TextLine(number, ("\t" if starts_cell and indented else "") + sub, starts_cell and indented,
                                origin=origin))
        out.append(TextLine(number, ""))
    return out


def _cell_in_tables(cell: str, tables: list[list[list[str]]]) -> bool:
    value = cell.strip()
    return any(value in row for table in tables for row in table)


def _drop_repeated_rows(lines: list[TextLine], rows: set[tuple[str, ...]]) -> list[TextLine]:
    """Drop lines that repeat, as tab-separated cells, a row of a nested table emitted above."""
    if not rows:
        return lines
    out = []
    for line in lines:
        cells = tuple(c.strip() for c in line.text.split("\t") if c.strip())
        if len(cells) > 1 and cells in rows:
            continue
        out.append(line)
    return out


def html_fragment_to_paragraphs(fragment: str) -> tuple[list[str], list[list[list[str]]]]:
    """Turn an HTML fragment (``<p>``, ``<i>``, nested ``<table>``) into Markdown paragraphs.

    Returns the paragraphs and the tables found (as rows of cell texts), so their
    repeated copies can be recognised. Text is unescaped; no tag survives.
    """
    paragraphs: list[str] = []
    tables: list[list[list[str]]] = []
    position = 0
    for match in re.finditer(r"<table\b.*?</table>", _through_last(fragment, "</table>"), re.I | re.S):
        paragraphs.extend(_inline_paragraphs(fragment[position:match.start()]))
        rows = [[_inline_text(cell) for cell in re.findall(r"<t[dh]\b[^<>]*>(.*?)</t[dh]>",
                                                           _through_last(row, "</t[dh]>"), re.I | re.S)]
                for row in re.findall(r"<tr\b[^<>]*>(.*?)</tr>", _through_last(match.group(0), "</tr>"), re.I | re.S)]
        rows = [row for row in rows if any(row)]
        if rows:
            tables.append(rows)
            paragraphs.append(pipe_table(rows))
        position = match.end()
    paragraphs.extend(_inline_paragraphs(fragment[position:]))
    return [p for p in paragraphs if p.strip()], tables


def _through_last(text: str, closing: str) -> str:
    """``text`` up to the end of its last ``closing`` tag.

    A lazy ``<x>(.*?)</x>`` tried from an opening tag after the last closing tag scans to the
    end of the text and fails; from every such tag that is quadratic on a long line. Cutting the
    text there first keeps the matches the same and the scan linear.
    """
    last = None
    for last in re.finditer(closing, text, re.I):  # noqa: B007 - the loop only runs to the last match
        pass
    return text[:last.end()] if last else ""


def pipe_table(rows: list[list[str]]) -> str:
    """Rows of cell texts as a Markdown pipe table (the first row is the header row)."""
    width = max(len(row) for row in rows)
    padded = [row + [""] * (width - len(row)) for row in rows]
    lines = ["| " + " | ".join(c.replace("|", "/") for c in padded[0]) + " |",
             "|" + "|".join(["---"] * width) + "|"]
    lines += ["| " + " | ".join(c.replace("|", "/") for c in row) + " |" for row in padded[1:]]
    return "\n".join(lines)


def _inline_paragraphs(fragment: str) -> list[str]:
    parts = re.split(r"</?p\b[^<>]*>|<br\s*/?>|</?div\b[^<>]*>|</?h[1-6]\b[^<>]*>|</?li\b[^<>]*>", fragment, flags=re.I)
    return [text for text in (_inline_text(part) for part in parts) if text]


def _inline_text(fragment: str) -> str:
    closed = _through_last(fragment, "</(?:i|em)>")
    text = re.sub(r"<(i|em)\b[^<>]*>(.*?)</\1>", lambda m: f"*{m.group(2).strip()}*" if m.group(2).strip() else "",
                  closed, flags=re.I | re.S) + fragment[len(closed):]
    closed = _through_last(text, "</(?:b|strong)>")
    text = re.sub(r"<(b|strong)\b[^<>]*>(.*?)</\1>",
                  lambda m: f"**{m.group(2).strip()}**" if m.group(2).strip() else "", closed,
                  flags=re.I | re.S) + text[len(closed):]
    text = re.sub(r"<[^<>]+>", " ", text)
    return re.sub(r"[ \t\u00a0]+", " ", html.unescape(text)).strip()


# --- headings --------------------------------------------------------------------------

def _setext_to_atx(lines: list[TextLine]) -> list[TextLine]:
    """``Title`` over ``=====`` becomes ``# Title`` (``----``: ``##``); the underline goes."""
    out: list[TextLine] = []
    for line in lines:
        match = SETEXT.match(line.text)
        if (match and out and not out[-1].blank and len(match.group(1)) >= 3
                and not out[-1].stripped.startswith(("|", "-", "*", "#"))):
            level = "#" if match.group(1)[0] == "=" else "##"
            previous = out.pop()
            out.append(replace(previous, text=f"{level} {previous.stripped}"))
            continue
        out.append(line)
    return out
