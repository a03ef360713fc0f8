"""Organisation and body metadata: ``organisation.yml`` and ``<body>/body.yml`` in the source tree.

Validated like MkDocs validates mkdocs.yml: unknown or malformed keys are errors that name
the key and the file.
"""
from __future__ import annotations

import re
from pathlib import Path

from . import urls
from .errors import ConfigError
from .model import Body, Organisation
from .safe_yaml import read_yaml_file

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
ORGANISATION_FILE = "organisation.yml"
BODY_FILE = "body.yml"

ORGANISATION_KEYS = {
    "name": (str, True, "display name, e.g. Grenlandssamarbeidet"),
    "short_name": (str, False, "short name used in lists, e.g. Grenland"),
    "municipalities": (list, False, "member municipalities"),
    "aliases": (list, False, "other names the minutes use for the organisation"),
    "website": (str, False, "the organisation's own website"),
}
BODY_KEYS = {
    "name": (str, True, "display name, e.g. Kommunedirektørkollegiet"),
    "short_name": (str, False, "short name, e.g. KDK"),
    "aliases": (list, False, "names the minutes use for the body, e.g. KDK"),
    "records_decisions": (bool, False, "whether every case is expected to have a decision"),
    "description": (str, False, "one paragraph about the body"),
}


def is_slug(name: str) -> bool:
    return bool(SLUG.match(name))


OUTSIDE = "is a symbolic link that leads outside the source folder; refused (nothing outside it is read)"


def leads_outside(path: Path, root: Path) -> bool:
    """Whether ``path`` is a symbolic link that resolves outside ``root`` (or nowhere).

    Git stores symbolic links, so one commit could otherwise publish any file of the machine that
    builds the site (``/etc/passwd``, CI's secrets). Every entry is checked where the tree is walked
    (organisation folder, body folder, each file), so checking the entry itself is enough.
    """
    if not path.is_symlink():
        return False
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):  # dangling, or a loop of links
        return True
    real_root = root.resolve()
    return real != real_root and real_root not in real.parents


# Keys shown in one line (navigation, titles, calendar names, feed titles): a newline in them broke
# the iCalendar writer, and an empty name leaves a page without a title.
ONE_LINE = {"name", "short_name", "website", "aliases", "municipalities"}
CONTROL = re.compile("[\x00-\x1f\x7f]")


def load_yaml_mapping(path: Path, shown: str, schema: dict) -> dict:
    """Load a YAML mapping and check it against ``schema``; errors name file, line and key."""
    data, text = read_yaml_file(path, shown)
    if not isinstance(data, dict):
        raise ConfigError(shown, "expected a mapping of keys to values")
    for key, value in data.items():
        if key not in schema:
            known = ", ".join(sorted(schema))
            raise ConfigError(shown, f"unknown key '{key}' (known keys: {known})", _key_line(text, key))
        kind, _, _ = schema[key]
        if not isinstance(value, kind) or (kind is list and not all(isinstance(v, str) for v in value)):
            raise ConfigError(shown, f"key '{key}' must be {'a list of strings' if kind is list else kind.__name__}",
                              _key_line(text, key))
        if key in ONE_LINE and any(not v.strip() or CONTROL.search(v.strip())
                                   for v in (value if isinstance(value, list) else [value])):
            raise ConfigError(shown, f"key '{key}' must be one line of text (no line breaks or control characters), "
                                     "not empty", _key_line(text, key))
    for key, (_, required, _) in schema.items():
        if required and key not in data:
            raise ConfigError(shown, f"missing required key '{key}'")
    return data


def _key_line(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(rf"\s*{re.escape(str(key))}\s*:", line):
            return number
    return 0


# The site's own top-level pages and folders (generator, MkDocs, Material, Pagefind): an organisation
# folder with one of these names would overwrite them or fail the build. tests/test_hostile_input.py
# checks that every top-level name the generator writes is here.
RESERVED_NAMES = urls.RESERVED_NAMES
# Hidden files, drafts and Office lock files ("~$Referat.docx"): skipped wherever they are, and listed.
SKIPPED_PREFIXES = (".", "_", "~$")
SKIPPED = "skipped: names starting with '.', '_' or '~$' are hidden files, drafts or lock files"


class ReservedName(ConfigError):
    """An organisation folder named like one of the site's own pages (a finding of the "editorial" check)."""


class Skipped(ConfigError):
    """Not an error: a note that an entry was skipped by the naming rule (see SKIPPED_PREFIXES)."""

    level = "info"


def subfolders(folder: Path, root: Path, problems: list[ConfigError]) -> list[Path]:
    """The folders in ``folder`` that are read; skipped ones are noted in ``problems``."""
    try:
        entries = sorted(p for p in folder.iterdir() if p.is_dir())
    except OSError as exc:
        raise ConfigError(f"{folder.relative_to(root).as_posix()}/", f"cannot read folder: {exc.strerror}") from exc
    for entry in entries:
        if entry.name.startswith(SKIPPED_PREFIXES):
            problems.append(Skipped(f"{entry.relative_to(root).as_posix()}/", SKIPPED))
    return [entry for entry in entries if not entry.name.startswith(SKIPPED_PREFIXES)]


def load_body(folder: Path, root: Path) -> Body:
    shown = (folder / BODY_FILE).relative_to(root).as_posix()
    if leads_outside(folder, root):
        raise ConfigError(f"{folder.relative_to(root).as_posix()}/", f"body folder {OUTSIDE}")
    if leads_outside(folder / BODY_FILE, root):
        raise ConfigError(shown, OUTSIDE)
    if not is_slug(folder.name):
        raise ConfigError(shown, f"folder name '{folder.name}' is not a valid slug (a-z, 0-9, -)")
    if not (folder / BODY_FILE).is_file():
        raise ConfigError(shown, f"body folder '{folder.name}' has no {BODY_FILE} (needs at least 'name:')")
    data = load_yaml_mapping(folder / BODY_FILE, shown, BODY_KEYS)
    return Body(
        slug=folder.name,
        name=data["name"],
        short_name=data.get("short_name") or data["name"],
        aliases=tuple(data.get("aliases") or ()),
        records_decisions=data.get("records_decisions", True),
        description=data.get("description"),
    )


def load_organisation(folder: Path, root: Path) -> tuple[Organisation, list[ConfigError]]:
    """Load one organisation and its bodies; a broken body is reported, the others still load."""
    shown = (folder / ORGANISATION_FILE).relative_to(root).as_posix()
    if leads_outside(folder, root):
        raise ConfigError(f"{folder.name}/", f"organisation folder {OUTSIDE}")
    if leads_outside(folder / ORGANISATION_FILE, root):
        raise ConfigError(shown, OUTSIDE)
    if not is_slug(folder.name):
        raise ConfigError(shown, f"folder name '{folder.name}' is not a valid slug (a-z, 0-9, -)")
    if not (folder / ORGANISATION_FILE).is_file():
        raise ConfigError(shown, f"organisation folder '{folder.name}' has no {ORGANISATION_FILE}")
    data = load_yaml_mapping(folder / ORGANISATION_FILE, shown, ORGANISATION_KEYS)
    bodies: list[Body] = []
    problems: list[ConfigError] = []
    for sub in subfolders(folder, root, problems):
        try:
            bodies.append(load_body(sub, root))
        except ConfigError as exc:
            problems.append(exc)
    org = Organisation(
        slug=folder.name,
        name=data["name"],
        short_name=data.get("short_name") or data["name"],
        municipalities=tuple(data.get("municipalities") or ()),
        aliases=tuple(data.get("aliases") or ()),
        website=data.get("website"),
        bodies=tuple(bodies),
    )
    return org, problems


def load_archive_config(root: Path) -> tuple[list[Organisation], list[ConfigError]]:
    """All organisations under ``root``; broken ones are returned as errors, not raised."""
    organisations: list[Organisation] = []
    problems: list[ConfigError] = []
    for folder in subfolders(root, root, problems):
        if folder.name in RESERVED_NAMES:
            problems.append(ReservedName(f"{folder.name}/", f"'{folder.name}' is the name of one of the site's own "
                                                            "pages or folders; rename the organisation folder"))
            continue
        try:
            org, body_problems = load_organisation(folder, root)
        except ConfigError as exc:
            problems.append(exc)
            continue
        organisations.append(org)
        problems.extend(body_problems)
    return organisations, problems
