"""A Markdown extension for the generated pages: drop the inline patterns they never use.

Python-Markdown tries every inline pattern on every run of text, so inline processing was most of
MkDocs' build time. The generator writes links as ``[label](<url>)``, emphasis with ``*``, code with
backticks and escapes everything else (generator/render/escape.py), so reference links, images,
autolinks, raw inline HTML, entities, hard line breaks and ``_underscore_`` emphasis never occur
in the Markdown it writes. Without their patterns, source text that looks like them stays text.
"""
from __future__ import annotations

from markdown import Extension, Markdown

UNUSED_INLINE_PATTERNS = ("reference", "image_link", "image_reference", "short_reference", "short_image_ref",
                          "autolink", "automail", "linebreak", "html", "entity", "not_strong", "em_strong2")


class GeneratedPagesExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        for name in UNUSED_INLINE_PATTERNS:
            md.inlinePatterns.deregister(name, strict=False)


def makeExtension(**kwargs) -> GeneratedPagesExtension:  # camelCase: the name Python-Markdown looks for
    return GeneratedPagesExtension(**kwargs)
