"""Inputs that once crashed the parse step (found by `make fuzz`, tests/fuzz_parse.py), pinned.

Each file in tests/fixtures/fuzz/ must now parse, or fail with a clear SourceError, and its meeting
must survive the JSON round trip.
"""
from __future__ import annotations

import pytest

from conftest import ROOT
from fuzz_parse import check, parse_bytes

CRASHES = sorted((ROOT / "tests" / "fixtures" / "fuzz").glob("*.bin"))


def test_there_are_pinned_inputs():
    assert CRASHES


@pytest.mark.parametrize("path", CRASHES, ids=[p.name for p in CRASHES])
def test_pinned_crash_parses_or_fails_cleanly(path):
    check(path.read_bytes())


def test_damaged_utf16_keeps_the_rest_of_the_text():
    meeting = parse_bytes((ROOT / "tests" / "fixtures" / "fuzz" / "utf16-bom-lone-surrogate.bin").read_bytes())
    assert meeting.date == "2023-08-22" and meeting.items[0].title == "Økonomi"
