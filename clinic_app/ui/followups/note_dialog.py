"""Record a contact: done (it closes) or not reached (an attempt; it stays due), with a note;
a refusal shows at the note.

The dialog does not save: ``save(note, outcome)`` (the controller's) returns the errors by
field, empty when saved; the dialog stays open with what was typed until then.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from clinic_app.ui.common.field_errors import INVALID_FIELD_STYLE, FieldErrors
from clinic_app.ui.common.formatting import format_date
from clinic_app.ui.common.widget_names import named

if TYPE_CHECKING:
    from clinic_app.services.followups.followups import FollowUpItem

DONE, NOT_REACHED = "done", "not_reached"  # the outcomes of services/followups
Save = Callable[[str, str], Mapping[str, str]]


class FollowUpNoteDialog(QDialog):
    """Reached or not, and a note; Ctrl+Return saves (Tab leaves the note)."""

    def __init__(self, item: FollowUpItem, save: Save, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self._save = save
        self.setWindowTitle(self.tr("Follow-up contact"))
        self.setStyleSheet(INVALID_FIELD_STYLE)
        about = QLabel(
            self.tr("{label} for {patient}, due {day}").format(
                label=item.label, patient=item.patient_name, day=format_date(item.due_on)
            )
        )
        about.setWordWrap(True)
        self.reached = named(QRadioButton(self.tr("&Done: patient reached or seen")), "reached")
        self.not_reached = named(
            QRadioButton(self.tr("&Not reached: stays due (say what was tried)")), "not_reached"
        )
        self.reached.setChecked(True)
        self.outcomes = QButtonGroup(self)
        self.outcomes.addButton(self.reached)
        self.outcomes.addButton(self.not_reached)
        self.note = named(QPlainTextEdit(), "note")
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText(self._hint())
        self.outcomes.buttonToggled.connect(lambda *_: self.note.setPlaceholderText(self._hint()))
        self.errors = FieldErrors()
        form = QFormLayout()
        form.addRow(self.reached)
        form.addRow(self.not_reached)
        self.errors.add_row(form, "note", self.tr("N&ote:"), self.note)
        self.outcome_error = self.errors.add("outcome", self.reached)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        self.note.installEventFilter(self)  # Ctrl+Return in the note saves
        self.errors.follow_edits()
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.outcome_error)
        layout.addWidget(buttons)
        self.resize(420, 260)
        self.note.setFocus()

    @property
    def outcome(self) -> str:
        return NOT_REACHED if self.not_reached.isChecked() else DONE

    def _hint(self) -> str:
        if self.outcome == NOT_REACHED:
            return self.tr("Required: e.g. voicemail left, text sent")
        if self.item.note_required:
            return self.tr("Required: what was seen or said")
        return self.tr("Optional")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.note
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.submit()
            return True
        return super().eventFilter(watched, event)

    def submit(self) -> None:
        """Save through the controller; stay open with the message at the field if refused."""
        errors = self._save(self.note.toPlainText(), self.outcome)
        self.errors.show(errors)
        if errors:
            self.errors.focus_first(errors)
            return
        self.accept()
