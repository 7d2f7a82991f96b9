"""Wizard page 1: the patient's concerns, ranked; goals in their words; downtime accepted."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
    QWizard,
)

from clinic_app.domain.consultation.consultation_form import ConsultationForm, Option
from clinic_app.domain.screening.screening import Choice, Question, QuestionKind
from clinic_app.ui.common.widget_names import named
from clinic_app.ui.consultation.answer_widgets import ChoiceAnswer
from clinic_app.ui.consultation.page_base import ConsultationPage, Problem, QuestionRow

VALUE_ROLE = Qt.ItemDataRole.UserRole


class NextOnCtrlEnter(QPlainTextEdit):
    """Multi-line text: Enter starts a new line, Ctrl+Enter goes to the next page, Tab leaves."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            wizard = self.window()
            if isinstance(wizard, QWizard):
                wizard.next()
                event.accept()
                return
        super().keyPressEvent(event)


class ConcernRanking(QListWidget):
    """Tick the concerns; the rank is the order ticked, shown as a number before each ticked
    concern. Rows never move, so a tick by keyboard hits the row under the cursor; Ctrl+Up
    and Ctrl+Down move the current concern up or down the ranking."""

    changed = Signal()

    def __init__(self, choices: tuple[Option, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("concerns")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._labels = {choice.value: choice.label for choice in choices}
        self._ranked: list[str] = []
        self._busy = False
        for choice in choices:
            item = QListWidgetItem(choice.label)
            item.setData(VALUE_ROLE, choice.value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)
        self.setCurrentRow(0)
        self.itemChanged.connect(self._item_changed)
        self.setSpacing(2)
        self.setMaximumWidth(460)
        rows = max(self.count(), 1)
        self.setFixedHeight((self.sizeHintForRow(0) + 4) * rows + 2 * self.frameWidth() + 4)

    def value(self) -> list[str]:
        """The ticked concerns, most important first."""
        return list(self._ranked)

    def set_value(self, ranked: list[str]) -> None:
        self._ranked = list(dict.fromkeys(v for v in ranked if v in self._labels))
        self._renumber()
        self.setCurrentRow(0)

    def _item_changed(self, item: QListWidgetItem) -> None:
        if self._busy:
            return
        value = item.data(VALUE_ROLE)
        ticked = item.checkState() == Qt.CheckState.Checked
        if ticked and value not in self._ranked:
            self._ranked.append(value)  # ticked: last of the ranking
        elif not ticked and value in self._ranked:
            self._ranked.remove(value)
        self._renumber()
        self.changed.emit()

    def move_current(self, step: int) -> None:
        """Move the current ticked concern up (-1) or down (+1) in the ranking; its row stays
        where it is, only the numbers change."""
        item = self.currentItem()
        value = item.data(VALUE_ROLE) if item is not None else None
        if value not in self._ranked:
            return
        rank = self._ranked.index(value)
        target = rank + step
        if not 0 <= target < len(self._ranked):
            return
        self._ranked[rank], self._ranked[target] = self._ranked[target], self._ranked[rank]
        self._renumber()
        self.changed.emit()

    def _renumber(self) -> None:
        self._busy = True
        for row in range(self.count()):
            item = self.item(row)
            value = item.data(VALUE_ROLE)
            label = self._labels[value]
            if value in self._ranked:
                item.setCheckState(Qt.CheckState.Checked)
                item.setText(f"{self._ranked.index(value) + 1}.  {label}")
            else:
                item.setCheckState(Qt.CheckState.Unchecked)
                item.setText(label)
        self._busy = False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if ctrl and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_current(-1 if event.key() == Qt.Key.Key_Up else 1)
            event.accept()
            return
        super().keyPressEvent(event)


class IntakePage(ConsultationPage):
    """Concerns and goals."""

    page_id = "concerns"

    def __init__(self, form: ConsultationForm, parent: QWidget | None = None) -> None:
        super().__init__(form.page("concerns"), parent)
        self.form = form
        self.concerns = ConcernRanking(form.concern_choices)
        self.concerns.changed.connect(self._update_other)
        self.other = named(QLineEdit(), "concern_other")
        self.goals = named(NextOnCtrlEnter(), "goals")
        self.goals.setFixedHeight(84)
        self.goals.setMaximumWidth(760)
        self.goals.setToolTip(self.tr("Enter starts a new line; Ctrl+Enter goes to the next page"))
        downtime = Question(
            id="downtime_accepted",
            kind=QuestionKind.CHOICE,
            label=form.downtime.label,
            choices=tuple(Choice(o.value, o.label) for o in form.downtime_choices),
        )
        self.downtime = ChoiceAnswer(downtime)
        self.concerns_row = QuestionRow(
            form.concerns.label, self.concerns, form.concerns.help, stacked=True
        )
        self.other_row = QuestionRow(form.concern_other.label, self.other)
        self.goals_row = QuestionRow(form.goals.label, self.goals, form.goals.help, stacked=True)
        self.downtime_row = QuestionRow(
            form.downtime.label, self.downtime, form.downtime.help, stacked=True
        )
        for row in (self.concerns_row, self.other_row, self.goals_row, self.downtime_row):
            self.add_row(row)
        self.body.addStretch(1)
        self._update_other()

    def _update_other(self) -> None:
        self.other_row.setVisible("other" in self.concerns.value())

    def load(self, document: dict[str, Any]) -> None:
        intake = document.get("intake", {})
        concerns = intake.get("concerns")
        self.concerns.set_value(list(concerns) if isinstance(concerns, list) else [])
        self.other.setText(str(intake.get("concern_other", "") or ""))
        self.goals.setPlainText(str(intake.get("goals", "") or ""))
        self.downtime.set_value(intake.get("downtime_accepted"))
        self._update_other()

    def store(self, document: dict[str, Any]) -> None:
        document["intake"] = {
            "concerns": self.concerns.value(),
            "concern_other": self.other.text().strip(),
            "goals": self.goals.toPlainText().strip(),
            "downtime_accepted": self.downtime.value(),
        }

    def problems(self) -> list[Problem]:
        found = []
        form = self.form
        if not self.concerns.value():
            message = self.tr("{label}: tick at least one concern.").format(
                label=form.concerns.label
            )
            found.append(Problem(self.concerns, message, self.concerns_row))
        if "other" in self.concerns.value() and not self.other.text().strip():
            message = self.tr("{label}: describe it in words.").format(
                label=form.concern_other.label
            )
            found.append(Problem(self.other, message, self.other_row))
        if not self.goals.toPlainText().strip():
            message = self.tr("{label}: write at least a few words.").format(label=form.goals.label)
            found.append(Problem(self.goals, message, self.goals_row))
        if self.downtime.value() is None:
            message = self.tr("{label}: choose one.").format(label=form.downtime.label)
            found.append(Problem(self.downtime, message, self.downtime_row))
        return found
