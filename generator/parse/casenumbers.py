"""Case numbers as minutes write them: ``34/23``, ``001/10``, ``14-22``, ``100/2020``, ``3``, ``5.1``."""
from __future__ import annotations

import re

YEARED = r"\d{1,4}\s*[/-]\s*(?:\d{2}|\d{4})"
CASE_NUMBER = re.compile(rf"^(?:{YEARED}|\d{{1,3}}(?:\.\d{{1,2}})*)$")
YEARED_NUMBER = re.compile(rf"^{YEARED}$")


# Case series of the municipal case systems: PS (politisk sak, the main series), RS (referatsak),
# DS (delegert sak), FO (forespørsel/interpellasjon), OS (orienteringssak), ... "PS 6/26" and
# "RS 6/26" are two cases; "sak 6/26" in the text means the main series.
SERIES = re.compile(r"^\s*(?:(?P<series>[A-ZÆØÅ]{2,3})|[Ss]ak(?:\s*nr\.?)?|SAK|[A-ZÆØÅ]-[Ss]ak|[A-ZÆØÅ][a-zæøå]{2,20}sak)\s*(?=\d)")
MAIN_SERIES = {"PS", "SAK"}


def case_key(number: str | None) -> str | None:
    """Normalise a case number for linking: 001/10 -> 1/10, 14-22 -> 14/22, 34/2023 -> 34/23, 087 -> 87.

    A series prefix other than the main one stays part of the key: ``PS 6/26`` -> 6/26,
    ``RS 4/26`` -> RS 4/26.
    """
    if number is None:
        return None
    series = SERIES.match(number)
    prefix = ""
    if series:
        number = number[series.end():]
        if series.group("series") and series.group("series").upper() not in MAIN_SERIES:
            prefix = series.group("series").upper() + " "
    match = re.fullmatch(r"\s*(\d{1,4})\s*[/-]\s*(\d{2}|\d{4})\s*", number)
    if match:
        return f"{prefix}{int(match.group(1))}/{match.group(2)[-2:]}"
    match = re.fullmatch(r"\s*(\d{1,3}(?:\.\d{1,2})*)\s*", number)
    if match:
        return prefix + ".".join(str(int(part)) for part in match.group(1).split("."))
    return None


def is_case_number(text: str) -> bool:
    return bool(CASE_NUMBER.match(text.strip()))


def anchor_for(number: str | None, title: str, position: int) -> str:
    """A stable anchor: ``sak-34-23`` from the number as written, ``punkt-3`` for unnumbered items."""
    if number:
        return "sak-" + re.sub(r"[^0-9a-z]+", "-", number.lower()).strip("-")
    return f"punkt-{position}"
