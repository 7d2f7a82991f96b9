"""The re-check before the first pulse: what changed since the consultation, judged on the day.

The re-check answers (a few screening questions, resources/sessions/sessions.toml) are merged into
the consultation's answers and every screening rule runs again against the session's date, so a
time-based finding (antibiotics last week, a tan) is judged for the day of treatment, not the
day of the consultation. Standard library only.

Answers, by question kind:

- yes/no: ``true`` or ``false`` (today).
- exposure: ``"no"`` (nothing new since the consultation: the consultation's answer stands, or
  "not used" without one), ``"current"`` (still taking it / tanned now) or ``"YYYY-MM-DD"``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from clinic_app.domain.screening.screening import evaluate
from clinic_app.domain.screening.screening_model import (
    CURRENT,
    Finding,
    Question,
    QuestionKind,
    RuleSet,
    ScreeningResult,
    Severity,
    parse_date,
)
from clinic_app.domain.sessions.session_content import SessionContent

NOTHING_NEW = "no"
ASKABLE_KINDS = (QuestionKind.YES_NO, QuestionKind.EXPOSURE)


@dataclass(frozen=True)
class AskedQuestion:
    """A re-check question as the editor shows it."""

    id: str
    kind: QuestionKind
    text: str  # the re-check wording, or the screening question's label


def recheck_questions(rules: RuleSet, content: SessionContent) -> tuple[AskedQuestion, ...]:
    """The questions to ask, in the order of sessions.toml; ids the rules lack are skipped."""
    asked = []
    for entry in content.recheck_questions:
        question: Question | None = rules.question(entry.id)
        if question is None or question.kind not in ASKABLE_KINDS:
            continue
        asked.append(AskedQuestion(question.id, question.kind, entry.ask or question.label))
    return tuple(asked)


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
        if value is None:
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

    @property
    def blocking(self) -> tuple[Finding, ...]:
        """Absolute findings: the session is deferred, it cannot be signed."""
        return self.result.of_severity(Severity.ABSOLUTE)

    @property
    def needs_reason(self) -> tuple[Finding, ...]:
        """Relative findings not decided at the consultation: proceeding needs a reason."""
        return tuple(
            f for f in self.result.of_severity(Severity.RELATIVE) if f.rule_id not in self.settled
        )

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.result.findings

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
        if self.needs_reason and not reason.strip():
            titles = "; ".join(f.title for f in self.needs_reason)
            return f"{titles}: write the reason to proceed today."
        return None

    def as_dict(self, answers: Mapping[str, Any], reason: str) -> dict[str, Any]:
        """What is stored with the session (TreatmentSession.recheck["screening"])."""
        return {
            "day": self.day.isoformat(),
            "answers": dict(answers),
            "reason": reason.strip(),
            "findings": [f.as_dict() for f in self.result.findings],
        }


def run_recheck(
    rules: RuleSet,
    content: SessionContent,
    consultation_answers: Mapping[str, Any],
    recheck_answers: Mapping[str, Any],
    day: dt.date,
    settled: Iterable[str] = (),
    known: Iterable[str] = (),
) -> RecheckResult:
    """Judge the consultation's answers, updated by the re-check, against ``day``."""
    questions = recheck_questions(rules, content)
    unanswered = tuple(
        q.id
        for q in questions
        if recheck_answers.get(q.id) is None or answer_problem(q, recheck_answers[q.id])
    )
    merged = merged_answers(questions, consultation_answers, recheck_answers)
    return RecheckResult(
        day=day,
        result=evaluate(rules, merged, day),
        unanswered=unanswered,
        settled=frozenset(settled),
        known=frozenset(known),
    )
