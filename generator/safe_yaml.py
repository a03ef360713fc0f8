"""YAML as the archive reads it: PyYAML's safe loader with dates kept as text and nesting bounded,
every problem a ConfigError naming the file and line. Used by the configuration (organisation.yml,
body.yml), the editorial files (people.yml, topics.yml) and the parser (minutes' front matter)."""
from __future__ import annotations

from pathlib import Path

import yaml

from .errors import ConfigError


class YamlLoader(yaml.SafeLoader):
    """PyYAML's safe loader with timestamps left as text: no value in our files needs a date object,
    and an impossible date (``2020-02-30``, ``2024-01-19 25:00:00``) would raise ValueError."""


YamlLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
# types-PyYAML binds a constructor's first argument to a Loader class; construct_yaml_str is
# SafeConstructor's, which every SafeLoader (YamlLoader too) is.
YamlLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)  # type: ignore[type-var]
MAX_YAML_DEPTH = 50  # PyYAML composes recursively: 3,000 nested "[" ended in a RecursionError


def load_yaml(text: str, shown: str):
    """Parse YAML text; every problem is a ConfigError naming the file and, where known, the line."""
    try:
        check_yaml_depth(text, shown)
        return yaml.load(text, Loader=YamlLoader)  # YamlLoader is a SafeLoader: no arbitrary objects
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise ConfigError(shown, f"malformed YAML: {exc.problem or exc.context}", mark.line + 1 if mark else 0) \
            from exc
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:  # e.g. a bad !!binary or !!int value
        raise ConfigError(shown, f"malformed YAML: {exc}") from exc


def check_yaml_depth(text: str, shown: str) -> None:
    """Refuse deep nesting before composing; the event parser itself does not recurse."""
    depth = 0
    for event in yaml.parse(text, Loader=YamlLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                raise ConfigError(shown, f"malformed YAML: nested more than {MAX_YAML_DEPTH} levels deep",
                                  event.start_mark.line + 1 if event.start_mark else 0)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def read_yaml_file(path: Path, shown: str):
    """``load_yaml`` of a file; a file that cannot be read or decoded is a ConfigError too."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(shown, f"not UTF-8 text (byte {exc.start})") from exc
    except OSError as exc:
        raise ConfigError(shown, f"cannot read file: {exc.strerror}") from exc
    return load_yaml(text, shown), text
