"""Sub-items (issue 13 point 5): the sub-points of "Eventuelt" and of any item with "a) ...", "1. ...",
"Eventuelt 1: ..." get titles, anchors and their own decisions (generator/parse/items.py: subitems),
and the meeting page shows them under headings of their own. Every minutes text here is invented."""
from __future__ import annotations

import textwrap

from generator.model import Line, SourceDocument
from generator.parse import parse_document
from generator.render.pages import Page, item_body

HEADER = """\
    Protokoll fra møte i Testrådet
    Dato: 3. mars 2025
    Sted: Testhuset

    Sak 10/25: Godkjenning av innkalling
    Konklusjon: Innkallingen godkjent.

"""


def parse(body: str):
    text = textwrap.dedent(HEADER) + textwrap.dedent(body)
    lines = tuple(Line(n, t) for n, t in enumerate(text.strip("\n").split("\n"), start=1))
    meeting, _ = parse_document(SourceDocument("testorg/rad/2025-03-03.txt", lines, "txt", "0" * 64))
    return meeting


def last_item(body: str):
    return parse(body).items[-1]


def test_eventuelt_heading_lines_become_subitems_that_own_their_decisions():
    item = last_item("""\
        Sak 11/25: Eventuelt

        Bredbånd i fjellet

        Kari Vik orienterte om utbyggingen.

        Konklusjon: Rådet ber om en ny orientering.

        Felles innkjøp

        Ola Nes orienterte.

        Hyttevei over Storåsen

        Konklusjon: Rådet sluttet seg til avtalen med grunneierne.
        """)
    assert [(s.title, s.decision) for s in item.subitems] == [
        ("Bredbånd i fjellet", "Rådet ber om en ny orientering."),
        ("Felles innkjøp", None),
        ("Hyttevei over Storåsen", "Rådet sluttet seg til avtalen med grunneierne."),
    ]
    assert [s.anchor for s in item.subitems] == [f"sak-11-25-punkt-{n}" for n in (1, 2, 3)]
    assert "Ola Nes orienterte." in item.subitems[1].text
    # the item's own conclusion (every decision, for the open data consumers) is unchanged
    assert item.conclusion == "Rådet ber om en ny orientering.\n\nRådet sluttet seg til avtalen med grunneierne."


def test_lettered_and_numbered_points_in_any_item():
    lettered = last_item("""\
        Sak 11/25: Regional plan

        a) Høringsuttalelse

        Utkastet ble gjennomgått.

        Vedtak: Uttalelsen sendes.

        b) Framdrift

        Sekretariatet orienterte om tidsplanen.
        """)
    assert [(s.title, s.decision) for s in lettered.subitems] == [("Høringsuttalelse", "Uttalelsen sendes."),
                                                                    ("Framdrift", None)]
    numbered = last_item("""\
        Sak 11/25: Eventuelt

        Eventuelt 1: Møteplan for høsten

        Vedtak: Møtene holdes på tirsdager.

        Eventuelt 2: Ny nettside

        Konklusjon: Tas til orientering.
        """)
    assert [(s.title, s.decision) for s in numbered.subitems] == [("Møteplan for høsten", "Møtene holdes på tirsdager."),
                                                                    ("Ny nettside", "Tas til orientering.")]


def test_a_plain_list_and_a_numbered_decision_stay_text():
    listed = last_item("""\
        Sak 11/25: Budsjett

        Følgende ble drøftet:
        1. Lønnsvekst
        2. Husleie
        3. Reiser

        Konklusjon: Budsjettet godkjent.
        """)
    assert listed.subitems == ()
    decided = last_item("""\
        Sak 11/25: Budsjett

        Vedtak:
        1. Budsjettet godkjennes.
        2. Sekretariatet følger opp husleien.
        """)
    assert decided.subitems == ()
    outside = last_item("""\
        Sak 11/25: Budsjett

        Lønnsvekst

        Sekretariatet orienterte.

        Husleie

        Konklusjon: Budsjettet godkjent.
        """)
    assert outside.subitems == ()  # short heading lines count only under "Eventuelt" and the like


def test_bullets_under_eventuelt_with_decisions():
    item = last_item("""\
        Sak 11/25: Eventuelt
        -Ny vurdering av skyssordningen. Kommunene deler erfaringer.
        Konklusjon: Kommunene melder behov innen mai.

        -Krav om ny rapportering til staten.
        Konklusjon: Avventer svar fra departementet
        """)
    assert [(s.title, s.decision) for s in item.subitems] == [
        ("Ny vurdering av skyssordningen", "Kommunene melder behov innen mai."),
        ("Krav om ny rapportering til staten", "Avventer svar fra departementet")]


def test_meeting_page_shows_subitems_as_headings_with_their_decision_below():
    item = last_item("""\
        Sak 11/25: Eventuelt

        Bredbånd i fjellet

        Kari Vik orienterte.

        Felles <innkjøp>

        Konklusjon: Rådet sluttet seg til avtalen.
        """)
    body = item_body(item, Page("testorg/rad/2025-03-03.md"))
    first, second = body.index("### Bredbånd i fjellet { #sak-11-25-punkt-1 }"), \
        body.index("### Felles &lt;innkjøp&gt; { #sak-11-25-punkt-2 }")
    assert first < body.index("Kari Vik orienterte.") < second < body.index('!!! success "Konklusjon"')
    assert body.count("Bredbånd i fjellet") == 1  # the heading line is not printed twice
