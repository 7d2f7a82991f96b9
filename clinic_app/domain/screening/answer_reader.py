"""Reading a consultation's answers document into values the rules' conditions can judge.

Standard library only. Never raises for bad answers: each unusable value becomes a Problem
naming its question, and a required question without an answer is listed as unanswered, never
read as "no". The answers format is described in docs/screening.md.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass

from clinic_app.domain.screening.screening_model import (
    CURRENT,
    TREATMENT_DATE,
    Problem,
    Question,
    QuestionKind,
    RuleSet,
    parse_date,
)

AnswerValue = bool | str | dt.date | frozenset[str]
"""A checked answer: yes/no, a choice or details text, "current", a date, a set of choices."""

_MISSING = object()


@dataclass(frozen=True)
class CheckedAnswers:
    """The usable answers by question id, and what could not be used."""

    treatment: dt.date | None
    values: dict[str, AnswerValue]
    problems: tuple[Problem, ...]
    unanswered: tuple[str, ...]  # the treatment date and required questions, in form order


def read_answers(
    rules: RuleSet, answers: Mapping[str, object], treatment_date: dt.date | None
) -> CheckedAnswers:
    """Check ``answers`` (question id -> JSON value) against the questions of ``rules``.

    ``answers`` may contain the reserved key "treatment_date"; it is ignored here (the caller
    passes the date itself).
    """
    problems: list[Problem] = []
    unanswered: list[str] = []
    if not isinstance(answers, Mapping):
        problems.append(
            Problem("answers", f"the answers must be a JSON object, not {_kind_of(answers)}")
        )
        answers = {}
    treatment = _treatment_date(treatment_date, problems, unanswered)
    values = _answer_values(rules, answers, treatment, problems, unanswered)
    return CheckedAnswers(treatment, values, tuple(problems), tuple(unanswered))


def _treatment_date(
    value: object, problems: list[Problem], unanswered: list[str]
) -> dt.date | None:
    if value is None:
        unanswered.append(TREATMENT_DATE)
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    problems.append(Problem(TREATMENT_DATE, f"must be a date, not {_kind_of(value)}"))
    return None


def _answer_values(
    rules: RuleSet,
    answers: Mapping[str, object],
    treatment: dt.date | None,
    problems: list[Problem],
    unanswered: list[str],
) -> dict[str, AnswerValue]:
    """The usable answers by question id; the rest go to ``problems`` or ``unanswered``."""
    values: dict[str, AnswerValue] = {}
    known = {question.id for question in rules.questions}
    for key in answers:
        if key == TREATMENT_DATE or key in known:
            continue
        name = key if isinstance(key, str) else repr(key)
        problems.append(
            Problem(name[:80], "not a question of the screening form; check the spelling")
        )
    for question in rules.questions:
        raw = answers.get(question.id, _MISSING)
        if raw is _MISSING or raw is None or (isinstance(raw, str) and not raw.strip()):
            if question.required:
                unanswered.append(question.id)
            continue
        try:
            values[question.id] = _answer(question, raw, treatment)
        except _BadAnswer as exc:
            problems.append(Problem(question.id, str(exc)))
            if exc.value is not None:  # usable, but suspicious: judge it and report it
                values[question.id] = exc.value
    return values


class _BadAnswer(ValueError):
    def __init__(self, message: str, value: AnswerValue | None = None) -> None:
        super().__init__(message)
        self.value = value


def _answer(question: Question, raw: object, treatment: dt.date | None) -> AnswerValue:
    kind = question.kind
    if kind is QuestionKind.YES_NO:
        if isinstance(raw, bool):
            return raw
        raise _BadAnswer(f"answer true (yes) or false (no), not {_shown(raw)}")
    if kind is QuestionKind.CHOICE:
        if isinstance(raw, str) and raw.strip() in question.choice_values:
            return raw.strip()
        raise _BadAnswer(f"choose one of {_choices(question)}, not {_shown(raw)}")
    if kind is QuestionKind.MULTI_CHOICE:
        if not isinstance(raw, list | tuple) or not all(isinstance(v, str) for v in raw):
            raise _BadAnswer(
                f"give a list of {_choices(question)} ([] for none), not {_shown(raw)}"
            )
        chosen = frozenset(value.strip() for value in raw)
        wrong = sorted(chosen - set(question.choice_values))
        if wrong:
            listed = ", ".join(_shown(value) for value in wrong)
            raise _BadAnswer(f"{listed} not among the choices {_choices(question)}")
        if len(chosen) < question.min_selected:
            raise _BadAnswer(f"choose at least {question.min_selected} of {_choices(question)}")
        return chosen
    if kind is QuestionKind.EXPOSURE:
        return _exposure(raw, treatment)
    # QuestionKind.DETAILS
    if raw is False or (isinstance(raw, str) and raw.strip()):
        return raw.strip() if isinstance(raw, str) else False
    raise _BadAnswer(f"answer false (none) or describe it in words, not {_shown(raw)}")


def _exposure(raw: object, treatment: dt.date | None) -> AnswerValue:
    if raw is False:
        return False
    if isinstance(raw, str) and raw.strip().lower() == CURRENT:
        return CURRENT
    if isinstance(raw, dt.datetime):
        used = raw.date()
    elif isinstance(raw, dt.date):
        used = raw
    elif isinstance(raw, str):
        try:
            used = parse_date(raw)
        except ValueError as exc:
            raise _BadAnswer(f'{exc}; or answer "{CURRENT}" (still using) or false') from None
    else:
        raise _BadAnswer(
            f'answer false (not used), "{CURRENT}" (still using) or the date last used as '
            f"YYYY-MM-DD, not {_shown(raw)}"
        )
    if treatment is not None and used > treatment:
        raise _BadAnswer(
            f"last used {used.isoformat()} is after the planned treatment date "
            f'{treatment.isoformat()}; check the date, or answer "{CURRENT}"',
            value=used,
        )
    return used


def _kind_of(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a text"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return f'"{text}"'
    if isinstance(value, float) and not math.isfinite(value):
        return "a number that is not finite"
    if isinstance(value, int | float):
        text = str(value)
        return text if len(text) <= 40 else "a number"
    return _kind_of(value)


def _choices(question: Question) -> str:
    return ", ".join(f'"{value}"' for value in question.choice_values)
