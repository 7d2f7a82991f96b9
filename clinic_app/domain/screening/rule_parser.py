"""Parsing and checking one ``[[rule]]`` table: its fields, dates, condition and placeholders.

A rule is read in two steps: its own fields first (``read_rule_fields``), and once every
question of every file is known, its ``when`` condition and the placeholders of its texts
(``finish_rule``). Every problem is appended to the caller's list of errors. Standard library only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from clinic_app.domain.screening.condition_parser import MAX_DAYS, parse_condition
from clinic_app.domain.screening.rules_table import Table, did_you_mean, entry_where, show
from clinic_app.domain.screening.screening_model import (
    TREATMENT_DATE,
    AllOf,
    AnyOf,
    Condition,
    DateWindow,
    Question,
    Rule,
    Severity,
    WithinDays,
    WithinMonths,
    template_names,
)

_RULE_ID = re.compile(r"^[a-z][a-z0-9_.-]{0,63}$")
_RULE_KEYS = {
    "id", "version", "severity", "title", "message", "advice", "advice_current",
    "advice_current_late", "source", "when", "dates", "enabled", "test_spot",
}  # fmt: skip
# Placeholders of a rule with exactly one time window (not under any_of): the date to stop by,
# and the window's length in its unit ({days} or {months}).
_DATE_NAMES = {"stop_by", "days", "months"}
_DATE_ONLY_NAMES = {"last_used", "earliest_date"}  # unknown while the patient still uses it
_CURRENT_ONLY_NAMES = {"earliest_if_stopped"}  # known only while the patient still uses it


@dataclass
class RawRule:
    """A rule's own fields, read before its condition can be checked against the questions."""

    rule: dict[str, Any]  # scalar fields read so far
    when: object
    where: str
    enabled: bool
    origin: str
    clinic: bool
    broken: bool = False  # a field is wrong (already reported); check the rest, build nothing


def read_rule_fields(
    item: object, file: str, clinic: bool, index: int, errors: list[str]
) -> RawRule | None:
    """The fields of rule table ``item`` (entry ``index`` of ``file``); None if unusable."""
    where = entry_where(file, "rule", item, index)
    if not isinstance(item, dict):
        errors.append(f"{where}: must be a table ([[rule]])")
        return None
    table = Table(item, where, errors)
    rule_id = table.text("id")
    if not rule_id:
        return None
    if not _RULE_ID.match(rule_id):
        table.error(
            "id must start with a lower-case letter and use only a-z, 0-9, _, . and - "
            "(at most 64 characters)"
        )
        return None
    enabled = table.boolean("enabled", True)
    if not enabled:
        # Switching a rule off needs only its id (other fields may stay, for the record).
        table.unknown_keys(_RULE_KEYS)
        return RawRule({"id": rule_id}, None, where, False, file, clinic)
    before = len(errors)
    table.unknown_keys(_RULE_KEYS)
    version = table.integer("version", minimum=1, maximum=1_000_000, default=None)
    severity_text = table.text("severity")
    severity = None
    if severity_text:
        try:
            severity = Severity(severity_text)
        except ValueError:
            names = ", ".join(s.value for s in Severity)
            table.error(f"severity '{severity_text}' is not one of {names}")
    fields = {
        "id": rule_id,
        "version": version,
        "severity": severity,
        "title": table.text("title"),
        "message": table.text("message"),
        "advice": table.text("advice"),
        "source": table.text("source"),
        "advice_current": table.text("advice_current", required=False) or None,
        "advice_current_late": table.text("advice_current_late", required=False) or None,
        "dates": _dates(table),
        "test_spot": table.boolean("test_spot", False),
    }
    broken = len(errors) > before
    if "when" not in item:
        table.error(
            "field 'when' is missing, e.g. when = { answer = \"question_id\", equals = true }"
        )
        return None
    return RawRule(fields, item["when"], where, True, file, clinic, broken)


def _dates(table: Table) -> tuple[tuple[str, int], ...]:
    raw = table.data.get("dates")
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        table.error("'dates' must be a table of name = days from the treatment date")
        return ()
    dates: list[tuple[str, int]] = []
    for name, offset in raw.items():
        if not re.match(r"^[a-z][a-z0-9_]*$", name):
            table.error(f"dates: name '{name}' must use only a-z, 0-9 and _")
        elif name in _DATE_NAMES | _DATE_ONLY_NAMES | _CURRENT_ONLY_NAMES | {TREATMENT_DATE}:
            table.error(f"dates: '{name}' is a built-in placeholder; choose another name")
        elif isinstance(offset, bool) or not isinstance(offset, int):
            table.error(
                f"dates.{name} must be a whole number of days from the treatment date, "
                f"e.g. -2 (got {show(offset)})"
            )
        elif abs(offset) > MAX_DAYS:
            table.error(f"dates.{name} must be between -{MAX_DAYS} and {MAX_DAYS}")
        else:
            dates.append((name, offset))
    return tuple(dates)


def finish_rule(raw: RawRule, questions: dict[str, Question], errors: list[str]) -> Rule | None:
    """The Rule of ``raw`` once its condition and placeholders check out; None otherwise."""
    before = len(errors)
    when = parse_condition(raw.when, "when", raw.where, questions, errors)
    fields = raw.rule
    _check_templates(raw.where, fields, when, errors)
    if when is None or raw.broken or len(errors) > before:
        return None
    return Rule(
        id=fields["id"],
        version=fields["version"],
        severity=fields["severity"],
        title=fields["title"],
        message=fields["message"],
        advice=fields["advice"],
        source=fields["source"],
        when=when,
        advice_current=fields["advice_current"],
        advice_current_late=fields["advice_current_late"],
        dates=fields["dates"],
        test_spot=fields["test_spot"],
        origin=raw.origin,
        clinic=raw.clinic,
    )


def _check_templates(
    where: str, fields: dict[str, Any], when: Condition | None, errors: list[str]
) -> None:
    """Check the placeholders of the texts; ``when`` None (unusable): only typos."""
    date_conditions: list[DateWindow]
    if when is None:
        date_conditions, under_any = [WithinDays("", 1)], False
    else:
        date_conditions, under_any = _date_conditions(when)
    common = {TREATMENT_DATE} | {name for name, _ in fields["dates"]}
    with_date = len(date_conditions) == 1 and not under_any
    if with_date:
        unit = date_conditions[0].unit if when is not None else ""
        common |= {name for name in _DATE_NAMES if name in ("stop_by", unit) or not unit}
    advice_current = fields["advice_current"]
    late = fields["advice_current_late"]
    if when is None and advice_current is None:
        common |= _DATE_ONLY_NAMES  # cannot tell which advice applies
    if (advice_current is not None or late is not None) and not date_conditions:
        errors.append(
            f"{where}: advice_current and advice_current_late apply only to rules with a "
            "within_days or within_months condition"
        )
    if late is not None and advice_current is None:
        errors.append(f"{where}: advice_current_late needs advice_current too")
    current = common | (_CURRENT_ONLY_NAMES if with_date else set())
    checks = [("title", common), ("message", common)]
    if advice_current is not None:
        checks += [
            ("advice_current", current),
            ("advice_current_late", current),
            ("advice", common | _DATE_ONLY_NAMES),
        ]
    else:
        checks.append(("advice", common))
    for key, allowed in checks:
        text = fields[key]
        if text is None:
            continue
        try:
            names = template_names(text)
        except ValueError as exc:
            errors.append(f"{where}: {key}: {exc}")
            continue
        for name in dict.fromkeys(names):
            if name not in allowed:
                why = _placeholder_problem(name, allowed, with_date)
                shown = ", ".join("{" + n + "}" for n in sorted(allowed))
                errors.append(f"{where}: {key}: {why}; available here: {shown}")


def _placeholder_problem(name: str, allowed: set[str], with_date: bool) -> str:
    """Why the placeholder ``name`` is not available in a text."""
    if name in _DATE_ONLY_NAMES and with_date:
        return (
            f"{{{name}}} is unknown while the patient still uses it; use it in "
            "'advice' and add 'advice_current' for that case"
        )
    if name in _CURRENT_ONLY_NAMES and with_date:
        return f"{{{name}}} is known only while the patient still uses it; use it in advice_current"
    if name in {"days", "months"} and with_date:
        return f"unknown placeholder {{{name}}}: the rule's window is not counted in {name}"
    if name in _DATE_NAMES | _DATE_ONLY_NAMES | _CURRENT_ONLY_NAMES:
        return (
            f"{{{name}}} needs exactly one within_days or within_months condition in the rule, "
            "not under any_of"
        )
    return f"unknown placeholder {{{name}}}{did_you_mean(name, allowed)}"


def _date_conditions(
    condition: Condition, under_any: bool = False
) -> tuple[list[DateWindow], bool]:
    """The time windows of ``condition``, and whether any sits under an any_of."""
    if isinstance(condition, WithinDays | WithinMonths):
        return [condition], under_any
    if isinstance(condition, AnyOf | AllOf):
        found: list[DateWindow] = []
        any_under = False
        for part in condition.conditions:
            parts, part_under = _date_conditions(part, under_any or isinstance(condition, AnyOf))
            found += parts
            any_under = any_under or (part_under and bool(parts))
        return found, any_under
    return [], False
