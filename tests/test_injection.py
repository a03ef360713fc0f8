"""Safe to publish: source text is data.

A minutes file (tests/fixtures/injection/2023-10-10.txt), an organisation and a body whose metadata
carry script, event handlers, dangerous link schemes, raw HTML, Jinja/MkDocs macros and Material's
own syntax are built into a site with `mkdocs build --strict`. Every page is checked in the HTML
(no element that was not ours) and the pages that show the payloads are opened in headless Chromium
(no script runs, no dialog opens, the text shows literally). Links the minutes contain become real
links only for http, https and mailto.
"""
from __future__ import annotations

import os
import re
import shutil

import pytest
from bs4 import BeautifulSoup

import hostile
from conftest import ROOT, copy_project, mkdocs_build
from generator.write import safe_path, write_tree, write_files

FIXTURE = ROOT / "tests" / "fixtures" / "injection" / "2023-10-10.txt"
ORGANISATION = """\
name: "Injeksjon <script>window.__pwned=40</script> <img src=x onerror=alert(41)>"
short_name: "Inj <b onmouseover=alert(42)>x</b>"
municipalities: ["Ås <script>alert(43)</script>"]
website: "javascript:alert(44)"
"""
BODY = """\
name: "Styret <script>window.__pwned=45</script>"
short_name: "St <img src=x onerror=alert(46)>"
description: "Beskrivelse [x](javascript:alert(47)) <iframe src=javascript:alert(48)></iframe> {{ 7*7 }} !!! note"
aliases: ["<svg onload=alert(49)>"]
"""
PAYLOAD_NAME = "2023-10-11 <img src=x onerror=alert(50)>.txt"
MEETING = "injeksjon/styret/2023-10-10"


def _minutes(date: str) -> list[str]:
    return [f"Styremøte {date}", "Til stede: Ola Nordmann", "",
            "Sak 5/23 Tittel <script>window.__pwned=60</script>", "Tekst <img src=x onerror=alert(61)>."]


# One original per reader, each with script of its own kind: the HTML original's would run as the
# site if it were served as a page; the PDF's runs in a PDF viewer that runs JavaScript.
HOSTILE_SCRIPT = "<script>window.__pwned=62;alert(62)</script>"
ORIGINALS = {
    "2023-10-12.md": lambda: ("---\ntitle: <script>alert(63)</script>\n---\n" + "\n".join(_minutes("12.10.2023")))
    .encode(),
    "2023-10-13.docx": lambda: hostile.docx(_minutes("13.10.2023")),
    "2023-10-14.odt": lambda: hostile.odt(_minutes("14.10.2023")),
    "2023-10-15.html": lambda: hostile.html_page(_minutes("15.10.2023"), HOSTILE_SCRIPT,
                                                 "onload='window.__pwned=64;alert(64)'")
    + b"<img src=x onerror='window.__pwned=65;alert(65)'><svg onload='alert(66)'></svg>",
    "2023-10-16.htm": lambda: hostile.html_page(_minutes("16.10.2023"), HOSTILE_SCRIPT),
    "2023-10-17.pdf": lambda: hostile.pdf(_minutes("17.10.2023"), "app.alert(67)"),
}

# Source text that must show on the meeting page exactly as written.
LITERAL = [
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=alert(5)>",
    '<a href="javascript:alert(6)">klikk</a>',
    "[lenke](javascript:alert(7))",
    "[vb](vbscript:msgbox(9))",
    "[fil](file:///etc/passwd)",
    "<javascript:alert(10)>",
    "javascript:alert(11)",
    '<iframe src="javascript:alert(13)"></iframe><svg onload=alert(14)><style>body{display:none}</style>',
    '!!! note "Injisert"',
    '=== "Fane"',
    '{ .pwned #kapret onclick="alert(15)" }',
    "{{ config.site_name }}",
    '{% include "x" %}',
    "Mal-syntaks {{ 7*7 }} og {% if true %}ja{% endif %} og ${var} og &lt;script&gt; og &#60;script&#62;",
    "<script>window.__pwned=16</script>",
    "[![bilde](javascript:alert(18))](javascript:alert(19))",
    "<script>alert(22)</script>",
    "<img src=x onerror=alert(23)>",
    "[^1]: <script>alert(25)</script>",
]
GOOD_LINKS = ["https://www.example.org/side?a=1&b=2", "https://example.com/x", "https://example.net/",
              "mailto:post@example.org", "mailto:ola@example.org"]
SAFE_HREF = re.compile(r"^(?:https?://|mailto:|#|\.{0,2}/|[\w%.-]+(?:/|\.\w+|#|$))", re.I)
OURS_INLINE_SCRIPT = re.compile(r"pwned|alert\(|msgbox")


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory):
    work = copy_project(tmp_path_factory.mktemp("injected"))
    body = work / "minutes_src" / "injeksjon" / "styret"
    body.mkdir(parents=True)
    (body.parent / "organisation.yml").write_text(ORGANISATION, encoding="utf-8")
    (body / "body.yml").write_text(BODY, encoding="utf-8")
    shutil.copy(FIXTURE, body / FIXTURE.name)
    (body / PAYLOAD_NAME).write_text("Styremøte 11.10.2023\nTil stede: Ola Nordmann\n\nSak 1/23 Kort\nTekst.\n",
                                     encoding="utf-8")
    for name, make in ORIGINALS.items():
        (body / name).write_bytes(make())
    result = mkdocs_build(work)
    assert result.returncode == 0, result.stderr[-4000:]
    return work / "site"


def pages(site):
    return sorted(site.rglob("*.html"))


def test_no_page_has_an_element_or_attribute_from_the_sources(injected_site):
    checked = 0
    for path in pages(injected_site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        where = path.relative_to(injected_site).as_posix()
        for element in soup.find_all(True):
            for name, value in element.attrs.items():
                value = " ".join(value) if isinstance(value, list) else str(value)
                assert not (name.startswith("on") and OURS_INLINE_SCRIPT.search(value)), (where, element)
                assert "pwned" not in value.split() or name not in ("class", "id"), (where, element)
            if element.name == "script":
                assert element.get("src") or not OURS_INLINE_SCRIPT.search(element.get_text()), (where, element)
            assert element.name not in ("iframe", "object", "embed"), (where, element)
            assert not (element.name == "svg" and element.get("onload")), (where, element)
            if element.name == "img":
                assert element.get("src") != "x", (where, element)
            if element.name == "style":
                assert "display:none" not in element.get_text(), (where, element)
        assert not soup.select(".pwned, #kapret, .admonition.note, .tabbed-set"), where
        for link in soup.find_all("a", href=True):
            assert SAFE_HREF.match(link["href"]), (where, link)
        checked += 1
    assert checked > 20


def meeting_article(site, meeting=MEETING):
    soup = BeautifulSoup((site / meeting / "index.html").read_text(encoding="utf-8"), "lxml")
    return soup.select_one("article")


def test_source_text_shows_literally(injected_site):
    text = meeting_article(injected_site).get_text()
    for literal in LITERAL:
        assert literal in text, literal


def test_metadata_and_file_names_show_literally(injected_site):
    home = BeautifulSoup((injected_site / "injeksjon" / "index.html").read_text(encoding="utf-8"), "lxml")
    heading = home.select_one("h1").get_text()
    assert "Injeksjon <script>window.__pwned=40</script> <img src=x onerror=alert(41)>" in heading
    assert home.title.get_text().startswith("Injeksjon <script>window.__pwned=40</script>")
    meeting = BeautifulSoup((injected_site / MEETING / "index.html").read_text(encoding="utf-8"), "lxml")
    assert meeting.find("meta", attrs={"name": "description"})["content"].startswith(
        "Referat fra Styret <script>window.__pwned=45</script> (Injeksjon <script>")
    other = meeting_article(injected_site, "injeksjon/styret/2023-10-11").get_text()
    assert f"Originaldokument ({PAYLOAD_NAME})" in other


def test_only_http_https_and_mailto_links_become_links(injected_site):
    article = meeting_article(injected_site)
    hrefs = [a["href"] for a in article.find_all("a", href=True)]
    for url in GOOD_LINKS:
        assert url in hrefs, url
    external = [h for h in hrefs if re.match(r"^[a-z][a-z0-9+.-]*:", h, re.I)]
    assert external and all(re.match(r"^(?:https?://|mailto:)", h) for h in external), external


BROWSED = [MEETING, "injeksjon/styret/2023-10-11", "injeksjon", "injeksjon/styret", "injeksjon/styret/saker",
           "", "datakvalitet"]


@pytest.mark.browser
def test_no_script_runs_in_the_browser(injected_site):
    from test_browser import browser_page, serve

    with serve(injected_site) as base, browser_page() as page:
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in BROWSED:
            page.goto(f"{base}/{path}/" if path else f"{base}/", wait_until="load")
            page.wait_for_timeout(150)
            state = page.evaluate("""() => ({
                pwned: typeof window.__pwned,
                injected: document.querySelectorAll('.pwned, #kapret, iframe, svg[onload], details[ontoggle], '
                    + 'a[href^="javascript:" i], a[href^="data:" i], a[href^="vbscript:" i], img[src="x"]').length,
                handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes])
                    .filter(a => a.name.startsWith('on') && /pwned|alert|msgbox/.test(a.value)).length,
                scripts: [...document.scripts].filter(s => /pwned|alert\\(/.test(s.textContent)).length,
                text: document.body.innerText,
            })""")
            assert state["pwned"] == "undefined", path
            assert (state["injected"], state["handlers"], state["scripts"]) == (0, 0, 0), path
            if path == MEETING:
                for literal in ("<script>window.__pwned=1</script>", '!!! note "Injisert"', "{{ config.site_name }}",
                                '{ .pwned #kapret onclick="alert(15)" }', "[lenke](javascript:alert(7))"):
                    assert literal in state["text"], literal
                page.hover("text=Vanlig tekst med")  # would fire an injected onmouseover
        assert dialogs == []


def test_output_paths_cannot_leave_the_output_folder(tmp_path):
    docs = tmp_path / "docs"
    for bad in ["../utenfor.md", "/etc/passwd", "a/../../utenfor.md", "a\\..\\..\\utenfor.md", "", "a/\x00.md",
                "grenland/../../utenfor.md"]:
        with pytest.raises(ValueError):
            write_tree(docs, {bad: "x"})
        with pytest.raises(ValueError):
            safe_path(docs, bad)
    (tmp_path / "elsewhere").mkdir()
    (docs / "lenke").parent.mkdir(parents=True, exist_ok=True)
    os.symlink(tmp_path / "elsewhere", docs / "lenke")  # a symlink in docs/ pointing out of it
    for through_link in ("lenke/side.md", "lenke/dypere/side.md", "a/b/../../lenke/side.md"):
        with pytest.raises(ValueError):
            write_tree(docs, {through_link: "x"})
    assert not list((tmp_path / "elsewhere").iterdir())
    (docs / "inne").mkdir()
    os.symlink(docs / "inne", docs / "snarvei")  # a symlink that stays inside docs/ is followed
    write_files(docs, {"snarvei/under/side.md": "x"})
    assert (docs / "inne" / "under" / "side.md").read_text() == "x"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "elsewhere"]


def test_published_paths_come_from_slugs_and_dates_only(injected_site):
    originals = sorted(p.relative_to(injected_site).as_posix() for p in injected_site.rglob("kilde/*"))
    assert originals, "the originals are published"
    for path in originals:
        assert re.fullmatch(r"[a-z0-9-]+/[a-z0-9-]+/kilde/\d{4}-\d\d-\d\d(?:-\d+)?\.[a-z.]+", path), path


def published_originals(site):
    """{source name: published path} of every original in ORIGINALS and the .txt fixture."""
    found = {}
    for name in [FIXTURE.name, *ORIGINALS]:
        date = name.split(".")[0]
        matches = list((site / "injeksjon" / "styret" / "kilde").glob(f"{date}.*"))
        assert len(matches) == 1, (name, matches)
        found[name] = matches[0]
    return found


def test_every_readers_original_is_published_and_none_as_a_page(injected_site):
    source = injected_site.parent / "minutes_src" / "injeksjon" / "styret"
    formats = set()
    for name, published in published_originals(injected_site).items():
        formats.add(name.rsplit(".", 1)[1])
        # Served as a download or as text, never as a page of the site's origin.
        assert published.suffix in (".txt", ".docx", ".odt", ".pdf"), published
        assert published.read_bytes() == (source / name).read_bytes(), "published as received (the SHA-256 holds)"
        page = BeautifulSoup((injected_site / "injeksjon" / "styret" / name.split(".")[0] / "index.html")
                             .read_text(encoding="utf-8"), "lxml")
        assert page.find("a", href=re.compile(rf"kilde/{re.escape(published.name)}$")), name
    assert formats == {"txt", "md", "docx", "odt", "html", "htm", "pdf"}


@pytest.mark.browser
def test_no_script_runs_from_the_originals_in_the_browser(injected_site):
    from test_browser import browser_page, serve

    with serve(injected_site) as base, browser_page() as page:
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        shown = {}
        for name, published in published_originals(injected_site).items():
            page.goto("about:blank")
            url = f"{base}/{published.relative_to(injected_site).as_posix()}"
            try:
                response = page.goto(url, wait_until="load")
            except Exception as exc:  # a download (docx, odt, pdf in headless Chromium) is not a page
                assert "Download is starting" in str(exc), (name, exc)
                continue
            page.wait_for_timeout(200)
            state = page.evaluate("() => ({pwned: typeof window.__pwned, elements: document.querySelectorAll("
                                  "'script, img, svg, iframe').length, text: document.body.innerText})")
            assert state["pwned"] == "undefined" and state["elements"] == 0, (name, state)
            assert not response.headers.get("content-type", "").startswith(("text/html", "image/svg")), name
            shown[name] = state["text"]
        assert dialogs == []
    # The HTML originals show as their source text, script and all.
    assert HOSTILE_SCRIPT in shown["2023-10-15.html"] and HOSTILE_SCRIPT in shown["2023-10-16.htm"]
