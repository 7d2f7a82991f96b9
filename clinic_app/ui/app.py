"""Start the window: open and migrate the database, ask for the clinic's details once."""

from __future__ import annotations

import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from clinic_app.config import AppConfig
from clinic_app.db import Database, DatabaseUnavailableError
from clinic_app.services.audit import Actor
from clinic_app.ui.main_window import APP_TITLE, MainWindow


def _show_unexpected_error(
    kind: type[BaseException], value: BaseException, tb: TracebackType | None
) -> None:
    traceback.print_exception(kind, value, tb)
    QMessageBox.critical(
        None,
        "Something went wrong",
        f"{value}\n\nWhat was already saved is safe. If this happens again, "
        "note what you were doing and tell your administrator.",
    )


def run_gui(config: AppConfig) -> int:
    """Run the application until its window closes; returns the exit status."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_TITLE)
    app.setOrganizationName("clinic-app")
    try:
        database = Database(config.db_url)
    except DatabaseUnavailableError as exc:
        QMessageBox.critical(None, "Cannot open the database", str(exc))
        return 1
    sys.excepthook = _show_unexpected_error
    window = MainWindow(database, Actor.from_os())
    window.show()
    if window.clinic_details_missing():
        QTimer.singleShot(0, lambda: window.edit_clinic_details(first_start=True))
    try:
        return app.exec()
    finally:
        database.close()
