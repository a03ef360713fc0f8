"""Case-number search (issue 13, point 1): a case number is one word in the index, so a search for
66/20 finds the case and the references to it, never a date (6.6.2014) or a time (kl. 12.20).

Pagefind keeps "/" inside words (generator/site/search.py: --include-characters); a case written otherwise
in the minutes ("sak 14-22", "sak 66/2020", "001/10") is indexed under its key too (``data-sak``).
Every minutes text here is invented.
"""
from __future__ import annotations

import pytest

from generator.model import Reference
from generator.render.pages import Page, case_key_for_search, reference_markdown


def linked(text: str, target: str) -> Reference:
    return Reference("case", text, target, resolved=True, target_meeting="org/rad/2022-01-10",
                     target_anchor=f"sak-{target.replace('/', '-')}")


@pytest.mark.parametrize("text, target", [("sak 14-22", "14/22"), ("sak 66/2020", "66/20"), ("sak 001/10", "1/10"),
                                          ("PS 6 / 26", "6/26")])
def test_a_reference_written_otherwise_is_indexed_under_its_case_key(text, target):
    markdown = reference_markdown(linked(text, target), Page("org/rad/2023-01-01.md"))
    assert markdown.endswith(f'{{: data-pagefind-index-attrs="data-sak" data-sak="{target}" }}')
    assert markdown.startswith("[")


@pytest.mark.parametrize("text, target", [("sak 66/20", "66/20"), ("jf. sak 4/23", "4/23")])
def test_a_reference_that_already_reads_as_its_key_gets_no_attribute(text, target):
    assert case_key_for_search(linked(text, target)) == ""


def test_a_meeting_reference_or_an_unlinked_case_gets_no_attribute():
    assert case_key_for_search(Reference("meeting", "møtet 5.11.2020", "2020-11-05", resolved=True, target_meeting="x")) == ""
    unlinked = Reference("case", "sak 14-22", "14/22")
    assert "data-sak" not in reference_markdown(unlinked, Page("org/rad/2023-01-01.md"))
