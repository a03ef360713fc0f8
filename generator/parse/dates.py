"""Norwegian dates and times as minutes write them.

Dates: ``22.08.23.``, ``14.12.2020``, ``20.6.2014``, ``6.5`` (no year), ``8. januar 2010``,
``8 januar``, ``Mandag 14. mars 2022``, ``13/10-87``, ``2024-01-17``.
Times: ``0830 - 1200``, ``08:30 – 11:30``, ``kl. 1300 - 1600``, ``kl. 12.15``, ``10.15``.

Every function returns spans into the text it was given and never raises on any input.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .spans import SpanSet

MONTHS = {
    "januar": 1, "jan": 1, "februar": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4,
    "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "desember": 12, "des": 12,
}
WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag",
            "måndag", "tysdag", "onsdag", "torsdag", "laurdag", "sundag")

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE_PATTERNS = [
    # 2024-01-17
    ("iso", re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)(?![\d])")),
    # 8. januar 2010, 8 januar, 8. jan. 2010, 31.mars 2006
    ("named", re.compile(rf"(?<![\d.])(?P<d>[0-3]?\d)(?:\.\s*+|\s+)(?P<mn>{_MONTH_NAMES})\.?(?![a-zæøå])"
                         rf"(?:\s*+(?:,\s*+)?(?P<y>(?:19|20)\d\d))?", re.I)),  # possessive: linear on long lines
    # 13/10-87 (day/month-year)
    ("slash", re.compile(r"(?<![\d/])(?P<d>[0-3]?\d)/(?P<m>[01]?\d)-(?P<y>\d\d(?:\d\d)?)(?!\d)")),
    # 22.08.23, 14.12.2020, 20.6.2014, 6.5 (the year-less form needs a day and month in range)
    ("dotted", re.compile(r"(?<![\d.,])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)(?:\.(?P<y>(?:19|20)?\d\d)(?![\d]))?(?![\d]|\.\d)")),
]
ANY_DIGIT = re.compile(r"\d")
_NEEDS = {"iso": "-", "slash": "/", "dotted": "."}  # a character each of these forms always has
WEEKDAY_PREFIX = re.compile(rf"\b(?:{'|'.join(WEEKDAYS)})\b\s*(?:den\s+)?", re.I)


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    text: str
    date: dt.date | None  # None when the written date does not exist (31.02.2023)
    has_year: bool
    day: int
    month: int
    year: int | None


def expand_year(year: int) -> int:
    """Two-digit years: 00-49 are 20xx, 50-99 are 19xx."""
    if year >= 100:
        return year
    return 2000 + year if year < 50 else 1900 + year


def find_dates(text: str) -> list[DateMatch]:
    """All dates written in ``text``, left to right, without overlaps."""
    found: list[DateMatch] = []
    if not ANY_DIGIT.search(text):  # every date form has a digit; most lines have none
        return found
    taken = SpanSet()
    for kind, pattern in DATE_PATTERNS:
        needs = _NEEDS.get(kind)
        if needs and needs not in text:  # the form cannot be there: skip scanning the text for it
            continue
        for match in pattern.finditer(text):
            if taken.overlaps(match.start(), match.end()):
                continue
            parsed = _from_match(kind, match)
            if parsed is None:
                continue
            found.append(parsed)
            taken.add(match.start(), match.end())
    return sorted(found, key=lambda d: d.start)


def _from_match(kind: str, match: re.Match) -> DateMatch | None:
    groups = match.groupdict()
    day = int(groups["d"])
    month = MONTHS[groups["mn"].lower()] if groups.get("mn") else int(groups["m"])
    year = expand_year(int(groups["y"])) if groups.get("y") else None
    if kind == "dotted" and year is None and not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    if kind == "dotted" and year is None and _looks_like_decimal(match):
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    try:
        date = dt.date(year, month, day) if year else None
    except ValueError:
        date = None
    if year is None:
        try:
            dt.date(2000, month, day)  # a leap year: 29.2 is a real day
        except ValueError:
            return None
    return DateMatch(match.start(), match.end(), match.group(0), date, year is not None, day, month, year)


def _looks_like_decimal(match: re.Match) -> bool:
    """``2.5 mill`` or ``kl. 12.15`` are not dates; a year-less date needs a date-ish context."""
    before = match.string[max(0, match.start() - 4):match.start()].lower()
    return "kl" in before


def resolve_year(found: DateMatch, anchor: dt.date, future: bool = False) -> dt.date | None:
    """The date of a year-less match, taking the year from ``anchor``.

    Past references (``Referat fra 8. juni``) take the latest such date on or before the
    anchor; future ones (``neste møte 4.9``) the first one after it.
    """
    if found.date is not None:
        return found.date
    if found.has_year:
        return None  # written with a year but does not exist
    for year in ((anchor.year, anchor.year + 1) if future else (anchor.year, anchor.year - 1)):
        try:
            candidate = dt.date(year, found.month, found.day)
        except ValueError:
            continue
        if (candidate > anchor) if future else (candidate <= anchor):
            return candidate
    return None


# --- times -----------------------------------------------------------------------------

_HHMM = r"(?P<{0}h>[01]?\d|2[0-3])[:.]?(?P<{0}m>[0-5]\d)"
TIME_RANGE = re.compile(r"(?<![\d.:])" + _HHMM.format("a") + r"\s*(?:-|–|—|til)\s*(?:kl\.?\s*)?" + _HHMM.format("b")
                        + r"(?![\d.:]\d)")
TIME_SINGLE = re.compile(r"\b(?:kl|klokka|klokken)\.?\s*(?P<ah>[01]?\d|2[0-3])(?:[:.](?P<am>[0-5]\d))?(?!\d)", re.I)
# "kl. 09:00 14:30": a range whose dash was lost in conversion
TIME_PAIR = re.compile(r"\b(?:kl|klokka|klokken)\.?\s*" + _HHMM.format("a").replace("[:.]?", "[:.]") + r"\s+"
                       + _HHMM.format("b").replace("[:.]?", "[:.]") + r"(?![\d.:]\d)", re.I)
# "Møtet ble hevet kl. 16.45", "Møtet slutt kl. 15", nynorsk "Møtet vart heva kl. 14"
MEETING_END = re.compile(r"\bmøtet\s+(?:ble\s+|vart\s+|blei\s+)?(?:hevet|heva|avsluttet|avslutta|slutt|sluttet|ferdig)\b"
                         r"[^.]{0,20}?\b(?:kl|klokka|klokken)\.?\s*(?P<ah>[01]?\d|2[0-3])(?:[:.](?P<am>[0-5]\d))?(?!\d)", re.I)
TIME_SEPARATED = re.compile(r"(?<![\d.:])(?P<ah>[01]?\d|2[0-3])[:.](?P<am>[0-5]\d)(?![\d.:]|\.\d)")


@dataclass(frozen=True)
class TimeMatch:
    start: int
    end: int
    begins: str
    ends: str | None


def find_time(text: str, labelled: bool = False) -> TimeMatch | None:
    """The meeting time on a line: a range, or ``kl. HH.MM``; bare ``HH.MM`` only when ``labelled``.

    A range of four-digit numbers (``0830 - 1200``) counts only with a separator in it or on a
    line that names the time (``Tid:``, ``kl.``), since ``2019-2022`` is a span of years.
    """
    has_kl = bool(re.search(r"\b(?:kl|klokka|klokken)\b", text, re.I))
    match: re.Match[str] | None
    for match in TIME_RANGE.finditer(text):
        raw = match.group(0)
        separated = ":" in raw or "." in raw
        if separated or labelled or has_kl:
            return TimeMatch(match.start(), match.end(), _hhmm(match, "a"), _hhmm(match, "b"))
    match = TIME_PAIR.search(text)
    if match and _hhmm(match, "b") > _hhmm(match, "a"):
        return TimeMatch(match.start(), match.end(), _hhmm(match, "a"), _hhmm(match, "b"))
    match = TIME_SINGLE.search(text)
    if match:
        return TimeMatch(match.start(), match.end(), _hhmm(match, "a"), None)
    if labelled:
        match = TIME_SEPARATED.search(text)
        if match:
            return TimeMatch(match.start(), match.end(), _hhmm(match, "a"), None)
    return None


def _hhmm(match: re.Match, prefix: str) -> str:
    minutes = match.group(prefix + "m") or "00"
    return f"{int(match.group(prefix + 'h')):02d}:{minutes}"


def time_from_value(value) -> str | None:
    """A time from YAML front matter: ``16:15`` (str), ``16:15:00`` (YAML reads it as seconds)."""
    if isinstance(value, int) and 0 <= value < 86400:
        return f"{value // 3600:02d}:{value % 3600 // 60:02d}"
    if isinstance(value, str):
        match = find_time(value, labelled=True)
        return match.begins if match else None
    return None


# --- the meeting date when the header gives no year ----------------------------------------

YEAR_IN_NUMBER = re.compile(r"\d{1,4}\s*[-/]\s*(?P<y>\d{4}|\d{2})\s*$")
FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?!\d)")
# A date after these words names another meeting ("Referat fra møtet 05.11.2020"), not this one.
MENTION_BEFORE = re.compile(r"(?:referat|protokoll|møte[t]?|fra|frå|av|den|siden|innen|frist|til|pr\.?|per)\s*+"
                            r"(?:den\s+)?$", re.I)


def infer_meeting_date(header_lines, meeting_number: str | None, case_numbers) -> tuple[dt.date, int, str] | None:
    """A header date written without a year, completed from the rest of the text.

    ``Tid: Fredag 7. november kl. 09:00`` in the minutes of ``Møte: 6/2014`` with cases 47/14 ...
    is 7 November 2014. The year comes from, in order: the meeting number, the years of the
    case numbers (the most common), a four-digit year in the header. A weekday written with the
    date must agree: among the candidate years the one whose weekday matches wins.
    Returns (date, source line number, what the year came from), or None.
    """
    found = _first_yearless(header_lines)
    if not found:
        return None
    match, line, text = found
    for year, reason in _year_candidates(header_lines, meeting_number, case_numbers):
        try:
            date = dt.date(year, match.month, match.day)
        except ValueError:
            continue
        weekday = _weekday_before(text, match.start)
        if weekday is not None and date.weekday() != weekday:
            matching = [y for y in (year - 1, year + 1) if _valid(y, match) and dt.date(y, match.month, match.day).weekday() == weekday]
            if not matching:
                continue
            date = dt.date(matching[0], match.month, match.day)
        return date, line, f"{date.year} taken from {reason}"
    return None


def _valid(year: int, match: DateMatch) -> bool:
    try:
        dt.date(year, match.month, match.day)
    except ValueError:
        return False
    return True


def _first_yearless(header_lines) -> tuple[DateMatch, int, str] | None:
    for line in header_lines:
        for found in find_dates(line.text):
            if not found.has_year and (_weekday_before(line.text, found.start) is not None
                                       or re.search(r"[a-zæøå]", found.text, re.I)
                                       or re.match(r"^\s*(?:\*\*)?(?:tid|dato|møtetid|tidspunkt)\b", line.text, re.I)):
                return found, line.number, line.text
    return None


def _year_candidates(header_lines, meeting_number, case_numbers):
    if meeting_number and (match := YEAR_IN_NUMBER.search(meeting_number)):
        yield expand_year(int(match.group("y"))), f"the meeting number {meeting_number}"
    years: dict[int, int] = {}
    for number in case_numbers:
        if number and (match := YEAR_IN_NUMBER.search(number)):
            year = expand_year(int(match.group("y")))
            years[year] = years.get(year, 0) + 1
    if years:
        year = max(sorted(years), key=lambda y: years[y])
        yield year, "the case numbers"
    for line in header_lines:
        match = FOUR_DIGIT_YEAR.search(line.text)
        if match:
            yield int(match.group("y")), f"the year {match.group('y')} in the header"
            break


def _weekday_before(text: str, position: int) -> int | None:
    before = text[max(0, position - 16):position].lower().split()
    for word in reversed(before[-2:]):
        word = word.strip(",.")
        if word in WEEKDAYS:
            return WEEKDAYS.index(word) % 7 if WEEKDAYS.index(word) < 7 else _NYNORSK_WEEKDAY[word]
    return None


_NYNORSK_WEEKDAY = {"måndag": 0, "tysdag": 1, "onsdag": 2, "torsdag": 3, "laurdag": 5, "sundag": 6}


def first_own_date(text: str) -> dt.date | None:
    """The first full date in ``text`` that is not a mention of another meeting or a deadline."""
    for found in find_dates(text):
        if found.date and not MENTION_BEFORE.search(text[max(0, found.start - 30):found.start]):
            return found.date
    return None


def meeting_end(text: str) -> str | None:
    """The closing time a line records (``Møtet ble hevet kl. 16.45`` -> 16:45), or None."""
    if "øte" not in text:
        return None
    match = MEETING_END.search(text)
    return _hhmm(match, "a") if match else None
