"""Sign in at every start: user name and password; refusals and lockouts say why.

The password check (argon2id, some 0.1 s; longer once for a hash an earlier release made) runs
in a worker thread: the window keeps painting, the button is disabled and the cursor busy
meanwhile, and a second Enter during the check is not a second attempt (lockouts count each
attempt once)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
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
from clinic_app.services.security.identity import LoginResult, SignedInUser
from clinic_app.ui.common.background import run_in_background
from clinic_app.ui.common.field_errors import ERROR_STYLE
from clinic_app.ui.common.widget_names import named


class LoginDialog(QDialog):
    """Asks for a user name and password until they match, or the person cancels.

    ``checked`` is emitted each time an attempt's answer has been shown (or accepted)."""

    checked = Signal()

    def __init__(
        self, database: Database, parent: QWidget | None = None, *, title: str = ""
    ) -> None:
        super().__init__(parent)
        self._database = database
        self.user: SignedInUser | None = None
        self.checking = False
        self.setWindowTitle(title or self.tr("Sign in — CO2 Resurfacing Consultation"))
        self.setMinimumWidth(420)
        intro = QLabel(
            self.tr("Sign in to open the patient records.\n{description}").format(
                description=database.description
            )
        )
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
        form.addRow(self.tr("&User name"), self.username)
        form.addRow(self.tr("&Password"), self.password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.sign_in_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_in_button.setText(self.tr("&Sign in"))
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
        """Check the name and password in a worker; accept on success, otherwise say why and
        stay open (nothing happens while an earlier attempt is still being checked)."""
        if self.checking:
            return
        if not self.username.text().strip():
            self.show_message(self.tr("Enter your user name."))
            self.username.setFocus()
            return
        username, password, database = self.username.text(), self.password.text(), self._database

        def check() -> LoginResult:
            from clinic_app.services.security import auth  # loaded while the dialog was open

            with database.session() as session:
                return auth.sign_in(session, username, password)

        self._set_checking(True)
        run_in_background(check, self._answered, self._failed)

    def _set_checking(self, checking: bool) -> None:
        self.checking = checking
        for widget in (self.username, self.password, self.buttons):
            widget.setEnabled(not checking)
        if checking:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def _answered(self, result: object) -> None:
        self._set_checking(False)
        assert isinstance(result, LoginResult)
        if result.user is None:
            self.show_message(result.message)
            self.password.clear()
            self.password.setFocus()
        else:
            self.user = result.user
            self.accept()
        self.checked.emit()

    def _failed(self, exc: BaseException) -> None:
        self._set_checking(False)
        if isinstance(exc, (DatabaseUnavailableError, ServiceError)):  # e.g. the audit's head
            self.show_message(str(exc))
        else:
            self.show_message(
                self.tr("The password could not be checked: {exc}. Try again.").format(exc=exc)
            )
        self.password.setFocus()
        self.checked.emit()

    def reject(self) -> None:
        """Cancel, except while a password is being checked (its answer is on its way)."""
        if not self.checking:
            super().reject()

    @classmethod
    def ask(cls, database: Database, parent: QWidget | None = None) -> SignedInUser | None:
        """Run the dialog; the signed-in user, or None when cancelled (tests patch this)."""
        dialog = cls(database, parent)
        dialog.exec()
        return dialog.user
