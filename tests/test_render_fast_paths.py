"""The render stage's shortcuts give the same text as the general code they replace."""
from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render import indented_json
from generator.render_views import _citations_by_step
from generator.threads import Citation

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
