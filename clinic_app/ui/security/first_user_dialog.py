"""The first start: create the administrator account, who then signs in straight away."""

from __future__ import annotations

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
from clinic_app.services.errors import ServiceError, ValidationError
from clinic_app.services.security import auth, users
from clinic_app.services.security.identity import Actor, SignedInUser
from clinic_app.ui.common.field_errors import INVALID_FIELD_STYLE, FieldErrors
from clinic_app.ui.common.widget_names import named


class FirstUserDialog(QDialog):
    """User name, full name and password (twice) of the clinic's first administrator."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self.user: SignedInUser | None = None
        self.setWindowTitle(self.tr("Welcome: create the administrator"))
        self.setStyleSheet(INVALID_FIELD_STYLE)
        self.setMinimumWidth(520)
        intro = QLabel(
            self.tr(
                "Patient records are health information: everyone who uses this app signs in "
                "with their own account. Create the administrator's account first; the "
                "administrator adds the other users (Administration › Users) and can see the "
                "audit trail."
            )
        )
        intro.setWordWrap(True)
        self.username = named(QLineEdit(placeholderText=self.tr("e.g. maria")), "username")
        self.display_name = named(QLineEdit(placeholderText=self.tr("Maria López")), "display_name")
        self.password = named(QLineEdit(), "password")
        self.repeat = named(QLineEdit(), "repeat")
        for field in (self.password, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(
            self.tr("at least {length} characters").format(length=users.MIN_PASSWORD_LENGTH)
        )
        self.errors = FieldErrors()
        form = QFormLayout()
        for key, caption, widget in (
            ("username", self.tr("&User name"), self.username),
            ("display_name", self.tr("&Full name"), self.display_name),
            ("password", self.tr("&Password"), self.password),
            ("repeat", self.tr("&Repeat password"), self.repeat),
        ):
            self.errors.add_row(form, key, caption, widget)
        self.errors.follow_edits()  # the service checks; a message goes once its field changes
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("&Create and sign in")
        )
        self.buttons.accepted.connect(self.create_account)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.username.setFocus()

    def create_account(self) -> None:
        """Create the administrator and sign them in; field messages when anything is wrong."""
        if self.password.text() != self.repeat.text():
            errors = {"repeat": self.tr("The two passwords differ; type the same password twice.")}
            self.errors.show(errors)
            self.errors.focus_first(errors)
            return
        try:
            with self._database.session() as session:
                users.add(
                    session,
                    Actor.from_os(),
                    self.username.text(),
                    users.ADMINISTRATOR,
                    self.password.text(),
                    self.display_name.text(),
                )
            with self._database.session() as session:
                result = auth.sign_in(session, self.username.text(), self.password.text())
        except ValidationError as exc:
            self.errors.show(exc.errors)
            self.errors.focus_first(exc.errors)
            return
        except (ServiceError, DatabaseUnavailableError) as exc:
            self.errors.show({"username": str(exc)})
            return
        self.user = result.user
        self.accept()

    @classmethod
    def ask(cls, database: Database, parent: QWidget | None = None) -> SignedInUser | None:
        """Run the dialog; the new administrator, signed in, or None when cancelled."""
        dialog = cls(database, parent)
        dialog.exec()
        return dialog.user
