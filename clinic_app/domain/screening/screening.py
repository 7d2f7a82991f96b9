"""Contraindication screening: judge a consultation's answers against the rules.

Standard library only. The rules and questions are data (resources/rules/*.toml, overridable
from the clinic's data dir); this module never evaluates text as code. Usage::

    rules = load_rules(config.data_dir)
    result = evaluate(rules, answers, treatment_date)
    result.findings      # absolute -> relative -> caution, texts filled with real dates
    result.unanswered    # required questions not answered: never read as "no"
    result.blocks_plan   # an absolute finding fired

The answers format and the condition language are described in docs/screening.md.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass

from clinic_app.domain.screening.screening_model import (
    CURRENT,
    FORMAT_VERSION,
    TREATMENT_DATE,
    AllOf,
    AnyOf,
    Choice,
    Condition,
    Equals,
    Finding,
    InSet,
    Problem,
    Question,
    QuestionKind,
    Rule,
    RuleSet,
    ScreeningResult,
    Severity,
    WithinDays,
    condition_answers,
    fill,
    format_date,
    parse_date,
    shift,
)
from clinic_app.domain.screening.screening_rules import (
    RulesFileError,
    RulesSource,
    build_ruleset,
    load_rules,
)

__all__ = [
    "CURRENT",
    "FORMAT_VERSION",
    "TREATMENT_DATE",
    "AllOf",
    "AnyOf",
    "Choice",
    "Condition",
    "Equals",
    "Finding",
    "InSet",
    "Problem",
    "Question",
    "QuestionKind",
    "Rule",
    "RuleSet",
    "RulesFileError",
    "RulesSource",
    "ScreeningResult",
    "Severity",
    "WithinDays",
    "build_ruleset",
    "condition_answers",
    "describe_condition",
    "evaluate",
    "format_date",
    "load_rules",
    "parse_date",
    "questions_markdown",
    "rules_markdown",
]

AnswerValue = bool | str | dt.date | frozenset[str]
_MISSING = object()


@dataclass(frozen=True)
class _DateMatch:
    """The within_days condition that made a rule fire, and how."""

    condition: WithinDays
    last_used: dt.date | None  # None: the patient still uses it ("current")


@dataclass(frozen=True)
class _Verdict:
    state: bool | None  # None: cannot be judged (an answer or the treatment date is missing)
    answers: tuple[str, ...] = ()
    date_match: _DateMatch | None = None


def evaluate(
    rules: RuleSet, answers: Mapping[str, object], treatment_date: dt.date | None
) -> ScreeningResult:
    """Judge ``answers`` (question id -> JSON value) against ``rules`` for ``treatment_date``.

    Never raises for bad answers: each unusable value becomes a Problem naming its question.
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
    values = _read_answers(rules, answers, treatment, problems, unanswered)

    fired: list[tuple[int, int, Finding]] = []
    undecided: list[str] = []
    for index, rule in enumerate(rules.rules):
        verdict = _judge(rule.when, values, treatment)
        if verdict.state is None:
            undecided.append(rule.id)
        elif verdict.state:
            fired.append((rule.severity.rank, index, _finding(rule, verdict, treatment)))
    fired.sort(key=lambda item: (item[0], item[1]))
    return ScreeningResult(
        treatment_date=treatment,
        findings=tuple(finding for _, _, finding in fired),
        unanswered=tuple(unanswered),
        problems=tuple(problems),
        undecided=tuple(undecided),
    )


# ---- reading answers ------------------------------------------------------------------------


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


def _read_answers(
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


# ---- judging --------------------------------------------------------------------------------


def _judge(
    condition: Condition, values: Mapping[str, AnswerValue], treatment: dt.date | None
) -> _Verdict:
    if isinstance(condition, AnyOf | AllOf):
        verdicts = [_judge(part, values, treatment) for part in condition.conditions]
        states = [verdict.state for verdict in verdicts]
        if isinstance(condition, AnyOf):
            if True not in states:
                return _Verdict(None if None in states else False)
        elif False in states or None in states:
            return _Verdict(False if False in states else None)
        true = [verdict for verdict in verdicts if verdict.state]
        answers = tuple(dict.fromkeys(a for verdict in true for a in verdict.answers))
        match = next((v.date_match for v in true if v.date_match is not None), None)
        return _Verdict(True, answers, match)
    value = values.get(condition.answer, _MISSING)
    if value is _MISSING:
        return _Verdict(None)
    hit = (condition.answer,)
    if isinstance(condition, Equals):
        same = type(value) is type(condition.value) and value == condition.value
        return _Verdict(same, hit if same else ())
    if isinstance(condition, InSet):
        if isinstance(value, frozenset):
            found = bool(value & set(condition.values))
        else:
            found = value in condition.values
        return _Verdict(found, hit if found else ())
    # WithinDays
    if value is False or not isinstance(value, str | dt.date):
        return _Verdict(False)
    if value == CURRENT:
        return _Verdict(True, hit, _DateMatch(condition, None))
    if not isinstance(value, dt.date):
        return _Verdict(False)
    if treatment is None:
        return _Verdict(None)
    if (treatment - value).days < condition.days:
        return _Verdict(True, hit, _DateMatch(condition, value))
    return _Verdict(False)


def _relative(treatment: dt.date | None, days: int) -> tuple[str, dt.date | None]:
    """A date ``days`` from the treatment date, as text and as a date when it is known."""
    moved = shift(treatment, days) if treatment is not None else None
    if moved is not None:
        return format_date(moved), moved
    if days == 0:
        return "the planned treatment date", None
    count = f"{abs(days)} day{'s' if abs(days) != 1 else ''}"
    side = "before" if days < 0 else "after"
    return f"{count} {side} the planned treatment date", None


def _finding(rule: Rule, verdict: _Verdict, treatment: dt.date | None) -> Finding:
    values: dict[str, str] = {TREATMENT_DATE: _relative(treatment, 0)[0]}
    for name, offset in rule.dates:
        values[name] = _relative(treatment, offset)[0]
    due: dt.date | None = None
    due_kind: str | None = None
    advice = rule.advice
    match = verdict.date_match
    if match is not None:
        days = match.condition.days
        values["days"] = str(days)
        values["stop_by"], stop_by = _relative(treatment, -days)
        if match.last_used is None:
            due, due_kind = stop_by, "stop_by"
            if rule.advice_current is not None:
                advice = rule.advice_current
        else:
            values["last_used"] = format_date(match.last_used)
            earliest = shift(match.last_used, days)
            values["earliest_date"] = (
                format_date(earliest) if earliest else f"{days} days after {values['last_used']}"
            )
            due, due_kind = earliest, "earliest_date"
    return Finding(
        rule_id=rule.id,
        rule_version=rule.version,
        severity=rule.severity,
        title=fill(rule.title, values),
        message=fill(rule.message, values),
        advice=fill(advice, values),
        source=rule.source,
        due_date=due,
        due_kind=due_kind if due is not None else None,
        answers=verdict.answers,
    )


# ---- describing rules (the docs table, `clinic-app rules`) ----------------------------------


def describe_condition(condition: Condition) -> str:
    """A short plain-text rendering, e.g. "`x` current or < 14 days before treatment"."""
    if isinstance(condition, AnyOf | AllOf):
        joiner = " or " if isinstance(condition, AnyOf) else " and "
        parts = []
        for part in condition.conditions:
            text = describe_condition(part)
            parts.append(f"({text})" if isinstance(part, AnyOf | AllOf) else text)
        return joiner.join(parts)
    if isinstance(condition, Equals):
        value = condition.value
        shown = ("yes" if value else "no") if isinstance(value, bool) else value
        return f"`{condition.answer}` = {shown}"
    if isinstance(condition, InSet):
        return f"`{condition.answer}` in {', '.join(condition.values)}"
    return f"`{condition.answer}` {CURRENT} or < {condition.days} days before treatment"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def rules_markdown(rules: RuleSet) -> str:
    """The active rules as a Markdown table (docs/screening.md embeds the shipped one)."""
    lines = [
        "| id | v | severity | when | finding | what to do | source |",
        "|---|---|---|---|---|---|---|",
    ]
    for rule in rules.rules:
        advice = rule.advice
        if rule.advice_current is not None:
            advice = f"Still in use: {rule.advice_current} Used recently: {rule.advice}"
        cells = [
            f"`{rule.id}`",
            str(rule.version),
            rule.severity.value,
            describe_condition(rule.when),
            f"**{rule.title}.** {rule.message}",
            advice,
            rule.source,
        ]
        lines.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def _answer_shape(question: Question) -> str:
    kind = question.kind
    if kind is QuestionKind.YES_NO:
        return "`true` / `false`"
    if kind is QuestionKind.CHOICE:
        return "one of " + ", ".join(f'`"{v}"`' for v in question.choice_values)
    if kind is QuestionKind.MULTI_CHOICE:
        least = f" (at least {question.min_selected})" if question.min_selected else ""
        return "list of " + ", ".join(f'`"{v}"`' for v in question.choice_values) + least
    if kind is QuestionKind.EXPOSURE:
        return f'`false`, `"{CURRENT}"` or `"YYYY-MM-DD"` (last used)'
    return "`false` or a text"


def questions_markdown(rules: RuleSet) -> str:
    """The questions of the answers format as a Markdown table."""
    lines = ["| key | section | answer | question |", "|---|---|---|---|"]
    for question in rules.questions:
        optional = " (optional)" if not question.required else ""
        cells = [
            f"`{question.id}`",
            question.section,
            _answer_shape(question) + optional,
            question.label,
        ]
        lines.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    return "\n".join(lines) + "\n"
