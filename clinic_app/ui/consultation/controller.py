"""Consultations on the patient page: "New consultation…", the offer to resume a draft, and the
read-only view of a saved consultation (double-click or Enter in the consultations list).

The main window creates one controller. Wizards and views open window-modal with ``open()``:
the event loop never waits for them. ``data_dir`` (None: shipped content only) is where the
clinic's overrides of rules, form texts and prices are read from.

The controller exists from start-up; the consultation service with its rules, the wizard and the
view are imported when a patient's page is first shown or a consultation first opened.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QPushButton, QStatusBar, QWidget

from clinic_app.services.errors import ServiceError
from clinic_app.ui.common.formatting import format_instant

if TYPE_CHECKING:
    from clinic_app.db import Database
    from clinic_app.domain.consultation.consultation_document import ConsultationContent
    from clinic_app.services.consultation.consultations import ConsultationRecord, DraftInfo
    from clinic_app.services.patients.patient_overview import PatientOverview
    from clinic_app.services.security.identity import Actor
    from clinic_app.ui.common.dialog_service import DialogService
    from clinic_app.ui.consultation.view import ConsultationView
    from clinic_app.ui.consultation.wizard import ConsultationWizard
    from clinic_app.ui.patients.page import PatientPage


class ConsultationHost(Protocol):
    """What the controller needs from the main window."""

    database: Database
    actor: Actor
    dialogs: DialogService
    patient_page: PatientPage

    def current_patient_id(self) -> int | None: ...
    def open_patient(self, patient_id: int) -> None: ...
    def statusBar(self) -> QStatusBar: ...


class ConsultationController(QObject):
    """Starts, resumes, shows and amends the consultations of the patient shown."""

    def __init__(
        self, host: ConsultationHost, *, data_dir: Path | None = None, today: dt.date | None = None
    ) -> None:
        super().__init__(host if isinstance(host, QObject) else None)
        self.host = host
        self.data_dir = data_dir
        self.today = today
        self.wizard: ConsultationWizard | None = None
        self.view: ConsultationView | None = None
        self._offered: set[int] = set()  # drafts already offered for resuming
        page = host.patient_page
        self.button: QPushButton = page.add_command(
            self.tr("New &consultation…"),
            self.tr("Guided consultation and contraindication screening for this patient"),
            self.new_consultation,
            shortcut="Ctrl+Shift+C",
        )
        page.consultation_activated.connect(self.open_consultation)
        page.overview_shown.connect(self._overview_shown)
        if isinstance(host, QObject):
            host.installEventFilter(self)

    @property
    def parent_widget(self) -> QWidget | None:
        return self.host if isinstance(self.host, QWidget) else None

    # commands ------------------------------------------------------------------------------
    def new_consultation(self) -> None:
        """Start a consultation for the patient shown, or offer to resume their draft."""
        from clinic_app.services.consultation import consultations

        patient_id = self.host.current_patient_id()
        if patient_id is None or self._raise_open_wizard():
            return
        try:
            with self.host.database.session() as session:
                draft = consultations.find_open_draft(session, patient_id)
        except ServiceError as exc:
            self._error(str(exc))
            return
        if draft is not None:
            if self._ask_resume(draft):
                self.resume(draft.id)
            elif self._ask_set_aside(draft):
                self._start(patient_id, set_aside=draft)
            return
        self._start(patient_id)

    def open_consultation(self, consultation_id: int) -> None:
        """A draft is resumed; a saved consultation is shown read-only."""
        from clinic_app.services.consultation import consultations
        from clinic_app.ui.consultation.view import ConsultationView

        record = self._load(consultation_id)
        if record is None:
            return
        if record.status == consultations.DRAFT:
            self.resume(consultation_id)
            return
        content = self._content()
        if content is None:
            return
        view = ConsultationView(content, record, self._patient_name(record), self.parent_widget)
        view.amend_requested.connect(self.amend)
        view.finished.connect(self._view_closed)
        self.view = view
        view.open()

    def resume(self, consultation_id: int) -> None:
        record = self._load(consultation_id)
        if record is not None and not self._raise_open_wizard():
            self._open_wizard(record, resume=True)

    def amend(self, consultation_id: int) -> None:
        """Correct a saved consultation: a new draft from it; the original stays as it is."""
        from clinic_app.services.consultation import consultation_amendments, consultations

        try:
            with self.host.database.session() as session:
                amendment = consultation_amendments.amend(session, self.host.actor, consultation_id)
                new_id = amendment.id
        except consultations.DraftExistsError as exc:
            self._error(str(exc))
            return
        except ServiceError as exc:
            self._error(str(exc))
            return
        record = self._load(new_id)
        if record is not None:
            self._open_wizard(record)

    # opening the wizard ----------------------------------------------------------------------
    def _start(self, patient_id: int, set_aside: DraftInfo | None = None) -> None:
        from clinic_app.services.consultation import consultation_drafts

        try:
            with self.host.database.session() as session:
                if set_aside is not None:
                    consultation_drafts.abandon(
                        session, self.host.actor, set_aside.id, expected_version=set_aside.version
                    )
                new_id = consultation_drafts.start(session, self.host.actor, patient_id).id
        except ServiceError as exc:
            self._error(str(exc))
            return
        record = self._load(new_id)
        if record is not None:
            self._open_wizard(record)

    def _open_wizard(self, record: ConsultationRecord, resume: bool = False) -> None:
        from clinic_app.ui.consultation.wizard import ConsultationWizard

        content = self._content()
        if content is None:
            return
        self._offered.add(record.id)
        wizard = ConsultationWizard(
            self.host.database,
            self.host.actor,
            self.host.dialogs,
            content,
            record,
            self._patient_name(record),
            self.parent_widget,
            today=self.today,
        )
        wizard.saved.connect(self._saved)
        wizard.finished.connect(lambda _result, pid=record.patient_id: self._closed(pid))
        self.wizard = wizard
        wizard.open()
        page = record.document.get("page")
        if resume and isinstance(page, str):
            wizard.resume_at(page)

    def _raise_open_wizard(self) -> bool:
        if self.wizard is not None and self.wizard.isVisible():
            self.wizard.raise_()
            self.wizard.activateWindow()
            return True
        return False

    def _saved(self, _consultation_id: int, status: str) -> None:
        from clinic_app.services.consultation import consultations

        words = (
            self.tr("saved as not a candidate now")
            if status == consultations.NOT_CANDIDATE
            else self.tr("saved")
        )
        self.host.statusBar().showMessage(
            self.tr("Consultation {words}.").format(words=words), 5000
        )

    def _closed(self, patient_id: int) -> None:
        wizard = self.wizard
        self.wizard = None
        if wizard is not None:
            if not wizard.closed:
                self.host.statusBar().showMessage(
                    self.tr("Consultation draft kept: resume it with New consultation."), 5000
                )
            wizard.deleteLater()
        if self.host.current_patient_id() == patient_id:
            self.host.open_patient(patient_id)

    def _view_closed(self) -> None:
        if self.view is not None:
            self.view.deleteLater()
            self.view = None

    # the offer to resume -----------------------------------------------------------------------
    def _overview_shown(self, overview: PatientOverview) -> None:
        from clinic_app.services.consultation import consultations

        if self.wizard is not None:
            return
        if all(line.status != consultations.DRAFT for line in overview.consultations):
            return  # the page lists none: no read on the UI thread for the common case
        try:
            with self.host.database.session() as session:
                draft = consultations.find_open_draft(session, overview.id)
        except ServiceError:
            return
        if draft is None or draft.id in self._offered:
            return
        self._offered.add(draft.id)
        QTimer.singleShot(0, lambda: self._offer_resume(overview.id, draft))

    def _offer_resume(self, patient_id: int, draft: DraftInfo) -> None:
        if self.host.current_patient_id() != patient_id or self.wizard is not None:
            return
        if self._ask_resume(draft):
            self.resume(draft.id)

    def _ask_resume(self, draft: DraftInfo) -> bool:
        what = self.tr("An amendment") if draft.amends_id else self.tr("A consultation")
        return self.host.dialogs.confirm(
            self.parent_widget,
            self.tr("Resume the unfinished consultation?"),
            self.tr(
                "{what} for this patient was started on {started} and last saved "
                "on {updated}. Resume it where it was left?"
            ).format(
                what=what,
                started=format_instant(draft.started_at),
                updated=format_instant(draft.updated_at),
            ),
            yes=self.tr("Resume"),
        )

    def _ask_set_aside(self, draft: DraftInfo) -> bool:
        return self.host.dialogs.confirm(
            self.parent_widget,
            self.tr("Start a new consultation instead?"),
            self.tr(
                "The unfinished consultation of {started} will be set aside: "
                "kept, read-only, and listed on the patient page. Nothing is deleted."
            ).format(started=format_instant(draft.started_at)),
            yes=self.tr("Set aside and start new"),
        )

    # helpers -------------------------------------------------------------------------------
    def _content(self) -> ConsultationContent | None:
        from clinic_app.domain.consultation.consultation_document import load_content

        try:
            return load_content(self.data_dir)
        except (ValueError, OSError) as exc:
            self._error(
                self.tr("The consultation's content files cannot be used:\n\n{exc}").format(exc=exc)
            )
            return None

    def _load(self, consultation_id: int) -> ConsultationRecord | None:
        from clinic_app.services.consultation import consultations

        try:
            with self.host.database.session() as session:
                return consultations.load(session, consultation_id)
        except ServiceError as exc:
            self._error(str(exc))
            return None

    def _patient_name(self, record: ConsultationRecord) -> str:
        from clinic_app.services.patients import patients

        with self.host.database.session() as session:
            patient = patients.get(session, record.patient_id)
            return f"{patient.first_name} {patient.last_name}"

    def _error(self, text: str) -> None:
        self.host.dialogs.error(self.parent_widget, self.tr("Consultation"), text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The main window closing saves the open wizard's draft first."""
        if event.type() == QEvent.Type.Close and self.wizard is not None and not self.wizard.closed:
            self.wizard.save_draft()
        return False
