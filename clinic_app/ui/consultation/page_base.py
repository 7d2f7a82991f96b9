"""What every page of the consultation wizard shares: a scrolling body, question rows with their
own message, and validatePage refusing Next with the reason (Picard's setup wizard pattern)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from clinic_app.domain.consultation.consultation_form import PageText
from clinic_app.ui.common.field_errors import ERROR_STYLE

PAGE_STYLE = """
QWidget#page_body { background: palette(base); }
QFrame#question_row { border-bottom: 1px solid #dde1e6; }
QFrame#question_row[alt="true"] { background: #f4f6f9; }
QFrame#question_row[invalid="true"] { background: #fdecea; border-left: 4px solid #b3261e; }
QLabel[role="help"] { color: #5f6368; }
QLabel[role="section"] { font-weight: bold; font-size: 11pt; margin-top: 10px; }
"""


@dataclass(frozen=True)
class Problem:
    """Something that keeps the page from being left: where to put the cursor, and why."""

    widget: QWidget
    message: str
    row: MessageFrame | None = None


def wrapped(text: str, role: str = "") -> QLabel:
    """A word-wrapped label; ``role`` "help" or "section" picks its style."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        label.setProperty("role", role)
    return label


class MessageFrame(QFrame):
    """A framed block that can show a message at its bottom and mark itself invalid."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.error = wrapped("")
        self.error.setObjectName("row_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setVisible(False)
        self.described: QWidget | None = None  # gets the message as accessible description

    def set_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))
        self.setProperty("invalid", bool(message))
        if self.described is not None:
            self.described.setAccessibleDescription(message)
        self.style().unpolish(self)
        self.style().polish(self)


class QuestionRow(MessageFrame):
    """One question: its label (and help), the answer widget, and the message under it."""

    def __init__(
        self,
        label: str,
        answer: QWidget,
        help_text: str = "",
        *,
        stacked: bool = False,
        source: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("question_row")
        if source:  # where a default comes from: for who asks, never in the text read
            self.setToolTip(self.tr("Source: {source}").format(source=source))
        self.answer = answer
        self.described = answer
        answer.setAccessibleName(label)
        self.label = wrapped(label)
        self.label.setBuddy(answer)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(3)
        if stacked:
            layout.addWidget(self.label)
            if help_text:
                layout.addWidget(wrapped(help_text, "help"))
            layout.addWidget(answer)
        else:
            line = QHBoxLayout()
            text = QVBoxLayout()
            text.addWidget(self.label)
            if help_text:
                text.addWidget(wrapped(help_text, "help"))
            line.addLayout(text, 1)
            line.addWidget(answer, 0, Qt.AlignmentFlag.AlignTop)
            layout.addLayout(line)
        layout.addWidget(self.error)


class ConsultationPage(QWizardPage):
    """A page with a title, a subtitle, a scrolling body and a message line at the bottom."""

    page_id = ""

    def __init__(self, text: PageText, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(text.title)
        self.setSubTitle(text.subtitle)
        self.setStyleSheet(PAGE_STYLE)
        self.rows: list[MessageFrame] = []
        body = QWidget()
        body.setObjectName("page_body")
        self.body = QVBoxLayout(body)
        self.body.setContentsMargins(0, 0, 12, 0)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setWidget(body)
        self.scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.message = wrapped("")
        self.message.setObjectName("page_message")
        self.message.setStyleSheet(ERROR_STYLE + " font-weight: bold;")
        self.message.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroller, 1)
        layout.addWidget(self.message)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._follow_focus)

    def add_row(self, row: MessageFrame) -> None:
        """Add ``row`` to the body; every other question row is shaded to guide the eye."""
        if isinstance(row, QuestionRow):
            shaded = sum(isinstance(r, QuestionRow) for r in self.rows) % 2 == 1
            row.setProperty("alt", shaded)
        self.rows.append(row)
        self.body.addWidget(row)

    # data --------------------------------------------------------------------------------
    def load(self, document: dict[str, Any]) -> None:
        """Show what ``document`` holds for this page."""

    def store(self, document: dict[str, Any]) -> None:
        """Write this page's answers into ``document``."""

    def problems(self) -> list[Problem]:
        """What must be answered or corrected before going on."""
        return []

    def first_focus(self) -> QWidget | None:
        """Where the cursor goes when the page opens: the first thing left to answer."""
        problems = self.problems()
        if problems:
            return problems[0].widget
        return self.rows[0].described if self.rows else None

    def initializePage(self) -> None:
        target = self.first_focus()
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    # refusing Next with the reason ---------------------------------------------------------
    def validatePage(self) -> bool:
        problems = self.problems()
        self.show_problems(problems)
        if problems:
            first = problems[0]
            first.widget.setFocus(Qt.FocusReason.OtherFocusReason)
            self.scroller.ensureWidgetVisible(first.row or first.widget, 20, 40)
        return not problems

    def show_problems(self, problems: list[Problem]) -> None:
        """A message under each row concerned, and the first reason at the bottom of the page."""
        by_row = {id(p.row): p.message for p in problems if p.row is not None}
        for row in self.rows:
            row.set_error(by_row.get(id(row), ""))
        if problems:
            more = len(problems) - 1
            extra = self.tr(" ({more} more on this page)").format(more=more) if more else ""
            self.message.setText(
                self.tr("Before going on: {message}{extra}").format(
                    message=problems[0].message, extra=extra
                )
            )
        self.message.setVisible(bool(problems))

    def clear_problems(self) -> None:
        self.show_problems([])

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not self.isVisible():
            return
        body = self.scroller.widget()
        if body is not None and body.isAncestorOf(new):
            row = next((r for r in self.rows if r.isAncestorOf(new)), None)
            self.scroller.ensureWidgetVisible(row or new, 20, 20)
