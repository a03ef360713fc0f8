"""People and municipalities across the archive, from the meetings' attendee lists.

Who is one person:

- the same name (after normalising: ``Rose- Marie`` = ``Rose-Marie``, ``Jon G Pedersen`` =
  ``Jon G. Pedersen``) within one organisation is one person; the same name in two
  organisations is two people unless ``people.yml`` merges them;
- within one body, a name with a middle initial and the same name without it (``Karin G.
  Finnerud``, ``Karin Finnerud``) are one person, unless the body has two different initials
  for that name;
- ``people.yml`` in the source folder merges spellings (``merge:``) and splits one spelling
  used by different people (``split:``); see the README.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .. import urls
from ..editorial import (
    PEOPLE_FILE,
    EditorialError,
    check_keys,
    expect,
    load_editorial,
    problem,
)
from ..model import Archive, Attendee, Diagnostic, Meeting, Organisation
from ..parse.people import normalise_name
from .union_find import UnionFind


@dataclass(frozen=True)
class SplitTarget:
    """One of the people a split spelling stands for; empty conditions match every attendance."""

    name: str
    bodies: tuple[str, ...] = ()
    affiliations: tuple[str, ...] = ()
    start: str = ""  # ISO date, inclusive
    end: str = ""


@dataclass(frozen=True)
class Aliases:
    """The editor's corrections from ``people.yml``."""

    merges: tuple[tuple[str, tuple[str, ...], str], ...] = ()  # (shown name, spellings, organisation or "")
    splits: tuple[tuple[str, str, tuple[SplitTarget, ...]], ...] = ()  # (spelling, organisation or "", targets)


@dataclass(frozen=True)
class Attendance:
    """One person at (or absent from) one meeting, as the minutes list them."""

    meeting_id: str
    org_slug: str
    body_slug: str
    date: str
    name: str  # as written (normalised)
    status: str
    role: str | None
    affiliation: str | None
    note: str | None
    source: str
    line: int
    function: str | None = None  # "møteleder" / "referent" when the header names this person so


@dataclass(frozen=True)
class Period:
    """Consecutive attendances in one body with the same role and affiliation."""

    start: str
    end: str
    org_slug: str
    body_slug: str
    role: str | None
    affiliation: str | None
    meetings: int


@dataclass(frozen=True)
class Person:
    path: str  # docs path without .md: personer/<organisation>/<slug>
    name: str
    org_slug: str
    spellings: tuple[str, ...]
    attendances: tuple[Attendance, ...]  # oldest first
    confirmed: bool = False  # the spellings are merged (or split) by people.yml

    @property
    def present(self) -> int:
        return sum(1 for a in self.attendances if a.status != "absent")

    @property
    def absent(self) -> int:
        return sum(1 for a in self.attendances if a.status == "absent")


@dataclass(frozen=True)
class Municipality:
    path: str  # kommuner/<slug>
    name: str
    org_slugs: tuple[str, ...]
    representatives: tuple[tuple[Person, Period], ...] = ()  # periods with this municipality as affiliation


@dataclass(frozen=True)
class PeopleIndex:
    people: tuple[Person, ...] = ()
    municipalities: tuple[Municipality, ...] = ()
    by_attendance: dict = field(default_factory=dict, compare=False)  # (meeting id, name) -> Person


# -- names ---------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1 << 16)  # every attendee line of every meeting asks; names repeat
def name_key(name: str) -> str:
    """The comparable form of a name: case, hyphens, dots and spacing do not matter."""
    text = normalise_name(name).casefold().replace("-", " ").replace(".", " ")
    return " ".join(text.split())


def reduced_key(key: str) -> str:
    """A name key without middle initials: ``karin g finnerud`` -> ``karin finnerud``."""
    tokens = key.split()
    kept = [t for i, t in enumerate(tokens) if len(t) > 1 or i in (0, len(tokens) - 1)]
    return " ".join(kept)


def slug(text: str) -> str:
    """An ASCII URL slug in the Norwegian convention: æ -> ae, ø -> o, å -> a."""
    text = text.casefold().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


def municipality_key(name: str) -> str:
    return re.sub(r"\s+kommune$", "", " ".join(name.split()), flags=re.IGNORECASE).casefold()


# -- the alias file -------------------------------------------------------------------------------

MERGE_KEYS = {"name", "spellings", "organisation"}
SPLIT_KEYS = {"spelling", "organisation", "people"}
TARGET_KEYS = {"name", "bodies", "affiliations", "from", "to"}


def load_aliases(root: Path | None) -> tuple[Aliases, list[Diagnostic]]:
    """Read ``people.yml`` from the source folder; a broken file is reported and ignored."""
    data, text, problems = load_editorial(root, PEOPLE_FILE)
    if data is None:
        return Aliases(), problems
    try:
        return parse_aliases(data), []
    except EditorialError as exc:
        return Aliases(), [problem(PEOPLE_FILE, text, exc)]


def parse_aliases(data) -> Aliases:
    data = expect(data, dict, "the file")
    check_keys(data, {"merge", "split"}, "the file")
    merges = tuple(_merge(expect(entry, dict, "each merge entry")) for entry in data.get("merge") or [])
    splits = tuple(_split(expect(entry, dict, "each split entry")) for entry in data.get("split") or [])
    return Aliases(merges, splits)


def _merge(entry: dict) -> tuple[str, tuple[str, ...], str]:
    check_keys(entry, MERGE_KEYS, "merge")
    name = expect(entry.get("name"), str, "merge: name", "merge")
    spellings = expect(entry.get("spellings", []), list, "merge: spellings", name)
    return name, tuple(spellings), expect(entry.get("organisation", ""), str, "merge: organisation", name)


def _split(entry: dict) -> tuple[str, str, tuple[SplitTarget, ...]]:
    check_keys(entry, SPLIT_KEYS, "split")
    spelling = expect(entry.get("spelling"), str, "split: spelling", "split")
    targets = []
    for target in _target_list(entry.get("people"), spelling):
        check_keys(target, TARGET_KEYS, "split: people")
        targets.append(SplitTarget(
            expect(target.get("name"), str, "split: people: name", spelling),
            tuple(expect(target.get("bodies", []), list, "split: people: bodies", spelling)),
            tuple(expect(target.get("affiliations", []), list, "split: people: affiliations", spelling)),
            str(target.get("from", "") or ""), str(target.get("to", "") or "")))
    return spelling, expect(entry.get("organisation", ""), str, "split: organisation", spelling), tuple(targets)


def _target_list(value, spelling: str) -> list[dict]:
    if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
        raise EditorialError("split: people must be a list of mappings with at least a name", spelling)
    return value


# -- attendances ----------------------------------------------------------------------------------

def attendances(archive: Archive) -> list[Attendance]:
    """Every attendee entry of every meeting, oldest meeting first."""
    out = []
    for meeting in sorted(archive.meetings, key=lambda m: (m.date, m.id)):
        for attendee in meeting.attendees:
            out.append(_attendance(meeting, attendee))
    return out


def _attendance(meeting: Meeting, attendee: Attendee) -> Attendance:
    key = name_key(attendee.name)
    function = "møteleder" if meeting.chair and name_key(meeting.chair) == key else \
        "referent" if meeting.secretary and name_key(meeting.secretary) == key else None
    return Attendance(meeting.id, meeting.org_slug, meeting.body_slug, meeting.date, attendee.name, attendee.status,
                      attendee.role, attendee.affiliation, attendee.note, meeting.source, attendee.line, function)


# -- identity -------------------------------------------------------------------------------------

def _split_node(record: Attendance, aliases: Aliases):
    key = name_key(record.name)
    for index, (spelling, org, targets) in enumerate(aliases.splits):
        if name_key(spelling) != key or org not in ("", record.org_slug):
            continue
        for target in targets:
            if _matches(target, record):
                return ("split", index, target.name)
    return None


def _matches(target: SplitTarget, record: Attendance) -> bool:
    affiliations = {municipality_key(a) for a in target.affiliations}
    return (not target.bodies or record.body_slug in target.bodies) \
        and (not affiliations or municipality_key(record.affiliation or "") in affiliations) \
        and (not target.start or record.date >= target.start) and (not target.end or record.date <= target.end)


def identify(records: list[Attendance], aliases: Aliases) -> tuple[dict[Attendance, tuple], set]:
    """Each attendance's person (a union-find root) and the roots the alias file confirmed."""
    nodes = {record: _split_node(record, aliases) or ("name", record.org_slug, name_key(record.name))
             for record in records}
    sets: UnionFind[tuple] = UnionFind(key=repr)  # nodes mix tuple shapes: repr orders them all
    for node in nodes.values():
        sets.add(node)
    _merge_initials(records, nodes, sets)
    confirmed = _merge_aliases(nodes, aliases, sets)
    roots = {record: sets.root(node) for record, node in nodes.items()}
    return roots, {sets.root(node) for node in confirmed}


def _merge_initials(records: list[Attendance], nodes: dict, sets: UnionFind) -> None:
    """Within one body, ``Karin G. Finnerud`` and ``Karin Finnerud`` are one person (if unambiguous)."""
    by_body: dict[tuple[str, str], dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for record in records:
        node = nodes[record]
        if node[0] == "name":
            by_body[(record.org_slug, record.body_slug)][reduced_key(node[2])].add(node)
    for groups in by_body.values():
        for _, group in sorted(groups.items()):
            with_initials = {n for n in group if n[2] != reduced_key(n[2])}
            if len(group) > 1 and len(with_initials) <= 1:
                first, *rest = sorted(group)
                for other in rest:
                    sets.union(first, other)


def _merge_aliases(nodes: dict, aliases: Aliases, sets: UnionFind) -> list:
    confirmed = []
    name_nodes = sorted({n for n in nodes.values() if n[0] == "name"})
    for shown, spellings, org in aliases.merges:
        keys = {name_key(s) for s in (shown, *spellings)}
        hits = [n for n in name_nodes if n[2] in keys and org in ("", n[1])]
        for other in hits[1:]:
            sets.union(hits[0], other)
        confirmed.extend(hits)
    confirmed.extend(n for n in nodes.values() if n[0] == "split")
    return confirmed


# -- people and municipalities --------------------------------------------------------------------

def people_index(archive: Archive, aliases: Aliases | None = None) -> PeopleIndex:
    """Every person in the attendee lists, and every member municipality with its representatives."""
    records = attendances(archive)
    aliases = aliases or Aliases()
    roots, confirmed = identify(records, aliases)
    groups: dict[tuple, list[Attendance]] = defaultdict(list)
    for record in records:
        groups[roots[record]].append(record)
    people = _people(groups, confirmed, aliases)
    by_attendance = {(record.meeting_id, record.name): person for person in people for record in person.attendances}
    return PeopleIndex(people, municipalities(archive.organisations, people), by_attendance)


def _people(groups: dict[tuple, list[Attendance]], confirmed: set, aliases: Aliases) -> tuple[Person, ...]:
    drafts = []
    for root, records in groups.items():
        records = sorted(records, key=lambda r: (r.date, r.meeting_id, r.line, r.name))
        name = _shown_name(root, records, aliases)
        spellings = tuple(sorted({r.name for r in records}))
        drafts.append((records[0].date, name, root, records, spellings))
    people, used = [], Counter[tuple[str, str]]()
    for _, name, root, records, spellings in sorted(drafts, key=lambda d: (d[0], d[1], repr(d[2]))):
        base = (records[0].org_slug, slug(name))
        used[base] += 1
        path = urls.person(base[0], base[1] if used[base] == 1 else f"{base[1]}-{used[base]}")
        people.append(Person(path, name, records[0].org_slug, spellings, tuple(records), root in confirmed))
    return tuple(sorted(people, key=lambda p: (norwegian_order(p.name.split()[-1]), norwegian_order(p.name), p.path)))


NORWEGIAN_LETTERS = str.maketrans({"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}"})  # after z, in that order


def norwegian_order(text: str) -> str:
    """A sort key that puts æ, ø, å after z, as Norwegian dictionaries do."""
    return text.casefold().translate(NORWEGIAN_LETTERS)


def _shown_name(root: tuple, records: list[Attendance], aliases: Aliases) -> str:
    if root[0] == "split":
        return root[2]
    keys = {name_key(r.name) for r in records}
    for shown, spellings, org in aliases.merges:
        if keys & {name_key(s) for s in (shown, *spellings)} and org in ("", records[0].org_slug):
            return shown
    counts = Counter(r.name for r in records)
    return min(counts, key=lambda n: (-counts[n], -len(n), n))


def periods(person: Person) -> tuple[Period, ...]:
    """The person's roles and affiliations over time, per body."""
    out: list[Period] = []
    open_by_body: dict[tuple[str, str], int] = {}
    for record in person.attendances:
        if record.status == "absent" and (record.role is None and record.affiliation is None):
            continue
        body = (record.org_slug, record.body_slug)
        current = open_by_body.get(body)
        if current is not None and (out[current].role, out[current].affiliation) == (record.role, record.affiliation):
            period = out[current]
            out[current] = Period(period.start, record.date, period.org_slug, period.body_slug, period.role,
                                  period.affiliation, period.meetings + 1)
            continue
        open_by_body[body] = len(out)
        out.append(Period(record.date, record.date, record.org_slug, record.body_slug, record.role, record.affiliation, 1))
    return tuple(out)


def municipalities(organisations: list[Organisation], people: tuple[Person, ...]) -> tuple[Municipality, ...]:
    """The member municipalities of all organisations, each with the people who represented it."""
    orgs_of: dict[str, list[str]] = defaultdict(list)
    names: dict[str, str] = {}
    for org in organisations:
        for name in org.municipalities:
            key = municipality_key(name)
            names.setdefault(key, name)
            orgs_of[key].append(org.slug)
    representatives: dict[str, list[tuple[Person, Period]]] = defaultdict(list)
    for person in people:
        for period in periods(person):
            key = municipality_key(period.affiliation or "")
            if key in names and period.org_slug in orgs_of[key]:
                representatives[key].append((person, period))
    ordered = sorted(names, key=lambda k: (slug(names[k]), k))
    paths = [urls.municipality(name) for name in _distinct_slugs([slug(names[key]) for key in ordered])]
    return tuple(Municipality(path, names[key], tuple(sorted(set(orgs_of[key]))),
                              tuple(sorted(representatives[key], key=lambda pp: (pp[1].start, pp[0].name))))
                 for path, key in zip(paths, ordered, strict=True))


def _distinct_slugs(slugs: list[str]) -> list[str]:
    """The slugs, numbered from -2 where two names share one ("Ås" and "As" both give "as": they
    shared one page)."""
    seen: dict[str, int] = {}
    out = []
    for name in slugs:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}-{seen[name]}")
    return out
