"""Source text is data: turn it into Markdown that renders as exactly that text.

One filter for every place source text reaches a page. Structure we recognised ourselves
(list markers, pipe tables, headings inside an item) is kept; everything else is escaped:
HTML becomes entities, Markdown/Material/attr_list/Jinja punctuation is backslash-escaped,
and only http, https and mailto links become links.
"""
from __future__ import annotations

import re
from urllib.parse import quote

from ..parse.spans import SpanSet

LINK_MARKDOWN = re.compile(r"\[(?P<label>[^\]\n]{1,300})\]\((?P<url>[^)\s]{1,2000})\)")
LINK_ANGLE = re.compile(r"<(?P<url>(?:https?://|mailto:)[^>\s]{1,2000})>", re.I)
LINK_BARE = re.compile(r"(?P<url>\b(?:https?://|mailto:)[^\s<>\"'«»]{1,2000}[^\s<>\"'«».,;:!?)\]])", re.I)
SAFE_SCHEME = re.compile(r"^(?:https?://|mailto:)", re.I)
# Escaped wherever they stand: inline markup (code, emphasis, links, attr_list and Jinja braces,
# headings, admonitions, tables). Characters that are markup only at the start of a line (list
# markers, setext rules, "1.") are escaped there only: every escape is a placeholder Python-Markdown
# must split the text at, and escaping all punctuation made inline processing most of MkDocs' build.
ESCAPED = re.compile(r"([\\`*_{}\[\]#!|~^])")
LINE_START_MARKUP = re.compile(r"^([ \t]*)(?:([-+=:])|(\d{1,9})([.)]))?", re.M)
LIST_PREFIX = re.compile(r"^(?P<indent>(?: {4})*)(?P<marker>[-*+]|\d{1,3}\.)\s+(?P<rest>.*)$")
TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<rest>.*)$")
PLACEHOLDER = "\x00{}\x00"


# Control characters (but tab and newline) are never text: dropped, so ESC sequences and NULs from file
# names or metadata never reach a page.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def escape_text(text: str) -> str:
    """Escape one run of plain text so Markdown shows it literally."""
    if CONTROL.search(text):
        text = CONTROL.sub("", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return LINE_START_MARKUP.sub(_escape_line_start, ESCAPED.sub(r"\\\1", text))


def _escape_line_start(match: re.Match) -> str:
    indentation = match.group(1)
    if len(indentation.expandtabs(4)) >= 4:  # would be a code block; the page shows one space either way
        indentation = " "
    if match.group(2):
        return f"{indentation}\\{match.group(2)}"
    if match.group(3):
        return f"{indentation}{match.group(3)}\\{match.group(4)}"
    return indentation


def safe_url(url: str) -> str | None:
    """The URL if its scheme is safe to link, percent-encoding what would end a Markdown link."""
    if not SAFE_SCHEME.match(url):
        return None
    return quote(url, safe=":/?#[]@!$&'*+,;=%~-._")


EMPHASIS = re.compile(r"(?<![\w*])(\*\*|\*)(?=[^\s*])([^*\n]{1,300}?)(?<=[^\s*])\1(?![\w*])")


# Text without any of these has no emphasis, link or placeholder to keep: most text of most minutes.
MAY_HOLD_MARKUP = re.compile(r"[*\[<\x00]|https?://|mailto:", re.I)


def inline(text: str, links: dict[str, str] | None = None) -> str:
    """Escape inline text, keeping safe links, *emphasis* and the caller's link placeholders."""
    if not MAY_HOLD_MARKUP.search(text):
        return escape_text(text)
    links = dict(links or {})
    text = EMPHASIS.sub(lambda m: _emphasis_placeholder(m, links), text)
    parts: list[str] = []
    position = 0
    for match in _link_matches(text):
        parts.append(_escape_keep_placeholders(text[position:match[0]]))
        label, url = match[2], safe_url(match[3])
        parts.append(f"[{escape_text(label)}](<{url}>)" if url else escape_text(text[match[0]:match[1]]))
        position = match[1]
    parts.append(_escape_keep_placeholders(text[position:]))
    result = "".join(parts)
    return _fill(result, links)


PLACEHOLDER_MARK = re.compile(r"\x00(\w+)\x00")


def _fill(text: str, links: dict[str, str], depth: int = 0) -> str:
    """Put the placeholders' values in, in one pass (a ``str.replace`` per link is quadratic on a
    paragraph with thousands of references). A value may hold placeholders of its own (an
    emphasised span with a reference in it); ``depth`` stops a value that holds its own placeholder
    (text with NULs that spell one) from being filled forever."""
    if "\x00" not in text:
        return text
    if depth > MAX_NESTED_PLACEHOLDERS:
        return PLACEHOLDER_MARK.sub("", text)
    return PLACEHOLDER_MARK.sub(lambda m: _fill(links[m.group(1)], links, depth + 1) if m.group(1) in links else "",
                                text)


MAX_NESTED_PLACEHOLDERS = 4  # emphasis around a link is two levels; ours never nest deeper


def _emphasis_placeholder(match: re.Match, links: dict[str, str]) -> str:
    key = f"e{len(links)}"
    links[key] = f"{match.group(1)}{_escape_keep_placeholders(match.group(2))}{match.group(1)}"
    return PLACEHOLDER.format(key)


def _link_matches(text: str) -> list[tuple[int, int, str, str]]:
    found: list[tuple[int, int, str, str]] = []
    taken = SpanSet()
    for pattern in (LINK_MARKDOWN, LINK_ANGLE, LINK_BARE):
        for match in pattern.finditer(text):
            if taken.overlaps(match.start(), match.end()):
                continue
            url = match.group("url")
            label = match.groupdict().get("label") or url
            found.append((match.start(), match.end(), label, url))
            taken.add(match.start(), match.end())
    return sorted(found)


def _escape_keep_placeholders(text: str) -> str:
    pieces = re.split(r"(\x00\w+\x00)", text)
    return "".join(piece if piece.startswith("\x00") else escape_text(piece) for piece in pieces)


def block(text: str, links: dict[str, str] | None = None, heading_level: int = 4) -> str:
    """Escape a Markdown text block line by line, keeping lists, tables and (demoted) headings."""
    out = []
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            out.append("")
            continue
        # each pattern is tried only where the character it starts with or needs is there (most lines
        # are plain text): the same result as trying them all
        piped = "|" in line
        first = line.lstrip(" ")[:1]
        if "---" in line and TABLE_RULE.match(line) and out and TABLE_ROW.match(out[-1] or ""):
            out.append(stripped)
        elif piped and TABLE_ROW.match(line):
            cells = stripped[1:-1].split("|")
            out.append("| " + " | ".join(inline(cell.strip(), links).replace("|", "\\|") for cell in cells) + " |")
        elif first and (first in "-*+" or first.isdigit()) and (match := LIST_PREFIX.match(line)):
            marker = match.group("marker")
            out.append(f"{match.group('indent')}{marker} {inline(match.group('rest'), links)}")
        elif stripped[0] == "#" and (match := HEADING.match(stripped)):
            level = min(6, max(heading_level, len(match.group("hashes")) + heading_level - 1))
            out.append(f"{'#' * level} {inline(match.group('rest'), links)}")
        else:
            out.append(inline(stripped, links))
    return _separate_tables("\n".join(out))


def _separate_tables(text: str) -> str:
    """Python-Markdown needs a blank line before a table and a header rule after its first row."""
    lines = text.split("\n")
    out: list[str] = []
    for index, line in enumerate(lines):
        is_row = line.startswith("| ")
        previous_is_row = bool(out) and (out[-1].startswith("| ") or TABLE_RULE.match(out[-1] or "x") is not None)
        if is_row and not previous_is_row:
            if out and out[-1].strip():
                out.append("")
            out.append(line)
            following = lines[index + 1] if index + 1 < len(lines) else ""
            if not TABLE_RULE.match(following or "x"):
                out.append("|" + "|".join(["---"] * (line.count(" | ") + 1)) + "|")
            continue
        if not is_row and previous_is_row and line.strip() and not TABLE_RULE.match(line):
            out.append("")
        out.append(line)
    return "\n".join(out)


def indent(text: str, spaces: int = 4) -> str:
    pad = " " * spaces
    return "\n".join(pad + line if line.strip() else "" for line in text.split("\n"))
