"""Attendance as kommune protocols print it (generator/parse/people.py): a table whose first column is
the role ("Funksjon  Navn  Representerer", the layout of the common case-management systems), and a
party abbreviation written after a name. Every minutes text here is invented."""
from __future__ import annotations

import textwrap

import pytest

from generator.model import Line, SourceDocument
from generator.parse import parse_document


def attendees(header: str):
    text = textwrap.dedent(header) + textwrap.dedent("""\

        Saksliste

        PS 1/25 Godkjenning av innkalling
        Vedtak: Innkallingen godkjennes.
        """)
    lines = tuple(Line(n, t) for n, t in enumerate(text.strip("\n").split("\n"), start=1))
    meeting, _ = parse_document(SourceDocument("org/ks/2025-02-04.txt", lines, "txt", "0" * 64))
    return [(a.name, a.status, a.role, a.affiliation) for a in meeting.attendees]


@pytest.mark.parametrize("gap", [" ", "  ", "\t"])
def test_a_table_that_begins_with_the_role_gives_role_name_and_party(gap):
    rows = [("Funksjon", "Navn", "Representerer"), ("Leder", "Siv Øyen", "SV"), ("Nestleder", "Bjørn Li", "KrF"),
            ("Medlem", "Mona Åsheim", "MDG")]
    table = "\n".join(gap.join(row) for row in rows)
    found = attendees(f"""\
        Møteprotokoll for Planutvalget
        Møtedato: 04.02.2025
        Møtested: Bystyresalen

        Til stede:
        {textwrap.indent(table, " " * 8).lstrip()}
        """)
    assert found == [("Siv Øyen", "present", "Leder", "SV"), ("Bjørn Li", "present", "Nestleder", "KrF"),
                     ("Mona Åsheim", "present", "Medlem", "MDG")]


def test_each_section_of_a_role_first_table_keeps_its_status():
    found = attendees("""\
        Møteprotokoll for Planutvalget
        Møtedato: 04.02.2025

        Til stede:
        Funksjon Navn Representerer
        Leder Siv Øyen SV

        Forfall:
        Funksjon Navn Representerer
        Medlem Geir Haug H

        Møtende varamedlemmer:
        Funksjon Navn Møtte for
        Varamedlem Trine Moe Geir Haug
        """)
    assert ("Siv Øyen", "present", "Leder", "SV") in found
    assert ("Geir Haug", "absent", "Medlem", "H") in found
    assert any(name == "Trine Moe" and status == "deputy" for name, status, _, _ in found)
    assert not any("Funksjon" in name or "Navn" in name for name, *_ in found)


@pytest.mark.parametrize("line, person", [
    ("Kari Anne Vik AP", ("Kari Anne Vik", "AP")),
    ("Ola Brenna FrP", ("Ola Brenna", "FrP")),
    ("Per Arne Dal, SP", ("Per Arne Dal", "SP")),
])
def test_a_party_after_a_name_is_the_party(line, person):
    found = attendees(f"""\
        Møteprotokoll for Planutvalget
        Møtedato: 04.02.2025

        Til stede:
        {line}
        Siv Øyen
        """)
    assert (found[0][0], found[0][3]) == person


def test_a_surname_in_capitals_is_part_of_the_name():
    found = attendees("""\
        Møteprotokoll for Planutvalget
        Møtedato: 04.02.2025

        Til stede:
        Kari Anne DAHL
        Siv Øyen
        """)
    assert found[0][0] == "Kari Anne DAHL" and found[0][3] is None


@pytest.mark.parametrize("value, name", [
    ("Synne Berg, daglig leder", "Synne Berg"),
    ("Synne Berg (sekretariatet)", "Synne Berg"),
    ("Rådgiver Synne Berg, Midtby kommune", "Synne Berg"),
    ("Synne Berg", "Synne Berg"),
])
def test_the_secretary_and_the_chair_are_the_person_their_label_names(value, name):
    from generator.parse.header import person_named
    assert person_named(value) == name


def test_a_secretary_label_with_a_role_gives_the_name_and_one_attendee():
    text = textwrap.dedent("""\
        Møteprotokoll for Planutvalget
        Møtedato: 04.02.2025
        Møteleder: Ordfører Siv Øyen (SV)
        Referent: Synne Berg, daglig leder

        PS 1/25 Godkjenning av innkalling
        Vedtak: Innkallingen godkjennes.
        """)
    lines = tuple(Line(n, t) for n, t in enumerate(text.strip("\n").split("\n"), start=1))
    meeting, _ = parse_document(SourceDocument("org/ks/2025-02-04.txt", lines, "txt", "0" * 64))
    assert (meeting.chair, meeting.secretary) == ("Siv Øyen", "Synne Berg")
    assert [a.name for a in meeting.attendees].count("Synne Berg") == 1


def meeting_of(header: str):
    text = textwrap.dedent(header) + "\nPS 1/25 Godkjenning av innkalling\nVedtak: Innkallingen godkjennes.\n"
    lines = tuple(Line(n, t) for n, t in enumerate(text.strip("\n").split("\n"), start=1))
    meeting, _ = parse_document(SourceDocument("org/ks/2025-02-04.txt", lines, "txt", "0" * 64))
    return meeting


@pytest.mark.parametrize("label", ["Faste medlemmer som ikke møtte:", "Medlemmer som møtte ikke:",
                                   "Faste medlemmer som hadde forfall:", "Medlemar som ikkje møtte:",
                                   "Medlemmer med forfall:"])
def test_a_label_that_says_they_did_not_attend_is_absence_however_long(label):
    found = attendees(f"""\
        Møteprotokoll for Driftsutvalget
        Møtedato: 04.02.2025

        Faste medlemmer som møtte:
        Hege Lie, leder
        Arne Bø, medlem

        {label}
        Randi Sæter, medlem
        """)
    assert [(name, status) for name, status, *_ in found] == [
        ("Hege Lie", "present"), ("Arne Bø", "present"), ("Randi Sæter", "absent")]


def test_a_tab_separated_row_fills_its_columns_in_order():
    # offsets of tab-separated cells say nothing: "Leder" sits nearer the third heading than the second
    found = attendees("""\
        Møteprotokoll for Driftsutvalget
        Møtedato: 04.02.2025

        Faste medlemmer som møtte:
        Navn\tFunksjon\tRepresenterer
        Hege Margrethe Lie\tLeder\tAP
        Arne Bø\tNestleder\tSP
        Randi Sæter\t\tH
        """)
    assert found == [("Hege Margrethe Lie", "present", "Leder", "AP"), ("Arne Bø", "present", "Nestleder", "SP"),
                     ("Randi Sæter", "present", None, "H")]


@pytest.mark.parametrize("roles, chair", [
    (("Leder", "Nestleder", "Medlem"), "Hege Lie"),
    (("Styreleder", "Medlem", "Medlem"), "Hege Lie"),
    (("Nestleder", "Medlem", "Medlem"), None),  # a deputy leader chairs only when the leader is away: not said
    (("Leder", "Leder", "Medlem"), None),  # two leaders: nobody can tell which chaired
    (("Ordfører", "Medlem", "Medlem"), None),  # one mayor among members of a working committee
])
def test_without_a_chair_label_the_present_leader_in_the_list_chairs(roles, chair):
    rows = "\n".join(f"{name}\t{role}\tAP" for name, role in zip(("Hege Lie", "Arne Bø", "Randi Sæter"), roles))
    meeting = meeting_of(f"""\
        Møteprotokoll for Driftsutvalget
        Møtedato: 04.02.2025

        Faste medlemmer som møtte:
        Navn\tFunksjon\tRepresenterer
        {textwrap.indent(rows, " " * 8).lstrip()}
        """)
    assert meeting.chair == chair


def test_an_absent_leader_does_not_chair():
    meeting = meeting_of("""\
        Møteprotokoll for Driftsutvalget
        Møtedato: 04.02.2025

        Faste medlemmer som møtte:
        Arne Bø, medlem

        Faste medlemmer som ikke møtte:
        Hege Lie, leder
        """)
    assert meeting.chair is None


def test_a_note_in_brackets_after_the_place_is_not_part_of_the_place():
    meeting = meeting_of("""\
        Referat frå møte i rådet
        Dato: 10.04.2025

        Til stades:
        Ordførar Synnøve Lid, Vestbygd kommune (leiar)
        Ordførar Kjell Haug, Austbygd kommune
        Varaordførar Eli Ruud, Nordbygd kommune (for ordførar Geir Stø)

        Forfall:
        Ordførar Geir Stø, Nordbygd kommune
        """)
    found = [(a.name, a.status, a.role, a.affiliation, a.note) for a in meeting.attendees]
    assert found == [("Synnøve Lid", "present", "Ordførar", "Vestbygd kommune", "leiar"),
                     ("Kjell Haug", "present", "Ordførar", "Austbygd kommune", None),
                     ("Eli Ruud", "deputy", "Varaordførar", "Nordbygd kommune", "for Geir Stø"),
                     ("Geir Stø", "absent", "Ordførar", "Nordbygd kommune", None)]
    assert meeting.chair == "Synnøve Lid"  # the leader of this body, said in brackets


def test_a_role_after_a_dash_is_the_role_and_a_role_before_a_name_is_not_a_detail():
    meeting = meeting_of("""\
        Protokoll fra styremøte nr. 2/2025
        Tid: 10.04.2025 kl. 12.00 – 14.00

        Deltakere fra styret:
        Tone Viken – styreleder
        Egil Sand – styremedlem (deltok fra sak 3/25)

        Forfall: Marte Ness – styremedlem

        Fra administrasjonen: Daglig leder Frode Lund, controller Aud Berge (referent)
        """)
    found = [(a.name, a.status, a.role, a.note) for a in meeting.attendees]
    assert found == [("Tone Viken", "present", "styreleder", None),
                     ("Egil Sand", "present", "styremedlem", "deltok fra sak 3/25"),
                     ("Marte Ness", "absent", "styremedlem", None),
                     ("Frode Lund", "staff", "Daglig leder", None),
                     ("Aud Berge", "staff", "controller", "referent")]
    assert (meeting.chair, meeting.secretary) == ("Tone Viken", "Aud Berge")


def test_a_dash_after_a_list_of_names_is_a_note_on_the_list():
    meeting = meeting_of("""\
        Protokoll fra styremøte
        Dato: 10.04.2025

        Til stede: Tone Viken, Egil Sand – via Teams
        """)
    assert [(a.name, a.role, a.note) for a in meeting.attendees] == [
        ("Tone Viken", None, "via Teams"), ("Egil Sand", None, "via Teams")]


def test_a_role_in_a_place_after_a_name_is_that_persons_role():
    meeting = meeting_of("""\
        Protokoll fra styremøte
        Dato: 10.04.2025

        Inviterte: Gry Holm, kultursjef i Vestre Bygd - teams
        """)
    assert [(a.name, a.role) for a in meeting.attendees] == [("Gry Holm", "kultursjef i Vestre Bygd")]


@pytest.mark.parametrize("line, names", [
    ("Ikke til stede: Ella", ["Ella"]),  # a youth council's first names
    ("Forfall: Ingen", []),
    ("Til stede: Styret", []),
    ("Tid: Innkalte", []),  # a label's word, cut from a flattened line
])
def test_a_lone_first_name_after_an_attendance_label_is_a_person(line, names):
    meeting = meeting_of(f"""\
        Ungdomsrådet – møtereferat
        Møtedato: 05.02.2025

        Til stede: Emma (leder), Noah, Sara
        {line}
        """)
    assert [a.name for a in meeting.attendees][3:] == names


def test_under_a_deputies_label_for_names_the_member_met_for():
    meeting = meeting_of("""\
        Møtebok
        Møtedato: 12.06.2024

        Møtende medlemmer: Tone Rud (AP), Ivar Kvam (H)
        Forfall: Liv Holt (SV)
        Møtende varamedlemmer: Odd Brå (SV) for Liv Holt
        """)
    assert [(a.name, a.status, a.affiliation, a.note) for a in meeting.attendees][2:] == [
        ("Liv Holt", "absent", "SV", None), ("Odd Brå", "deputy", "SV", "for Liv Holt")]


@pytest.mark.parametrize("body, chair", [("Kommunestyret", "Arne Lid"), ("Formannskapet", "Arne Lid"),
                                         ("Driftsutvalget", None)])
def test_the_mayor_chairs_the_council_by_law(body, chair):
    meeting = meeting_of(f"""\
        Møtebok
        Utvalg: {body}
        Møtedato: 12.06.2024

        Møtende medlemmer: Ordfører Arne Lid (AP), Siri Moe (H), Kjell Ås (SP)
        """)
    assert meeting.chair == chair


def test_attendance_in_pipe_tables_and_several_labels_on_one_line():
    # the HTML and Word readers write a simple table as a Markdown pipe table
    meeting = meeting_of("""\
        # Protokoll – Hovedutvalg for miljø
        **Dato:** 20.11.2024 **Tid:** 13:00–15:30 **Sted:** Møterom Lia

        ### Møtende medlemmer
        | Navn | Funksjon | Parti |
        | --- | --- | --- |
        | Marte Lund | Leder | SP |
        | Jon Eik | Medlem | H |

        ### Forfall
        | Navn | Funksjon | Parti |
        | --- | --- | --- |
        | Aud Rye | Nestleder | AP |

        ### Møtende varamedlemmer
        | Navn | Møtte for | Parti |
        | --- | --- | --- |
        | Stig Roa | Aud Rye | AP |
        """)
    assert [(a.name, a.status, a.role, a.affiliation, a.note) for a in meeting.attendees] == [
        ("Marte Lund", "present", "Leder", "SP", None), ("Jon Eik", "present", "Medlem", "H", None),
        ("Aud Rye", "absent", "Nestleder", "AP", None), ("Stig Roa", "deputy", None, "AP", "for Aud Rye")]
    assert (meeting.start, meeting.end, meeting.location, meeting.chair) == ("13:00", "15:30", "Møterom Lia", "Marte Lund")


@pytest.mark.parametrize("line, found", [
    ("Til stede: Lund, Marte (SP); Eik, Jon Arne (H)", [("Marte Lund", "SP"), ("Jon Arne Eik", "H")]),
    ("Til stede: Marte Lund, leder; Jon Eik", [("Marte Lund", None), ("Jon Eik", None)]),
])
def test_one_person_per_semicolon_and_the_surname_first_before_a_comma(line, found):
    meeting = meeting_of(f"""\
        Møteprotokoll for Formannskapet
        Møtedato: 10.10.2024

        {line}
        """)
    assert [(a.name, a.affiliation) for a in meeting.attendees] == found
    assert meeting.attendees[0].role in (None, "leder")


def test_an_attendance_table_in_a_word_document(tmp_path):
    docx = pytest.importorskip("docx")
    from generator.read import read_source
    document = docx.Document()
    document.add_paragraph("Møteprotokoll – Driftsutvalget")
    document.add_paragraph("Møtedato: 14.05.2025")
    for label, rows in (("Møtende medlemmer:", [("Gunn Åsen", "Leder", "AP"), ("Leif Moen", "Medlem", "H")]),
                        ("Forfall:", [("Berit Sand", "Nestleder", "SP")])):
        document.add_paragraph(label)
        table = document.add_table(rows=len(rows) + 1, cols=3)
        for r, row in enumerate([("Navn", "Funksjon", "Parti"), *rows]):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
    document.add_paragraph("PS 18/25 Vedlikeholdsplan")
    document.add_paragraph("Vedtak: Planen vedtas.")
    document.save(tmp_path / "protokoll.docx")
    meeting, _ = parse_document(read_source(tmp_path / "protokoll.docx", "org/du/protokoll.docx"))
    assert [(a.name, a.status, a.role, a.affiliation) for a in meeting.attendees] == [
        ("Gunn Åsen", "present", "Leder", "AP"), ("Leif Moen", "present", "Medlem", "H"),
        ("Berit Sand", "absent", "Nestleder", "SP")]
    assert meeting.chair == "Gunn Åsen"
