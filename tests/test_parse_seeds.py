"""Each seed and corpus document parsed against its hand-made truth (shared/truth, shared/corpus/truth)."""
from __future__ import annotations

import json
import re

import jsonschema
import pytest
import yaml

from conftest import CORPUS, SEEDS, SHARED, TRUTH
from generator.render.export import meeting_to_dict
from generator.parse import parse_document
from generator.parse.casenumbers import case_key
from generator.read import read_source

SCHEMA = json.loads((SHARED / "schema" / "meeting.schema.json").read_text())


def norm(text):
    return re.sub(r"\s+", " ", re.sub(r"\s*-\s*", "-", str(text or ""))).strip(" .:").casefold()


def parse(path):
    meeting, _ = parse_document(read_source(path))
    return meeting


def truths(folder):
    return sorted(folder.glob("*.yml"))


@pytest.mark.parametrize("truth_file", truths(TRUTH), ids=lambda p: p.stem[:3])
def test_seed_matches_truth(truth_file):
    truth = yaml.safe_load(truth_file.read_text())
    meeting = parse(SEEDS / truth["source"])
    assert meeting.date == truth["date"].isoformat()
    for field in ("start", "end", "chair", "secretary"):
        if truth.get(field):
            assert getattr(meeting, field) == truth[field], field
    got = [(case_key(i.number), norm(i.title)) for i in meeting.items]
    want = [(case_key(i["number"]), norm(i["title"])) for i in truth["items"]]
    assert got == want
    for item, expected in zip(meeting.items, truth["items"]):
        if expected["conclusion"]:
            assert norm(expected["conclusion"]) in norm(item.conclusion).replace("\n", " ") or \
                set(norm(expected["conclusion"]).split()) <= set(norm(item.conclusion).split()), item.number
        else:
            assert item.conclusion is None, item.number
    present = {norm(a.name) for a in meeting.attendees if a.status != "absent"}
    absent = {norm(a.name) for a in meeting.attendees if a.status == "absent"}
    assert present == {norm(n) for n in truth["attendees"]["present"]}
    assert absent == {norm(n) for n in truth["attendees"]["absent"]}


@pytest.mark.parametrize("truth_file", truths(TRUTH), ids=lambda p: p.stem[:3])
def test_seed_references(truth_file):
    truth = yaml.safe_load(truth_file.read_text())
    meeting = parse(SEEDS / truth["source"])
    found_meetings = {(case_key(i.number), r.target) for i in meeting.items for r in i.references if r.kind == "meeting"}
    found_cases = {(case_key(i.number), r.target, r.external) for i in meeting.items for r in i.references
                   if r.kind == "case"}
    for ref in truth["references"]["meeting"]:
        assert (case_key(ref["from"]), ref["date"].isoformat()) in found_meetings
    for ref in truth["references"]["case"]:
        assert (case_key(ref["from"]), case_key(ref["to"]), False) in found_cases
    for ref in truth["references"].get("external", []):
        assert (case_key(ref["from"]), case_key(ref["to"]), True) in found_cases
        assert (case_key(ref["from"]), case_key(ref["to"]), False) not in found_cases


@pytest.mark.parametrize("truth_file", truths(TRUTH), ids=lambda p: p.stem[:3])
def test_seed_json_follows_the_shared_schema(truth_file):
    truth = yaml.safe_load(truth_file.read_text())
    jsonschema.validate(meeting_to_dict(parse(SEEDS / truth["source"])), SCHEMA)


def test_debris_is_gone_and_the_repeated_calendar_appears_once():
    grenland_2020 = parse(SEEDS / "001_f461aa7b62a2de6c.txt")
    texts = " ".join(i.text for i in grenland_2020.items)
    assert "<p>" not in texts and "</td>" not in texts
    assert texts.count("17.12.2021") == 1
    grenland_2023 = parse(SEEDS / "000_5a0232c1d29fe10d.txt")
    assert "[bookmark" not in json.dumps(meeting_to_dict(grenland_2023))


def test_proposals_are_not_decisions():
    kongsberg = parse(SEEDS / "002_24629abb2265b0a3.txt")
    first = kongsberg.items[1]
    assert first.conclusion.startswith("Sekretariatet avklarer")
    assert "drøfter saken og foreslår" not in first.conclusion


def test_attachments_go_to_their_cases():
    kongsberg = parse(SEEDS / "002_24629abb2265b0a3.txt")
    by_case = {i.key: sorted(int(re.sub(r"\D", "", a.label)) for a in i.attachments) for i in kongsberg.items}
    assert by_case["2/10"] == [1] and by_case["4/10"] == [3, 4] and by_case["6/10"] == [5, 6] and by_case["10/10"] == [7]


@pytest.mark.parametrize("truth_file", truths(CORPUS / "truth"), ids=lambda p: p.stem)
def test_corpus_document_parses_with_its_date(truth_file):
    truth = yaml.safe_load(truth_file.read_text())
    meeting = parse(CORPUS / "raw" / truth["source"])
    assert meeting.date == truth["date"].isoformat()
    if "items" in truth:
        numbers = {case_key(i.number) for i in meeting.items}
        assert {case_key(i["number"]) for i in truth["items"]} <= numbers
