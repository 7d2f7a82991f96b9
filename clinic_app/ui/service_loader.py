"""Load the ORM, the models and the services in a worker thread after the first screen.

The window's first screen reads with SQLAlchemy Core alone (clinic_app.services.first_screen,
clinic_app.services.patients.patient_search); the services behind its commands, and the ORM and
models under them, take some 0.4 s to import. They are imported in a worker thread, started while
the sign-in dialog waits for a password, or else once the patient list's first page is shown
(docs/startup.md). A command used before they are in waits for them through Python's import lock
instead of importing them twice; the UI thread stays responsive meanwhile."""

from __future__ import annotations

import gc
import importlib
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from clinic_app.ui.common import formatting
from clinic_app.ui.common.background import run_in_background
from clinic_app.ui.common.first_page import after_first_page
from clinic_app.ui.common.foreground import step_aside
from clinic_app.ui.common.page_modules import PAGE_MODULES, import_qt_bindings_then

if TYPE_CHECKING:
    from clinic_app.ui.patients.table_model import PatientTableModel

# The services behind the window's commands, and under them the ORM and the models.
SERVICES_LOADED_LATER = (
    "clinic_app.services.patients.patients",
    "clinic_app.services.patients.patient_overview",
    "clinic_app.services.settings.clinic",
    "clinic_app.services.security.auth",
    "clinic_app.services.security.users",
    "clinic_app.services.settings.app_settings",
    "clinic_app.services.backup",
    # What the window's own callbacks import once these are in (clinic_app.ui.app.start:
    # the daily backup, the search terms of an older release, a patient form left open):
    # imported here, they are not imported on the UI thread, where the first of them (the
    # search terms, with SQLAlchemy's PostgreSQL dialect until it was imported only on that
    # database) held it some 100 ms, a handout clicked at once after sign-in waiting behind it.
    "clinic_app.services.backup_jobs",
    "clinic_app.services.patients.search_index",
    "clinic_app.ui.patients.dialog",
)


def import_services() -> None:
    """Import SERVICES_LOADED_LATER and the patient page's PAGE_MODULES, set up SQLAlchemy's mappers
    (which the first ORM query would otherwise do) and load Babel with the window language's
    dates when it is one clinic_app.dates_format does not write without Babel."""
    for name in SERVICES_LOADED_LATER + PAGE_MODULES:
        step_aside()  # a handout or a wait a person started goes first (ui.common.foreground)
        importlib.import_module(name)
    from sqlalchemy.orm import configure_mappers

    configure_mappers()
    formatting.load_window_language()


class ServiceLoader(QObject):
    """Runs :func:`import_services` once, in the global thread pool; ``loaded`` when done."""

    loaded = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.started = False
        self.done = False

    def start(self) -> None:
        """Begin loading (again: nothing)."""
        if self.started:
            return
        self.started = True
        # Qt's modules and types first, on the UI thread in short steps, then the worker
        # (clinic_app.ui.common.page_modules: made by a worker, they crashed the app).
        import_qt_bindings_then(self._load, self)

    def _load(self) -> None:
        run_in_background(import_services, self._finished, self._failed)

    def start_after_first_page(self, model: PatientTableModel) -> None:
        """Begin once ``model`` has its first page, and its rows had
        FIRST_PAINT_MS (clinic_app.ui.common.first_page) to be painted: loading earlier would
        compete with the first screen."""
        after_first_page(model, self.start)

    def when_loaded(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` on the UI thread once the services are in (at once if they are)."""
        if self.done:
            callback()
        else:
            self.loaded.connect(callback)

    def _finished(self, _result: object) -> None:
        # What was loaded lives as long as the app, like what the start created: out of the
        # garbage collector's sight (clinic_app.ui.app.resume_garbage_collection).
        gc.freeze()
        self.done = True
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        # Whatever needs a service imports it again and reports the error where it is used.
        traceback.print_exception(exc)
        self._finished(None)
