"""Describing the screening rules and questions as text: the docs tables, ``clinic-app rules``.

Standard library only. docs/screening.md embeds the tables these functions write for the
shipped rules; a test checks that they still agree.
"""

from __future__ import annotations

from clinic_app.domain.screening.screening_model import (
    CURRENT,
    AllOf,
    AnyOf,
    Condition,
    Equals,
    InSet,
    Question,
    QuestionKind,
    RuleSet,
)


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
    count = f"{condition.count} {condition.unit}"
    return f"`{condition.answer}` {CURRENT} or < {count} before treatment"


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
            late = rule.advice_current_late
            too_late = f" Still in use, too late to stop in time: {late}" if late else ""
            advice = f"Still in use: {rule.advice_current}{too_late} Used recently: {rule.advice}"
        if rule.test_spot:
            advice += " (test spot required)"
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
