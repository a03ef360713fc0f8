"""Time the incremental publish (generator/site/publish.py) on a synthetic archive: a clean build, then
adding, editing and deleting one meeting, each published from the state the previous one left.

    python tests/measure_publish.py --meetings 10000 --work /tmp/publish-bench [--verify]

The archive is ``python -m generator corpus --meetings N --seed 1`` with its newest meeting held
back, so "add" publishes the newest meeting (which also moves the build date). "edit" adds a sentence
in the middle of another organisation's meeting, "delete" removes a meeting in the middle of a third
one's body. Prints one row per step (seconds, what was redone, the load average before it) as a
Markdown table. ``--verify`` then builds the final sources clean (generator build + shards all) and
compares every file with the incremental site.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.site import publish  # noqa: E402
from generator.dev.synthetic import generate  # noqa: E402


def meetings(src: Path, org: str | None = None) -> list[Path]:
    return sorted(src.glob(f"{org or '*'}/*/[0-9]*.txt"), key=lambda path: (path.name, str(path)))


def load() -> str:
    return Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").is_file() else "?"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, default=None, help="copy this synthetic archive instead of generating")
    parser.add_argument("--verify", action="store_true", help="compare the last site with a clean build")
    args = parser.parse_args()
    work = args.work.resolve()
    if work.exists():
        shutil.rmtree(work)
    src = work / "src"
    if args.corpus:
        shutil.copytree(args.corpus, src)
    else:
        generate(src, args.meetings, args.seed)
    (src / "_truth.jsonl").unlink(missing_ok=True)
    newest = meetings(src)[-1]
    held = newest.read_bytes()
    newest.unlink()
    organisations = sorted(path.name for path in src.iterdir() if path.is_dir())
    added_org = newest.relative_to(src).parts[0]
    edited_org = next(org for org in organisations if org != added_org)
    deleted_org = next(org for org in organisations if org not in (added_org, edited_org))

    def add() -> str:
        newest.write_bytes(held)
        return newest.relative_to(src).as_posix()

    def edit() -> str:
        path = meetings(src, edited_org)[5]
        lines = path.read_text(encoding="utf-8").split("\n")
        middle = next(i for i, line in enumerate(lines) if i > len(lines) // 2 and len(line.strip()) > 30)
        lines[middle] += " Redigert av sekretariatet."
        path.write_text("\n".join(lines), encoding="utf-8")
        return path.relative_to(src).as_posix()

    def delete() -> str:
        body = meetings(src, deleted_org)
        path = body[len(body) // 2]
        path.unlink()
        return path.relative_to(src).as_posix()

    rows = []
    for name, change in (("clean build", None), ("add one meeting", add), ("edit one meeting", edit),
                         ("delete one meeting", delete)):
        what = change() if change else f"{len(meetings(src))} meetings"
        before = load()
        started = time.perf_counter()
        report = publish.publish(src, work / "site", work / "state")
        seconds = time.perf_counter() - started
        rows.append((name, what, seconds, report, before))
        print(f"{name}: {seconds:.1f} s", file=sys.stderr, flush=True)
    print("| step | change | seconds | generator | MkDocs | search + site | shards rebuilt | search groups indexed | load before |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, what, seconds, report, before in rows:
        print(f"| {name} | {what} | {seconds:.1f} | {report.seconds['generator']:.1f} | {report.seconds['mkdocs']:.1f} "
              f"| {report.seconds['search + site']:.1f} | {len(report.shards)} of {report.shard_count} "
              f"({', '.join(report.shards) if len(report.shards) < report.shard_count else 'all'}) "
              f"| {len(report.groups)} of {report.group_count} | {before} |")
    if args.verify:
        clean = work / "clean"
        env = {**os.environ, "PYTHONHASHSEED": "0", "NO_MKDOCS_2_WARNING": "1"}
        started = time.perf_counter()
        for command in (["-m", "generator", "build", "--src", str(src), "--out", str(clean / "docs")],
                        ["-m", "generator", "shards", "all", "--src", str(src), "--docs", str(clean / "docs"),
                         "--site", str(clean / "site"), "--work", str(clean / "shards")]):
            subprocess.run([sys.executable, *command], cwd=ROOT, env=env, check=True, capture_output=True)
        print(f"clean reference build: {time.perf_counter() - started:.1f} s", file=sys.stderr)
        files = lambda site: {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}  # noqa: E731
        expected, got = files(clean / "site"), files(work / "site")
        differ = [name for name in expected if name not in got or expected[name].read_bytes() != got[name].read_bytes()]
        extra = sorted(set(got) - set(expected))
        print(f"verify: {len(expected)} files in the clean build; {len(differ)} differ or missing, {len(extra)} extra"
              + (f"; e.g. {(differ + extra)[:5]}" if differ or extra else ": byte-identical"))
        return 1 if differ or extra else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
