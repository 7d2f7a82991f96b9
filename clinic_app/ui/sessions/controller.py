"""Treatment sessions on the patient page: "Record session…" and "Session history…".

The main window creates one controller; it adds the two commands to the patient page and opens
the editor and the history window-modal, without blocking the event loop. With a data folder the
editor keeps a form draft on disk and, opened again after a crash, offers it back.

The controller exists from start-up. The device profiles and rules, the session service and
the editor's code are loaded once the services are in (:meth:`SessionController.prepare`, in a
worker), or else by the first "Record session…" in its worker; the history (QtCharts) is
imported when first used.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QPushButton, QWidget

from clinic_app.domain.clock import utc_now
from clinic_app.services.errors import NotFoundError
from clinic_app.ui.common.background import run_in_background
from clinic_app.ui.common.formatting import format_instant
from clinic_app.ui.common.page_modules import import_qt_bindings
from clinic_app.ui.common.window_state import remember_size
from clinic_app.ui.common.worker_wait import responsive_steps, wait_in_worker

if TYPE_CHECKING:
    from clinic_app.db import Database
    from clinic_app.reports.render_process import RenderProcess
    from clinic_app.services.security.identity import Actor
    from clinic_app.services.sessions import treatment_sessions
    from clinic_app.services.sessions.session_resources import SessionResources
    from clinic_app.ui.common.dialog_service import DialogService
    from clinic_app.ui.patients.page import PatientPage
    from clinic_app.ui.sessions.editor import SessionEditor
    from clinic_app.ui.sessions.history import SessionHistoryDialog


# What opening the editor runs, imported ahead by SessionController.prepare.
EDITOR_MODULES = (
    "clinic_app.services.sessions.treatment_sessions",
    "clinic_app.ui.sessions.editor",
)


class SessionHost(Protocol):
    """What the controller needs from the main window."""

    database: Database
    actor: Actor
    dialogs: DialogService

    @property
    def patient_page(self) -> PatientPage: ...  # built after the first screen

    def current_patient_id(self) -> int | None: ...


class SessionController(QObject):
    """Opens the session editor and history for the patient shown."""

    def __init__(
        self,
        host: SessionHost,
        *,
        data_dir: Path | None = None,
        clock: Callable[[], dt.datetime] = utc_now,
        tz: dt.tzinfo | None = None,
        renderer: RenderProcess | None = None,
    ) -> None:
        """``renderer``: the window's render process, for the editor's printed consent."""
        super().__init__(host if isinstance(host, QObject) else None)
        self.host = host
        self.renderer = renderer
        self._data_dir = data_dir
        self._resources: SessionResources | None = None
        self._resources_lock = threading.Lock()  # loaded by a worker, used by the UI thread
        self._opening = False  # an editor is being read and built: a second click waits
        self._clock = clock
        self._tz = tz
        self.editor: SessionEditor | None = None
        self.history: SessionHistoryDialog | None = None
        page = host.patient_page
        page.session_activated.connect(self.open_session)
        self.record_button: QPushButton = page.add_command(
            self.tr("Record &session…"),
            self.tr("Record the laser settings of a treatment session for this patient"),
            self.record_session,
            shortcut="Ctrl+Shift+S",
        )
        self.test_spot_button: QPushButton = page.add_command(
            self.tr("&Test spot…"),
            self.tr("Record a test spot and, on its check day, how it healed"),
            self.show_test_spots,
        )
        self.history_button: QPushButton = page.add_command(
            self.tr("Session histor&y…"),
            self.tr("The patient's sessions, a chart of the settings across sessions, CSV export"),
            self.show_history,
            shortcut="Ctrl+Shift+H",
        )

    @property
    def resources(self) -> SessionResources:
        """The device profiles, rules and wording (loaded now if no worker loaded them)."""
        return self._load_resources()

    def _load_resources(self) -> SessionResources:
        """Load the resources once, from whichever thread asks first (the others wait)."""
        with self._resources_lock:
            if self._resources is None:
                from clinic_app.services.sessions.session_resources import load_resources

                self._resources = load_resources(self._data_dir)
            return self._resources

    def _prepare_now(self) -> SessionResources:
        """In a worker: the resources, and the code the editor runs, so that opening it only
        builds its widgets."""
        resources = self._load_resources()
        for module in EDITOR_MODULES:
            importlib.import_module(module)
        return resources

    def prepare(self) -> None:
        """Load ahead, in a worker, what the first "Record session…" needs. A failure is not
        reported here: the command meets it again and says what is wrong."""
        import_qt_bindings()  # the face chart's QtSvg, on the UI thread (ui.common.page_modules)
        run_in_background(self._prepare_now, lambda _resources: None, lambda _exc: None)

    def _parent(self) -> QWidget | None:
        host = self.host
        return host if isinstance(host, QWidget) else None

    def record_session(self) -> None:
        """Open the editor for a new session (or the unsigned draft, if the person wants)."""
        patient_id = self.host.current_patient_id()
        if patient_id is None or self._busy():
            return
        database, now, tz = self.host.database, self._clock(), self._tz

        def read() -> tuple[
            treatment_sessions.SessionContext, treatment_sessions.SessionRecord | None
        ]:
            resources = self._prepare_now()  # at once when prepare() has run
            from clinic_app.services.sessions import treatment_sessions

            with database.session() as session:
                ctx = treatment_sessions.context(session, patient_id, resources, now=now, tz=tz)
                draft_id = ctx.open_draft_id
                if draft_id is None:
                    return ctx, None
                return ctx, treatment_sessions.get(session, draft_id, resources)

        try:
            self._opening = True
            import_qt_bindings()  # before the worker imports the editor's code
            ctx, draft = wait_in_worker(self.host.patient_page, read)  # the window repaints
        except NotFoundError as exc:
            self.host.dialogs.error(self._parent(), self.tr("Patient not found"), str(exc))
            return
        finally:
            self._opening = False
        if draft is not None and self.host.dialogs.confirm(
            self._parent(),
            self.tr("Unsigned session"),
            self.tr(
                "A session of {performed_at} was saved but not signed. Continue it? "
                "(Cancel starts a new session; the draft stays.)"
            ).format(performed_at=format_instant(draft.data.performed_at)),
            yes=self.tr("Continue the draft"),
        ):
            self.open_editor(ctx, draft)
            return
        if ctx.gate_problems:
            if not self._pass_gate(patient_id, [p.message for p in ctx.gate_problems]):
                return
        elif ctx.warnings and not self.host.dialogs.confirm(
            self._parent(),
            self.tr("Check before treating"),
            "\n\n".join(ctx.warnings)
            + self.tr("\n\nRecord a session anyway? The warning stays on the session editor."),
            yes=self.tr("Record anyway"),
        ):
            return
        self.open_editor(ctx, None)

    def _pass_gate(self, patient_id: int, problems: list[str]) -> bool:
        """Whether the practitioner went on past the closed gates, with a recorded reason."""
        from clinic_app.domain.clinical_picture import Purpose
        from clinic_app.services.clinical import gates
        from clinic_app.services.errors import ValidationError
        from clinic_app.ui.common.gate_dialog import GateDialog

        def submit(reason: str) -> str | None:
            try:
                with self.host.database.session() as session:
                    gates.record_override(
                        session,
                        self.host.actor,
                        patient_id,
                        Purpose.SESSION,
                        reason,
                        self.resources.rules,
                        data_dir=self._data_dir,
                    )
            except ValidationError as exc:
                return "; ".join(exc.errors.values())
            return None

        return GateDialog.ask(
            self._parent(), self.tr("Not cleared for a treatment session"), problems, submit
        )

    def show_test_spots(self) -> None:
        """The patient's test spots: record one, or how one healed."""
        from clinic_app.ui.sessions.test_spot_dialog import TestSpotDialog

        patient_id = self.host.current_patient_id()
        if patient_id is None or self._busy():
            return
        devices = {pid: profile.title for pid, profile in self.resources.profiles.items()}
        dialog = TestSpotDialog(
            self.host.database, self.host.actor, patient_id, devices, self._parent()
        )
        self.test_spot_dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def open_session(self, session_id: int) -> None:
        """Open a stored session (read-only once signed)."""
        from clinic_app.services.sessions import treatment_sessions

        if self._busy():
            return
        database, now, tz = self.host.database, self._clock(), self._tz

        def read() -> tuple[
            treatment_sessions.SessionRecord,
            treatment_sessions.SessionContext,
            treatment_sessions.SessionRecord | None,
        ]:
            resources = self._prepare_now()
            with database.session() as session:
                record = treatment_sessions.get(session, session_id, resources)
                ctx = treatment_sessions.context(
                    session, record.patient_id, resources, now=now, tz=tz
                )
                previous = treatment_sessions.previous_session(
                    session,
                    record.patient_id,
                    before=record.data.performed_at,
                    exclude_id=record.id,
                    resources=resources,
                )
            return record, ctx, previous

        self._opening = True
        try:
            import_qt_bindings()  # before the worker imports the editor's code
            record, ctx, previous = wait_in_worker(self.host.patient_page, read)
        finally:
            self._opening = False
        ctx = dataclasses.replace(
            ctx, previous=previous, warnings=() if record.locked else ctx.warnings
        )
        self.open_editor(ctx, record)

    def open_editor(
        self,
        ctx: treatment_sessions.SessionContext,
        record: treatment_sessions.SessionRecord | None,
    ) -> SessionEditor:
        from clinic_app.ui.sessions.editor import SessionEditor

        parent = self.history if self.history is not None else self._parent()
        # Built in steps (the event loop runs between them), the window taking no input meanwhile.
        self._opening = True
        try:
            with responsive_steps(parent or self.host.patient_page) as pause:
                editor = SessionEditor(
                    self.host.database,
                    self.host.actor,
                    self.host.dialogs,
                    self.resources,
                    ctx,
                    record,
                    parent,
                    clock=self._clock,
                    tz=self._tz,
                    data_dir=self._data_dir,
                    pause=pause,
                    renderer=self.renderer,
                )
        finally:
            self._opening = False
        self.editor = editor
        remember_size(editor, self._data_dir, "session_editor")  # as last closed, on screen
        editor.saved.connect(self._saved)
        editor.finished.connect(self._editor_closed)
        editor.offer_form_draft(parent)  # what was typed before a crash, if anything
        editor.open()
        editor.activateWindow()
        return editor

    def _busy(self) -> bool:
        return self._opening or (self.editor is not None and self.editor.isVisible())

    def _saved(self, patient_id: int) -> None:
        """Show the new session on the patient page (a refresh, not a new opening)."""
        if self.host.current_patient_id() == patient_id:
            from clinic_app.services.patients import patient_overview

            database, data_dir = self.host.database, self._data_dir

            def load() -> patient_overview.PatientOverview:
                with database.session() as session:
                    return patient_overview.load(session, patient_id, data_dir=data_dir)

            page = self.host.patient_page
            page.show_overview(wait_in_worker(page, load))
        if self.history is not None:
            self.history.reload()

    def _editor_closed(self) -> None:
        if self.editor is not None:
            self.editor.deleteLater()
            self.editor = None

    def show_history(self) -> None:
        """Open the patient's session history."""
        from clinic_app.ui.sessions.history import SessionHistoryDialog

        patient_id = self.host.current_patient_id()
        if patient_id is None:
            return
        dialog = SessionHistoryDialog(
            self.host.database,
            self.resources,
            patient_id,
            self._parent(),
            tz=self._tz,
            actor=self.host.actor,
        )
        self.history = dialog
        remember_size(dialog, self._data_dir, "session_history")
        dialog.open_requested.connect(self.open_session)
        dialog.finished.connect(self._history_closed)
        dialog.open()
        dialog.activateWindow()

    def _history_closed(self) -> None:
        if self.history is not None:
            self.history.deleteLater()
            self.history = None
