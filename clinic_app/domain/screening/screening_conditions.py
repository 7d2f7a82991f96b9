"""The conditions of a rule's ``when``: data only, never code (docs/screening.md).

Standard library only. Time windows count days or calendar months (screening_dates).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar, TypeAlias

from clinic_app.domain.screening.screening_dates import add_months, shift, subtract_months


@dataclass(frozen=True)
class Equals:
    """``{ answer = "question_id", equals = true }`` (or a choice, e.g. "IV")."""

    answer: str
    value: bool | str


@dataclass(frozen=True)
class InSet:
    """``{ answer = "question_id", in = ["a", "b"] }``; for a multi-choice question: any selected
    value is in the set."""

    answer: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class WithinDays:
    """``{ answer = "question_id", within_days = 14 }``: the exposure is "current", or its date d is
    fewer than ``days`` days before the treatment date T (T - d < days)."""

    answer: str
    days: int

    unit: ClassVar[str] = "days"

    @property
    def count(self) -> int:
        return self.days

    def earliest(self, last_used: dt.date) -> dt.date | None:
        """The first treatment date the window allows after a use on ``last_used``."""
        return shift(last_used, self.days)

    def stop_by(self, treatment: dt.date) -> dt.date | None:
        """The last day of use that still allows a treatment on ``treatment``."""
        return shift(treatment, -self.days)


@dataclass(frozen=True)
class WithinMonths:
    """``{ answer = "question_id", within_months = 12 }``: the exposure is "current", or its date
    d is fewer than ``months`` calendar months before the treatment date T (docs/screening.md:
    a month end that does not exist rolls to the 1st of the next month)."""

    answer: str
    months: int

    unit: ClassVar[str] = "months"

    @property
    def count(self) -> int:
        return self.months

    def earliest(self, last_used: dt.date) -> dt.date | None:
        """The first treatment date the window allows after a use on ``last_used``."""
        return add_months(last_used, self.months)

    def stop_by(self, treatment: dt.date) -> dt.date | None:
        """The last day of use that still allows a treatment on ``treatment``."""
        return subtract_months(treatment, self.months)


DateWindow: TypeAlias = WithinDays | WithinMonths


@dataclass(frozen=True)
class AnyOf:
    conditions: tuple[Condition, ...]


@dataclass(frozen=True)
class AllOf:
    conditions: tuple[Condition, ...]


Condition: TypeAlias = Equals | InSet | WithinDays | WithinMonths | AnyOf | AllOf


def condition_answers(condition: Condition) -> list[str]:
    """The question ids a condition reads, in order, without repeats."""
    if isinstance(condition, AnyOf | AllOf):
        found: list[str] = []
        for part in condition.conditions:
            for answer in condition_answers(part):
                if answer not in found:
                    found.append(answer)
        return found
    return [condition.answer]
