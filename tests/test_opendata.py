"""Open data (generator/render/opendata.py): the archive JSON and its schemas, the CSV case register, and the
links to them from the pages."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from chain import build_chain
from conftest import SHARED
from referencing import Registry, Resource

from generator.link import link
from generator.model import Item, Meeting
from generator.render.opendata import CSV_COLUMNS, SCHEMAS, case_register_csv
from generator.views import compute_views

SHARED_SCHEMA = SHARED / "schema" / "meeting.schema.json"




def validator(out: Path) -> jsonschema.Draft202012Validator:
    schemas = {name: json.loads((out / "data" / name).read_text(encoding="utf-8"))
               for name in ("meeting.schema.json", "archive.schema.json")}
    registry = Registry().with_resources((name, Resource.from_contents(schema)) for name, schema in schemas.items())
    return jsonschema.Draft202012Validator(schemas["archive.schema.json"], registry=registry)


@pytest.mark.parametrize("which", ["chain", "sample"])
def test_archive_json_validates_against_the_schemas(which, request):
    result, out = request.getfixturevalue(which)
    data = json.loads((out / "data/arkiv.json").read_text(encoding="utf-8"))
    validator(out).validate(data)
    meeting_schema = json.loads(SHARED_SCHEMA.read_text()) if SHARED_SCHEMA.is_file() else \
        json.loads((out / "data/meeting.schema.json").read_text())
    for meeting in data["meetings"]:
        jsonschema.validate(meeting, meeting_schema)
    assert [m["id"] for m in data["meetings"]] == sorted(m.id for m in result.archive.meetings)
    for meeting in result.archive.meetings:  # the same data as the meeting's own JSON beside its page
        own = json.loads((out / f"{meeting.id}.json").read_text(encoding="utf-8"))
        assert own == next(m for m in data["meetings"] if m["id"] == meeting.id)


def test_a_broken_meeting_does_not_validate(chain):
    _, out = chain
    data = json.loads((out / "data/arkiv.json").read_text(encoding="utf-8"))
    data["meetings"][0]["attendees"][0]["status"] = "somewhere"
    with pytest.raises(jsonschema.ValidationError):
        validator(out).validate(data)


def test_archive_json_holds_threads_people_and_topics(chain):
    _, out = chain
    data = json.loads((out / "data/arkiv.json").read_text(encoding="utf-8"))
    (thread,) = data["threads"]
    assert thread["url"] == "testregionen/tu/saksgang/2021-02-01-sak-10-21/"
    assert [s["number"] for s in thread["steps"]] == ["10/21", "20/21", "30/21"]
    kari = next(p for p in data["people"] if p["url"] == "personer/testregionen/kari-testesen/")
    assert kari["spellings"] == ["Kari Testersen", "Kari Testesen"] and len(kari["attendance"]) == 3
    assert {t["name"]: t["meetings"] for t in data["topics"]}["Barnevern"] == ["testregionen/tu/2021-04-12"]


def test_the_published_schema_is_the_shared_one(chain):
    _, out = chain
    if not SHARED_SCHEMA.is_file():
        pytest.skip("shared schema not available")
    assert (out / "data/meeting.schema.json").read_bytes() == SHARED_SCHEMA.read_bytes()
    assert (SCHEMAS / "meeting.schema.json").read_bytes() == SHARED_SCHEMA.read_bytes()


def test_case_register_csv(chain):
    result, out = chain
    raw = (out / "data/saker.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets then read æøå as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == CSV_COLUMNS
    assert len(rows) == sum(len(m.items) for m in result.archive.meetings)
    row = next(r for r in rows if r["number"] == "20/21")
    assert row["organisation"] == "Testregionen (syntetisk)" and row["body"] == "Testutvalget"
    assert row["references"] == "10/21; 2021-04-12"
    assert row["url"] == "testregionen/tu/2021-03-01/#sak-20-21"
    assert row["permalink"] == "testregionen/tu/sak/2021/20/"
    assert row["thread"] == "testregionen/tu/saksgang/2021-02-01-sak-10-21/"
    assert row["topics"] == "Testutstyr"
    assert next(r for r in rows if r["number"] == "31/21")["conclusion"] == ""


def test_csv_cells_cannot_start_a_spreadsheet_formula():
    meeting = Meeting("o/b/2021-01-01", "o/b/x.txt", "2021-01-01", org_slug="o", body_slug="b",
                      items=(Item("1/21", "1/21", "=HYPERLINK(\"http://x\")", "", "+1", anchor="sak-1-21"),))
    archive = link([], [meeting])
    rows = list(csv.reader(io.StringIO(case_register_csv(archive, compute_views(archive)).decode("utf-8-sig"))))
    assert rows[1][6] == "'=HYPERLINK(\"http://x\")" and rows[1][7] == "'+1"


def test_every_meeting_page_links_the_data(sample):
    result, out = sample
    for meeting in result.archive.meetings:
        page = (out / f"{meeting.id}.md").read_text(encoding="utf-8")
        assert "Last ned data: [dette møtet (JSON)](<" in page
        assert "(<../../data/arkiv.json>)" in page and "(<../../data/saker.csv>)" in page
    about = (out / "om.md").read_text(encoding="utf-8")
    assert "{ #apne-data }" in about and "(<data/meeting.schema.json>)" in about
    for column in CSV_COLUMNS:
        assert f"`{column}`" in about, column
    home = (out / "index.md").read_text(encoding="utf-8")
    assert "(<data/arkiv.json>)" in home and "(<data/saker.csv>)" in home


def test_the_whole_build_is_deterministic(chain, tmp_path):
    _, out = chain
    again = tmp_path / "again"
    build_chain(again)
    first = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    second = {p.relative_to(again).as_posix(): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_the_streamed_archive_json_is_one_compact_json_document(chain):
    """data/arkiv.json is written record by record (memory); it must be exactly what one json.dumps of the
    whole document gives."""
    _, out = chain
    text = (out / "data/arkiv.json").read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":")) + "\n"
    assert list(json.loads(text)) == ["meetings", "threads", "cases", "people", "topics"]
