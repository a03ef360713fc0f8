import datetime as dt

import pytest
from hypothesis import given, strategies as st

from generator.parse.dates import find_dates, find_time, resolve_year, time_from_value


@pytest.mark.parametrize("text, expected", [
    ("22.08.23.", dt.date(2023, 8, 22)),
    ("14.12.2020.", dt.date(2020, 12, 14)),
    ("8. januar 2010", dt.date(2010, 1, 8)),
    ("Mandag 14. mars 2022 kl. 1300 - 1600", dt.date(2022, 3, 14)),
    ("Fredag 20.6.2014, kl. 0900-1440", dt.date(2014, 6, 20)),
    ("Referat frå allmøte 13/10-87", dt.date(1987, 10, 13)),
    ("## Møtenotater 2024-01-17", dt.date(2024, 1, 17)),
    ("27.11.09", dt.date(2009, 11, 27)),
])
def test_dates_as_minutes_write_them(text, expected):
    assert find_dates(text)[0].date == expected


def test_a_date_that_does_not_exist_is_found_but_has_no_date():
    found = find_dates("Møte 31.02.2023")
    assert found[0].has_year and found[0].date is None


def test_amounts_and_year_spans_are_not_dates():
    assert find_dates("kr. 341.250 i 2019-2022") == []


def test_year_less_dates_take_the_year_from_the_meeting():
    meeting = dt.date(2023, 8, 22)
    assert resolve_year(find_dates("8. juni")[0], meeting) == dt.date(2023, 6, 8)
    assert resolve_year(find_dates("20. desember")[0], meeting) == dt.date(2022, 12, 20)
    assert resolve_year(find_dates("4.9")[0], meeting, future=True) == dt.date(2023, 9, 4)


@pytest.mark.parametrize("text, labelled, start, end", [
    ("Tid og sted: Rådhusstua, Skien rådhus 0830 - 1200", True, "08:30", "12:00"),
    ("Tid:\t08:30 – 11:30", False, "08:30", "11:30"),
    ("Mandag 14. mars 2022 kl. 1300 - 1600", False, "13:00", "16:00"),
    ("Tysdag 13. oktober 1987, kl. 12.15, Auditorium V.", False, "12:15", None),
    ("10.15", True, "10:15", None),
])
def test_times(text, labelled, start, end):
    found = find_time(text, labelled=labelled)
    assert (found.begins, found.ends) == (start, end)


def test_a_span_of_years_is_not_a_time():
    assert find_time("skjønnsmidler 2019-2022") is None


def test_yaml_reads_16_15_00_as_seconds():
    assert time_from_value(58500) == "16:15"


@given(st.text(max_size=300))
def test_date_and_time_finders_never_raise_and_spans_lie_inside(text):
    for found in find_dates(text):
        assert 0 <= found.start < found.end <= len(text)
        assert text[found.start:found.end] == found.text
    found_time = find_time(text, labelled=True)
    if found_time:
        assert 0 <= found_time.start < found_time.end <= len(text)
