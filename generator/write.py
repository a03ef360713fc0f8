"""Stage 5: write the rendered files into the docs folder.

Each file is written atomically (temporary file + rename), unchanged files are not
rewritten (so ``mkdocs serve`` reloads only what changed), files left from removed sources
are deleted, and no path can point outside the output folder.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

KEEP = frozenset({".gitkeep", ".sources-fingerprint"})


@dataclass(frozen=True)
class WriteStats:
    written: int
    unchanged: int
    removed: int


def safe_path(root: Path, relative: str) -> Path:
    """``root/relative``, refusing absolute paths, ``..`` and anything that resolves outside ``root``."""
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts or "\\" in relative or "\x00" in relative:
        raise ValueError(f"refusing to write outside the output folder: {relative!r}")
    target = (root / pure).resolve()
    if root.resolve() not in target.parents:
        raise ValueError(f"refusing to write outside the output folder: {relative!r}")
    return target


def write_file(path: Path, data: bytes) -> bool:
    """Write ``data`` atomically; return False (and touch nothing) when the file already holds it."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


def write_tree(root: Path, files: dict[str, str | bytes]) -> WriteStats:
    """Make ``root`` hold exactly ``files`` (plus ``.gitkeep``)."""
    root.mkdir(parents=True, exist_ok=True)
    wanted = set()
    written = unchanged = 0
    for relative in sorted(files):
        content = files[relative]
        target = safe_path(root, relative)
        wanted.add(target)
        data = content.encode("utf-8") if isinstance(content, str) else content
        if write_file(target, data):
            written += 1
        else:
            unchanged += 1
    removed = 0
    for existing in sorted(root.rglob("*"), reverse=True):
        if existing.is_file() and existing.resolve() not in wanted and existing.name not in KEEP:
            existing.unlink()
            removed += 1
        elif existing.is_dir() and not any(existing.iterdir()):
            existing.rmdir()
    return WriteStats(written, unchanged, removed)
