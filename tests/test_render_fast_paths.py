"""The render stage's shortcuts give the same text as the general code they replace."""
from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render.pages import indented_json
from generator.render.indexes import _citations_by_step
from generator.views.threads import Citation

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text() | st.floats(allow_nan=False),
    lambda children: st.lists(children, max_size=4) | st.tuples(children, children)
    | st.dictionaries(st.text(max_size=5), children, max_size=4)
    | st.dictionaries(st.integers(), children, max_size=2),
    max_leaves=30)


@settings(max_examples=400, deadline=None)
@given(JSON_VALUES)
def test_indented_json_is_json_dumps_with_indent_2(value):
    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_indented_json_escapes_like_json():
    value = {"tekst": 'a "b" \\ c\n\t\x00 æøå \u2028', "tomme": [[], {}], "n": [1, True, None]}
    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


class _Thread:
    def __init__(self, citations):
        self.citations = citations


def test_citations_by_step_keeps_the_thread_order():
    citations = (Citation(2, 0, "a"), Citation(1, 0, "b"), Citation(2, 1, "c"), Citation(3, 2, "d"))
    found = _citations_by_step(_Thread(citations))
    for position in range(4):
        assert found["citing"].get(position, []) == [c for c in citations if c.source == position]
        assert found["cited_by"].get(position, []) == [c for c in citations if c.target == position]


def _block_trying_every_pattern(text, links=None, heading_level=4):
    """escape.block before its prefilters: every pattern tried on every line (the reference)."""
    from generator.render.escape import HEADING, LIST_PREFIX, TABLE_ROW, TABLE_RULE, _separate_tables, inline
    out = []
    for line in text.split("\n"):
        if not line.strip():
            out.append("")
        elif TABLE_RULE.match(line) and out and TABLE_ROW.match(out[-1] if out[-1] else ""):
            out.append(line.strip())
        elif TABLE_ROW.match(line):
            cells = line.strip()[1:-1].split("|")
            out.append("| " + " | ".join(inline(cell.strip(), links).replace("|", "\\|") for cell in cells) + " |")
        elif (match := LIST_PREFIX.match(line)):
            out.append(f"{match.group('indent')}{match.group('marker')} {inline(match.group('rest'), links)}")
        elif (match := HEADING.match(line.strip())):
            level = min(6, max(heading_level, len(match.group("hashes")) + heading_level - 1))
            out.append(f"{'#' * level} {inline(match.group('rest'), links)}")
        else:
            out.append(inline(line.strip(), links))
    return _separate_tables("\n".join(out))


BLOCK_TEXT = st.lists(st.sampled_from(["", " ", "    ", "\t", "|", "| a | b |", "---", "|---|---|", " - ", "-", "*",
                                       "+", "1.", "12. ", "٣. ", "#", "## ", " # x", "tekst", "\u00a0", "\u2003-",
                                       ":", "x|y", "*b*", "[l](https://a.no)", "\x00r0\x00"]),
                      max_size=12).map("".join)


@settings(max_examples=600, deadline=None)
@given(st.lists(BLOCK_TEXT, max_size=6).map("\n".join))
def test_block_gives_what_trying_every_pattern_gives(text):
    from generator.render import escape
    assert escape.block(text, {"r0": "[lenke](<x.md>)"}) == _block_trying_every_pattern(text, {"r0": "[lenke](<x.md>)"})
