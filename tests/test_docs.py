"""The README documents everything a user can set (as sqlite-utils tests its docs): every command and
sub-command of ``python -m generator``, every option of each, every environment variable the generator
reads, every key of organisation.yml, body.yml, people.yml and topics.yml, and every ``extra:`` key of
mkdocs.yml the site reads. Each list comes from the code itself (the argparse tree, the calls that read
the environment or validate keys, the templates), so something new without a line in the README fails.
"""
from __future__ import annotations

import argparse
import ast
import importlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from generator.cli import build_parser

README = (ROOT / "README.md").read_text(encoding="utf-8")
GENERATOR = ROOT / "generator"


# -- the README, read as a user reads it ----------------------------------------------------------

def paragraphs(text: str) -> list[str]:
    """The README's units: each table row alone, every other block of lines up to a blank line."""
    units, current = [], []
    for line in text.splitlines():
        if line.lstrip().startswith("|"):
            units.append(line)
        elif line.strip():
            current.append(line)
            continue
        if current:
            units.append("\n".join(current))
            current = []
    return units + (["\n".join(current)] if current else [])


def has_token(text: str, token: str) -> bool:
    """``token`` as a whole word (``--json`` is not found in ``--json-file``)."""
    return re.search(rf"(?<![\w-]){re.escape(token)}(?![\w-])", text) is not None


def code(text: str) -> str:
    """Everything the README writes as code: fenced blocks and `inline spans`, one per line."""
    fences = re.findall(r"^\s*```[^\n]*\n(.*?)^\s*```", text, re.M | re.S)
    prose = re.sub(r"^\s*```[^\n]*\n.*?^\s*```", "", text, flags=re.M | re.S)
    return "\n".join(fences + re.findall(r"`([^`]+)`", prose))


def yaml_parts(text: str) -> dict[str, str]:
    """The README's YAML examples by the file they are for: a ``# .../name.yml`` comment line starts
    a file's part; a block without one belongs to the file its section's heading names."""
    parts: dict[str, str] = {}
    heading_file = current = None
    in_fence = is_yaml = False
    for line in text.splitlines():
        if line.strip().startswith("```"):
            in_fence, is_yaml, current = not in_fence, line.strip() == "```yaml", heading_file
        elif not in_fence and re.match(r"#+ ", line):
            named = re.search(r"([\w-]+\.yml)", line)
            heading_file = named.group(1) if named else None
        elif in_fence and is_yaml:
            marker = re.match(r"^\s*#\s*(?:\S*/)?([\w-]+\.yml)\s*$", line)
            if marker:
                current = marker.group(1)
            elif current:
                parts[current] = parts.get(current, "") + line + "\n"
    return parts


def make_recipes() -> dict[str, str]:
    """Each Makefile target's recipe (conditionals inside a recipe keep it going)."""
    recipes: dict[str, str] = {}
    current = None
    for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines():
        target = re.match(r"^([A-Za-z][\w.-]*)\s*:(?!=)", line)
        if line.startswith("\t") and current:
            recipes[current] += " ".join(line.split()) + "\n"
        elif target:
            current = target.group(1)
            recipes[current] = ""
        elif not re.match(r"^\s*$|^(ifeq|ifneq|else|endif)\b", line):
            current = None
    return recipes


def line_of(path: Path, needle: str) -> str:
    """``path:line`` of the first line holding ``needle`` (line 0 when none does)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next((n for n, line in enumerate(lines, start=1) if needle in line), 0)
    return f"{path.relative_to(ROOT)}:{number}"


def registered(command: str) -> str:
    """Where a command is registered: its ``Command(...)`` in generator/cli.py."""
    return line_of(GENERATOR / "cli.py", f'Command("{command.split()[0]}"')


def runs(recipe: str, command: str) -> bool:
    return re.search(rf"-m generator {re.escape(command)}(?![\w-])", recipe) is not None


def test_the_readers_of_the_readme_work():
    """The helpers above find what they should, so the tests below cannot pass by finding nothing."""
    assert any(unit.startswith("| `python -m generator check` (`make check`) |") for unit in paragraphs(README))
    assert has_token("`--src DIR`", "--src") and not has_token("`--source-root`", "--source")
    assert {"organisation.yml", "body.yml", "people.yml", "topics.yml", "mkdocs.yml"} <= set(yaml_parts(README))
    assert runs(make_recipes()["check"], "check") and runs(make_recipes()["site"], "shards all")


# -- the command line ------------------------------------------------------------------------------

@dataclass(frozen=True)
class CommandLine:
    words: tuple[str, ...]  # ("shards", "all")
    parser: argparse.ArgumentParser | None  # the parser whose options these words take; None for a choice


def command_lines(parser: argparse.ArgumentParser, words: tuple[str, ...] = ()) -> list[CommandLine]:
    """Every command and sub-command of the argparse tree: sub-parsers, and the choices of a positional
    argument (``shards all``), which are sub-commands too."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.append(CommandLine((*words, name), sub))
                found += command_lines(sub, (*words, name))
        elif not action.option_strings and action.choices:
            found += [CommandLine((*words, str(choice)), None) for choice in action.choices]
    return found


COMMANDS = command_lines(build_parser())


def test_the_command_line_has_every_command_the_make_targets_run():
    names = {" ".join(line.words) for line in COMMANDS}
    assert {"build", "check", "parse", "explain", "shards all", "shards list", "search", "publish", "corpus",
            "bench"} <= names


@pytest.mark.parametrize("command", [" ".join(line.words) for line in COMMANDS])
def test_every_command_is_in_the_readme(command):
    named_targets = set(re.findall(r"`make ([\w-]+)", README))
    through_make = [target for target, recipe in make_recipes().items()
                    if target in named_targets and runs(recipe, command)]
    assert has_token(README, f"python -m generator {command}") or through_make, (
        f"{registered(command)}: `python -m generator {command}` is not in README.md, "
        f"and no make target it names runs it")


def options() -> list[tuple[str, str]]:
    """(command, option) for every option of every command: its longest spelling (``--meetings``, not ``-n``)."""
    found = []
    for line in COMMANDS:
        if line.parser is None:
            continue
        for action in line.parser._actions:
            if action.option_strings and not isinstance(action, argparse._HelpAction):
                found.append((" ".join(line.words), max(action.option_strings, key=len)))
    return found


@pytest.mark.parametrize(("command", "option"), options())
def test_every_option_is_in_the_readme_beside_its_command(command, option):
    beside = [unit for unit in paragraphs(README) if has_token(unit, f"python -m generator {command}")]
    assert any(has_token(code(unit), option) for unit in beside), (
        f"{line_of(ROOT / 'README.md', f'python -m generator {command}')}: `{option}` of `python -m generator "
        f"{command}` is not documented beside the command (in a table row or paragraph that names it)")


# -- environment variables -------------------------------------------------------------------------

def python_files() -> list[Path]:
    """The generator's modules (not ``__main__.py``, which runs the command line when imported)."""
    return sorted(path for path in GENERATOR.rglob("*.py") if path.name != "__main__.py")


def module_of(path: Path):
    return importlib.import_module(".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"))


def is_environ(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "environ" and isinstance(node.value, ast.Name) \
        and node.value.id == "os"


def variable_names(tree: ast.AST) -> list[ast.expr]:
    """The name arguments of every read of the environment: os.environ.get/setdefault(X), os.getenv(X),
    os.environ[X], X in os.environ."""
    found: list[ast.expr] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args and (
                (node.func.attr in ("get", "setdefault") and is_environ(node.func.value))
                or (node.func.attr == "getenv" and getattr(node.func.value, "id", None) == "os")):
            found.append(node.args[0])
        elif isinstance(node, ast.Subscript) and is_environ(node.value) and isinstance(node.ctx, ast.Load):
            found.append(node.slice)
        elif isinstance(node, ast.Compare) and any(is_environ(c) for c in node.comparators):
            found.append(node.left)
    return found


def resolve(node: ast.expr, path: Path) -> Any:
    """A literal, or a module-level name of the module (defined there or imported)."""
    if isinstance(node, ast.Name):
        return getattr(module_of(path), node.id)
    return ast.literal_eval(node)


def environment_variables() -> dict[str, str]:
    """Each variable the generator reads, with the first ``file:line`` that reads it."""
    found: dict[str, str] = {}
    for path in python_files():
        for node in variable_names(ast.parse(path.read_text(encoding="utf-8"))):
            name = resolve(node, path)
            assert isinstance(name, str), \
                f"{path.relative_to(ROOT)}:{node.lineno}: an environment variable whose name is not a constant"
            found.setdefault(name, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


ENVIRONMENT = environment_variables()


def test_the_environment_variables_are_found():
    assert {"ARCHIVE_SRC", "ARCHIVE_GENERATE", "ARCHIVE_SEARCH", "ARCHIVE_SEARCH_GROUP_MEETINGS",
            "SOURCE_DATE_EPOCH"} <= set(ENVIRONMENT)


@pytest.mark.parametrize("name", sorted(ENVIRONMENT))
def test_every_environment_variable_is_in_the_readme(name):
    assert has_token(code(README), name), f"{ENVIRONMENT[name]}: reads `{name}`, which README.md does not document"


# -- configuration files ----------------------------------------------------------------------------

def calls(tree: ast.AST, function: str) -> list[ast.Call]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call) and
            (getattr(node.func, "id", None) == function or getattr(node.func, "attr", None) == function)]


def path_name(node: ast.expr) -> ast.expr:
    """``folder / BODY_FILE`` -> ``BODY_FILE``."""
    return node.right if isinstance(node, ast.BinOp) else node


def config_keys() -> dict[tuple[str, str], str]:
    """(file, key) -> where the code accepts it, from the calls that validate keys: ``load_yaml_mapping(
    folder / FILE, shown, SCHEMA)`` (config.py), and ``check_keys(entry, KEYS, where)`` in a module that
    reads its file with ``load_editorial(root, FILE)``."""
    found: dict[tuple[str, str], str] = {}
    for path in python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = path.relative_to(ROOT)
        for call in calls(tree, "load_yaml_mapping"):
            if len(call.args) == 3:
                file = resolve(path_name(call.args[0]), path)
                for key in resolve(call.args[2], path):
                    found.setdefault((file, key), f"{where}:{call.lineno}")
        checks = calls(tree, "check_keys")
        if not checks or path.name == "editorial.py":
            continue
        files = {resolve(call.args[1], path) for call in calls(tree, "load_editorial")}
        assert len(files) == 1, \
            f"{where}:{checks[0].lineno}: check_keys, but no one load_editorial(root, FILE) says which file"
        (file,) = files
        for call in checks:
            for key in resolve(call.args[1], path):
                found.setdefault((file, key), f"{where}:{call.lineno}")
    return found


CONFIG_KEYS = config_keys()


def test_the_configuration_keys_are_found():
    assert {("organisation.yml", "municipalities"), ("body.yml", "records_decisions"), ("people.yml", "spellings"),
            ("people.yml", "affiliations"), ("topics.yml", "words")} <= set(CONFIG_KEYS)


@pytest.mark.parametrize(("file", "key"), sorted(CONFIG_KEYS))
def test_every_configuration_key_is_in_the_readme(file, key):
    example = yaml_parts(README).get(file, "")
    assert has_token(example, key), (
        f"{CONFIG_KEYS[file, key]}: {file} accepts `{key}`, which the README's {file} example does not show")


# -- mkdocs.yml's extra: ------------------------------------------------------------------------------

def material_templates() -> Path:
    material = pytest.importorskip("material")
    return Path(material.__file__).parent / "templates"


def extra_keys(text: str) -> set[str]:
    """``extra`` keys a template reads: ``config.extra.X``, and ``V.Y`` for ``{% set V = config.extra.X ...``
    (as ``X.Y``); the Python of generator/site: ``config["extra"]["X"]`` and the like."""
    keys = set(re.findall(r"config\.extra\.(\w+)", text))
    keys |= set(re.findall(r"""(?:\[["']extra["']\]|\.extra)(?:\.get\(|\[)\s*["'](\w+)["']""", text))
    for variable, key in re.findall(r"\{%-?\s*set\s+(\w+)\s*=\s*config\.extra\.(\w+)", text):
        keys |= {f"{key}.{sub}" for sub in re.findall(rf"(?<![\w.]){variable}\.(\w+)", text)}
    return keys


def site_extra_keys() -> dict[str, str]:
    """Our own ``extra`` keys: those the overrides and generator/site read that Material's templates do not."""
    theirs = set().union(*(extra_keys(path.read_text(encoding="utf-8"))
                           for path in material_templates().rglob("*.html")))
    ours: dict[str, str] = {}
    for path in sorted((ROOT / "overrides").rglob("*.html")) + sorted((GENERATOR / "site").rglob("*.py")):
        for key in extra_keys(path.read_text(encoding="utf-8")) - theirs:
            ours.setdefault(key, str(path.relative_to(ROOT)))
    return ours


def test_the_extra_keys_are_found():
    assert {"accessibility", "accessibility.publisher", "accessibility.reviewed"} <= set(site_extra_keys())


@pytest.mark.parametrize("key", sorted(site_extra_keys()))
def test_every_extra_key_is_in_the_readme(key):
    example = yaml_parts(README).get("mkdocs.yml", "")
    assert "extra:" in example and all(has_token(example, part) for part in key.split(".")), (
        f"{line_of(ROOT / site_extra_keys()[key], key.split('.')[-1])}: reads `extra.{key}` of mkdocs.yml, "
        f"which the README's mkdocs.yml example does not show")
