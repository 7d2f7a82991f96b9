"""The wizard's "did you mean…?" for medicines typed as free text (docs/screening.md).

When the free-text medications name a listed medicine whose question is answered No or not yet
answered, the person is asked whether to answer it as currently taken. Nothing changes without
their yes; a dismissed contradiction stays a problem of the screening that blocks completion.
The wording is data (resources/screening/drug_classes.toml).
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QWidget

from clinic_app.domain.screening.drug_classes import described, grouped
from clinic_app.domain.screening.screening import CURRENT, QuestionKind, RuleSet
from clinic_app.domain.screening.screening_model import fill
from clinic_app.ui.common.dialog_service import DialogService
from clinic_app.ui.consultation.answer_widgets import AnswerWidget

Asked = set[tuple[str, tuple[str, ...], object]]


def ask_about_mentions(
    parent: QWidget,
    dialogs: DialogService,
    rules: RuleSet,
    answers: Mapping[str, object],
    widgets: Mapping[str, AnswerWidget],
    asked: Asked,
) -> None:
    """Ask once per question, medicines and answer; answer "currently" on the person's yes."""
    drugs = rules.drugs
    if drugs is None:
        return
    messages = drugs.messages
    for question_id, named in grouped(drugs.mentions(answers)).items():
        answer = answers.get(question_id)
        widget = widgets.get(question_id)
        question = rules.question(question_id)
        if widget is None or question is None or not (answer is None or answer is False):
            continue
        key = (question_id, tuple(m.drug for m in named), answer)
        if key in asked:
            continue
        asked.add(key)
        text_question = rules.question(named[0].text_question)
        text = fill(
            messages["prompt"],
            {
                "drugs": described(named),
                "text_question": text_question.label if text_question else "",
                "question": question.label,
                "answer": messages["answer_no" if answer is False else "answer_missing"],
            },
        )
        if dialogs.confirm(parent, messages["prompt_title"], text, yes=messages["prompt_yes"]):
            widget.set_value(CURRENT if question.kind is QuestionKind.EXPOSURE else True)
