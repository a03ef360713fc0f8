"""Meetings as JSON following ``meeting.schema.json`` (plus our own extra fields)."""
from __future__ import annotations

import json
from dataclasses import fields, is_dataclass

from .model import Meeting

INTERNAL_ITEM_FIELDS = ("decision_spans",)
INTERNAL_REFERENCE_FIELDS = ("start", "end", "where", "line")


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
            for name in INTERNAL_REFERENCE_FIELDS:
                ref.pop(name, None)
    for ref in data["references"]:
        for name in INTERNAL_REFERENCE_FIELDS:
            ref.pop(name, None)
    return data


def meeting_to_json(meeting: Meeting) -> str:
    return json.dumps(meeting_to_dict(meeting), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
