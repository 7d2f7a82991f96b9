"""Administrators add users, reset passwords, change roles, unlock and disable accounts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from clinic_app.db import Database
from clinic_app.services.errors import ServiceError, ValidationError
from clinic_app.services.security import users
from clinic_app.services.security.identity import Actor
from clinic_app.services.security.users import UserInfo
from clinic_app.ui.common.dialog_service import DialogService
from clinic_app.ui.common.field_errors import INVALID_FIELD_STYLE, FieldErrors
from clinic_app.ui.common.formatting import format_instant
from clinic_app.ui.common.i18n import QT_TRANSLATE_NOOP
from clinic_app.ui.common.widget_names import named

COLUMNS = (
    QT_TRANSLATE_NOOP("security.users_dialog", "User name"),
    QT_TRANSLATE_NOOP("security.users_dialog", "Full name"),
    QT_TRANSLATE_NOOP("security.users_dialog", "Role"),
    QT_TRANSLATE_NOOP("security.users_dialog", "State"),
)


class UserFormDialog(QDialog):
    """A new user (name, full name, role, password twice), or only a new password."""

    def __init__(self, parent: QWidget | None = None, *, username: str = "") -> None:
        super().__init__(parent)
        self.password_only = bool(username)
        self.setWindowTitle(
            self.tr("New password for {username}").format(username=username)
            if username
            else self.tr("Add a user")
        )
        self.setStyleSheet(INVALID_FIELD_STYLE)
        self.setMinimumWidth(460)
        self.username = named(QLineEdit(username), "username")
        self.display_name = named(QLineEdit(), "display_name")
        self.role = named(QComboBox(), "role")
        self.role.addItems(users.ROLES)
        self.role.setCurrentText(users.PRACTITIONER)
        self.password = named(QLineEdit(), "password")
        self.repeat = named(QLineEdit(), "repeat")
        for field in (self.password, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.errors = FieldErrors()
        form = QFormLayout()
        rows: list[tuple[str, str, QWidget]] = [
            ("password", self.tr("&Password"), self.password),
            ("repeat", self.tr("&Repeat"), self.repeat),
        ]
        if not self.password_only:
            rows[:0] = [
                ("username", self.tr("&User name"), self.username),
                ("display_name", self.tr("&Full name"), self.display_name),
                ("role", self.tr("R&ole"), self.role),
            ]
        for key, caption, widget in rows:
            self.errors.add_row(form, key, caption, widget)
        self.errors.follow_edits()  # the service checks; a message goes once its field changes
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _check(self) -> None:
        if self.password.text() != self.repeat.text():
            self.errors.show(
                {"repeat": self.tr("The two passwords differ; type the same one twice.")}
            )
            return
        self.accept()

    def show_errors(self, errors: dict[str, str]) -> None:
        self.errors.show(errors)
        self.errors.focus_first(errors)


class UsersDialog(QDialog):
    """The list of users and what an administrator can do to each."""

    def __init__(
        self,
        database: Database,
        actor: Actor,
        dialogs: DialogService,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._actor = actor
        self._dialogs = dialogs
        self._users: list[UserInfo] = []
        self.setWindowTitle(self.tr("Users"))
        self.resize(720, 420)
        self.table = named(QTableWidget(0, len(COLUMNS)), "users_table")
        self.table.setHorizontalHeaderLabels(
            [QCoreApplication.translate("security.users_dialog", c) for c in COLUMNS]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.add_button = QPushButton(self.tr("&Add user…"))
        self.password_button = QPushButton(self.tr("New &password…"))
        self.role_button = QPushButton(self.tr("Change &role"))
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.active_button = QPushButton(self.tr("&Disable"))
        self.add_button.clicked.connect(self.add_user)
        self.password_button.clicked.connect(self.reset_password)
        self.role_button.clicked.connect(self.toggle_role)
        self.unlock_button.clicked.connect(self.unlock)
        self.active_button.clicked.connect(self.toggle_active)
        side = QVBoxLayout()
        for button in (
            self.add_button,
            self.password_button,
            self.role_button,
            self.unlock_button,
            self.active_button,
        ):
            side.addWidget(button)
        side.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(close)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.refresh()

    def refresh(self) -> None:
        with self._database.session() as session:
            self._users = users.list_all(session)
        self.table.setRowCount(len(self._users))
        for row, user in enumerate(self._users):
            state = self.tr("active") if user.active else self.tr("disabled")
            if user.locked_until is not None:
                state += self.tr(", locked until {until}").format(
                    until=format_instant(user.locked_until)
                )
            for column, text in enumerate((user.username, user.display_name, user.role, state)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self._update_buttons()

    def selected(self) -> UserInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self._users[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        user = self.selected()
        for button in (self.password_button, self.role_button, self.unlock_button):
            button.setEnabled(user is not None)
        self.active_button.setEnabled(user is not None)
        if user is not None:
            self.active_button.setText(
                self.tr("&Enable") if not user.active else self.tr("&Disable")
            )
            other = users.PRACTITIONER if user.role == users.ADMINISTRATOR else users.ADMINISTRATOR
            self.role_button.setText(self.tr("Make {other}").format(other=other))

    def _run(self, title: str, change: Callable[[Session], object]) -> bool:
        try:
            with self._database.session() as session:
                change(session)
        except ServiceError as exc:
            self._dialogs.error(self, title, str(exc))
            return False
        self.refresh()
        return True

    def add_user(self) -> None:
        form = UserFormDialog(self)
        while form.exec() == QDialog.DialogCode.Accepted:
            try:
                with self._database.session() as session:
                    users.add(
                        session,
                        self._actor,
                        form.username.text(),
                        form.role.currentText(),
                        form.password.text(),
                        form.display_name.text(),
                    )
            except ValidationError as exc:
                form.show_errors(exc.errors)
                continue
            self.refresh()
            return

    def reset_password(self) -> None:
        user = self.selected()
        if user is None:
            return
        form = UserFormDialog(self, username=user.username)
        while form.exec() == QDialog.DialogCode.Accepted:
            try:
                with self._database.session() as session:
                    users.set_password(session, self._actor, user.id, form.password.text())
            except ValidationError as exc:
                form.show_errors(exc.errors)
                continue
            self._dialogs.info(
                self,
                self.tr("Password changed"),
                self.tr("{username} has a new password.").format(username=user.username),
            )
            self.refresh()
            return

    def toggle_role(self) -> None:
        user = self.selected()
        if user is not None:
            role = users.PRACTITIONER if user.role == users.ADMINISTRATOR else users.ADMINISTRATOR
            self._run(
                self.tr("Role not changed"),
                lambda s: users.set_role(s, self._actor, user.id, role),
            )

    def unlock(self) -> None:
        user = self.selected()
        if user is not None:
            self._run(self.tr("Not unlocked"), lambda s: users.unlock(s, self._actor, user.id))

    def toggle_active(self) -> None:
        user = self.selected()
        if user is not None:
            self._run(
                self.tr("Not changed"),
                lambda s: users.set_active(s, self._actor, user.id, not user.active),
            )
