"""Source text through generator/render/escape.py and the site's Markdown extensions shows as exactly that text.

The Markdown extensions are read from mkdocs.yml, so these tests follow the site's configuration,
including generator/site/markdown_ext.py, which drops the inline patterns the generated pages never use.
"""
from __future__ import annotations

import re

import markdown
import yaml
from bs4 import BeautifulSoup
from hypothesis import example, given, settings, strategies as st

from conftest import ROOT, SAMPLE
from generator.render import escape
from generator.build import build
from generator.site.markdown_ext import GeneratedPagesExtension


def site_extensions(*, ours: bool = True) -> list:
    """The markdown_extensions of mkdocs.yml (with their options); without ours if asked."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names, options = [], {}
    for entry in config["markdown_extensions"]:
        name, settings_ = (next(iter(entry.items())) if isinstance(entry, dict) else (entry, None))
        if name == "generator.site.markdown_ext" and not ours:
            continue
        names.append(name)
        if settings_:
            options[name] = settings_
    return [names, options]


def to_html(text: str, *, ours: bool = True) -> str:
    names, options = site_extensions(ours=ours)
    return markdown.Markdown(extensions=names, extension_configs=options).convert(text)


MARKUP = list("\\`*_{}[]()#+-.!|~=^:$%'\"<>&@") + ["1.", "2)", "---", "===", "!!!", "{{", "}}", "{%", "%}", "{#",
                                                  "<script>", "&amp;", "&lt;", "](", "![", "{: .x}", "\n", "    "]
markup_text = st.lists(st.sampled_from(MARKUP) | st.text(alphabet="abcæø 09", max_size=4), max_size=30).map("".join)


def shown_text(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text().split())


@settings(max_examples=400)
@given(markup_text)
@example("- liste")
@example("    kode")
@example("a\n\n\tkode\n  - b")
@example("1. punkt")
@example("Tekst\n---")
@example("!!! note")
@example("tall 1.5 og (parentes) - strek: kolon 100% $x$")
def test_escaped_text_is_shown_exactly_and_makes_no_markup(text):
    html = to_html(escape.escape_text(text))
    assert shown_text(html) == " ".join(text.split())
    soup = BeautifulSoup(html, "html.parser")
    assert {tag.name for tag in soup.find_all(True)} <= {"p"}, html


def test_only_line_start_markers_and_inline_markup_are_escaped():
    assert escape.escape_text("Vedtak: 1.5 mill. (ca.) - 100%") == "Vedtak: 1.5 mill. (ca.) - 100%"
    assert escape.escape_text("- ikke en liste") == "\\- ikke en liste"
    assert escape.escape_text("12. ikke en liste") == "12\\. ikke en liste"
    assert escape.escape_text("a *b* [c] {{ d }}") == "a \\*b\\* \\[c\\] \\{\\{ d \\}\\}"


def test_the_generated_pages_render_the_same_without_the_dropped_inline_patterns(tmp_path):
    """generator/site/markdown_ext.py only drops patterns the generated Markdown never uses."""
    build(SAMPLE, tmp_path)
    pages = sorted(tmp_path.rglob("*.md"))
    assert len(pages) > 20
    for page in pages:
        text = re.sub(r"\A---\n.*?\n---\n", "", page.read_text(encoding="utf-8"), flags=re.S)
        assert to_html(text) == to_html(text, ours=False), page


def test_the_extension_drops_only_what_it_names():
    md = markdown.Markdown(extensions=[GeneratedPagesExtension()])
    assert "link" in md.inlinePatterns and "em_strong" in md.inlinePatterns and "backtick" in md.inlinePatterns
    assert "html" not in md.inlinePatterns and "autolink" not in md.inlinePatterns


def test_links_emphasis_and_code_still_work():
    html = to_html("[Sak](<a.md#x>) *vedtatt* `kode` <b>ikke html</b> &amp;")
    assert '<a href="a.md#x">Sak</a>' in html and "<em>vedtatt</em>" in html and "<code>kode</code>" in html
    assert "&lt;b&gt;ikke html&lt;/b&gt;" in html



MAYBE_LINKS = st.lists(st.sampled_from(MARKUP + ["*", "**", "http://x.no/a", "https://y.no", "mailto:a@b.no",
                                                  "[lenke](https://z.no)", "<https://w.no>"])
                       | st.text(alphabet="abcæø 09", max_size=4), max_size=30).map("".join)


@settings(max_examples=300)
@given(MAYBE_LINKS)
@example("ren tekst uten noe")
@example("HTTPS://STOR.NO")
@example("*viktig* og **svært viktig**")
@example("se <https://w.no> og [lenke](https://z.no)")
@example("[x](javascript:y) - b")  # an unsafe link is escaped piece by piece
def test_plain_text_shortcut_gives_what_the_full_inline_escape_gives(text):
    import pytest

    full = pytest.MonkeyPatch()
    try:
        full.setattr(escape, "MAY_HOLD_MARKUP", re.compile(""))  # every text through the full path
        expected = escape.inline(text)
    finally:
        full.undo()
    assert escape.inline(text) == expected
