"""Start the window: open the database, sign in, then the main window.

The order at start-up:

1. open and migrate the database (a locked one is retried with a message; a damaged SQLite
   file offers to restore the latest backup; a read-only folder or a full disk is explained);
2. the first start creates the administrator (who is then signed in); every other start asks
   for a user name and password, while a worker thread loads the ORM, the models and the
   services (clinic_app.ui.service_loader; the window's first screen reads with SQLAlchemy Core
   alone, so it does not wait for them when nobody was asked);
3. the main window, acting as the signed-in user, with the Account and Administration menus and
   the idle lock; the first start then asks for the clinic's details;
4. once the services are in, the first start of each day writes a backup in a worker thread,
   search terms stored by an older release are computed again (docs/search.md), and a
   patient form that a crash left with unsaved changes is offered again.
"""

from __future__ import annotations

import contextlib
import gc
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

# The first screen (the window, the patient list's first page) needs SQLAlchemy Core and the
# modules below, and none of the ORM: the ORM, the models and the services that use them are
# imported in a thread once the first page is shown, or while the sign-in dialog waits for a
# password (clinic_app.ui.service_loader, docs/startup.md).
#
# The layers under the window come first, Qt after them: once PySide6 is imported, its import
# hook reads the source of every module imported later, looking for "PySide6" (its
# __feature__ switching, shibokensupport/feature.py). clinic_app.ui.qt_import, imported before
# any other Qt module, spares that read; the order is kept as well (it is what the libraries
# are quickest in). tests/ui/test_start_imports.py keeps both.
import sqlalchemy  # noqa: F401  (Core, before PySide6)
from sqlalchemy.exc import SQLAlchemyError

from clinic_app.config import AppConfig
from clinic_app.db import (
    Database,
    DatabaseCorruptError,
    DatabaseUnavailableError,
    DatabaseUpgradeError,
)
from clinic_app.services import first_screen
from clinic_app.services.security.identity import Actor, SignedInUser
from clinic_app.services.settings import setting_specs

# isort: split
# Likewise the modules without Qt that the main window's modules import (some 20 ms less).
from clinic_app.domain import clock  # noqa: F401
from clinic_app.services import errors  # noqa: F401
from clinic_app.services.patients import patient_search  # noqa: F401
from clinic_app.ui.common import formatting  # noqa: F401

# isort: split
from clinic_app.ui import qt_import  # noqa: F401  (PySide6 first, its import hook made cheap)

# isort: split
from PySide6.QtCore import QCoreApplication, QEventLoop, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication

from clinic_app.ui.common.background import run_in_background
from clinic_app.ui.common.dialog_service import DialogService
from clinic_app.ui.common.first_page import after_first_page
from clinic_app.ui.common.font_warmup import load_fonts_in_background
from clinic_app.ui.common.i18n import QT_TRANSLATE_NOOP, install_window_language
from clinic_app.ui.common.malloc_settings import tune_malloc
from clinic_app.ui.common.pixmap_cache import limit_pixmap_cache
from clinic_app.ui.main_window import APP_TITLE, MainWindow
from clinic_app.ui.security.account_menus import SecurityControls
from clinic_app.ui.service_loader import ServiceLoader

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

PROBLEM_TITLES = {
    "DatabaseBusyError": QT_TRANSLATE_NOOP("app", "The database is busy"),
    "DatabaseFullError": QT_TRANSLATE_NOOP("app", "The disk is full"),
    "DatabaseReadOnlyError": QT_TRANSLATE_NOOP("app", "The database cannot be written"),
    "DatabaseCorruptError": QT_TRANSLATE_NOOP("app", "The database is damaged"),
    "DatabaseTooNewError": QT_TRANSLATE_NOOP("app", "The database is newer than this app"),
    "DatabaseVersionError": QT_TRANSLATE_NOOP("app", "The database's schema record is wrong"),
    "DatabaseUpgradeError": QT_TRANSLATE_NOOP("app", "The database could not be upgraded"),
}


CONTENT_PROBLEM_TITLE = QT_TRANSLATE_NOOP("app", "A content file cannot be read")


def _tr(text: str) -> str:
    return QCoreApplication.translate("app", text)


def problem_title(kind: str, default: str) -> str:
    """The title of a database problem of the error class named ``kind``, in the window's
    language."""
    return _tr(PROBLEM_TITLES.get(kind, default))


def _show_unexpected_error(
    kind: type[BaseException],
    value: BaseException,
    tb: TracebackType | None,
    data_dir: Path | None = None,
) -> None:
    # QMessageBox and QProgressDialog are imported where used: their Python types (and enums)
    # are built when first asked for, not on the first screen (docs/startup.md).
    from PySide6.QtWidgets import QMessageBox

    if isinstance(value, DatabaseUnavailableError):
        # A known database problem: its message already says what happened and what to do.
        QMessageBox.warning(
            None,
            problem_title(kind.__name__, QT_TRANSLATE_NOOP("app", "Database problem")),
            str(value),
        )
        return
    if isinstance(value, (RecursionError, ValueError)):
        from clinic_app.content import unreadable_content

        if message := unreadable_content(data_dir):  # what the loaders let through, named
            traceback.print_exception(kind, value, tb)
            QMessageBox.warning(None, _tr(CONTENT_PROBLEM_TITLE), message)
            return
    traceback.print_exception(kind, value, tb)
    # A database error's text holds the SQL and the values sent (patient details): the full
    # report goes to the log above, the screen names only the kind of problem.
    what = (
        QCoreApplication.translate("app", "The database refused the request")
        if isinstance(value, SQLAlchemyError)
        else str(value)
    )
    QMessageBox.critical(
        None,
        QCoreApplication.translate("app", "Something went wrong"),
        QCoreApplication.translate(
            "app",
            "{what} ({kind}).\n\nWhat was already saved is safe. If this happens "
            "again, note what you were doing and tell your administrator.",
        ).format(what=what, kind=kind.__name__),
    )


def run_with_progress(function: Callable[[], Any], text: str) -> Any:
    """Run ``function`` in a worker thread while a busy dialog keeps the screen responsive."""
    from PySide6.QtCore import Qt  # not on the first screen (docs/startup.md, "Qt's enums")
    from PySide6.QtWidgets import QProgressDialog

    progress = QProgressDialog(text, "", 0, 0)
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.ApplicationModal)
    progress.setMinimumDuration(0)
    progress.show()
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def finished(result: object) -> None:
        outcome["result"] = result
        loop.quit()

    def failed(exc: BaseException) -> None:
        outcome["error"] = exc
        loop.quit()

    run_in_background(function, finished, failed)
    loop.exec()
    progress.close()
    progress.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("result")


def _restore_latest(config: AppConfig, error: DatabaseCorruptError, dialogs: DialogService) -> bool:
    """Offer the latest backup for a damaged database (for a failed upgrade, the file its
    message names); True when it was restored."""
    from clinic_app.services import backup

    folder = backup.backup_dir(config.data_dir)
    title = problem_title(type(error).__name__, QT_TRANSLATE_NOOP("app", "The database is damaged"))
    if isinstance(error, DatabaseUpgradeError):
        latest = error.restore_from
        if latest is None:
            dialogs.error(None, title, str(error))
            return False
        which = QCoreApplication.translate("app", "Restore {name} now").format(name=latest.name)
    else:
        latest = backup.latest_backup(folder)
        which = QCoreApplication.translate("app", "Restore the latest backup, {name}").format(
            name=latest.name if latest else ""
        )
    if latest is None:
        dialogs.error(
            None,
            title,
            QCoreApplication.translate("app", "{error}\n\nThere is no backup in {folder}.").format(
                error=error, folder=folder
            ),
        )
        return False
    if not dialogs.confirm(
        None,
        title,
        QCoreApplication.translate(
            "app",
            "{error}\n\n{which}? Whatever was saved after it is lost; the current file "
            "is kept in {safety_folder}.",
        ).format(error=error, which=which, safety_folder=folder / backup.SAFETY_DIRNAME),
        yes=QCoreApplication.translate("app", "Restore the backup"),
    ):
        return False
    from clinic_app.services import backup_jobs

    # Before anyone has signed in: the account running the app acts (docs/security.md).
    try:
        run_with_progress(
            lambda: backup_jobs.restore(
                config.db_url, Actor.from_os(), latest, error.path, config.data_dir
            ),
            QCoreApplication.translate("app", "Restoring the latest backup…"),
        )
    except backup.BackupError as exc:
        dialogs.error(
            None, QCoreApplication.translate("app", "The backup could not be restored"), str(exc)
        )
        return False
    dialogs.info(
        None,
        QCoreApplication.translate("app", "Database restored"),
        QCoreApplication.translate("app", "Restored from {name}.").format(name=latest.name),
    )
    return True


def warn_about_unreadable_content(
    window: MainWindow, config: AppConfig, dialogs: DialogService
) -> None:
    """Once the services are in: say, in the window, which of the clinic's own content files
    cannot be read at all (checked in a worker thread), before anything needs them."""
    from clinic_app.content import unreadable_content

    def tell(message: object) -> None:
        if message:
            dialogs.error(window, _tr(CONTENT_PROBLEM_TITLE), str(message))

    run_in_background(lambda: unreadable_content(config.data_dir), tell, lambda _exc: None)


def open_database(config: AppConfig, dialogs: DialogService) -> Database | None:
    """The migrated database, or None after telling the person why it cannot be opened."""
    waiting: list[QMessageBox] = []

    def on_wait(message: str) -> None:
        from PySide6.QtWidgets import QMessageBox  # a locked database only

        if not waiting:
            box = QMessageBox(
                QMessageBox.Icon.Information,
                QCoreApplication.translate("main_window", APP_TITLE),
                message,
            )
            box.setStandardButtons(QMessageBox.StandardButton.NoButton)
            waiting.append(box)
            box.show()
        waiting[0].setText(message)
        QApplication.processEvents()

    try:
        for _attempt in range(2):
            try:
                return Database(config.db_url, on_wait=on_wait)
            except DatabaseCorruptError as exc:
                if _attempt or not _restore_latest(config, exc, dialogs):
                    return None
            except DatabaseUnavailableError as exc:
                name = type(exc).__name__
                dialogs.error(
                    None,
                    problem_title(name, QT_TRANSLATE_NOOP("app", "Cannot open the database")),
                    str(exc),
                )
                return None
        return None
    finally:
        for box in waiting:
            box.close()


def sign_in(database: Database, loader: ServiceLoader | None = None) -> SignedInUser | None:
    """The first start creates the administrator; later starts ask who is there (meanwhile
    ``loader`` loads the services)."""
    with database.reading() as reader:
        first_start = first_screen.user_count(reader) == 0
    if loader is not None:
        loader.start()  # while the person types
    keep_connections_ready(database)  # likewise
    if first_start:
        from clinic_app.ui.security.first_user_dialog import (
            FirstUserDialog,  # once in the app's life
        )

        return FirstUserDialog.ask(database)
    from clinic_app.ui.security.login_dialog import LoginDialog  # not the window's first screen

    return LoginDialog.ask(database)


@dataclass
class Started:
    """The running app: what :func:`run_gui` closes when the event loop ends."""

    database: Database
    user: SignedInUser
    window: MainWindow
    security: SecurityControls
    services: ServiceLoader

    def close(self) -> None:
        QThreadPool.globalInstance().waitForDone()  # a backup in progress finishes first
        # A database that became unusable cannot record the sign-out; the person was told.
        with contextlib.suppress(DatabaseUnavailableError):
            self.security.shutdown()
        self.database.close()


def start(
    config: AppConfig,
    dialogs: DialogService,
    authenticate: Callable[[Database], SignedInUser | None] | None = None,
) -> Started | int:
    """Open, sign in and show the main window; else the exit status (0 cancelled, 1 failed).

    ``authenticate`` replaces the sign-in dialogs (:func:`sign_in`); the start-up benchmark
    uses it to go through every other step of a real start.
    """
    share_the_interpreter_promptly()
    tune_malloc()  # before the first worker thread (clinic_app.ui.common.malloc_settings)
    limit_pixmap_cache()
    load_fonts_in_background()  # while the database is opened and the window built
    try:
        database = open_database(config, dialogs)
        if database is None:
            return 1
        loader = ServiceLoader()
        user = authenticate(database) if authenticate else sign_in(database, loader)
        if user is None:
            QThreadPool.globalInstance().waitForDone()  # the service loader, if it started
            database.close()
            return 0
        with database.reading() as reader:
            idle_minutes = first_screen.setting(reader, setting_specs.IDLE_LOCK_MINUTES)
        window = MainWindow(database, user.actor, dialogs, data_dir=config.data_dir)

        def prepare_patient_page() -> None:
            window.build_patient_page()  # not part of the first screen
            window.sessions.prepare()  # the session editor opens from ready data

        security = SecurityControls(window, database, user, config, dialogs, idle_minutes)
        window.show()
        if window.clinic_details_missing():
            QTimer.singleShot(0, lambda: window.edit_clinic_details(first_start=True))
        loader.start_after_first_page(window.model)
        if authenticate is not None:  # no sign-in dialog to open them behind
            after_first_page(window.model, lambda: keep_connections_ready(database), window)
        # The patient page, its modules loaded with the services, is built after the first
        # page; then the session editor's data is read ahead, in a worker.
        loader.when_loaded(lambda: after_first_page(window.model, prepare_patient_page))
        loader.when_loaded(security.start_daily_backup)  # it needs them, and can wait
        loader.when_loaded(window.bring_search_index_up_to_date)  # an older release's terms
        loader.when_loaded(window.followups.refresh)  # the "Follow-ups due" panel
        if not window.clinic_details_missing():  # (the first start asks for those first)
            loader.when_loaded(window.offer_form_left_open)  # a crash's unsaved patient form
        loader.when_loaded(lambda: warn_about_unreadable_content(window, config, dialogs))
        return Started(database, user, window, security, loader)
    finally:
        resume_garbage_collection()


# How long a worker thread running Python (a handout's layout, a search) may keep the
# interpreter when the UI thread asks for it. Python's default, 5 ms, is paid again at every
# call from Qt into Python while a worker runs (a paint calls many), which held the UI thread
# for 50-110 ms while a handout rendered; at 0.2 ms the longest wait measured was about 25 ms.
# A lone thread is never interrupted, so work with the UI idle runs as fast as before.
SWITCH_INTERVAL_S = 0.0002


# Connections kept ready in the pool of a PostgreSQL server: the UI thread, the first page or a
# search, and the count or a handout's worker at once.
IDLE_CONNECTIONS = 3


def keep_connections_ready(database: Database) -> None:
    """On a server, open IDLE_CONNECTIONS in a worker and leave them in the pool, so that the
    UI thread's short reads (a handout's check of the clinic's details, the title) find one
    while workers hold theirs instead of connecting (some 20-40 ms). Started behind the sign-in
    dialog, or once the first page is painted: three connections at once compete with the
    first screen (they made the start on PostgreSQL some 50 ms slower)."""
    run_in_background(
        lambda: database.open_idle_connections(IDLE_CONNECTIONS), lambda _n: None, _ignore
    )


def _ignore(_exc: BaseException) -> None:
    """A connection that cannot be opened now is opened, or explained, when it is needed."""


def share_the_interpreter_promptly() -> None:
    """Let the UI thread take the interpreter from a busy worker thread within 0.2 ms."""
    sys.setswitchinterval(SWITCH_INTERVAL_S)


def resume_garbage_collection() -> None:
    """Turn the cyclic garbage collector back on after the start (clinic_app.cli.main pauses it).

    What the start created (modules, classes, the window and its widgets) lives as long as the
    app: ``gc.freeze`` moves it out of the collector's sight, so that later collections do not
    walk it again. Nothing to do when the collector was not paused (tests, embedding).
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def run_gui(config: AppConfig) -> int:
    """Run the application until its window closes; returns the exit status."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_TITLE)
    app.setOrganizationName("clinic-app")
    install_window_language(config.data_dir)  # before the first text is shown
    started = start(config, DialogService())
    if isinstance(started, int):
        return started
    sys.excepthook = lambda kind, value, tb: _show_unexpected_error(
        kind, value, tb, config.data_dir
    )
    try:
        return app.exec()
    finally:
        started.close()
