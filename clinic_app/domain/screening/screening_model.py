"""Types of the contraindication screening: questions, rules, conditions, findings, results.

Standard library only. The clinical content (questions, rules, their wording and sources) is data
in ``resources/rules/*.toml``; this module only knows the generic shapes. See docs/screening.md.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeAlias

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


# ---- conditions: data only, never code ------------------------------------------------------


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


@dataclass(frozen=True)
class AnyOf:
    conditions: tuple[Condition, ...]


@dataclass(frozen=True)
class AllOf:
    conditions: tuple[Condition, ...]


Condition: TypeAlias = Equals | InSet | WithinDays | AnyOf | AllOf


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
    dates: tuple[tuple[str, int], ...] = ()  # placeholder name -> days from the treatment date
    origin: str = ""
    clinic: bool = False


@dataclass(frozen=True)
class RuleSet:
    """The active questions and rules, shipped ones overlaid by the clinic's."""

    questions: tuple[Question, ...]
    rules: tuple[Rule, ...]
    disabled: tuple[str, ...] = ()  # ids of rules a clinic switched off (enabled = false)

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
    """

    treatment_date: dt.date | None
    findings: tuple[Finding, ...]
    unanswered: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    undecided: tuple[str, ...] = ()

    @property
    def blocks_plan(self) -> bool:
        """True when an absolute finding fired: the consultation is "not a candidate now"."""
        return any(f.severity is Severity.ABSOLUTE for f in self.findings)

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
        }


# ---- safe templates: {name} placeholders from a fixed dict, nothing evaluated ----------------

_TOKEN = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}|[{}]")


def template_names(text: str) -> list[str]:
    """The placeholder names of ``text``; ValueError for a brace that is not part of one."""
    names: list[str] = []
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if token in ("{{", "}}"):
            continue
        name = match.group(1)
        if name is None:
            raise ValueError(
                f"stray '{token}' at character {match.start() + 1}; a placeholder looks like "
                "{stop_by}, and a literal brace is written twice: {{ or }}"
            )
        names.append(name)
    return names


def fill(text: str, values: Mapping[str, str]) -> str:
    """``text`` with each ``{name}`` replaced from ``values``; unknown names stay as written."""

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        name = match.group(1)
        return values.get(name, token) if name is not None else token

    return _TOKEN.sub(replace, text)


# ---- dates ----------------------------------------------------------------------------------

_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_NAMES = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
)  # fmt: skip
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def format_date(value: dt.date) -> str:
    """A date as printed in advice, independent of the locale: "Tue 1 Dec 2026"."""
    return f"{_DAY_NAMES[value.weekday()]} {value.day} {_MONTH_NAMES[value.month - 1]} {value.year}"


def parse_date(text: str) -> dt.date:
    """A date written YYYY-MM-DD; ValueError with a message a person can act on otherwise."""
    stripped = text.strip()
    if _ISO_DATE.match(stripped):
        try:
            return dt.date.fromisoformat(stripped)
        except ValueError:
            pass
    shown = stripped if len(stripped) <= 40 else stripped[:37] + "..."
    raise ValueError(f"'{shown}' is not a date; write it as YYYY-MM-DD, e.g. 2026-12-15")


def shift(value: dt.date, days: int) -> dt.date | None:
    """``value`` moved by ``days``, or None beyond the calendar's range (year 1 to 9999)."""
    try:
        return value + dt.timedelta(days=days)
    except OverflowError:
        return None
