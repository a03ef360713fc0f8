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
        for table in root.iter("table"):
            labels = [" ".join("".join(cell.itertext()).split()) for head in table.iter("thead") for cell in head.iter("th")]
            for head in table.iter("thead"):
                for cell in head.iter("th"):
                    cell.set("scope", "col")
            _label_cells(table, labels)


def _label_cells(table: etree.Element, labels: list[str]) -> None:
    """Each body cell's column name as ``data-label``: at phone width the stylesheet (archive.css) stacks
    the rows as cards and shows the name before each cell, so no column is off-screen."""
    for body in table.iter("tbody"):
        for row in body.iter("tr"):
            for label, cell in zip(labels, row.iter("td"), strict=False):  # a short row has fewer cells
                if label:
                    cell.set("data-label", label)


class AccessibleTablesExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(ColumnHeaderScope(md), "archive_table_scope", 5)


def makeExtension(**kwargs) -> AccessibleTablesExtension:  # camelCase: the name Python-Markdown looks for
    return AccessibleTablesExtension(**kwargs)
