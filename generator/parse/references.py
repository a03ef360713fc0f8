"""Find references to other cases and meetings in an item's text.

Case references: ``Oppfølging av sak 66/20``, ``til sak 002/10``, ``jf. sak 14-22``,
``sak 3 ovenfor`` (same meeting), ``sak 4 fra møtet 6.5`` (another meeting's ordinal item).
A case number followed by another body (``Sak 088/09 Formannskapet i Kongsberg kommune``)
is external. Meeting references: ``Referat fra 05.11.2020``, ``Referat fra
Kommunedirektørkollegiet 8. juni``, ``Møtereferat rådmannsutvalget 27.11.09``, ``møte den
27.11.09``, ``Rådmannsutvalgets møte 6.6.2014``, ``neste møte 4.9``; a date without a year takes
it from the meeting (the latest such date before it, or the next one for ``neste``).

Never raises; every reference's span lies inside the text it was found in.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter

from ..model import Reference
from .casenumbers import case_key
from .dates import ANY_DIGIT, find_dates, resolve_year
from .spans import SpanSet

CASE = re.compile(
    r"(?<![\w/])(?:[Ss]ak(?:ene|en)?|[Ss]aksnr\.?|[Ss]aksnummer|(?P<series>PS|RS|DS|FO|OS))\s+(?:nr\.?\s*)?"
    r"(?P<num>\d{1,4}\s*/\s*(?:\d{4}|\d{2})|\d{1,4}-\d{2}(?![\d])|\d{1,3}(?:\.\d{1,2})?)(?![\d/]|-\d)")
CASE_CONTINUATION = re.compile(r"(?:\s*+,\s*+|\s++og\s++)(?P<num>\d{1,4}\s*/\s*(?:\d{4}|\d{2}))(?![\d/]|-\d)")
BODY_NOUN = (r"(?:formannskap\w*|kommunestyre\w*|bystyre\w*|fylkesting\w*|fylkesutvalg\w*|regionråd\w*|"
             r"representantskap\w*|styre[ts]?|\w*utvalg\w*|\w*kollegi\w*|\w*nettverk\w*|\w*forum\w*|\w*råd(?:et|s)?)")
AFTER_CASE_BODY = re.compile(
    rf"^\s*(?:(?:i|fra|,)\s+)?(?P<body>(?:[A-ZÆØÅ][\wæøå-]*\s+)?{BODY_NOUN}(?:\s+i\s+[A-ZÆØÅ][\wæøå-]*(?:\s+kommune)?)?"
    rf"|i\s+[A-ZÆØÅ][\wæøå-]*\s+kommune)", re.I)
BEFORE_CASE_BODY = re.compile(rf"(?P<body>\b[\wæøå-]*{BODY_NOUN[3:-1]}s?)s\s+$", re.I)
SAME_MEETING = re.compile(r"^\s*(?:ovenfor|over|nedenfor|under|i\s+dag|i\s+dette\s+møtet)\b", re.I)
OTHER_MEETING_PREFIX = re.compile(r"^\s*(?:fra|i|på)\s+(?:møtet|møte)\s+(?:den\s+)?", re.I)
MEETING_CUES = [
    re.compile(r"(?:møte)?referat(?:et|ene)?\s+fra\s+(?:(?:det\s+)?(?:siste|forrige)\s+)?(?:(?P<gen>[\w-]+s)\s+)?"
               r"(?:møte[t]?\s+)?(?:i\s+)?(?:(?P<body>[\w-]+)\s+)??(?:møte[t]?\s+)?(?:den\s+)?$", re.I),
    re.compile(r"møtereferat\s+(?:fra\s+)?(?:(?P<body>[\w-]+)\s+)?(?:den\s+)?$", re.I),
    re.compile(r"(?P<future>neste|ekstra|nytt|kommende)\s+(?:(?P<body2>[\w-]+)\s+)?(?:møte[t]?\s+)?(?:i\s+(?P<body>[\w-]+)\s+)?"
               r"(?:den\s+)?$", re.I),
    re.compile(r"(?P<future>[Nn]este)\s+møte[t]?\s+(?:[a-zæøå]+\s+){1,3}$"),  # "Neste møte blir som avtalt 4.9"
    # "i møtet 6. november": says neither past nor future (the minutes of a meeting are of the past)
    re.compile(r"(?P<neutral>)(?:\b(?P<gen>[\w-]+s)\s+|\b)møte[t]?\s+(?:den\s+)?$", re.I),
]
PRONOUNS = {"deres", "sitt", "sin", "vårt", "hans", "hennes", "dets", "dens", "dette", "neste", "siste", "forrige",
            "første", "et", "i", "fra", "det", "ekstra", "nytt", "kommende", "møte", "møtet"}
WINDOW = 70
# Verbs that put a meeting without its year ahead ("tas opp igjen i møtet 6. november", "legges fram i
# møtet 4.9"); without one, such a meeting is a past one ("behandlet i møtet 24. januar").
FUTURE_TENSE = re.compile(r"\b(?:skal|vil|blir|kommer\s+til|tas\s+opp|tas\s+inn|legges\s+(?:fram|frem)|settes\s+opp|"
                          r"fremmes|framlegges|fremlegges|behandles|drøftes|tek(?:ast|es)\s+opp|blir\s+teke)\b", re.I)
POSSESSIVE = re.compile(r"\b(?:sitt|sin|sine|deres|hans|hennes|dets|dens)\s+$", re.I)
# A paragraph names at most this many cases as references; further case numbers stay text (a 2 MB line
# of "sak 1/23 " held 230,000 of them: 28 s to parse, export and render). The site links as many
# (render.MAX_LINKS_PER_PARAGRAPH); the parser warns at the paragraph (parse._reference_limit_warnings).
MAX_CASE_REFERENCES_PER_PARAGRAPH = 100
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")  # as the renderer splits paragraphs


def extract_references(text: str, meeting_date: dt.date, own_names: tuple[str, ...] = (),
                       ordinal_items: bool = False, where: str = "text", line: int = 0) -> list[Reference]:
    """All case and meeting references in ``text`` (spans relative to ``text``)."""
    if not ANY_DIGIT.search(text):  # every reference has a case number or a date
        return []
    try:
        cases = list(_case_references(text, meeting_date, own_names, ordinal_items, where, line))
        taken = SpanSet()
        for case in cases:
            taken.add(case.start, case.end)
        meetings = [r for r in _meeting_references(text, meeting_date, own_names, where, line)
                    if not taken.overlaps(r.start, r.end)]
    except (ValueError, OverflowError, IndexError):  # pragma: no cover - defensive: never fail a build on a mention
        return []
    return sorted(cases + meetings, key=lambda r: (r.start, r.kind))


def extract_case_references(text: str, meeting_date: dt.date, own_names: tuple[str, ...] = (),
                            ordinal_items: bool = False, where: str = "text", line: int = 0) -> list[Reference]:
    """The case references of :func:`extract_references` only, without looking for meeting references
    (a date finder over the whole text: most of the time of a long line full of dates)."""
    if not ANY_DIGIT.search(text):
        return []
    try:
        return list(_case_references(text, meeting_date, own_names, ordinal_items, where, line))
    except (ValueError, OverflowError, IndexError):  # pragma: no cover - defensive, as extract_references
        return []


def _case_references(text, meeting_date, own_names, ordinal_items, where, line):
    breaks = [match.start() for match in PARAGRAPH_BREAK.finditer(text)]
    per_paragraph: Counter = Counter()
    for match in CASE.finditer(text):
        paragraph = bisect.bisect(breaks, match.start())
        if per_paragraph[paragraph] >= MAX_CASE_REFERENCES_PER_PARAGRAPH:
            continue  # checked first: the cost of a reference is in what follows
        number = match.group("num")
        yeared = "/" in number or "-" in number
        after = text[match.end():match.end() + WINDOW]
        end = match.end()
        target_meeting = None
        if not yeared:
            other = OTHER_MEETING_PREFIX.match(after)
            dates = find_dates(after[other.end():other.end() + 20]) if other else []
            if other and dates and dates[0].start == 0:
                resolved = resolve_year(dates[0], meeting_date)
                if resolved is None:
                    continue
                target_meeting = resolved.isoformat()
                end = match.end() + other.end() + dates[0].end
            elif not (SAME_MEETING.match(after) or ordinal_items):
                continue
        body, external = _case_body(text, match, after, own_names)
        if external and body:
            body_match = AFTER_CASE_BODY.match(after)
            if body_match:
                end = max(end, match.end() + body_match.end())
        key = case_key(f"{match.group('series')} {number}" if match.group("series") else number)
        per_paragraph[paragraph] += 1
        yield Reference("case", text[match.start():end], key, line, where, match.start(), end,
                        meeting_date=target_meeting, body=body, external=external)
        position = end
        # "sakene 12/24, 13/24 og 15/24": the numbers after the first are references of the same series
        while yeared and per_paragraph[paragraph] < MAX_CASE_REFERENCES_PER_PARAGRAPH and \
                (more := CASE_CONTINUATION.match(text, position)):
            series = match.group("series")
            per_paragraph[paragraph] += 1
            yield Reference("case", more.group("num"), case_key(f"{series} {more.group('num')}" if series else more.group("num")),
                            line, where, more.start("num"), more.end("num"), body=body, external=external)
            position = more.end()


def _case_body(text: str, match: re.Match, after: str, own_names: tuple[str, ...]) -> tuple[str | None, bool]:
    found = AFTER_CASE_BODY.match(after)
    window = text[max(0, match.start() - WINDOW):match.start()]
    # only a genitive ("Formannskapets sak 12/20") can name a body before the number: test for its "s " first
    before = BEFORE_CASE_BODY.search(window) if window.rstrip().endswith("s") and window[-1:].isspace() else None
    name = found.group("body").strip() if found else (before.group("body") if before else None)
    if name is None or _is_own(name, own_names):
        return None, False
    return name, True


def _meeting_references(text, meeting_date, own_names, where, line):
    for date in find_dates(text):
        window_start = max(0, date.start - WINDOW)
        before = text[window_start:date.start]
        for cue in MEETING_CUES:
            match = cue.search(before)
            if not match:
                continue
            groups = match.groupdict()
            if POSSESSIVE.search(before[:match.start()]):
                break  # "i sitt neste møte 15.8", "i deres møte 24. oktober": another body's meeting
            future = bool(groups.get("future"))
            if groups.get("neutral") is not None and FUTURE_TENSE.search(before[:match.start()]):
                future = True  # "saken tas opp igjen i møtet 6. november": a meeting to come
            resolved = resolve_year(date, meeting_date, future=future)
            if resolved is None:
                break
            if (groups.get("gen") or "").lower() in ("deres", "hans", "hennes", "dets", "dens"):
                break
            body_word = groups.get("body") or groups.get("body2") or (groups.get("gen") or "")[:-1] or None
            if body_word and body_word.lower() in PRONOUNS | {p[:-1] for p in PRONOUNS}:
                body_word = None
            external = body_word is not None and not _is_own(body_word, own_names)
            if resolved == meeting_date and not external:
                break  # the meeting itself ("Behandling i rådmannsutvalget 08.01.10")
            start = window_start + match.start()
            yield Reference("meeting", text[start:date.end], None if resolved is None else resolved.isoformat(),
                            line, where, start, date.end, body=body_word if external else None, external=external)
            break


def _is_own(name: str, own_names: tuple[str, ...]) -> bool:
    """Whether a body named in the text is this meeting's own body (names, aliases, genitives)."""
    word = name.casefold().strip()
    for own in own_names:
        own_word = own.casefold()
        if word in (own_word, own_word + "s") or word.rstrip("s") == own_word or (
                own_word.startswith(word.rstrip("s")) and len(word) >= 4):
            return True
    return False
