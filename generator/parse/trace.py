"""What the parser made of each line, for ``python -m generator explain FILE``.

The parser fills a ``Trace`` only when one is passed to ``parse_document``; a normal build pays
nothing for it. Each role names the rule that decided it, so a secretary whose minutes come out
wrong can see which line was read as what, and why.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .clean import TextLine
from .unflatten import Event


@dataclass
class Trace:
    events: list[Event] = field(default_factory=list)  # lines dropped as chrome, lines cut apart
    dialects: dict[str, float] = field(default_factory=dict)  # each dialect's confidence
    dialect: str = ""
    lines: list[TextLine] = field(default_factory=list)
    roles: dict[int, str] = field(default_factory=dict)  # index into ``lines`` -> role

    def mark(self, index: int, role: str) -> None:
        self.roles.setdefault(index, role)


def render(trace: Trace, width: int = 72) -> str:
    """The trace as text: the dialect and its rivals, then one row per line: number, role, text."""
    rows = [f"dialect: {trace.dialect or 'none'} ("
            + ", ".join(f"{name} {score:.2f}" for name, score in sorted(trace.dialects.items(), key=lambda e: -e[1]))
            + ")"]
    for event in trace.events:
        rows.append(f"{event.line:>5}  {event.action + ': ' + event.rule:<46} {_cut(event.text, width)}")
    for index, line in enumerate(trace.lines):
        if line.blank:
            continue
        role = trace.roles.get(index, "text")
        rows.append(f"{line.number:>5}  {_cut(role, 46):<46} {_cut(line.stripped, width)}")
    return "\n".join(rows) + "\n"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"
