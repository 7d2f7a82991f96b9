"""Wizard pages that ask screening questions (skin, history, medications, areas), rendered from
the questions' data (resources/rules/questions.toml): no clinical text lives here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from clinic_app.domain.consultation.consultation_document import AREAS_QUESTION, TREATMENT_DATE
from clinic_app.domain.consultation.consultation_form import ConsultationForm
from clinic_app.domain.face_chart import FaceChart, FaceChartTexts
from clinic_app.domain.screening.screening import (
    Question,
    QuestionKind,
    RuleSet,
    format_date,
    parse_date,
)
from clinic_app.ui.common.widget_names import named
from clinic_app.ui.consultation.answer_widgets import (
    AnswerWidget,
    MultiChoiceAnswer,
    answer_widget,
)
from clinic_app.ui.consultation.areas_chart import AreasChart
from clinic_app.ui.consultation.page_base import ConsultationPage, Problem, QuestionRow, wrapped

STACKED_KINDS = (QuestionKind.CHOICE, QuestionKind.MULTI_CHOICE)


def questions_for_page(rules: RuleSet, form: ConsultationForm, page_id: str) -> list[Question]:
    """The questions ``page_id`` asks, in the order of the rules files."""
    return [q for q in rules.questions if form.page_of_section(q.section) == page_id]


class QuestionsPage(ConsultationPage):
    """One row per question, grouped by section; Next needs every required question answered."""

    def __init__(
        self,
        page_id: str,
        form: ConsultationForm,
        questions: Sequence[Question],
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(form.page(page_id), parent)
        self.page_id = page_id
        self.form = form
        self.today = today
        self.answers: dict[str, AnswerWidget] = {}
        self.row_of: dict[str, QuestionRow] = {}
        sections = list(dict.fromkeys(q.section for q in questions))
        for section in sections:
            title = form.section_titles.get(section)
            if title and len(sections) > 1:
                self.body.addWidget(wrapped(title, "section"))
            for question in (q for q in questions if q.section == section):
                answer = answer_widget(question, today)
                row = QuestionRow(
                    question.label,
                    answer,
                    question.help,
                    stacked=question.kind in STACKED_KINDS,
                )
                answer.changed.connect(lambda r=row, a=answer: self._answered(r, a))
                self.answers[question.id] = answer
                self.row_of[question.id] = row
                self.add_row(row)
        self.add_extra_rows()
        self.body.addStretch(1)

    def add_extra_rows(self) -> None:
        """Rows a subclass adds after the questions."""

    def _answered(self, row: QuestionRow, answer: AnswerWidget) -> None:
        """Clear a row's message as soon as its answer is acceptable."""
        if row.error.isVisible() and answer.problem() is None:
            row.set_error("")
            if not any(r.error.isVisible() for r in self.rows):
                self.clear_problems()

    def load(self, document: dict[str, Any]) -> None:
        answers = document.get("screening", {})
        for question_id, widget in self.answers.items():
            widget.set_value(answers.get(question_id))

    def store(self, document: dict[str, Any]) -> None:
        answers = document.setdefault("screening", {})
        for question_id, widget in self.answers.items():
            value = widget.value()
            if value is None:
                answers.pop(question_id, None)  # not asked, never "no"
            else:
                answers[question_id] = value

    def problems(self) -> list[Problem]:
        found = []
        for question_id, widget in self.answers.items():
            message = widget.problem()
            if message and (widget.question.required or widget.value() is not None):
                found.append(Problem(widget.focus_target(), message, self.row_of[question_id]))
        return found


class AreasPage(QuestionsPage):
    """Treatment areas and the planned treatment date."""

    def add_extra_rows(self) -> None:
        self.date_edit = named(QLineEdit(), "treatment_date")
        self.date_edit.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.date_edit.setMaximumWidth(140)
        self.date_hint = named(QLabel(), "treatment_date_hint")
        self.date_hint.setProperty("role", "help")
        box = QWidget()
        line = QHBoxLayout(box)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.date_edit)
        line.addWidget(self.date_hint, 1)
        self.date_row = QuestionRow(
            self.form.treatment_date.label, box, self.form.treatment_date.help, stacked=True
        )
        box.setFocusProxy(self.date_edit)
        self.add_row(self.date_row)
        self.date_edit.textChanged.connect(self._date_changed)

    def show_face_chart(self, chart: FaceChart | None, texts: FaceChartTexts | None) -> None:
        """The face chart under the areas question: a click ticks or unticks an area."""
        answer = self.answers.get(AREAS_QUESTION)
        if chart is None or texts is None or not isinstance(answer, MultiChoiceAnswer):
            return
        self.face_chart = AreasChart(chart, texts, answer, self)
        self.body.insertWidget(self.body.indexOf(self.row_of[AREAS_QUESTION]) + 1, self.face_chart)

    def treatment_date(self) -> dt.date | None:
        try:
            return parse_date(self.date_edit.text())
        except ValueError:
            return None

    def _date_changed(self) -> None:
        date = self.treatment_date()
        if date is None:
            self.date_hint.setText("")
        else:
            days = (date - self.today).days
            when = (
                self.tr("today")
                if days == 0
                else self.tr("in {days} days").format(days=days)
                if days > 0
                else self.tr("in the past")
            )
            self.date_hint.setText(f"{format_date(date)} · {when}")
        if self.date_row.error.isVisible() and self._date_problem() is None:
            self.date_row.set_error("")

    def _date_problem(self) -> str | None:
        label = self.form.treatment_date.label
        text = self.date_edit.text().strip()
        if not text:
            return self.tr("{label}: write it as YYYY-MM-DD.").format(label=label)
        try:
            date = parse_date(text)
        except ValueError as exc:
            return f"{label}: {exc}."
        if date < self.today:
            return self.tr("{label}: {date} is in the past; choose a coming date.").format(
                label=label, date=format_date(date)
            )
        return None

    def load(self, document: dict[str, Any]) -> None:
        super().load(document)
        raw = document.get("screening", {}).get(TREATMENT_DATE)
        self.date_edit.setText(raw if isinstance(raw, str) else "")

    def store(self, document: dict[str, Any]) -> None:
        super().store(document)
        text = self.date_edit.text().strip()
        answers = document.setdefault("screening", {})
        if text:
            answers[TREATMENT_DATE] = text
        else:
            answers.pop(TREATMENT_DATE, None)

    def problems(self) -> list[Problem]:
        found = super().problems()
        message = self._date_problem()
        if message:
            found.append(Problem(self.date_edit, message, self.date_row))
        return found
