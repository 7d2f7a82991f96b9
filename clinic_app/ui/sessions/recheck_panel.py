"""The re-check before the first pulse: a few questions, and the screening of the day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from clinic_app.domain.screening.screening_model import CURRENT, QuestionKind, Severity, format_date
from clinic_app.domain.sessions.session_recheck import NOTHING_NEW, AskedQuestion, RecheckResult
from clinic_app.ui.common.i18n import QT_TRANSLATE_NOOP
from clinic_app.ui.common.widget_names import named
from clinic_app.ui.sessions.styles import (
    CAUTION_COLOUR,
    DANGER_COLOUR,
    ERROR_COLOUR,
    MUTED_COLOUR,
    escape,
    set_locked,
)

ON_A_DATE = "date"
QUESTIONS_PER_STEP = 4  # built between two turns of the event loop while the editor opens
# Item data are texts (PySide mishandles None and bools stored as item data).
UNANSWERED, NO, YES = "", "false", "true"
BOOLEANS = {NO: False, YES: True}
SEVERITY_STYLE = {
    Severity.ABSOLUTE: (DANGER_COLOUR, QT_TRANSLATE_NOOP("sessions.recheck_panel", "⛔ Defer")),
    Severity.RELATIVE: (
        CAUTION_COLOUR,
        QT_TRANSLATE_NOOP("sessions.recheck_panel", "▲ Reason needed"),
    ),
    Severity.CAUTION: (MUTED_COLOUR, QT_TRANSLATE_NOOP("sessions.recheck_panel", "• Caution")),
}


class RecheckPanel(QGroupBox):
    """One drop-down per question (explicit answers only); emits ``changed``."""

    changed = Signal()

    def __init__(
        self,
        title: str,
        intro: str,
        questions: Sequence[AskedQuestion],
        parent: QWidget | None = None,
        pause: Callable[[], None] = lambda: None,
    ) -> None:
        """``pause`` is called after every few questions built (responsive_steps)."""
        super().__init__(title, parent)
        self.questions = tuple(questions)
        self.combos: dict[str, QComboBox] = {}
        self.dates: dict[str, QDateEdit] = {}
        form = QVBoxLayout()
        form.setSpacing(2)
        heading = QLabel(intro)
        heading.setWordWrap(True)
        heading.setStyleSheet("font-weight: bold;")
        form.addWidget(heading)
        for number, question in enumerate(self.questions, start=1):
            if number % QUESTIONS_PER_STEP == 0:
                pause()
            combo = named(QComboBox(), f"recheck_{question.id}")
            combo.addItem(self.tr("— answer —"), UNANSWERED)
            if question.kind is QuestionKind.YES_NO:
                combo.addItem(self.tr("No"), NO)
                combo.addItem(self.tr("Yes"), YES)
            else:
                combo.addItem(self.tr("No"), NOTHING_NEW)
                combo.addItem(self.tr("Yes, still / now"), CURRENT)
                combo.addItem(self.tr("Yes, last on a date"), ON_A_DATE)
            combo.setAccessibleName(question.text)
            combo.currentIndexChanged.connect(lambda _i, q=question.id: self._answered(q))
            self.combos[question.id] = combo
            line = QHBoxLayout()
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(combo, 1)
            if question.kind is QuestionKind.EXPOSURE:
                date = named(QDateEdit(), f"recheck_{question.id}_date")
                date.setDisplayFormat("yyyy-MM-dd")
                date.setCalendarPopup(True)
                date.setDate(QDate.currentDate())
                date.setVisible(False)
                date.setAccessibleName(f"{question.text}: date")
                date.dateChanged.connect(lambda _d: self.changed.emit())
                self.dates[question.id] = date
                line.addWidget(date)
            label = QLabel(question.text)
            label.setWordWrap(True)
            label.setBuddy(combo)
            form.addSpacing(4)
            form.addWidget(label)
            form.addLayout(line)
        self.findings = named(QLabel(), "recheck_findings")
        self.findings.setWordWrap(True)
        self.findings.setTextFormat(Qt.TextFormat.RichText)
        self.reason_label = QLabel(self.tr("Reason to proceed &today"))
        self.reason = named(QLineEdit(), "recheck_reason")
        self.reason.setPlaceholderText(
            self.tr("Why the treatment goes ahead today despite the finding")
        )
        self.reason.textEdited.connect(lambda _t: self.changed.emit())
        self.reason_label.setBuddy(self.reason)
        self.error = named(QLabel(), "recheck_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.findings)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        self._show_reason(False)

    # ---- answers ---------------------------------------------------------------------------
    def _answered(self, question_id: str) -> None:
        if question_id in self.dates:
            self.dates[question_id].setVisible(self.combos[question_id].currentData() == ON_A_DATE)
        self.changed.emit()

    def answers(self) -> dict[str, object]:
        """Question id -> answer (unanswered questions left out)."""
        found: dict[str, object] = {}
        for question_id, combo in self.combos.items():
            data = str(combo.currentData() or UNANSWERED)
            value: object = BOOLEANS.get(data, data) if question_id not in self.dates else data
            if data == UNANSWERED:
                continue
            if data == ON_A_DATE:
                day = self.dates[question_id].date()
                value = f"{day.year():04d}-{day.month():02d}-{day.day():02d}"
            found[question_id] = value
        return found

    def set_answers(self, answers: Mapping[str, object], reason: str = "") -> None:
        for question_id, combo in self.combos.items():
            value = answers.get(question_id)
            if isinstance(value, bool):
                value = YES if value else NO
            index = combo.findData(value) if isinstance(value, str) else 0
            if index < 0 and isinstance(value, str) and question_id in self.dates:
                try:
                    day = dt.date.fromisoformat(value)
                except ValueError:
                    day = None
                if day is not None:
                    self.dates[question_id].setDate(QDate(day.year, day.month, day.day))
                    index = combo.findData(ON_A_DATE)
            combo.setCurrentIndex(max(index, 0))
        self.reason.setText(reason)

    def raw_state(self) -> dict[str, object]:
        """The drop-downs, dates and reason exactly as shown (for a form draft)."""
        return {
            "answers": {qid: str(combo.currentData() or "") for qid, combo in self.combos.items()},
            "dates": {qid: date.date().toString("yyyy-MM-dd") for qid, date in self.dates.items()},
            "reason": self.reason.text(),
        }

    def set_raw_state(self, state: Mapping[str, object]) -> None:
        """Show what ``raw_state`` returned; unknown questions and values are skipped."""
        answers = state.get("answers")
        dates = state.get("dates")
        if isinstance(dates, Mapping):
            for question_id, text in dates.items():
                day = QDate.fromString(str(text), "yyyy-MM-dd")
                if question_id in self.dates and day.isValid():
                    self.dates[question_id].setDate(day)
        if isinstance(answers, Mapping):
            for question_id, value in answers.items():
                combo = self.combos.get(str(question_id))
                if combo is not None:
                    combo.setCurrentIndex(max(combo.findData(str(value)), 0))
        self.reason.setText(str(state.get("reason", "")))
        self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        for field in (*self.combos.values(), *self.dates.values(), self.reason):
            set_locked(field, read_only)

    def tab_chain(self) -> list[QWidget]:
        chain: list[QWidget] = []
        for question_id, combo in self.combos.items():
            chain.append(combo)
            if question_id in self.dates:
                chain.append(self.dates[question_id])
        chain.append(self.reason)
        return chain

    # ---- result ----------------------------------------------------------------------------
    def _show_reason(self, visible: bool) -> None:
        self.reason_label.setVisible(visible)
        self.reason.setVisible(visible)

    def show_result(self, result: RecheckResult | None) -> None:
        """List the findings of the day; ask for a reason when a new relative one fired."""
        if result is None:
            self.findings.setText("")
            self._show_reason(bool(self.reason.text()))
            return
        day = format_date(result.day)
        lines = []
        for finding in result.findings:
            colour, badge = SEVERITY_STYLE[finding.severity]
            badge = QCoreApplication.translate("sessions.recheck_panel", badge)
            settled = finding.severity is Severity.RELATIVE and finding.rule_id in result.settled
            note = self.tr(" (decided at the consultation)") if settled else ""
            if result.is_new(finding):
                note += self.tr(" — <b>new since the consultation</b>")
            lines.append(
                f'<span style="color:{colour}">{badge}</span> '
                f"<b>{escape(finding.title)}</b>{note}: {escape(finding.advice)}"
            )
        if result.unanswered:
            head = self.tr("Screening on {day}: answer every question above.").format(day=day)
        elif not lines:
            head = self.tr("Screening on {day}: nothing found.").format(day=day)
        else:
            head = self.tr("Screening on {day}:").format(day=day)
        self.findings.setText("<br>".join([f"<i>{head}</i>", *lines]))
        self._show_reason(bool(result.needs_reason) or bool(self.reason.text()))

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
