"""Inputs that once crashed the parse step (found by `make fuzz`, tests/fuzz_parse.py), pinned.

Each file in tests/fixtures/fuzz/ (text as .bin, the other formats by their extension) must now
parse, or fail with a clear SourceError, and its meeting must survive the JSON round trip.
"""
from __future__ import annotations

import pytest

from conftest import ROOT
from fuzz_common import BINARY_FORMATS
from fuzz_parse import check, parse_bytes

CRASHES = sorted(p for p in (ROOT / "tests" / "fixtures" / "fuzz").glob("*.*")
                 if p.is_file() and p.suffix in (".bin", *BINARY_FORMATS))


def test_there_are_pinned_inputs():
    assert CRASHES


@pytest.mark.parametrize("path", CRASHES, ids=[p.name for p in CRASHES])
def test_pinned_crash_parses_or_fails_cleanly(path):
    check(path.read_bytes(), ".txt" if path.suffix == ".bin" else path.suffix)


def test_damaged_utf16_keeps_the_rest_of_the_text():
    meeting = parse_bytes((ROOT / "tests" / "fixtures" / "fuzz" / "utf16-bom-lone-surrogate.bin").read_bytes())
    assert meeting.date == "2023-08-22" and meeting.items[0].title == "Økonomi"


@pytest.mark.parametrize("suffix", BINARY_FORMATS)
def test_the_parse_fuzzer_reads_every_format_and_counts_a_reader_bug_as_a_crash(monkeypatch, suffix):
    import random

    import fuzz_common
    from fuzz_parse import check_input

    (name, data), *_ = [(n, d) for n, d in fuzz_common.format_seeds() if n.endswith(suffix)]
    check_input((suffix, data))  # the fixture reads and parses
    check_input((suffix, fuzz_common.mutate_format(suffix, data, random.Random(7))))  # a mutant does not crash

    def buggy(*args, **kwargs):
        raise TypeError("a bug in our own code")

    monkeypatch.setattr(f"generator.read.{suffix.lstrip('.')}.render", buggy)  # the reader's last step
    with pytest.raises(TypeError, match="a bug in our own code"):
        check_input((suffix, data))
