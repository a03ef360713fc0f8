"""Meetings as JSON following ``meeting.schema.json`` (plus our own extra fields)."""
from __future__ import annotations

import json
from dataclasses import asdict

from .model import Meeting

INTERNAL_ITEM_FIELDS = ("decision_spans",)
INTERNAL_REFERENCE_FIELDS = ("start", "end", "where", "line")


def _plain(value):
    """Tuples (the model's immutable sequences) as lists, the way JSON has them."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def meeting_to_dict(meeting: Meeting) -> dict:
    data = _plain(asdict(meeting))
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
