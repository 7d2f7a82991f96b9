"""The dialog shown when a safety gate is closed: why, and how to go on with a recorded reason.

Cancel is the default. Going on takes two explicit steps: ticking "I have read this and take
responsibility", then writing a reason of substance; the service that records the override
says when the reason is too thin, and the message appears under the field. Tests patch
:meth:`GateDialog.ask`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from clinic_app.ui.common.field_errors import INVALID_FIELD_STYLE, error_label

# Records the override with the reason; returns None when recorded, else the message to show.
Submit = Callable[[str], "str | None"]
DANGER_STYLE = "color: #8c1d18; font-weight: bold;"


class GateDialog(QDialog):
    """Shows the closed gates; records an override only after a confirmation and a reason."""

    def __init__(
        self, parent: QWidget | None, title: str, problems: Sequence[str], submit: Submit
    ) -> None:
        super().__init__(parent)
        self.setObjectName("gateDialog")
        self.setWindowTitle(title)
        self.setStyleSheet(INVALID_FIELD_STYLE)
        self._submit = submit
        layout = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setStyleSheet(DANGER_STYLE)
        layout.addWidget(heading)
        for text in problems:
            line = QLabel(f"• {text}")
            line.setWordWrap(True)
            line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(line)
        self.confirm_box = QCheckBox(
            self.tr("I have read this, checked the patient, and take responsibility for going on")
        )
        self.confirm_box.setObjectName("gateConfirm")
        layout.addWidget(self.confirm_box)
        caption = QLabel(
            self.tr("&Reason to go on (kept in the record and the audit trail, never printed):")
        )
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setObjectName("gateReason")
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setEnabled(False)
        self.reason_edit.setPlaceholderText(
            self.tr("What was checked, by whom, and why it is safe to go on today")
        )
        caption.setBuddy(self.reason_edit)
        layout.addWidget(caption)
        layout.addWidget(self.reason_edit)
        self.error = error_label()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.go_on = self.buttons.addButton(
            self.tr("Record the reason and go on"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.go_on.setObjectName("gateGoOn")
        self.go_on.setEnabled(False)
        self.go_on.setAutoDefault(False)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)
        self.buttons.accepted.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.confirm_box.toggled.connect(self._update)
        self.reason_edit.textChanged.connect(self._update)
        self.resize(560, self.sizeHint().height())
        cancel.setFocus()

    def _update(self) -> None:
        confirmed = self.confirm_box.isChecked()
        self.reason_edit.setEnabled(confirmed)
        self.go_on.setEnabled(confirmed and bool(self.reason_edit.toPlainText().strip()))

    def _try_accept(self) -> None:
        if not self.go_on.isEnabled():
            return
        message = self._submit(self.reason_edit.toPlainText())
        if message:
            self.error.setText(message)
            self.error.setVisible(True)
            self.reason_edit.setProperty("invalid", True)
            self.reason_edit.style().polish(self.reason_edit)
            self.reason_edit.setFocus()
            return
        self.accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, title: str, problems: Sequence[str], submit: Submit
    ) -> bool:
        """Whether the person went on (an override was recorded by ``submit``)."""
        dialog = cls(parent, title, problems, submit)
        return dialog.exec() == QDialog.DialogCode.Accepted
