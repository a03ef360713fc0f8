"""The whole pipeline, top to bottom: read -> parse -> link -> render -> write.

One broken source file is reported (``file:line: error: ...``) and skipped; the rest of the
archive still builds. ``strict`` turns warnings into a failing exit code.
"""
from __future__ import annotations

import contextlib
import functools
import gc
import multiprocessing
import os
import re
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from . import urls
from .config import (
    BODY_FILE,
    ORGANISATION_FILE,
    OUTSIDE,
    SKIPPED,
    SKIPPED_PREFIXES,
    ReservedName,
    leads_outside,
    load_archive_config,
    load_organisation,
)
from .errors import ConfigError, SourceError
from .incremental import State, changed_meetings
from .link import Archive, link
from .model import Diagnostic, Meeting, Organisation
from .parse import ParseContext, parse_document
from .read import SOURCE_EXTENSIONS, read_source
from .render.pages import meeting_page, site_jobs
from .views import Views, compute_views, load_editorial_files
from .views.quality import run_checks
from .write import WriteStats, remove_others, write_files

PARALLEL_THRESHOLD = 40  # below this many files a process pool costs more than it saves


@dataclass
class BuildResult:
    archive: Archive
    diagnostics: list[Diagnostic]
    stats: WriteStats | None = None
    views: Views | None = None

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level == "warning"]


@dataclass(frozen=True)
class SourceFile:
    path: Path
    shown: str  # relative to the source root
    context: ParseContext


def context_for_file(path: Path, source_root: Path | None = None) -> tuple[ParseContext, str]:
    """The organisation and body a file belongs to, from its place in a source tree."""
    path = path.resolve()
    body_dir, org_dir = path.parent, path.parent.parent
    root = source_root.resolve() if source_root else org_dir.parent
    if (org_dir / ORGANISATION_FILE).is_file() and org_dir.parent == root:
        try:
            org, _ = load_organisation(org_dir, root)
        except ConfigError:
            return ParseContext(), str(path)
        body = next((b for b in org.bodies if b.slug == body_dir.name), None)
        return ParseContext(org, body), path.relative_to(root).as_posix()
    return ParseContext(), path.name


def collect_sources(root: Path) -> tuple[list[Organisation], list[SourceFile], list[Diagnostic]]:
    """Every minutes file under ``root``, with the organisation and body it belongs to."""
    if not root.is_dir():
        raise SourceError(str(root), "source folder not found")
    organisations, problems = load_archive_config(root)
    diagnostics = [Diagnostic(p.path, p.line, "error", p.message, "editorial") if isinstance(p, ReservedName)
                   else Diagnostic(p.path, p.line, getattr(p, "level", "error"), p.message) for p in problems]
    sources = []
    for org in organisations:
        for body in org.bodies:
            for path, shown in body_files(root, root / org.slug / body.slug, diagnostics):
                if path.suffix.lower() not in SOURCE_EXTENSIONS:
                    diagnostics.append(Diagnostic(shown, 0, "warning", f"not a minutes format we read ({path.suffix or 'no extension'}); skipped"))
                    continue
                sources.append(SourceFile(path, shown, ParseContext(org, body)))
    for path in sorted(root.glob("*/*")):
        if path.is_file() and path.parent.name in {o.slug for o in organisations} and path.name != ORGANISATION_FILE \
                and path.suffix.lower() in SOURCE_EXTENSIONS:
            diagnostics.append(Diagnostic(path.relative_to(root).as_posix(), 0, "error",
                                          "minutes must be in a body folder: <organisation>/<body>/<file>"))
    return organisations, sources, diagnostics


def body_files(root: Path, folder: Path, diagnostics: list[Diagnostic]) -> list[tuple[Path, str]]:
    """The files of a body folder and its sub-folders, sorted, with their paths as shown; what is
    skipped (hidden, drafts, lock files, links out of the tree) and what cannot be read is reported."""
    found = []

    def unreadable(error: OSError) -> None:
        where = Path(error.filename).relative_to(root).as_posix()
        diagnostics.append(Diagnostic(f"{where}/", 0, "error", f"cannot read folder: {error.strerror}; skipped"))

    for current, folders, files in os.walk(folder, onerror=unreadable):  # never follows a linked folder
        here = Path(current)
        for name in sorted(folders):
            path, shown = here / name, (here / name).relative_to(root).as_posix()
            if leads_outside(path, root):
                diagnostics.append(Diagnostic(f"{shown}/", 0, "error", OUTSIDE))
            elif name.startswith(SKIPPED_PREFIXES):
                diagnostics.append(Diagnostic(f"{shown}/", 0, "info", SKIPPED))
            elif path.is_symlink():
                diagnostics.append(Diagnostic(f"{shown}/", 0, "warning", "a linked folder is not followed; skipped"))
        folders[:] = sorted(name for name in folders if not name.startswith(SKIPPED_PREFIXES))
        for name in files:
            path, shown = here / name, (here / name).relative_to(root).as_posix()
            if leads_outside(path, root):
                diagnostics.append(Diagnostic(shown, 0, "error", OUTSIDE))
            elif name.startswith(SKIPPED_PREFIXES):
                diagnostics.append(Diagnostic(shown, 0, "info", SKIPPED))
            elif (path != folder / BODY_FILE) and path.is_file():
                found.append((path, shown))
    return sorted(found)


def parse_one(source: SourceFile) -> tuple[Meeting | None, list[Diagnostic]]:
    """Read and parse one file; a broken file becomes an error diagnostic, never an exception."""
    try:
        document = read_source(source.path, source.shown)
        meeting, diagnostics = parse_document(document, source.context)
        return meeting, [*document.warnings, *diagnostics]
    except SourceError as exc:
        return None, [Diagnostic(exc.path, exc.line, "error", exc.message)]
    except Exception as exc:  # noqa: BLE001 - the last resort: one file must never stop the archive
        # (an impossible date in front matter raised ValueError, deep structures RecursionError).
        # "internal error" marks it as the generator's fault for the fuzzer (tests/fuzz_archive.py); the
        # innermost frame of our own code goes with it, so that a user's bug report says where it broke.
        import traceback

        package = Path(__file__).resolve().parent  # generator/, the package this module is in
        ours = [frame for frame in traceback.extract_tb(exc.__traceback__)
                if Path(frame.filename).resolve().is_relative_to(package)]
        where = (f" at {Path(ours[-1].filename).resolve().relative_to(package.parent).as_posix()}:{ours[-1].lineno}"
                 if ours else "")
        return None, [Diagnostic(source.shown, 0, "error", f"internal error reading this file "
                                                           f"({type(exc).__name__}: {exc}{where}); file skipped")]


def parse_all(sources: list[SourceFile], jobs: int = 0,
              state: State | None = None) -> tuple[list[Meeting], list[Diagnostic]]:
    """Parse every source, in parallel above PARALLEL_THRESHOLD files; with ``state``, only the files
    whose size or modification time changed since the last build of this process."""
    cached = state.parsed if state is not None else {}
    keys = {}
    todo = sources
    if state is not None:
        keys = {source.shown: _stat_key(source.path) for source in sources}
        todo = [source for source in sources
                if source.shown not in cached or cached[source.shown][0] != keys[source.shown]]
    workers = jobs or os.cpu_count() or 1
    if workers > 1 and len(todo) >= PARALLEL_THRESHOLD:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            fresh = list(pool.map(parse_one, todo, chunksize=16))
    else:
        fresh = [parse_one(source) for source in todo]
    if state is not None:
        for source, (meeting, found) in zip(todo, fresh, strict=True):
            cached[source.shown] = (keys[source.shown], meeting, found)
        for gone in set(cached) - set(keys):
            del cached[gone]
        state.reparsed = len(todo)
        results = [cached[source.shown][1:] for source in sources]
    else:
        results = fresh
    meetings = [meeting for meeting, _ in results if meeting is not None]
    diagnostics = [d for _, found in results for d in found]
    return meetings, diagnostics


def _stat_key(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


def distinct_meeting_ids(meetings: list[Meeting]) -> tuple[list[Meeting], list[Diagnostic]]:
    """One page per body and date: a second meeting of a body on one date gets the id "date-2"."""
    diagnostics = []
    seen: dict[str, Meeting] = {}
    unique = []
    # Of two files for one body and date, the one named by the date keeps the plain URL, so adding
    # a copy ("2023-08-22 kopi.txt") never moves the page that was there.
    for meeting in sorted(meetings, key=lambda m: (m.id, Path(m.source).stem != m.date, m.source)):
        if meeting.id in seen:
            suffix = 2
            while f"{meeting.id}-{suffix}" in seen:
                suffix += 1
            diagnostics.append(Diagnostic(meeting.source, 1, "warning",
                                          f"same body and date as {seen[meeting.id].source}; published as "
                                          f"{meeting.date}-{suffix}"))
            meeting = replace(meeting, id=f"{meeting.id}-{suffix}")
        seen[meeting.id] = meeting
        unique.append(meeting)
    return unique, diagnostics


def build(src: Path, out: Path | None, jobs: int = 0, timings: dict[str, float] | None = None,
          state: State | None = None) -> BuildResult:
    """The whole pipeline; ``timings`` (if given) receives seconds per stage (generator/dev/bench.py).

    ``state`` makes the build incremental (``mkdocs serve``, see generator/incremental.py).
    """
    stage = _stopwatch(timings)
    organisations, sources, diagnostics = collect_sources(src)
    meetings, parse_diagnostics = parse_all(sources, jobs, state)
    stage("parse")
    # What was parsed stays alive to the end of the build: keep the cyclic garbage collector from
    # walking it again and again (that made link, render and write superlinear in the archive size).
    with _gc_frozen():
        meetings, id_diagnostics = distinct_meeting_ids(meetings)
        diagnostics = sorted(diagnostics + parse_diagnostics + id_diagnostics,
                             key=lambda d: (d.path, d.line, d.level, d.message))
        archive = link(organisations, meetings)
        aliases, vocabulary, editorial_diagnostics = load_editorial_files(src)
        # Incremental builds keep the views (threads, people, topics) of the last full build: computing them
        # costs more than everything else an edit needs; they are refreshed by the next full build.
        views = state.views if state is not None and state.views is not None \
            else compute_views(archive, aliases, vocabulary)
        diagnostics += editorial_diagnostics + run_checks(archive, views)  # generator/views/quality.py
        result = BuildResult(archive, diagnostics, views=views)
        stage("link")
        if out is not None:
            # Incremental: only meetings whose page may have changed are rendered; the files of the others,
            # and the pages drawn from the whole archive, are kept as they are.
            only = changed_meetings(state.archive, archive) if state is not None else None
            originals = {m.id: original_path(m) for m in archive.meetings}
            by_source = {source.shown: source.path for source in sources}
            work = site_jobs(archive, diagnostics, originals, views, only=only)
            work.append(functools.partial(_published_originals, archive.meetings, originals, by_source, only))
            work.append(static_assets)
            keep: set[str] = set()
            remove: set[str] | None = None
            if only is not None:  # every file of the last build stays, except those of meetings now gone
                assert state is not None and state.archive is not None, "only an earlier build gives `only`"
                gone = [m for m in state.archive.meetings if archive.meeting(m.id) is None]
                remove = {path for m in gone for path in (meeting_page(m), f"{m.id}.json", original_path(m))}
                keep = state.paths - remove
            cpu: dict[str, float] = {}
            paths, result.stats = render_and_write(out, work, keep, remove, jobs, cpu)
            stage("render + write")
            for name, seconds in cpu.items():
                stage(name, seconds)
            if state is not None:
                state.archive, state.views, state.paths = archive, views, keep | paths
                state.rendered = None if only is None else len(only)
    return result


def _published_originals(meetings: list[Meeting], originals: dict[str, str], by_source: dict[str, Path],
                         only: set[str] | None) -> dict[str, bytes]:
    """Each meeting's source document as received, published beside its page."""
    return {originals[m.id]: by_source[m.source].read_bytes() for m in meetings if only is None or m.id in only}


PARALLEL_JOBS_ABOVE = 24  # about 400 meetings (50 a job, plus the archive-wide pages): below, forking costs more
_FORKED: list = []  # the jobs forked workers inherit (see render_and_write)


def render_and_write(out: Path, work: list, keep: set[str], remove: set[str] | None, jobs: int = 0,
                     cpu: dict[str, float] | None = None) -> tuple[set[str], WriteStats]:
    """Run the render jobs in ``work`` and write what each returns into ``out``; then remove what no job
    wrote (except ``keep``; with ``remove``, only those paths). Return every path written and the counts.

    Many jobs run in ``jobs`` forked processes (default: one per core): the workers inherit the linked
    archive instead of receiving it pickled, and send back paths only. ``cpu`` receives the CPU
    seconds the jobs spent rendering and writing."""
    workers = jobs or os.cpu_count() or 1
    parallel = workers > 1 and len(work) > PARALLEL_JOBS_ABOVE and hasattr(os, "fork") \
        and threading.active_count() == 1  # forking a threaded process (mkdocs serve) is unsafe
    task = functools.partial(_render_and_write_job, out)
    _FORKED[:] = work
    try:
        if parallel:  # a worker that dies (out of memory) fails the build instead of hanging it, as Pool would
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                results = list(pool.map(task, range(len(work))))
        else:
            results = [task(index) for index in range(len(work))]
    finally:
        _FORKED.clear()
    paths: set[str] = set()
    written = unchanged = 0
    cpu = cpu if cpu is not None else {}
    for job_paths, job_written, job_unchanged, seconds in results:
        if paths & set(job_paths):
            raise RuntimeError(f"two render jobs wrote {sorted(paths & set(job_paths))[:3]}")
        paths.update(job_paths)
        written, unchanged = written + job_written, unchanged + job_unchanged
        for name, value in seconds.items():
            cpu[name] = cpu.get(name, 0.0) + value
    return paths, WriteStats(written, unchanged, remove_others(out, keep | paths, remove))


def _render_and_write_job(out: Path, index: int) -> tuple[list[str], int, int, dict[str, float]]:
    started = time.process_time()
    files = _FORKED[index]()
    rendered = time.process_time()
    written, unchanged = write_files(out, files)
    return list(files), written, unchanged, {"render (cpu)": rendered - started,
                                            "write (cpu)": time.process_time() - rendered}


@contextlib.contextmanager
def _gc_frozen():
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _stopwatch(timings: dict[str, float] | None):
    """``stage(name)`` records the seconds since the previous call under ``name``."""
    last = [time.perf_counter()]

    def stage(name: str, seconds: float | None = None) -> None:
        """Record the seconds since the previous call, or ``seconds`` measured elsewhere."""
        now = time.perf_counter()
        if timings is not None:
            timings[name] = timings.get(name, 0.0) + (now - last[0] if seconds is None else seconds)
        last[0] = now
    return stage


ASSETS = Path(__file__).parent / "assets"


def static_assets() -> dict[str, bytes]:
    """The site's own CSS and JavaScript, copied into docs/assets/."""
    return {f"assets/{p.relative_to(ASSETS).as_posix()}": p.read_bytes()
            for p in sorted(ASSETS.rglob("*")) if p.is_file() and p.suffix in (".js", ".css")}


# Originals a browser would render as a page of the site's own origin are published as text: an
# HTML original's <script> and onload would run as the site (stored XSS). ``.txt`` is served as
# text/plain, which browsers never sniff into HTML; the bytes stay as received, so the SHA-256 in
# the meeting's JSON still matches the published file. Only formats a browser downloads or shows as
# text keep their extension (a new reader's format is text until it is added here).
PUBLISHED_AS_IS = frozenset({"txt", "docx", "odt", "pdf"})


def original_path(meeting: Meeting) -> str:
    """Where the original document is published: built from validated slugs and the date only."""
    extension = meeting.source_format if meeting.source_format in PUBLISHED_AS_IS else f"{meeting.source_format}.txt"
    return urls.original(meeting.org_slug, meeting.body_slug, meeting.id, extension)


def report(diagnostics: list[Diagnostic], stream=None, show_info: bool = False) -> None:
    stream = stream or sys.stderr  # looked up at the call: tests and the hook replace sys.stderr
    for diagnostic in diagnostics:
        if diagnostic.level != "info" or show_info:
            print(printable(str(diagnostic)), file=stream)


UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` with control characters shown as ``\\x1b`` escapes: a file name's ANSI escape
    sequences must not drive the terminal or CI log that shows the diagnostics."""
    return UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def build_command(src: Path, out: Path, strict: bool = False, jobs: int = 0) -> int:
    result = build(src, out, jobs)
    report(result.diagnostics)
    counts = Counter(d.level for d in result.diagnostics)
    stats = result.stats
    assert stats is not None, "a build into a folder always writes"
    print(f"{len(result.archive.meetings)} meetings; {counts['error']} errors, {counts['warning']} warnings; "
          f"{stats.written} files written, {stats.unchanged} unchanged, {stats.removed} removed", file=sys.stderr)
    return 1 if (counts["error"] and strict) or (strict and counts["warning"]) else 0


def check_command(src: Path, strict: bool = False) -> int:
    result = build(src, None)
    report(result.diagnostics, stream=sys.stdout, show_info=True)
    counts = Counter(d.level for d in result.diagnostics)
    print(f"checked {len(result.archive.meetings)} meetings: {counts['error']} errors, {counts['warning']} warnings, "
          f"{counts['info']} notes", file=sys.stderr)
    return 1 if counts["error"] or (strict and counts["warning"]) else 0
