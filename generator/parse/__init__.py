"""Stage 2: parse one source document into a Meeting.

    clean lines -> choose dialect -> item starts -> header (before the first item)
    -> items (text, decisions, attachments) -> references -> Meeting

Problems are returned as diagnostics with file:line; a document that cannot become a
meeting at all (no date) raises SourceError.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from ..errors import SourceError
from ..model import Attachment, Attendee, Body, Diagnostic, Item, Meeting, Organisation, SourceDocument
from . import people
from .casenumbers import case_key
from .clean import TextLine, clean_lines, split_front_matter
from .dates import first_own_date, infer_meeting_date, meeting_end
from .dialects import choose_dialect
from .header import Header, chair_by_law, is_secretary_label, parse_header, strip_markup
from .items import build_item, decision_label, decision_lines, proposal_label, segments
from .markdown import item_markdown
from .references import BODY_NOUN, CASE, MAX_CASE_REFERENCES_PER_PARAGRAPH, extract_case_references, extract_references
from .trace import Trace
from .unflatten import restore_lines


@dataclass(frozen=True)
class ParseContext:
    """What the archive knows about where a source file belongs."""

    organisation: Organisation | None = None
    body: Body | None = None


def parse_document(doc: SourceDocument, context: ParseContext | None = None,
                   trace: Trace | None = None) -> tuple[Meeting, list[Diagnostic]]:
    """The meeting a source document records, and what was wrong with it.

    ``trace``, when given, is filled with what each line was read as (``explain``).
    """
    context = context or ParseContext()
    diagnostics: list[Diagnostic] = []
    front_matter, front_matter_text, raw_lines = split_front_matter(list(doc.lines), doc.path)
    lines = clean_lines(restore_lines(raw_lines, trace.events if trace else None))
    dialect = choose_dialect(lines, trace.dialects if trace else None)
    found_starts = dialect.item_starts(lines) if dialect else []
    starts, agenda_order = _without_agenda_listings(lines, found_starts)
    first = starts[0].index if starts else len(lines)
    municipalities = context.organisation.municipalities if context.organisation else ()
    header = parse_header(lines[:first], front_matter, municipalities)
    if trace is not None:
        _trace_structure(trace, lines, dialect, found_starts, starts, header)
    meeting_date = _meeting_date(doc, header, lines, diagnostics, starts, first)

    parts = segments(lines, starts, header.agenda)
    appendix_lines: list[TextLine] = []
    if parts:
        parts[-1], appendix_lines = _split_trailing_attendance(parts[-1])
        if appendix_lines:
            tail = parse_header(appendix_lines, {}, municipalities)
            header.attendees.extend(tail.attendees)
            header.chair = header.chair or tail.chair
            header.secretary = header.secretary or tail.secretary
            appendix_lines = [line for i, line in enumerate(appendix_lines) if i not in tail.consumed]

    # the body's name from the archive, else the header's words ("Utvalg: Kommunestyret")
    chair_by_law(header, context.body.name if context.body else " ".join(line.text for line in lines[:first]))
    if header.end is None:
        header.end = next((end for line in lines if (end := meeting_end(line.text))), None)
    header.secretary = header.secretary or _closing_secretary(lines)
    own_names = _own_names(context, header)
    ordinal = bool(starts) and all(s.number is None or ("/" not in s.number and "-" not in s.number) for s in starts)
    running_year = _running_series_year(starts, meeting_date) if ordinal else None
    items = []
    for position, segment in enumerate(parts, start=1):
        item, decision_spans = build_item(segment, position, header.agenda)
        if trace is not None:
            _trace_decisions(trace, segment)
        item = _with_references(item, meeting_date, own_names, ordinal)
        diagnostics.extend(_self_reference_warnings(doc, segment, item, meeting_date, own_names, ordinal))
        diagnostics.extend(_reference_limit_warnings(doc, segment))
        item = _in_running_series(item, running_year) if running_year else item
        items.append(replace(item, decision_spans=tuple(decision_spans)))
    items = _unique_anchors(_attach_listed_attachments(_in_agenda_order(items, agenda_order), header))

    preamble_lines = [line for i, line in enumerate(lines[:first]) if i not in header.consumed]
    meeting = Meeting(
        id=_meeting_id(context, doc, meeting_date),
        source=doc.path,
        date=meeting_date.isoformat(),
        organisation=context.organisation.name if context.organisation else None,
        body=context.body.name if context.body else None,
        org_slug=context.organisation.slug if context.organisation else "",
        body_slug=context.body.slug if context.body else "",
        meeting_number=header.meeting_number,
        title=header.title,
        start=header.start,
        end=header.end,
        location=header.location,
        chair=header.chair,
        secretary=header.secretary,
        attendees=tuple(_dedupe_attendees(header.attendees)),
        items=tuple(items),
        preamble=item_markdown(preamble_lines)[0],
        appendix=item_markdown(appendix_lines)[0],
        front_matter=front_matter_text,
        attachments=tuple(a for case, a in header.attachments if case is None),
        source_sha256=doc.sha256,
        source_format=doc.format,
        dialect=dialect.NAME if dialect else "",
    )
    diagnostics.extend(_warnings(doc, meeting, header, context))
    return meeting, diagnostics


def _meeting_date(doc: SourceDocument, header: Header, lines: list[TextLine], diagnostics,
                  starts=(), first: int | None = None) -> dt.date:
    """The meeting date, from the best evidence the text gives (see ``dates.infer_meeting_date``).

    Order: a full date in the header; a header date without a year, the year taken from the
    meeting number, the case numbers or the title; a full date in the items that is not a
    mention of another meeting; and only then the file name.
    """
    if header.date:
        return header.date
    first = len(lines) if first is None else first
    inferred = infer_meeting_date(lines[:first], header.meeting_number, [s.number for s in starts])
    if inferred:
        inferred_date, date_line, reason = inferred
        diagnostics.append(Diagnostic(doc.path, date_line, "info", f"the meeting date has no year; {reason}"))
        return inferred_date
    date: dt.date | None
    for line in lines[first:]:  # no date in the header: the first full date in the items that is not a mention
        date = first_own_date(line.text)
        if date:
            diagnostics.append(Diagnostic(doc.path, line.number, "info",
                                          f"no date in the header; using {date.isoformat()} from the text"))
            return date
    match = re.search(r"((?:19|20)\d\d)-(\d\d)-(\d\d)", PurePosixPath(doc.path).name)
    if match:
        try:
            date = dt.date(*map(int, match.groups()))
        except ValueError:
            date = None
        if date:
            diagnostics.append(Diagnostic(doc.path, 1, "warning", f"no date in the text; using the file name's {date}"))
            return date
    if header.invalid_dates:
        number, text = header.invalid_dates[0]
        raise SourceError(doc.path, f"the meeting date '{text}' does not exist", number)
    raise SourceError(doc.path, "no meeting date found (write it near the top, e.g. 22.08.2023)", 1)


def _running_series_year(starts, meeting_date: dt.date) -> str | None:
    """``Sak 33``, ``Sak 34`` ... without a year, not starting at 1: the body numbers its cases through
    the year, so ``Sak 33`` is case 33 of the meeting's year (33/23), not item 33 of this meeting alone."""
    numbers = [int(s.number) for s in starts if s.number and s.number.isdigit()]
    if len(numbers) >= 2 and min(numbers) > 1 and len(numbers) == len([s for s in starts if s.number]):
        return f"{meeting_date.year % 100:02d}"
    return None


def _in_running_series(item: Item, year: str) -> Item:
    """The item's key, and its references to other cases of the series, with the year added."""
    def yeared(key: str | None) -> str | None:
        return f"{key}/{year}" if key and key.isdigit() else key

    references = tuple(replace(r, target=yeared(r.target)) if r.kind == "case" and not r.meeting_date and not r.external
                       else r for r in item.references)
    return replace(item, key=yeared(item.key), references=references)


def _trace_structure(trace: Trace, lines, dialect, found_starts, starts, header: Header) -> None:
    trace.lines, trace.dialect = lines, dialect.NAME if dialect else ""
    kept = {start.index for start in starts}
    for start in found_starts:
        kind = "sub-item heading" if start.level > 1 else "item heading"
        trace.mark(start.index, f"{kind} ({trace.dialect}): {start.number or '-'}" if start.index in kept
                   else f"agenda entry: {start.number} (its section follows)")
    if header.date_line_index >= 0:
        trace.mark(header.date_line_index, f"meeting date {header.date}")
    for index, role in header.roles.items():
        trace.mark(index, role)
    for index in range(starts[0].index if starts else len(lines)):
        if not lines[index].blank:
            trace.mark(index, "preamble" if index not in header.consumed else "header")


def _trace_decisions(trace: Trace, segment) -> None:
    base = next((i for i, line in enumerate(trace.lines) if segment.lines and line is segment.lines[0]), None)
    if base is None:
        return
    for group in decision_lines(segment.lines):
        for offset in group:
            trace.mark(base + offset, "decision label" if offset == group[0] else "decision")
    for group in decision_lines(segment.lines, proposal_label):
        for offset in group:
            trace.mark(base + offset, "proposal label" if offset == group[0] else "proposal")


def _without_agenda_listings(lines: list[TextLine], starts: list) -> tuple[list, list[int]]:
    """An agenda lists the cases that the sections below then treat: one item per case.

    A heading whose case comes again further down, with nothing under it but at most a
    continuation of its title, is the agenda's entry for that case; the section is the item.
    An agenda entry whose section never comes (the text was cut, or the case was withdrawn)
    stays an item with its title.
    """
    later: dict[str, int] = {}
    for position, start in enumerate(starts):
        if start.number:
            later[case_key(start.number) or start.number] = position
    kept, places = [], []
    listed: dict[str, int] = {}  # a case's place on the agenda, where the agenda listed it
    for position, start in enumerate(starts):
        key = case_key(start.number) or start.number if start.number else None
        if key and later.get(key, position) > position and _listing_only(lines, starts, position):
            listed.setdefault(key, position)
            continue
        kept.append(start)
        places.append(listed.get(key, position) if key else position)
    return kept, places


def _listing_only(lines: list[TextLine], starts: list, position: int) -> bool:
    """Nothing under the heading but at most a continuation of its title."""
    end = starts[position + 1].index if position + 1 < len(starts) else len(lines)
    body = [line for line in lines[starts[position].body:end] if not line.blank]
    return len(body) <= 1 and not any(decision_label(line.text) for line in body)


def _in_agenda_order(items: list[Item], places: list[int]) -> list[Item]:
    """Items in the order the agenda listed them (the sections may come in another order)."""
    return [item for _, item in sorted(zip(places, items, strict=False), key=lambda pair: pair[0])]


def _split_trailing_attendance(segment):
    """Attendance written after the last item (``Tilstede:`` at the end) is not part of that item."""
    for index, line in enumerate(segment.lines):
        if line.text[:1].isspace():
            continue
        text = strip_markup(line.text)
        label = text.rstrip(":").strip()
        if people.section_status(label) in ("present", "absent") and index > 0:
            names = [following for following in segment.lines[index + 1:index + 6] if not following.blank]
            if names and all(people.looks_like_name(strip_markup(name.text), allow_single=True) for name in names[:2]):
                return replace(segment, lines=segment.lines[:index]), segment.lines[index:]
    return segment, []


def _closing_secretary(lines: list[TextLine]) -> str | None:
    """A secretary who signs at the end: ``Referent: Ola Dahl``, or ``Ola Dahl`` over or under ``Referent``."""
    tail = [line for line in lines[-25:] if not line.blank]
    for position, line in enumerate(tail):
        text = strip_markup(line.text)
        label, colon, value = text.partition(":")
        if not is_secretary_label(label.strip()):
            continue
        if colon and people.looks_like_name(value.strip()):
            return people.normalise_name(value)
        for neighbour in (position - 1, position + 1):
            if not colon and 0 <= neighbour < len(tail):
                name = strip_markup(tail[neighbour].text)
                if people.looks_like_name(name):
                    return people.normalise_name(name)
    return None


def _own_names(context: ParseContext, header: Header) -> tuple[str, ...]:
    if context.body:
        return (context.body.name, context.body.short_name, *context.body.aliases)
    words = re.findall(rf"\b[\wæøåÆØÅ-]*{BODY_NOUN[3:-1]}\b", header.title or "", re.I)
    return tuple(w for w in words if len(w) > 4)


def _with_references(item: Item, meeting_date: dt.date, own_names, ordinal: bool) -> Item:
    found = extract_references(item.title, meeting_date, own_names, ordinal, "title", item.line)
    found += extract_references(item.text, meeting_date, own_names, ordinal, "text", item.line)
    found = [r for r in found if not _is_self_reference(r, item, meeting_date)]
    return replace(item, references=tuple(found))


def _self_reference_warnings(doc: SourceDocument, segment, item: Item, meeting_date: dt.date, own_names,
                             ordinal: bool) -> list[Diagnostic]:
    """A case that cites its own number outside its decision label (``... konklusjon sak 001/10:``) is a slip."""
    out = []
    for line in segment.lines:
        if not item.key or not CASE.search(line.text) or decision_label(line.text):
            continue
        # only a case reference can be a self-reference: the meeting references are not looked for
        for ref in extract_case_references(line.text, meeting_date, own_names, ordinal, "text", line.number):
            if _is_self_reference(ref, item, meeting_date):
                out.append(Diagnostic(doc.path, line.number, "warning",
                                      f"case {item.number} refers to itself ('{ref.text}'); not linked"))
    return out


def _reference_limit_warnings(doc: SourceDocument, segment) -> list[Diagnostic]:
    """A paragraph naming more case numbers than are read as references (the rest stay text) is said so,
    at its first line."""
    out = []
    for paragraph in _paragraphs(segment.lines):
        named = sum(len(CASE.findall(line.text)) for line in paragraph)
        if named > MAX_CASE_REFERENCES_PER_PARAGRAPH:
            out.append(Diagnostic(doc.path, paragraph[0].number, "warning",
                                  f"this paragraph names {named} case numbers; the first "
                                  f"{MAX_CASE_REFERENCES_PER_PARAGRAPH} are linked, the rest are shown as text"))
    return out


def _paragraphs(lines) -> list[list[TextLine]]:
    out: list[list[TextLine]] = [[]]
    for line in lines:
        if line.text.strip():
            out[-1].append(line)
        elif out[-1]:
            out.append([])
    return [paragraph for paragraph in out if paragraph]


def _is_self_reference(ref, item: Item, meeting_date: dt.date) -> bool:
    """``Rådmannsutvalgets konklusjon 08.01.10 sak 001/10:`` names the item itself: not a reference."""
    if ref.kind != "case" or ref.external or ref.target != item.key:
        return False
    return ref.meeting_date in (None, meeting_date.isoformat())


def _attach_listed_attachments(items: list[Item], header: Header) -> list[Item]:
    """Attachments listed in the header (``Vedl 1 ... – til sak 002/10``) go to their items."""
    from .casenumbers import case_key

    by_key: dict[str | None, list[Attachment]] = {}
    for case, attachment in header.attachments:
        if case:
            by_key.setdefault(case_key(case), []).append(attachment)
    out = []
    for item in items:
        listed = by_key.get(item.key, [])
        have = {re.sub(r"\D", "", a.label) for a in item.attachments}
        merged = list(item.attachments) + [a for a in listed if re.sub(r"\D", "", a.label) not in have]
        merged.sort(key=lambda a: int(re.sub(r"\D", "", a.label) or 0))
        out.append(replace(item, attachments=tuple(merged)))
    return out


def _unique_anchors(items: list[Item]) -> list[Item]:
    seen: dict[str, int] = {}
    out = []
    for item in items:
        count = seen.get(item.anchor, 0)
        seen[item.anchor] = count + 1
        out.append(item if count == 0 else replace(item, anchor=f"{item.anchor}-{count + 1}"))
    return out


def _dedupe_attendees(attendees: list[Attendee]) -> list[Attendee]:
    seen: dict[str, int] = {}
    out: list[Attendee] = []
    for attendee in attendees:
        key = attendee.name.casefold()
        if key in seen:
            existing = out[seen[key]]
            # "Cathrine Holten pva Geir Olsen" after Geir Olsen attended himself: he is not absent
            status = attendee.status if existing.status == "absent" and attendee.status != "absent" else existing.status
            out[seen[key]] = replace(existing, status=status, role=existing.role or attendee.role,
                                     affiliation=existing.affiliation or attendee.affiliation)
            continue
        seen[key] = len(out)
        out.append(attendee)
    return out


def _meeting_id(context: ParseContext, doc: SourceDocument, date: dt.date) -> str:
    if context.organisation and context.body:
        return f"{context.organisation.slug}/{context.body.slug}/{date.isoformat()}"
    return f"uten-organisasjon/uten-organ/{date.isoformat()}"


def _warnings(doc: SourceDocument, meeting: Meeting, header: Header, context: ParseContext) -> list[Diagnostic]:
    out = []
    if not meeting.items:
        out.append(Diagnostic(doc.path, 1, "warning", "no agenda items found; the whole text is kept as the preamble"))
    if not meeting.attendees:
        out.append(Diagnostic(doc.path, header.date_line or 1, "warning", "no attendees found", code="no-attendees"))
    for number, text in header.invalid_dates:
        out.append(Diagnostic(doc.path, number, "warning", f"'{text}' is not a real date; ignored"))
    return out
