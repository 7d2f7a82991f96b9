"""Where a figure of a device profile comes from.

A source text that starts with ``[GK]`` is general clinical knowledge or a conservative default
that the clinic should confirm (:attr:`Source.to_confirm`). Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass

GK_MARK = "[GK]"


@dataclass(frozen=True)
class Source:
    """Where a figure comes from; ``[GK]`` at the start marks one the clinic should confirm."""

    text: str

    @property
    def to_confirm(self) -> bool:
        return self.text.startswith(GK_MARK)

    def __str__(self) -> str:
        return self.text
