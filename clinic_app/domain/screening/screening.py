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
from clinic_app.domain.screening.drug_classes import DrugMention, described, grouped
from clinic_app.domain.screening.screening_model import (
    CURRENT,
    FORMAT_VERSION,
    TREATMENT_DATE,
    AllOf,
    AnyOf,
    Choice,
    Condition,
    DateWindow,
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
    WithinMonths,
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
    "DateWindow",
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
    "WithinMonths",
    "absolute_questions",
    "build_ruleset",
    "condition_answers",
    "evaluate",
    "format_date",
    "load_rules",
    "parse_date",
]


def evaluate(
    rules: RuleSet,
    answers: Mapping[str, object],
    treatment_date: dt.date | None,
    today: dt.date | None = None,
) -> ScreeningResult:
    """Judge ``answers`` (question id -> JSON value) against ``rules`` for ``treatment_date``.

    ``today`` is the day of the screening (the consultation, or the session's re-check): for a
    product still in use, the advice then counts the window from it when the date to stop by
    has already passed. Never raises for bad answers: each unusable value becomes a Problem
    naming its question. ``answers`` may contain the reserved key "treatment_date"; it is
    ignored here (the caller passes the date itself).
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
            finding = _finding(rule, verdict, treatment, today)
            fired.append((rule.severity.rank, index, finding))
    fired.sort(key=lambda item: (item[0], item[1]))
    mentions = rules.drugs.mentions(checked.values) if rules.drugs is not None else ()
    return ScreeningResult(
        treatment_date=treatment,
        findings=tuple(finding for _, _, finding in fired),
        unanswered=checked.unanswered,
        problems=checked.problems + _contradictions(rules, mentions, checked.values),
        undecided=tuple(undecided),
        unanswered_absolute=_unanswered_absolute(rules, undecided, checked.values),
        mentions=mentions,
    )


def _contradictions(
    rules: RuleSet, mentions: tuple[DrugMention, ...], values: Mapping[str, object]
) -> tuple[Problem, ...]:
    """A Problem for each question answered No although a free-text answer names its medicine."""
    if rules.drugs is None:
        return ()
    template = rules.drugs.messages["contradiction"]
    found = []
    for question_id, named in grouped(mentions).items():
        if values.get(question_id) is False:
            text_question = rules.question(named[0].text_question)
            fields = {
                "drugs": described(named),
                "text_question": text_question.label if text_question else "",
                "question": question_id,
            }
            found.append(Problem(question_id, fill(template, fields)))
    return tuple(found)


def absolute_questions(rules: RuleSet) -> tuple[str, ...]:
    """The questions an absolute rule reads, in form order: unanswered, they block the plan."""
    read = {
        answer
        for rule in rules.rules
        if rule.severity is Severity.ABSOLUTE
        for answer in condition_answers(rule.when)
    }
    return tuple(question.id for question in rules.questions if question.id in read)


def _unanswered_absolute(
    rules: RuleSet, undecided: list[str], values: Mapping[str, object]
) -> tuple[str, ...]:
    """Questions without a usable answer that keep an absolute rule from being judged."""
    read: set[str] = set()
    for rule in rules.rules:
        if rule.severity is Severity.ABSOLUTE and rule.id in undecided:
            read.update(answer for answer in condition_answers(rule.when) if answer not in values)
    return tuple(question.id for question in rules.questions if question.id in read)


# ---- assembling a finding -------------------------------------------------------------------


def _count(window: DateWindow) -> str:
    """ "14 days", "1 month"."""
    unit = window.unit if window.count != 1 else window.unit[:-1]
    return f"{window.count} {unit}"


def _relative(treatment: dt.date | None, days: int) -> str:
    """A date ``days`` from the treatment date, as text."""
    moved = shift(treatment, days) if treatment is not None else None
    if moved is not None:
        return format_date(moved)
    if days == 0:
        return "the planned treatment date"
    count = f"{abs(days)} day{'s' if abs(days) != 1 else ''}"
    side = "before" if days < 0 else "after"
    return f"{count} {side} the planned treatment date"


def _after(window: DateWindow, day: dt.date | None, otherwise: str) -> tuple[str, dt.date | None]:
    """The end of ``window`` counted from ``day``, as text and date; ``otherwise`` names the
    day when it is unknown."""
    end = window.earliest(day) if day is not None else None
    if end is not None:
        return format_date(end), end
    shown = format_date(day) if day is not None else otherwise
    return f"{_count(window)} after {shown}", None


def _finding(
    rule: Rule, verdict: Verdict, treatment: dt.date | None, today: dt.date | None
) -> Finding:
    values: dict[str, str] = {TREATMENT_DATE: _relative(treatment, 0)}
    for name, offset in rule.dates:
        values[name] = _relative(treatment, offset)
    due: dt.date | None = None
    due_kind: str | None = None
    advice = rule.advice
    match = verdict.date_match
    if match is not None:
        window = match.condition
        values[window.unit] = str(window.count)
        stop_by = window.stop_by(treatment) if treatment is not None else None
        values["stop_by"] = (
            format_date(stop_by)
            if stop_by is not None
            else f"{_count(window)} before the planned treatment date"
        )
        if match.last_used is None:
            values["earliest_if_stopped"], if_stopped = _after(window, today, "the day it stops")
            late = stop_by is not None and today is not None and stop_by < today
            if late:
                due, due_kind = if_stopped, "earliest_date"
            else:
                due, due_kind = stop_by, "stop_by"
            if rule.advice_current is not None:
                advice = (rule.advice_current_late if late else None) or rule.advice_current
        else:
            values["last_used"] = format_date(match.last_used)
            values["earliest_date"], due = _after(window, match.last_used, "")
            due_kind = "earliest_date"
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
        test_spot=rule.test_spot,
    )
