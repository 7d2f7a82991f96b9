"""Handouts in the window: ask what is missing, make the PDF in a worker, preview, reprint.

How other features use it (the main window owns one, ``window.handouts``)::

    window.handouts.open_pre_care(patient_id, treatment_date)          # from a plan
    window.handouts.open_post_care_for_session(session_id)             # from a session
    window.handouts.open_post_care(patient_id, treatment_date, intensity="deep")
    window.handouts.ask_pre_care(patient_id)   # asks the date first (what the patient page does)

Each call opens a preview window at once, in a busy state, while a RenderTask reads, renders and
records the handout in a worker thread with its own database sessions; the preview then shows
the recorded bytes (signal ``handout_ready``). Whether the clinic is set up and the list of
recorded documents are single small queries on the UI thread (the first with SQLAlchemy Core);
the date dialog's defaults and the closed gates, which read the care content and the screening
rules (some 0.1 s), are read in a worker while the window repaints (``wait_in_worker``).
Without the clinic's details no handout is made: the person is told
why and offered Settings › Clinic details.

The controller asks and opens; one handout being made is a
:class:`~clinic_app.ui.handouts.render_job.RenderJob`, the Documents dialog and reprints are
:class:`~clinic_app.ui.handouts.recorded_documents.RecordedDocuments`, and what the window says
is in :mod:`~clinic_app.ui.handouts.handout_messages`.

The main window creates the controller at start-up, so this module imports only what the
commands need to exist. The dialogs and the preview (QtPdf, QtPrintSupport) are loaded by
:meth:`HandoutController.warm_up` in the render thread a moment after the window is up (loaded
on the first click instead, they held the UI thread for about 150 ms), and the warm-up starts
the render process: the pages are laid out by a child process of the controller's
(:class:`~clinic_app.reports.render_process.RenderProcess`: ReportLab, its fonts and their
memory never enter the window's process), which ends with the controller or the app.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from clinic_app.domain.care.care_kinds import POST_CARE, PRE_CARE
from clinic_app.services.errors import NotFoundError
from clinic_app.ui.common.page_commands import PatientCommands
from clinic_app.ui.common.page_modules import import_qt_bindings
from clinic_app.ui.common.worker_wait import wait_in_worker
from clinic_app.ui.handouts.handout_messages import CLINIC_MISSING, kind_label
from clinic_app.ui.handouts.recorded_documents import RecordedDocuments
from clinic_app.ui.handouts.render_job import RenderJob

if TYPE_CHECKING:
    from clinic_app.db import Database
    from clinic_app.reports.render_process import RenderProcess
    from clinic_app.services.handouts.handout_request import HandoutRequest
    from clinic_app.services.handouts.handout_requests import HandoutDefaults
    from clinic_app.services.security.identity import Actor
    from clinic_app.ui.common.dialog_service import DialogService
    from clinic_app.ui.handouts.documents_dialog import HandoutDocumentsDialog
    from clinic_app.ui.handouts.preview import HandoutPreview, PreviewDialogs
    from clinic_app.ui.handouts.request_dialog import HandoutRequestDialog

WARM_UP_DELAY_MS = 1500  # after start-up: the window is on screen and the first page shown
# What the first handout needs in the window, loaded ahead of it (the rest is the child's).
WARM_UP_MODULES = (
    "clinic_app.ui.handouts.preview",
    "clinic_app.ui.handouts.request_dialog",
    "clinic_app.ui.handouts.worker",
)


def _load_handout_modules(renderer: RenderProcess) -> None:
    import importlib

    from clinic_app.reports.render_process import RenderProcessError

    with contextlib.suppress(RenderProcessError):  # the first handout then says so
        renderer.start()  # first: the child loads ReportLab and the fonts meanwhile
    for name in WARM_UP_MODULES:
        importlib.import_module(name)
    # What was just loaded lives as long as the app: out of the cyclic collector's sight, a
    # full collection (which holds every thread, the UI's too) stays short.
    gc.freeze()


class HostWindow(Protocol):
    """What the controller needs from the main window."""

    database: Database
    actor: Actor
    dialogs: DialogService

    @property
    def patient_page(self) -> PatientCommands: ...

    def current_patient_id(self) -> int | None: ...

    def edit_clinic_details(self, first_start: bool = False) -> None: ...


class HandoutController(QObject):
    """Makes, previews, prints and reprints handouts for the window it belongs to."""

    preview_opened = Signal(object)  # HandoutPreview, still busy
    handout_ready = Signal(object)  # HandoutResult, now shown in its preview
    handout_failed = Signal(str)  # the message shown

    def __init__(
        self,
        database: Database,
        actor: Actor,
        dialogs: DialogService,
        window: QWidget,
        *,
        current_patient: Callable[[], int | None] = lambda: None,
        open_clinic_settings: Callable[[], object] | None = None,
        data_dir: Path | None = None,
    ) -> None:
        super().__init__(window)
        self.database = database
        self.actor = actor
        self.dialogs = dialogs
        self.window = window
        self.current_patient = current_patient
        self.open_clinic_settings = open_clinic_settings
        self.data_dir = data_dir  # the clinic's overrides of the care texts, when known
        self.today: Callable[[], dt.date] = dt.date.today
        self._file_dialogs: PreviewDialogs | None = None
        self.render_pool = QThreadPool(self)
        self.render_pool.setMaxThreadCount(1)  # ReportLab lays out one document at a time
        self.print_pool = QThreadPool(self)
        self.print_pool.setMaxThreadCount(1)
        self.request_dialog: HandoutRequestDialog | None = None
        self.documents = RecordedDocuments(self)  # the Documents dialog, reprints
        self._renderer: RenderProcess | None = None

    @property
    def renderer(self) -> RenderProcess:
        """The process that lays out this controller's handouts (started at first use; ends
        when the controller is deleted or the app quits, or with this process)."""
        if self._renderer is None:
            from clinic_app.reports.render_process import RenderProcess

            renderer = self._renderer = RenderProcess()
            self.destroyed.connect(renderer.close)
            app = QCoreApplication.instance()
            if app is not None:
                app.aboutToQuit.connect(renderer.close)
        return self._renderer

    @property
    def file_dialogs(self) -> PreviewDialogs:
        """The save and print dialogs the previews use (tests replace them)."""
        if self._file_dialogs is None:
            from clinic_app.ui.handouts.preview import PreviewDialogs

            self._file_dialogs = PreviewDialogs()
        return self._file_dialogs

    @file_dialogs.setter
    def file_dialogs(self, dialogs: PreviewDialogs) -> None:
        self._file_dialogs = dialogs

    @property
    def documents_dialog(self) -> HandoutDocumentsDialog | None:
        """The Documents dialog while it is open."""
        return self.documents.dialog

    @classmethod
    def attach(cls, window: HostWindow) -> HandoutController:
        """A controller for ``window``, with its commands on the patient page."""
        assert isinstance(window, QWidget)
        controller = cls(
            window.database,
            window.actor,
            window.dialogs,
            window,
            current_patient=window.current_patient_id,
            open_clinic_settings=window.edit_clinic_details,
        )
        QTimer.singleShot(WARM_UP_DELAY_MS, controller, controller.warm_up)
        page = window.patient_page
        page.add_command(
            QCoreApplication.translate("HandoutController", "&Pre-care handout…"),
            QCoreApplication.translate(
                "HandoutController",
                "Preview and print what this patient does before the treatment, with real dates",
            ),
            lambda: controller.ask_pre_care(),
        )
        page.add_command(
            QCoreApplication.translate("HandoutController", "P&ost-care handout…"),
            QCoreApplication.translate(
                "HandoutController", "Preview and print this patient's day-by-day recovery calendar"
            ),
            lambda: controller.ask_post_care(),
        )
        page.add_command(
            QCoreApplication.translate("HandoutController", "&Documents…"),
            QCoreApplication.translate(
                "HandoutController",
                "The handouts made for this patient: open them or print them again identically",
            ),
            lambda: controller.show_documents(),
        )
        return controller

    def warm_up(self) -> None:
        """Load what the first handout needs in the render thread and start the render
        process (the UI thread never imports the preview or waits for the child while a person
        waits); a handout asked for meanwhile simply renders after it."""
        import_qt_bindings()  # the preview's QtPdf, here on the UI thread (ui.common.page_modules)
        renderer = self.renderer
        self.render_pool.start(QRunnable.create(lambda: _load_handout_modules(renderer)))

    # asking ------------------------------------------------------------------------------
    def ask_pre_care(self, patient_id: int | None = None) -> HandoutRequestDialog | None:
        """Ask the treatment date and time, then open the pre-care preview."""
        return self._ask(PRE_CARE, patient_id)

    def ask_post_care(self, patient_id: int | None = None) -> HandoutRequestDialog | None:
        """Ask the treatment date and intensity, then open the post-care preview."""
        return self._ask(POST_CARE, patient_id)

    def _ask(self, kind: str, patient_id: int | None) -> HandoutRequestDialog | None:
        patient = patient_id if patient_id is not None else self.current_patient()
        if patient is None or not self.clinic_ready():
            return None
        today = self.today()
        data_dir = self.data_dir
        database = self.database

        def read() -> tuple[HandoutDefaults, tuple[str, ...]] | str:
            """In a worker: the dialog's defaults and the closed gates (the care content and
            the screening rules are read and parsed, some 0.1 s), or why there are none."""
            from clinic_app.domain.care.care_file import CareContentError
            from clinic_app.services.handouts import handout_requests

            try:
                with database.session() as session:
                    defaults = handout_requests.defaults_for(
                        session, patient, today=today, data_dir=data_dir
                    )
                    closed = handout_requests.gate_problems(session, patient, data_dir=data_dir)
            except (NotFoundError, CareContentError) as exc:
                return str(exc)
            return defaults, closed

        answer = wait_in_worker(self.window, read)  # the window repaints meanwhile
        if isinstance(answer, str):
            self.dialogs.error(self.window, self.tr("The handout could not be made"), answer)
            return None
        defaults, closed = answer
        from clinic_app.ui.handouts.request_dialog import HandoutRequestDialog

        if closed and not self._pass_gate(patient, closed):
            return None
        dialog = HandoutRequestDialog(kind, patient, defaults, today, self.window)
        dialog.requested.connect(self.open)
        dialog.finished.connect(self._request_dialog_closed)
        self.request_dialog = dialog
        dialog.open()
        return dialog

    def _pass_gate(self, patient_id: int, problems: tuple[str, ...]) -> bool:
        """Whether the practitioner went on past the closed gates, with a recorded reason."""
        from clinic_app.services.errors import ValidationError
        from clinic_app.services.handouts import handout_requests
        from clinic_app.ui.common.gate_dialog import GateDialog

        def submit(reason: str) -> str | None:
            try:
                with self.database.session() as session:
                    handout_requests.record_override(
                        session, self.actor, patient_id, reason, data_dir=self.data_dir
                    )
            except ValidationError as exc:
                return "; ".join(exc.errors.values())
            return None

        return GateDialog.ask(self.window, self.tr("Not cleared for a handout"), problems, submit)

    @Slot()
    def _request_dialog_closed(self) -> None:
        if self.request_dialog is not None:
            self.request_dialog.deleteLater()
            self.request_dialog = None

    # making ------------------------------------------------------------------------------
    def open_pre_care(
        self,
        patient_id: int,
        treatment_date: dt.date | None = None,
        *,
        treatment_time: dt.time | None = None,
    ) -> HandoutPreview | None:
        """Pre-care for a planned treatment (no date: the latest consultation's)."""
        from clinic_app.services.handouts.handout_request import HandoutRequest

        request = HandoutRequest.pre_care(patient_id, treatment_date, treatment_time)
        return self.open(request)

    def open_post_care(
        self,
        patient_id: int,
        treatment_date: dt.date,
        *,
        intensity: str | None = None,
        next_appointment: dt.datetime | dt.date | None = None,
    ) -> HandoutPreview | None:
        """Post-care for a treatment day (no intensity: the plan's, else the default)."""
        from clinic_app.services.handouts.handout_request import HandoutRequest

        request = HandoutRequest.post_care(
            patient_id, treatment_date, intensity, next_appointment=next_appointment
        )
        return self.open(request)

    def open_post_care_for_session(
        self, session_id: int, *, next_appointment: dt.datetime | dt.date | None = None
    ) -> HandoutPreview | None:
        """Post-care of a recorded treatment session: its date, intensity and areas."""
        from clinic_app.services.handouts.handout_request import HandoutRequest

        request = HandoutRequest.post_care_for_session(
            session_id, next_appointment=next_appointment
        )
        return self.open(request)

    @Slot(object)
    def open(self, request: HandoutRequest) -> HandoutPreview | None:
        """Open a busy preview now and make the handout in a worker; None if refused."""
        from clinic_app.ui.handouts.worker import RenderTask

        if not self.clinic_ready():
            return None
        label = kind_label(request.kind)
        preview = self.new_preview(label)
        preview.show_busy(self.tr("Preparing the {label}…").format(label=label.lower()))
        preview.show()
        task = RenderTask(
            self.database,
            self.actor,
            request,
            data_dir=self.data_dir,
            today=self.today(),
            renderer=self.renderer,
        )
        RenderJob(self, task, preview)
        self.preview_opened.emit(preview)
        self.render_pool.start(task)
        return preview

    def new_preview(self, title: str) -> HandoutPreview:
        """A preview window of this controller's window, not yet shown."""
        from clinic_app.ui.handouts.preview import HandoutPreview

        return HandoutPreview(title, self.dialogs, self.file_dialogs, self.print_pool, self.window)

    # the clinic's details ----------------------------------------------------------------
    def clinic_ready(self) -> bool:
        """True when handouts can be made; otherwise say why and offer the clinic's details.

        Read with SQLAlchemy Core (no ORM, no services), perhaps before the service loader has
        brought the services in, and in a worker while the window waits: a handout asked for at
        once after the start found no connection ready on PostgreSQL, and opening one (a TLS
        handshake and the password exchange) held the UI thread 30-100 ms."""
        from clinic_app.services import first_screen

        def read() -> bool:
            with self.database.reading() as reader:
                return first_screen.clinic_can_print(reader)

        ready = wait_in_worker(self.window, read)
        if not ready:
            self.offer_clinic_settings()
        return ready

    def offer_clinic_settings(self) -> None:
        if (
            self.dialogs.confirm(
                self.window,
                self.tr("Clinic details missing"),
                QCoreApplication.translate("handouts.handout_messages", CLINIC_MISSING),
                yes=self.tr("Open clinic details"),
            )
            and self.open_clinic_settings is not None
        ):
            self.open_clinic_settings()

    # recorded documents ------------------------------------------------------------------
    def show_documents(self, patient_id: int | None = None) -> HandoutDocumentsDialog | None:
        """List the patient's recorded handouts, to open or print again."""
        return self.documents.show(patient_id)

    @Slot(int)
    def open_document(self, document_id: int) -> HandoutPreview | None:
        """Show a recorded handout exactly as it was made."""
        return self.documents.open_document(document_id)

    @Slot(int)
    def print_again(self, document_id: int) -> HandoutPreview | None:
        """Print a recorded handout again from its stored bytes (audited as a reprint)."""
        return self.documents.print_again(document_id)

    # shutting down -----------------------------------------------------------------------
    def wait_for_workers(self, msecs: int = -1) -> bool:
        """Wait until no handout is being made or printed (True when all finished)."""
        rendered = self.render_pool.waitForDone(msecs)
        printed = self.print_pool.waitForDone(msecs)
        return rendered and printed

    def shut_down(self) -> None:
        """Wait for the handouts being made, then end the render process (if it runs)."""
        self.wait_for_workers()
        if self._renderer is not None:
            self._renderer.close()
