"""Editorial files at the top of the source folder: ``people.yml`` (name aliases) and ``topics.yml``
(topic vocabulary). Both are optional. A broken file is reported with file and line and ignored;
the archive still builds.
"""
from __future__ import annotations

import re
from pathlib import Path

from .config import OUTSIDE, leads_outside
from .errors import ConfigError
from .model import Diagnostic
from .safe_yaml import read_yaml_file

PEOPLE_FILE = "people.yml"
TOPICS_FILE = "topics.yml"


class EditorialError(Exception):
    """A problem in an editorial file; ``needle`` is text to find the line by."""

    def __init__(self, message: str, needle: str = ""):
        super().__init__(message)
        self.message = message
        self.needle = needle


def load_editorial(root: Path | None, name: str) -> tuple[object, str, list[Diagnostic]]:
    """The parsed YAML of ``root/name`` (None when absent or broken), its text, and problems."""
    path = root / name if root is not None else None
    if path is not None and root is not None and leads_outside(path, root):
        return None, "", [Diagnostic(name, 0, "error", f"{OUTSIDE}; file ignored", "editorial")]
    if path is None or not path.is_file():
        return None, "", []
    try:
        data, text = read_yaml_file(path, name)
        return data, text, []
    except ConfigError as exc:
        return None, "", [Diagnostic(name, exc.line, "error", f"{exc.message}; file ignored", "editorial")]


def problem(name: str, text: str, error: EditorialError) -> Diagnostic:
    """A diagnostic for ``error`` at the first line of ``text`` that holds its needle."""
    return Diagnostic(name, line_of(text, error.needle), "error", f"{error.message}; file ignored", "editorial")


def line_of(text: str, needle: str) -> int:
    if not needle:
        return 0
    for number, line in enumerate(text.splitlines(), start=1):
        if re.search(rf"(?<![\w-]){re.escape(needle)}(?![\w-])", line):
            return number
    return 0


def expect(value, kind, where: str, needle: str = ""):
    """``value`` if it is a ``kind``, else an EditorialError naming ``where``."""
    if kind is list and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    if kind is not list and isinstance(value, kind):
        return value
    wanted = "a list of strings" if kind is list else {dict: "a mapping", str: "a string"}.get(kind, kind.__name__)
    raise EditorialError(f"{where} must be {wanted}", needle)


def check_keys(entry: dict, allowed: set[str], where: str) -> None:
    for key in entry:
        if key not in allowed:
            raise EditorialError(f"unknown key '{key}' in {where} (known keys: {', '.join(sorted(allowed))})", str(key))
