"""Accessibility (WCAG 2.1 A and AA, checked by axe-core) and privacy of the built site, in headless Chromium.

One site is built for the whole module: the sample archive plus a body with more than 30 meetings (so
that it has year pages). One browser serves every test; each palette and width has its own context.
axe-core comes from npm (package.json, package-lock.json; `make test` runs `npm ci`).

Run alone: ``.venv/bin/python -m pytest -q tests/test_accessibility.py``.
"""
from __future__ import annotations

import contextlib
import datetime
import functools
import http.server
import json
import os
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, copy_project, mkdocs_build
from test_browser import CHROMIUM, CHROMIUM_ARGS, search

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = {"desktop": 1280, "phone": 390}
SCHEMES = {"light": ("light", "default"), "dark": ("dark", "slate")}  # name: (prefers-color-scheme, Material scheme)

# One page of every type the site has (path, and for the permalink the anchor it forwards to).
PAGES = {
    "home": "/",
    "organisation": "/grenland/",
    "body": "/grenland/kdk/",
    "body-with-years": "/nordmore/au/",
    "year": "/nordmore/au/2021/",
    "year-register": "/nordmore/au/saker-2021/",
    "meeting": "/grenland/kdk/2020-12-14/",
    "meeting-rus": "/kongsbergregionen/rus/2010-01-08/",
    "case-register": "/grenland/kdk/saker/",
    "threads": "/saksganger/",
    "body-threads": "/kongsbergregionen/kompetanseregionen/saksganger/",
    "thread": "/kongsbergregionen/kompetanseregionen/saksgang/2014-06-20-sak-3/",
    "permalink-target": "/grenland/kdk/sak/2020/97/",
    "people": "/personer/",
    "person": "/personer/grenland/karin-g-finnerud/",
    "municipalities": "/kommuner/",
    "municipality": "/kommuner/skien/",
    "topics": "/emner/",
    "topic": "/emner/barnevern/",
    "follow-ups": "/oppfolging/",
    "body-follow-ups": "/grenland/kdk/oppfolging/",
    "data-quality": "/datakvalitet/",
    "body-data-quality": "/grenland/kdk/datakvalitet/",
    "about": "/om/",
    "accessibility": "/tilgjengelighet/",
    "404": "/finnes-ikke/",
}

MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
          "november", "desember"]


def add_body_with_year_pages(src: Path, meetings: int = 32) -> None:
    """A body (nordmore/au) with more meetings than one page lists, so it has year pages: copies of the
    Nordmøre sample with their dates moved, every other week from January 2021."""
    seed = (src / "nordmore" / "kdk" / "2022-03-14.txt").read_text(encoding="utf-8")
    body = src / "nordmore" / "au"
    body.mkdir()
    (body / "body.yml").write_text("name: Arbeidsutvalget\nshort_name: AU\n", encoding="utf-8")
    day = datetime.date(2021, 1, 4)
    for _ in range(meetings):
        text = seed.replace("Mandag 14. mars 2022", f"{day.day}. {MONTHS[day.month - 1]} {day.year}")
        (body / f"{day.isoformat()}.txt").write_text(text, encoding="utf-8")
        day += datetime.timedelta(days=14)


STATEMENT = """
extra:
  accessibility:
    publisher: Grenlandssamarbeidet & co
    email: postmottak@example.no
    statement_url: https://uustatus.no/nb/erklaringer/publisert/0000
    reviewed: 2026-12-01
"""


@pytest.fixture(scope="module")
def a11y_site(tmp_path_factory) -> Path:
    """The sample, a body with year pages, and the accessibility statement's config block."""
    work = copy_project(tmp_path_factory.mktemp("a11y"))
    add_body_with_year_pages(work / "minutes_src")
    with (work / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(STATEMENT)
    result = mkdocs_build(work)
    assert result.returncode == 0, result.stderr[-4000:]
    return work / "site"


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """A static host: files from the folder, and the site's own 404.html for anything missing."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve_site(folder: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SiteHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def base(a11y_site):
    with serve_site(a11y_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (make system-deps installs it)")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def page(browser):
    """One page for the module's checks, reused by every test (a new page costs a browser start-up)."""
    context = browser.new_context(viewport={"width": WIDTHS["desktop"], "height": 900})
    context.add_init_script("window.localStorage.clear()")
    yield context.new_page()
    context.close()


# A11Y_REPORT=file.json: every check's violations (rule -> nodes) written there, for before/after counts.
REPORT: dict[str, dict[str, int]] = {}


@pytest.fixture(scope="module", autouse=True)
def report():
    yield
    if os.environ.get("A11Y_REPORT"):
        Path(os.environ["A11Y_REPORT"]).write_text(json.dumps(REPORT, indent=1, sort_keys=True) + "\n")


def record(name: str, violations: list[dict]) -> None:
    REPORT[name] = {v["id"]: len(v["nodes"]) for v in violations}


def axe_violations(page) -> list[dict]:
    """axe-core's violations of the WCAG 2.1 A and AA rules on the page as it is now."""
    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `npm ci` (make test does)")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate("""async (tags) => {
        const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
        return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary, html: n.html.slice(0, 200)}))}));
    }""", AXE_TAGS)


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {v['help']}")
        lines += [f"    {n['target']}: {n['html']}\n      {n['summary']}" for n in v["nodes"][:5]]
    return "\n".join(lines)


def scheme_of(page) -> str:
    page.wait_for_function("() => document.body && document.body.dataset.mdColorScheme !== undefined")
    return next(name for name, (_, scheme) in SCHEMES.items()
                if scheme == page.evaluate("document.body.dataset.mdColorScheme"))


def open_in(page, url: str, scheme: str) -> None:
    """``url`` as a visitor whose system asks for ``scheme`` sees it (the page's init script forgets the
    palette Material remembers, so the palette follows the system setting on every load)."""
    page.emulate_media(color_scheme=SCHEMES[scheme][0])
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})
    page.goto(url, wait_until="load")
    assert scheme_of(page) == scheme


def check_widths(page, name: str, scheme: str) -> list[str]:
    """axe on the page as it is, at both widths; a description per failing view."""
    failures = []
    for width, pixels in WIDTHS.items():
        page.set_viewport_size({"width": pixels, "height": 900})
        violations = axe_violations(page)
        record(f"{name} {scheme} {width}", violations)
        if violations:
            failures.append(f"{scheme}, {width}:\n{describe(violations)}")
    return failures


@pytest.mark.parametrize("kind", PAGES)
def test_no_axe_violations(base, page, kind):
    """Every page type: zero violations of the WCAG 2.1 A and AA rules, light and dark, 1280 and 390 px."""
    failures = []
    for scheme in SCHEMES:
        open_in(page, base + PAGES[kind], scheme)
        if kind == "permalink-target":  # a permalink forwards to the case in its meeting page
            page.wait_for_url(re.compile(r".*/grenland/kdk/2020-12-14/#sak-97-20$"), timeout=10000)
            page.wait_for_selector("#sak-97-20")
            page.wait_for_load_state("load")
        failures += check_widths(page, kind, scheme)
    assert not failures, f"{PAGES[kind]}:\n" + "\n".join(failures)


def test_no_axe_violations_in_search_with_results_and_filters(base, page):
    failures = []
    for scheme in SCHEMES:
        open_in(page, base + "/", scheme)
        search(page, "barnevern", ".md-search-result__item a")
        page.locator("[data-archive-search-filters] summary").click()
        page.wait_for_selector("[data-archive-search-filters][open] select")
        failures += check_widths(page, "search", scheme)
    assert not failures, "search dialog with results and filters:\n" + "\n".join(failures)


def test_the_palette_follows_the_system_setting(base, browser):
    """A first visit shows the palette the visitor's system asks for (prefers-color-scheme)."""
    for system, (_, scheme) in SCHEMES.items():
        context = browser.new_context(color_scheme=system)
        try:
            page = context.new_page()
            page.goto(base + "/")
            assert page.evaluate("document.body.dataset.mdColorScheme") == scheme
        finally:
            context.close()


def test_no_request_leaves_the_origin(base, browser):
    """No font, script, style or image from another origin (Material loads Google Fonts unless told
    not to): a visitor's address reaches no third party. Pages of each kind, a search, a 404."""
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        for kind in ("home", "meeting", "case-register", "person", "topic", "about", "404"):
            page.goto(base + PAGES[kind], wait_until="networkidle")
        search(page, "barnevern", ".md-search-result__item a")
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    origin = urlsplit(base).netloc
    foreign = sorted({url for url in requests if not url.startswith(("data:", "blob:"))
                      and urlsplit(url).netloc != origin})
    assert len(requests) > 20, requests  # the recording works: pages, styles, scripts, the search index
    assert not foreign, f"requests to other origins: {foreign}"


def test_the_statement_names_publisher_and_contact_from_the_config(a11y_site):
    page = (a11y_site / "tilgjengelighet" / "index.html").read_text(encoding="utf-8")
    statement = page[page.index("data-archive-statement"):]
    assert "Ansvarlig for nettstedet: Grenlandssamarbeidet &amp; co." in statement
    assert '<a href="mailto:postmottak@example.no">postmottak@example.no</a>' in statement
    assert '<a href="https://uustatus.no/nb/erklaringer/publisert/0000">' in statement
    assert "sist gjennomgått 2026-12-01" in statement
    assert "ikke oppgitt kontaktinformasjon" not in statement


def test_the_statement_without_config_says_no_contact_is_given(built_site):
    page = (built_site / "site" / "tilgjengelighet" / "index.html").read_text(encoding="utf-8")
    statement = page[page.index("data-archive-statement"):]
    assert "ikke oppgitt kontaktinformasjon" in statement and "mailto:" not in statement
    assert "WCAG 2.1" in page and "axe-core" in page


def test_every_page_links_the_statement_from_its_footer(a11y_site):
    for path in sorted(a11y_site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        if 'class="md-copyright"' not in text:  # the case permalink pages only forward
            assert "sak" in path.parts, path
            continue
        footer = text[text.index('class="md-copyright"'):]
        link = re.search(r'<a href="([^"]*)">Tilgjengelighetserklæring</a>', footer)
        assert link, path
        # 404.html is served at any address, so MkDocs links it from the site's root ("/...")
        target = a11y_site / link.group(1).lstrip("/") if link.group(1).startswith("/") else path.parent / link.group(1)
        assert (target / "index.html").resolve() == a11y_site / "tilgjengelighet" / "index.html", (path, link.group(1))
