"""Make Pagefind's filter index byte-reproducible (Pagefind 1.5.2 writes it in hash-map order).

Pagefind 1.5.2 (the newest on PyPI, April 2026) collects filters in a ``hashbrown::HashMap`` with a
random seed per process and encodes them in that map's order (``pagefind/src/index/mod.rs``: "TODO:
Change filter indexes to BTree to give them a stable hash"). The filter files
(``filter/*.pf_filter``), whose names are hashes of their content, the filter list in
``pagefind.<hash>.pf_meta`` and so the meta file's hash in ``pagefind-entry.json`` differ between
two runs over the same pages. Everything else in the bundle is already the same byte for byte.

Upstream fixed this after 1.5.2 (Pagefind/pagefind#1104 and #1124, August 2026; in Pagefind 1.6.0,
published on npm but not on PyPI): filters are sorted by name and each filter's values by value
before encoding. This module applies the same order to the files 1.5.2 wrote, and names them the
way Pagefind names them (``<language>_`` + the first 7 hex digits of the SHA-1 of the CBOR data,
lengthened on a collision; Pagefind's hex digits are unpadded, ``{:x?}`` per byte). On output that
is already in that order it changes nothing but the gzip stream (recompressed with ``mtime=0``).

The files are gzip streams of ``pagefind_dcd`` + CBOR. Only the CBOR that Pagefind's encoder
(minicbor) writes is read: definite-length arrays, maps, text and byte strings, unsigned and
negative integers, simple values. Every file is checked to re-encode to exactly its own bytes before
anything is rewritten, so a future format this code does not know stops the build instead of
producing a broken index.

When PyPI has a Pagefind with the fix (1.6.0 or later), this step can go: on such output it only
recompresses. Tests: ``tests/test_pagefind_stable.py``; two clean builds compared with ``diff -r`` in
``tests/test_reproducible.py``.
"""
from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


class FormatError(RuntimeError):
    """A Pagefind file this module does not understand."""


# --- CBOR, the subset minicbor writes ------------------------------------------------------------

def _decode(data: bytes, at: int):
    head = data[at]
    major, info = head >> 5, head & 0x1F
    at += 1
    if info < 24:
        value = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        value = int.from_bytes(data[at:at + size], "big")
        at += size
    else:
        raise FormatError(f"indefinite or reserved CBOR item (0x{head:02x})")
    if major == 0:
        return value, at
    if major == 1:
        return -1 - value, at
    if major in (2, 3):
        raw = data[at:at + value]
        if len(raw) != value:
            raise FormatError("truncated CBOR string")
        return (raw if major == 2 else raw.decode("utf-8")), at + value
    if major == 4:
        items = []
        for _ in range(value):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        pairs = []
        for _ in range(value):
            key, at = _decode(data, at)
            item, at = _decode(data, at)
            pairs.append((key, item))
        return _Map(pairs), at
    if major == 7 and info < 24:
        return _Simple(value), at
    raise FormatError(f"CBOR item not written by Pagefind (0x{head:02x})")


class _Map(list):
    """A CBOR map, kept as its list of pairs (order preserved)."""


class _Simple(int):
    """A CBOR simple value (false, true, null)."""


def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | info]) + value.to_bytes(size, "big")
    raise FormatError("integer too large for CBOR")


def encode(item) -> bytes:
    if isinstance(item, _Simple):
        return _head(7, int(item))
    if isinstance(item, bool):
        return _head(7, 21 if item else 20)
    if isinstance(item, int):
        return _head(0, item) if item >= 0 else _head(1, -1 - item)
    if isinstance(item, bytes):
        return _head(2, len(item)) + item
    if isinstance(item, str):
        raw = item.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(item, _Map):
        return _head(5, len(item)) + b"".join(encode(k) + encode(v) for k, v in item)
    if isinstance(item, list):
        return _head(4, len(item)) + b"".join(encode(x) for x in item)
    raise FormatError(f"cannot encode {type(item).__name__}")


def decode(data: bytes):
    item, end = _decode(data, 0)
    if end != len(data):
        raise FormatError("trailing bytes after the CBOR item")
    if encode(item) != data:
        raise FormatError("the CBOR data does not re-encode to the same bytes")
    return item


# --- Pagefind's files ------------------------------------------------------------------------------

def read_payload(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise FormatError(f"{path}: no Pagefind signature")
    try:
        return decode(raw[len(SIGNATURE):])
    except (FormatError, IndexError, UnicodeDecodeError) as exc:
        raise FormatError(f"{path}: {exc}") from exc


def write_payload(path: Path, item) -> None:
    path.write_bytes(gzip.compress(SIGNATURE + encode(item), compresslevel=9, mtime=0))


def pagefind_hash(data: bytes) -> str:
    """Pagefind's ``full_hash``: SHA-1, each byte as unpadded lowercase hex."""
    return "".join(format(byte, "x") for byte in hashlib.sha1(data).digest())


def _short_name(full: str, language: str, taken: set[str]) -> str:
    # pagefind/src/index/mod.rs: `&hash[0..=(language.len() + 7)]`, lengthened while it collides.
    short = full[:len(language) + 8]
    while short in taken and len(short) < len(full):
        short = full[:len(short) + 2]
    return short


def stabilise(bundle: Path) -> bool:
    """Rewrite the filter index of the Pagefind bundle in ``bundle`` in a stable order.

    Returns whether the bundle has a filter index (nothing is done otherwise)."""
    entry_path = bundle / "pagefind-entry.json"
    if not entry_path.exists():
        return False
    entry_text = entry_path.read_text(encoding="utf-8")
    entry = json.loads(entry_text)
    if _dump_entry(entry) != entry_text:
        raise FormatError(f"{entry_path}: not in the form this module writes back")
    done = False
    for language, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = read_payload(meta_path)
        if not (isinstance(meta, list) and len(meta) == 6 and isinstance(meta[3], list)
                and isinstance(meta[4], list)):
            raise FormatError(f"{meta_path}: not the meta index of Pagefind 1.5")
        # meta: [version, pages, index_chunks, filters [[name, hash]], sorts [[name, pages]], meta_fields]
        filters = []
        for name, old_hash in meta[3]:
            old_path = bundle / "filter" / f"{old_hash}.pf_filter"
            filter_name, values = read_payload(old_path)  # FilterIndex: [filter, [[value, [pages]]]]
            if filter_name != name:
                raise FormatError(f"{old_path}: holds filter {filter_name!r}, the meta index says {name!r}")
            filters.append((name, sorted(values, key=lambda pair: pair[0].encode("utf-8")), old_path))
        filters.sort(key=lambda item: item[0].encode("utf-8"))
        for _, _, old_path in filters:
            old_path.unlink()
        taken: set[str] = set()
        new_list = []
        for name, values, _ in filters:
            data = encode([name, values])
            short = _short_name(f"{language}_{pagefind_hash(data)}", language, taken)
            taken.add(short)
            new_list.append([name, short])
            (bundle / "filter" / f"{short}.pf_filter").write_bytes(
                gzip.compress(SIGNATURE + data, compresslevel=9, mtime=0))
        meta[3] = new_list
        meta[4] = sorted(meta[4], key=lambda item: item[0].encode("utf-8"))
        data = encode(meta)
        meta_hash = f"{language}_{pagefind_hash(data)[:len(language) + 8]}"
        meta_path.unlink()
        (bundle / f"pagefind.{meta_hash}.pf_meta").write_bytes(
            gzip.compress(SIGNATURE + data, compresslevel=9, mtime=0))
        info["hash"] = meta_hash
        done = done or bool(new_list)
    entry["languages"] = dict(sorted(entry["languages"].items()))
    entry_path.write_text(_dump_entry(entry), encoding="utf-8")
    return done


def _dump_entry(entry) -> str:
    # serde_json's compact form, non-ASCII characters as they are.
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
