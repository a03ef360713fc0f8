"""Resource bounds for the hostile inputs of issue 12: each is put into a small archive and run through
``python -m generator build`` in its own process; prints wall time, peak memory and what was reported.

    .venv/bin/python tests/measure_hostile.py            (all cases)
    .venv/bin/python tests/measure_hostile.py pdf-5000   (one case)

Bound: every case finishes in under 10 s and 1 GB on the development machine, or is refused with a
clear error (the line printed). Not part of ``make test`` (it takes a minute or two).
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import hostile  # noqa: E402
from test_hostile_input import BODY, NESTED, ORG, archive, minutes  # noqa: E402

CASES = {
    "docx-bomb-50mb": lambda: {f"{ORG}/{BODY}/2024-02-10.docx": hostile.docx_bomb(50)},
    "odt-bomb-50mb": lambda: {f"{ORG}/{BODY}/2024-02-11.odt": hostile.odt_bomb(50)},
    "html-nested-100000": lambda: {f"{ORG}/{BODY}/2024-02-12.html": b"<html><body>" + b"<div>" * 100_000
                                   + b"Sak 1/24" + b"</div>" * 100_000},
    "line-2mb-of-references": lambda: {f"{ORG}/{BODY}/2024-02-13.txt": minutes(
        "13.02.2024", "Sak 1/23 Første", "Sak 2/24 Mange\n" + "sak 1/23 " * 230_000)},
    "thread-1000-cases": lambda: {f"{ORG}/{BODY}/2024-02-14.txt": minutes(
        "14.02.2024", "Sak 1/24 Start\nVedtak: Startet.",
        *(f"Sak {n}/24 Videre {n}\nOppfølging av sak {n - 1}/24.\nVedtak: Fulgt opp." for n in range(2, 1001)))},
    "pdf-5000-pages": lambda: {f"{ORG}/{BODY}/2024-02-15.pdf": hostile.pdf_pages(
        [[f"Side {n}", f"Sak {n}/24 Tittel"] for n in range(1, 5001)])},
    "yaml-3000-deep": lambda: {f"{ORG}/utvalg/body.yml": f"name: {NESTED}\n", "topics.yml": f"topics: {NESTED}\n"},
    "text-one-line-2mb": lambda: {f"{ORG}/{BODY}/2024-02-16.txt": minutes("16.02.2024", "Sak 1/24 Lang\n" + "ord " * 500_000)},
}

TIMEOUT = 300  # seconds per case
MEASURE = """
import resource, sys, time
from pathlib import Path
from generator.build import build
started = time.perf_counter()
result = build(Path(sys.argv[1]), Path(sys.argv[2]), jobs=1)
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
largest = max((p.stat().st_size for p in Path(sys.argv[2]).rglob('*.md')), default=0)
print(f"{seconds:.1f} s, {peak} MB, largest page {largest // 1024} KB, {len(result.errors)} errors")
for error in result.errors[:2]:
    print("   ", str(error)[:160])
"""


def main(names: list[str]) -> int:
    for name in names or list(CASES):
        with tempfile.TemporaryDirectory() as work:
            src = archive(Path(work), CASES[name]())
            started = time.perf_counter()
            try:
                done = subprocess.run([sys.executable, "-c", MEASURE, str(src), str(Path(work) / "docs")], cwd=ROOT,
                                      capture_output=True, text=True, timeout=TIMEOUT)
                shown = done.stdout.strip() or done.stderr[-500:]
            except subprocess.TimeoutExpired:
                shown = f"NOT DONE after {TIMEOUT} s"
            print(f"{name}: {shown}  (process {time.perf_counter() - started:.1f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
