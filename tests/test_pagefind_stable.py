"""Pagefind's filter index in a stable order (generator/site/pagefind_stable.py).

Pagefind 1.5.2 writes filters and their values in hash-map order, different on every run; the
rewritten bundle is the same whatever order Pagefind chose, names its files the way Pagefind does,
keeps every byte of the CBOR it does not reorder, and Pagefind's own search program reads it.
"""
from __future__ import annotations

import collections
import gzip
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.site.pagefind_stable import SIGNATURE, FormatError, decode, encode, pagefind_hash, read_payload, stabilise
from generator.site.search import GLOB


def bundle_of(built_site: Path) -> Path:
    return built_site / "site" / "pagefind"


def meta_path(bundle: Path) -> tuple[str, Path]:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    (language, info), = entry["languages"].items()
    return language, bundle / f"pagefind.{info['hash']}.pf_meta"


def test_every_cbor_file_of_the_bundle_reencodes_to_its_own_bytes(built_site):
    files = [p for p in bundle_of(built_site).rglob("*") if p.suffix in (".pf_meta", ".pf_filter", ".pf_index")]
    assert len([p for p in files if p.suffix == ".pf_filter"]) == 3  # organisasjon, organ, år
    for path in files:
        raw = gzip.decompress(path.read_bytes())[len(SIGNATURE):]
        assert encode(decode(raw)) == raw, path


def test_unknown_cbor_is_refused_not_rewritten():
    with pytest.raises(FormatError):
        decode(bytes([0x9F, 0x01, 0xFF]))  # an indefinite-length array: minicbor never writes one
    with pytest.raises(FormatError):
        decode(bytes([0x18, 0x01]))  # 1 in two bytes: not the shortest form, would not re-encode the same


def test_files_are_named_as_pagefind_names_them(built_site):
    bundle = bundle_of(built_site)
    language, meta = meta_path(bundle)
    raw = gzip.decompress(meta.read_bytes())[len(SIGNATURE):]
    assert meta.name == f"pagefind.{language}_{pagefind_hash(raw)[:len(language) + 8]}.pf_meta"
    listed = read_payload(meta)[3]
    assert [name for name, _ in listed] == sorted(name for name, _ in listed)
    for name, short in listed:
        path = bundle / "filter" / f"{short}.pf_filter"
        raw = gzip.decompress(path.read_bytes())[len(SIGNATURE):]
        assert short == f"{language}_{pagefind_hash(raw)}"[:len(language) + 8]
        filter_name, values = decode(raw)
        assert filter_name == name and [v for v, _ in values] == sorted(v for v, _ in values)


def shuffle_like_pagefind(bundle: Path) -> None:
    """Rewrite the bundle's filter index in another order, as another Pagefind run might write it."""
    language, meta = meta_path(bundle)
    index = read_payload(meta)
    listed = []
    for number, (name, short) in enumerate(reversed(index[3])):
        path = bundle / "filter" / f"{short}.pf_filter"
        filter_name, values = read_payload(path)
        path.unlink()
        other = f"{language}_{number:07x}"
        (bundle / "filter" / f"{other}.pf_filter").write_bytes(
            gzip.compress(SIGNATURE + encode([filter_name, list(reversed(values))]), mtime=1))
        listed.append([name, other])
    index[3] = listed
    meta.unlink()
    (bundle / f"pagefind.{language}_0123456789.pf_meta").write_bytes(gzip.compress(SIGNATURE + encode(index)))
    entry = bundle / "pagefind-entry.json"
    old = meta.name.removeprefix("pagefind.").removesuffix(".pf_meta")
    entry.write_text(entry.read_text(encoding="utf-8").replace(old, f"{language}_0123456789"), encoding="utf-8")


def test_any_order_pagefind_writes_gives_the_same_bytes(built_site, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    shutil.copytree(bundle_of(built_site), first)
    shutil.copytree(bundle_of(built_site), second)
    shuffle_like_pagefind(second)
    assert subprocess.run(["diff", "-rq", str(first), str(second)], capture_output=True).returncode == 1
    assert stabilise(first) and stabilise(second)
    diff = subprocess.run(["diff", "-r", str(first), str(second)], capture_output=True, text=True)
    assert diff.returncode == 0, diff.stdout
    # and an already stable bundle (the build's) is left as it was
    diff = subprocess.run(["diff", "-r", str(bundle_of(built_site)), str(first)], capture_output=True, text=True)
    assert diff.returncode == 0, diff.stdout


@pytest.mark.browser
def test_pagefind_reads_the_rewritten_filters(built_site):
    from test_browser import browser_page, serve

    site = built_site / "site"
    expected: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for page in site.glob(GLOB):
        for span in BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select("[data-pagefind-filter]"):
            expected[span["data-pagefind-filter"]][span.get_text()] += 1
    with serve(site) as base, browser_page() as page:
        page.goto(base + "/")
        found = page.evaluate("""async () => {
            const pagefind = await import("./pagefind/pagefind.js");
            await pagefind.init();
            const filters = await pagefind.filters();
            const grenland = await pagefind.search(null, {filters: {organisasjon: "Grenlandssamarbeidet"}});
            return {filters, grenland: grenland.results.length};
        }""")
    assert {name: dict(counts) for name, counts in expected.items()} == found["filters"]
    assert found["grenland"] == expected["organisasjon"]["Grenlandssamarbeidet"] > 0
