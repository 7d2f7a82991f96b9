"""Types of the contraindication screening: questions, rules, conditions, findings, results.

Standard library only. The clinical content (questions, rules, their wording and sources) is data
in ``resources/rules/*.toml``; this module only knows the generic shapes. See docs/screening.md.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from clinic_app.domain.screening.drug_classes import DrugList, DrugMention

# Conditions, dates and templates live in their own modules; these names are re-exported for
# the modules that read them from here.
from clinic_app.domain.screening.screening_conditions import AllOf as AllOf
from clinic_app.domain.screening.screening_conditions import AnyOf as AnyOf
from clinic_app.domain.screening.screening_conditions import Condition as Condition
from clinic_app.domain.screening.screening_conditions import DateWindow as DateWindow
from clinic_app.domain.screening.screening_conditions import Equals as Equals
from clinic_app.domain.screening.screening_conditions import InSet as InSet
from clinic_app.domain.screening.screening_conditions import WithinDays as WithinDays
from clinic_app.domain.screening.screening_conditions import WithinMonths as WithinMonths
from clinic_app.domain.screening.screening_conditions import (
    condition_answers as condition_answers,
)
from clinic_app.domain.screening.screening_dates import format_date as format_date
from clinic_app.domain.screening.screening_dates import parse_date as parse_date
from clinic_app.domain.screening.screening_dates import shift as shift
from clinic_app.domain.screening.screening_templates import fill as fill
from clinic_app.domain.screening.screening_templates import template_names as template_names

FORMAT_VERSION = 1
"""The ``format_version`` a rules file must declare."""

CURRENT = "current"
"""Answer to an exposure question when the patient still uses the product / it is ongoing."""

TREATMENT_DATE = "treatment_date"
"""Reserved key of an answers document: the planned treatment date (not a question)."""


class Severity(enum.StrEnum):
    """How a finding weighs on the plan, most severe first."""

    ABSOLUTE = "absolute"  # blocks the plan: saved only as "not a candidate now"
    RELATIVE = "relative"  # proceeding needs a written reason, stored with rule id + version
    CAUTION = "caution"  # shown on screen and printed on the handouts

    @property
    def rank(self) -> int:
        """0 for absolute, 1 for relative, 2 for caution (the order findings are listed in)."""
        return list(Severity).index(self)


class QuestionKind(enum.StrEnum):
    """The shape of an answer (JSON value) to a question."""

    YES_NO = "yes_no"  # true / false
    CHOICE = "choice"  # one of the question's choices, e.g. "IV"
    MULTI_CHOICE = "multi_choice"  # a list of the question's choices; [] means none
    EXPOSURE = "exposure"  # false (not used), "current" (still using), or "YYYY-MM-DD" last used
    DETAILS = "details"  # false (none) or a non-empty description


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Question:
    """One question of the screening form; ``id`` is its key in the answers document."""

    id: str
    kind: QuestionKind
    label: str
    section: str = ""
    help: str = ""
    choices: tuple[Choice, ...] = ()
    required: bool = True
    min_selected: int = 0
    source: str = ""
    origin: str = ""  # the file it was read from
    clinic: bool = False  # read from the clinic's overrides

    @property
    def choice_values(self) -> tuple[str, ...]:
        return tuple(choice.value for choice in self.choices)


@dataclass(frozen=True)
class Rule:
    """A contraindication rule as read from a rules file."""

    id: str
    version: int
    severity: Severity
    title: str
    message: str
    advice: str
    source: str
    when: Condition
    advice_current: str | None = None  # advice when the date condition matched "current"
    # advice when "current" and the date to stop by has passed on the day of the screening
    advice_current_late: str | None = None
    dates: tuple[tuple[str, int], ...] = ()  # placeholder name -> days from the treatment date
    test_spot: bool = False  # a test spot is required before a full session
    origin: str = ""
    clinic: bool = False


@dataclass(frozen=True)
class RuleSet:
    """The active questions and rules, shipped ones overlaid by the clinic's."""

    questions: tuple[Question, ...]
    rules: tuple[Rule, ...]
    disabled: tuple[str, ...] = ()  # ids of rules a clinic switched off (enabled = false)
    drugs: DrugList | None = None  # medicines matched in free-text answers (drug_classes)

    def question(self, question_id: str) -> Question | None:
        for question in self.questions:
            if question.id == question_id:
                return question
        return None

    def rule(self, rule_id: str) -> Rule | None:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        return None


# ---- results --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """A rule that fired, with its texts filled in for this patient and treatment date."""

    rule_id: str
    rule_version: int
    severity: Severity
    title: str
    message: str
    advice: str
    source: str
    due_date: dt.date | None = None
    # what due_date is: "stop_by" (the patient still uses it: last use on or before), or
    # "earliest_date" (a date was given: the first treatment date the rule allows); else None
    due_kind: str | None = None
    answers: tuple[str, ...] = ()  # the question ids whose answers made the rule fire
    test_spot: bool = False  # the rule asks for a test spot before a full session

    def as_dict(self) -> dict[str, object]:
        return {
            "rule_id": self.rule_id,
            "rule_version": self.rule_version,
            "severity": self.severity.value,
            "title": self.title,
            "message": self.message,
            "advice": self.advice,
            "source": self.source,
            "due_date": self.due_date.isoformat() if self.due_date else None,
            "due_kind": self.due_kind,
            "answers": list(self.answers),
            "test_spot": self.test_spot,
        }


@dataclass(frozen=True)
class Problem:
    """An answer that cannot be used as given; ``question`` is the key that caused it."""

    question: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"question": self.question, "message": self.message}


@dataclass(frozen=True)
class ScreeningResult:
    """Findings ordered absolute -> relative -> caution, and what kept the screening incomplete.

    ``unanswered``: required questions with no answer (absent, null or blank), never read as "no".
    ``problems``: answers of the wrong shape, unknown keys, implausible dates.
    ``undecided``: ids of rules that could not be judged for lack of a usable answer.
    ``unanswered_absolute``: questions without a usable answer that an absolute rule reads:
    until they are answered, the plan is blocked as if the rule had fired.
    ``mentions``: listed medicines typed in a free-text answer; one whose question is answered
    No is also a Problem of that question (a contradiction to resolve).
    """

    treatment_date: dt.date | None
    findings: tuple[Finding, ...]
    unanswered: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    undecided: tuple[str, ...] = ()
    unanswered_absolute: tuple[str, ...] = ()
    mentions: tuple[DrugMention, ...] = ()  # listed medicines named in free-text answers

    @property
    def has_absolute_finding(self) -> bool:
        """True when an absolute finding fired: the consultation is "not a candidate now"."""
        return any(f.severity is Severity.ABSOLUTE for f in self.findings)

    @property
    def blocks_plan(self) -> bool:
        """True when an absolute finding fired, or an absolute question is not answered."""
        return self.has_absolute_finding or bool(self.unanswered_absolute)

    @property
    def complete(self) -> bool:
        """Every required question answered with a usable value and every rule judged."""
        return not (self.unanswered or self.problems or self.undecided)

    @property
    def needs_reason(self) -> tuple[Finding, ...]:
        """Relative findings: proceeding with any of them needs a written reason."""
        return tuple(f for f in self.findings if f.severity is Severity.RELATIVE)

    def of_severity(self, severity: Severity) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is severity)

    def as_dict(self) -> dict[str, object]:
        return {
            "treatment_date": self.treatment_date.isoformat() if self.treatment_date else None,
            "blocks_plan": self.blocks_plan,
            "complete": self.complete,
            "findings": [f.as_dict() for f in self.findings],
            "unanswered": list(self.unanswered),
            "problems": [p.as_dict() for p in self.problems],
            "undecided": list(self.undecided),
            "unanswered_absolute": list(self.unanswered_absolute),
            "mentions": [
                {"drug": m.drug, "class": m.class_id, "question": m.question} for m in self.mentions
            ],
        }
