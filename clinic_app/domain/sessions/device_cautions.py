"""Caution rules: where each treated area calls for caution or danger, and which threshold applies.

A rule of a device profile names some areas and one condition (a single threshold) or several
that must all hold (a combined-intensity rule). This module holds the rules and their
comparisons, and picks the strictest single threshold of each setting on an area; checking a
session's values against them is :mod:`clinic_app.domain.sessions.settings_check`'s job.

Standard library only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a rule's source is a profile figure's; the profile holds the rules
    from clinic_app.domain.sessions.device_profile import Source

# Comparisons a caution condition may use, and how a message says them.
OPERATORS: dict[str, tuple[str, Callable[[float, float], bool]]] = {
    "above": ("above", lambda value, limit: value > limit),
    "at_least": ("at or above", lambda value, limit: value >= limit),
    "below": ("below", lambda value, limit: value < limit),
    "at_most": ("at or below", lambda value, limit: value <= limit),
}
LEVELS = ("caution", "danger")


@dataclass(frozen=True)
class Condition:
    """One comparison of a caution rule, e.g. power_w at_least 25."""

    parameter: str
    operator: str  # a key of OPERATORS
    limit: float

    @property
    def words(self) -> str:
        """ "at or above", "below", ..."""
        return OPERATORS[self.operator][0]

    def matches(self, value: float) -> bool:
        return bool(OPERATORS[self.operator][1](value, self.limit))

    @property
    def upper(self) -> bool:
        """True when the caution lies above the limit (power), False below it (spacing)."""
        return self.operator in ("above", "at_least")


@dataclass(frozen=True)
class CautionRule:
    """Values on some areas that need an acknowledged reason: one condition (a threshold) or
    several that must all hold (a combined-intensity rule)."""

    id: str
    areas: tuple[str, ...]
    conditions: tuple[Condition, ...]
    source: Source
    label: str = ""
    note: str = ""
    level: str = "caution"

    @property
    def is_threshold(self) -> bool:
        return len(self.conditions) == 1


def rules_for(cautions: Iterable[CautionRule], area: str) -> tuple[CautionRule, ...]:
    """The caution rules among ``cautions`` that apply to ``area``."""
    return tuple(rule for rule in cautions if area in rule.areas)


def strictest_thresholds(rules: Iterable[CautionRule]) -> dict[str, Condition]:
    """The single-value caution threshold of each parameter among ``rules`` (the strictest one
    when several rules name the same parameter)."""
    found: dict[str, Condition] = {}
    for rule in rules:
        if not rule.is_threshold:
            continue
        condition = rule.conditions[0]
        current = found.get(condition.parameter)
        if current is None or _stricter(condition, current):
            found[condition.parameter] = condition
    return found


def _stricter(a: Condition, b: Condition) -> bool:
    """Whether ``a`` cautions earlier than ``b`` (same parameter)."""
    if a.upper != b.upper:
        return False
    return a.limit < b.limit if a.upper else a.limit > b.limit
