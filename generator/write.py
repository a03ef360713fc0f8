"""Stage 5: write the rendered files into the docs folder.

Each file is written atomically (temporary file + rename), unchanged files are not
rewritten (so ``mkdocs serve`` reloads only what changed), files left from removed sources
are deleted, and no path can point outside the output folder.
"""
from __future__ import annotations

import filecmp
import itertools
import os
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .model import Streamed

KEEP = frozenset({".gitkeep", ".sources-fingerprint"})


@dataclass(frozen=True)
class WriteStats:
    written: int
    unchanged: int
    removed: int


Content = str | bytes | Streamed


def safe_path(root: Path, relative: str) -> Path:
    """``root/relative``, refusing absolute paths, ``..`` and anything that resolves outside ``root``."""
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts or "\\" in relative or "\x00" in relative:
        raise ValueError(f"refusing to write outside the output folder: {relative!r}")
    target = (root / pure).resolve()
    if root.resolve() not in target.parents:
        raise ValueError(f"refusing to write outside the output folder: {relative!r}")
    return target


def write_file(path: Path, data: bytes, made: set[Path] | None = None, status: os.stat_result | None = None) -> bool:
    """Write ``data`` atomically; return False (and touch nothing) when the file already holds it.

    ``made``: folders known to exist (each created once, not once per file); ``status``: the file's
    ``stat`` if the caller has it."""
    try:
        status = status or path.stat()
        if status.st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        pass
    _make_folder(path.parent, made)
    temporary = _temporary(path)
    try:
        with _open_new(temporary) as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return True


def _make_folder(folder: Path, made: set[Path] | None) -> None:
    if made is None or folder not in made:
        folder.mkdir(parents=True, exist_ok=True)
        if made is not None:
            made.add(folder)


def _temporary(path: Path) -> Path:
    # A temporary name of our own (process id and a counter) is cheaper than mkstemp's random names;
    # O_EXCL (in _open_new) still refuses to reuse a name that exists.
    return path.parent / f".tmp-{os.getpid()}-{next(_COUNTER)}{path.suffix}"


def _open_new(temporary: Path):
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    stream = os.fdopen(handle, "wb")
    os.fchmod(stream.fileno(), 0o644)
    return stream


_COUNTER = itertools.count()


def write_streamed(path: Path, content: Streamed, made: set[Path] | None = None,
                   status: os.stat_result | None = None) -> bool:
    """:func:`write_file` for a :class:`Streamed` file: written to a temporary file chunk by chunk, then
    compared with what is there (unchanged: the temporary file is dropped, the old one is not touched)."""
    _make_folder(path.parent, made)
    temporary = _temporary(path)
    try:
        with _open_new(temporary) as stream:
            for chunk in content.chunks():
                stream.write(chunk)
        if status is not None and stat.S_ISREG(status.st_mode) \
                and filecmp.cmp(temporary, path, shallow=False):
            temporary.unlink()
            return False
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return True


def write_tree(root: Path, files: dict[str, Content], keep: Iterable[str] = (),
               remove: Iterable[str] | None = None) -> WriteStats:
    """Make ``root`` hold exactly ``files`` (plus ``.gitkeep``); paths in ``keep`` are left as they are.

    ``keep`` lets an incremental build write only the pages it rendered again; ``remove`` (instead of
    looking at every file under ``root``, 90,000 at 10,000 meetings) names the only files to delete.
    """
    written, unchanged = write_files(root, files)
    return WriteStats(written, unchanged, remove_others(root, set(keep) | set(files), remove))


def write_files(root: Path, files: Mapping[str, Content]) -> tuple[int, int]:
    """Write ``files`` under ``root`` (touching nothing else); return how many were written and unchanged.

    Paths are checked like :func:`safe_path`, resolving each folder once rather than every file.
    """
    root.mkdir(parents=True, exist_ok=True)
    real_root = root.resolve()
    folders: dict[str, Path] = {}
    made: set[Path] = set()
    written = unchanged = 0
    for relative in sorted(files):
        content = files[relative]
        target, status = _checked_target_status(real_root, relative, folders)
        if isinstance(content, Streamed):
            changed = write_streamed(target, content, made, status)
        else:
            changed = write_file(target, content.encode("utf-8") if isinstance(content, str) else content,
                                 made, status)
        if changed:
            written += 1
        else:
            unchanged += 1
    return written, unchanged


def remove_others(root: Path, wanted: set[str], remove: Iterable[str] | None = None) -> int:
    """Delete the files under ``root`` that are not ``wanted`` (and empty folders); with ``remove``, look
    only at those paths. Return how many files were deleted."""
    real_root = root.resolve()
    removed = 0
    if remove is not None:
        folders: dict[str, Path] = {}
        for relative in sorted(set(remove) - wanted):
            target = _checked_target(real_root, relative, folders)
            if target.is_file():
                target.unlink()
                removed += 1
        return removed
    wanted = {PurePosixPath(relative).as_posix() for relative in wanted}
    for folder, _, names in os.walk(real_root, topdown=False):
        prefix = os.path.relpath(folder, real_root).replace(os.sep, "/")
        for name in names:
            relative = name if prefix == "." else f"{prefix}/{name}"
            if relative not in wanted and name not in KEEP:
                os.unlink(os.path.join(folder, name))
                removed += 1
        if prefix != "." and not os.listdir(folder):
            os.rmdir(folder)
    return removed


def _checked_target(real_root: Path, relative: str, folders: dict[str, Path]) -> Path:
    """``safe_path`` with folders resolved once each; a symlinked file is refused too."""
    return _checked_target_status(real_root, relative, folders)[0]


def _checked_target_status(real_root: Path, relative: str, folders: dict[str, Path]) -> tuple[Path, os.stat_result | None]:
    """:func:`_checked_target` and the file's status (``None``: not there), from the one ``lstat`` the
    symbolic link check makes (a regular file's ``lstat`` is its ``stat``)."""
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts or "\\" in relative or "\x00" in relative:
        raise ValueError(f"refusing to write outside the output folder: {relative!r}")
    target = _resolved_folder(real_root, pure.parent.as_posix(), folders, relative) / pure.name
    try:
        status = os.lstat(target)
    except OSError:  # not there (or not readable: writing it will say so)
        return target, None
    if stat.S_ISLNK(status.st_mode):
        raise ValueError(f"refusing to write through a symbolic link: {relative!r}")
    return target, status


def _resolved_folder(real_root: Path, folder: str, folders: dict[str, Path], relative: str) -> Path:
    """The real path of ``folder`` (relative to ``real_root``), built from its resolved parent: a new
    folder costs one ``lstat``, not a walk of every component (54,000 permalink folders at 10,000
    meetings). Only a symbolic link is resolved, and must stay inside the root."""
    if folder in ("", "."):
        return real_root
    resolved = folders.get(folder)
    if resolved is None:
        parent, _, name = folder.rpartition("/")
        resolved = _resolved_folder(real_root, parent, folders, relative) / name
        if resolved.is_symlink():
            resolved = resolved.resolve()
            if resolved != real_root and real_root not in resolved.parents:
                raise ValueError(f"refusing to write outside the output folder: {relative!r}")
        folders[folder] = resolved
    return resolved
