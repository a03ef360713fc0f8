"""ZIP packages (``.docx``, ``.odt``): refuse a zip bomb before anything is inflated.

A 190 KB ``.docx`` can hold 50 MB of XML (48 s and 1.6 GB to read) or far more. The sizes a ZIP
member declares are a true bound here: ``zipfile`` (which python-docx uses too) stops inflating a
member at its declared size and fails its CRC check, so checking the declared sizes and ratios
bounds the memory and time every later read takes.
"""
from __future__ import annotations

import lzma
import struct
import zipfile
import zlib

from ..errors import SourceError

MB = 1024 * 1024
MAX_XML_MEMBER = 20 * MB  # the XML we parse: a 400-page Word document has about 10 MB of it
MAX_MEMBER = 64 * MB  # an embedded image or other part we never inflate ourselves
MAX_TOTAL = 200 * MB  # python-docx loads every part into memory
MAX_RATIO = 100  # real documents compress their XML at most about 35:1 (tests/fixtures/formats)
RATIO_FROM = 1 * MB  # small members may compress better without harm
MAX_MEMBERS = 10_000

# What zipfile (Python 3.11, Lib/zipfile.py) and the decompressors it calls raise on a damaged or unusual
# archive. Only ever caught around zipfile calls: zipfile raises plain builtins of its own.
DAMAGED_ZIP = (
    zipfile.BadZipFile,  # bad signatures, truncated directory, CRC mismatch ("Bad CRC-32")
    zlib.error,  # a deflated member that does not inflate
    lzma.LZMAError,  # the same for an LZMA member
    OSError,  # bz2: "Invalid data stream"
    EOFError,  # "Compressed file ended before the end-of-stream marker was reached"
    NotImplementedError,  # "That compression method is not supported"
    RuntimeError,  # an encrypted member: "File ... is encrypted, password required for extraction"
    ValueError,  # bad offsets: "negative seek value"; UnicodeDecodeError of a UTF-8-flagged member name
    OverflowError,  # a ZIP64 offset beyond what a seek takes
    struct.error,  # a header cut short of the fields it declares
)


def check_package(package: zipfile.ZipFile, path: str, kind: str) -> None:
    """Raise SourceError when a member or the whole package would inflate beyond the limits."""
    members = package.infolist()
    if len(members) > MAX_MEMBERS:
        raise SourceError(path, f"{kind} has {len(members)} parts (at most {MAX_MEMBERS} are read); refused")
    total = 0
    for member in members:
        size = member.file_size
        limit = MAX_XML_MEMBER if member.filename.endswith((".xml", ".rels")) else MAX_MEMBER
        if size > limit:
            raise SourceError(path, f"{kind}: part '{member.filename}' unpacks to {size // MB} MB "
                                    f"(at most {limit // MB} MB are read); refused")
        if size > RATIO_FROM and size > MAX_RATIO * max(member.compress_size, 1):
            raise SourceError(path, f"{kind}: part '{member.filename}' unpacks to {size // MB} MB from "
                                    f"{member.compress_size // 1024} KB, more than {MAX_RATIO} times its "
                                    "packed size (a zip bomb?); refused")
        total += size
    if total > MAX_TOTAL:
        raise SourceError(path, f"{kind} unpacks to {total // MB} MB (at most {MAX_TOTAL // MB} MB are read); refused")
