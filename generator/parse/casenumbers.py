"""Case numbers as minutes write them: ``34/23``, ``001/10``, ``14-22``, ``100/2020``, ``3``, ``5.1``."""
from __future__ import annotations

import re

YEARED = r"\d{1,4}\s*[/-]\s*(?:\d{2}|\d{4})"
CASE_NUMBER = re.compile(rf"^(?:{YEARED}|\d{{1,3}}(?:\.\d{{1,2}})*)$")
YEARED_NUMBER = re.compile(rf"^{YEARED}$")


def case_key(number: str | None) -> str | None:
    """Normalise a case number for linking: 001/10 -> 1/10, 14-22 -> 14/22, 34/2023 -> 34/23, 087 -> 87."""
    if number is None:
        return None
    match = re.fullmatch(r"\s*(\d{1,4})\s*[/-]\s*(\d{2}|\d{4})\s*", number)
    if match:
        return f"{int(match.group(1))}/{match.group(2)[-2:]}"
    match = re.fullmatch(r"\s*(\d{1,3}(?:\.\d{1,2})*)\s*", number)
    if match:
        return ".".join(str(int(part)) for part in match.group(1).split("."))
    return None


def is_case_number(text: str) -> bool:
    return bool(CASE_NUMBER.match(text.strip()))


def anchor_for(number: str | None, title: str, position: int) -> str:
    """A stable anchor: ``sak-34-23`` from the number as written, ``punkt-3`` for unnumbered items."""
    if number:
        return "sak-" + re.sub(r"[^0-9a-z]+", "-", number.lower()).strip("-")
    return f"punkt-{position}"
