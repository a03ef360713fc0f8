"""Resolving references across an archive (synthetic in-memory meetings)."""
from __future__ import annotations

import datetime as dt

import pytest

from generator.link import link
from generator.model import Body, Item, Meeting, Organisation
from generator.parse.casenumbers import anchor_for, case_key
from generator.parse.references import extract_references

BODY = Body("ru", "Rådmannsutvalget", "RU", ("rådmannsutvalget",))
OTHER = Body("ar", "Arbeidsutvalget", "AU", ("arbeidsutvalget",))
ORG = Organisation("testregionen", "Testregionen", "Test", bodies=(BODY, OTHER))
OWN = (BODY.name, BODY.short_name, *BODY.aliases)


def item(number, title, text="", date="2010-01-08", ordinal=False):
    refs = extract_references(text, dt.date.fromisoformat(date), OWN, ordinal_items=ordinal)
    return Item(number, case_key(number), title, text, None, anchor=anchor_for(number, title, 1), references=tuple(refs))


def meeting(date, *items, body=BODY):
    return Meeting(id=f"testregionen/{body.slug}/{date}", source=f"testregionen/{body.slug}/{date}.txt", date=date,
                   org_slug="testregionen", body_slug=body.slug, items=items)


def refs_of(archive, meeting_id, number):
    found = next(m for m in archive.meetings if m.id == meeting_id)
    return next(i for i in found.items if i.number == number).references


def test_case_reference_links_to_the_case_and_gets_a_backlink():
    archive = link([ORG], [meeting("2009-11-27", item("088/09", "Regiontilknytning")),
                           meeting("2010-01-08", item("004/10", "Oppfølging", "Oppfølging av sak 088/09."))])
    (ref,) = refs_of(archive, "testregionen/ru/2010-01-08", "004/10")
    assert ref.resolved and (ref.target_meeting, ref.target_anchor) == ("testregionen/ru/2009-11-27", "sak-088-09")
    (back,) = archive.backlinks[("testregionen/ru/2009-11-27", "sak-088-09")]
    assert (back.meeting_id, back.number) == ("testregionen/ru/2010-01-08", "004/10")


def test_another_bodys_case_is_not_linked_to_this_bodys_case_with_the_same_number():
    archive = link([ORG], [meeting("2009-11-27", item("088/09", "Regiontilknytning")),
                           meeting("2010-01-08", item("004/10", "Vurdering",
                                                      "- Sak 088/09 Formannskapet i Kongsberg kommune"))])
    (ref,) = refs_of(archive, "testregionen/ru/2010-01-08", "004/10")
    assert ref.external and not ref.resolved and ref.target_meeting is None
    assert ("testregionen/ru/2009-11-27", "sak-088-09") not in archive.backlinks


def test_named_body_of_the_same_organisation_resolves_there():
    archive = link([ORG], [meeting("2009-11-27", item("12/09", "Budsjett"), body=OTHER),
                           meeting("2010-01-08", item("004/10", "Budsjett", "Se Arbeidsutvalgets sak 12/09."))])
    (ref,) = refs_of(archive, "testregionen/ru/2010-01-08", "004/10")
    assert ref.resolved and (ref.target_meeting, ref.target_anchor) == ("testregionen/ar/2009-11-27", "sak-12-09")


def test_ordinal_reference_resolves_within_the_meeting():
    three = item("3", "Prosess", ordinal=True)
    five = item("5", "Informasjon", "drøftet i tilknytning til sak 3 ovenfor", "2014-06-20", ordinal=True)
    five = Item(five.number, five.key, five.title, five.text, None, anchor="sak-5", references=five.references)
    archive = link([ORG], [meeting("2014-06-20", three, five)])
    (ref,) = refs_of(archive, "testregionen/ru/2014-06-20", "5")
    assert ref.resolved and (ref.target_meeting, ref.target_anchor) == ("testregionen/ru/2014-06-20", "sak-3")


def test_meeting_reference_resolves_to_the_meeting_and_a_missing_one_does_not():
    archive = link([ORG], [meeting("2009-11-27", item("088/09", "X")),
                           meeting("2010-01-08", item("001/10", "Referatsaker",
                                                      "Møtereferat rådmannsutvalget 27.11.09 og referat fra 12.12.09"))])
    refs = refs_of(archive, "testregionen/ru/2010-01-08", "001/10")
    assert [(r.target, r.resolved) for r in refs] == [("2009-11-27", True), ("2009-12-12", False)]


@pytest.mark.parametrize("number, key, anchor", [
    ("34/23", "34/23", "sak-34-23"), ("001/10", "1/10", "sak-001-10"), ("14-22", "14/22", "sak-14-22"),
    ("100/2020", "100/20", "sak-100-2020"), ("3", "3", "sak-3"), ("5.1", "5.1", "sak-5-1"), ("087", "87", "sak-087"),
])
def test_case_numbers_keys_and_anchors(number, key, anchor):
    assert case_key(number) == key
    assert anchor_for(number, "x", 1) == anchor


def test_unnumbered_items_get_positional_anchors():
    assert case_key(None) is None and anchor_for(None, "Orienteringer", 1) == "punkt-1"
