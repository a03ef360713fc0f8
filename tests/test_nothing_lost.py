"""Nothing is lost: every word of every sample source reaches its built page.

The source's words, minus conversion debris (HTML tags and comments, Word bookmarks), must all be
in the text of the page's article (site/<id>/index.html as the browser shows it), compared
without regard to case.
"""
from __future__ import annotations

import html
import re

import pytest
from bs4 import BeautifulSoup

from conftest import SAMPLE

WORD = re.compile(r"[^\W\d_]+")
SOURCES = sorted(SAMPLE.glob("*/*/*.txt"))


def source_words(text: str) -> set[str]:
    text = re.sub(r"\[bookmark:[^\]]*\]", " ", text)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"</?[A-Za-z][^>]*>", " ", text)
    return {word.casefold() for word in WORD.findall(html.unescape(text))}


def page_words(page_html: str) -> set[str]:
    soup = BeautifulSoup(page_html, "lxml")
    article = soup.select_one("article") or soup
    return {word.casefold() for word in WORD.findall(article.get_text(" "))}


def test_debris_is_not_counted_as_words():
    assert source_words("<p>Vedtak</p>[bookmark: _GoBack]<!-- skjult -->") == {"vedtak"}


@pytest.mark.parametrize("source", SOURCES, ids=[s.relative_to(SAMPLE).as_posix() for s in SOURCES])
def test_every_source_word_reaches_the_page(built_site, source):
    page = built_site / "site" / source.relative_to(SAMPLE).with_suffix("") / "index.html"
    missing = source_words(source.read_text(encoding="utf-8")) - page_words(page.read_text(encoding="utf-8"))
    assert not missing, f"words of {source.name} missing from its page: {sorted(missing)}"
