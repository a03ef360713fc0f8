"""The whole pipeline: read -> parse -> link -> render -> write."""
from __future__ import annotations

from pathlib import Path

from .config import ORGANISATION_FILE, load_organisation
from .errors import ConfigError
from .parse import ParseContext


def context_for_file(path: Path, source_root: Path | None = None) -> tuple[ParseContext, str]:
    """The organisation and body a file belongs to, from its place in a source tree."""
    path = path.resolve()
    body_dir, org_dir = path.parent, path.parent.parent
    root = source_root.resolve() if source_root else org_dir.parent
    if (org_dir / ORGANISATION_FILE).is_file() and org_dir.parent == root:
        try:
            org, _ = load_organisation(org_dir, root)
        except ConfigError:
            return ParseContext(), str(path)
        body = next((b for b in org.bodies if b.slug == body_dir.name), None)
        return ParseContext(org, body), path.relative_to(root).as_posix()
    return ParseContext(), path.name
