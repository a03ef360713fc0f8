"""The sample archive built with `mkdocs build --strict`: zero warnings, every internal link resolves."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse


def test_strict_build_has_no_warnings(built_site):
    log = (built_site / "build.log").read_text()
    assert "WARNING" not in log, log


def test_meeting_pages_have_stable_urls(built_site):
    site = built_site / "site"
    for meeting in ("grenland/kdk/2023-08-22", "grenland/kdk/2020-12-14", "kongsbergregionen/rus/2010-01-08",
                    "kongsbergregionen/kompetanseregionen/2014-06-20", "nordmore/kdk/2022-03-14"):
        assert (site / meeting / "index.html").is_file(), meeting


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_internal_link_and_anchor_resolves(built_site):
    site = built_site / "site"
    pages = {p: _parse(p) for p in site.rglob("*.html")}
    broken = []
    for page, parsed in pages.items():
        if page.name == "404.html":  # MkDocs writes it with root-relative links on purpose
            continue
        for href in parsed.links:
            url = urlparse(href)
            if url.scheme or href.startswith(("mailto:", "//")):
                continue
            target = (page.parent / unquote(url.path)).resolve() if url.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {href}")
                continue
            if url.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if url.fragment not in ids:
                    broken.append(f"{page.relative_to(site)} -> {href} (no such anchor)")
    assert not broken, "\n".join(broken[:30])


def test_reference_to_a_case_outside_the_archive_is_marked(built_site):
    html = (built_site / "site" / "grenland/kdk/2020-12-14/index.html").read_text(encoding="utf-8")
    section = html[html.index('id="sak-97-20"'):]
    section = section[:section.index('id="sak-98-20"')]
    assert re.search(r"sak 66/20\s*<em>\(ikke i arkivet\)</em>", section)
    assert 'href="../2020-11-05/' not in html  # 05.11.2020 is not in the archive: no broken link either


def test_decision_is_set_apart(built_site):
    html = (built_site / "site" / "kongsbergregionen/rus/2010-01-08/index.html").read_text(encoding="utf-8")
    section = html[html.index('id="sak-006-10"'):html.index('id="sak-007-10"')]
    assert 'class="admonition success"' in section
    assert "Sekretariatsleder og rådmannsutvalgets leder får fullmakt" in section


def test_case_permalink_pages_are_written_into_the_site_not_into_docs(built_site):
    from generator.render.indexes import forwarding_pages

    pages = forwarding_pages(built_site / "docs")
    assert "grenland/kdk/sak/2020/97/index.html" in pages
    for path, text in pages.items():
        assert (built_site / "site" / path).read_text(encoding="utf-8") == text, path
    assert not list((built_site / "docs").glob("*/*/sak"))


def test_a_dirty_rebuild_keeps_the_permalink_pages(tmp_path):
    from conftest import copy_project, mkdocs_build

    work = copy_project(tmp_path)
    assert mkdocs_build(work).returncode == 0
    page = work / "site" / "grenland/kdk/sak/2020/97/index.html"
    result = mkdocs_build(work, "--dirty", "--no-strict")
    assert result.returncode == 0, result.stderr[-3000:]
    assert page.is_file() and "2020-12-14/#sak-97-20" in page.read_text(encoding="utf-8")


def test_a_broken_permalink_listing_is_reported_with_its_file_and_line(tmp_path):
    import pytest

    from generator.errors import SourceError
    from generator.render.indexes import FORWARDING_PAGES, forwarding_pages

    (tmp_path / FORWARDING_PAGES).write_text('{"a/sak/2020/1/index.html": "<p>"\n', encoding="utf-8")
    with pytest.raises(SourceError, match=rf"{FORWARDING_PAGES}:2: error: .*make docs"):
        forwarding_pages(tmp_path)
    (tmp_path / FORWARDING_PAGES).write_text('["a/sak/2020/1/index.html"]\n', encoding="utf-8")
    with pytest.raises(SourceError, match=rf"{FORWARDING_PAGES}:0: error: .*make docs"):
        forwarding_pages(tmp_path)
