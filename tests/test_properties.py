"""Property-based tests (hypothesis) beyond tests/test_dates.py and tests/test_references.py.

- The reference extractor and the date/time parsers never raise and keep their spans inside the
  input on text made of the pieces minutes are made of (arbitrary text is covered in those files),
  for any meeting date the calendar has.
- A parsed meeting -> JSON -> Meeting -> JSON gives the same JSON.
- Backlinks are the exact inverse of the resolved links, over generated archives.
- The whole parse step never fails other than with SourceError on mutated seeds (the fuzz target
  of `make fuzz`, run here for a few examples).
"""
from __future__ import annotations

import datetime as dt
import json
import random

from hypothesis import HealthCheck, example, given, settings, strategies as st

from conftest import SAMPLE
from fuzz_parse import check, mutate, seeds
from generator.build import build
from generator.render.export import meeting_from_dict, meeting_from_json, meeting_to_json
from generator.link import link
from generator.model import Body, Item, Meeting, Organisation, Reference
from generator.parse.dates import find_dates, find_time, resolve_year, time_from_value
from generator.parse.references import extract_references

# --- text made of minutes' pieces -----------------------------------------------------------------

PIECES = ["sak", "Sak", "saken", "saksnr.", "nr.", "12/20", "001/10", "14-22", "3", "5.1", "ovenfor", "fra møtet",
          "møte den", "Referat fra", "Møtereferat", "neste møte", "Formannskapets", "rådmannsutvalget", "i",
          "kommune", "8.", "januar", "jan.", "6.5", "31.02.2023", "29.2", "27.11.09", "13/10-87", "2024-01-17",
          "kl.", "0830", "-", "–", "1200", "12.15", "til", "Tid:", ":", ",", ".", "(", ")", "/", "\t", "\n", "  ",
          "æøå", "\u00a0", "Ola", "Nordmann", "vedlegg", "2019-2022", "99999999"]
minutes_text = st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join) | st.text(max_size=200)
any_date = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
OWN = ("Rådmannsutvalget", "RU")


@settings(max_examples=300)
@given(minutes_text, any_date, st.booleans(), st.sampled_from(["title", "text"]), st.integers(0, 10_000))
@example("Neste møte 31.12", dt.date(9999, 12, 31), False, "text", 1)
@example("Referat fra 1.1", dt.date(1, 1, 1), False, "text", 1)
def test_reference_extractor_on_minutes_text(text, meeting_date, ordinal, where, line):
    found = extract_references(text, meeting_date, OWN, ordinal, where, line)
    for ref in found:
        assert 0 <= ref.start < ref.end <= len(text) and text[ref.start:ref.end] == ref.text
        assert (ref.where, ref.line) == (where, line)
        assert ref.kind in ("case", "meeting") and not ref.resolved
        if ref.kind == "meeting":
            dt.date.fromisoformat(ref.target)
    assert [r.start for r in found] == sorted(r.start for r in found)
    cases = [r for r in found if r.kind == "case"]
    meetings = [r for r in found if r.kind == "meeting"]
    assert not any(c.start < m.end and m.start < c.end for c in cases for m in meetings)


@settings(max_examples=300)
@given(minutes_text, any_date, st.booleans())
def test_date_and_time_parsers_on_minutes_text(text, anchor, future):
    previous_end = 0
    for found in find_dates(text):
        assert 0 <= found.start < found.end <= len(text) and text[found.start:found.end] == found.text
        assert found.start >= previous_end, "dates do not overlap"
        previous_end = found.end
        assert 1 <= found.month <= 12 and 1 <= found.day <= 31
        if found.date is not None:
            assert (found.date.day, found.date.month, found.date.year) == (found.day, found.month, found.year)
        resolved = resolve_year(found, anchor, future)
        assert resolved is None or (resolved.day, resolved.month) == (found.day, found.month)
    for labelled in (False, True):
        time = find_time(text, labelled)
        if time:
            assert 0 <= time.start < time.end <= len(text)
            for value in (time.begins, time.ends):
                assert value is None or dt.time.fromisoformat(value)


@given(st.one_of(st.none(), st.integers(), st.text(max_size=30), st.floats(), st.booleans()))
def test_time_from_front_matter_never_raises(value):
    result = time_from_value(value)
    assert result is None or dt.time.fromisoformat(result)


# --- JSON round trip ------------------------------------------------------------------------------

def round_trips(meeting: Meeting) -> None:
    published = meeting_to_json(meeting)
    again = meeting_from_json(published)
    assert meeting_to_json(again) == published
    assert meeting_from_dict(json.loads(published)) == again


def test_every_sample_meeting_round_trips_through_json():
    archive = build(SAMPLE, None).archive
    assert archive.meetings
    for meeting in archive.meetings:
        round_trips(meeting)


text_value = st.text(max_size=20)
optional_text = st.none() | text_value
references = st.builds(Reference, kind=st.sampled_from(["case", "meeting"]), text=text_value, target=optional_text,
                       meeting_date=optional_text, body=optional_text, external=st.booleans(),
                       resolved=st.booleans(), target_meeting=optional_text, target_anchor=text_value)
items = st.builds(Item, number=optional_text, key=optional_text, title=text_value, text=text_value,
                  conclusion=optional_text, line=st.integers(0, 10**6), anchor=text_value,
                  references=st.lists(references, max_size=3).map(tuple))


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.builds(Meeting, id=text_value, source=text_value, date=text_value,
                 items=st.lists(items, max_size=3).map(tuple), references=st.lists(references, max_size=2).map(tuple)))
def test_any_meeting_round_trips_through_json(meeting):
    round_trips(meeting)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_parse_step_survives_mutated_seeds(rng):
    corpus = [data for _, data in seeds()]
    check(mutate(rng.choice(corpus), random.Random(rng.random()), corpus))  # raises on a crash


# --- backlinks are the inverse of links --------------------------------------------------------------

ORG = Organisation("org", "Org", "Org", bodies=(Body("a", "Utvalget", "UT"), Body("b", "Styret", "ST")))
CASE_KEYS = ["1/20", "2/20", "3/20", "1/21", "7"]
DATES = ["2020-01-10", "2020-02-10", "2021-01-10"]


@st.composite
def archives(draw):
    meetings = []
    for body in ("a", "b"):
        for date in draw(st.lists(st.sampled_from(DATES), unique=True, max_size=3)):
            keys = draw(st.lists(st.sampled_from(CASE_KEYS), unique=True, max_size=3))
            meeting_items = []
            for position, key in enumerate(keys, start=1):
                refs = draw(st.lists(st.one_of(
                    st.builds(Reference, kind=st.just("case"), text=st.just("sak"), target=st.sampled_from(CASE_KEYS),
                              meeting_date=st.none() | st.sampled_from(DATES), external=st.booleans(),
                              body=st.sampled_from([None, "Styret", "Utvalget", "Bystyret"])),
                    st.builds(Reference, kind=st.just("meeting"), text=st.just("møtet"), target=st.sampled_from(DATES),
                              external=st.booleans(), body=st.sampled_from([None, "Styret", "Bystyret"]))),
                    max_size=3))
                meeting_items.append(Item(key, key, f"Sak {key}", "", None, anchor=f"sak-{position}",
                                          references=tuple(refs)))
            meetings.append(Meeting(id=f"org/{body}/{date}", source=f"{body}/{date}.txt", date=date, org_slug="org",
                                    body_slug=body, items=tuple(meeting_items)))
    return meetings


def resolved_links(archive) -> set[tuple]:
    out = set()
    for meeting in archive.meetings:
        for item in meeting.items:
            for ref in item.references:
                if ref.resolved:
                    out.add((ref.target_meeting, ref.target_anchor, meeting.id, item.anchor, ref.text))
    return out


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(archives())
def test_backlinks_are_the_exact_inverse_of_resolved_links(meetings):
    archive = link([ORG], meetings)
    from_backlinks = {(target, anchor, b.meeting_id, b.anchor, b.text)
                      for (target, anchor), found in archive.backlinks.items() for b in found}
    assert from_backlinks == resolved_links(archive)
    anchors = {(m.id, i.anchor) for m in archive.meetings for i in m.items} | {(m.id, "") for m in archive.meetings}
    for target, anchor, source_id, source_anchor, _ in from_backlinks:
        assert (target, anchor) in anchors, "a link points at a page and anchor that exist"
        assert (target, anchor) != (source_id, source_anchor), "nothing links to itself"
    for meeting in archive.meetings:
        for item in meeting.items:
            for ref in item.references:
                assert ref.resolved == (ref.target_meeting is not None)


def test_backlinks_of_the_sample_archive_are_the_inverse_of_its_links():
    archive = build(SAMPLE, None).archive
    from_backlinks = {(target, anchor, b.meeting_id, b.anchor, b.text)
                      for (target, anchor), found in archive.backlinks.items() for b in found}
    assert from_backlinks and from_backlinks == resolved_links(archive)
