"""Case status and latest decision (issue 13 point 3, generator/views/case_status.py): the rule registry on
invented decisions, the thread rule (a later case carries the case on), and the pages and open data that
show them, on the synthetic chain archive (tests/fixtures/archive_chain: 10/21 -> 20/21 -> 30/21)."""
from __future__ import annotations

import csv
import io
import json

import shutil

import pytest
from chain import CHAIN, section

from generator.build import build

from generator.views.case_status import decision_text, short_decision, status_of_decision
from generator.model import Item, SubItem


@pytest.mark.parametrize("decision, status", [
    ("Saken utsettes til neste møte.", "utsatt"),
    ("Behandlingen ble utsatt.", "utsatt"),
    ("Saken tas opp igjen i høst.", "utsatt"),
    ("Prosjektet avsluttes.", "avsluttet"),
    ("Saken er ferdigbehandlet.", "avsluttet"),
    ("Sekretariatet følger opp saken.", "til oppfølging"),
    ("Daglig leder fremmer sak til neste møte.", "til oppfølging"),
    ("Saken tas til orientering.", "orientering"),
    ("Rådet tok saken til etterretning.", "vedtatt"),  # "tok ... til etterretning": not the passive form
    ("Tas til etterretning.", "orientering"),
    ("Referatet ble godkjent.", "vedtatt"),
    ("Styret slutter seg til forslaget.", "vedtatt"),
    ("Rådet ønsker en bredere utredning.", "vedtatt"),  # a decision none of the rules names
    (None, "uten konklusjon"),
    ("", "uten konklusjon"),
])
def test_status_rules(decision, status):
    assert status_of_decision(decision) == status


def test_a_follow_up_that_was_taken_up_later_is_no_longer_open():
    assert status_of_decision("Sekretariatet følger opp saken.", followed_up=True) == "vedtatt"


def test_postponed_by_title_of_the_latest_case():
    assert status_of_decision("Saken ble drøftet.", title="Utsatt sak: budsjett") == "utsatt"


@pytest.mark.parametrize("text, shown", [
    ("Kort vedtak.", "Kort vedtak."),
    ("Første setning. Andre setning. Tredje setning.", "Første setning. Andre setning. …"),
    ("ord " * 100, ("ord " * 100)[:200].rsplit(" ", 1)[0] + " …"),
    ("x" * 300, "x" * 200 + " …"),
    ("Linje én\nfortsetter her.", "Linje én fortsetter her."),
])
def test_short_decision_keeps_one_or_two_sentences_and_cuts_at_a_word(text, shown):
    assert short_decision(text) == shown
    assert len(short_decision(text)) <= 202


def test_a_sub_items_decision_is_shown_under_its_title_not_as_the_items():
    item = Item("5/25", "5/25", "Eventuelt", "tekst", "Avtalen sies opp.", subitems=(
        SubItem("Bredbånd", "", None), SubItem("Felles kontor", "", "Avtalen sies opp.")))
    assert decision_text(item) == "Felles kontor: Avtalen sies opp."
    assert decision_text(Item("6/25", "6/25", "Budsjett", "", "Godkjent.")) == "Godkjent."


def test_the_first_step_of_a_thread_takes_the_latest_decision(chain):
    result, _ = chain
    status = result.views.status_of
    first = status[("testregionen/tu/2021-02-01", "sak-10-21")]
    assert first.later and first.step.anchor == "sak-30-21"
    assert first.decision == "Avtalen ble godkjent." and first.status == "vedtatt"
    middle = status[("testregionen/tu/2021-03-01", "sak-20-21")]
    assert middle.step.anchor == "sak-30-21"  # "fremmer sak til neste møte" was taken up by 30/21


def test_register_thread_list_and_topic_page_show_status_and_latest_decision(chain):
    _, out = chain
    register = (out / "testregionen/tu/saker.md").read_text(encoding="utf-8")
    assert "| Sak | Tittel | Møte | Status | Siste konklusjon |" in register
    row = next(line for line in register.splitlines() if "(<2021-02-01.md#sak-10-21>)" in line)
    assert "| vedtatt | Avtalen ble godkjent. ([2021-04-12, sak 30/21](<2021-04-12.md#sak-30-21>)) |" in row
    threads = (out / "testregionen/tu/saksganger.md").read_text(encoding="utf-8")
    assert "| vedtatt | Avtalen ble godkjent. ([2021-04-12, sak 30/21]" in threads
    topic = (out / "emner/testutstyr.md").read_text(encoding="utf-8")
    assert "| Status | Siste konklusjon |" in topic and topic.count("Avtalen ble godkjent.") >= 3


def test_municipality_page_lists_the_cases_that_name_it(tmp_path):
    """A case that names a member municipality in its title or text (genitive too) is on its page; one
    that names none is not."""
    src = tmp_path / "src"
    shutil.copytree(CHAIN, src)
    meeting = src / "testregionen/tu/2021-04-12.txt"
    meeting.write_text(meeting.read_text(encoding="utf-8") + "\n\nSak 31/21: Ny skolevei i Eksempelby\n\n"
                       "Konklusjon: Saken tas til orientering.\n\nSak 32/21: Budsjett\n\n"
                       "Fiktivdals innspill ble drøftet.\n\nKonklusjon: Budsjettet godkjent.\n", encoding="utf-8")
    result = build(src, tmp_path / "docs")
    assert {"Eksempelby", "Fiktivdal"} <= {m.name for m in result.views.people.municipalities}
    cases = section((tmp_path / "docs/kommuner/eksempelby.md").read_text(encoding="utf-8"), "saker")
    assert "[Ny skolevei i Eksempelby](<../testregionen/tu/2021-04-12.md#sak-31-21>) | orientering | " \
           "Saken tas til orientering. |" in cases
    assert "sak-32-21" not in cases
    other = section((tmp_path / "docs/kommuner/fiktivdal.md").read_text(encoding="utf-8"), "saker")
    assert "[Budsjett](<../testregionen/tu/2021-04-12.md#sak-32-21" in other and "| vedtatt | Budsjettet godkjent. |" in other
    assert "sak-31-21" not in other and "1 sak nevner Fiktivdal" in other


def test_open_data_carry_status_and_latest_decision(chain):
    _, out = chain
    rows = list(csv.DictReader(io.StringIO((out / "data/saker.csv").read_bytes().decode("utf-8-sig"))))
    row = next(r for r in rows if r["url"] == "testregionen/tu/2021-02-01/#sak-10-21")
    assert (row["status"], row["latest_decision"], row["latest_decision_url"]) == \
        ("vedtatt", "Avtalen ble godkjent.", "testregionen/tu/2021-04-12/#sak-30-21")
    data = json.loads((out / "data/arkiv.json").read_text(encoding="utf-8"))
    case = next(c for c in data["cases"] if c["anchor"] == "sak-10-21")
    assert case["status"] == "vedtatt" and case["latest_decision"] == "Avtalen ble godkjent."
    assert all("status" in thread for thread in data["threads"])
