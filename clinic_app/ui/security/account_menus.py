"""What signing in adds to the main window: Account and Administration menus, the idle lock,
backups and restores (run in worker threads), the audit trail and user management.

The menus exist from start-up; the services behind them (which load the ORM and the models) and
the windows and dialogs are imported when first used (docs/startup.md)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMenu, QWidget

from clinic_app.services.errors import ValidationError
from clinic_app.services.security.identity import Actor, require
from clinic_app.ui.common.background import run_in_background
from clinic_app.ui.common.formatting import format_instant
from clinic_app.ui.security.idle_lock import ScreenLock

if TYPE_CHECKING:
    from clinic_app.config import AppConfig
    from clinic_app.db import Database
    from clinic_app.services.backup import BackupInfo, RestoreResult
    from clinic_app.services.backup_jobs import BackedUp
    from clinic_app.services.security.identity import LoginResult, SignedInUser
    from clinic_app.ui.common.dialog_service import DialogService
    from clinic_app.ui.security.audit_window import AuditWindow


class SecurityControls(QObject):
    """Installs the signed-in user's menus and the idle lock on ``window``."""

    def __init__(
        self,
        window: QMainWindow,
        database: Database,
        user: SignedInUser,
        config: AppConfig,
        dialogs: DialogService,
        idle_minutes: int,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.database = database
        self.user = user
        self.config = config
        self.dialogs = dialogs
        self.audit_window: AuditWindow | None = None
        self.busy = False
        self.restored = False
        self.anchor_problem = ""  # what the last backup found against the audit anchor
        self.quit_app: Callable[[], None] = QApplication.quit  # tests replace it
        self.lock = ScreenLock(window, user, self.check_password, idle_minutes, self._locked)
        self.user_label = QLabel(
            self.tr("Signed in: {display_name} ({role})").format(
                display_name=user.display_name, role=user.role
            )
        )
        self.user_label.setObjectName("signed_in_user")
        window.statusBar().addPermanentWidget(self.user_label)
        self._build_menus()
        # The main window builds its patient page, and the handouts with it, after the first
        # screen (clinic_app.ui.main_window.MainWindow.build_patient_page).
        when_built = getattr(window, "when_patient_page_built", None)
        if when_built is not None:
            when_built(self._watch_handouts)
        else:
            self._watch_handouts()

    def _watch_handouts(self) -> None:
        handouts = getattr(self.window, "handouts", None)
        if handouts is not None and hasattr(handouts, "preview_opened"):
            handouts.preview_opened.connect(self._audit_preview)

    # menus -------------------------------------------------------------------------------
    def _action(self, text: str, slot: object, shortcut: str = "") -> QAction:
        action = QAction(self.window)
        action.setText(text)  # as the main window's actions (clinic_app.ui.main_window)
        if shortcut:
            action.setShortcuts([QKeySequence(shortcut)])
        action.triggered.connect(slot)
        return action

    def _insert_menu(self, title: str) -> QMenu:
        bar = self.window.menuBar()
        menu = QMenu(title, bar)
        help_action = next((a for a in bar.actions() if a.text() == "&Help"), None)
        if help_action is None:
            bar.addMenu(menu)
        else:
            bar.insertMenu(help_action, menu)
        return menu

    def _build_menus(self) -> None:
        self.lock_action = self._action(self.tr("&Lock now"), self.lock.lock_now, "Ctrl+L")
        self.password_action = self._action(
            self.tr("Change my &password…"), self.change_own_password
        )
        account = self._insert_menu(self.tr("&Account"))
        account.addActions([self.lock_action, self.password_action])
        self.users_action = self._action(self.tr("&Users…"), self.open_users)
        self.audit_action = self._action(self.tr("&Audit trail…"), self.open_audit)
        self.settings_action = self._action(self.tr("&Security and backups…"), self.open_settings)
        self.prices_action = self._action(self.tr("&Price list…"), self.open_price_list)
        self.backup_action = self._action(self.tr("&Back up now…"), self.backup_now)
        self.restore_action = self._action(
            self.tr("&Restore from backup…"), self.restore_from_backup
        )
        if self.user.can("manage_users"):
            admin = self._insert_menu(self.tr("A&dministration"))
            admin.addActions(
                [self.users_action, self.audit_action, self.settings_action, self.prices_action]
            )
            admin.addSeparator()
            admin.addActions([self.backup_action, self.restore_action])

    # the idle lock -----------------------------------------------------------------------
    def check_password(self, password: str) -> LoginResult:
        """Unlock with the signed-in user's password (counted like any sign-in attempt)."""
        from clinic_app.services.security import auth

        with self.database.session() as session:
            return auth.sign_in(session, self.user.username, password, purpose="unlock")

    def _locked(self, idle_minutes: int | None) -> None:
        """Audit the lock: after ``idle_minutes`` without input, or (None) by the user."""
        from clinic_app.services.security import auth

        with self.database.session() as session:
            auth.record_lock(session, self.user, idle_minutes)

    def shutdown(self) -> None:
        """Stop the idle lock and record the sign-out (the window is closing)."""
        self.lock.stop()
        if not self.restored:
            from clinic_app.services.security import audit_anchor, auth

            with self.database.session() as session:
                auth.sign_out(session, self.user)
            with contextlib.suppress(OSError), self.database.snapshot() as session:
                key = audit_anchor.database_key(self.database.url)
                audit_anchor.advance(session, self.config.data_dir, key)  # verify tells a mismatch

    # printing and saving handouts ---------------------------------------------------------
    def _audit_preview(self, preview: QWidget) -> None:
        """Audit what happens to a handout shown in a preview: printed, or saved as a file."""
        preview.printed.connect(  # type: ignore[attr-defined]
            lambda pages, p=preview: self._record_output(p, "print", f"{pages} page(s) printed")
        )
        preview.saved.connect(  # type: ignore[attr-defined]
            lambda _path, p=preview: self._record_output(p, "export", "saved as a PDF file")
        )

    def _record_output(self, preview: QWidget, action: str, what: str) -> None:
        info = getattr(preview, "document_info", None)
        kind = getattr(info, "kind", "handout").replace("_", "-")
        patient = getattr(info, "patient_id", None)
        summary = f"{kind} handout for patient #{patient}: {what}"
        from clinic_app.services.security import audit

        with self.database.session() as session:
            audit.record(
                session,
                self.user.actor,
                action,
                "generated_document",
                getattr(info, "id", None),
                summary,
            )

    # administration ----------------------------------------------------------------------
    def open_users(self) -> None:
        from clinic_app.ui.security.users_dialog import UsersDialog

        require(self.user, "manage_users")
        dialog = UsersDialog(self.database, self.user.actor, self.dialogs, self.window)
        dialog.open()

    def open_audit(self) -> None:
        from clinic_app.ui.security.audit_window import AuditWindow

        require(self.user, "view_audit")
        if self.audit_window is None:
            self.audit_window = AuditWindow(self.database, self.window, self.config.data_dir)
        if self.audit_window.isVisible():  # already open: bring it to the front
            self.audit_window.raise_()
            self.audit_window.activateWindow()
        self.audit_window.show()

    def open_settings(self) -> None:
        from clinic_app.ui.security.settings_dialog import SecuritySettingsDialog

        require(self.user, "manage_settings")
        dialog = SecuritySettingsDialog(
            self.database, self.user.actor, self.window, data_dir=self.config.data_dir
        )
        dialog.accepted.connect(
            lambda: self.lock.watcher.set_minutes(dialog.values()["idle_lock_minutes"])
        )
        dialog.open()

    def open_price_list(self) -> None:
        from clinic_app.ui.security.price_list_dialog import PriceListDialog

        require(self.user, "manage_settings")
        dialog = PriceListDialog(self.database, self.user, self.config.data_dir, self.window)
        self.price_list_dialog = dialog
        dialog.accepted.connect(
            lambda: self.window.statusBar().showMessage(
                self.tr("The clinic's price list was saved."), 4000
            )
        )
        dialog.open()

    def change_own_password(self) -> None:
        from clinic_app.services.security import users
        from clinic_app.ui.security.users_dialog import UserFormDialog

        form = UserFormDialog(self.window, username=self.user.username)
        while form.exec() == UserFormDialog.DialogCode.Accepted:
            try:
                with self.database.session() as session:
                    users.change_own_password(session, self.user.actor, form.password.text())
            except ValidationError as exc:
                form.show_errors(exc.errors)
                continue
            self.window.statusBar().showMessage(self.tr("Your password was changed."), 4000)
            return

    # backups -----------------------------------------------------------------------------
    @property
    def backup_folder(self) -> Path:
        from clinic_app.services import backup

        return backup.backup_dir(self.config.data_dir)

    def ask_backup_path(self, suggested: Path) -> Path | None:
        """Where to write a backup (tests replace this)."""
        from PySide6.QtWidgets import QFileDialog  # its Python type when first asked for

        path, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Back up the database"),
            str(suggested),
            self.tr("Database backups (*.db)"),
        )
        return Path(path) if path else None

    def ask_restore_path(self) -> Path | None:
        """Which backup to restore (tests replace this)."""
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Restore from a backup"),
            str(self.backup_folder),
            self.tr("Backups (*.db)"),
        )
        return Path(path) if path else None

    def _already_busy(self) -> bool:
        """Whether a backup or restore is running (then the person is told to wait for it)."""
        if self.busy:
            self.dialogs.info(
                self.window,
                self.tr("A backup is running"),
                self.tr(
                    "A backup or restore is already running. Try again when the status bar "
                    "says it is done."
                ),
            )
        return self.busy

    def _sqlite_path(self) -> Path | None:
        from clinic_app.services.backup import PG_ADVICE

        path = self.database.sqlite_path
        if path is None:
            self.dialogs.info(self.window, self.tr("Backups on PostgreSQL"), PG_ADVICE)
        return path

    def _start(self, work: object, done: object, title: str) -> None:
        self.busy = True
        self.window.statusBar().showMessage(f"{title}…")

        def finished(result: object) -> None:
            self.busy = False
            done(result)  # type: ignore[operator]

        def failed(exc: BaseException) -> None:
            self.busy = False
            self.window.statusBar().clearMessage()
            self.dialogs.error(self.window, self.tr("{title} failed").format(title=title), str(exc))

        run_in_background(work, finished, failed)  # type: ignore[arg-type]

    def backup_now(self) -> None:
        """Write a backup where the administrator chooses, in a worker thread."""
        from clinic_app.services import backup, backup_jobs

        require(self.user, "manage_backups")  # the service checks again; this spares the asking
        db_path = self._sqlite_path()
        if db_path is None or self._already_busy():
            return
        target = self.ask_backup_path(backup.new_backup_path(self.backup_folder))
        if target is None or self._already_busy():  # the daily backup may have begun meanwhile
            return
        database, actor, data_dir = self.database, self.user.actor, self.config.data_dir
        self._start(
            lambda: backup_jobs.back_up(database, actor, target, data_dir),
            self._backed_up,
            self.tr("Backup"),
        )

    def _backed_up(self, done: BackedUp) -> None:
        info = done.info
        self.anchor_problem = done.anchor.problem
        message = self.tr("Backup written to {path} ({contents}).").format(
            path=info.path, contents=info.describe()
        )
        self.window.statusBar().showMessage(message, 8000)
        if self.anchor_problem:
            self.dialogs.error(
                self.window, self.tr("Backup written"), f"{message}\n\n{self.anchor_problem}"
            )
            return
        self.dialogs.info(self.window, self.tr("Backup written"), message)

    def start_daily_backup(self) -> None:
        """The first start of the day backs up to DATA_DIR/backups, keeping the newest N."""
        db_path = self.database.sqlite_path
        if db_path is None or self.busy:  # a backup or restore the person started comes first
            return
        from clinic_app.services import backup_jobs

        # The number of backups kept is read in the worker too: the first screen reads nothing
        # through the ORM (docs/startup.md).
        database, data_dir = self.database, self.config.data_dir
        self._start(
            lambda: backup_jobs.back_up_daily(database, data_dir),
            self._daily_done,
            self.tr("Backup"),
        )

    def _daily_done(self, done: BackedUp | None) -> None:
        if done is None:
            self.window.statusBar().clearMessage()
            return
        self.anchor_problem = done.anchor.problem
        self.window.statusBar().showMessage(
            self.tr("Daily backup written: {name}").format(name=done.info.path.name), 8000
        )

    def restore_from_backup(self) -> None:
        """Check the chosen file, ask, restore in a worker thread, then close the app."""
        from clinic_app.services import backup

        require(self.user, "manage_backups")
        db_path = self._sqlite_path()
        if db_path is None or self._already_busy():
            return
        source = self.ask_restore_path()
        if source is None or self._already_busy():
            return
        self._start(
            lambda: backup.inspect(source), self._confirm_restore, self.tr("Checking the backup")
        )

    def _confirm_restore(self, info: BackupInfo) -> None:
        from clinic_app.services import backup

        self.window.statusBar().clearMessage()
        question = self.tr(
            "{name}: {patients} patients, {events} audit events, saved {saved}; it passed its "
            "checks.\n\nReplace the database with it? Everything saved since that backup will "
            "be gone from the app (the current database is kept in {safety_folder}). Open forms "
            "are closed without saving and the app closes; start it again afterwards."
        ).format(
            name=info.path.name,
            patients=info.patients,
            events=info.events,
            saved=format_instant(info.modified_at),
            safety_folder=self.backup_folder / backup.SAFETY_DIRNAME,
        )
        if not self.dialogs.confirm(
            self.window, self.tr("Restore this backup?"), question, yes=self.tr("Restore")
        ):
            return
        db_path, data_dir = self.database.sqlite_path, self.config.data_dir
        assert db_path is not None
        database = self.database
        # The restored database's users may differ: the actor is named, not linked by id.
        who = Actor(self.user.username, role=self.user.role)

        def work() -> RestoreResult:
            from clinic_app.services import backup_jobs

            return backup_jobs.restore(database.url, who, info.path, db_path, data_dir, database)

        self.restored = True  # from here on, nothing more is written for this sign-in
        self._start(work, self._restored, self.tr("Restore"))

    def _restored(self, result: RestoreResult) -> None:
        kept = (
            self.tr("\nThe previous database was kept as {safety_copy}.").format(
                safety_copy=result.safety_copy
            )
            if result.safety_copy
            else ""
        )
        self.dialogs.info(
            self.window,
            self.tr("Database restored"),
            self.tr(
                "Restored from {name} ({contents}).{kept}\nThe app closes now; start it again "
                "and sign in."
            ).format(
                name=result.restored.path.name, contents=result.restored.describe(), kept=kept
            ),
        )
        self.quit_app()
