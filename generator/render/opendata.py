"""Open data for the whole archive: ``data/arkiv.json``, the case register ``data/saker.csv`` and the
schemas they follow (``data/meeting.schema.json``, ``data/archive.schema.json``).

Every meeting's own JSON is written beside its page by :mod:`generator.render.pages`.
"""
from __future__ import annotations

import csv
import functools
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from .. import urls
from ..model import Archive, Streamed
from ..views import Views
from .export import meeting_to_dict

SCHEMAS = Path(__file__).parent.parent / "schema"
ARCHIVE_JSON, CASES_CSV = urls.ARCHIVE_JSON, urls.CASES_CSV
CSV_COLUMNS = ["organisation", "body", "meeting_id", "date", "number", "key", "title", "conclusion", "topics",
               "references", "url", "permalink", "thread", "status", "latest_decision", "latest_decision_url"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # spreadsheet formula injection (OWASP)


def data_files(archive: Archive, views: Views) -> dict[str, bytes | Streamed]:
    # The archive and the case register are streamed: held whole, with the objects they are made from,
    # they were the largest thing any process of the build held (1 GB at 10,000 meetings).
    files: dict[str, bytes | Streamed] = {
        ARCHIVE_JSON: Streamed(functools.partial(_encoded, archive_json_pieces(archive, views))),
        CASES_CSV: Streamed(functools.partial(_encoded, case_register_csv_pieces(archive, views))),
    }
    for schema in sorted(SCHEMAS.glob("*.schema.json")):
        files[urls.data_file(schema.name)] = schema.read_bytes()
    return files


def archive_json(archive: Archive, views: Views) -> str:
    """Meetings (as in meeting.schema.json), threads, people and topics, following archive.schema.json:
    the text of ``data/arkiv.json`` (which the build writes piece by piece)."""
    return "".join(archive_json_pieces(archive, views))


def archive_json_pieces(archive: Archive, views: Views) -> Iterator[str]:
    """:func:`archive_json` in pieces of one record each: the same text as one ``json.dumps`` of the whole,
    without the whole archive as dictionaries in memory at once."""
    # Compact: the whole archive in one file is for programs, and indenting it takes json's slow path.
    sections = {
        "meetings": (meeting_to_dict(m) for m in sorted(archive.meetings, key=lambda m: m.id)),
        "threads": ({"url": urls.address(t.path), "steps": [_step(s) for s in t.steps], **_status(views, t.steps[0].node)}
                    for t in views.threads),
        "cases": ({"meeting": meeting_id, "anchor": anchor, **_status(views, (meeting_id, anchor))}
                  for meeting_id, anchor in sorted(views.status_of)),
        "people": ({"url": urls.address(p.path), "name": p.name, "spellings": list(p.spellings),
                    "attendance": [{"meeting": a.meeting_id, "status": a.status, "role": a.role,
                                    "affiliation": a.affiliation} for a in p.attendances]}
                   for p in sorted(views.people.people, key=lambda p: p.path)),
        "topics": ({"name": t.name, "meetings": sorted(m for m, names in views.topics.by_meeting.items() if t.name in names)}
                   for t in views.topics.topics),
    }
    for number, (name, records) in enumerate(sections.items()):
        yield ("{" if number == 0 else ",") + _compact(name) + ":["
        for index, record in enumerate(records):
            yield ("," if index else "") + _compact(record)
        yield "]"
    yield "}\n"


def _compact(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _encoded(pieces: Iterable[str], batch: int = 1 << 16) -> Iterator[bytes]:
    """``pieces`` as UTF-8, joined into chunks of about ``batch`` characters (fewer, larger writes)."""
    buffer: list[str] = []
    size = 0
    for piece in pieces:
        buffer.append(piece)
        size += len(piece)
        if size >= batch:
            yield "".join(buffer).encode("utf-8")
            buffer, size = [], 0
    if buffer:
        yield "".join(buffer).encode("utf-8")


def _status(views: Views, node: tuple[str, str]) -> dict:
    """A case's status and its thread's latest decision (generator/views/case_status.py), and where it was made."""
    status = views.status_of.get(node)
    if status is None:
        return {"status": None, "latest_decision": None, "latest_decision_url": None}
    where = urls.meeting_address(status.step.meeting_id, status.step.anchor) if status.step and status.decision else None
    return {"status": status.status, "latest_decision": status.decision, "latest_decision_url": where}


def _step(step) -> dict:
    return {"meeting": step.meeting_id, "anchor": step.anchor, "date": step.date, "number": step.number,
            "title": step.title, "conclusion": step.conclusion}


def case_register_csv(archive: Archive, views: Views) -> bytes:
    """One row per agenda item, oldest first (UTF-8 with BOM, so spreadsheets read æøå)."""
    return "".join(case_register_csv_pieces(archive, views)).encode("utf-8")


def case_register_csv_pieces(archive: Archive, views: Views) -> Iterator[str]:
    """:func:`case_register_csv` as text, a meeting's rows at a time."""
    bodies = archive.bodies
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    out.write("\ufeff")
    writer.writerow(CSV_COLUMNS)
    for meeting in sorted(archive.meetings, key=lambda m: (m.date, m.id)):
        org, body = bodies.get((meeting.org_slug, meeting.body_slug), (None, None))
        for item in meeting.items:
            node = (meeting.id, item.anchor)
            permalink, thread = views.permalink_of.get(node), views.thread_of.get(node)
            row = [org.name if org else meeting.organisation or "", body.name if body else meeting.body or "",
                   meeting.id, meeting.date, item.number or "", item.key or "", item.title, item.conclusion or "",
                   "; ".join(views.topics.of_item(*node)),
                   "; ".join(ref.target or ref.text for ref in item.references),
                   urls.meeting_address(meeting.id, item.anchor), urls.address(permalink.path) if permalink else "",
                   urls.address(thread.path) if thread else "", *_status(views, node).values()]
            writer.writerow([_cell(value or "") for value in row])
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    yield out.getvalue()


def _cell(value: str) -> str:
    value = value.replace("\r\n", "\n")
    return "'" + value if value.startswith(FORMULA_START) else value
