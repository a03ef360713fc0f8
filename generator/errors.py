"""Exceptions that carry a source location."""
from __future__ import annotations


class SourceError(Exception):
    """A source file cannot be used; ``line`` is 0 when the problem is the whole file."""

    def __init__(self, path: str, message: str, line: int = 0):
        super().__init__(f"{path}:{line}: error: {message}")
        self.path = path
        self.line = line
        self.message = message


class ConfigError(SourceError):
    """Organisation or body metadata is missing or malformed."""
