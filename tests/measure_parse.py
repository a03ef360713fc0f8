"""Measure read + parse time of large inputs, to see that parsing stays linear in the input size.

    .venv/bin/python tests/measure_parse.py

Writes into a temporary folder: the sample minutes' body repeated to 12.5, 25 and 50 MB, and a file
with one line of 0.5, 1 and 2 MB (prose with case and meeting references). Linear parsing doubles
the time when the size doubles.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.parse import parse_document  # noqa: E402
from generator.read import read_source  # noqa: E402


def timed(path: Path) -> tuple[float, float, object]:
    started = time.perf_counter()
    document = read_source(path)
    read = time.perf_counter()
    meeting, _ = parse_document(document)
    return read - started, time.perf_counter() - read, meeting


def main() -> None:
    seed = (ROOT / "minutes_src" / "grenland" / "kdk" / "2023-08-22.txt").read_text(encoding="utf-8")
    body = seed.split("\n", 3)[3]
    sentence = "Rådmannsutvalget drøftet saken om barnevernvakt, jf. sak 12/20 og møtet 8. januar 2010. "
    with tempfile.TemporaryDirectory() as folder:
        for megabytes in (12.5, 25, 50):
            path = Path(folder) / f"{megabytes}mb.txt"
            path.write_text(seed + body * int(megabytes * 1e6 / len(body.encode())), encoding="utf-8")
            read, parse, meeting = timed(path)
            print(f"{path.stat().st_size / 1e6:5.1f} MB file: read {read:5.1f} s, parse {parse:5.1f} s "
                  f"({len(meeting.items)} items)", flush=True)
        for kilobytes in (500, 1000, 2000):
            path = Path(folder) / f"line{kilobytes}.txt"
            line = sentence * (kilobytes * 1000 // len(sentence.encode()))
            path.write_text(f"Referat 22.08.2023\nTil stede: Ola Nordmann\n\nSak 1/23 Test\n{line}\n", encoding="utf-8")
            read, parse, meeting = timed(path)
            print(f"{kilobytes / 1000:5.1f} MB line: read {read:5.2f} s, parse {parse:5.2f} s "
                  f"({len(meeting.items[0].references)} references)", flush=True)


if __name__ == "__main__":
    main()
