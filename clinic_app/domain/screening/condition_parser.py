"""Parsing and checking a rule's ``when`` table into a Condition tree.

A condition tests one answer (``equals``, ``in``, ``within_days``, ``within_months``) or
combines others (``any_of``, ``all_of``); each is checked against the question it names. Every
problem is appended to the caller's list of errors with the path of the condition. Standard
library only.
"""

from __future__ import annotations

from clinic_app.domain.screening.rules_table import did_you_mean, show
from clinic_app.domain.screening.screening_model import (
    AllOf,
    AnyOf,
    Condition,
    Equals,
    InSet,
    Question,
    QuestionKind,
    WithinDays,
    WithinMonths,
)

MAX_DAYS = 36_500  # within_days and date offsets: up to 100 years
MAX_MONTHS = 1_200  # within_months: up to 100 years

_TEST_KEYS = ("equals", "in", "within_days", "within_months")
_WINDOWS = {"within_days": ("days", MAX_DAYS), "within_months": ("months", MAX_MONTHS)}
_COMBINATIONS = ("any_of", "all_of")


def parse_condition(
    raw: object,
    path: str,
    where: str,
    questions: dict[str, Question],
    errors: list[str],
    depth: int = 0,
) -> Condition | None:
    """The condition of ``raw`` (at ``path`` in entry ``where``); None if it has problems."""

    def error(message: str) -> None:
        errors.append(f"{where}: {path}: {message}")

    if depth > 20:
        error("conditions are nested too deeply (more than 20 levels)")
        return None
    if not isinstance(raw, dict):
        example = '{ answer = "question_id", equals = true }'
        error(f"must be a table like {example} (got {show(raw)})")
        return None
    keys = set(raw)
    combination = [key for key in _COMBINATIONS if key in keys]
    if combination:
        key = combination[0]
        if len(keys) != 1:
            others = ", ".join(sorted(keys - {key}))
            error(f"{key} cannot be combined with other fields in the same table ({others})")
            return None
        items = raw[key]
        if not isinstance(items, list) or not items:
            error(f"{key} must be a non-empty list of conditions")
            return None
        parts = [
            parse_condition(item, f"{path}.{key}[{i}]", where, questions, errors, depth + 1)
            for i, item in enumerate(items)
        ]
        if any(part is None for part in parts):
            return None
        checked = tuple(part for part in parts if part is not None)
        return AnyOf(checked) if key == "any_of" else AllOf(checked)
    unknown = keys - {"answer", *_TEST_KEYS}
    if unknown:
        allowed = {"answer", *_TEST_KEYS, *_COMBINATIONS}
        names = ", ".join(f"'{k}'{did_you_mean(k, allowed)}" for k in sorted(unknown))
        error(f"unknown field {names}")
        return None
    tests = [key for key in _TEST_KEYS if key in keys]
    if "answer" not in keys or len(tests) != 1:
        error(
            "needs 'answer' (a question id) and exactly one of equals, in, within_days, "
            "within_months -- or any_of / all_of"
        )
        return None
    answer = raw["answer"]
    question = questions.get(answer) if isinstance(answer, str) else None
    if question is None:
        hint = did_you_mean(answer, questions) if isinstance(answer, str) else ""
        error(f"answer: there is no question {show(answer)}{hint}")
        return None
    test = tests[0]
    value = raw[test]
    kind = question.kind
    if test == "equals":
        if kind is QuestionKind.YES_NO and isinstance(value, bool):
            return Equals(answer, value)
        if kind is QuestionKind.CHOICE and isinstance(value, str):
            if value in question.choice_values:
                return Equals(answer, value)
            error(f"equals: '{value}' is not a choice of '{answer}' ({_list(question)})")
            return None
        if kind is QuestionKind.YES_NO:
            error(f"equals: '{answer}' is a yes/no question; write true or false")
        elif kind is QuestionKind.CHOICE:
            error(f"equals: write one of the choices of '{answer}' ({_list(question)})")
        else:
            error(f"equals does not apply to '{answer}' ({kind}); {_hint(kind)}")
        return None
    if test == "in":
        if kind not in (QuestionKind.CHOICE, QuestionKind.MULTI_CHOICE):
            error(f"in does not apply to '{answer}' ({kind}); {_hint(kind)}")
            return None
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            error('in must be a non-empty list of choices, e.g. in = ["a", "b"]')
            return None
        wrong = [v for v in value if v not in question.choice_values]
        if wrong:
            shown = ", ".join(repr(v) for v in wrong)
            error(f"in: {shown} not among the choices of '{answer}' ({_list(question)})")
            return None
        return InSet(answer, tuple(dict.fromkeys(value)))
    if kind is not QuestionKind.EXPOSURE:
        error(f"{test} applies to exposure questions; '{answer}' is {kind}")
        return None
    unit, most = _WINDOWS[test]
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= most:
        error(f"{test} must be a whole number of {unit} from 1 to {most} (got {show(value)})")
        return None
    return WithinDays(answer, value) if test == "within_days" else WithinMonths(answer, value)


def _list(question: Question) -> str:
    return ", ".join(question.choice_values)


def _hint(kind: QuestionKind) -> str:
    if kind is QuestionKind.EXPOSURE:
        return "use within_days = N or within_months = N"
    if kind is QuestionKind.MULTI_CHOICE:
        return 'use in = ["..."]'
    return "conditions cannot test a details question"
