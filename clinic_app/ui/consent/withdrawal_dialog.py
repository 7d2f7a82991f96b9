"""Record that the patient withdraws their consent: a reason that says something, audited."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from clinic_app.db import Database
from clinic_app.domain.reasons import ReasonPolicy
from clinic_app.services.consent import consents
from clinic_app.services.errors import ValidationError
from clinic_app.services.security.identity import Actor
from clinic_app.ui.common.field_errors import ERROR_STYLE
from clinic_app.ui.common.widget_names import named


class WithdrawalDialog(QDialog):
    """Ask why the patient withdraws; ``withdrawal_id`` once recorded."""

    def __init__(
        self,
        database: Database,
        actor: Actor,
        patient_id: int,
        patient_name: str,
        policy: ReasonPolicy,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._database, self._actor, self._patient_id = database, actor, patient_id
        self._policy = policy
        self.withdrawal_id: int | None = None
        self.setWindowTitle(self.tr("Withdraw consent"))
        intro = QLabel(
            self.tr(
                "{name} withdraws their informed consent. No further session can be recorded "
                "until they sign a new one. Write why (or \u201cpatient's wish\u201d if they "
                "gave no reason)."
            ).format(name=patient_name)
        )
        intro.setWordWrap(True)
        self.reason = named(QPlainTextEdit(), "withdrawal_reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(90)
        self.error = named(QLabel(), "withdrawal_reason_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.withdraw_button = named(
            buttons.addButton(self.tr("&Withdraw consent"), QDialogButtonBox.ButtonRole.AcceptRole),
            "withdraw_button",
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(460, 260)

    def _refuse(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)
        self.reason.setFocus()

    def submit(self) -> None:
        """Record the withdrawal, or say at the field why not (the text is kept)."""
        reason = self.reason.toPlainText()
        if consents.withdrawal_reason_problem(reason, self._policy) is not None:
            self._refuse(
                self.tr(
                    "Write why the patient withdraws, in a few words, or \u201cpatient's "
                    "wish\u201d if they gave no reason."
                )
            )
            return
        try:
            with self._database.session() as session:
                self.withdrawal_id = consents.withdraw(
                    session, self._actor, self._patient_id, reason, policy=self._policy
                )
        except ValidationError as exc:
            self._refuse(" ".join(exc.errors.values()))
            return
        self.accept()
