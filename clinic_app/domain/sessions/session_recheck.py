"""The re-check before the first pulse: what changed since the consultation, judged on the day.

The re-check asks again every question a time-window rule reads (retinoids, peels, antibiotics,
isotretinoin, a tan...: derived from the rules, so a clinic's new window rule is asked too), in
the order and wording of resources/sessions/sessions.toml where it lists them, and the few other
questions sessions.toml lists (an infection, a pregnancy). Its answers are merged into the
consultation's and every screening rule runs again against the session's date, so a
time-based finding is judged for the day of treatment, not the day of the consultation. When
the consultation recorded a prescription (e.g. the antiviral), sessions.toml's
``[[recheck.prescription]]`` asks whether it was started; "no" is a finding of its own.
Standard library only.

Answers, by question kind:

- yes/no: ``true`` or ``false`` (today).
- exposure: ``"no"`` (nothing new since the consultation: the consultation's answer stands, or
  "not used" without one), ``"current"`` (still taking it / tanned now) or ``"YYYY-MM-DD"``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from clinic_app.domain.clinical_picture import Prescription
from clinic_app.domain.reasons import DEFAULT_RULES, ReasonLevel, ReasonPolicy
from clinic_app.domain.screening.screening import evaluate
from clinic_app.domain.screening.screening_model import (
    CURRENT,
    AllOf,
    AnyOf,
    Condition,
    Finding,
    QuestionKind,
    RuleSet,
    ScreeningResult,
    Severity,
    WithinDays,
    WithinMonths,
    fill,
    format_date,
    parse_date,
)
from clinic_app.domain.sessions.session_content import PrescriptionCheck, SessionContent

NOTHING_NEW = "no"
ASKABLE_KINDS = (QuestionKind.YES_NO, QuestionKind.EXPOSURE)


@dataclass(frozen=True)
class AskedQuestion:
    """A re-check question as the editor shows it."""

    id: str
    kind: QuestionKind
    text: str  # the re-check wording, or the screening question's label
    prescription: str = ""  # the prescription kind it checks; such a question is no screening one


def window_questions(rules: RuleSet) -> tuple[str, ...]:
    """The questions read by a rule with a time window, in the order of the rules."""
    found: list[str] = []
    for rule in rules.rules:
        for answer in _window_answers(rule.when):
            if answer not in found:
                found.append(answer)
    return tuple(found)


def _window_answers(condition: Condition) -> list[str]:
    if isinstance(condition, WithinDays | WithinMonths):
        return [condition.answer]
    if isinstance(condition, AnyOf | AllOf):
        return [answer for part in condition.conditions for answer in _window_answers(part)]
    return []


def recheck_questions(
    rules: RuleSet, content: SessionContent, prescriptions: Sequence[Prescription] = ()
) -> tuple[AskedQuestion, ...]:
    """What to ask on the day: sessions.toml's questions in its order and wording (ids the rules
    lack are skipped), then every other time-window question with its label, then one question
    per recorded prescription that sessions.toml checks."""
    asked: list[AskedQuestion] = []
    wording = {entry.id: entry.ask for entry in content.recheck_questions}
    for question_id in (*wording, *window_questions(rules)):
        question = rules.question(question_id)
        if question is None or question.kind not in ASKABLE_KINDS:
            continue
        if any(a.id == question_id for a in asked):
            continue
        asked.append(
            AskedQuestion(question.id, question.kind, wording.get(question_id) or question.label)
        )
    for check, prescription in _checked(content, prescriptions):
        text = fill(check.ask, _prescription_values(prescription))
        asked.append(AskedQuestion(check.id, QuestionKind.YES_NO, text, prescription.kind))
    return tuple(asked)


def _checked(
    content: SessionContent, prescriptions: Sequence[Prescription]
) -> list[tuple[PrescriptionCheck, Prescription]]:
    """The prescription checks that apply: a check per kind, with the first prescription of it."""
    found = []
    for check in content.recheck_prescriptions:
        prescription = next((p for p in prescriptions if p.kind == check.kind), None)
        if prescription is not None:
            found.append((check, prescription))
    return found


def _prescription_values(prescription: Prescription) -> dict[str, str]:
    return {
        "drug": prescription.drug,
        "start": format_date(prescription.start),
        "days": str(prescription.days),
        "last_day": format_date(prescription.last_day),
    }


def prescription_findings(
    content: SessionContent,
    prescriptions: Sequence[Prescription],
    recheck_answers: Mapping[str, Any],
) -> tuple[Finding, ...]:
    """A finding for each recorded prescription the re-check says was not started."""
    found = []
    for check, prescription in _checked(content, prescriptions):
        if recheck_answers.get(check.id) is not False:
            continue
        values = _prescription_values(prescription)
        found.append(
            Finding(
                rule_id=check.rule_id,
                rule_version=check.version,
                severity=Severity(check.severity),
                title=fill(check.title, values),
                message=fill(check.message, values),
                advice=fill(check.advice, values),
                source=check.source,
                answers=(check.id,),
            )
        )
    return tuple(found)


def answer_problem(question: AskedQuestion, value: object) -> str | None:
    """Why ``value`` is not a usable re-check answer (None when it is, or is missing)."""
    if value is None:
        return None
    if question.kind is QuestionKind.YES_NO:
        return None if isinstance(value, bool) else "Answer yes or no."
    if value in (NOTHING_NEW, CURRENT):
        return None
    if isinstance(value, str):
        try:
            parse_date(value)
        except ValueError as exc:
            return str(exc)
        return None
    return 'Answer "no", "current" or a date.'


def merged_answers(
    questions: Iterable[AskedQuestion],
    consultation_answers: Mapping[str, Any],
    recheck_answers: Mapping[str, Any],
) -> dict[str, Any]:
    """The consultation's answers with what the re-check changed."""
    merged = dict(consultation_answers)
    for question in questions:
        value = recheck_answers.get(question.id)
        if value is None or question.prescription:
            continue
        if question.kind is QuestionKind.EXPOSURE and value == NOTHING_NEW:
            merged.setdefault(question.id, False)
            continue
        merged[question.id] = value
    return merged


@dataclass(frozen=True)
class RecheckResult:
    """The screening of the day and what it asks of the practitioner."""

    day: dt.date
    result: ScreeningResult
    unanswered: tuple[str, ...]  # re-check question ids with no answer
    settled: frozenset[str]  # rule ids decided at the consultation (a reason was recorded)
    known: frozenset[str] = frozenset()  # rule ids the consultation found
    extra: tuple[Finding, ...] = ()  # findings of the day beyond the rules (a prescription)
    policy: ReasonPolicy = field(default_factory=lambda: ReasonPolicy(dict(DEFAULT_RULES)))

    @property
    def blocking(self) -> tuple[Finding, ...]:
        """Absolute findings: the session is deferred, it cannot be signed."""
        return self._of(Severity.ABSOLUTE)

    @property
    def needs_reason(self) -> tuple[Finding, ...]:
        """Relative findings not decided at the consultation: proceeding needs a reason."""
        return tuple(f for f in self._of(Severity.RELATIVE) if f.rule_id not in self.settled)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """The screening's findings and the extra ones, absolute -> relative -> caution."""
        every = self.result.findings + self.extra
        return tuple(sorted(every, key=lambda f: f.severity.rank))

    def _of(self, severity: Severity) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is severity)

    def is_new(self, finding: Finding) -> bool:
        """Whether the consultation did not find this."""
        return finding.rule_id not in self.known

    def problem(self, reason: str) -> str | None:
        """Why the session cannot be signed after this re-check, or None."""
        if self.unanswered:
            count = len(self.unanswered)
            return f"Answer the re-check before the first pulse ({count} unanswered)."
        if self.blocking:
            titles = "; ".join(f.title for f in self.blocking)
            return f"{titles}: {self.blocking[0].advice}"
        problem = self.policy.problem(reason, ReasonLevel.RELATIVE)
        if self.needs_reason and problem is not None:
            titles = "; ".join(f.title for f in self.needs_reason)
            return f"{titles}: {problem} today."
        return None

    def as_dict(self, answers: Mapping[str, Any], reason: str) -> dict[str, Any]:
        """What is stored with the session (TreatmentSession.recheck["screening"])."""
        return {
            "day": self.day.isoformat(),
            "answers": dict(answers),
            "reason": reason.strip(),
            "findings": [f.as_dict() for f in self.findings],
        }


def run_recheck(
    rules: RuleSet,
    content: SessionContent,
    consultation_answers: Mapping[str, Any],
    recheck_answers: Mapping[str, Any],
    day: dt.date,
    settled: Iterable[str] = (),
    known: Iterable[str] = (),
    prescriptions: Sequence[Prescription] = (),
    policy: ReasonPolicy | None = None,
) -> RecheckResult:
    """Judge the consultation's answers, updated by the re-check, against ``day``.

    ``prescriptions``: those the consultation recorded (its plan); ``policy``: what a reason
    to proceed must hold (the shipped floor when None)."""
    questions = recheck_questions(rules, content, prescriptions)
    unanswered = tuple(
        q.id
        for q in questions
        if recheck_answers.get(q.id) is None or answer_problem(q, recheck_answers[q.id])
    )
    merged = merged_answers(questions, consultation_answers, recheck_answers)
    return RecheckResult(
        day=day,
        result=evaluate(rules, merged, day, day),
        unanswered=unanswered,
        settled=frozenset(settled),
        known=frozenset(known),
        extra=prescription_findings(content, prescriptions, recheck_answers),
        policy=policy or ReasonPolicy(dict(DEFAULT_RULES)),
    )
