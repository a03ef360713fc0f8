"""Meetings as JSON following ``meeting.schema.json`` (plus our own extra fields)."""
from __future__ import annotations

import json
import types
import typing
from dataclasses import fields, is_dataclass

from ..model import Meeting
from ..urls import meeting_address, target_of_address

INTERNAL_ITEM_FIELDS = ("decision_spans",)
INTERNAL_REFERENCE_FIELDS = ("start", "end", "where", "line")
TARGET_FIELDS = ("target_meeting", "target_anchor")  # published as one "url"
INTERNAL_SUBITEM_FIELDS = ("start", "heading_end", "end")  # offsets into the item's text, for the page only


_FIELDS: dict[type, tuple[str, ...]] = {}


def _plain(value):
    """Dataclasses as dicts and tuples (the model's immutable sequences) as lists, the way JSON has
    them: ``dataclasses.asdict`` without its deep copies (it took a third of the render stage)."""
    kind = type(value)
    if kind in (str, int, float, bool) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    names = _FIELDS.get(kind)
    if names is None and is_dataclass(value):
        names = _FIELDS[kind] = tuple(f.name for f in fields(value))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    return value


def meeting_to_dict(meeting: Meeting) -> dict:
    data = _plain(meeting)
    for item in data["items"]:
        for name in INTERNAL_ITEM_FIELDS:
            item.pop(name, None)
        for ref in item["references"]:
            _published_reference(ref)
        for sub in item.get("subitems", ()):
            for name in INTERNAL_SUBITEM_FIELDS:
                sub.pop(name, None)
    for ref in data["references"]:
        _published_reference(ref)
    return data


def _published_reference(ref: dict) -> None:
    for name in INTERNAL_REFERENCE_FIELDS:
        ref.pop(name, None)
    target, anchor = (ref.pop(name) for name in TARGET_FIELDS)
    ref["url"] = meeting_address(target, anchor) if target else None


def _read_reference(ref: dict) -> dict:
    url = ref.get("url")
    target, anchor = target_of_address(url) if url else (None, "")
    return {**ref, "target_meeting": target, "target_anchor": anchor}


def meeting_to_json(meeting: Meeting) -> str:
    return json.dumps(meeting_to_dict(meeting), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


_HINTS: dict[type, dict] = {}


def meeting_from_dict(data: dict) -> Meeting:
    """A Meeting from :func:`meeting_to_dict`'s output (or the published JSON), the inverse of it.

    Fields the JSON leaves out (character spans, source lines of references, decision spans) get
    their defaults; keys that are not fields of the model are ignored.
    """
    data = {**data, "references": [_read_reference(r) for r in data.get("references", ())],
            "items": [{**item, "references": [_read_reference(r) for r in item.get("references", ())]}
                      for item in data.get("items", ())]}
    return _from_plain(Meeting, data)


def meeting_from_json(text: str) -> Meeting:
    return meeting_from_dict(json.loads(text))


def _from_plain(kind, value):
    """``value`` (dicts, lists, scalars) as an instance of the annotated type ``kind``."""
    if isinstance(kind, type) and is_dataclass(kind) and isinstance(value, dict):  # a dataclass, not an instance
        hints = _HINTS.get(kind)
        if hints is None:
            hints = _HINTS[kind] = typing.get_type_hints(kind)
        names = {f.name for f in fields(kind)}
        return kind(**{key: _from_plain(hints[key], item) for key, item in value.items() if key in names})
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin is tuple and isinstance(value, list):
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_from_plain(args[0], item) for item in value)
        return tuple(_from_plain(arg, item) for arg, item in zip(args, value, strict=False))
    if origin in (typing.Union, types.UnionType) and value is not None:
        return _from_plain(next(arg for arg in args if arg is not type(None)), value)
    return value
