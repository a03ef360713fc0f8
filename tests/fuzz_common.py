"""What both fuzzers share (tests/fuzz_parse.py, tests/fuzz_archive.py): the mutation loop (make an
input, check it under a time budget, since a hang is a crash too, and save one input per distinct crash
site) and the mutations of the docx, odt, html and pdf fixtures."""
from __future__ import annotations

import io
import random
import signal
import time
import traceback
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ROOT / "tests" / "fixtures" / "formats"
BINARY_FORMATS = (".docx", ".odt", ".html", ".pdf")
MAIN_PART = {".docx": "word/document.xml", ".odt": "content.xml"}
XML_TOKENS = [b"<w:p>", b"</w:p>", b"<w:t>", b"</w:t>", b"<text:p>", b"</text:p>", b"<text:span>" * 300, b"&amp;",
              b"&#0;", b"&#x1b;", b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]>", b"&a;", b"<w:tbl>", b"<table:table>",
              b"<w:numPr><w:ilvl w:val='9'/><w:numId w:val='1'/></w:numPr>", b"Sak 1/24 ", b"Vedtak: ",
              b"<w:tc>", b"</w:tc>", b"<w:tr>", b"<w:gridSpan w:val='99'/>", b"<w:vMerge/>", b"<w:ilvl w:val='-1'/>",
              b"<w:footnoteReference w:id='7'/>", b"<text:list>", b"</text:list>", b"<table:table-row>",
              b"<table:table-cell table:number-columns-spanned='0'>", b"<table:covered-table-cell/>",
              b"text:start-value='-5'", b"<text:note><text:note-body>", b"<text:h text:outline-level='99'>"]
HTML_TOKENS = [b"<div>" * 500, b"<table><tr><td>", b"</td></tr></table>", b"<script>alert(1)</script>",
               b"<p style='mso-list:l0 level1'>", b"<o:p>", b"<a href='#_ftn1'>", b"<div style='mso-element:footnote'>",
               b"<br>", b"&nbsp;", b"<!--", b"<![CDATA[", b"Sak 1/24 ", b"\x00", b"<ol start='-3' type='i'>",
               b"<li value='x'>", b"<td colspan='999999'>", b"<td rowspan='0'>", b"<meta charset='x-bogus'>"]
PDF_TOKENS = [b"BT ", b"ET ", b"(Sak 1/24) Tj ", b"0 0 1 rg ", b"q " * 100, b"obj", b"endobj", b"stream", b"endstream",
              b"/Length 99999", b"R ", b"1 0 R ", b"/Type /Page ", b"/MediaBox [0 0 0 0] ", b"/FlateDecode ",
              b"xref", b"trailer", b"0 0 m 100 100 l S ", b"10 10 200 300 re S ", b"1e308 ", b"-0 "]


class OutOfTime(BaseException):
    """One input over its budget. Not an Exception: pdfplumber wraps every Exception in layout into a
    PdfminerException, which the PDF reader rightly reports as a damaged file; a hang must stay a crash."""


def crash_signature(error: BaseException) -> tuple:
    """Where an exception was raised; assertions (the fuzzers' own checks) also by their message."""
    frame = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
    return (type(error).__name__, frame.filename if frame else "", frame.lineno if frame else 0,
            str(error)[:60] if isinstance(error, AssertionError) else "")


def fuzz_loop(seconds: float, budget: float, make: Callable[[], tuple[object, str]],
              check: Callable[[object], None], save: Callable[[object, BaseException], Path]) -> tuple[int, list[Path]]:
    """Run ``check(input)`` on inputs from ``make()`` (the input and where it came from) for ``seconds``;
    returns the number of inputs and the crashes saved."""
    def out_of_time(signum, frame):
        raise OutOfTime(f"one input took longer than its budget ({budget} s, --budget)")

    previous = signal.signal(signal.SIGALRM, out_of_time)
    deadline, runs, crashes, seen = time.monotonic() + seconds, 0, [], set()
    try:
        while time.monotonic() < deadline:
            data, what = make()
            signal.setitimer(signal.ITIMER_REAL, budget)
            try:
                check(data)
            except (Exception, OutOfTime) as error:  # noqa: BLE001 - every exception reaching here is a crash to pin
                signal.setitimer(signal.ITIMER_REAL, 0)
                if crash_signature(error) not in seen:
                    seen.add(crash_signature(error))
                    saved = save(data, error)
                    crashes.append(saved)
                    print(f"CRASH from {what}: {type(error).__name__}: {str(error)[:300]} -> "
                          f"{saved.relative_to(ROOT)}", flush=True)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            runs += 1
    finally:
        signal.signal(signal.SIGALRM, previous)
    return runs, crashes


def format_seeds() -> list[tuple[str, bytes]]:
    """(file name, bytes) of the docx, odt, html and pdf fixtures that read (not the corrupt ones)."""
    return [(p.name, p.read_bytes()) for p in sorted(FORMATS.glob("*"))
            if p.suffix in BINARY_FORMATS and not p.name.startswith(("corrupt", "encrypted"))]


def mutate_format(suffix: str, data: bytes, rng: random.Random) -> bytes:
    """A mutated file of a binary format: mostly its XML, markup or PDF content operators edited with
    the format's tokens; sometimes its bytes, ZIP structure and all (damaged files)."""
    if suffix in MAIN_PART:
        if rng.random() < 0.2:
            return mutate_bytes(data, rng)
        return mutate_zip(data, rng, MAIN_PART[suffix])
    tokens = HTML_TOKENS if suffix == ".html" else PDF_TOKENS
    return mutate_with(data, rng, tokens)


def mutate_zip(data: bytes, rng: random.Random, main: str) -> bytes:
    """The package rewritten with one XML part mutated: its main part mostly, else any other (styles,
    numbering, notes); a mutated ZIP is nearly always just unreadable, so that is done less often."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        members = source.infolist()
        xml = [m.filename for m in members if m.filename.endswith(".xml")]
        chosen = main if rng.random() < 0.7 or not xml else rng.choice(xml)
        for member in members:
            content = source.read(member)
            if member.filename == chosen:
                content = mutate_with(content, rng, XML_TOKENS)
            target.writestr(member.filename, content)
    return out.getvalue()


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    """Truncated or with bytes changed: what a broken download or disk leaves."""
    data = bytearray(data)
    if rng.random() < 0.4:
        return bytes(data[:rng.randrange(1, len(data))])
    for _ in range(rng.choice([1, 2, 5, 20])):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def mutate_with(data: bytes, rng: random.Random, tokens: list[bytes]) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        position = rng.randint(0, len(data))
        choice = rng.random()
        if choice < 0.5:
            data[position:position] = rng.choice(tokens)
        elif choice < 0.7 and data:
            data[min(position, len(data) - 1)] = rng.randrange(256)
        elif choice < 0.85:
            del data[position:position + rng.randint(1, 100)]
        else:
            end = min(len(data), position + rng.randint(1, 200))
            data[position:position] = bytes(data[position:end]) * rng.randint(1, 50)
    return bytes(data)
