"""Minutes in layouts the seeds do not show, written inline (the parser must generalise)."""
from __future__ import annotations

import textwrap

from generator.model import Line, SourceDocument
from generator.parse import parse_document


def parse(text: str, name: str = "test.txt"):
    lines = tuple(Line(n, t) for n, t in enumerate(textwrap.dedent(text).strip("\n").split("\n"), start=1))
    meeting, _ = parse_document(SourceDocument(name, lines, "txt", "0" * 64))
    return meeting


def summary(meeting):
    return [(i.number, i.title, i.conclusion) for i in meeting.items]


def test_municipal_protocol_with_ps_numbers_and_proposals():
    meeting = parse("""
        MØTEPROTOKOLL
        Regionrådet
        Dato: 12.03.2021 kl. 10:00 – 14:00
        Sted: Teams

        Møtende medlemmer:
        Ordfører i Aurskog: Kari Nordmann
        Ordfører i Lillevik: Ola Hansen

        Forfall:
        Per Olsen

        PS 12/21 Godkjenning av innkalling og saksliste
        Innstilling:
        Innkalling og saksliste godkjennes med endring.

        Vedtak:
        Innkalling og saksliste godkjennes.

        PS 13/21 Budsjett 2022
        Oppfølging av PS 4/21.

        Regionrådets vedtak:
        Budsjettet vedtas som foreslått.
    """)
    assert (meeting.date, meeting.start, meeting.end, meeting.location) == ("2021-03-12", "10:00", "14:00", "Teams")
    assert summary(meeting) == [("12/21", "Godkjenning av innkalling og saksliste", "Innkalling og saksliste godkjennes."),
                                ("13/21", "Budsjett 2022", "Budsjettet vedtas som foreslått.")]
    assert [(a.name, a.status, a.role, a.affiliation) for a in meeting.attendees] == [
        ("Kari Nordmann", "present", "Ordfører", "Aurskog"), ("Ola Hansen", "present", "Ordfører", "Lillevik"),
        ("Per Olsen", "absent", None, None)]
    assert [(r.kind, r.target) for r in meeting.items[1].references] == [("case", "4/21")]


def test_case_numbers_without_the_word_sak():
    meeting = parse("""
        Referat fra styremøte i Vestregionen 3. februar 2022

        Til stede: Anne Berg (Asker), Bjørn Dahl (Bærum)
        Forfall: Eva Lie

        12/22 Godkjenning av referat
        Referat fra 13.01.2022 ble godkjent.

        13/22 Veiprosjekter
        Det ble orientert om status.
        Vedtak: Styret tar saken til orientering.
    """)
    # the sentence approving the earlier minutes is the decision (its date names them: test_parse_genre)
    assert summary(meeting) == [("12/22", "Godkjenning av referat", "Referat fra 13.01.2022 ble godkjent."),
                                ("13/22", "Veiprosjekter", "Styret tar saken til orientering.")]
    assert [(r.kind, r.target) for r in meeting.items[0].references] == [("meeting", "2022-01-13")]
    assert [a.affiliation for a in meeting.attendees] == ["Asker", "Bærum", None]


def test_unnumbered_markdown_headings():
    meeting = parse("""
        # Styremøte 2023-05-04

        **Til stede:** Ida, Ole, Kari

        ## Godkjenning av innkalling
        Godkjent.

        ## Økonomi
        Regnskapet ble gjennomgått.

        **Vedtak:** Regnskapet godkjennes.
    """, "styret.md")
    assert summary(meeting) == [(None, "Godkjenning av innkalling", None),
                                (None, "Økonomi", "Regnskapet godkjennes.")]
    assert [a.name for a in meeting.attendees] == ["Ida", "Ole", "Kari"]


def test_an_agenda_list_is_not_a_series_of_items():
    meeting = parse("""
        Møte i arbeidsgruppen 5. mai 2021

        Agenda
        1. Velkommen
        2. Status
        3. Eventuelt

        Sak 1 Velkommen
        Alle ble ønsket velkommen.

        Sak 2 Status
        Arbeidet går etter planen.
        Konklusjon: Tatt til orientering.
    """)
    assert summary(meeting) == [("1", "Velkommen", None), ("2", "Status", "Tatt til orientering.")]


def test_item_titles_from_the_agenda_when_headings_have_none():
    meeting = parse("""
        Referat frå allmøte, Tysdag 13. oktober 1987, kl. 12.15, Auditorium V.

        Saksliste:
        1) Orientering om studiet.
        2) Val av styre.

        Sak nr. 1
        =========
        Det vart orientert.

        Sak nr. 2
        =========
        Styret vart valt.
    """)
    assert [(i.number, i.title) for i in meeting.items] == [("1", "Orientering om studiet"), ("2", "Val av styre")]
    assert (meeting.start, meeting.location) == ("12:15", "Auditorium V")


def test_case_number_alone_with_the_title_on_the_next_line():
    meeting = parse("""
        Referat Arbeidsutvalget 01.09.2021

        Sak 20/21
        Godkjenning av referat
        Referatet ble godkjent.

        Sak 21/21
        Næringsplan 2022
        Vedtak: Planen sendes på høring.
    """)
    # "Referatet ble godkjent." records the decision without a label (issue 11: decisions in a sentence)
    assert summary(meeting) == [("20/21", "Godkjenning av referat", "Referatet ble godkjent."),
                                ("21/21", "Næringsplan 2022", "Planen sendes på høring.")]


def test_multi_word_organisation_label_before_a_name():
    meeting = parse("""
        Referat 02.02.2022

        Medlemmer:
        Ytre Lei IPR: Kari Nordmann
        Nedre Glomdal: Per Hansen (PL)

        Sak 1/22 Orientering
        Tatt til orientering.
    """)
    assert [(a.name, a.affiliation) for a in meeting.attendees] == [("Kari Nordmann", "Ytre Lei IPR"),
                                                                   ("Per Hansen", "Nedre Glomdal")]


def test_a_decision_ends_where_the_next_sub_point_begins():
    meeting = parse("""
        Referat 14.12.2020

        Sak 102/20 Eventuelt
        eByggesak
        Karin orienterte om situasjonen.
        Konklusjon: Kommunedirektørene støtter prosjektgruppen.
        Finansiering Spesialrådgiver
        Karin orienterte.
        Konklusjon: Saken tas til orientering.
        Det følges opp i neste møte.
    """)
    assert meeting.items[0].conclusion == ("Kommunedirektørene støtter prosjektgruppen.\n\n"
                                           "Saken tas til orientering.\nDet følges opp i neste møte.")
