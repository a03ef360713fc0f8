"""A case's status and its latest decision, derived from the minutes (issue 13 point 3).

The status is read from the latest decision in the case's thread (generator/views/threads.py): a later case
that cites it ("Oppfølging av sak 66/20") carries the case on, so its decision is the one that counts.
The rules are a registry, tried in order; the first whose pattern is found in the decision (or, for
``where="title"``, in the latest step's title) gives the status.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Item
from .threads import Step, Thread, follow_up_cue

DECISION_SHOWN = 200  # characters of the latest decision shown in lists: one or two sentences


@dataclass(frozen=True)
class StatusRule:
    status: str  # the label shown (bokmål)
    pattern: re.Pattern | None  # None: the decision hands out work (threads.FOLLOW_UP_CUES) no later case took up
    where: str = "decision"  # "decision" or "title" (of the latest step)

    def applies(self, decision: str, title: str, followed_up: bool) -> bool:
        if self.pattern is None:
            return not followed_up and follow_up_cue(decision) is not None
        return bool(self.pattern.search(title if self.where == "title" else decision))


STATUS_RULES = (
    StatusRule("utsatt", re.compile(r"\butsatt\b|\butsettes\b|\butset(?:jast|t)\b|\butsetter\b|\butsatt\s+sak\b"
                                    r"|\b(?:tas|blir)\s+opp\s+(?:igjen|på\s+nytt)\b", re.I)),
    StatusRule("utsatt", re.compile(r"^\s*utsatt\b|\butsatt\s+sak\b", re.I), where="title"),
    StatusRule("avsluttet", re.compile(r"\bavslutte[st]?\b|\bferdigbehandlet\b|\bsaken\s+er\s+(?:løst|avklart)\b"
                                       r"|\bavvikles\b", re.I)),
    StatusRule("til oppfølging", None),
    StatusRule("orientering", re.compile(r"\b(?:tas|tatt|teke|tek)\s+til\s+(?:orientering|etterretning|vitande)\b"
                                         r"|\btil\s+orientering\b|\borienterte\b|\bintet\s+å\s+bemerke\b", re.I)),
    StatusRule("vedtatt", re.compile(r"\bvedt(?:att|ok|atte|ek|eke|eken)\b|\bvedtak\b|\bgodkjen[dt]?\b|\bgodkjennes\b"
                                     r"|\bbifalt\b|\bslutt(?:er|et)\s+seg\s+til\b|\bstøtte[rt]?\b|\banbefale[rs]?\b"
                                     r"|\bbeslutte[rt]?\b|\bvelges\b|\bvalgt\b", re.I)),
)
NO_DECISION = "uten konklusjon"
DECIDED = "vedtatt"  # a decision that none of the rules names is still a decision


@dataclass(frozen=True)
class CaseStatus:
    status: str
    decision: str | None  # the latest decision in the thread, in full (lists shorten it: short_decision)
    step: Step | None  # the step that recorded it (the case itself, or a later one)
    later: bool = False  # recorded by a later case of the thread


def decision_text(item: Item) -> str | None:
    """An item's decision as a reader needs it: with sub-items, each decision under its sub-item's title
    ("eByggesak: Kommunedirektørene støtter prosjektgruppen."), never as the item's own."""
    owned = [f"{sub.title}: {sub.decision}" for sub in item.subitems if sub.decision]
    return "\n".join(owned) if owned else item.conclusion


def status_of_decision(decision: str | None, title: str = "", followed_up: bool = False) -> str:
    """The status a decision gives a case (``followed_up``: a later case picked it up)."""
    if not decision:
        return NO_DECISION
    flat = " ".join(decision.split())
    return next((rule.status for rule in STATUS_RULES if rule.applies(flat, title, followed_up)), DECIDED)


def case_status(step: Step, thread: Thread | None, decisions: dict[tuple[str, str], str | None]) -> CaseStatus:
    """The status of the case at ``step``: from the latest step of its thread that recorded a decision
    (a later step without one, "Oppfølging av sak 66/20" with text only, leaves the case open)."""
    steps = [s for s in (thread.steps if thread else (step,)) if s.date >= step.date]
    latest = next((s for s in reversed(steps) if decisions.get(s.node)), None)
    if latest is None:
        later = steps[-1] if steps[-1].node != step.node else None
        return CaseStatus("til oppfølging" if later else NO_DECISION, None, later, later is not None)
    followed = any(s.date > latest.date for s in steps)
    status = status_of_decision(decisions[latest.node], latest.title, followed_up=followed)
    return CaseStatus(status, decisions[latest.node], latest, latest.node != step.node)


def short_decision(text: str | None, length: int = DECISION_SHOWN) -> str:
    """The first one or two sentences of a decision on one line, cut at a word, never mid-word (plain
    text: escape it where it is shown)."""
    flat = " ".join((text or "").split())
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅ0-9«])", flat)
    shown = sentences[0]
    if len(sentences) > 1 and len(shown) + 1 + len(sentences[1]) <= length:
        shown = f"{shown} {sentences[1]}"
    if len(shown) > length:
        cut = shown[:length].rsplit(" ", 1)[0] if " " in shown[:length] else shown[:length]
        return cut.rstrip(",;:–-") + " …"
    return shown + (" …" if len(sentences) > (2 if shown != sentences[0] else 1) else "")


def case_statuses(steps: dict[tuple[str, str], Step], items: dict[tuple[str, str], Item],
                  thread_of: dict[tuple[str, str], Thread]) -> dict[tuple[str, str], CaseStatus]:
    """The status of every case of the archive, by (meeting id, anchor)."""
    decisions = {node: decision_text(item) for node, item in items.items()}
    return {node: case_status(step, thread_of.get(node), decisions) for node, step in steps.items()}
