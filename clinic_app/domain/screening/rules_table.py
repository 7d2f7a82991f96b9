"""Typed reading of one TOML table of a rules file, with messages that name the entry.

Shared by the parsers of questions, conditions and rules: each problem is appended to one list
of errors, prefixed with the file and the entry it concerns. Standard library only.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any


class Table:
    """Typed access to one TOML table; problems go to ``errors`` prefixed with ``where``."""

    def __init__(self, data: dict[str, Any], where: str, errors: list[str]) -> None:
        self.data = data
        self.where = where
        self.errors = errors

    def error(self, message: str) -> None:
        """Record ``message`` as a problem of this table."""
        self.errors.append(f"{self.where}: {message}")

    def unknown_keys(self, allowed: set[str]) -> None:
        """Report every key not in ``allowed``, with the closest allowed one as a hint."""
        for key in self.data:
            if key not in allowed:
                hint = did_you_mean(key, allowed)
                self.error(f"unknown field '{key}'{hint}")

    def text(self, key: str, *, required: bool = True) -> str:
        """The stripped text of ``key``; "" (and a problem if required) when absent or wrong."""
        value = self.data.get(key)
        if value is None:
            if required:
                self.error(f"field '{key}' is missing")
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.error(f"field '{key}' must be a non-empty text in quotes (got {show(value)})")
            return ""
        return value.strip()

    def integer(self, key: str, *, minimum: int, maximum: int, default: int | None) -> int | None:
        """The whole number of ``key`` within bounds; None (and a problem) otherwise."""
        value = self.data.get(key, default)
        if value is None:
            self.error(f"field '{key}' is missing")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(f"field '{key}' must be a whole number (got {show(value)})")
            return None
        if not minimum <= value <= maximum:
            self.error(f"field '{key}' must be between {minimum} and {maximum} (got {value})")
            return None
        return value

    def boolean(self, key: str, default: bool) -> bool:
        """The true/false of ``key``; ``default`` (and a problem) when it is not a boolean."""
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            self.error(f"field '{key}' must be true or false (got {show(value)})")
            return default
        return value


def show(value: object) -> str:
    """A short rendering of a TOML value for an error message."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f'"{shown}"'
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A " (did you mean 'x'?)" hint naming the candidate closest to ``word``, or ""."""
    close = difflib.get_close_matches(word, sorted(candidates), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def entry_where(file: str, kind: str, data: object, index: int) -> str:
    """How a message names an entry: by its id when it has a usable one, else by position."""
    if isinstance(data, dict):
        entry_id = data.get("id")
        if (
            isinstance(entry_id, str)
            and entry_id
            and len(entry_id) <= 64
            and entry_id.isprintable()
        ):
            return f"{file}: {kind} '{entry_id}'"
    return f"{file}: {kind} #{index + 1} (no id)"
