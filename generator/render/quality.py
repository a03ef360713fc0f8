"""The "Datakvalitet" pages: the archive's summary of findings per check and body, and one page per
body listing its findings (the checks themselves: generator/views/quality.py)."""
from __future__ import annotations

import jinja2

from .. import urls
from ..model import Archive, Diagnostic
from ..urls import Page
from ..views.quality import by_body, finding_places, sections, summary


def quality_pages(env: jinja2.Environment, archive: Archive, diagnostics: list[Diagnostic]) -> dict[str, str]:
    """The archive's "Datakvalitet" page and one per body (every body, so links to it always work)."""
    placed, _ = by_body(diagnostics, archive.organisations)
    place = finding_places(archive)
    files = {urls.QUALITY: env.get_template("quality.md.j2").render(
        page=Page(urls.QUALITY), sections=summary(diagnostics, archive.organisations),
        place=place)}
    for org in archive.organisations:
        for body in org.bodies:
            path = urls.body_quality(org.slug, body.slug)
            files[path] = env.get_template("quality_body.md.j2").render(
                page=Page(path), org=org, body=body, sections=sections(placed.get((org.slug, body.slug), [])),
                place=place)
    return files
