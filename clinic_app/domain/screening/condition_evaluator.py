"""Judging a rule's condition against the checked answers, time windows included.

Standard library only. A condition is true, false, or cannot be judged (None) when an answer
it needs, or the treatment date a time window needs, is missing. A true verdict names the
answers that made it so, and the time window (within_days or within_months) that matched, for
the finding's dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from clinic_app.domain.screening.answer_reader import AnswerValue
from clinic_app.domain.screening.screening_model import (
    CURRENT,
    AllOf,
    AnyOf,
    Condition,
    DateWindow,
    Equals,
    InSet,
)

_MISSING = object()


@dataclass(frozen=True)
class DateMatch:
    """The time window that made a rule fire, and how."""

    condition: DateWindow
    last_used: dt.date | None  # None: the patient still uses it ("current")


@dataclass(frozen=True)
class Verdict:
    """What a condition says about the answers, and which answers said it."""

    state: bool | None  # None: cannot be judged (an answer or the treatment date is missing)
    answers: tuple[str, ...] = ()
    date_match: DateMatch | None = None


def judge(
    condition: Condition, values: Mapping[str, AnswerValue], treatment: dt.date | None
) -> Verdict:
    """The verdict of ``condition`` on the checked answers ``values`` for ``treatment``."""
    if isinstance(condition, AnyOf | AllOf):
        verdicts = [judge(part, values, treatment) for part in condition.conditions]
        states = [verdict.state for verdict in verdicts]
        if isinstance(condition, AnyOf):
            if True not in states:
                return Verdict(None if None in states else False)
        elif False in states or None in states:
            return Verdict(False if False in states else None)
        true = [verdict for verdict in verdicts if verdict.state]
        answers = tuple(dict.fromkeys(a for verdict in true for a in verdict.answers))
        match = next((v.date_match for v in true if v.date_match is not None), None)
        return Verdict(True, answers, match)
    value = values.get(condition.answer, _MISSING)
    if value is _MISSING:
        return Verdict(None)
    hit = (condition.answer,)
    if isinstance(condition, Equals):
        same = type(value) is type(condition.value) and value == condition.value
        return Verdict(same, hit if same else ())
    if isinstance(condition, InSet):
        if isinstance(value, frozenset):
            found = bool(value & set(condition.values))
        else:
            found = value in condition.values
        return Verdict(found, hit if found else ())
    # WithinDays, WithinMonths: fires while the treatment date is before the window's end
    if value is False or not isinstance(value, str | dt.date):
        return Verdict(False)
    if value == CURRENT:
        return Verdict(True, hit, DateMatch(condition, None))
    if not isinstance(value, dt.date):
        return Verdict(False)
    if treatment is None:
        return Verdict(None)
    end = condition.earliest(value)
    if end is None or treatment < end:  # None: beyond the calendar, so never over
        return Verdict(True, hit, DateMatch(condition, value))
    return Verdict(False)
