"""Follow-ups in the window: the "Follow-ups due" panel (a dock of the main window) and the
patient page's "Export calendar…".

The main window owns one (``window.followups = FollowUpsController.attach(window)``). The list
is read in a worker thread (:func:`refresh`: at start once the services are in, when the list
page is shown again, every few minutes); a contact is recorded in a worker while the note
dialog waits (``ui/common/worker_wait``); the calendar file is written in a worker. The
services are imported inside the methods: this module is loaded with the main window, before
the ORM (docs/startup.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import shiboken6
from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from clinic_app.ui.common.background import run_in_background
from clinic_app.ui.common.page_commands import PatientCommands
from clinic_app.ui.common.worker_wait import wait_in_worker
from clinic_app.ui.followups.panel import FollowUpsPanel

if TYPE_CHECKING:
    from clinic_app.db import Database
    from clinic_app.domain.followups.followup_schedule import FollowUpSchedule
    from clinic_app.domain.reasons import ReasonPolicy
    from clinic_app.services.followups.followups import FollowUpItem
    from clinic_app.services.security.identity import Actor
    from clinic_app.ui.common.dialog_service import DialogService
    from clinic_app.ui.followups.note_dialog import FollowUpNoteDialog

REFRESH_EVERY_MS = 5 * 60 * 1000  # the day changes, colleagues close contacts
FOCUS_SHORTCUT = "Ctrl+Shift+D"  # "due": listed in resources/help/shortcuts.toml


class HostWindow(Protocol):
    """What the controller needs from the main window."""

    database: Database
    actor: Actor
    dialogs: DialogService
    data_dir: Path | None

    @property
    def patient_page(self) -> PatientCommands: ...

    def current_patient_id(self) -> int | None: ...

    def open_patient(self, patient_id: int) -> None: ...


class FollowUpsController(QObject):
    """Loads the due follow-ups into the panel, closes them, exports a patient's calendar."""

    loaded = Signal(int)  # how many are shown
    saved = Signal(int)  # the id of the follow-up closed
    exported = Signal(str)  # the file written

    def __init__(
        self,
        database: Database,
        actor: Actor,
        dialogs: DialogService,
        window: QWidget,
        *,
        data_dir: Path | None = None,
        current_patient: Callable[[], int | None] = lambda: None,
    ) -> None:
        super().__init__(window)
        self.database = database
        self.actor = actor
        self.dialogs = dialogs
        self.window = window
        self.data_dir = data_dir
        self.current_patient = current_patient
        self.today: Callable[[], dt.date] = dt.date.today
        self.panel = FollowUpsPanel()
        self.schedule: FollowUpSchedule | None = None
        self.policy: ReasonPolicy | None = None
        self.note_dialog: FollowUpNoteDialog | None = None
        self.dock: QDockWidget | None = None
        self.panel.done_requested.connect(self.ask_done)
        self.panel.refresh_requested.connect(self.refresh)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_EVERY_MS)
        self.timer.timeout.connect(self.refresh)
        self._loading = False

    @classmethod
    def attach(cls, window: HostWindow) -> FollowUpsController:
        """A controller for ``window``: the panel docked where the window's restored state had
        it (``restoreState`` was called before; without a saved state, at its right), and once
        the window builds its patient page, "Export calendar…" on it (:meth:`add_page_command`).
        Nothing is read until :meth:`refresh`. (Docking by the saved state names no Qt enum:
        the first screen does not build Qt's namespace, clinic_app.ui.common.header_titles.)"""
        assert isinstance(window, QMainWindow)
        controller = cls(
            window.database,
            window.actor,
            window.dialogs,
            window,
            data_dir=window.data_dir,
            current_patient=window.current_patient_id,
        )
        dock = QDockWidget(
            QCoreApplication.translate("FollowUpsController", "Follow-ups due"), window
        )
        dock.setObjectName("followups_dock")
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        dock.setWidget(controller.panel)
        if not window.restoreDockWidget(dock):  # where the window's saved state has it, if any
            window.addDockWidget(QtCore.Qt.DockWidgetArea.RightDockWidgetArea, dock)
        controller.dock = dock
        controller.panel.open_patient_requested.connect(window.open_patient)
        focus = QShortcut(QKeySequence(FOCUS_SHORTCUT), window)
        focus.activated.connect(controller.focus_panel)
        return controller

    def add_page_command(self, page: PatientCommands) -> None:
        """ "Export calendar…" on the patient page (built after the window's first screen)."""
        page.add_command(
            QCoreApplication.translate("FollowUpsController", "E&xport calendar…"),
            QCoreApplication.translate(
                "FollowUpsController",
                "Save this patient's open follow-ups as a calendar file (.ics)",
            ),
            lambda: self.export_calendar(),
        )

    def focus_panel(self) -> None:
        """Show the panel if it was closed, and put the cursor in its list."""
        if self.dock is not None:
            self.dock.show()
            self.dock.raise_()
        self.panel.focus_list()

    # loading -----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read today's and overdue follow-ups in a worker; the panel shows them by signal."""
        if self._loading:
            return
        self._loading = True
        self.timer.start()
        database, data_dir, day = self.database, self.data_dir, self.today()
        self.panel.show_loading()

        def work() -> tuple[FollowUpSchedule, ReasonPolicy, list[FollowUpItem]]:
            from clinic_app.domain.followups.followup_schedule import load_schedule
            from clinic_app.domain.reasons import load_policy
            from clinic_app.services.followups import followups

            schedule = load_schedule(data_dir)
            policy = load_policy(data_dir)
            with database.session() as session:
                return schedule, policy, followups.due(session, day, schedule)

        def done(result: tuple[FollowUpSchedule, ReasonPolicy, list[FollowUpItem]]) -> None:
            self._loading = False
            if not shiboken6.isValid(self.panel):
                return  # the window closed while the list was read
            self.schedule, self.policy, items = result
            self.panel.show_items(items, day)
            self.loaded.emit(len(items))

        def failed(exc: BaseException) -> None:
            self._loading = False
            if not shiboken6.isValid(self.panel):
                return
            self.panel.show_failure(str(exc))
            self.loaded.emit(0)

        run_in_background(work, done, failed)

    def refresh_if_started(self) -> None:
        """Read the list again, once the first :meth:`refresh` has run (the window calls it
        when a page is shown: a session signed meanwhile planned new contacts)."""
        if self.timer.isActive():
            self.refresh()

    # closing -----------------------------------------------------------------------------
    def ask_done(self, item: FollowUpItem) -> FollowUpNoteDialog:
        """The note dialog for ``item`` (window-modal); saved: the list is read again."""
        from clinic_app.ui.followups.note_dialog import FollowUpNoteDialog

        dialog = FollowUpNoteDialog(
            item, lambda note, outcome: self.save(item, note, outcome), self.window
        )
        dialog.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
        self.note_dialog = dialog
        dialog.finished.connect(self._note_dialog_closed)
        dialog.open()
        return dialog

    def save(self, item: FollowUpItem, note: str, outcome: str) -> Mapping[str, str]:
        """Record the contact in a worker while the window repaints (the dialog takes no input
        meanwhile): {} when saved, else the messages by field (nothing saved)."""
        from clinic_app.services.errors import NotFoundError, ValidationError
        from clinic_app.services.followups import followups

        schedule, policy = self.schedule, self.policy
        assert schedule is not None and policy is not None  # loaded with the list
        database, actor = self.database, self.actor

        def work() -> None:
            with database.session() as session:
                followups.mark_done(
                    session,
                    actor,
                    item.id,
                    note=note,
                    outcome=outcome,
                    schedule=schedule,
                    policy=policy,
                )

        try:
            wait_in_worker(self.note_dialog or self.window, work)
        except ValidationError as exc:
            return dict(exc.errors)
        except NotFoundError as exc:
            return {"outcome": str(exc)}
        self.saved.emit(item.id)
        self.refresh()
        return {}

    def _note_dialog_closed(self) -> None:
        if self.note_dialog is not None:
            self.note_dialog.deleteLater()
            self.note_dialog = None

    # the calendar file -------------------------------------------------------------------
    def ask_path(self, suggested: str) -> str:
        """Where to save the calendar file ('' when cancelled); tests replace it."""
        from PySide6.QtWidgets import QFileDialog  # its Python type when first asked for

        path, _filter = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Export calendar"),
            suggested,
            self.tr("Calendar files (*.ics)"),
        )
        return path

    def export_calendar(self, patient_id: int | None = None) -> None:
        """Ask where, then write the patient's open follow-ups as .ics in a worker."""
        patient = patient_id if patient_id is not None else self.current_patient()
        if patient is None:
            return
        path = self.ask_path(str(Path.home() / f"followups-{patient}.ics"))
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".ics":
            target = target.with_name(target.name + ".ics")
        database, actor, data_dir = self.database, self.actor, self.data_dir

        def work() -> tuple[int, str]:
            from clinic_app.domain.followups.followup_schedule import load_schedule
            from clinic_app.services.followups import calendar_export

            schedule = load_schedule(data_dir)
            with database.session() as session:
                _words, use = calendar_export.patient_words(session, patient, schedule, data_dir)
                count = calendar_export.export_patient_calendar(
                    session, actor, patient, schedule, target, data_dir=data_dir
                )
            return count, use.notice("calendar file")

        def done(result: Any) -> None:
            count, notice = result
            self.exported.emit(str(target))
            status = getattr(self.window, "statusBar", None)
            if callable(status):
                status().showMessage(
                    self.tr("%n follow-up(s) saved to ", "", int(count)) + str(target), 6000
                )
            if notice:  # the practitioner is told, as the command line warns
                self.dialogs.info(self.window, self.tr("Calendar file in English"), notice)

        def failed(exc: BaseException) -> None:
            self.dialogs.error(self.window, self.tr("The calendar was not saved"), str(exc))

        run_in_background(work, done, failed)
