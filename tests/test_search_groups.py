"""Search groups: the meeting pages indexed by several Pagefind runs of bounded size (generator/site/search.py).

The partition itself (every page in exactly one group, no group over the limit, organisations kept
whole when they fit, split by body, then year, then runs of pages), then real Pagefind bundles of
the sample built with a small group size: several complete bundles, ``archive-merge.json`` naming
the others, every meeting page's fragment in exactly one bundle and the same bytes as in the
one-group bundle, stale bundles removed, and the same bytes from two runs in two folders.
"""
from __future__ import annotations

import gzip
import json
import os
import random
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, copy_project, mkdocs_build
from generator.site.search import (
    BUNDLE,
    GROUP_MEETINGS_VARIABLE,
    MERGE_LIST,
    group_limit,
    index_site,
    meeting_pages,
    search_groups,
)


def page(org: str, body: str, date: str) -> str:
    return f"{org}/{body}/{date}/index.html"


def archive(sizes: dict[tuple[str, str], list[str]]) -> list[str]:
    return [page(org, body, date) for (org, body), dates in sizes.items() for date in dates]


def dates(year: int, count: int) -> list[str]:
    return [f"{year}-{1 + number // 28:02d}-{1 + number % 28:02d}" for number in range(count)]


def test_every_page_is_in_exactly_one_group_of_at_most_the_limit():
    pages = archive({("a", "x"): dates(2020, 7), ("b", "x"): dates(2021, 3), ("b", "y"): dates(2019, 12),
                     ("c", "z"): dates(2018, 2), ("d", "x"): dates(2022, 5)})
    for limit in (1, 2, 3, 5, 8, 13, 100):
        groups = search_groups(pages, limit)
        flat = [member for group in groups for member in group]
        assert sorted(flat) == sorted(pages) and len(flat) == len(set(flat)), limit
        assert all(1 <= len(group) <= limit for group in groups), (limit, [len(group) for group in groups])


def test_groups_do_not_depend_on_the_order_pages_are_found_in():
    pages = archive({("a", "x"): dates(2020, 9), ("b", "y"): dates(2021, 4), ("c", "z"): dates(2019, 6)})
    shuffled = list(pages)
    random.Random(3).shuffle(shuffled)
    assert search_groups(shuffled, 7) == search_groups(pages, 7)


def test_organisations_that_fit_are_kept_whole_and_packed_in_sorted_order():
    pages = archive({("c", "x"): dates(2020, 3), ("a", "x"): dates(2020, 2), ("b", "x"): dates(2020, 2),
                     ("a", "y"): dates(2021, 1), ("d", "x"): dates(2020, 4)})
    groups = search_groups(pages, 5)
    organisations = [sorted({member.split("/")[0] for member in group}) for group in groups]
    assert organisations == [["a", "b"], ["c"], ["d"]]  # a (3) + b (2) fill 5; c (3) + d (4) would not fit
    assert [len(group) for group in groups] == [5, 3, 4]


def test_a_large_organisation_is_split_by_body_then_by_year_then_into_runs():
    pages = archive({("a", "big"): dates(2019, 3) + dates(2020, 9) + dates(2021, 2), ("a", "small"): dates(2020, 2),
                     ("b", "x"): dates(2020, 1)})
    groups = search_groups(pages, 4)
    # a (16) > 4: its bodies; a/big (14) > 4: its years; 2020 (9) > 4: runs of 4 pages in date order.
    assert [len(group) for group in groups] == [3, 4, 4, 3, 3]
    assert groups[0] == [page("a", "big", d) for d in dates(2019, 3)]
    assert groups[1] == [page("a", "big", d) for d in dates(2020, 4)]
    assert groups[3] == [page("a", "big", dates(2020, 9)[8])] + [page("a", "big", d) for d in dates(2021, 2)]
    assert groups[4] == [page("a", "small", d) for d in dates(2020, 2)] + [page("b", "x", "2020-01-01")]
    for group in groups:  # a run of pages never mixes years or bodies with another run of the same unit
        assert group == sorted(group)


def test_no_pages_make_no_groups_and_the_limit_is_checked(monkeypatch):
    assert search_groups([], 10) == []
    monkeypatch.setenv(GROUP_MEETINGS_VARIABLE, "25")
    assert group_limit() == 25
    assert group_limit(3) == 3
    for bad in ("0", "-4", "many", "2.5"):
        monkeypatch.setenv(GROUP_MEETINGS_VARIABLE, bad)
        with pytest.raises(RuntimeError, match=GROUP_MEETINGS_VARIABLE):
            group_limit()


# --- real bundles of the sample ----------------------------------------------------------------

@pytest.fixture(scope="module")
def unindexed_site(tmp_path_factory):
    """The sample built with MkDocs, without a search index."""
    work = tmp_path_factory.mktemp("groups")
    copy_project(work)
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--src", "minutes_src", "--out", "docs"],
                            cwd=work, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    result = mkdocs_build(work, stack="classic", ARCHIVE_GENERATE="0", ARCHIVE_SEARCH="0")
    assert result.returncode == 0, result.stderr[-3000:]
    assert not (work / "site" / BUNDLE).exists()
    return work / "site"


def indexed_copy(site, target, limit: int):
    shutil.copytree(site, target, copy_function=os.link)
    stats = index_site(target, group_meetings=limit)
    return target, stats


def fragments(bundle) -> dict[str, bytes]:
    """URL -> the fragment file's bytes, for every page of a Pagefind bundle."""
    found = {}
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = path.read_bytes()
        text = gzip.decompress(data)
        assert text.startswith(b"pagefind_dcd"), path
        found[json.loads(text[len(b"pagefind_dcd"):])["url"]] = data
    return found


def tree(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_sample_is_one_group_with_an_empty_merge_list(unindexed_site, tmp_path):
    site, stats = indexed_copy(unindexed_site, tmp_path / "site", limit=4000)
    assert len(stats.groups) == 1 and stats.groups[0].bundle == "pagefind/"
    assert json.loads((site / BUNDLE / MERGE_LIST).read_text()) == []
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(BUNDLE)) == [BUNDLE]
    assert stats.pages == len(meeting_pages(site)) >= 5


def test_a_small_group_size_writes_several_bundles_each_page_in_exactly_one(unindexed_site, tmp_path):
    one, _ = indexed_copy(unindexed_site, tmp_path / "one", limit=4000)
    site, stats = indexed_copy(unindexed_site, tmp_path / "several", limit=2)
    pages = meeting_pages(site)
    expected = [f"pagefind-{number}/" for number in range(2, len(search_groups(pages, 2)) + 1)]
    assert len(expected) >= 2
    assert json.loads((site / BUNDLE / MERGE_LIST).read_text()) == expected
    assert (site / BUNDLE / MERGE_LIST).read_text() == json.dumps(expected) + "\n"
    assert [group.bundle for group in stats.groups] == ["pagefind/"] + expected
    bundles = [site / BUNDLE] + [site / name.rstrip("/") for name in expected]
    every: dict[str, bytes] = {}
    for bundle, group in zip(bundles, stats.groups):
        for name in ("pagefind.js", "pagefind-entry.json", "pagefind-worker.js", "wasm.nb.pagefind"):
            assert (bundle / name).is_file(), f"{bundle.name} is not a complete bundle: no {name}"
        entry = json.loads((bundle / "pagefind-entry.json").read_text())
        assert (bundle / f"pagefind.{entry['languages']['nb']['hash']}.pf_meta").is_file()
        assert list((bundle / "filter").glob("*.pf_filter")), f"{bundle.name}: no filter index"
        found = fragments(bundle)
        assert len(found) == group.pages <= 2
        assert not set(found) & set(every), f"{bundle.name}: pages already in another bundle"
        every.update(found)
    assert stats.pages == len(pages)
    assert sorted(every) == sorted("/" + p.removesuffix("index.html") for p in pages)
    # A page's fragment (its URL, text, filters, sub-results) is the same file as in one bundle.
    assert every == fragments(one / BUNDLE)


def test_two_runs_in_two_folders_give_the_same_bytes(unindexed_site, tmp_path):
    first, _ = indexed_copy(unindexed_site, tmp_path / "a" / "site", limit=2)
    second, _ = indexed_copy(unindexed_site, tmp_path / "b" / "elsewhere", limit=2)
    one, two = tree(first), tree(second)
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []
    assert not [p for p in (tmp_path / "a").iterdir() if p.name != "site"], "scratch folder left behind"


def test_reindexing_with_fewer_groups_removes_the_bundles_that_are_gone(unindexed_site, tmp_path):
    site, many = indexed_copy(unindexed_site, tmp_path / "site", limit=1)
    assert (site / f"{BUNDLE}-{len(many.groups)}").is_dir()
    fewer = index_site(site, group_meetings=3)
    names = sorted(p.name for p in site.iterdir() if p.name.startswith(BUNDLE))
    assert names == sorted(group.bundle.rstrip("/") for group in fewer.groups) == [BUNDLE, f"{BUNDLE}-2"]
    assert json.loads((site / BUNDLE / MERGE_LIST).read_text()) == [f"{BUNDLE}-2/"]
    pages = set()
    for group in fewer.groups:
        pages |= set(fragments(site / group.bundle))
    assert len(pages) == len(meeting_pages(site))


def test_the_build_reads_the_group_size_from_the_environment(tmp_path):
    copy_project(tmp_path)
    result = mkdocs_build(tmp_path, stack="classic", **{GROUP_MEETINGS_VARIABLE: "2"})
    assert result.returncode == 0, result.stderr[-3000:]
    merge = json.loads((tmp_path / "site" / BUNDLE / MERGE_LIST).read_text())
    assert len(merge) >= 2 and all((tmp_path / "site" / name / "pagefind-entry.json").is_file() for name in merge)
    bad = mkdocs_build(tmp_path, stack="classic", **{GROUP_MEETINGS_VARIABLE: "lots"})
    assert bad.returncode != 0 and f"{GROUP_MEETINGS_VARIABLE} must be a whole number" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_the_command_line_indexes_in_groups(unindexed_site, tmp_path):
    shutil.copytree(unindexed_site, tmp_path / "site", copy_function=os.link)
    report = tmp_path / "stats.json"
    result = subprocess.run([sys.executable, "-m", "generator", "search", str(tmp_path / "site"), "--group-meetings", "3",
                             "--json", str(report)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    stats = json.loads(report.read_text())
    assert [group["bundle"] for group in stats["groups"]] == ["pagefind/", "pagefind-2/"]
    assert sum(group["pages"] for group in stats["groups"]) == stats["pages"] == len(meeting_pages(tmp_path / "site"))
    assert all(group["peak_bytes"] > 0 for group in stats["groups"])


def test_an_organisation_folder_named_like_a_bundle_stops_the_index(unindexed_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(unindexed_site, site, copy_function=os.link)
    organisation = sorted(site.glob("*/*/[0-9][0-9][0-9][0-9]-*/index.html"))[0].parent.parent.parent
    organisation.rename(site / "pagefind-2")
    with pytest.raises(RuntimeError, match="pagefind-2: an organisation folder named like a search bundle"):
        index_site(site, group_meetings=2)
    assert list((site / "pagefind-2").glob("*/*/index.html")), "the organisation's pages are still there"
