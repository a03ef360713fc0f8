"""The synthetic archive generator: deterministic, shaped like minutes_src, references planted."""
from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from generator.cli import main
from generator.config import load_archive_config
from generator.dev.synthetic import FORMATS, TRUTH_FILE, generate

DATE_FILE = re.compile(r"^\d{4}-\d{2}-\d{2}\.txt$")


def _truth(root: Path) -> list[dict]:
    with open(root / TRUTH_FILE, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("synthetic60")
    return root, generate(root, 60, seed=1)


@pytest.fixture(scope="module")
def medium(tmp_path_factory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("synthetic300")
    started = time.perf_counter()
    summary = generate(root, 300, seed=7)
    summary["_seconds"] = time.perf_counter() - started
    return root, summary


def test_same_seed_gives_byte_identical_archives(tmp_path, small):
    first_root, first_summary = small
    second_summary = generate(tmp_path / "again", 60, seed=1)
    assert second_summary == first_summary
    first, second = _files(first_root), _files(tmp_path / "again")
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert different == []


def test_other_seed_gives_other_archive(tmp_path, small):
    root, _ = small
    generate(tmp_path / "other", 60, seed=2)
    assert _files(root) != _files(tmp_path / "other")


def test_counts_match_request_files_and_truth(small, medium):
    for root, summary in (small, medium):
        truth = _truth(root)
        minutes = [p for p in root.rglob("*.txt")]
        assert summary["meetings"] == len(truth) == len(minutes)
        per_body = sum(b["meetings"] for o in summary["organisations"].values()
                       for b in o["bodies"].values())
        assert per_body == summary["meetings"]
        assert sum(summary["per_format"].values()) == summary["meetings"]
        assert summary["items"] == sum(len(r["items"]) for r in truth)
        assert summary["references"] == sum(len(r["references"]) for r in truth)
    _, summary = medium
    assert 6 <= len(summary["organisations"]) <= 12
    for org in summary["organisations"].values():
        assert 2 <= len(org["bodies"]) <= 4


def test_tree_loads_with_the_real_config_loader(small, medium):
    for root, summary in (small, medium):
        organisations, problems = load_archive_config(root)
        assert problems == []
        assert sorted(o.slug for o in organisations) == sorted(summary["organisations"])
        for org in organisations:
            assert org.municipalities
            for body in org.bodies:
                assert (root / org.slug / body.slug / "body.yml").is_file()
                assert body.slug in summary["organisations"][org.slug]["bodies"]


def test_every_body_folder_has_body_yml_and_only_dated_minutes(medium):
    root, _ = medium
    assert not list(root.glob("*.txt")), "nothing but the truth file at the root"
    assert (root / TRUTH_FILE).is_file()
    for org in (p for p in root.iterdir() if p.is_dir()):
        assert (org / "organisation.yml").is_file()
        for body in (p for p in org.iterdir() if p.is_dir()):
            assert (body / "body.yml").is_file()
            names = [p.name for p in body.iterdir() if p.name != "body.yml"]
            assert names, f"{body} has no minutes"
            for name in names:
                assert DATE_FILE.match(name), name
                dt.date.fromisoformat(name[:10])


def test_dates_unique_per_body_and_match_file_names(medium):
    root, _ = medium
    seen = defaultdict(list)
    for record in _truth(root):
        assert record["path"] == f"{record['org']}/{record['body']}/{record['date']}.txt"
        seen[(record["org"], record["body"])].append(record["date"])
    for dates in seen.values():
        assert len(dates) == len(set(dates))
        assert dates == sorted(dates)


def test_case_numbers_per_body_per_year_follow_the_format(medium):
    root, _ = medium
    patterns = {"000": r"\d{1,3}/\d{2}", "001": r"\d{1,3}/\d{2}", "002": r"\d{3}/\d{2}",
                "003": r"\d{1,3}-\d{2}", "004": r"\d{1,2}"}
    numbers = defaultdict(list)
    for record in _truth(root):
        year = record["date"][2:4]
        ordinals = []
        for item in record["items"]:
            if item["number"] is None:
                assert record["format"] == "000" and item["title"] == "Orienteringer"
                continue
            assert re.fullmatch(patterns[record["format"]], item["number"]), item["number"]
            if record["format"] == "004":
                ordinals.append(int(item["number"]))
            else:
                assert item["number"][-2:] == year
                numbers[(record["org"], record["body"], year)].append(int(re.split("[/-]", item["number"])[0]))
        if ordinals:
            assert ordinals == list(range(1, len(ordinals) + 1))
    for sequence in numbers.values():
        assert sequence == list(range(1, len(sequence) + 1))


def test_all_five_formats_and_their_landmarks(medium):
    root, summary = medium
    assert sorted(summary["per_format"]) == list(FORMATS)
    landmarks = {"000": [" Referat fra ", "\tSaksnr.", "Konklusjon: ", "Tid og sted: "],
                 "001": ["Saksliste ", "Saksnr.\t", "<p>", "Møteleder:\t", "Referent:\t"],
                 "002": ["Sakliste", "Vedlegg som var utsendt", ".....\t", "Til stede:", "Saksbehandler",
                         "konklusjon "],
                 "003": ["OPPSUMMERING ", "Deltakere", "Fra adm.", "\nSak ", "Oppsummering"],
                 "004": ["Referat ", "- Tid:** ", "Til stede: *Representanter for kommunene:*",
                         "Saker på agendaen", "\n1. Referat"]}
    seen = Counter()
    for record in _truth(root):
        fmt = record["format"]
        if seen[fmt] >= 5:
            continue
        seen[fmt] += 1
        text = (root / record["path"]).read_text(encoding="utf-8")
        for landmark in landmarks[fmt]:
            assert landmark in text, (record["path"], landmark)
        for item in record["items"]:
            assert item["title"] in text
            if item["conclusion"] and fmt != "003":
                assert item["conclusion"].split(" ")[0] in text


def test_planted_references_are_in_the_files_and_targets_are_right(medium):
    root, summary = medium
    truth = _truth(root)
    cases = defaultdict(set)  # org/body -> case keys
    dates = defaultdict(set)
    for record in truth:
        body = f"{record['org']}/{record['body']}"
        dates[body].add(record["date"])
        for item in record["items"]:
            if item["key"] and record["format"] != "004":
                cases[body].add(item["key"])
    kinds = Counter()
    for record in truth:
        text = (root / record["path"]).read_text(encoding="utf-8")
        own = f"{record['org']}/{record['body']}"
        for ref in record["references"]:
            assert ref["text"] in text, (record["path"], ref)
            assert ref["from"] in [i["number"] for i in record["items"]]
            if ref["kind"] == "meeting":
                kinds["meeting"] += 1
                assert (ref["target"] in dates[own]) == ref["exists"], ref
                if ref["exists"]:
                    assert ref["target_path"] == f"{own}/{ref['target']}.txt"
                    if not ref["forward"]:
                        assert ref["target"] < record["date"]
            elif ref["external"] and not ref["in_archive"]:
                kinds["outside"] += 1
                assert ref["exists"] is None and ref["body"]
            elif ref["external"]:
                kinds["cross_body"] += 1
                assert ref["body"] != own
                assert (ref["target"] in cases[ref["body"]]) == ref["exists"], ref
            elif "meeting_date" in ref:
                kinds["ordinal"] += 1
                assert ref["exists"]
            else:
                kinds["case"] += 1
                assert (ref["target"] in cases[own]) == ref["exists"], ref
                if ref["exists"]:
                    target = (root / ref["target_path"]).read_text(encoding="utf-8")
                    assert re.search(rf"\b0*{ref['target'].split('/')[0]}[/-]{ref['target'].split('/')[1]}\b",
                                     target)
    assert all(kinds[k] > 0 for k in ("meeting", "case", "cross_body", "outside", "ordinal")), kinds
    assert summary["cross_body_references"] == kinds["cross_body"]
    assert summary["outside_archive_references"] == kinds["outside"]
    internal_cases = kinds["case"] + kinds["cross_body"] + kinds["ordinal"]
    missing_cases = sum(1 for r in truth for ref in r["references"]
                        if ref["kind"] == "case" and ref["exists"] is False)
    assert 0.02 <= missing_cases / internal_cases <= 0.10


def test_follow_up_chains_run_over_several_meetings(medium):
    root, summary = medium
    steps = defaultdict(list)
    for record in _truth(root):
        for ref in record["references"]:
            if "chain" in ref:
                steps[ref["chain"]].append(record["date"])
    assert summary["follow_up_chains"] > 0
    assert max(len(v) for v in steps.values()) >= 3
    for dates in steps.values():
        assert dates == sorted(dates)


def test_300_meetings_have_minutes_of_a_realistic_size(medium):
    """The generator's speed is the benchmark's to measure (make bench), not a unit test's."""
    _, summary = medium
    assert summary["bytes"] / summary["meetings"] > 2500


def test_refuses_to_write_into_a_foreign_folder(tmp_path):
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ValueError):
        generate(tmp_path, 10)
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_regenerating_replaces_an_earlier_synthetic_archive(tmp_path):
    generate(tmp_path, 40, seed=3)
    generate(tmp_path, 12, seed=3)
    assert len(list(tmp_path.rglob("*.txt"))) == 12
    assert len(_truth(tmp_path)) == 12


def test_cli(tmp_path, capsys):
    assert main(["corpus", "--meetings", "15", "--out", str(tmp_path / "cli"), "--seed", "4"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["meetings"] == 15
    assert len(list((tmp_path / "cli").rglob("*.txt"))) == 15


def test_cli_reports_a_folder_it_may_not_replace_as_a_usage_error(tmp_path, capsys):
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(SystemExit) as exit:
        main(["corpus", "--meetings", "5", "--out", str(tmp_path)])
    assert exit.value.code == 2
    assert "is not empty" in capsys.readouterr().err


def _parser():
    parse = pytest.importorskip("generator.parse")
    read = pytest.importorskip("generator.read")
    if not hasattr(parse, "parse_document"):
        pytest.skip("generator.parse.parse_document is not written yet")
    return parse.parse_document, read.read_source


def _normal(text: str | None) -> str | None:
    return " ".join(text.split()) if text is not None else None


def test_parser_recovers_dates_items_and_titles(medium):
    """Parse ~50 synthetic minutes (10 per format) and compare with what was planted."""
    parse_document, read_source = _parser()
    root, _ = medium
    by_format = defaultdict(list)
    for record in _truth(root):
        by_format[record["format"]].append(record)
    sample = []
    for fmt in sorted(by_format):
        records = by_format[fmt]
        step = max(1, len(records) // 10)
        sample += records[::step][:10]
    problems = []
    for record in sample:
        meeting, _ = parse_document(read_source(root / record["path"], record["path"]), None)
        where = f"{record['path']} ({record['format']})"
        if meeting.date != record["date"]:
            problems.append(f"{where}: date {meeting.date!r}, expected {record['date']!r}")
        got = [(_normal(i.number), _normal(i.title)) for i in meeting.items]
        want = [(i["number"], _normal(i["title"])) for i in record["items"]]
        if len(got) != len(want):
            problems.append(f"{where}: {len(got)} items, expected {len(want)}")
        for (got_number, got_title), (want_number, want_title) in zip(got, want):
            if got_number != want_number or got_title != want_title:
                problems.append(f"{where}: item {got_number!r} {got_title!r}, "
                                f"expected {want_number!r} {want_title!r}")
                break
    assert not problems, f"{len(problems)} problems in {len(sample)} files:\n" + "\n".join(problems[:40])
