"""Fuzz the whole parse step (read -> decode -> clean -> dialect -> header -> items -> references ->
JSON) with mutated seeds, for a bounded time: text minutes and, half of the time, the docx, odt, html
and pdf fixtures (tests/fixtures/formats) through their readers.

    python tests/fuzz_parse.py --seconds 60        (make fuzz; FUZZ_SECONDS=600 make fuzz)

A crash is any exception other than SourceError (the clear "this file cannot be used" error: a
reader's own bug is not one, see tests/test_reader_errors.py), a meeting whose JSON does not survive
a round trip, or one parse that takes longer than its budget. Each crash is written to
tests/fixtures/fuzz/ (named by its hash, with the extension of its format) and becomes a pinned
regression test in tests/test_fuzz_regressions.py. The mutations are structure-aware: besides
flipping, inserting and deleting bytes they splice lines between seeds and insert the tokens minutes
are made of (case numbers, dates, labels, table cells, HTML fragments, encodings' byte marks); the
binary formats get their XML, markup or PDF tokens, and sometimes damaged bytes (tests/fuzz_common.py).
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

from generator.errors import SourceError  # noqa: E402
from generator.render.export import meeting_from_dict, meeting_to_dict  # noqa: E402
from generator.model import Body, Organisation, SourceDocument  # noqa: E402
from generator.parse import ParseContext, parse_document  # noqa: E402
from generator.read import read_source  # noqa: E402
from generator.read.text import read_text  # noqa: E402
from fuzz_common import format_seeds, fuzz_loop, mutate_format  # noqa: E402

CRASHES = ROOT / "tests" / "fixtures" / "fuzz"
SEED_FOLDERS = [ROOT / "minutes_src", ROOT.parent / "shared" / "seeds", ROOT.parent / "shared" / "corpus" / "raw"]
CONTEXT = ParseContext(Organisation("fuzz", "Fuzzregionen", "Fuzz", municipalities=("Skien", "Bamble")),
                       Body("ru", "Rådmannsutvalget", "RU", aliases=("RU",)))
TOKENS = [
    "Sak 12/20", "sak 3 ovenfor", "Sak nr. 4", "sak 4 fra møtet 6.5", "Sak 088/09 Formannskapet i Kongsberg kommune",
    "\t34/23\n\tReferat fra møtet\n", "Saksnr.", "31.02.2023", "29.2", "8. januar 2010", "13/10-87", "2024-01-17",
    "kl. 0830 - 1200", "Tid og sted:", "Sted:", "Møteleder:", "Referent", "Til stede:", "Forfall:", "Vedtak:",
    "Konklusjon:", "Forslag til vedtak:", "Vedl 1 Notat – til sak 002/10", "(vedlegg 3)", "Neste møte 4.9",
    "Referat fra Rådmannsutvalget 27.11.09", "---\ntitle: x\ndate: 2023-13-45\n---\n", "[bookmark: _GoBack]",
    "<p><i>kursiv</i></p>", "<table><tr><td>a</td></tr></table>", "<!--", "-->", "| a | b |", "|---|---|",
    "=====", "-----", "# ", "### 5.1 - ", "1. ", "- ", "•\t", "**", "__", "* TOC", "Innhold ........ 3", "\r\n", "\r",
    "\ufeff", "\x00", "\u00a0", "\u2028", "…", "æøåÆØÅ", "İ", "ß", "\ud7ff", "Ola Nordmann (Skien)", " og ", ", ",
    "var til stede", "valgt til referent", "{:toc}", "{ .class }", "[lenke](javascript:x)", "https://example.org",
]


def seeds() -> list[tuple[str, bytes]]:
    found = []
    for folder in SEED_FOLDERS:
        if folder.is_dir():
            found += [(p.name, p.read_bytes()) for p in sorted(folder.rglob("*")) if p.suffix in (".txt", ".md")]
    return found


def mutate(data: bytes, rng: random.Random, others: list[bytes]) -> bytes:
    """One to eight random edits of ``data``."""
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        choice = rng.random()
        position = rng.randint(0, len(data))
        if choice < 0.15 and data:  # flip a byte
            data[min(position, len(data) - 1)] = rng.randrange(256)
        elif choice < 0.25:  # delete a run
            del data[position:position + rng.randint(1, 200)]
        elif choice < 0.55:  # insert a token
            data[position:position] = rng.choice(TOKENS).encode("utf-8")
        elif choice < 0.70 and data:  # duplicate a run (long lines, repeated headings)
            end = min(len(data), position + rng.randint(1, 400))
            data[position:position] = bytes(data[position:end]) * rng.randint(1, 20)
        elif choice < 0.85 and others:  # splice in lines of another document
            other = rng.choice(others)
            start = rng.randint(0, len(other))
            data[position:position] = other[start:start + rng.randint(1, 2000)]
        else:  # re-encode the whole text
            text = bytes(data).decode("utf-8", "replace")
            encoding = rng.choice(["cp1252", "latin-1", "utf-16", "utf-8-sig"])
            data = bytearray(text.encode(encoding, "replace"))
    return bytes(data)


def parse_bytes(data: bytes, name: str = "fuzz.txt"):
    """The parse step on raw bytes: None for a clean SourceError, else the meeting."""
    try:
        lines, front_matter, _ = read_text(data, name)
    except SourceError:
        return None
    if not any(line.text.strip() for line in lines):
        return None
    document = SourceDocument(name, tuple(lines), "txt", hashlib.sha256(data).hexdigest(), front_matter)
    try:
        meeting, _ = parse_document(document, CONTEXT)
    except SourceError:
        return None
    return meeting


def parse_file(data: bytes, suffix: str):
    """A file of any format read (read_source) and parsed: None for a clean SourceError, else the meeting."""
    with tempfile.TemporaryDirectory(prefix="fuzz-") as work:
        path = Path(work) / f"fuzz{suffix}"
        path.write_bytes(data)
        try:
            document = read_source(path, path.name)
            meeting, _ = parse_document(document, CONTEXT)
        except SourceError:
            return None
    return meeting


def check(data: bytes, suffix: str = ".txt") -> None:
    """Raise if ``data`` crashes the parse step or its JSON round trip."""
    meeting = parse_bytes(data) if suffix == ".txt" else parse_file(data, suffix)
    if meeting is not None:
        plain = meeting_to_dict(meeting)
        if meeting_to_dict(meeting_from_dict(plain)) != plain:
            raise AssertionError("the meeting's JSON does not survive a round trip")


def check_input(sample: tuple[str, bytes]) -> None:
    check(sample[1], sample[0])


def save_crash(sample: tuple[str, bytes], error: BaseException) -> Path:
    """The input as crash-<hash>.bin (text) or .docx/.odt/.html/.pdf, its traceback beside it."""
    suffix, data = sample
    CRASHES.mkdir(parents=True, exist_ok=True)
    path = CRASHES / f"crash-{hashlib.sha1(data).hexdigest()[:16]}{'.bin' if suffix == '.txt' else suffix}"
    path.write_bytes(data)
    path.with_suffix(".traceback").write_text("".join(traceback.format_exception(error)), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: from the clock, printed)")
    parser.add_argument("--budget", type=float, default=20.0, help="seconds one parse may take")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else int(time.time())
    rng = random.Random(seed)
    corpus, formats = seeds(), format_seeds()
    others = [data for _, data in corpus]
    print(f"fuzzing the parse step for {args.seconds:.0f} s from {len(corpus)} text and {len(formats)} "
          f"docx/odt/html/pdf seeds (--seed {seed})", flush=True)
    logging.disable(logging.CRITICAL)  # pdfminer logs every broken object it meets

    def make():
        if formats and rng.random() < 0.5:
            name, data = rng.choice(formats)
            suffix = Path(name).suffix
            return (suffix, mutate_format(suffix, data, rng)), name
        name, data = rng.choice(corpus)
        return (".txt", mutate(data, rng, others)), name

    runs, crashes = fuzz_loop(args.seconds, args.budget, make, check_input, save_crash)
    print(f"{runs} inputs, {len(crashes)} crashes", flush=True)
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
