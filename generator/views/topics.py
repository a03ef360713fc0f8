"""Topic tags for meetings and cases from the vocabulary in ``topics.yml``.

Each topic lists word stems. Norwegian inflects and compounds mostly at the end of a word, so a
stem matches every word that begins with it: ``barnevern`` finds «barnevernet», «barnevernvakt»,
«barnevernsreformen». A stem written with a leading ``*`` also matches inside a word (``*reform``
finds «oppvekstreformen»). A stem of several words matches them in sequence, each inflected.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..editorial import (
    TOPICS_FILE,
    EditorialError,
    check_keys,
    expect,
    load_editorial,
    problem,
)
from ..model import Archive, Diagnostic, Item

TOPIC_KEYS = {"name", "words", "description"}
# A topic name becomes a tag that the theme prints into HTML as it is: letters, digits, spaces, hyphens.
TOPIC_NAME = re.compile(r"^\w[\w -]{0,59}$")


@dataclass(frozen=True)
class Topic:
    name: str  # the tag, e.g. Barnevern
    words: tuple[str, ...]
    description: str | None = None

    @property
    def pattern(self) -> re.Pattern:
        return re.compile("|".join(_stem_pattern(word) for word in self.words), re.IGNORECASE)


@dataclass(frozen=True)
class TopicIndex:
    topics: tuple[Topic, ...] = ()
    by_item: dict = field(default_factory=dict, compare=False)  # (meeting id, anchor) -> tuple of names
    by_meeting: dict = field(default_factory=dict, compare=False)  # meeting id -> tuple of names

    def of_item(self, meeting_id: str, anchor: str) -> tuple[str, ...]:
        return self.by_item.get((meeting_id, anchor), ())

    def of_meeting(self, meeting_id: str) -> tuple[str, ...]:
        return self.by_meeting.get(meeting_id, ())


def _stem_pattern(word: str) -> str:
    inner = word.startswith("*")
    parts = [re.escape(part) + r"[\w-]*" for part in word.lstrip("*").split()]
    return ("" if inner else r"(?<![\w-])") + (r"[\w-]*" if inner else "") + r"\s+".join(parts)


def load_vocabulary(root: Path | None) -> tuple[tuple[Topic, ...], list[Diagnostic]]:
    """Read ``topics.yml`` from the source folder; a broken file is reported and ignored."""
    data, text, problems = load_editorial(root, TOPICS_FILE)
    if data is None:
        return (), problems
    try:
        return parse_vocabulary(data), []
    except EditorialError as exc:
        return (), [problem(TOPICS_FILE, text, exc)]


def parse_vocabulary(data) -> tuple[Topic, ...]:
    data = expect(data, dict, "the file")
    check_keys(data, {"topics"}, "the file")
    topics = []
    for entry in _entries(data.get("topics") or []):
        check_keys(entry, TOPIC_KEYS, "topics")
        name = expect(entry.get("name"), str, "topics: name", "name")
        if not TOPIC_NAME.match(name):
            raise EditorialError(f"topic name '{name}' may hold only letters, digits, spaces and hyphens", name)
        words = expect(entry.get("words"), list, "topics: words", name)
        if not words or any(not w.strip("* ") for w in words):
            raise EditorialError(f"topic '{name}' needs at least one non-empty word", name)
        description = entry.get("description")
        topics.append(Topic(name, tuple(w.strip().casefold() for w in words),
                            expect(description, str, "topics: description", name) if description else None))
    names = [t.name.casefold() for t in topics]
    if len(set(names)) != len(names):
        duplicate = next(t.name for t in topics if names.count(t.name.casefold()) > 1)
        raise EditorialError(f"topic '{duplicate}' is listed twice", duplicate)
    return tuple(sorted(topics, key=lambda t: t.name.casefold()))


def _entries(value) -> list[dict]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise EditorialError("topics must be a list of mappings (name, words, description)", "topics")
    return value


def item_topics(item: Item, topics: tuple[Topic, ...]) -> tuple[str, ...]:
    """The topics an item's title or text mentions."""
    text = f"{item.title}\n{item.text}"
    return tuple(topic.name for topic in topics if topic.pattern.search(text))


def topic_index(archive: Archive, topics: tuple[Topic, ...]) -> TopicIndex:
    """Topics of every item and meeting (a meeting has the topics of its items)."""
    by_item, by_meeting = {}, {}
    for meeting in archive.meetings:
        found: set[str] = set()
        for item in meeting.items:
            names = item_topics(item, topics)
            if names:
                by_item[(meeting.id, item.anchor)] = names
            found.update(names)
        if found:
            by_meeting[meeting.id] = tuple(t.name for t in topics if t.name in found)
    return TopicIndex(topics, by_item, by_meeting)
