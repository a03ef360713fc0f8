"""MkDocs hook: regenerate docs/ from minutes_src/ when sources changed, and build the navigation.

A convenience for ``mkdocs serve`` and ``mkdocs build``; the generator itself runs without MkDocs
(``python -m generator build``). The navigation holds index pages only, so no page grows with
the number of meetings.
"""
from __future__ import annotations

import hashlib
import logging
import sys
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.minutes")
STAMP = ".sources-fingerprint"


def _ensure_importable(root: Path) -> None:
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))


def fingerprint(*folders: Path) -> str:
    """A cheap fingerprint of every file's path, size and modification time."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def on_config(config):
    root = Path(config.config_file_path).resolve().parent
    _ensure_importable(root)
    from generator.build import build, report
    from generator.config import load_archive_config

    src, docs = root / "minutes_src", Path(config.docs_dir)
    stamp = docs / STAMP
    current = fingerprint(src, root / "generator")
    if not stamp.is_file() or stamp.read_text() != current:
        result = build(src, docs)
        report(result.diagnostics)
        errors = len(result.errors)
        log.info("generated %d meetings (%d errors)", len(result.archive.meetings), errors)
        stamp.write_text(current)
    organisations, _ = load_archive_config(src)
    config.nav = navigation(organisations)
    return config


def navigation(organisations) -> list:
    nav: list = [{"Hjem": "index.md"}]
    for org in organisations:
        entries: list = [f"{org.slug}/index.md"]
        entries += [{body.name: f"{org.slug}/{body.slug}/index.md"} for body in org.bodies]
        nav.append({org.short_name: entries})
    nav += [{"Om arkivet": "om.md"}, {"Datakvalitet": "datakvalitet.md"}]
    return nav
