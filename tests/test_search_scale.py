"""Search on a built synthetic archive of a few thousand meetings, in headless Chromium.

The synthetic sources go through the generator, the sharded MkDocs build (both cores) and Pagefind,
as `make site SHARD=all` does. Then: the bytes transferred from typing a query to the first result
shown stay under the budget (Pagefind loads only the chunks a query needs; Material's built-in index
would be ~8 MB per 1,000 meetings), and a case-number search finds its case.
"""
from __future__ import annotations

import re
import subprocess
import sys
import time

import pytest

from conftest import ROOT
from test_browser import browser_page, serve

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MEETINGS = 2000
SEED = 7
BUDGET = 500_000  # bytes from typing the query to the first result shown
HEADING = re.compile(r"^## Sak (\d+)\\?[/-](\d+): .*\{ #([a-z0-9-]+)", re.M)


@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory):
    work = tmp_path_factory.mktemp("synthetic")
    src, docs, site = work / "src", work / "docs", work / "site"
    run = [sys.executable, "-m"]
    subprocess.run(run + ["generator", "corpus", "--meetings", str(MEETINGS), "--seed", str(SEED), "--out", str(src),
                          "--quiet"], check=True, cwd=ROOT)
    subprocess.run(run + ["generator", "build", "--src", str(src), "--out", str(docs)], check=True, cwd=ROOT,
                   capture_output=True)
    result = subprocess.run(run + ["generator", "shards", "all", "--src", str(src), "--docs", str(docs),
                                   "--site", str(site), "--work", str(work / "shards")],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-4000:]
    return work


def unique_case(docs):
    """A case number (as written, e.g. 14/22 or 14-22) that heads exactly one case in the archive."""
    seen: dict[str, list[tuple[str, str]]] = {}
    for page in sorted(docs.glob("*/*/[0-9][0-9][0-9][0-9]-*.md")):
        for number, year, anchor in HEADING.findall(page.read_text(encoding="utf-8")):
            key = f"{int(number)}/{year}"
            seen.setdefault(key, []).append((page.relative_to(docs).with_suffix("").as_posix(), anchor))
    for key, places in sorted(seen.items(), key=lambda kv: (-int(kv[0].split("/")[0]), kv[0])):
        if len(places) == 1:
            return key, places[0]
    raise AssertionError("no case number is unique in the synthetic archive")


def first_result_transfer(page, query: str) -> tuple[int, float]:
    """Bytes received and seconds from typing ``query`` to the first result shown.

    Counted from Playwright's request events on the browser context, which (unlike a CDP session on the
    page) include the requests of Pagefind's web worker: headers plus body of every response.
    """
    finished = []

    def collect(request):
        finished.append(request)

    page.context.on("requestfinished", collect)
    started = time.perf_counter()
    page.keyboard.press("/")
    page.locator("input[type=search]").fill(query)
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    seconds = time.perf_counter() - started
    page.context.remove_listener("requestfinished", collect)
    total = 0
    for request in finished:
        sizes = request.sizes()
        body = sizes["responseBodySize"]
        if not body:  # the worker's own script reports no body size; measure it
            response = request.response()
            body = len(response.body()) if response else 0
        total += sizes["responseHeadersSize"] + body
    return total, seconds


def test_first_result_is_within_the_transfer_budget(synthetic_site):
    with serve(synthetic_site / "site") as base, browser_page() as page:
        page.goto(base + "/")
        page.wait_for_load_state("networkidle")
        transferred, seconds = first_result_transfer(page, "barnevern")
        print(f"\nfirst result for 'barnevern' on {MEETINGS} meetings: {transferred} bytes, {seconds:.2f} s")
        assert transferred < BUDGET, f"{transferred} bytes transferred before the first result"


@pytest.mark.parametrize("form", ["{n}/{y}", "sak {n}/{y}"])
def test_case_number_search_finds_the_case(synthetic_site, form):
    key, (meeting, anchor) = unique_case(synthetic_site / "docs")
    number, year = key.split("/")
    query = form.format(n=number, y=year)
    with serve(synthetic_site / "site") as base, browser_page() as page:
        page.goto(base + "/")
        page.keyboard.press("/")
        page.locator("input[type=search]").fill(query)
        first = page.locator(".md-search-result__item").first
        first.wait_for(timeout=15000)
        case_link = first.locator("a").nth(1)  # the meeting, then its best-matching case
        assert case_link.get_attribute("href").endswith(f"/{meeting}/#{anchor}"), \
            f"{query!r}: first result {first.inner_text()!r}"
