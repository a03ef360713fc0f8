"""Minutes as a genre: one invented document per class of layout that issue 11 names.

Every text here is made up for the test (bodies, people and places do not exist); each has the
shape of a kind of minutes, not the words of any real document: a flattened PDF transcript, a
municipal protocol with attendance tables and case series, a board with name-and-role lists, a
web page with site furniture, a forum with "pva" deputies, a university board. Parsing must find
the same structure in each.
"""
from __future__ import annotations

import re
import textwrap

import pytest

from generator.errors import SourceError
from generator.model import Line, SourceDocument
from generator.parse import parse_document
from generator.parse.casenumbers import case_key


def parse(text: str, name: str = "minutes.txt", dedent: bool = True):
    text = textwrap.dedent(text) if dedent else text
    lines = tuple(Line(n, t) for n, t in enumerate(text.strip("\n").split("\n"), start=1))
    return parse_document(SourceDocument(name, lines, "txt", "0" * 64))


def items(meeting):
    return [(i.number, i.title, i.conclusion) for i in meeting.items]


def people(meeting, status=None):
    return [a.name for a in meeting.attendees if status is None or (a.status == "absent") == (status == "absent")]


# --- 1. flattened text -------------------------------------------------------------------

FLATTENED = (
    "Fjellbygd regionråd - protokoll\n"
    "Save this PDF as:\n WORD  PNG  TXT  JPG\n\nStørrelse: px\nBegynne med side:\n\n"
    'Download "Fjellbygd regionråd - protokoll"\n\nTranskript\n\n'
    "1 PROTOKOLL FRÅ MØTE I FJELLBYGD REGIONRÅD Møte: 2/2025 Tid: Måndag 3. mars kl 0830 til 1200 "
    "Stad: Breidal kulturhus, møterom 2 Til stades: Ordførarar: Solveig Lid, Tor Ask, Gunn Moe Rådmenn: "
    "Eirik Vang, Hilde Sæle (frå 14/25) Andre: Brit Rud (13/25) Forfall: Kjell Li, Arne Fosse "
    "Sakliste Sak 12/25: Godkjenning av innkalling...2 Sak 13/25: Vegplan for dalen...2 "
    "Sak 14/25: Eventuelt...3 Side 1 av 3\n"
    "2 Sak 12/25: Godkjenning av innkalling Innkalling og sakliste vart godkjent utan merknader. "
    "Sak 13/25: Vegplan for dalen Rådet drøfta planen, jf. sak 40/24 om same vegen. Vedtak: Vegplanen vert "
    "send på høyring til kommunane. Side 2 av 3\n"
    "3 Sak 14/25: Eventuelt Ingen saker vart melde. Side 3 av 3\n"
)


def test_flattened_transcript_restores_header_items_and_decisions():
    meeting, diagnostics = parse(FLATTENED, dedent=False)
    assert meeting.date == "2025-03-03"  # no year in "Måndag 3. mars": from "Møte: 2/2025", a Monday
    assert (meeting.start, meeting.end) == ("08:30", "12:00")
    assert meeting.location == "Breidal kulturhus, møterom 2"
    assert [i.number for i in meeting.items] == ["12/25", "13/25", "14/25"]  # the sakliste is no item of its own
    assert meeting.items[0].title == "Godkjenning av innkalling"
    assert meeting.items[0].conclusion == "Innkalling og sakliste vart godkjent utan merknader."
    assert meeting.items[1].conclusion.startswith("Vegplanen vert send på høyring")
    assert [r.target for r in meeting.items[1].references if r.kind == "case"] == ["40/24"]  # running text
    assert set(people(meeting, "present")) == {"Solveig Lid", "Tor Ask", "Gunn Moe", "Eirik Vang", "Hilde Sæle",
                                               "Brit Rud"}
    assert set(people(meeting, "absent")) == {"Kjell Li", "Arne Fosse"}
    everything = meeting.preamble + " ".join(i.text for i in meeting.items)
    for chrome in ("Save this PDF", "Begynne med side", "Transkript", "Side 2 av 3", "px"):
        assert chrome not in everything
    assert any("has no year" in str(d) and "minutes.txt:12:" in str(d) for d in diagnostics)


def test_flattened_toc_line_is_an_agenda_not_items():
    text = ("Møtebok for Elvedal kontrollutval 14.05.2024 " + "Møteleiar: Siv Holm Referent: Jon Berg " +
            "Sakliste 021/24: Referatsaker...3 022/24: Årsrekneskap...4 023/24: Eventuelt...5 " * 1 +
            "021/24: Referatsaker Ingen merknader. 022/24: Årsrekneskap Revisor la fram rekneskapen for året. "
            "Vedtak: Rekneskapen vert teke til vitande. 023/24: Eventuelt Ingen saker.")
    meeting, _ = parse(text, dedent=False)
    assert [i.number for i in meeting.items] == ["021/24", "022/24", "023/24"]
    assert meeting.items[1].title == "Årsrekneskap"
    assert meeting.items[1].conclusion == "Rekneskapen vert teke til vitande."
    assert (meeting.chair, meeting.secretary) == ("Siv Holm", "Jon Berg")


def test_running_text_case_number_stays_a_reference():
    meeting, _ = parse("""
        Referat fra arbeidsutvalget 02.02.2022

        Sak 5/22 Kollektivtilbud
        Utvalget viste til sak 12/20 Busstilbud i øst og ba om status.
        Vedtak: Saken følges opp.
    """)
    assert [i.number for i in meeting.items] == ["5/22"]
    assert [r.target for r in meeting.items[0].references] == ["12/20"]


# --- 2. dates ------------------------------------------------------------------------------

def test_year_from_case_numbers_and_weekday():
    meeting, _ = parse("""
        Referat fra styremøte fredag 7. november

        Sak 30/14 Regnskap
        Vedtak: Godkjent.
        Sak 31/14 Budsjett
        Vedtak: Utsatt.
    """)
    assert meeting.date == "2014-11-07"


def test_date_without_space_before_the_month():
    meeting, _ = parse("Referat fra instituttrådsmøte tirsdag 4.april 2006\n\nSak 1/06 Budsjett\nVedtak: Godkjent.\n")
    assert meeting.date == "2006-04-04"


def test_a_date_in_an_item_is_not_the_meeting_date_when_the_header_has_one():
    meeting, _ = parse("""
        Protokoll

        Møtedato: 3. mai 2021

        Sak 1/21 Godkjenning av protokoll fra 05.11.2020
        Vedtak: Godkjent.
    """)
    assert meeting.date == "2021-05-03"


def test_refusal_names_the_file_line_and_what_is_missing():
    with pytest.raises(SourceError) as error:
        parse("Referat\n\nSak 1 Budsjett\nVedtak: Godkjent.\n")
    message = str(error.value)
    assert message.startswith("minutes.txt:1:") and "no meeting date found" in message


# --- 3. agenda and sections; page chrome ---------------------------------------------------

def test_agenda_table_and_sections_are_one_item_each():
    meeting, _ = parse("""
        Møteprotokoll
        Dato: 10.02.2027

        Saksliste
        Saksnr.     Tittel
        PS 1/27     Godkjenning av protokoll
        RS 1/27     Melding fra fylket
        PS 2/27     Kulturplan

        PS 1/27 Godkjenning av protokoll
        Vedtak
        Protokollen godkjennes.

        PS 2/27 Kulturplan
        Vedtak
        Planen vedtas.
    """)
    assert items(meeting) == [("1/27", "Godkjenning av protokoll", "Protokollen godkjennes."),
                              ("RS 1/27", "Melding fra fylket", None),
                              ("2/27", "Kulturplan", "Planen vedtas.")]
    assert [i.key for i in meeting.items] == ["1/27", "RS 1/27", "2/27"]  # two series: two cases numbered 1/27


def test_web_page_furniture_never_reaches_a_title_or_the_text():
    meeting, _ = parse("""
        Hopp til hovedinnhold
        menu_open
        Meny Meny
        A A A
        Møtereferat Eldrerådet 12.10.2011

        1. Trafikksikkerhet
        Rådet ønsker flere gangfelt.
        Vedtak: Saken sendes kommunen.

        2. Neste møte
        Ingen merknader.

        Til toppen av siden
    """)
    assert meeting.date == "2011-10-12"
    assert [i.title for i in meeting.items] == ["Trafikksikkerhet", "Neste møte"]
    text = meeting.preamble + (meeting.title or "") + " ".join(i.text for i in meeting.items)
    for chrome in ("Hopp til", "menu_open", "Meny", "A A A", "toppen"):
        assert chrome not in text


# --- 4. attendance -----------------------------------------------------------------------

def test_attendance_table_with_deputies_met_for_members():
    meeting, _ = parse("""
        Møteprotokoll
        Utvalg: Bystyret
        Dato: 01.06.2026

        Til stede:
        Navn                      Funksjon        Parti   Møtte for
        Ragnhild Bø               leder           H
        Ivar Stang                medlem          AP
        Tove Li                   varamedlem      SV      Ole Hauge
        Bjørn Lie Grav   medlem   KRF

        Fra administrasjonen møtte:
        Navn                      Stilling
        Randi Kolstad             Rådmann

        PS 5/26 Referatsaker
        Vedtak
        Tas til orientering.
    """)
    assert people(meeting, "present") == ["Ragnhild Bø", "Ivar Stang", "Tove Li", "Bjørn Lie Grav", "Randi Kolstad"]
    assert people(meeting, "absent") == ["Ole Hauge"]
    tove = next(a for a in meeting.attendees if a.name == "Tove Li")
    assert (tove.status, tove.role, tove.affiliation) == ("deputy", "varamedlem", "SV")


CASE_SYSTEM_PROTOCOL = """                                 Møteprotokoll

Utvalg:          Formannskapet
Møtested:        Kommunestyresalen, Rådhuset
Møtedato:        11.03.2020
Fra - til:       09:00 - 12:30

Følgende faste medlemmer møtte:
Navn                          Funksjon         Representerer
Kari Dahl                     Leder            AP
Per Ås                        Nestleder        H
Mona Lie                      Medlem           SP

Følgende medlemmer hadde forfall:
Navn                          Funksjon         Representerer
Ola Berg                      Medlem           SV

Følgende varamedlemmer møtte:
Navn                          Møtte for        Representerer
Siri Ness                     Ola Berg         SV

Fra administrasjonen møtte:
Navn                          Stilling
Tor Vik                       Rådmann

Protokollen godkjennes av:
Kari Dahl                     Per Ås

Saksliste

Utvalgs-                      Innhold                                             Lukket
saksnr
PS 10/20                      Godkjenning av protokoll
PS 11/20                      Budsjettjustering 2020

PS 10/20 Godkjenning av protokoll

Behandling i Formannskapet - 11.03.2020
Ingen merknader.

Vedtak i Formannskapet - 11.03.2020
Protokollen godkjennes.

PS 11/20 Budsjettjustering 2020

Rådmannens innstilling
Budsjettet justeres som foreslått.

Behandling i Formannskapet - 11.03.2020
Innstillingen ble enstemmig vedtatt.

Vedtak i Formannskapet - 11.03.2020
Budsjettet justeres som foreslått.
"""


def test_case_system_protocol_with_member_tables_and_body_decisions():
    meeting, _ = parse(CASE_SYSTEM_PROTOCOL, dedent=False)
    assert (meeting.date, meeting.start, meeting.end) == ("2020-03-11", "09:00", "12:30")
    assert people(meeting, "present") == ["Kari Dahl", "Per Ås", "Mona Lie", "Siri Ness", "Tor Vik"]
    assert people(meeting, "absent") == ["Ola Berg"]
    assert items(meeting) == [("10/20", "Godkjenning av protokoll", "Protokollen godkjennes."),
                              ("11/20", "Budsjettjustering 2020", "Budsjettet justeres som foreslått.")]


def test_table_cells_run_together():
    meeting, _ = parse("""
        Møteprotokoll 01.06.2026
        Til stede:
        Navn Funksjon Parti Møtte for
        Ragnhild Bø leder H
        Tove Li varamedlem SV Ole Hauge

        Sak 1/26 Referatsaker
        Vedtak: Tas til orientering.
    """)
    assert people(meeting, "present") == ["Ragnhild Bø", "Tove Li"]
    assert people(meeting, "absent") == ["Ole Hauge"]


def test_table_with_one_cell_per_line_and_attended_column():
    meeting, _ = parse("""
        Referat fra møte i Sjøbygda havneråd
        Dato: 5. september 2023

        Deltakere:
        Navn
        Rolle
        Møtt
        Kari Strand
        Leder
        Ja
        Per Hamre
        Medlem
        Nei

        Sak 1/23 Havneplan
        Konklusjon: Planen sendes ut.
    """)
    assert [(a.name, a.status, a.role) for a in meeting.attendees] == [("Kari Strand", "present", "Leder"),
                                                                       ("Per Hamre", "absent", "Medlem")]


def test_name_and_role_lists_and_distribution_list():
    meeting, _ = parse("""
        Protokoll fra styremøte
        Dato: Onsdag 14.02.2024, 10:00 – 12:00
        Deltatt:
        Marte Vik, Styrets leder
        Lars Brenna, Styremedlem
        Revisor Odd Sletta
        Hanne Aas, Økonomisjef
        Forfall:
        Geir Haugen, Styremedlem

        Sak 4 – Regnskap
        Beslutning:
        Styret tok regnskapet til orientering.

        Protokoll sendes til:
        Eierkommunene
        Kopi til: Tone Rud
    """)
    assert people(meeting, "present") == ["Marte Vik", "Lars Brenna", "Odd Sletta", "Hanne Aas"]
    assert people(meeting, "absent") == ["Geir Haugen"]
    roles = {a.name: a.role for a in meeting.attendees}
    assert roles["Odd Sletta"] == "Revisor" and roles["Hanne Aas"] == "Økonomisjef"
    assert "Tone Rud" not in people(meeting)


def test_group_headings_and_pva_deputies():
    meeting, _ = parse("""
        Samordningsforum 4. april 2019 - referat

        Møtested: Storgata 1, møterom A
        Møtetid: kl. 09:00–11:00

        Medlemmer av forumet
        - Åse Brun, Vegvesenet (SVV)
        - Nils Lunde pva Mona Sand, Havdirektoratet (HD)
        - Kari Fjell, pva Per Dal, Skogetaten (SE)

        Bisittere
        - Rune Eik, SVV

        Sekretariat
        - Liv Holt, Sekretariatet

        Saksliste
        - 01/19 Årsplan
    """)
    assert meeting.date == "2019-04-04"
    assert (meeting.start, meeting.end) == ("09:00", "11:00")
    assert meeting.location == "Storgata 1, møterom A"
    assert people(meeting, "present") == ["Åse Brun", "Nils Lunde", "Kari Fjell", "Rune Eik", "Liv Holt"]
    assert people(meeting, "absent") == ["Mona Sand", "Per Dal"]


def test_following_members_sentences():
    meeting, _ = parse("""
        Protokoll fra formannskapet 20.09.2018
        Følgende medlemmer møtte:
        Siri Ask, Jo Lund
        Følgende medlemmer hadde forfall:
        Per Kran
        Følgende varamedlemmer møtte:
        Mette Bø

        Sak 40/18 Budsjett
        Vedtak: Vedtatt.
    """)
    assert people(meeting, "present") == ["Siri Ask", "Jo Lund", "Mette Bø"]
    assert people(meeting, "absent") == ["Per Kran"]


def test_names_in_any_script_are_names():
    meeting, _ = parse("""
        Referat 01.03.2023
        Til stede: Иван Петров, Şükrü Çelik, Ólafur Ragnar, Łukasz Nowak, Áile Márjá Gaup
        Sak 1/23 Orientering
        Tatt til orientering.
    """)
    assert people(meeting) == ["Иван Петров", "Şükrü Çelik", "Ólafur Ragnar", "Łukasz Nowak", "Áile Márjá Gaup"]


# --- 5. decisions --------------------------------------------------------------------------

def test_decisions_in_sentences_and_proposals_apart():
    meeting, _ = parse("""
        Protokoll fra styremøte 05.05.2025

        Sak 1/25 Årsregnskap
        Styret fattet følgende enstemmige vedtak
        Årsregnskapet godkjennes.

        Sak 2/25 Strategi
        Forslag til vedtak:
        Strategien sendes på høring.
        Enstemmig vedtatt.

        Sak 3/25 Møteplan
        Vedtak: Et enstemmig styre vedtok:
        1. Fire møter i året.
        2. Første møte i mars.

        Sak 4/25 Innkalling
        Innkallinga vart godkjent.

        Sak 5/25 Høring
        Innstilling:
        Uttalelsen sendes.
    """)
    assert items(meeting) == [
        ("1/25", "Årsregnskap", "Årsregnskapet godkjennes."),
        ("2/25", "Strategi", "Strategien sendes på høring."),
        ("3/25", "Møteplan", "Et enstemmig styre vedtok:\n1. Fire møter i året.\n2. Første møte i mars."),
        ("4/25", "Innkalling", "Innkallinga vart godkjent."),
        ("5/25", "Høring", None),  # a proposal alone is not a decision
    ]
    assert [i.proposal for i in meeting.items] == [None, "Strategien sendes på høring.", None, None, "Uttalelsen sendes."]


# --- 6. meeting facts in prose -------------------------------------------------------------

def test_meeting_facts_in_prose():
    meeting, _ = parse("""
        Referat fra styremøte onsdag 4.juni 2008 klokka 13
        Til stede: Eva Strand (leder), Tor Bakke (referent), Ida Myr

        Sak 10/08 Orientering
        Tatt til orientering.

        Møtet ble hevet kl. 15.45.
    """)
    assert meeting.date == "2008-06-04"
    assert (meeting.start, meeting.end) == ("13:00", "15:45")
    assert meeting.secretary == "Tor Bakke"
    assert people(meeting) == ["Eva Strand", "Tor Bakke", "Ida Myr"]


def test_location_without_its_bracketed_note():
    meeting, _ = parse("""
        Protokoll fra styremøte 3/22
        Dato: 2. mars 2022
        Sted: Rådhuset – møterom Fjell (NB! Omvisning i nybygget
        etter møtet)

        Sak 1 Godkjenning av innkalling
        Vedtak
        Godkjent.
    """)
    assert meeting.location == "Rådhuset – møterom Fjell"
    assert "Omvisning i nybygget" in meeting.preamble  # the note is kept as text, not lost


# --- 7. case series ------------------------------------------------------------------------

def test_case_series_and_leading_zeros_are_one_case():
    assert case_key("030/09") == case_key("PS 30/09") == case_key("Sak 30/2009") == "30/09"
    assert case_key("RS 4/26") == "RS 4/26" != case_key("FO 4/26")


def test_heading_that_lost_its_number_is_still_an_item():
    meeting, _ = parse("""
        Referat 14.01.2020
        SAK : Budsjett
        Vedtak: Godkjent.
        Sak 2/20 Plan
        Vedtak: Utsatt.
    """)
    assert [(i.number, i.title) for i in meeting.items] == [(None, "Budsjett"), ("2/20", "Plan")]


# --- explain -------------------------------------------------------------------------------

def test_explain_names_the_role_and_rule_of_each_line(tmp_path):
    import subprocess
    import sys

    source = tmp_path / "minutes.txt"
    source.write_text(FLATTENED, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "explain", str(source)],
                            capture_output=True, text=True, check=True)
    out = result.stdout
    assert "dialect: case_headings" in out
    assert "dropped: pdf-host-controls" in out and "Save this PDF as" in out
    assert "split: flattened-line" in out
    assert "attendance label -> absent" in out and "Forfall: Kjell Li, Arne Fosse" in out
    assert "table of contents" in out and "Sak 13/25: Vegplan for dalen...2" in out
    assert "item heading (case_headings): 13/25" in out
    assert "decision label" in out
    assert "info: the meeting date has no year; 2025 taken from the meeting number 2/2025" in out


def test_case_numbers_without_a_year_run_through_the_year():
    meeting, _ = parse("""
        Protokoll fra styremøte 4/23
        Dato: 31. mai 2023

        Sak 33 Godkjenning av innkalling
        Vedtak: Godkjent.

        Sak 34 Oppfølging
        Oppfølging av sak 21 fra forrige møte.
        Vedtak: Tatt til orientering.
    """)
    assert [(i.number, i.key) for i in meeting.items] == [("33", "33/23"), ("34", "34/23")]
    assert [r.target for r in meeting.items[1].references] == ["21/23"]


def test_items_numbered_from_one_in_each_meeting_stay_ordinal():
    meeting, _ = parse("""
        Protokoll fra styremøte 23.01.2024
        Sak 1 – Godkjenning av innkalling
        Beslutning: Godkjent.
        Sak 2 – Økonomi
        Som nevnt i sak 1 ovenfor.
    """)
    assert [(i.number, i.key) for i in meeting.items] == [("1", "1"), ("2", "2")]


def test_numbered_agenda_then_numbered_sections():
    meeting, _ = parse("""
        Referat fra styremøte 12. mars 2024
        Til stede: Anne Berg (styreleder), Lars Holm

        Saksliste:
        1. Godkjenning av innkalling

        2. Budsjett 2024

        1. Godkjenning av innkalling
        Innkallingen ble godkjent.

        2. Budsjett 2024
        Vedtak (enstemmig): Budsjettet vedtas.
    """)
    assert items(meeting) == [("1", "Godkjenning av innkalling", "Innkallingen ble godkjent."),
                              ("2", "Budsjett 2024", "Budsjettet vedtas.")]


def test_decision_and_orientation_case_headings():
    meeting, _ = parse("""
        Protokoll fra styremøte 03.04.2024
        V-sak 12/24 Strategi 2030
        Vedtak: Strategien vedtas.
        O-sak 13/24 Orientering om økonomi
        Tatt til orientering.
        Styresak 14/24 Eventuelt
        Ingen saker.
    """)
    assert [(i.key, i.title) for i in meeting.items] == [("12/24", "Strategi 2030"), ("13/24", "Orientering om økonomi"),
                                                         ("14/24", "Eventuelt")]


def test_first_names_and_an_absence_sentence():
    meeting, _ = parse("""
        Møtereferat ungdomsrådet 18.08.2021
        Tilstede: Kari, Vanja, Linn M., Ida S. Berg og Silje. Frida og Mons hadde meldt forfall.

        1. Demokrati
        Vi snakket om valget.

        2. Logo
        Vedtak: Ny logo.
    """)
    assert people(meeting, "present") == ["Kari", "Vanja", "Linn M", "Ida S. Berg", "Silje"]
    assert people(meeting, "absent") == ["Frida", "Mons"]
    assert "hadde meldt forfall" in meeting.preamble  # the sentence is kept as written


def test_secretary_signing_at_the_end():
    meeting, _ = parse("""
        Referat fra arbeidsutvalget 02.02.2022
        Sak 1/22 Orientering
        Tatt til orientering.

        Eva Lind
        Referent
    """)
    assert meeting.secretary == "Eva Lind"


FLATTENED_PROTOCOL = 'Fjordby kommune Møteprotokoll\n\nSave this PDF as:\n\nTranskript\n\n1 Fjordby kommune Møteprotokoll Utvalg: Formannskapet Møtested: Rådhuset, møterom Fjord Dato: 12.03.2019 Tidspunkt: 09:00 - 14:15 Følgende faste medlemmer møtte: Navn Funksjon Representerer Kari Dahl Leder AP Per Ås Nestleder H Mona Lie Medlem SP Følgende medlemmer hadde forfall: Navn Funksjon Representerer Ola Berg Medlem SV Følgende varamedlemmer møtte: Navn Møtte for Representerer Siri Ness Ola Berg SV Fra administrasjonen møtte: Navn Stilling Tor Vik Rådmann Protokollen godkjennes av: Kari Dahl Per Ås Side 1 av 3\n2 Saksliste Utvalgssaksnr Innhold Lukket PS 10/19 Godkjenning av protokoll PS 11/19 Budsjett 2019 Side 2 av 3\n3 PS 10/19 Godkjenning av protokoll Behandling i Formannskapet - 12.03.2019 Ingen merknader. Vedtak i Formannskapet - 12.03.2019 Protokollen godkjennes. PS 11/19 Budsjett 2019 Rådmannens innstilling Budsjettet vedtas. Behandling i Formannskapet - 12.03.2019 Innstillingen ble enstemmig vedtatt. Vedtak i Formannskapet - 12.03.2019 Budsjettet vedtas. Side 3 av 3\n'


def test_flattened_case_system_protocol_with_tables_run_together():
    meeting, _ = parse(FLATTENED_PROTOCOL, dedent=False)
    assert (meeting.date, meeting.start, meeting.end) == ("2019-03-12", "09:00", "14:15")
    assert [(a.name, a.status, a.role, a.affiliation) for a in meeting.attendees] == [
        ("Kari Dahl", "present", "Leder", "AP"), ("Per Ås", "present", "Nestleder", "H"),
        ("Mona Lie", "present", "Medlem", "SP"), ("Ola Berg", "absent", "Medlem", "SV"),
        ("Siri Ness", "deputy", None, "SV"), ("Tor Vik", "staff", "Rådmann", None)]  # signatories are not attendance
    assert items(meeting) == [("10/19", "Godkjenning av protokoll", "Protokollen godkjennes."),
                              ("11/19", "Budsjett 2019", "Budsjettet vedtas.")]
    assert meeting.items[1].proposal == "Budsjettet vedtas."


# --- properties of the restore stage -------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from generator.parse.unflatten import split_flattened  # noqa: E402

WORDS = st.sampled_from(["Sak", "sak", "12/24", "/13", "054/13:", "Tid:", "Stad:", "Forfall:", "Til", "stades:",
                         "Ordførar:", "Vedtak:", "Vedtak", "i", "Formannskapet", "-", "12.03.2019", "Kari", "Dahl",
                         "Saksliste", "Side", "2", "av", "5", "ble", "godkjent.", "ÅRSMØTE", "PLAN", "jf.", "PS",
                         "Rådmannens", "innstilling", "Navn", "Funksjon", "...3", "møtte:", "Følgende"])


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=120), st.booleans(), st.booleans())
def test_cutting_a_flattened_line_keeps_every_word_in_order(words, page_number, header_zone):
    text = ("7 " if page_number else "") + " ".join(words)
    pieces = split_flattened(text, header_zone)
    # a number starting the line is the page's number (the one thing the cut drops)
    expected = text.split()[1:] if re.match(r"\d{1,4}\s", text) else text.split()
    assert page_number <= (expected != text.split())
    assert " ".join(pieces).split() == expected
    assert all(piece == piece.strip() and piece for piece in pieces)


def test_underscores_in_header_values_stay():
    meeting, _ = parse("""
        Referat 03.03.2020
        Sted: Rom__1
        __Møteleder:__ Kari Dahl
        Sak 1/20 Budsjett
        Vedtak: Godkjent.
    """)
    assert (meeting.location, meeting.chair) == ("Rom__1", "Kari Dahl")


def test_tag_like_text_is_text_not_markup_debris():
    meeting, _ = parse("""
        Referat 12.02.2025
        Sak 1/25 Regler
        Dersom a<b og c>d skal saken til <neste møte>.
        Vedtak: Regelen gjelder <b>straks</b>.
    """)
    assert meeting.items[0].text.startswith("Dersom a<b og c>d skal saken til <neste møte>.")
    assert meeting.items[0].conclusion == "Regelen gjelder straks."  # real markup debris still goes


@pytest.mark.parametrize("sentence, decision", [
    ("Protokollen frå møtet 6. mars 2024 vart godkjent.", True),  # the date names what was approved
    ("Referat fra møtet 06.03.2024 ble godkjent uten merknader.", True),
    ("Avtalen ble godkjent i styrets møte 6.6.2014.", False),  # tells of a decision made elsewhere
    ("Planen ble vedtatt 14. februar 2023, og arbeidet er i gang.", False),
])
def test_a_date_before_the_verb_names_what_was_decided_after_it_tells_of_another_meeting(sentence, decision):
    meeting, _ = parse(f"""
        Referat frå møte i arbeidsutvalet 10. april 2024
        Til stades: Synnøve Lid, Kjell Haug

        Sak 3/24 Protokoll frå førre møte
        {sentence}
    """)
    assert items(meeting)[0][2] == (sentence if decision else None)


@pytest.mark.parametrize("sentence, target", [
    ("Saken tas opp igjen i møtet 6. november.", "2024-11-06"),  # a meeting to come
    ("Endelig forslag legges fram i møtet 4.12.", "2024-12-04"),
    ("Saken ble behandlet i møtet 6. november.", "2023-11-06"),  # a meeting held
    ("Referat fra møtet 20. august ble godkjent.", "2024-08-20"),
])
def test_a_meeting_without_its_year_is_ahead_when_the_verb_says_so(sentence, target):
    meeting, _ = parse(f"""
        Referat fra møte i arbeidsutvalget 11.09.2024
        Til stede: Lise Moe, Tor Lie

        1. Oppfølging
        {sentence}
    """)
    assert [r.target for r in meeting.items[0].references if r.kind == "meeting"] == [target]


def test_a_case_number_and_its_title_as_labels_on_lines_of_their_own():
    meeting, _ = parse("""
        MØTEBOK
        Utvalg: Hovedutvalg for teknikk
        Møtedato: 12.06.2024 kl. 18:00

        Møtende medlemmer: Tone Rud, Ivar Kvam

        Saksnr.: 012/24
        Arkivsaksnr.: 23/4711
        Saksbehandler: Unni Dal
        Tittel: Trafikksikkerhetsplan

        Vedtak i Hovedutvalg for teknikk 12.06.2024:
        Planen vedtas.

        Saksnr.: 013/24
        Tittel: Gatelys i sentrum
        Vedtak: Saken utsettes, jf. sak 008/24.
    """)
    assert items(meeting) == [("012/24", "Trafikksikkerhetsplan", "Planen vedtas."),
                              ("013/24", "Gatelys i sentrum", "Saken utsettes, jf. sak 008/24.")]
    assert "Arkivsaksnr.: 23/4711" in meeting.items[0].text  # the case's labels stay its text
    assert [r.target for r in meeting.items[1].references] == ["8/24"]


@pytest.mark.parametrize("label", ["Innstilling/vedtak:", "Utvalget vedtok enstemmig:", "Formannskapet vedtok:",
                                   "Rådet vedtok samrøystes:"])
def test_labels_that_announce_the_decision_below(label):
    meeting, _ = parse(f"""
        Referat fra møte 10.04.2025
        Til stede: Kari Lie, Per Ås

        Sak 3/25 Budsjett
        Det ble diskutert.
        {label}
        Budsjettet vedtas som foreslått.
    """)
    assert items(meeting) == [("3/25", "Budsjett", "Budsjettet vedtas som foreslått.")]
    assert meeting.items[0].proposal is None


def test_a_proposal_label_is_still_a_proposal():
    meeting, _ = parse("""
        Referat fra møte 10.04.2025
        Til stede: Kari Lie, Per Ås

        Sak 3/25 Budsjett
        Innstilling til vedtak:
        Budsjettet vedtas som foreslått.
    """)
    assert (meeting.items[0].conclusion, meeting.items[0].proposal) == (None, "Budsjettet vedtas som foreslått.")


@pytest.mark.parametrize("phrase, targets", [
    ("oppfølging av sakene 12/24 og 13/24", ["12/24", "13/24"]),
    ("sakene 12/24, 13/24 og 15/24", ["12/24", "13/24", "15/24"]),
    ("RS 3/24 og 4/24", ["RS 3/24", "RS 4/24"]),  # the same series
    ("sak 12/24, 3 mot 2 stemmer", ["12/24"]),  # only yeared numbers continue a list
])
def test_every_case_number_of_a_list_is_a_reference(phrase, targets):
    meeting, _ = parse(f"""
        Referat fra møte 10.04.2025
        Til stede: Kari Lie, Per Ås

        Sak 30/25 Budsjett
        Dette gjelder {phrase}.
        Vedtak: Tatt til orientering.
    """)
    assert [r.target for r in meeting.items[0].references] == targets
