import datetime as dt

import pytest
from hypothesis import example, given, strategies as st

from generator.parse.references import extract_references

MEETING = dt.date(2010, 1, 8)
OWN = ("Rådmannsutvalget", "RU", "rådmannsutvalget")


def refs(text, date=MEETING, own=OWN, ordinal=False):
    return [(r.kind, r.target, r.external, r.meeting_date) for r in extract_references(text, date, own, ordinal)]


@pytest.mark.parametrize("text, expected", [
    ("Oppfølging av sak 66/20.", [("case", "66/20", False, None)]),
    ("Henvendelse – til sak 002/10", [("case", "2/10", False, None)]),
    ("jf. sak 14-22 i forrige møte", [("case", "14/22", False, None)]),
    ("Sak 088/09 Formannskapet i Kongsberg kommune", [("case", "88/09", True, None)]),
    ("Formannskapets sak 12/09 ble sendt", [("case", "12/09", True, None)]),
])
def test_case_references(text, expected):
    assert refs(text) == expected


def test_ordinal_case_references_need_a_place():
    assert refs("drøftet i tilknytning til sak 3 ovenfor") == [("case", "3", False, None)]
    assert refs("siste prikkpunkt under sak 4 fra møtet 6.5", date=dt.date(2014, 6, 20)) == \
        [("case", "4", False, "2014-05-06")]
    assert refs("sak 3 ble utsatt") == []  # in a body with yeared case numbers, "sak 3" is ambiguous
    assert refs("sak 3 ble utsatt", ordinal=True) == [("case", "3", False, None)]


@pytest.mark.parametrize("text, date, expected", [
    ("Referat fra 05.11.2020", dt.date(2020, 12, 14), "2020-11-05"),
    ("Referat fra Kommunedirektørkollegiet 8. juni", dt.date(2023, 8, 22), "2023-06-08"),
    ("- Møtereferat rådmannsutvalget 27.11.09", MEETING, "2009-11-27"),
    ("I møte den 27.11.09 ba sekretariatet", MEETING, "2009-11-27"),
    ("leder ble valgt i møte den 09.01.09", MEETING, "2009-01-09"),
    ("referatet fra møtet 6.5 ble godkjent", dt.date(2014, 6, 20), "2014-05-06"),
])
def test_meeting_references(text, date, expected):
    found = extract_references(text, date, ("Kommunedirektørkollegiet", "rådmannsutvalget"))
    assert [(r.kind, r.target) for r in found] == [("meeting", expected)]


def test_the_meeting_itself_is_not_a_reference():
    assert refs("Behandling i rådmannsutvalget 08.01.10:") == []


def test_another_bodys_meeting_is_external():
    found = extract_references("godkjent i Formannskapets møte 6.6.2014", dt.date(2014, 6, 20), OWN)
    assert [(r.kind, r.target, r.external, r.body) for r in found] == [("meeting", "2014-06-06", True, "Formannskapet")]


def test_next_meeting_is_in_the_future():
    found = extract_references("Neste møte blir som avtalt 4.9.", dt.date(2014, 6, 20), OWN)
    assert [r.target for r in found] == ["2014-09-04"]


filler = st.text(alphabet=st.characters(whitelist_categories=("Ll", "Lu", "Zs"), max_codepoint=0x24F), max_size=40)


@given(filler, st.integers(1, 199), st.integers(0, 99), filler)
@example("", 66, 20, "")
def test_an_embedded_case_reference_is_found_exactly_once(before, number, year, after):
    before = before + " " if before else ""
    text = f"{before}Oppfølging av sak {number}/{year:02d}. {after}"
    found = [r for r in extract_references(text, MEETING, OWN) if r.kind == "case"]
    assert [(r.target, r.external) for r in found] == [(f"{number}/{year:02d}", False)]
    assert text[found[0].start:found[0].end].startswith("sak")


@given(st.text(max_size=400))
def test_extractor_never_raises_and_spans_lie_inside(text):
    for ref in extract_references(text, MEETING, OWN, ordinal_items=True):
        assert 0 <= ref.start < ref.end <= len(text)
        assert text[ref.start:ref.end] == ref.text


@pytest.mark.parametrize("text", ["De kommer med innspill i sitt neste møte 15.8.",
                                  "oversendes Rådmannsutvalget for behandling i deres møte 24. oktober."])
def test_another_bodys_meeting_named_by_a_possessive_is_not_a_reference(text):
    assert extract_references(text, dt.date(2014, 6, 20), OWN) == []
