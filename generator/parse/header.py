"""The meeting's header: date, time, place, chair, secretary, attendees, agenda, attachment list.

Rules are about how minutes label things (``Sted:``, ``Tid og sted:``, ``Møteleder:``,
``Referent`` with the name on the next line, ``Til stede``/``Deltakere``/``Forfall`` sections,
``Saksliste``/``Agenda`` lists, ``Vedl 1 ... – til sak 002/10``), never about one document.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field, replace

from ..model import Attachment, Attendee
from . import people
from .clean import TextLine
from .dates import find_dates, find_time, time_from_value

META_LABELS = {
    "location": re.compile(r"^(?:sted|møtested|møtestad|stad|lokale|lokasjon|adresse)$", re.I),
    "time_place": re.compile(r"^tid\s+og\s+sted$|^sted\s+og\s+tid$", re.I),
    "time": re.compile(r"^(?:tid|tidspunkt|møtetid|møtetidspunkt|klokkeslett|dato\s+og\s+tid|tid\s+og\s+dato|dato|møtedato|"
                       r"fra\s*[-–]\s*til|frå\s*[-–]\s*til|tid\s+fra\s*[-–]\s*til|møtestart|varighet)$", re.I),
    "chair": re.compile(r"^(?:møteleder|møteleiar|møteledar|ordstyrer|ordstyrar|leder\s+for\s+møtet)$", re.I),
    "number": re.compile(r"^(?:møte|møtenr\.?|møtenummer|møte\s+nr\.?)$", re.I),
    "secretary": re.compile(r"^(?:referent|referentar|sekretær|protokollfører|referat\s+ved|ref\.?)$", re.I),
}
AGENDA_LABEL = re.compile(r"^(?:saksliste|sakliste|sakskart|agenda|dagsorden|saker\s+på\s+agendaen|saker)"
                          r"(?:\s+(?:(?:utvalgs)?saks?nr\.?|saksnummer|nr\.?|tittel|innhold|lukket|side|arkivsak\w*))*$", re.I)
ATTACHMENT_LABEL = re.compile(r"^vedlegg\b", re.I)
LABEL = re.compile(r"^(?P<label>[A-ZÆØÅa-zæøå][\wæøåÆØÅ .\-/]{0,40}?)\s*:\s*(?P<value>.*)$")
ATTACHMENT_ENTRY = re.compile(
    r"(?P<label>Vedl(?:egg)?\.?\s*+(?P<n>\d++))\W*+(?P<title>(?:.{0,300}?\S)?)\s*+(?:[–—-]\s*+)?\*?\s*+til\s+sak\s+(?P<case>\d{1,4}\s*[/-]\s*\d{2,4}|\d{1,3})\b(?P<rest>.*)$",
    re.I)
AGENDA_ENTRY = re.compile(r"^(?:sak\s*+(?:nr\.?\s*+)?|(?P<series>[A-ZÆØÅ]{2,3})\s++)?(?P<num>\d{1,4}(?:\s*[/-]\s*\d{2,4})?)\s*+(?:[.):]\s*+)?(?P<title>\S(?:.*\S)?)\s*$",
                          re.I)
# A table of contents line's leader and page number. Linear: a leader starts only where a run of
# its characters starts, and without a leader the match starts where a run of whitespace starts.
TOC_PAGE_NUMBER = re.compile(r"(?:(?<!\.)\.{3,}|(?<!…)…+|(?<!\. )(?:\. ){3,}|(?<!\s))\s*+\d{1,3}\s*$")
MEETING_NUMBER = re.compile(r"(?:\bmøte\s*+(?:nr\.?\s*+)?|\s)(?P<num>\d{1,2}\s*[-/]\s*\d{2,4}|\d{2}[-/]\d{1,2})\s*$", re.I)


@dataclass
class Header:
    date: dt.date | None = None
    date_line: int = 0
    date_line_index: int = -1
    invalid_dates: list[tuple[int, str]] = field(default_factory=list)
    start: str | None = None
    end: str | None = None
    location: str | None = None
    chair: str | None = None
    secretary: str | None = None
    title: str | None = None
    meeting_number: str | None = None
    attendees: list[Attendee] = field(default_factory=list)
    agenda: dict[str, str] = field(default_factory=dict)
    attachments: list[tuple[str | None, Attachment]] = field(default_factory=list)  # (case number, attachment)
    consumed: set[int] = field(default_factory=set)  # indices fully represented by structured fields
    roles: dict[int, str] = field(default_factory=dict)  # index -> what the line was read as (for explain)


LEADING_MARKER = re.compile(r"^\s*(?:#{1,6}\s+|[-–•*]\s+)")
MARKDOWN_LINK = re.compile(r"\[([^\][]*)\]\(([^()]*)\)")


def _link_as_text(link: re.Match) -> str:
    """A Markdown link as the readers show one from docx, odt and html: its words, then a web address
    in brackets (``Rådhuset (https://...)``), so the target is not lost; other targets (anchors,
    relative files) are not shown."""
    words, target = link.group(1), link.group(2).strip().strip("<>")
    if not re.match(r"https?://", target, re.I) or target in words:
        return words
    return f"{words} ({target})" if words.strip() else target
STRONG_UNDERSCORE = re.compile(r"(?<!\w)__(?=\S)([^_]+?)(?<=\S)__(?!\w)")  # "__Sted:__", not "Rom__1"
EMPHASIS_MARK = re.compile(r"(?<!\w)\*([^*]+)\*(?!\w)")


@functools.lru_cache(maxsize=1 << 14)  # every line is asked by several passes (labels, decisions, sub-points)
def strip_markup(text: str) -> str:
    """A header line without list markers, heading marks, bold/italic or Markdown links."""
    text = LEADING_MARKER.sub("", text)
    if "[" in text:
        text = MARKDOWN_LINK.sub(_link_as_text, text)
    if "*" in text or "_" in text:
        text = EMPHASIS_MARK.sub(r"\1", STRONG_UNDERSCORE.sub(r"\1", text.replace("**", "")))
    return text.strip()


def parse_header(lines: list[TextLine], front_matter: dict, municipalities: tuple[str, ...] = ()) -> Header:
    header = Header()
    _apply_front_matter(header, front_matter)
    _find_date(header, lines)
    section: str | None = None
    section_label: str | None = None
    columns: list[people.Column] | None = None  # the heading row of an attendance table
    location_lines: list[int] = []
    pending: str | None = None  # a meta label whose value is on the next line
    continues_location = False  # "Sted: Notodden kommune" + "Rådhuset - formannskapssalen" on the next line
    for index, line in enumerate(lines):
        text = strip_markup(line.text)
        if not text:
            continues_location = False
            continue
        if continues_location and not LABEL.match(text) and not people.section_status(text) and header.location:
            header.location = f"{header.location}, {text.rstrip('.')}"
            header.consumed.add(index)
            header.roles[index] = "location (continued)"
            location_lines.append(index)
            continues_location = False
            continue
        continues_location = False
        if header.title is None and not line.toc:
            header.title = text
            header.roles[index] = "title (first line)"
            _meeting_number(header, text)
            if not LABEL.match(text) and not people.section_status(text):
                continue
        if pending:
            _set_meta(header, pending, text)
            header.roles[index] = f"{pending} (value of the label above)"
            header.consumed.add(index)
            pending = None
            continue
        row = _table_row(line.text)
        # an attendance table's heading row: before the label test, since "Navn  Møtte for" reads like a label
        if section in ("present", "absent", "deputy", "guest", "staff") and columns is None and \
                (columns := people.column_header(row)):
            header.consumed.add(index)
            header.roles[index] = "attendance table heading: " + " | ".join(c.kind for c in columns)
            continue
        status = people.section_status(text.rstrip(":"))
        label = LABEL.match(text)
        if status is None and label:
            status = people.section_status(label.group("label"))
        if status:
            section, section_label = status, (label.group("label") if label else text.rstrip(":"))
            columns = None
            header.consumed.add(index)
            header.roles[index] = f"attendance label -> {status}"
            inline = label.group("value") if label else ""
            if inline and status != "distribution":
                before = len(header.attendees)
                _add_people(header, inline, section, section_label, municipalities, line.number, index)
                header.roles[index] += ": " + ", ".join(a.name for a in header.attendees[before:])
            continue
        if AGENDA_LABEL.match(text.rstrip(":")):
            section = "agenda"
            header.roles[index] = "agenda label"
            continue
        if ATTACHMENT_LABEL.match(text) and text.endswith(":"):
            section = "attachments"
            continue
        segments = _meta_segments(text)
        if segments:  # "Dato: 20.11.2024 Tid: 13:00–15:30 Sted: Møterom Fjellet": several labels on one line
            for name, value in segments:
                _set_meta(header, name, value)
            header.consumed.add(index)
            header.roles[index] = " + ".join(f"{name} label" for name, _ in segments)
            section = None
            continue
        meta = _meta_label(text)
        if meta:
            name, value = meta
            section = None
            header.roles[index] = f"{name} label"
            if value:
                _set_meta(header, name, value)
                header.consumed.add(index)
                continues_location = name == "location"
                if continues_location:
                    location_lines.append(index)
            else:
                pending = name
            continue
        chosen = people.elected(text)
        if chosen:
            name, role = chosen
            if role in ("møteleder", "ordstyrer"):
                header.chair = header.chair or name
            elif role in ("referent", "sekretær", "protokollfører"):
                header.secretary = header.secretary or name
            continue
        attachment = ATTACHMENT_ENTRY.search(text)
        if attachment:
            # Not consumed: the list stays in the text as the minutes wrote it ("Vedl 1 ... – til sak
            # 002/10"); each item also lists its own attachments.
            header.attachments.append((attachment.group("case"), Attachment(
                _attachment_label(attachment.group("label")), attachment.group("title").strip(" –-*") or None, line.number)))
            continue
        if section == "agenda" or line.toc:
            header.roles[index] = "table of contents" if line.toc else "agenda entry"
            if _agenda_entry(header, line) and line.toc:
                header.consumed.add(index)  # a table of contents line: the item itself shows it
            continue
        if section in ("present", "absent", "deputy", "guest", "staff"):
            if not re.search(r"[^\W\d_]", text):  # table rulers and empty cells
                header.consumed.add(index)
                continue
            if columns:
                found = people.parse_row(row, columns, section, line.number)
                if found:
                    header.attendees.extend(replace(a, group=section_label) for a in found)
                    header.consumed.add(index)
                    header.roles[index] = "attendance table row: " + ", ".join(f"{a.name} ({a.status})" for a in found)
                    continue
                columns = None
            found = people.parse_entry(text, section, None, municipalities, line.number)
            if found:
                header.roles[index] = "attendance: " + ", ".join(f"{a.name} ({a.status})" for a in found)
                # "X (PA) var til stede under sak 2" under "Forfall:" is not one of the absent
                header.attendees.extend(replace(a, group=section_label if a.status == section else None)
                                        for a in found)
                if _fully_names(text):
                    header.consumed.add(index)
                continue
            if "var til stede" not in text:
                section = None
        sentence = people.PRESENT_SENTENCE.match(text)
        if sentence:
            header.attendees.extend(people.parse_entry(text, "present", None, municipalities, line.number))
            continue
        if header.location is None and index == _next_content_index(lines, header.date_line_index) \
                and section is None and not LABEL.match(text) and not line.stripped.startswith("#") \
                and _looks_like_place(text):
            header.location = text.rstrip(".")
            header.consumed.add(index)
    _location_from_date_line(header, lines)
    place = without_note(header.location)
    if place != header.location:  # the note stays in the text, so nothing of it is lost
        header.consumed.difference_update(location_lines)
        header.location = place
    _meta_from_attendees(header)
    return header


def _table_row(text: str) -> str:
    """A table row as the attendance parser reads it: cells separated by tabs. A Markdown pipe table
    (the HTML and Word readers write simple tables so: ``| Navn | Funksjon | Parti |``) becomes one."""
    stripped = text.strip()
    if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
        return "\t".join(cell.strip() for cell in stripped[1:-1].split("|"))
    return text.strip("\t")


def without_note(location: str | None) -> str | None:
    """``Rådhuset – møterom 2 (OBS! Befaring etter møtet)``: the bracketed note is not the place."""
    if not location or "(" not in location:
        return location
    place = location[:location.index("(")].rstrip(" ,;–-")
    return place or location


# Who chairs when no label says so: the roles an attendance list gives, best first. The one present
# attendee with the first role found chairs ("Kari Dahl  Leder  AP" in a table of members); two with
# it, or only a deputy leader, say nothing.
CHAIR_ROLES = (  # "møteleder" and "ordstyrer" anywhere in a role or note: _meta_from_attendees
    re.compile(r"^(?:leder|leiar|styreleder|styreleiar|rådsleder|rådsleiar|utvalgsleder|utvalsleiar|komitéleder|"
               r"komiteleder|nemndsleder|leder\s+i\s+\w+|forsamlingens\s+leder)$"),
)  # not "ordfører": the mayor chairs the council and its executive board, but is one member among
#    several in a regional council's working committee


def _meta_from_attendees(header: Header) -> None:
    """``Alf Berg (referent)`` in an attendance list is the secretary; ``(møteleder)`` the chair; else
    the one present attendee whose role is the body's leader (CHAIR_ROLES)."""
    for attendee in header.attendees:
        words = f"{attendee.role or ''} {attendee.note or ''}".lower()
        if header.secretary is None and re.search(r"\b(?:referent|protokollfører|sekretær for møtet)\b", words):
            header.secretary = attendee.name
        if header.chair is None and re.search(r"\b(?:møteleder|møteleiar|ordstyrer|ordstyrar)\b", words):
            header.chair = attendee.name
    if header.chair is None:
        header.chair = _chair_by_role(header.attendees)


# Bodies the mayor chairs by law (kommuneloven § 6-1: "Ordføreren er møteleder i kommunestyret og
# formannskapet"; the county mayor the county council and its executive board, § 6-2).
MAYOR_CHAIRS = re.compile(r"kommunestyre|bystyre|formannskap|fylkesting|fylkesutval", re.I)
MAYOR = re.compile(r"^(?:fylkes)?(?:ordfører|ordførar)$")


def chair_by_law(header: Header, body_name: str) -> None:
    """In a council the mayor chairs (MAYOR_CHAIRS), the one present mayor is the chair when no
    label says otherwise."""
    if header.chair is not None or not MAYOR_CHAIRS.search(body_name or ""):
        return
    mayors = {a.name for a in header.attendees if a.status == "present" and a.role
              and MAYOR.match(a.role.strip(" .,:").lower())}
    if len(mayors) == 1:
        header.chair = mayors.pop()


def _chair_by_role(attendees) -> str | None:
    def roles(attendee) -> list[str]:  # the role, and a role in a note ("Ordførar Liv Aasen, Nordvik (leiar)")
        found = [attendee.role or "", *(attendee.note or "").split(";")]
        return [role.strip(" .,:").lower() for role in found if role.strip()]
    present = [a for a in attendees if a.status == "present"]
    for role in CHAIR_ROLES:
        holders = {a.name for a in present if any(role.match(r) for r in roles(a))}
        if holders:
            return holders.pop() if len(holders) == 1 else None
    return None


def _apply_front_matter(header: Header, front_matter: dict) -> None:
    value = front_matter.get("date")
    if isinstance(value, dt.datetime):
        header.date = value.date()
    elif isinstance(value, dt.date):
        header.date = value
    elif isinstance(value, str):
        found = find_dates(value)
        header.date = found[0].date if found else None
    header.start = time_from_value(front_matter.get("time") or front_matter.get("start"))
    header.end = time_from_value(front_matter.get("end"))
    for key in ("location", "sted", "place"):
        if isinstance(front_matter.get(key), str):
            header.location = front_matter[key]
    for key in ("referent", "secretary", "sekretær"):
        if isinstance(front_matter.get(key), str):
            header.secretary = people.normalise_name(front_matter[key])
    for key in ("chair", "møteleder", "ordstyrer"):
        if isinstance(front_matter.get(key), str):
            header.chair = people.normalise_name(front_matter[key])
    if isinstance(front_matter.get("title"), str):
        header.title = front_matter["title"]


def _find_date(header: Header, lines: list[TextLine]) -> None:
    """The meeting date: the first real date with a year in the header (front matter wins).

    The date line is the first line with that date; a later line with the same date and a
    time (``Tysdag 13. oktober 1987, kl. 12.15, Auditorium V.``) is preferred.
    """
    _first_date(header, lines)
    if header.start or header.date is None:
        return
    for index, line in enumerate(lines):
        if any(found.date == header.date for found in find_dates(line.text)) and find_time(line.text):
            header.date_line, header.date_line_index = line.number, index
            _time_from_line(header, line.text, labelled=False)
            return


def _first_date(header: Header, lines: list[TextLine]) -> None:
    for index, line in enumerate(lines):
        if line.toc or ATTACHMENT_ENTRY.search(line.text):
            continue
        for found in find_dates(line.text):
            if not found.has_year:
                continue
            if found.date is None:
                header.invalid_dates.append((line.number, found.text))
                continue
            if header.date is None:
                header.date = found.date
            if found.date == header.date:
                header.date_line = line.number
                header.date_line_index = index
                _time_from_line(header, line.text, labelled=False)
                return


def _time_from_line(header: Header, text: str, labelled: bool) -> None:
    if header.start:
        return
    found = find_time(text, labelled=labelled)
    if found:
        header.start, header.end = found.begins, found.ends


def is_secretary_label(text: str) -> bool:
    return bool(META_LABELS["secretary"].match(text.strip()))


INLINE_META = re.compile(r"(?<![\w.])(?P<key>møtested|møtestad|sted|stad|lokale|tidspunkt|møtetid|tid|klokkeslett|"
                         r"møtedato|dato|møteleder|møteleiar|ordstyrer|referent|sekretær|protokollfører)\s*:\s*", re.I)


def _meta_segments(text: str) -> list[tuple[str, str]]:
    """The (label, value) pairs of a line that starts with a meta label and holds two or more."""
    found = list(INLINE_META.finditer(text))
    if len(found) < 2 or found[0].start() != 0:
        return []
    pairs = []
    for position, match in enumerate(found):
        end = found[position + 1].start() if position + 1 < len(found) else len(text)
        meta = _meta_label(f"{match.group('key')}: {text[match.end():end].strip()}")
        if meta is None:
            return []
        pairs.append(meta)
    return pairs


def _meta_label(text: str) -> tuple[str, str] | None:
    label = LABEL.match(text)
    key, value = (label.group("label").strip(), label.group("value").strip()) if label else (text.strip(), "")
    for name, pattern in META_LABELS.items():
        if pattern.match(key):
            return name, value
    return None


def _set_meta(header: Header, name: str, value: str) -> None:
    value = value.strip()
    if name in ("time", "time_place"):
        _time_from_line(header, value, labelled=True)
        dates = find_dates(value)
        if header.date is None and dates and dates[0].date:
            header.date = dates[0].date
        if name == "time_place":
            header.location = header.location or _without_time_and_date(value)
    elif name == "number":
        number = re.match(r"\d{1,3}\s*[-/]\s*(?:\d{4}|\d{2})\b", value)
        header.meeting_number = header.meeting_number or (number.group(0).replace(" ", "") if number else None)
    elif name == "location":
        header.location = header.location or value.rstrip(".")
    elif name == "chair":
        header.chair = header.chair or person_named(value)
        _ensure_attendee(header, header.chair, "present")
    elif name == "secretary":
        header.secretary = header.secretary or person_named(value)
        _ensure_attendee(header, header.secretary, "staff")


def person_named(value: str) -> str:
    """The person a chair or secretary label names: ``Kari Dahl, daglig leder`` -> ``Kari Dahl``;
    ``Ordfører Kari Dahl (Midtby)`` -> ``Kari Dahl``. A value that does not reduce to a name is kept."""
    whole = people.normalise_name(value)
    head = people.normalise_name(re.sub(r"\s*\([^)]*\)", " ", value).split(",")[0])
    words = head.split()
    while len(words) > 2 and people.ROLE_WORD.match(words[0].strip(".,")):
        words = words[1:]  # "Ordfører Kari Dahl": the role before the name
    candidate = " ".join(words)
    if candidate != whole and people.looks_like_name(candidate):
        return candidate
    return whole


def _ensure_attendee(header: Header, name: str | None, status: str) -> None:
    if name and people.looks_like_name(name, allow_single=True) and all(a.name != name for a in header.attendees):
        header.attendees.append(Attendee(name, status, "Referent" if status == "staff" else "Møteleder"))


def _without_time_and_date(value: str) -> str | None:
    found = find_time(value, labelled=True)
    if found:
        value = value[:found.start] + value[found.end:]
    for date in reversed(find_dates(value)):
        value = value[:date.start] + value[date.end:]
    value = re.sub(r"\bkl\.?", "", value)
    return value.strip(" ,.-–") or None


def _location_from_date_line(header: Header, lines: list[TextLine]) -> None:
    """``Tysdag 13. oktober 1987, kl. 12.15, Auditorium V.``: what follows the time is the place."""
    if header.location or header.date_line_index < 0:
        return
    text = strip_markup(lines[header.date_line_index].text)
    found = find_time(text)
    if not found:
        return
    after = text[found.end:]
    for date in find_dates(after):
        after = after[date.end:]
    after = after.strip(" ,.;–-")
    if after and len(after.split()) <= 6 and after[0].isupper() and not LABEL.match(after) \
            and after.lower() not in _WEEKDAYS:
        header.location = after


_WEEKDAYS = {"mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag", "måndag", "tysdag", "laurdag",
             "sundag"}


def _looks_like_place(text: str) -> bool:
    """A short capitalised line right after the date line (``Tingvoll Økopark``)."""
    words = text.split()
    return (1 <= len(words) <= 6 and text[0].isupper() and not find_dates(text) and not text.endswith((":", "!", "?"))
            and not text.isupper() and "@" not in text and not people.section_status(text)
            and not AGENDA_LABEL.match(text))


def _next_content_index(lines: list[TextLine], index: int) -> int:
    if index < 0:
        return -2
    return next((i for i in range(index + 1, len(lines)) if not lines[i].blank), -2)


def _meeting_number(header: Header, title: str) -> None:
    match = MEETING_NUMBER.search(title)
    if match and not find_dates(title):
        header.meeting_number = match.group("num").replace(" ", "")


def _agenda_entry(header: Header, line: TextLine) -> bool:
    text = TOC_PAGE_NUMBER.sub("", strip_markup(line.text)) if line.toc else strip_markup(line.text)
    match = AGENDA_ENTRY.match(text)
    if match and match.group("title"):
        from .casenumbers import case_key

        series = match.group("series")
        key = case_key(f"{series} {match.group('num')}" if series else match.group("num"))
        if key and key not in header.agenda:
            header.agenda[key] = match.group("title").rstrip(".").strip()
        return True
    return False


# The end of a list and the start of a sentence with a verb ("... og Silje. Frida hadde meldt forfall."),
# not the dot of an abbreviation in a name ("Bent Chr. Bowitz").
SENTENCE_BREAK = re.compile(r"(?<=[a-zæøå]{2})\.\s+(?=[A-ZÆØÅ][^.]*\b(?:hadde|har|var|er|møtte|kom|gikk|deltok|forlot|ble)\b)")


def _add_people(header: Header, text: str, status: str, group: str | None, municipalities: tuple[str, ...],
                number: int, index: int) -> None:
    table = people.run_together_table(text, status, number, header.attendees)
    if table:
        header.attendees.extend(replace(a, group=group) for a in table)
        return
    found: list[Attendee] = []
    # "Til stede: Kari, Per og Liv. Frida hadde meldt forfall.": a list, then sentences about others
    for position, sentence in enumerate(SENTENCE_BREAK.split(text)):
        absent = people.ABSENT_SENTENCE.match(sentence) if position else None
        if position:
            header.consumed.discard(index)  # the sentence stays in the text as written
        if absent:
            found.extend(replace(a, status="absent") for a in
                         people.parse_entry(absent.group("names"), "absent", None, municipalities, number))
        elif position == 0:
            found.extend(people.parse_entry(sentence, status, None, municipalities, number, listed=True))
    header.attendees.extend(replace(a, group=group) for a in found)
    if not found:
        header.consumed.discard(index)


def _fully_names(text: str) -> bool:
    return "var til stede" not in text and "forlot" not in text


def _attachment_label(label: str) -> str:
    number = re.search(r"\d+", label)
    assert number, "ATTACHMENT's label always has digits"
    return f"Vedlegg {number.group(0)}"
