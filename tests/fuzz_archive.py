"""Fuzz the whole archive build (read -> parse -> link -> views -> render -> write) with mutated
sources of every reader (txt, md, docx, odt, html, pdf) and mutated metadata (organisation.yml,
body.yml, people.yml, topics.yml), for a bounded time.

    python tests/fuzz_archive.py --seconds 60        (make fuzz; FUZZ_SECONDS=600 make fuzz)

Each round builds a small archive: one organisation and body, a good meeting, and one mutated source
or metadata file. It runs ``check`` (``build`` without output) and ``build``. A crash is any
exception from either, an "internal error" diagnostic (the build's last-resort catch), a build that
fails where ``check`` reported no error, or a round over its time budget. Each crash's source tree is
saved under tests/fixtures/fuzz/archive-<hash>/ and becomes a regression test
(tests/test_hostile_input.py::test_saved_fuzz_archives_build).
"""
from __future__ import annotations

import argparse
import hashlib
import logging
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from fuzz_common import BINARY_FORMATS, FORMATS, fuzz_loop, format_seeds, mutate_format, mutate_with  # noqa: E402
from fuzz_parse import mutate  # noqa: E402

from generator.build import build  # noqa: E402

CRASHES = ROOT / "tests" / "fixtures" / "fuzz"
ORG, BODY = "fuzz", "ru"
GOOD = "Referat fra Rådmannsutvalget\nMøte 19.01.2024\nTil stede: Ola Nordmann\n\nSak 1/24 Sak\nVedtak: Vedtatt.\n"
METADATA = {
    f"{ORG}/organisation.yml": "name: Fuzzregionen\nshort_name: Fuzz\nmunicipalities: [Skien, Bamble]\n"
                               "aliases: [Fuzz IPR]\nwebsite: https://example.org\n",
    f"{ORG}/{BODY}/body.yml": "name: Rådmannsutvalget\nshort_name: RU\naliases: [RU]\nrecords_decisions: true\n"
                              "description: Et utvalg.\n",
    "people.yml": "merge:\n  - name: Ola Nordmann\n    spellings: [Ola Nordman]\nsplit:\n  - spelling: Kari Hansen\n"
                  "    people:\n      - name: Kari Hansen (Skien)\n        affiliations: [Skien]\n        from: 2020-01-01\n"
                  "      - name: Kari Hansen\n",
    "topics.yml": "topics:\n  - name: Barnevern\n    words: [barnevern, '*reform']\n    description: Barnevern\n",
}
YAML_TOKENS = [b"\n", b": ", b"- ", b"[", b"]", b"{", b"}", b"&a ", b"*a", b"!!timestamp ", b"!!binary ", b"2020-02-30",
               b"2024-01-19 25:00:00", b"'", b'"', b"\\e", b"\\0", b"\t", b"? ", b"|", b">", b"%YAML 1.1\n", b"---\n",
               b"[" * 200, b"\xff", b"\x1b[31m", b"~", b"null", b"1e999", b"0x", b"pagefind", b"personer"]
def seeds() -> list[tuple[str, bytes]]:
    """(file name, bytes) of every reader's fixtures and the sample minutes."""
    found = format_seeds() + [(p.name, p.read_bytes()) for p in sorted(FORMATS.glob("*.txt"))]
    found += [(p.name, p.read_bytes()) for p in sorted((ROOT / "minutes_src").rglob("*.txt"))]
    found.append(("referat.md", b"---\ntitle: Referat\ndate: 2024-01-19\n---\n" + GOOD.encode()))
    return found


def one_round(rng: random.Random, corpus: list[tuple[str, bytes]]) -> tuple[dict[str, bytes], str]:
    """The files of one fuzzed archive and a description of what was mutated."""
    files = {path: text.encode() for path, text in METADATA.items()}
    files[f"{ORG}/{BODY}/2024-01-19.txt"] = GOOD.encode()
    if rng.random() < 0.3:
        path = rng.choice(sorted(METADATA))
        files[path] = mutate_with(files[path], rng, YAML_TOKENS)
        return files, path
    name, data = rng.choice(corpus)
    suffix = Path(name).suffix
    if suffix in BINARY_FORMATS:
        data = mutate_format(suffix, data, rng)
    else:
        data = mutate(data, rng, [d for n, d in corpus if n.endswith(".txt")])
    files[f"{ORG}/{BODY}/2024-02-01{suffix}"] = data
    return files, name


def check_archive(files: dict[str, bytes]) -> None:
    """Raise if the archive of ``files`` crashes check or build, or build fails where check did not."""
    with tempfile.TemporaryDirectory() as work:
        src = Path(work) / "src"
        for relative, content in files.items():
            (src / relative).parent.mkdir(parents=True, exist_ok=True)
            (src / relative).write_bytes(content)
        checked = build(src, None, jobs=1)
        internal = [str(d) for d in checked.diagnostics if "internal error" in d.message]
        if internal:
            raise AssertionError(f"check: {internal[0]}")
        try:
            build(src, Path(work) / "docs", jobs=1)
        except Exception as error:
            if not checked.errors:
                raise AssertionError(f"build failed where check reported no error: {error!r}") from error
            raise


def save_crash(files: dict[str, bytes], error: BaseException) -> Path:
    digest = hashlib.sha1(b"".join(k.encode() + v for k, v in sorted(files.items()))).hexdigest()[:16]
    folder = CRASHES / f"archive-{digest}"
    for relative, content in files.items():
        (folder / "src" / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / "src" / relative).write_bytes(content)
    (folder / "traceback.txt").write_text("".join(traceback.format_exception(error)), encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: from the clock, printed)")
    parser.add_argument("--budget", type=float, default=60.0, help="seconds one round (check + build) may take")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else int(time.time())
    rng, corpus = random.Random(seed), seeds()
    logging.disable(logging.CRITICAL)  # pdfminer logs every broken object it meets
    print(f"fuzzing check + build for {args.seconds:.0f} s from {len(corpus)} seeds (--seed {seed})", flush=True)
    runs, crashes = fuzz_loop(args.seconds, args.budget, lambda: one_round(rng, corpus), check_archive, save_crash)
    print(f"{runs} archives, {len(crashes)} crashes", flush=True)
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
