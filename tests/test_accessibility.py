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
    # What the page does on a resize (tables.js) has run: resize events fire before animation frames.
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
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


# --- Keyboard -------------------------------------------------------------------------------------
FOCUSED = """() => {
    const e = document.activeElement;
    // A visually hidden control (the palette radio) shows its focus on its label.
    const shown = e.matches('.md-option') ? e.nextElementSibling : e;
    const style = getComputedStyle(shown), box = shown.getBoundingClientRect();
    return {tag: e.tagName, id: e.id, text: (e.getAttribute('aria-label') || e.textContent || '').trim(),
            cls: e.className.toString(), href: e.getAttribute('href') || '',
            ring: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none',
            onScreen: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0
                      && box.left < innerWidth && box.top < innerHeight && style.visibility !== 'hidden'};
}"""


ORGANISATIONS_IN_RESULTS = """() => new Set([...document.querySelectorAll('.md-search-result__item > a')]
    .map(a => new URL(a.href).pathname.split('/').filter(Boolean)[0])).size"""


def tab_to(page, wanted, limit: int = 40) -> dict:
    """Press Tab until ``wanted(focused)`` holds; every element on the way shows a visible focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        assert focused["ring"], f"no visible focus on {focused}"
        assert focused["onScreen"] or "md-search__input" in focused["cls"], f"focus off-screen: {focused}"
        if wanted(focused):
            return focused
    raise AssertionError("not reached by Tab")


@pytest.fixture
def keyboard_page(browser):
    context = browser.new_context(viewport={"width": WIDTHS["desktop"], "height": 900}, color_scheme="light")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_skip_link_is_the_first_stop_and_moves_to_the_content(base, keyboard_page, width):
    page = keyboard_page
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    page.goto(base + "/grenland/kdk/2020-12-14/")
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED)
    assert focused["text"] == "Hopp til innhold" and focused["onScreen"] and focused["ring"], focused
    page.keyboard.press("Enter")
    page.wait_for_url("**#innhold")
    # The next Tab stop is in the content, past the header and the navigation.
    after = tab_to(page, lambda f: True)
    assert page.evaluate("document.activeElement.closest('#innhold') !== null"), after


def test_search_and_filters_work_from_the_keyboard(base, keyboard_page):
    page = keyboard_page
    page.goto(base + "/")
    tab_to(page, lambda f: "md-search__input" in f["cls"])  # Tab reaches the search box; focusing it opens search
    assert page.evaluate("document.getElementById('__search').checked")
    page.keyboard.type("barnevern", delay=20)
    page.wait_for_selector(".md-search-result__item a", timeout=15000)
    assert page.evaluate(ORGANISATIONS_IN_RESULTS) > 1
    tab_to(page, lambda f: f["tag"] == "SUMMARY" and f["text"] == "Avgrens søket")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-archive-search-filters][open] select[data-filter=organisasjon] option:nth-child(2)",
                           state="attached", timeout=15000)
    tab_to(page, lambda f: f["tag"] == "SELECT")
    assert page.evaluate("document.activeElement.dataset.filter") == "organisasjon"
    page.keyboard.press("ArrowDown")  # the first organisation
    chosen = page.evaluate("document.activeElement.value")
    assert chosen
    # The results narrow to that organisation: every result is in one organisation's folder.
    page.wait_for_function(f"({ORGANISATIONS_IN_RESULTS})() === 1", timeout=15000)
    # Back in the box, the arrow keys move through the results and Enter opens one.
    page.focus("[data-archive-search-query]")
    page.keyboard.press("ArrowDown")
    target = page.evaluate("document.activeElement.getAttribute('href')")
    assert target and page.evaluate("document.activeElement.closest('.md-search-result__item') !== null")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")


def test_tab_out_of_the_search_closes_it(base, keyboard_page):
    page = keyboard_page
    page.goto(base + "/")
    tab_to(page, lambda f: "md-search__input" in f["cls"])
    tab_to(page, lambda f: f["tag"] == "SUMMARY")
    page.keyboard.press("Tab")
    assert not page.evaluate("document.getElementById('__search').checked")
    assert page.evaluate("document.activeElement.closest('[data-archive-search]') === null")


def test_the_palette_toggle_works_from_the_keyboard(base, keyboard_page):
    page = keyboard_page
    page.goto(base + "/")
    assert scheme_of(page) == "light"
    focused = tab_to(page, lambda f: f["id"].startswith("__palette"))
    assert focused["text"] == "Bytt til mørkt tema"
    page.keyboard.press("Enter")
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    page.keyboard.press("Enter")
    page.wait_for_function("document.body.dataset.mdColorScheme === 'default'")


def test_the_navigation_works_from_the_keyboard_on_a_desktop(base, keyboard_page):
    page = keyboard_page
    page.goto(base + "/")
    tab_to(page, lambda f: "md-nav__link" in f["cls"] and f["text"] == "Personer")
    page.keyboard.press("Enter")
    page.wait_for_url("**/personer/")


def test_the_navigation_drawer_works_from_the_keyboard_on_a_phone(base, keyboard_page):
    page = keyboard_page
    page.set_viewport_size({"width": WIDTHS["phone"], "height": 900})
    page.goto(base + "/")
    menu = tab_to(page, lambda f: f["text"] == "Meny")
    assert menu["tag"] == "LABEL"
    assert page.get_attribute("label[for=__drawer][role=button]", "aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('__drawer').checked")
    assert page.get_attribute("label[for=__drawer][role=button]", "aria-expanded") == "true"
    page.wait_for_function("document.activeElement.closest('.md-sidebar--primary') !== null")
    page.wait_for_timeout(300)  # the drawer slides in
    tab_to(page, lambda f: "md-nav__link" in f["cls"] and f["text"] == "Personer")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__drawer').checked")
    assert page.evaluate(FOCUSED)["text"] == "Meny"
    # Closed, the drawer's links take no focus: Tab goes from the header to the page.
    page.wait_for_timeout(300)
    page.goto(base + "/")
    for _ in range(12):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('.md-sidebar--primary') === null")


# --- Tables ---------------------------------------------------------------------------------------
REGISTER_DESCENDING = ["44/23", "43/23", "42/23", "41/23", "40/23", "39/23", "38/23", "37/23", "36/23", "35/23",
                       "34/23", "102/20", "101/20", "100/20", "99/20", "98/20", "97/20", "96/20", "95/20", "94/20",
                       "–"]


def register_numbers(page) -> list[str]:
    return page.evaluate("[...document.querySelectorAll('article table tbody tr')].map(r => r.cells[0].innerText.trim())")


def test_the_register_is_sorted_by_year_then_number_in_the_page(a11y_site):
    html = (a11y_site / "grenland" / "kdk" / "saker" / "index.html").read_text(encoding="utf-8")
    body = html[html.index("<tbody>"):html.index("</tbody>")]
    cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<tr>\s*<td[^>]*>(.*?)</td>", body, re.S)]
    assert cells == REGISTER_DESCENDING


def test_the_sortable_register_sorts_case_numbers_as_numbers_and_says_so(base, keyboard_page):
    page = keyboard_page
    page.goto(base + "/grenland/kdk/saker/")
    header = page.locator("article table th", has_text=re.compile(r"^Sak$"))
    page.wait_for_function("document.querySelector('article table th[aria-sort]') !== null")
    assert header.get_attribute("scope") == "col"
    assert header.get_attribute("aria-sort") == "descending"
    assert register_numbers(page) == REGISTER_DESCENDING
    header.focus()
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "ascending"
    assert register_numbers(page) == REGISTER_DESCENDING[::-1]
    title = page.locator("article table th", has_text="Tittel")
    title.focus()
    page.keyboard.press(" ")
    assert title.get_attribute("aria-sort") == "ascending" and header.get_attribute("aria-sort") is None


def test_every_table_header_has_a_scope(a11y_site):
    pages = [a11y_site / "grenland" / "kdk" / "2020-12-14" / "index.html", a11y_site / "grenland" / "kdk" / "saker" / "index.html",
             a11y_site / "personer" / "index.html", a11y_site / "nordmore" / "au" / "2021" / "index.html"]
    for path in pages:
        html = path.read_text(encoding="utf-8")
        headers = re.findall(r"<th\b[^>]*>", html)
        assert headers, path
        assert all('scope="col"' in th for th in headers), (path, headers)


# --- Language and the 404 page (issue 13) ---------------------------------------------------------
# Interface words in English (Material's and Python-Markdown's defaults, and the usual ones of themes).
ENGLISH = re.compile(r"\b(skip to content|permanent link|made with|not found|back to top|table of contents|header|"
                     r"footer|search|previous|next|navigation|menu|close|clear|copy|share|home|light mode|dark mode|"
                     r"switch to|type to start|results?|last update|edit this page|view source|initializing|"
                     r"loading|toggle|sort|download|page)\b", re.I)
ASSISTIVE = ("aria-label", "aria-description", "aria-roledescription", "title", "alt", "placeholder")


def test_no_english_in_visible_or_assistive_text(a11y_site):
    """Every page in bokmål: its language, its visible text and what screen readers read out."""
    from bs4 import BeautifulSoup

    found = []
    pages = sorted(a11y_site.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        assert soup.html.get("lang") == "nb", path
        for node in soup(["script", "style"]):
            node.decompose()
        texts = list(soup.stripped_strings) + [element[name] for element in soup.find_all(True)
                                               for name in ASSISTIVE if element.get(name)]
        found += [(path.relative_to(a11y_site).as_posix(), text[:80]) for text in texts if ENGLISH.search(text)]
    assert not found, found[:20]


def test_the_404_page_offers_search_and_a_way_home(base, keyboard_page):
    page = keyboard_page
    response = page.goto(base + "/grenland/kdk/2099-01-01/")
    assert response.status == 404
    assert page.locator("article h1").inner_text() == "Fant ikke siden"
    page.fill("#archive-notfound-query", "barnevernvakt")
    page.keyboard.press("Enter")
    page.wait_for_selector(".md-search-result__item a[href*='kongsbergregionen/rus/2010-01-08']", timeout=15000)
    assert page.evaluate("document.getElementById('__search').checked")
    assert page.input_value("[data-archive-search-query]") == "barnevernvakt"
    page.keyboard.press("Escape")
    page.get_by_role("link", name="Til forsiden").click()
    page.wait_for_url(base + "/")


# --- Search indexes the minutes, not the page furniture (issue 13, point 1) -------------------------
def search_outcome(page, query: str) -> str:
    """The search dialog's result line once the query has been answered ("Ingen treff", "2 møter", ...)."""
    page.keyboard.press("/")
    box = page.locator("[data-archive-search-query]")
    box.fill("")
    box.type(query, delay=20)
    page.wait_for_function("""() => { const meta = document.querySelector('[data-archive-search-meta]').textContent;
        return meta === 'Ingen treff' || /\\d+ møte/.test(meta); }""", timeout=15000)
    outcome = page.inner_text("[data-archive-search-meta]")
    page.keyboard.press("Escape")
    return outcome


@pytest.mark.parametrize("word", ["Originaldokument", "Kilde", "lenke"])
def test_a_word_only_in_page_furniture_finds_nothing(base, keyboard_page, word):
    """Words the templates write on every meeting page ("Kilde: Originaldokument", "Fast lenke til
    saken", table headers) and that no minutes use are not in the index."""
    page = keyboard_page
    page.goto(base + "/")
    assert search_outcome(page, "barnevernvakt") != "Ingen treff"  # the index answers
    assert search_outcome(page, word) == "Ingen treff"
