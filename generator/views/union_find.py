"""Disjoint sets (union-find), for the views that group things: the steps of a case thread
(threads.py) and the spellings of one person (people.py)."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from typing import Any


class UnionFind:
    """Each set's root is its smallest member by ``key``, so the roots, and anything ordered by them,
    do not depend on the order in which sets were joined."""

    def __init__(self, key: Callable[[Any], Any] | None = None):
        self.parent: dict = {}
        self.key = key

    def add(self, node: Hashable) -> None:
        self.parent.setdefault(node, node)

    def root(self, node: Hashable) -> Hashable:
        self.add(node)
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]  # path halving
            node = self.parent[node]
        return node

    def union(self, a: Hashable, b: Hashable) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            self.parent[max(ra, rb, key=self.key)] = min(ra, rb, key=self.key)

    def groups(self) -> list[set]:
        """Every set, ordered by its root."""
        found: dict = defaultdict(set)
        for node in self.parent:
            found[self.root(node)].add(node)
        return [found[root] for root in sorted(found, key=self.key)]


def components(edges: Iterable[tuple[Hashable, Hashable]]) -> list[set]:
    """Connected components of an undirected graph, ordered by their smallest node."""
    sets = UnionFind()
    for a, b in edges:
        sets.union(a, b)
    return sets.groups()
