"""Disjoint sets (union-find), for the views that group things: the steps of a case thread
(threads.py) and the spellings of one person (people.py)."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from typing import Any, Generic, TypeVar

Node = TypeVar("Node", bound=Hashable)


class UnionFind(Generic[Node]):
    """Each set's root is its smallest member by ``key``, so the roots, and anything ordered by them,
    do not depend on the order in which sets were joined."""

    def __init__(self, key: Callable[[Node], Any] | None = None):
        self.parent: dict[Node, Node] = {}
        self.key = key

    def _order(self, node: Node) -> Any:
        return self.key(node) if self.key is not None else node

    def add(self, node: Node) -> None:
        self.parent.setdefault(node, node)

    def root(self, node: Node) -> Node:
        self.add(node)
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]  # path halving
            node = self.parent[node]
        return node

    def union(self, a: Node, b: Node) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            self.parent[max(ra, rb, key=self._order)] = min(ra, rb, key=self._order)

    def groups(self) -> list[set[Node]]:
        """Every set, ordered by its root."""
        found: dict[Node, set[Node]] = defaultdict(set)
        for node in self.parent:
            found[self.root(node)].add(node)
        return [found[root] for root in sorted(found, key=self._order)]


def components(edges: Iterable[tuple[Node, Node]]) -> list[set[Node]]:
    """Connected components of an undirected graph, ordered by their smallest node."""
    sets: UnionFind[Node] = UnionFind()
    for a, b in edges:
        sets.union(a, b)
    return sets.groups()
