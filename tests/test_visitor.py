"""The public site as a visitor sees it (issue 13), checked in the built sample site's HTML: editor
material is out of the menu, and public pages name no source files."""
from __future__ import annotations

import re

from bs4 import BeautifulSoup


def menu_labels(html: str) -> list[str]:
    """The menu's entries (not the page's own table of contents, which Material nests in it)."""
    nav = BeautifulSoup(html, "lxml").select_one("nav.md-nav--primary")
    return [" ".join(link.get_text().split()) for link in nav.select(".md-nav__link")
            if not link.find_parent("nav", class_="md-nav--secondary")]


def test_data_quality_is_out_of_the_menu_and_linked_from_the_about_page(built_site):
    site = built_site / "site"
    for page in ("index.html", "om/index.html", "grenland/kdk/2020-12-14/index.html"):
        labels = menu_labels((site / page).read_text(encoding="utf-8"))
        assert "Om arkivet" in labels and "Personer" in labels, labels
        assert not any("Datakvalitet" in label for label in labels), (page, labels)
    about = BeautifulSoup((site / "om" / "index.html").read_text(encoding="utf-8"), "lxml").select_one("article")
    links = {a.get_text(): a["href"] for a in about.select("a")}
    assert links.get("Datakvalitet") == "../datakvalitet/", links
    assert (site / "datakvalitet" / "index.html").is_file()


def test_public_pages_name_no_yaml_files(built_site):
    """people.yml, topics.yml, organisation.yml, body.yml are the editors' business; only the data
    quality pages (for the secretaries) name them."""
    site = built_site / "site"
    named = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative.startswith("datakvalitet/") or "/datakvalitet/" in relative:
            continue
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for node in soup(["script", "style"]):
            node.decompose()
        named += [(relative, text) for text in soup.stripped_strings if re.search(r"\b[\w-]+\.ya?ml\b", text)]
    assert not named, named[:10]


def test_pages_advertise_their_feeds(built_site):
    """<link rel="alternate"> on every page for the archive's feeds, and on a meeting page for its body's;
    each resolves to the feed file."""
    site = built_site / "site"
    pages = [path for path in sorted(site.rglob("*.html")) if "/sak/" not in path.relative_to(site).as_posix()]
    assert len(pages) > 50
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        feeds = {link["href"]: link["type"] for link in soup.select("head link[rel=alternate]")}
        base = site if path.name == "404.html" else path.parent  # 404.html links from the root ("/atom.xml")
        targets = {(base / href.lstrip("/")).resolve().relative_to(site).as_posix(): kind for href, kind in feeds.items()}
        assert targets.get("atom.xml") == "application/atom+xml" and targets.get("rss.xml") == "application/rss+xml", path
        assert all((site / target).is_file() for target in targets), (path, targets)
    meeting = BeautifulSoup((site / "grenland/kdk/2020-12-14/index.html").read_text(encoding="utf-8"), "lxml")
    assert {link["href"] for link in meeting.select("head link[rel=alternate]")} >= {"../atom.xml", "../rss.xml"}


def test_at_phone_width_no_cell_of_the_meeting_summary_or_register_is_off_screen(built_site):
    """390 px wide (issue 13 point 7): the tables reflow into cards, every cell inside the viewport, each
    under its column's name; a heading's long word is not broken mid-word."""
    from test_browser import browser_page, serve

    with serve(built_site / "site") as base, browser_page() as page:
        page.set_viewport_size({"width": 390, "height": 844})
        for path in ("/grenland/kdk/2020-12-14/", "/grenland/kdk/saker/", "/emner/barnevern/", "/kommuner/skien/"):
            page.goto(base + path)
            cells = page.evaluate("""() => [...document.querySelectorAll('article td')].map(td => {
                const box = td.getBoundingClientRect();
                return {left: box.left, right: box.right, label: td.dataset.label || '', text: td.innerText,
                        before: getComputedStyle(td, '::before').content};
            })""")
            assert cells, path
            off = [c for c in cells if c["text"].strip() and (c["left"] < 0 or c["right"] > 390)]
            assert not off, (path, off[:3])
            assert all(c["before"] == f'"{c["label"]}"' for c in cells if c["label"]), path
            words = page.evaluate("""() => { const h = document.querySelector('article h1');
                const range = document.createRange(); range.selectNodeContents(h);
                return [h.getBoundingClientRect().width, [...range.getClientRects()].length]; }""")
            assert words[0] <= 390, (path, words)
        page.goto(base + "/grenland/kdk/2020-12-14/")
        summary = page.evaluate("""() => [...document.querySelector('article table').querySelectorAll('td')]
            .map(td => td.dataset.label)""")
        assert summary == ["Dato", "Tid", "Sted", "Møteleder", "Referent", "Saker"]
        # "Kommunedirektørkollegiet" is one word on its line: the heading wraps between words only
        lines = page.evaluate("""() => { const h = document.querySelector('article h1'); const out = [];
            const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT); let node;
            while ((node = walker.nextNode())) { for (let i = 0; i < node.length; i++) {
                const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
                const box = r.getBoundingClientRect(); if (box.width) out.push([node.data[i], Math.round(box.top)]); } }
            return out; }""")
        for (char, top), (following, next_top) in zip(lines, lines[1:]):
            if next_top > top:
                assert char == " " or following == " " or not (char.isalpha() and following.isalpha()), \
                    ("heading broken mid-word", char, following)
