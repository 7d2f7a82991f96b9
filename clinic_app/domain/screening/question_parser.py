"""Parsing and checking one ``[[question]]`` table of a rules file into a Question.

Every problem is appended to the caller's list of errors, naming the file and the question.
Standard library only.
"""

from __future__ import annotations

import re

from clinic_app.domain.screening.rules_table import Table, entry_where, show
from clinic_app.domain.screening.screening_model import (
    TREATMENT_DATE,
    Choice,
    Question,
    QuestionKind,
)

_QUESTION_ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_QUESTION_KEYS = {
    "id", "kind", "label", "section", "help", "choices", "required", "min_selected", "source"
}  # fmt: skip


def parse_question(
    item: object, file: str, clinic: bool, index: int, errors: list[str]
) -> Question | None:
    """The question of table ``item`` (entry ``index`` of ``file``); None if it has problems."""
    where = entry_where(file, "question", item, index)
    if not isinstance(item, dict):
        errors.append(f"{where}: must be a table ([[question]])")
        return None
    before = len(errors)
    table = Table(item, where, errors)
    table.unknown_keys(_QUESTION_KEYS)
    question_id = table.text("id")
    if question_id and not _QUESTION_ID.match(question_id):
        table.error(
            "id must start with a lower-case letter and use only a-z, 0-9 and _ "
            "(at most 64 characters)"
        )
    if question_id == TREATMENT_DATE:
        table.error(f"id '{TREATMENT_DATE}' is reserved for the planned treatment date")
    kind_text = table.text("kind")
    kind = None
    if kind_text:
        try:
            kind = QuestionKind(kind_text)
        except ValueError:
            kinds = ", ".join(k.value for k in QuestionKind)
            table.error(f"kind '{kind_text}' is not one of {kinds}")
    label = table.text("label")
    choices = _choices(table, kind)
    required = table.boolean("required", True)
    min_selected = table.integer("min_selected", minimum=0, maximum=100, default=0) or 0
    if min_selected and kind is not QuestionKind.MULTI_CHOICE:
        table.error("min_selected applies only to multi_choice questions")
    elif min_selected > len(choices):
        table.error(f"min_selected is {min_selected} but there are {len(choices)} choices")
    if len(errors) > before or kind is None:
        return None
    return Question(
        id=question_id,
        kind=kind,
        label=label,
        section=table.text("section", required=False),
        help=table.text("help", required=False),
        choices=choices,
        required=required,
        min_selected=min_selected,
        source=table.text("source", required=False),
        origin=file,
        clinic=clinic,
    )


def _choices(table: Table, kind: QuestionKind | None) -> tuple[Choice, ...]:
    raw = table.data.get("choices")
    takes_choices = kind in (QuestionKind.CHOICE, QuestionKind.MULTI_CHOICE)
    if raw is None:
        if takes_choices:
            table.error(f"a {kind} question needs 'choices'")
        return ()
    if not takes_choices:
        if kind is not None:
            table.error(f"'choices' does not apply to a {kind} question")
        return ()
    if not isinstance(raw, list) or not raw:
        table.error('choices must be a non-empty list, e.g. ["I", "II"]')
        return ()
    choices: list[Choice] = []
    for position, entry in enumerate(raw, start=1):
        if isinstance(entry, str) and entry.strip():
            choices.append(Choice(entry.strip(), entry.strip()))
        elif (
            isinstance(entry, dict)
            and set(entry) <= {"value", "label"}
            and isinstance(entry.get("value"), str)
            and entry["value"].strip()
            and isinstance(entry.get("label", ""), str)
        ):
            value = entry["value"].strip()
            choices.append(Choice(value, entry.get("label", "").strip() or value))
        else:
            table.error(
                f'choice {position} must be a text or {{ value = "...", label = "..." }} '
                f"(got {show(entry)})"
            )
    values = [choice.value for choice in choices]
    for value in sorted({v for v in values if values.count(v) > 1}):
        table.error(f"choice '{value}' is listed twice")
    return tuple(choices)
