"""People and municipalities (generator/views/people.py): person pages for everyone in the sample
archive's attendee lists, name normalisation, automatic merges and the people.yml alias file."""
from __future__ import annotations

import re

import pytest
from chain import CHAIN
from conftest import SAMPLE

from generator.render import escape
from generator.build import build
from generator.views.people import (
    Aliases,
    SplitTarget,
    attendances,
    identify,
    load_aliases,
    name_key,
    parse_aliases,
    people_index,
    periods,
    reduced_key,
    slug,
)


def person_of(result, meeting_id, name):
    return result.views.people.by_attendance[(meeting_id, name)]


def test_everyone_in_the_sample_attendee_lists_has_a_page_with_roles_and_municipalities(sample):
    result, out = sample
    assert sum(len(m.attendees) for m in result.archive.meetings) >= 40
    for meeting in result.archive.meetings:
        for attendee in meeting.attendees:
            person = person_of(result, meeting.id, attendee.name)
            page = (out / f"{person.path}.md").read_text(encoding="utf-8")
            assert f"# {escape.inline(person.name)}" in page
            assert f"<../../{meeting.id}.md#deltakere>" in page, (attendee.name, meeting.id)
            for detail in (attendee.role, attendee.affiliation):
                if detail:
                    assert escape.inline(detail.split()[0]) in page, (attendee.name, detail)


def test_sample_person_page_shows_role_and_municipality_over_time(sample):
    result, out = sample
    person = person_of(result, "grenland/kdk/2023-08-22", "Karin G. Finnerud")
    assert person is person_of(result, "grenland/kdk/2020-12-14", "Karin Finnerud")
    assert [(p.start, p.end, p.role, p.affiliation, p.meetings) for p in periods(person)] == \
        [("2020-12-14", "2023-08-22", "Kommunedirektør", "Skien", 2)]
    page = (out / f"{person.path}.md").read_text(encoding="utf-8")
    assert "**Skrevet i referatene som:** Karin Finnerud, Karin G. Finnerud" in page
    assert "| Kommunedirektør | [Skien](<../../kommuner/skien.md>) | 2 |" in page


def test_rose_marie_is_one_spelling(sample):
    result, _ = sample
    person = person_of(result, "grenland/kdk/2023-08-22", "Rose-Marie Christiansen")
    assert person.spellings == ("Rose-Marie Christiansen",)
    assert name_key("Rose- Marie Christiansen") == name_key("Rose-Marie  Christiansen") == "rose marie christiansen"


def test_absences_are_counted(sample):
    result, out = sample
    person = person_of(result, "kongsbergregionen/rus/2010-01-08", "Jan Sebjørnsen")
    assert (person.present, person.absent) == (0, 1)
    assert "| forfall |" in (out / f"{person.path}.md").read_text(encoding="utf-8")


def test_chair_and_secretary_are_marked(sample):
    result, _ = sample
    chair = person_of(result, "grenland/kdk/2020-12-14", "Per Wold")
    assert [a.function for a in chair.attendances] == ["møteleder"]


@pytest.mark.parametrize("name, key, reduced", [
    ("Karin G. Finnerud", "karin g finnerud", "karin finnerud"),
    ("Jon G Pedersen", "jon g pedersen", "jon pedersen"),
    ("Geir H. Bjelkemyr- Østvang", "geir h bjelkemyr østvang", "geir bjelkemyr østvang"),
    ("Odd Arild Bugge", "odd arild bugge", "odd arild bugge"),
])
def test_name_keys(name, key, reduced):
    assert name_key(name) == key and reduced_key(key) == reduced


def test_slugs_follow_norwegian_convention():
    assert slug("Kragerø") == "kragero" and slug("Sæthre") == "saethre" and slug("Nore og Uvdal") == "nore-og-uvdal"
    assert slug("Bråthen") == "brathen"


def test_initials_merge_within_a_body_and_same_name_in_another_region_stays_apart(chain):
    result, _ = chain
    ola = person_of(result, "testregionen/tu/2021-02-01", "Ola O. Prøvesen")
    assert ola is person_of(result, "testregionen/tu/2021-03-01", "Ola Prøvesen")
    assert ola.spellings == ("Ola O. Prøvesen", "Ola Prøvesen") and not ola.confirmed
    kari_test = person_of(result, "testregionen/tu/2021-02-01", "Kari Testesen")
    kari_prove = person_of(result, "proveregionen/ps/2021-05-05", "Kari Testesen")
    assert kari_test is not kari_prove
    assert kari_test.path == "personer/testregionen/kari-testesen"
    assert kari_prove.path == "personer/proveregionen/kari-testesen"


def test_alias_file_merges_two_spellings(chain):
    result, out = chain
    kari = person_of(result, "testregionen/tu/2021-04-12", "Kari Testersen")
    assert kari is person_of(result, "testregionen/tu/2021-02-01", "Kari Testesen")
    assert kari.name == "Kari Testesen" and kari.confirmed and len(kari.attendances) == 3
    page = (out / f"{kari.path}.md").read_text(encoding="utf-8")
    assert "Kari Testersen, Kari Testesen" in page and page.count("(møteleder)") == 3
    # without the alias file the misspelling is a person of its own
    alone = people_index(result.archive)
    assert alone.by_attendance[("testregionen/tu/2021-04-12", "Kari Testersen")] is not \
        alone.by_attendance[("testregionen/tu/2021-02-01", "Kari Testesen")]


def test_alias_merge_is_limited_to_its_organisation(chain):
    result, _ = chain
    aliases = Aliases(merges=(("Kari Testesen", ("Lars Lager",), "testregionen"),))
    index = people_index(result.archive, aliases)
    assert index.by_attendance[("proveregionen/ps/2021-05-05", "Lars Lager")] is not \
        index.by_attendance[("proveregionen/ps/2021-05-05", "Kari Testesen")]
    everywhere = people_index(result.archive, Aliases(merges=(("Kari Testesen", (), ""),)))
    assert everywhere.by_attendance[("proveregionen/ps/2021-05-05", "Kari Testesen")] is \
        everywhere.by_attendance[("testregionen/tu/2021-02-01", "Kari Testesen")]


def test_alias_file_splits_one_spelling(chain):
    result, _ = chain
    aliases = Aliases(splits=(("Per Fiktiv", "testregionen", (SplitTarget("Per Fiktiv (før mars)", end="2021-02-28"),
                                                             SplitTarget("Per Fiktiv"))),))
    index = people_index(result.archive, aliases)
    early = index.by_attendance[("testregionen/tu/2021-02-01", "Per Fiktiv")]
    late = index.by_attendance[("testregionen/tu/2021-04-12", "Per Fiktiv")]
    assert early is not late
    assert (early.name, late.name) == ("Per Fiktiv (før mars)", "Per Fiktiv")
    assert early.path == "personer/testregionen/per-fiktiv-for-mars" and early.confirmed


def test_two_different_initials_are_not_merged(chain):
    result, _ = chain
    records = attendances(result.archive)
    extra = [r.__class__(**{**r.__dict__, "name": name, "meeting_id": r.meeting_id + name})
             for r, name in zip(records[:2], ("Ola A. Prøvesen", "Ola B. Prøvesen"))]
    plain = [r for r in records if r.name == "Ola Prøvesen"]
    roots, _ = identify(plain + extra, Aliases())
    assert len({roots[r] for r in plain + extra}) == 3


def test_municipality_pages_list_representatives_and_meetings(chain):
    result, out = chain
    (prove,) = [m for m in result.views.people.municipalities if m.name == "Prøvekommune"]
    assert [(p.name, period.start, period.end) for p, period in prove.representatives] == \
        [("Kari Testesen", "2021-02-01", "2021-04-12")]
    page = (out / "kommuner/provekommune.md").read_text(encoding="utf-8")
    assert "[Kari Testesen](<../personer/testregionen/kari-testesen.md>)" in page
    assert page.count("../testregionen/tu/2021-") == 3
    fiktivdal = (out / "kommuner/fiktivdal.md").read_text(encoding="utf-8")
    assert "| [1. februar 2021](<../testregionen/tu/2021-02-01.md>) | [Per Fiktiv]" in fiktivdal
    assert "[Anne Eksempel](<../personer/testregionen/anne-eksempel.md>) |\n" in fiktivdal  # absent on 1.2.2021
    annen = (out / "kommuner/annenkommune.md").read_text(encoding="utf-8")
    assert "personer/proveregionen/kari-testesen.md" in annen and "testregionen/kari" not in annen


def test_alias_file_errors_are_reported_with_a_line(tmp_path):
    (tmp_path / "people.yml").write_text("merge:\n  - name: A B\n    spelling: [C D]\n", encoding="utf-8")
    aliases, problems = load_aliases(tmp_path)
    assert aliases == Aliases()
    assert [(d.path, d.line, d.level) for d in problems] == [("people.yml", 3, "error")]
    assert "unknown key 'spelling'" in problems[0].message
    (tmp_path / "people.yml").write_text("merge: [\n", encoding="utf-8")
    _, problems = load_aliases(tmp_path)
    assert problems[0].level == "error" and "malformed YAML" in problems[0].message
    assert load_aliases(tmp_path / "missing") == (Aliases(), [])


def test_parse_aliases_reads_both_sections():
    aliases = parse_aliases({"merge": [{"name": "A B", "spellings": ["A. B"]}],
                             "split": [{"spelling": "C D", "organisation": "x",
                                        "people": [{"name": "C D (1)", "bodies": ["kdk"], "from": "2020-01-01"},
                                                   {"name": "C D"}]}]})
    assert aliases.merges == (("A B", ("A. B",), ""),)
    assert aliases.splits[0][2] == (SplitTarget("C D (1)", ("kdk",), (), "2020-01-01", ""), SplitTarget("C D"))


def test_people_index_pages_list_everyone(sample):
    result, out = sample
    index = (out / "personer/index.md").read_text(encoding="utf-8")
    for org in result.archive.organisations:
        assert f"(<{org.slug}.md>)" in index
    for person in result.views.people.people:
        page = (out / f"personer/{person.org_slug}.md").read_text(encoding="utf-8")
        assert f"<{person.path.removeprefix('personer/')}.md>" in page
    assert CHAIN.is_dir()


def test_a_person_merged_across_organisations_is_listed_under_both(chain):
    result, _ = chain
    from generator.render.pages import _environment
    from generator.render.indexes import view_jobs
    from generator.views import compute_views

    views = compute_views(result.archive, Aliases(merges=(("Kari Testesen", (), ""),)))
    files = {path: text for job in view_jobs(_environment(), result.archive, views) for path, text in job().items()}
    for org in ("testregionen", "proveregionen"):
        assert "(<testregionen/kari-testesen.md>)" in files[f"personer/{org}.md"], org


def test_municipality_page_lists_the_latest_meetings_and_one_row_per_year_for_the_rest(tmp_path):
    """A municipality page must not grow with every meeting of its organisations."""
    import shutil

    from generator.render.indexes import MUNICIPALITY_LATEST

    src = tmp_path / "src"
    shutil.copytree(SAMPLE, src)
    body = src / "kongsbergregionen" / "rus"
    original = (body / "2010-01-08.txt").read_text(encoding="utf-8")
    dates = [f"{2011 + n // 12}-{n % 12 + 1:02d}-08" for n in range(40)]
    months = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
              "november", "desember"]
    for date in dates:
        year, month, _ = date.split("-")
        (body / f"{date}.txt").write_text(original.replace("8. januar 2010", f"8. {months[int(month) - 1]} {year}"),
                                          encoding="utf-8")
    build(src, tmp_path / "out")
    kongsberg = (tmp_path / "out" / "kommuner" / "kongsberg.md").read_text(encoding="utf-8")
    section = kongsberg.split("### Rådmannsutvalget")[1].split("\n### ")[0]
    assert f"De siste {MUNICIPALITY_LATEST} av 41 møter" in section
    assert len(re.findall(r"\]\(<\.\./kongsbergregionen/rus/\d{4}-\d\d-\d\d\.md>\)", section)) == MUNICIPALITY_LATEST
    assert "| [2014](<../kongsbergregionen/rus/2014.md>) | 4 | 4 |" in section
    assert "| [2010](<../kongsbergregionen/rus/2010.md>) | 1 | 1 |" in section
