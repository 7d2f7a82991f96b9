"""Safe templates: ``{name}`` placeholders filled from a fixed dict, nothing evaluated.

Standard library only. A literal brace is written twice (``{{``, ``}}``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_TOKEN = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}|[{}]")


def template_names(text: str) -> list[str]:
    """The placeholder names of ``text``; ValueError for a brace that is not part of one."""
    names: list[str] = []
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if token in ("{{", "}}"):
            continue
        name = match.group(1)
        if name is None:
            raise ValueError(
                f"stray '{token}' at character {match.start() + 1}; a placeholder looks like "
                "{stop_by}, and a literal brace is written twice: {{ or }}"
            )
        names.append(name)
    return names


def fill(text: str, values: Mapping[str, str]) -> str:
    """``text`` with each ``{name}`` replaced from ``values``; unknown names stay as written."""

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        name = match.group(1)
        return values.get(name, token) if name is not None else token

    return _TOKEN.sub(replace, text)
