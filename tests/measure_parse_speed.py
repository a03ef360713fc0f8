"""Parse time per meeting on a synthetic archive, in CPU seconds (steady under a loaded machine).

    .venv/bin/python -m generator corpus --meetings 1000 --seed 1 --out /tmp/corpus1000
    .venv/bin/python tests/measure_parse_speed.py /tmp/corpus1000

Run it in a checkout of the previous commit too (``git worktree add``) to compare parsers: the
sources are read once, then parsed three times, and the best run counts.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, ".")  # the parser of the checkout it is run from

from generator.parse import parse_document  # noqa: E402
from generator.read import read_source  # noqa: E402


def main(root: Path) -> None:
    files = sorted(p for p in root.rglob("*") if p.suffix in (".txt", ".md") and p.is_file())
    documents = [read_source(p) for p in files]
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        for document in documents:
            parse_document(document)
        best = min(best, time.process_time() - started)
    print(f"{len(documents)} documents: parse {best:.2f} CPU s, {1000 * best / len(documents):.2f} ms per meeting")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
