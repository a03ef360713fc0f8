"""Restore logical lines before the dialects run: split flattened text, drop page chrome.

Minutes often reach us without their line structure. A PDF text layer or a web transcript of a
PDF ("Transkript") puts each page on one long line, so the header labels, the case headings and
the decision labels all stand inside it::

    1 PROTOKOLL MØTE I REGIONRÅDET Møte: 3/2019 Tid: Tysdag 4. mai kl. 10:00 Stad: Rådhuset
    Til stades: Ordførar: Kari Nordmann, Per Hansen Forfall: Ola Dahl Sak 12/19 Godkjenning av
    saksliste Sakslista vart godkjent. Sak 13/19 ...

This stage cuts such a line at its structural cues (label words with a colon, case-number
headings, the page number that starts a page, "Side 2 av 5"), so that the header parser and the
dialects see one label, one heading or one paragraph per line again. Every piece keeps the
source line number it came from. A case number in running text ("jf. sak 12/19",
"i sak 3") is a reference, not a heading, and stays where it is.

Page chrome is dropped, in any document: the controls of the sites that host PDF transcripts
("Save this PDF as", "Størrelse: px", "Begynne med side", "Download ...", "Transkript"), the
furniture of a municipality's web page ("Til toppen av siden", "Hopp til innhold", icon names
such as ``error_outline``, repeated widget labels such as ``A A A``) and page footers
("Side 1 av 5"). Each rule has a name, so ``python -m generator explain`` can say which rule
removed or cut a line.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from ..model import Line
from .people import COLUMN_WORDS, looks_like_name

FLATTENED_LENGTH = 250  # a line this long with several cues in it is a flattened page
MIN_CUES = 3

# --- page chrome -----------------------------------------------------------------------
# (name, pattern over the whole stripped line). Only furniture: a line that is all of one.
CHROME_RULES: list[tuple[str, re.Pattern]] = [
    ("pdf-host-controls", re.compile(
        r"^(?:save\s+this\s+pdf\s+as:?|størrelse:\s*px|begynne\s+med\s+side:?|transkript|"
        r"(?:(?:word|png|txt|jpg|jpeg|pdf|epub)\s*){2,}|download\s+\".{0,300}\"|last\s+ned\s+\".{0,300}\")$", re.I)),
    ("web-page-furniture", re.compile(
        r"^(?:til\s+toppen(?:\s+av\s+siden)?|hopp\s+til\s+(?:hoved)?innhold(?:et)?|skip\s+to\s+content|"
        r"skriv\s+ut(?:\s+siden)?|del\s+(?:på|siden)(?:\s+\w+)?|tilbake(?:\s+til\s+toppen)?|meny|"
        r"les\s+mer(?:\s+\w+)?|lukk|søk|tekststørrelse|lytt|"
        r"(?:a\s*){2,4}|personvern(?:erklæring)?|informasjonskapsler)$", re.I)),
    # Material icon ligatures left by a copied web page: error_outline, arrow_forward, expand_more
    ("icon-name", re.compile(r"^[a-z]+(?:_[a-z]+)+$")),
    # a widget label printed twice ("Kontrast Kontrast", "Meny Meny")
    ("repeated-label", re.compile(r"^(?P<w>[^\s\d]{2,30}(?:\s[^\s\d]{2,30})?)\s+(?P=w)$", re.I)),
    ("page-footer", re.compile(r"^(?:side|page|s\.)\s*\d{1,4}\s*(?:av|of|/)\s*\d{1,4}$", re.I)),
]

# --- cues inside a flattened line ----------------------------------------------------------
# Labels that open a header field, an attendance list, an agenda, a decision or a distribution list.
KNOWN_LABEL = (
    r"(?:tid(?:\s+og\s+sted)?|sted|stad|møtestad|møtested|dato|møte|møtenr\.?|møtenummer|tidspunkt|"
    r"møteleder|møteleiar|referent|sekretær|protokollfører|ordstyrer|"
    r"til\s*stede|til\s*stades|tilstades|deltakere|deltakarar|deltatt|deltok|møtte|forfall|fråvær|fravær|"
    r"andre|dessuten\s+møtte|i\s+tillegg\s+møtte|fra\s+[\wæøå]+|frå\s+[\wæøå]+|innkalte|varamedlemmer|"
    r"saksliste|sakliste|dagsorden|vedtak|konklusjon|beslutning|innstilling|forslag\s+til\s+vedtak|"
    r"protokoll(?:en)?\s+sendes\s+til|kopi\s+til|utskrift(?:\s+av\s+[\wæøå]+)?\s+sendes\s+til)"
)
LABEL_CUE = re.compile(rf"(?<=\s)(?P<label>{KNOWN_LABEL})\s*:", re.I)
AGENDA_WORD = re.compile(r"(?<=\s)(?:Saksliste|Sakliste|Dagsorden|SAKSLISTE|SAKLISTE|DAGSORDEN)"
                         r"(?=\s+(?:\d|/\d|[Ss]ak\b|PS\b|(?:Utvalgs)?[Ss]aksnr|Saksnummer|Tittel|Innhold|Nr\b))")
# Any label in the header: a capitalised word, at most four lower-case words, a colon ("Ordførar:",
# "NUI:", "Utvalg:", "Følgende faste medlemmer møtte:", "Protokollen godkjennes av:").
GROUP_LABEL = re.compile(r"(?<=[\s,)])(?P<label>[A-ZÆØÅ][\wæøåÆØÅ.\-]{0,24}(?:\s[a-zæøå][\wæøå\-]{0,20}){0,4})\s*:(?=\s|$)")
# Labels of case systems that have no colon: "Vedtak i Formannskapet - 12.03.2019", "Behandling i
# Bystyret 20.06.2019", "Rådmannens innstilling", "Kommunedirektørens forslag til vedtak".
BODY_LABEL_CUE = re.compile(
    r"(?<=\s)(?:(?:Vedtak|Behandling|Handsaming|Innstilling|VEDTAK|BEHANDLING|INNSTILLING)\s+(?:i|fra|frå)\s+"
    r"[A-ZÆØÅ][\wæøå-]+(?:\s+[\wæøå-]+)?\s*[-–]?\s*\d{1,2}\.\d{1,2}\.\d{2,4}|"
    r"[A-ZÆØÅ][\wæøå-]+s\s+(?:innstilling|forslag\s+til\s+vedtak|vedtak|tilråding|innstilling\s+til\s+vedtak))(?=\s)")
# A case heading: "Sak 47/14 Title", "PS 6/26 Title", "054/13: Title", "19/13 TITLE", "/13 TITLE" (digits lost)
HEADING_CUE = re.compile(
    r"(?<![\w/.,])(?P<heading>(?:(?:[Ss]ak|SAK|PS|RS|FO|DS|OS)\s+(?:nr\.?\s*)?)?"
    r"(?P<num>\d{1,4}\s*/\s*(?:\d{4}|\d{2})|/\d{2})(?![\d/]))\s*:?\s+(?=[A-ZÆØÅ«\"])")
PREFIXED_HEADING_CUE = re.compile(r"(?<![\w/.,])(?P<heading>(?:[Ss]ak|SAK)\s+(?P<num>\d{1,3}))\s*[:.\-–]?\s+(?=[A-ZÆØÅ])")
# Words after which a case number is a reference in running text, not a heading.
REFERENCE_LEAD = re.compile(r"(?:\b(?:jf|jfr|jmf|til|i|om|fra|frå|av|under|se|etter|ved|og|eller|med|for)\.?|[,(])\s*$",
                            re.I)
PAGE_NUMBER = re.compile(r"^(?P<page>\d{1,4})\s+(?=\S)")
PAGE_FOOTER = re.compile(r"(?<=\s)(?:[Ss]ide|[Pp]age)\s+\d{1,4}\s+(?:av|of)\s+\d{1,4}(?=\s|$)")
CONNECTORS = {"på", "i", "om", "av", "for", "til", "med", "og", "fra", "frå", "ved", "mot", "etter", "under",
              "over", "mellom", "hos", "-", "–", "—", "&", "eller", "samt", "vs", "the", "of", "and", "åt", "si",
              "sine", "sitt", "sin", "en", "ei", "et", "ein", "eit", "den", "det", "de", "nytt", "ny", "nye"}
MAX_TITLE_WORDS = 16


@dataclass(frozen=True)
class Event:
    """What this stage did to a source line, for ``explain``: a drop or a cut, and the rule."""

    line: int
    action: str  # "dropped" or "split"
    rule: str
    text: str


def restore_lines(lines: list[Line], events: list[Event] | None = None) -> list[Line]:
    """Lines without page chrome, with each flattened line cut into its logical lines."""
    events = events if events is not None else []
    # Once one page is flattened, so are the others, however short (a last page of two cases).
    flattened = [_flattened(line.text) for line in lines]
    flattened_document = any(flattened)
    out: list[Line] = []
    header_zone = True  # before the first case heading, group labels ("Ordførar:") are cut too
    for line, is_flattened in zip(lines, flattened, strict=True):
        rule = chrome_rule(line.text)
        if rule:
            events.append(Event(line.number, "dropped", rule, line.text.strip()))
            continue
        if not (is_flattened or (flattened_document and _has_cue(line.text))):
            out.append(line)
            if header_zone and HEADING_CUE.match(line.text.strip()):
                header_zone = False
            continue
        pieces = split_flattened(line.text, header_zone)
        events.append(Event(line.number, "split", f"flattened-line ({len(pieces)} pieces)", line.text.strip()[:80]))
        for piece in pieces:
            if chrome_rule(piece):
                events.append(Event(line.number, "dropped", chrome_rule(piece) or "", piece))
                continue
            out.append(replace(line, text=piece))
            if header_zone and (HEADING_CUE.match(piece) or PREFIXED_HEADING_CUE.match(piece)):
                header_zone = False
    return join_vertical_tables(out, events) if _has_vertical_table(out) else out


# --- tables with one cell per line ---------------------------------------------------------
# "Navn" / "Rolle" / "Møtt" on lines of their own, then each row's cells one per line: what many
# PDF and web extractions make of a table. Rebuilt as one line per row, cells in fixed columns,
# so the attendance parser reads it like any other table.
CELL_WIDTH = 40


def _has_vertical_table(lines: list[Line]) -> bool:
    return any(len(line.text) < 12 and line.text.strip().lower() in ("navn", "namn", "name") and _vertical_heading(lines, i)
               for i, line in enumerate(lines))


def join_vertical_tables(lines: list[Line], events: list[Event]) -> list[Line]:
    out: list[Line] = []
    index = 0
    while index < len(lines):
        columns = _vertical_heading(lines, index)
        rows, end = _vertical_rows(lines, index + len(columns), len(columns)) if columns else ([], index)
        if not rows:
            out.append(lines[index])
            index += 1
            continue
        heading = columns[0]
        out.append(replace(heading, text=_fixed_width([line.text.strip() for line in columns])))
        out.extend(replace(row[0], text=_fixed_width([cell.text.strip() for cell in row])) for row in rows)
        events.append(Event(heading.number, "split", f"table-one-cell-per-line ({len(rows)} rows)", heading.text.strip()))
        index = end
    return out


def _column_word(text: str) -> bool:
    """A table heading cell: the attendance parser's own column words ("Navn", "Rolle", "Møtte for")."""
    return len(text) < 24 and any(pattern.match(text) for pattern, _ in COLUMN_WORDS)


def _vertical_heading(lines: list[Line], index: int) -> list[Line]:
    if not re.match(r"^(?:navn|namn|name)$", lines[index].text.strip(), re.I):
        return []
    end = index
    while end < len(lines) and _column_word(lines[end].text.strip()):
        end += 1
    return lines[index:end] if end - index >= 2 else []


def _vertical_rows(lines: list[Line], index: int, width: int) -> tuple[list[list[Line]], int]:
    """Rows of ``width`` cells, each starting with a capitalised name, until a line that is no cell."""
    rows: list[list[Line]] = []
    while index < len(lines):
        cells = lines[index:index + width]
        if len(cells) < 2 or not looks_like_name(cells[0].text.strip()) or any(
                not c.text.strip() or len(c.text.split()) > 6 or c.text.strip().endswith(":") for c in cells):
            break
        rows.append(cells)
        index += width
    return rows, index


def _fixed_width(cells: list[str]) -> str:
    return "".join(cell.ljust(CELL_WIDTH) for cell in cells).rstrip()


def chrome_rule(text: str) -> str | None:
    """The name of the chrome rule a whole line matches, or None."""
    stripped = text.strip()
    if not stripped or len(stripped) > 320 or (len(stripped) > 40 and not stripped[:9].lower().startswith(("download", "last ned"))):
        return None  # chrome is short, but for a download link that names the document
    if stripped.count(" ") > 12 and not stripped[:8].lower().startswith(("download", "last ned")):
        return None  # chrome is a few words (but for a download link naming the document)
    for name, pattern in CHROME_RULES:
        if pattern.match(stripped):
            return name
    return None


def _flattened(text: str) -> bool:
    if len(text) < FLATTENED_LENGTH or text.count(":") + text.count("/") < MIN_CUES:
        return False  # every cue has a colon or a case number's slash
    cues = len(LABEL_CUE.findall(text)) + sum(1 for _ in _heading_positions(text))
    return cues >= MIN_CUES


def _has_cue(text: str) -> bool:
    return len(text) > 20 and (any(True for _ in _heading_positions(text)) or len(LABEL_CUE.findall(text)) >= 2)


def split_flattened(text: str, header_zone: bool = True) -> list[str]:
    """One flattened line as its logical lines (see the module docstring)."""
    text = text.strip()
    page = PAGE_NUMBER.match(text)
    if page:
        text = text[page.end():]
    cuts: set[int] = set()
    headings = list(_heading_positions(text))
    first_heading = headings[0][0] if headings else len(text)
    groups = [(m.start(), m.end()) for m in GROUP_LABEL.finditer(text, 0, first_heading)] if header_zone else []
    group_starts = [start for start, _ in groups]  # in order: finditer yields them left to right
    for match in LABEL_CUE.finditer(text):
        inside = bisect.bisect_left(group_starts, match.start()) - 1  # the group label starting before it
        if inside < 0 or groups[inside][1] <= match.start():  # not "møtte:" in "Følgende ... møtte:"
            cuts.add(match.start())
    for match in AGENDA_WORD.finditer(text):
        cuts.add(match.start())
    for match in PAGE_FOOTER.finditer(text):
        cuts.add(match.start())
        cuts.add(match.end())
    cuts.update(start for start, _ in groups)
    for match in BODY_LABEL_CUE.finditer(text):
        cuts.add(match.start())
        cuts.add(match.end())
    for start, title_start in headings:
        cuts.add(start)
        end = title_end(text, title_start)
        if end is not None:
            cuts.add(end)
    pieces, previous = [], 0
    for cut in sorted(c for c in cuts if 0 < c < len(text)):
        pieces.append(text[previous:cut])
        previous = cut
    pieces.append(text[previous:])
    return [p.strip() for p in pieces if p.strip()]


def _heading_positions(text: str):
    """(start of the heading, start of its title) for each case heading inside a flattened line."""
    for pattern in (HEADING_CUE, PREFIXED_HEADING_CUE):
        for match in pattern.finditer(text):
            if REFERENCE_LEAD.search(text[max(0, match.start() - 12):match.start()]):
                continue
            if pattern is HEADING_CUE and not match.group("heading")[:1].isalpha() and _continues_text(text, match):
                continue
            yield match.start(), match.end()


def _continues_text(text: str, match: re.Match) -> bool:
    """A bare number (``5/2014``) that belongs to the words before it: ``møte 5/2014``, ``Møte: 6/2014``.

    A bare case number starts a heading only after the end of a sentence or list, after a
    capitalised word (a name ending an attendance list), or where the page starts.
    """
    before = text[max(0, match.start() - 40):match.start()].rstrip()
    if not before:
        return False
    if before.endswith((":", "-", "–", "(", "/")):
        return True
    last = before.split()[-1]
    return last[:1].islower() and not last.endswith((".", "!", "?", ")"))


def title_end(text: str, start: int) -> int | None:
    """Where the title of a heading starting at ``start`` ends and its text begins, if it can be told.

    The title runs to the first capitalised word that starts a sentence: not right after the
    first two title words, not after a preposition or conjunction ("Endring av navn på Råd for
    ..." keeps "Råd"), and followed by mostly lower-case words. An all-capitals title ends where
    the capitals end ("ÅRSMØTE FORBEREDELSER Valgkomiteen er ...").
    """
    words = list(re.finditer(r"\S+", text[start:start + 400]))
    if not words:
        return None
    capitals = _capitals_run(words)
    if capitals is not None:
        return start + words[capitals].start() if capitals < len(words) else None
    for index in range(2, min(len(words), MAX_TITLE_WORDS + 1)):
        word = words[index].group(0)
        previous = words[index - 1].group(0).lower().strip(",.:;")
        if not word[:1].isupper() or word.isupper() or previous in CONNECTORS or words[index - 1].group(0).endswith(":"):
            continue
        following = [w.group(0) for w in words[index + 1:index + 6]]
        lower = sum(1 for w in following if w[:1].islower())
        if len(following) >= 3 and lower >= max(2, len(following) - 2):
            return start + words[index].start()
    return None


def _capitals_run(words: list[re.Match]) -> int | None:
    """The index of the first word after an all-capitals title of at least two words, else None."""
    index = 0
    while index < len(words) and _capital_word(words[index].group(0)):
        index += 1
    letters = [w.group(0) for w in words[:index] if any(c.isalpha() for c in w.group(0))]
    if len(letters) >= 2 or (len(letters) == 1 and len(letters[0]) > 3):
        return index
    return None


def _capital_word(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return (not letters and word in ("-", "–", "&", "/")) or ((bool(letters) and all(c.isupper() for c in letters)
                                                                and len(letters) >= 2) or word in ("I", "Å", "Ø"))
