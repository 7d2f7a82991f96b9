"""Sign in at every start: user name and password; refusals and lockouts say why."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from clinic_app.db import Database, DatabaseUnavailableError
from clinic_app.services.errors import ServiceError
from clinic_app.services.security.identity import SignedInUser
from clinic_app.ui.common.field_errors import ERROR_STYLE
from clinic_app.ui.common.widget_names import named


class LoginDialog(QDialog):
    """Asks for a user name and password until they match, or the person cancels."""

    def __init__(
        self, database: Database, parent: QWidget | None = None, *, title: str = ""
    ) -> None:
        super().__init__(parent)
        self._database = database
        self.user: SignedInUser | None = None
        self.setWindowTitle(title or "Sign in — CO2 Resurfacing Consultation")
        self.setMinimumWidth(420)
        intro = QLabel(f"Sign in to open the patient records.\n{database.description}")
        intro.setWordWrap(True)
        self.username = named(QLineEdit(), "username")
        self.password = named(QLineEdit(), "password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = named(QLabel(), "login_message")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow("&User name", self.username)
        form.addRow("&Password", self.password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.sign_in_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_in_button.setText("&Sign in")
        self.buttons.accepted.connect(self.sign_in)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.username.setFocus()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.adjustSize()

    def sign_in(self) -> None:
        """Check the name and password; accept on success, otherwise say why and stay open."""
        if not self.username.text().strip():
            self.show_message("Enter your user name.")
            self.username.setFocus()
            return
        from clinic_app.services.security import (
            auth,  # loaded in the background while the dialog is open
        )

        try:
            with self._database.session() as session:
                result = auth.sign_in(session, self.username.text(), self.password.text())
        except (DatabaseUnavailableError, ServiceError) as exc:  # e.g. the audit trail's head
            self.show_message(str(exc))
            return
        if result.user is None:
            self.show_message(result.message)
            self.password.clear()
            self.password.setFocus()
            return
        self.user = result.user
        self.accept()

    @classmethod
    def ask(cls, database: Database, parent: QWidget | None = None) -> SignedInUser | None:
        """Run the dialog; the signed-in user, or None when cancelled (tests patch this)."""
        dialog = cls(database, parent)
        dialog.exec()
        return dialog.user
