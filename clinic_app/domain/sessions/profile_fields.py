"""Typed access to the keys of a parsed device profile file, failing with a ProfileError that
names the file and the key, says what is wrong and what would be right.

The sections of a profile (settings, scan, cautions, presets) are read with it in
:mod:`clinic_app.domain.sessions.devices`. Standard library only.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from clinic_app.content import ContentError
from clinic_app.domain.sessions.device_profile import GK_MARK, Source


class ProfileError(ContentError):
    """A device profile file that cannot be used: which file, which key, what is wrong and what
    would be right."""

    def __init__(self, file: str, key: str, problem: str, expected: str) -> None:
        self.file = file
        self.key = key
        self.problem = problem
        self.expected = expected
        where = f"{file}: {key}" if key else file
        super().__init__(f"{where}: {problem}; {expected}")


class FieldReader:
    """Reads the keys of one parsed file, raising ProfileError at the first problem."""

    def __init__(self, origin: str) -> None:
        self.origin = origin

    def fail(self, key: str, problem: str, expected: str) -> ProfileError:
        return ProfileError(self.origin, key, problem, expected)

    def known_keys(self, table: Mapping[str, Any], allowed: Iterable[str], where: str) -> None:
        allowed = tuple(allowed)
        for key in table:
            if key not in allowed:
                raise self.fail(
                    f"{where}.{key}" if where else key,
                    "is not a key of a device profile here",
                    f"use one of: {', '.join(allowed)}",
                )

    def table(self, parent: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
        value = parent.get(key)
        if not isinstance(value, dict):
            raise self.fail(
                where,
                "is missing" if value is None else f"is {describe(value)}",
                f"write a table, e.g. [{where}]",
            )
        return value

    def text(self, parent: Mapping[str, Any], key: str, where: str, *, example: str) -> str:
        value = parent.get(key)
        if not isinstance(value, str) or not value.strip():
            problem = "is missing" if value is None else f"is {describe(value)}"
            raise self.fail(where, problem, f'write a non-empty text, e.g. {key} = "{example}"')
        return value.strip()

    def optional_text(self, parent: Mapping[str, Any], key: str, where: str) -> str:
        value = parent.get(key, "")
        if not isinstance(value, str):
            raise self.fail(where, f"is {describe(value)}", f'write a text, e.g. {key} = "..."')
        return value.strip()

    def source(self, parent: Mapping[str, Any], key: str, where: str) -> Source:
        value = parent.get(key)
        if not isinstance(value, str) or not value.strip():
            problem = "is missing" if value is None else f"is {describe(value)}"
            raise self.fail(
                where,
                problem,
                f'every figure names its source, e.g. {key} = "domain.md, Device parameters: '
                f'..." or "{GK_MARK} conservative default, confirm with the manufacturer\'s '
                'manual"',
            )
        return Source(value.strip())

    def number(self, parent: Mapping[str, Any], key: str, where: str) -> float:
        value = parent.get(key)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            problem = "is missing" if value is None else f"is {describe(value)}"
            raise self.fail(where, problem, f"write a number, e.g. {key} = 30")
        return float(value)

    def words(
        self, parent: Mapping[str, Any], key: str, where: str, *, required: bool
    ) -> tuple[str, ...]:
        value = parent.get(key)
        if value is None and not required:
            return ()
        if (
            not isinstance(value, list)
            or (required and not value)
            or not all(isinstance(item, str) and item.strip() for item in value)
        ):
            problem = "is missing" if value is None else f"is {describe(value)}"
            raise self.fail(
                where, problem, f'write a list of texts, e.g. {key} = ["square", "hexagon"]'
            )
        items = tuple(item.strip() for item in value)
        if len(set(items)) != len(items):
            raise self.fail(where, "names an entry twice", "list each entry once")
        return items


def describe(value: object) -> str:
    """A value as a message shows it: its text (shortened) and its kind, e.g. "'x' (a text)"."""
    kind = {
        bool: "a true/false value",
        int: "a number",
        float: "a number",
        str: "a text",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)
    shown = repr(value)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    return f"{shown} ({kind})"
