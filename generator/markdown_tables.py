"""A Markdown extension for accessible tables: every column header says it heads a column.

Python-Markdown's ``tables`` writes ``<th>`` without ``scope``; screen readers announce a cell's
column header more reliably with ``scope="col"`` (WCAG 1.3.1). Listed in mkdocs.yml after ``tables``.
"""
from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor


class ColumnHeaderScope(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for head in root.iter("thead"):
            for cell in head.iter("th"):
                cell.set("scope", "col")


class AccessibleTablesExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(ColumnHeaderScope(md), "archive_table_scope", 5)


def makeExtension(**kwargs) -> AccessibleTablesExtension:  # noqa: N802 - the name Python-Markdown looks for
    return AccessibleTablesExtension(**kwargs)
