"""Stage 3: resolve references across the whole archive and compute backlinks.

Runs after every meeting is parsed (a second pass, as Pelican resolves links between
documents). Case references resolve within the citing body unless they name another body
of the same organisation, or another organisation's body ("sak 34/23 i Kommunedirektørkollegiet
i Grenland"); ordinal references (``sak 3 ovenfor``) within one meeting.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from .model import Archive, Backlink, Item, Meeting, Organisation, Reference


def _names(body) -> set[str]:
    words = {body.name, body.short_name, *body.aliases}
    return {w.casefold() for w in words} | {w.casefold() + "s" for w in words}


def link(organisations: list[Organisation], meetings: list[Meeting]) -> Archive:
    meetings = sorted(meetings, key=lambda m: (m.org_slug, m.body_slug, m.date, m.id))
    by_body_date: dict[tuple[str, str], dict[str, Meeting]] = defaultdict(dict)
    cases: dict[tuple[str, str, str], list[tuple[Meeting, Item]]] = defaultdict(list)
    for meeting in meetings:
        by_body_date[(meeting.org_slug, meeting.body_slug)].setdefault(meeting.date, meeting)
        for item in meeting.items:
            if item.key and not _ordinal(item.key):
                cases[(meeting.org_slug, meeting.body_slug, item.key)].append((meeting, item))
    bodies_by_name = {(org.slug, name): body.slug for org in organisations for body in org.bodies for name in _names(body)}
    organisations_by_name = {name.casefold(): org.slug for org in organisations
                             for name in (org.slug, org.name, org.short_name, *org.aliases)}

    resolver = _Resolver(by_body_date, cases, bodies_by_name, organisations_by_name)
    linked, backlinks = [], defaultdict(list)
    for meeting in meetings:
        items = []
        for item in meeting.items:
            refs = tuple(resolver.resolve(meeting, item, ref) for ref in item.references)
            for ref in refs:
                if ref.resolved and ref.target_meeting:
                    backlinks[(ref.target_meeting, ref.target_anchor)].append(
                        Backlink(meeting.id, meeting.date, item.anchor, item.number, item.title, ref.text))
            items.append(replace(item, references=refs))
        linked.append(replace(meeting, items=tuple(items)))
    for key in backlinks:
        backlinks[key] = sorted(set(backlinks[key]), key=lambda b: (b.date, b.meeting_id, b.anchor))
    return Archive(organisations, linked, dict(backlinks))


def resolved_to(ref: Reference, meeting_id: str, anchor: str = "") -> Reference:
    return replace(ref, resolved=True, target_meeting=meeting_id, target_anchor=anchor)


def unresolved(ref: Reference) -> Reference:
    return replace(ref, resolved=False, target_meeting=None, target_anchor="")


def _ordinal(key: str) -> bool:
    return "/" not in key


@dataclass
class _Resolver:
    by_body_date: dict
    cases: dict
    bodies_by_name: dict
    organisations_by_name: dict

    def resolve(self, meeting: Meeting, item: Item, ref: Reference) -> Reference:
        where = self._body(meeting, ref)
        if where is None:
            return unresolved(ref)
        org_slug, body_slug = where
        if ref.kind == "meeting":
            target = self.by_body_date.get((org_slug, body_slug), {}).get(ref.target or "")
            return resolved_to(ref, target.id) if target else unresolved(ref)
        if ref.target and _ordinal(ref.target):
            target_meeting = meeting if ref.meeting_date is None else \
                self.by_body_date.get((org_slug, body_slug), {}).get(ref.meeting_date)
            found = next((i for i in target_meeting.items if i.key == ref.target), None) if target_meeting else None
            if found is None or (target_meeting.id == meeting.id and found.anchor == item.anchor):
                return unresolved(ref)
            return resolved_to(ref, target_meeting.id, found.anchor)
        candidates = self.cases.get((org_slug, body_slug, ref.target or ""), [])
        candidates = [(m, i) for m, i in candidates if not (m.id == meeting.id and i.anchor == item.anchor)]
        if not candidates:
            return unresolved(ref)
        target_meeting, target_item = candidates[0]
        return resolved_to(ref, target_meeting.id, target_item.anchor)

    def _body(self, meeting: Meeting, ref: Reference) -> tuple[str, str] | None:
        """(organisation, body) of the case or meeting cited: the citing body; the named body of the
        same organisation; or, when the organisation is named too ("sak 34/23 i
        Kommunedirektørkollegiet i Grenland"), that organisation's body. None when outside the archive."""
        if not ref.external:
            return meeting.org_slug, meeting.body_slug
        body, _, organisation = (ref.body or "").casefold().partition(" i ")
        org_slug = self.organisations_by_name.get(organisation.strip()) if organisation else meeting.org_slug
        if org_slug is None:  # "Formannskapet i Kongsberg kommune": a body of the same organisation at most
            org_slug = meeting.org_slug
        body_slug = self.bodies_by_name.get((org_slug, body.strip()))
        return (org_slug, body_slug) if body_slug else None
