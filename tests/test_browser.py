"""The built sample site driven in headless Chromium: search finds a meeting, the meeting shows its decision."""
from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import tempfile
import threading

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.browser


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(folder):
    handler = functools.partial(QuietHandler, directory=str(folder))
    http.server.ThreadingHTTPServer.allow_reuse_address = True
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@contextlib.contextmanager
def browser_page():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not shutil.which("chromium") and not __import__("os").path.exists(CHROMIUM):
        pytest.skip("chromium is not installed (make system-deps installs it)")
    with playwright_api.sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        context = p.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                                       headless=True)
        try:
            yield context.new_page()
        finally:
            context.close()


def test_search_finds_the_meeting_and_it_shows_the_decision(built_site):
    with serve(built_site / "site") as base, browser_page() as page:
        page.goto(base + "/")
        result = search(page, "barnevernvakt", ".md-search-result a[href*='kongsbergregionen/rus/2010-01-08']")
        result.click()
        page.wait_for_url("**/kongsbergregionen/rus/2010-01-08/**")
        heading = page.locator("#sak-006-10")
        heading.wait_for(timeout=10000)
        assert "Barnevernvakt" in heading.inner_text()
        decision = page.locator("#sak-006-10 ~ .admonition.success").first
        assert "får fullmakt til å utarbeide mandat" in decision.inner_text()


def search(page, query: str, result_selector: str, attempts: int = 3):
    """Open the search with its keyboard shortcut, type the query, wait for a matching result.

    The index loads in the background; a query typed before it is ready is typed again.
    """
    for _ in range(attempts):
        page.keyboard.press("/")
        box = page.locator("input[type=search], .md-search__input").first
        box.wait_for(state="visible", timeout=10000)
        box.fill("")
        box.type(query, delay=20)
        result = page.locator(result_selector).first
        try:
            result.wait_for(timeout=8000)
            return result
        except Exception:  # playwright's TimeoutError: the index was not ready; try again
            page.keyboard.press("Escape")
    raise AssertionError(f"no search result for {query!r} matching {result_selector}")
