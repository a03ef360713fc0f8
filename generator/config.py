"""Organisation and body metadata: ``organisation.yml`` and ``<body>/body.yml`` in the source tree.

Validated like MkDocs validates mkdocs.yml: unknown or malformed keys are errors that name
the key and the file.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from .errors import ConfigError
from .model import Body, Organisation

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


def load_yaml_mapping(path: Path, shown: str, schema: dict) -> dict:
    """Load a YAML mapping and check it against ``schema``; errors name file, line and key."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        raise ConfigError(shown, f"malformed YAML: {exc.problem}", line) from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(shown, f"malformed YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(shown, "expected a mapping of keys to values")
    for key, value in data.items():
        if key not in schema:
            known = ", ".join(sorted(schema))
            raise ConfigError(shown, f"unknown key '{key}' (known keys: {known})", _key_line(path, key))
        kind, _, _ = schema[key]
        if not isinstance(value, kind) or (kind is list and not all(isinstance(v, str) for v in value)):
            raise ConfigError(shown, f"key '{key}' must be {'a list of strings' if kind is list else kind.__name__}",
                              _key_line(path, key))
    for key, (_, required, _) in schema.items():
        if required and key not in data:
            raise ConfigError(shown, f"missing required key '{key}'")
    return data


def _key_line(path: Path, key: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if re.match(rf"\s*{re.escape(str(key))}\s*:", line):
            return number
    return 0


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
    bodies, problems = [], []
    for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
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
    organisations, problems = [], []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        try:
            org, body_problems = load_organisation(folder, root)
        except ConfigError as exc:
            problems.append(exc)
            continue
        organisations.append(org)
        problems.extend(body_problems)
    return organisations, problems
