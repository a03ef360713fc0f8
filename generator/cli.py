"""Command line: ``python -m generator parse|build|check``. Only this module turns errors into exit codes."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import SourceError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Regional cooperation minutes archive")
    commands = parser.add_subparsers(dest="command", required=True)

    parse = commands.add_parser("parse", help="parse one minutes file and print it")
    parse.add_argument("file", type=Path)
    parse.add_argument("--json", action="store_true", help="print the meeting as JSON (meeting.schema.json)")
    parse.add_argument("--source-root", type=Path, default=None,
                       help="the source folder the file belongs to (default: found from the file's location)")

    explain = commands.add_parser("explain", help="show what the parser read each line of one minutes file as, and why")
    explain.add_argument("file", type=Path)
    explain.add_argument("--source-root", type=Path, default=None,
                         help="the source folder the file belongs to (default: found from the file's location)")

    build = commands.add_parser("build", help="generate the Markdown pages in docs/ from minutes_src/")
    build.add_argument("--src", type=Path, default=Path("minutes_src"))
    build.add_argument("--out", type=Path, default=Path("docs"))
    build.add_argument("--strict", action="store_true", help="fail on warnings too")
    build.add_argument("--jobs", type=int, default=0, help="parallel parse workers (0: one per core)")

    check = commands.add_parser("check", help="validate all sources without building")
    check.add_argument("--src", type=Path, default=Path("minutes_src"))
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too")

    args = parser.parse_args(argv)
    try:
        if args.command == "parse":
            return _parse(args)
        if args.command == "explain":
            return _explain(args)
        if args.command == "build":
            from .build import build_command
            return build_command(args.src, args.out, strict=args.strict, jobs=args.jobs)
        if args.command == "check":
            from .build import check_command
            return check_command(args.src, strict=args.strict)
    except SourceError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 2


def _parse(args) -> int:
    from .build import context_for_file
    from .render.export import meeting_to_json
    from .parse import parse_document
    from .read import read_source

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


def _explain(args) -> int:
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
