"""Job times of the sharded CI build against one `make site`, each job in a fresh copy of the
repository (tests/test_matrix.py runs the same steps), on a synthetic archive:

    .venv/bin/python tests/measure_matrix.py --meetings 2000 [--seed 1]

Prints seconds per job; the sum is what the matrix costs in runner time (without checkout and install).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_matrix import ARTIFACT_PREFIX, SYNTHETIC_TOPICS, checkout, make, pass_artifact  # noqa: E402

from generator.dev.synthetic import generate  # noqa: E402


def timed(label: str, times: dict, function, *args):
    started = time.perf_counter()
    result = function(*args)
    times[label] = round(time.perf_counter() - started, 1)
    print(f"{label}: {times[label]} s", file=sys.stderr)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    times: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as temp:
        work, src = Path(temp), Path(temp) / "src"
        generate(src, args.meetings, seed=args.seed)
        (src / "topics.yml").write_text(SYNTHETIC_TOPICS, encoding="utf-8")
        single = checkout(work, "single", src)
        timed("single: make site", times, make, single, "site")
        docs = checkout(work, "docs", src)
        timed("docs: make docs", times, make, docs, "docs")
        shards = json.loads(make(docs, "shard-list"))
        merge = checkout(work, "merge", src)
        for shard in shards:
            job = checkout(work, f"job-{shard}", src)
            pass_artifact(docs / "docs", job / "docs")
            timed(f"shard {shard}: make site SHARD={shard} GENERATE=0", times, make, job, "site", f"SHARD={shard}",
                  "GENERATE=0")
            pass_artifact(job / ".shards" / shard / "site", merge / ".shards" / f"{ARTIFACT_PREFIX}{shard}")
        timed("merge: make merge", times, make, merge, "merge")
    matrix = {label: seconds for label, seconds in times.items() if not label.startswith("single")}
    longest = max(seconds for label, seconds in matrix.items() if label.startswith("shard"))
    print(json.dumps({"meetings": args.meetings, "jobs": times, "matrix_sum_s": round(sum(matrix.values()), 1),
                      "matrix_wall_s": round(times["docs: make docs"] + longest + times["merge: make merge"], 1)},
                     indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
