"""Contraindication screening: judge a consultation's answers against the rules.

Standard library only. The rules and questions are data (resources/rules/*.toml, overridable
from the clinic's data dir); this module never evaluates text as code. Usage::

    rules = load_rules(config.data_dir)
    result = evaluate(rules, answers, treatment_date)
    result.findings      # absolute -> relative -> caution, texts filled with real dates
    result.unanswered    # required questions not answered: never read as "no"
    result.blocks_plan   # an absolute finding fired

The answers are read by answer_reader, each rule's condition is judged by
condition_evaluator; this module runs every rule and assembles the result. It is also the
screening's public face: the types of screening_model and the loading of screening_rules
are importable from here. The answers format and the condition language are described in
docs/screening.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from clinic_app.domain.screening.answer_reader import read_answers
from clinic_app.domain.screening.condition_evaluator import Verdict, judge
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
    "evaluate",
    "format_date",
    "load_rules",
    "parse_date",
]


def evaluate(
    rules: RuleSet, answers: Mapping[str, object], treatment_date: dt.date | None
) -> ScreeningResult:
    """Judge ``answers`` (question id -> JSON value) against ``rules`` for ``treatment_date``.

    Never raises for bad answers: each unusable value becomes a Problem naming its question.
    ``answers`` may contain the reserved key "treatment_date"; it is ignored here (the caller
    passes the date itself).
    """
    checked = read_answers(rules, answers, treatment_date)
    treatment = checked.treatment

    fired: list[tuple[int, int, Finding]] = []
    undecided: list[str] = []
    for index, rule in enumerate(rules.rules):
        verdict = judge(rule.when, checked.values, treatment)
        if verdict.state is None:
            undecided.append(rule.id)
        elif verdict.state:
            fired.append((rule.severity.rank, index, _finding(rule, verdict, treatment)))
    fired.sort(key=lambda item: (item[0], item[1]))
    return ScreeningResult(
        treatment_date=treatment,
        findings=tuple(finding for _, _, finding in fired),
        unanswered=checked.unanswered,
        problems=checked.problems,
        undecided=tuple(undecided),
    )


# ---- assembling a finding -------------------------------------------------------------------


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


def _finding(rule: Rule, verdict: Verdict, treatment: dt.date | None) -> Finding:
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
