"""The command line: ``python -m generator <command>``, one entry point for every tool of the archive.

Only this module parses argv and turns errors into exit codes: 0 done, 1 the command failed (its
``file:line: error: ...`` line, or the failed step's own message), 2 wrong usage (argparse's message).
The commands are a registry, ``COMMANDS``: each names the function that does the work (plain
arguments, in its own module) and the options it takes. The site commands keep their options beside
their code (``add_arguments`` in generator/site/); the developer tools' options are here, so that a
build never imports generator.dev. tests/test_docs.py checks that the README documents every command
and every option of ``build_parser()``.
"""
from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import SourceError
from .site import publish, search, shards


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
    description: str = ""
    failures: tuple[type[Exception], ...] = (SourceError,)  # the command failed: one message, exit 1
    usage_errors: tuple[type[Exception], ...] = ()  # the arguments cannot work: usage and message, exit 2


# -- the archive's own commands ------------------------------------------------------------------

def _file_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path)
    parser.add_argument("--source-root", type=Path, default=None,
                        help="the source folder the file belongs to (default: found from the file's location)")


def _parse_arguments(parser: argparse.ArgumentParser) -> None:
    _file_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print the meeting as JSON (meeting.schema.json)")


def _parse(args: argparse.Namespace) -> int:
    from .build import context_for_file
    from .parse import parse_document
    from .read import read_source
    from .render.export import meeting_to_json

    context, shown = context_for_file(args.file, args.source_root)
    meeting, diagnostics = parse_document(read_source(args.file, shown), context)
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)
    if args.json:
        sys.stdout.write(meeting_to_json(meeting))
    else:
        print(f"{meeting.id}  {meeting.date}  {len(meeting.items)} saker  {len(meeting.attendees)} deltakere")
        for item in meeting.items:
            print(f"  {item.number or '-':>8}  {item.title}")
    return 0


def _explain(args: argparse.Namespace) -> int:
    from .build import context_for_file
    from .parse import parse_document
    from .parse.trace import Trace, render
    from .read import read_source

    context, shown = context_for_file(args.file, args.source_root)
    trace = Trace()
    meeting, diagnostics = parse_document(read_source(args.file, shown), context, trace)
    sys.stdout.write(render(trace))
    print(f"\n{meeting.id}  {meeting.date}  {len(meeting.items)} saker  {len(meeting.attendees)} deltakere")
    for diagnostic in diagnostics:
        print(diagnostic)
    return 0


def _build_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--src", type=Path, default=Path("minutes_src"))
    parser.add_argument("--out", type=Path, default=Path("docs"))
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.add_argument("--jobs", type=int, default=0, help="parallel parse workers (0: one per core)")


def _build(args: argparse.Namespace) -> int:
    from .build import build_command
    return build_command(args.src, args.out, strict=args.strict, jobs=args.jobs)


def _check_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--src", type=Path, default=Path("minutes_src"))
    parser.add_argument("--strict", action="store_true", help="exit 1 on warnings too")


def _check(args: argparse.Namespace) -> int:
    from .build import check_command
    return check_command(args.src, strict=args.strict)


# -- the site engine's side (generator/site/) ----------------------------------------------------

def _shards(args: argparse.Namespace) -> int:
    return shards.shards_command(args.action, args.src, args.docs, args.site, args.work, args.shard,
                                 jobs=args.jobs, parts=args.parts, as_json=args.json)


def _search(args: argparse.Namespace) -> int:
    return search.search_command(args.site, args.group_meetings, args.json)


def _publish(args: argparse.Namespace) -> int:
    return publish.publish_command(args.src, args.site, args.state, args.jobs, args.clean, args.json)


# -- developer tools (generator/dev/, imported only when asked for) -------------------------------

def _corpus_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--meetings", "-n", type=int, required=True, help="number of meetings")
    parser.add_argument("--out", "-o", type=Path, required=True,
                        help="output folder (empty, missing, or an earlier synthetic archive)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--quiet", "-q", action="store_true", help="print no summary")


def _corpus(args: argparse.Namespace) -> int:
    from .dev.synthetic import corpus_command
    return corpus_command(args.out, args.meetings, args.seed, args.quiet)


def _bench_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sizes", type=int, nargs="+", default=None,
                        help="archive sizes in meetings (default: generator.dev.bench.DEFAULT_SIZES)")
    parser.add_argument("--large", action="store_true",
                        help="also generator.dev.bench.LARGE_SIZE meetings (30+ minutes on 2 cores)")
    parser.add_argument("--group-meetings", type=int, default=None,
                        help=f"meeting pages per search group (default: {search.GROUP_MEETINGS_VARIABLE}, "
                             f"else {search.GROUP_MEETINGS})")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=None, help="where the archives are built (default: .bench)")
    parser.add_argument("--json", type=Path, default=None, help="also write the results as JSON here")
    parser.add_argument("--serve", action="store_true",
                        help="measure mkdocs serve --dirty instead: seconds from editing a minutes file to its page")
    parser.add_argument("--time-generator", nargs=3, type=Path, metavar=("SRC", "DOCS", "REPORT"), default=None,
                        help="one step of the benchmark, which runs it in its own process: build SRC into DOCS "
                             "and write the seconds per stage to REPORT")


def _bench(args: argparse.Namespace) -> int:
    from .dev import bench
    if args.time_generator:
        return bench.time_generator(*args.time_generator)
    work = args.work or bench.ROOT / ".bench"
    return bench.bench_command(args.sizes, args.large, args.group_meetings, args.seed, work, args.json, args.serve,
                               command_line=args.command_line)


def _first_line(module) -> str:
    return (module.__doc__ or "").splitlines()[0]


STEP_FAILED = (SourceError, RuntimeError)  # the site steps raise RuntimeError when MkDocs or Pagefind fails

COMMANDS = [
    Command("build", "generate the Markdown pages in docs/ from minutes_src/", _build_arguments, _build),
    Command("check", "validate all sources without building", _check_arguments, _check),
    Command("parse", "parse one minutes file and print it", _parse_arguments, _parse),
    Command("explain", "show what the parser read each line of one minutes file as, and why", _file_arguments,
            _explain),
    Command("shards", "build the site in shards, one per organisation, and merge them (make site SHARD=...)",
            shards.add_arguments, _shards, _first_line(shards), STEP_FAILED),
    Command("search", "index a built site with Pagefind, in search groups", search.add_arguments, _search,
            _first_line(search), STEP_FAILED),
    Command("publish", "build the site, redoing only what changed sources touch (make publish-incremental)",
            publish.add_arguments, _publish, _first_line(publish), STEP_FAILED),
    Command("corpus", "write a deterministic synthetic minutes archive (make corpus)", _corpus_arguments, _corpus,
            "Write a deterministic synthetic minutes archive.", usage_errors=(ValueError,)),
    Command("bench", "build synthetic archives of several sizes and print what each stage costs (make bench)",
            _bench_arguments, _bench, "Benchmark: build synthetic archives of several sizes and print what each "
            "stage costs.", STEP_FAILED),
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Regional cooperation minutes archive")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="command")
    for command in COMMANDS:
        sub = subparsers.add_parser(command.name, help=command.help, description=command.description or command.help)
        command.add_arguments(sub)
        sub.set_defaults(command_parser=sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser().parse_args(argv)
    args.command_line = "python -m generator " + shlex.join(argv)  # what bench's report says it measured
    command = next(command for command in COMMANDS if command.name == args.command)
    try:
        return command.run(args)
    except command.usage_errors as exc:
        args.command_parser.error(str(exc))  # exits 2
    except command.failures as exc:
        print(exc, file=sys.stderr)
    return 1
