"""Data quality, visible: the checks behind ``python -m generator check`` and the "Datakvalitet" page.

Each finding is a :class:`~generator.model.Diagnostic` with a ``code`` naming its check. The page
groups findings by check, with a Norwegian heading and a line on how to fix the source.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from .model import Diagnostic
from .people_index import spelling_diagnostics
from .views import Views

# code -> (heading on the page, what the editor can do). Order = order on the page.
CHECKS: dict[str, tuple[str, str]] = {
    "unresolved-reference": ("Henvisninger som ikke finnes i arkivet",
                             ("Saken eller møtet det henvises til, er ikke i arkivet. Legg til referatet, eller rett "
                              "nummeret eller datoen i kilden.")),
    "duplicate-case": ("Samme saksnummer flere ganger i et organ",
                       "Et saksnummer skal bare brukes én gang per organ. Rett nummeret i kilden."),
    "no-decision": ("Saker uten vedtak",
                    ("Organet fører vedtak, men saken har ingen konklusjon. Skriv «Konklusjon:» eller «Vedtak:» "
                     "foran vedtaket.")),
    "name-variants": ("Personer med flere skrivemåter",
                      "Navnene er slått sammen til én person. Bekreft i people.yml (merge), eller skill dem (split)."),
    "no-attendees": ("Møter uten deltakerliste",
                     "Fant ingen deltakere. Skriv «Til stede:» (og «Forfall:») foran navnene."),
    "editorial": ("Feil i people.yml, topics.yml eller mappenavn",
                  "En feil fil brukes ikke før den er rettet; en mappe med et navn nettstedet selv bruker, må få nytt navn."),
    "": ("Andre funn ved innlesing", "Problemer med å lese eller tolke kildefilen."),
}
# The parser reports some of these itself (without a code); recognised by their message.
PARSER_MESSAGES = {"no attendees found": "no-attendees"}


@dataclass(frozen=True)
class Section:
    code: str
    title: str
    advice: str
    findings: tuple[Diagnostic, ...]


def with_code(diagnostic: Diagnostic) -> Diagnostic:
    """The diagnostic with its check's code, recognising the parser's own messages."""
    if diagnostic.code:
        return diagnostic
    code = PARSER_MESSAGES.get(diagnostic.message, "")
    if not code:
        return diagnostic
    return replace(diagnostic, code=code)


def view_diagnostics(views: Views) -> list[Diagnostic]:
    """Checks that need the computed views: people under several spellings."""
    return spelling_diagnostics(views.people)


def sections(diagnostics: list[Diagnostic]) -> list[Section]:
    """The findings grouped by check, in page order; checks with nothing found are left out."""
    grouped: dict[str, list[Diagnostic]] = {code: [] for code in CHECKS}
    for diagnostic in diagnostics:
        diagnostic = with_code(diagnostic)
        grouped[diagnostic.code if diagnostic.code in CHECKS else ""].append(diagnostic)
    return [Section(code, *CHECKS[code], tuple(sorted(found, key=lambda d: (d.path, d.line, d.message))))
            for code, found in grouped.items() if found]
