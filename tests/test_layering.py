"""The package layout is the pipeline (README "Architecture"): each stage imports only the stages
before it. Read from the source with ``ast`` (every import, at module level or inside a function),
so a shortcut from an early stage to a later one fails here, not in review."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "generator"
# Leaf modules: data and helpers every stage may use; they import no stage themselves.
LEAVES = {"generator.model", "generator.errors", "generator.safe_yaml", "generator.urls"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str) -> set[str]:
    """The generator modules ``name`` imports. ``from pkg import sub`` is an import of ``pkg.sub``
    when ``sub`` is a module, else of ``pkg``."""
    path = MODULES[name]
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("generator")}
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            if not target.startswith("generator"):
                continue
            for alias in node.names:
                found.add(f"{target}.{alias.name}" if f"{target}.{alias.name}" in MODULES else target)
    return found - {name}


GRAPH = {name: imports_of(name) for name in MODULES}


def in_stage(module: str, stage: str) -> bool:
    return module == stage or module.startswith(stage + ".")


def offenders(stages: tuple[str, ...], allowed) -> list[str]:
    return sorted(f"{module} imports {target}" for module in GRAPH if any(in_stage(module, s) for s in stages)
                  for target in GRAPH[module] if not allowed(module, target))


def test_the_graph_is_read_from_every_module():
    assert {"generator.read", "generator.parse", "generator.link", "generator.views", "generator.render",
            "generator.site", "generator.dev", "generator.urls"} <= set(MODULES)
    assert "generator.model" in GRAPH["generator.link"]
    assert "generator.parse.spans" in GRAPH["generator.render.escape"]  # from ..parse.spans import SpanSet


def test_read_and_parse_import_only_the_model_and_their_own_stage():
    def allowed(module, target):
        own = "generator.read" if in_stage(module, "generator.read") else "generator.parse"
        return in_stage(target, own) or target in LEAVES - {"generator.urls"}
    assert offenders(("generator.read", "generator.parse"), allowed) == []


def test_views_never_import_render_site_or_the_pipeline():
    later = ("generator.render", "generator.site", "generator.dev", "generator.build", "generator.cli",
             "generator.write", "generator.incremental")
    assert offenders(("generator.views",), lambda m, t: not any(in_stage(t, s) for s in later)) == []


def test_render_never_imports_site_or_the_pipeline():
    later = ("generator.site", "generator.dev", "generator.build", "generator.cli", "generator.write")
    assert offenders(("generator.render",), lambda m, t: not any(in_stage(t, s) for s in later)) == []


def test_nothing_imports_site_but_the_command_line():
    # MkDocs loads generator/site/mkdocs_hook.py by path (mkdocs.yml); the developer tools (bench)
    # drive whole site builds as the command line does.
    def allowed(module, target):
        return not in_stage(target, "generator.site") or in_stage(module, "generator.site") or \
            module in ("generator.cli", "generator.__main__") or in_stage(module, "generator.dev")
    assert offenders(tuple(MODULES), allowed) == []


@pytest.mark.parametrize("leaf", sorted(LEAVES))
def test_leaf_modules_import_no_stage(leaf):
    assert GRAPH[leaf] <= {"generator.errors"}, GRAPH[leaf]


def test_no_import_cycles():
    """Strongly connected groups of modules (Tarjan), where a package and its own modules do not
    count as importing each other through the package's ``__init__``."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def edges(module):
        return [t for t in GRAPH[module] if t in GRAPH and not in_stage(module, t) and not in_stage(t, module)]

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in edges(module):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for module in sorted(GRAPH):
        if module not in index:
            visit(module)
    assert cycles == []
