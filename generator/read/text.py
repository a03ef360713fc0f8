"""Plain text in any common encoding: UTF-8 (with or without BOM), UTF-16, Windows-1252, ISO-8859-1."""
from __future__ import annotations

from ..errors import SourceError
from ..model import Diagnostic, Line
from . import lines_from_text

# Magic numbers of formats people save with a .txt name by mistake.
BINARY_SIGNATURES = {
    b"PK\x03\x04": "a ZIP container (a .docx, .odt or .xlsx?)",
    b"%PDF": "a PDF document",
    b"\xff\xd8\xff": "a JPEG image",
    b"\x89PNG": "a PNG image",
    b"\xd0\xcf\x11\xe0": "an old Word/Excel document (.doc/.xls)",
    b"GIF8": "a GIF image",
}


def decode(data: bytes, path: str) -> str:
    """Decode bytes to text, refusing binary data with a message naming what it looks like."""
    for signature, kind in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise SourceError(path, f"binary file: this looks like {kind}, not text; "
                                    "save it with its own extension or as plain text")
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):  # before UTF-16: its BOM starts the same
        return data.decode("utf-32", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")  # a damaged pair of bytes costs one character, not the file
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if b"\x00" in data[:4096]:
        if _looks_like_utf16(data):
            return data.decode("utf-16-le" if data[1:2] == b"\x00" else "utf-16-be", errors="replace")
        raise SourceError(path, "binary file: contains NUL bytes, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    mixed = _decode_mixed(data)
    if mixed is not None:
        return mixed
    # Not UTF-8: Norwegian documents are almost always Windows-1252 or ISO-8859-1.
    # cp1252 is a superset of the printable ISO-8859-1 range, so it reads both.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise SourceError(path, "cannot tell the text encoding of this file") from None
        return str(best)


class MixedText(str):
    """Text decoded line by line; ``foreign`` lists the numbers of the lines that were not UTF-8."""

    foreign: tuple[int, ...] = ()


def _decode_mixed(data: bytes) -> MixedText | None:
    """A UTF-8 file with a few lines in Windows-1252 (one line pasted from an old document): decoded
    line by line, so one stray byte does not turn every æ, ø and å of the file into mojibake.
    None when no line holds UTF-8 beyond ASCII: then the whole file is in a single-byte encoding."""
    chunks, foreign, utf8_seen, line = [], [], False, 1
    for raw in data.split(b"\n"):
        try:
            text = raw.decode("utf-8")
            utf8_seen = utf8_seen or not raw.isascii()
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
            foreign.append(line)
        chunks.append(text)
        line += 1 + text.rstrip("\r").count("\r")  # a lone CR is a line break too (lines_from_text)
    if not utf8_seen:
        return None
    result = MixedText("\n".join(chunks))
    result.foreign = tuple(foreign)
    return result


def _looks_like_utf16(data: bytes) -> bool:
    sample = data[:4096]
    return sample[1::2].count(0) > len(sample) // 4 or sample[0::2].count(0) > len(sample) // 4


MAX_FOREIGN_WARNINGS = 10


def read_text(data: bytes, path: str) -> tuple[list[Line], dict, list[Diagnostic]]:
    text = decode(data, path)
    foreign = getattr(text, "foreign", ())
    warnings = [Diagnostic(path, line, "warning", "this line is not UTF-8 like the rest of the file; read as "
                                                  "Windows-1252 (check its æ, ø, å)") for line in foreign[:MAX_FOREIGN_WARNINGS]]
    if len(foreign) > MAX_FOREIGN_WARNINGS:
        warnings.append(Diagnostic(path, foreign[MAX_FOREIGN_WARNINGS], "warning",
                                   f"{len(foreign) - MAX_FOREIGN_WARNINGS} more lines are not UTF-8; read as Windows-1252"))
    return lines_from_text(str(text)), {}, warnings
