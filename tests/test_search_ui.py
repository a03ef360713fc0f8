"""The search dialog in headless Chromium on an invented archive (issue 13, points 1 and 2):

- a case-number query finds the case and the meetings that refer to it, in any of the ways minutes
  write it (66/20, 66/2020, 14-22), and never a date (6.6.2014), a time (kl. 12.20) or another case
  whose number begins the same (66/2014);
- the filters are one hierarchy (organisation -> its bodies, which share names across organisations),
  with counts; results can be ordered by date; the query, filters and order live in the address, and
  opening that address runs the same search.

Every minutes text here is invented.
"""
from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import copy_project, mkdocs_build
from test_accessibility import serve_site
from test_browser import browser_page

pytestmark = pytest.mark.browser

MEETINGS = {
    "vestfjord/kdk/2020-06-10.txt": """\
        Referat fra Kommunedirektørkollegiet
        Dato: 10. juni 2020
        Sted: Rådhuset i Vestby

        Sak 66/20: Felles innkjøp av brøytetjenester
        Kollegiet drøftet et felles anbud for vinterdrift.
        Konklusjon: Kollegiet går inn for et felles anbud.
        """,
    "vestfjord/kdk/2020-09-01.txt": """\
        Referat fra Kommunedirektørkollegiet
        Dato: 1. september 2020
        Sted: Rådhuset i Vestby

        Sak 70/20: Vinterdrift, status
        Oppfølging av sak 66/2020. Anbudet er lyst ut.
        Konklusjon: Orienteringen tas til etterretning.
        """,
    "nordvik/kdk/2014-06-06.txt": """\
        Referat fra Kommunedirektørkollegiet
        Dato: 6. juni 2014
        Sted: Kulturhuset

        Sak 66/14: Brøytekontrakt for fylkesveiene
        Møtet 6.6.2014 startet kl. 12.20. Saken ble også omtalt som sak 66/2014 i innkallingen.
        Konklusjon: Kontrakten forlenges med ett år.
        """,
    "nordvik/au/2022-01-10.txt": """\
        Referat fra Arbeidsutvalget
        Dato: 10. januar 2022
        Sted: Kulturhuset

        Sak 14-22: Bredbånd i utkantene
        Arbeidsutvalget drøftet utbyggingen av bredbånd og brøyting av traseene.
        Konklusjon: Saken sendes til kommunene.
        """,
    "nordvik/au/2022-03-01.txt": """\
        Referat fra Arbeidsutvalget
        Dato: 1. mars 2022
        Sted: Kulturhuset

        Sak 20-22: Bredbånd, svar fra kommunene
        Oppfølging av sak 14-22. Alle kommunene slutter seg til.
        Konklusjon: Arbeidsutvalget tar svarene til orientering.
        """,
}

CONFIG = {
    "vestfjord/organisation.yml": "name: Vestfjordrådet\nshort_name: Vestfjord\nmunicipalities: [Vestby, Fjordvik]\n",
    "vestfjord/kdk/body.yml": "name: Kommunedirektørkollegiet\nshort_name: KDK\n",
    "nordvik/organisation.yml": "name: Nordvik regionråd\nshort_name: Nordvik\nmunicipalities: [Nordby, Vika]\n",
    "nordvik/kdk/body.yml": "name: Kommunedirektørkollegiet\nshort_name: KDK\n",
    "nordvik/au/body.yml": "name: Arbeidsutvalget\nshort_name: AU\n",
}


def build_invented_site(work: Path, **env: str) -> Path:
    """The invented archive above, built with ``mkdocs build --strict`` in ``work``; its site folder."""
    copy_project(work)
    src = work / "minutes_src"
    shutil.rmtree(src)
    for path, text in {**CONFIG, **{p: textwrap.dedent(t) for p, t in MEETINGS.items()}}.items():
        (src / path).parent.mkdir(parents=True, exist_ok=True)
        (src / path).write_text(text, encoding="utf-8")
    result = mkdocs_build(work, **env)
    assert result.returncode == 0, result.stderr[-4000:]
    return work / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_invented_site(tmp_path_factory.mktemp("search-ui"))


@pytest.fixture(scope="module")
def base(site):
    with serve_site(site) as url:
        yield url


@pytest.fixture
def page():
    with browser_page() as page:
        yield page


RESULT_URLS = "() => [...document.querySelectorAll('.md-search-result__item > a:first-child')].map(a => a.pathname)"


def answered(page) -> list[str]:
    """The meeting pages the search lists once it has answered (waiting for "N møter" or "Ingen treff")."""
    page.wait_for_function("""() => { const meta = document.querySelector('[data-archive-search-meta]').textContent;
        return meta === 'Ingen treff' || /\\d+ møte/.test(meta); }""", timeout=15000)
    page.wait_for_timeout(300)  # the last batch of results is being drawn
    return [url.strip("/") for url in page.evaluate(RESULT_URLS)]


def search_for(page, base: str, query: str) -> list[str]:
    page.goto(base + "/")
    page.keyboard.press("/")
    box = page.locator("[data-archive-search-query]")
    box.fill("")
    box.type(query, delay=15)
    return answered(page)


@pytest.mark.parametrize("query", ["66/20", "sak 66/20", "66/2020", "66-20"])
def test_a_case_number_finds_the_case_and_its_follow_up_and_no_date(base, page, query):
    assert sorted(search_for(page, base, query)) == ["vestfjord/kdk/2020-06-10", "vestfjord/kdk/2020-09-01"]


def test_a_case_number_written_with_a_hyphen_in_the_minutes_is_found_by_its_key(base, page):
    assert sorted(search_for(page, base, "14/22")) == ["nordvik/au/2022-01-10", "nordvik/au/2022-03-01"]


def test_the_meeting_that_has_the_case_comes_first(base, page):
    assert search_for(page, base, "14/22")[0] == "nordvik/au/2022-01-10"


def test_a_case_number_and_a_word_find_the_meetings_with_both(base, page):
    assert search_for(page, base, "14/22 utbyggingen") == ["nordvik/au/2022-01-10"]


def test_a_time_or_a_date_is_not_a_case_number(base, page):
    assert search_for(page, base, "12/20") == []
    assert search_for(page, base, "6/20") == []


def open_filters(page):
    page.click("[data-archive-search-filters] summary")
    page.wait_for_selector("select[data-filter=organisasjon] option:nth-child(2)", state="attached", timeout=15000)


def options(page, name: str) -> list[tuple[str, str, bool, bool]]:
    """(group, text, hidden, disabled) of each choice of one filter."""
    return page.evaluate("""name => [...document.querySelectorAll(`select[data-filter="${name}"] option`)]
        .filter(o => o.value).map(o => [o.parentElement.label || '', o.textContent,
                                        !!(o.parentElement.hidden), o.disabled])""", name)


def test_bodies_are_grouped_under_their_organisation_with_counts(base, page):
    search_for(page, base, "brøyting")
    open_filters(page)
    # "brøyting" (stemmed: brøyt-) is in one meeting of each body but one ... every body is listed under
    # its own organisation, the counts say how many meetings a choice keeps
    page.wait_for_function("""() => [...document.querySelectorAll('select[data-filter=organ] option')]
        .filter(o => o.value).reduce((sum, o) => sum + parseInt(o.textContent.split('(').pop()), 0) ===
        document.querySelectorAll('.md-search-result__item').length""", timeout=15000)
    listed = options(page, "organ")
    assert [(group, text.rsplit(" (", 1)[0]) for group, text, _, _ in listed] == [
        ("Nordvik regionråd", "Arbeidsutvalget"), ("Nordvik regionråd", "Kommunedirektørkollegiet"),
        ("Vestfjordrådet", "Kommunedirektørkollegiet")]
    counts = [int(text.rsplit(" (", 1)[1].rstrip(")")) for _, text, _, _ in listed]
    found = answered(page)
    assert sum(counts) == len(found) > 0
    assert [disabled for *_, disabled in listed] == [count == 0 for count in counts]


def test_choosing_an_organisation_narrows_the_bodies(base, page):
    page.goto(base + "/")
    page.keyboard.press("/")
    open_filters(page)
    page.select_option("select[data-filter=organisasjon]", "Vestfjordrådet")
    answered(page)
    shown = [(group, text) for group, text, hidden, _ in options(page, "organ") if not hidden]
    assert shown == [("Vestfjordrådet", "Kommunedirektørkollegiet (2)")]
    assert sorted(answered(page)) == ["vestfjord/kdk/2020-06-10", "vestfjord/kdk/2020-09-01"]


def test_choosing_a_body_chooses_its_organisation(base, page):
    page.goto(base + "/")
    page.keyboard.press("/")
    open_filters(page)
    page.select_option("select[data-filter=organ]", "Kommunedirektørkollegiet (Nordvik regionråd)")
    assert answered(page) == ["nordvik/kdk/2014-06-06"]
    assert page.input_value("select[data-filter=organisasjon]") == "Nordvik regionråd"


def test_results_can_be_ordered_newest_or_oldest_first(base, page):
    relevance = search_for(page, base, "konklusjon")
    assert len(relevance) == len(MEETINGS)
    open_filters(page)
    page.select_option("[data-archive-search-sort]", "nyeste")
    newest = answered(page)
    assert [url[-10:] for url in newest] == sorted((url[-10:] for url in relevance), reverse=True)
    page.select_option("[data-archive-search-sort]", "eldste")
    assert answered(page) == newest[::-1]


def test_the_search_is_in_the_address_and_the_address_runs_it(base, page):
    search_for(page, base, "bredbånd")
    open_filters(page)
    page.select_option("select[data-filter=organ]", "Arbeidsutvalget (Nordvik regionråd)")
    page.select_option("[data-archive-search-sort]", "eldste")
    expected = answered(page)
    address = page.url
    assert parse_qs(urlsplit(address).query) == {"q": ["bredbånd"], "organisasjon": ["Nordvik regionråd"],
                                                 "organ": ["Arbeidsutvalget (Nordvik regionråd)"],
                                                 "sortering": ["eldste"]}
    page.goto(base + "/om/")
    page.goto(address)  # a shared link: the search opens with the same query, filters and order
    assert page.evaluate("document.getElementById('__search').checked")
    assert page.input_value("[data-archive-search-query]") == "bredbånd"
    assert answered(page) == expected == ["nordvik/au/2022-01-10", "nordvik/au/2022-03-01"]


def test_closing_the_search_clears_the_address(base, page):
    search_for(page, base, "bredbånd")
    assert "q=" in page.url
    page.keyboard.press("Escape")
    assert urlsplit(page.url).query == ""


# --- Search groups (issue 14): a large archive is indexed in several Pagefind bundles, searched together ---
@pytest.fixture(scope="module")
def grouped_base(tmp_path_factory):
    """The same archive indexed in search groups of at most two meetings (generator/site/search.py), so the
    browser joins three bundles with mergeIndex."""
    grouped = build_invented_site(tmp_path_factory.mktemp("search-ui-groups"), ARCHIVE_SEARCH_GROUP_MEETINGS="2")
    merged = json.loads((grouped / "pagefind" / "archive-merge.json").read_text(encoding="utf-8"))
    assert len(merged) >= 2, merged
    with serve_site(grouped) as url:
        yield url


def test_with_search_groups_one_query_finds_meetings_of_every_group_ranked_together(grouped_base, page):
    found = search_for(page, grouped_base, "konklusjon")
    assert sorted(found) == sorted(path[:-4] for path in MEETINGS)
    open_filters(page)
    page.select_option("[data-archive-search-sort]", "nyeste")
    assert [url[-10:] for url in answered(page)] == sorted((path[-14:-4] for path in MEETINGS), reverse=True)


def test_with_search_groups_a_case_number_is_found_in_every_group(grouped_base, page):
    assert sorted(search_for(page, grouped_base, "66/20")) == ["vestfjord/kdk/2020-06-10", "vestfjord/kdk/2020-09-01"]
    assert sorted(search_for(page, grouped_base, "14/22")) == ["nordvik/au/2022-01-10", "nordvik/au/2022-03-01"]


def test_with_search_groups_the_filters_count_over_every_group(grouped_base, page):
    page.goto(grouped_base + "/")
    page.keyboard.press("/")
    open_filters(page)
    page.select_option("select[data-filter=organisasjon]", "Nordvik regionråd")
    assert sorted(answered(page)) == ["nordvik/au/2022-01-10", "nordvik/au/2022-03-01", "nordvik/kdk/2014-06-06"]


def test_a_case_number_result_opens_at_the_case(base, page):
    """The meeting's best-matching section is the case itself, not the agenda that lists it."""
    search_for(page, base, "66/20")
    links = page.evaluate("[...document.querySelectorAll('.md-search-result__item')[0].querySelectorAll('a')]"
                          ".map(a => a.pathname + a.hash)")
    assert links[:2] == ["/vestfjord/kdk/2020-06-10/", "/vestfjord/kdk/2020-06-10/#sak-66-20"]
