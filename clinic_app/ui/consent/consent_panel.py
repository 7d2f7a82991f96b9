"""The session editor's consent panel: whether the patient's consent covers this plan, a
button that opens the signing dialog, the printed copy of the latest signed consent (rendered
in a worker, shown in a preview with Print… and Save as PDF…, each audited) and the
withdrawal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QThreadPool, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic_app.db import Database
from clinic_app.services.consent import consent_drafts, consent_print, consents
from clinic_app.services.consent.consent_state import ConsentStatus, state_for
from clinic_app.services.errors import ServiceError, ValidationError
from clinic_app.services.security.identity import Actor
from clinic_app.services.sessions.session_resources import SessionResources
from clinic_app.services.sessions.treatment_sessions import SessionContext
from clinic_app.ui.common.background import run_in_background
from clinic_app.ui.common.dialog_service import DialogService
from clinic_app.ui.common.flow_layout import FlowLayout
from clinic_app.ui.common.widget_names import named
from clinic_app.ui.common.worker_wait import wait_in_worker
from clinic_app.ui.consent.signing_dialog import ConsentSigningDialog
from clinic_app.ui.consent.withdrawal_dialog import WithdrawalDialog

if TYPE_CHECKING:  # QtPdf loads with the first preview, not with the editor
    from clinic_app.reports.render_process import RenderProcess
    from clinic_app.ui.consent.consent_preview import ConsentPreview, ConsentPreviewDialogs

VALID_STYLE = "color: #1d6b35;"
MISSING_STYLE = "color: #a1260d; font-weight: bold;"


class ConsentPanel(QGroupBox):
    """Consent state of one patient; ``signed`` after a consent is frozen from here."""

    signed = Signal(int)  # the consent's id
    withdrawn = Signal(int)  # the withdrawal's id

    def __init__(
        self,
        database: Database,
        actor: Actor,
        resources: SessionResources,
        patient_id: int,
        patient_name: str,
        parent: QWidget | None = None,
        *,
        renderer: RenderProcess | None = None,
    ) -> None:
        """``renderer``: the window's render process, which lays out the printed copy (None:
        laid out in this process)."""
        super().__init__(self.tr("Informed consent"), parent)
        self.renderer = renderer
        self._database = database
        self._actor = actor
        self._resources = resources
        self._patient_id = patient_id
        self._patient_name = patient_name
        self.status: ConsentStatus | None = None
        self.state = named(QLabel(), "consent_state")
        self.state.setWordWrap(True)
        self.button = named(QPushButton(self.tr("Sign &consent…")), "open_consent")
        self.button.setAutoDefault(False)
        self.button.clicked.connect(self.open_dialog)
        self.print_button = named(QPushButton(self.tr("&Print consent…")), "print_consent")
        self.print_button.setAutoDefault(False)
        self.print_button.setToolTip(self.tr("Show the latest signed consent, to print or save"))
        self.print_button.clicked.connect(self.open_preview)
        self.withdraw_button = named(QPushButton(self.tr("&Withdraw consent…")), "withdraw_consent")
        self.withdraw_button.setAutoDefault(False)
        self.withdraw_button.clicked.connect(self.ask_withdrawal)
        self.dialogs = DialogService()
        self.file_dialogs: ConsentPreviewDialogs | None = None  # made with the first preview
        self.print_pool = QThreadPool(self)
        self.print_pool.setMaxThreadCount(1)
        self.preview: ConsentPreview | None = None
        self._has_signed = False
        buttons = FlowLayout()  # wraps rather than clips in the editor's narrow column
        for button in (self.button, self.print_button, self.withdraw_button):
            buttons.addWidget(button)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.state)
        self._layout.addLayout(buttons)
        self.refresh()

    @classmethod
    def for_context(
        cls,
        database: Database,
        actor: Actor,
        resources: SessionResources,
        context: SessionContext,
        renderer: RenderProcess | None = None,
    ) -> ConsentPanel:
        """The panel of the patient a session editor is for."""
        patient_id, name = context.patient_id, context.patient_name
        return cls(database, actor, resources, patient_id, name, renderer=renderer)

    def add_error_label(self, label: QLabel) -> None:
        """Where the editor's field message for "consent" shows (FieldErrors.add)."""
        self._layout.addWidget(label)

    def refresh(self) -> None:
        """Read the state again (in a worker: on PostgreSQL it waits on the network)."""
        database, patient_id, resources = self._database, self._patient_id, self._resources

        def read() -> tuple[ConsentStatus, bool]:
            with database.snapshot() as session:
                status = state_for(session, patient_id, resources.rules, resources.consent)
                return status, consents.has_signed(session, patient_id)

        self.status, self._has_signed = wait_in_worker(self, read)
        self.print_button.setEnabled(self._has_signed)
        self.withdraw_button.setEnabled(self.status.consent_id is not None)
        valid = self.status.valid
        self.state.setText(self.status.message())
        self.state.setStyleSheet(VALID_STYLE if valid else MISSING_STYLE)
        self.button.setText(self.tr("View / sign again…") if valid else self.tr("Sign &consent…"))

    def open_dialog(self) -> None:
        """Prepare the text for the patient's plan and open the signing dialog."""
        try:
            with self._database.snapshot() as session:
                language = consent_drafts.patient_language(session, self._patient_id)
                document, use = self._resources.consent_for(language)
                draft = consent_drafts.prepare(
                    session, self._patient_id, self._resources.rules, document
                )
        except ValidationError as exc:
            self.state.setText(" ".join(exc.errors.values()))
            self.state.setStyleSheet(MISSING_STYLE)
            return
        saved = ConsentSigningDialog.ask(
            self._database,
            self._actor,
            draft,
            document,
            self._resources.rules,
            self._patient_name,
            self,
            language_notice=use.notice("consent"),
        )
        self.refresh()
        if saved is not None:
            self.signed.emit(saved.id)

    # the printed copy ----------------------------------------------------------------------
    def open_preview(self) -> ConsentPreview:
        """Open the preview at once (busy) and render the latest signed consent in a worker."""
        from clinic_app.ui.consent.consent_preview import ConsentPreview, ConsentPreviewDialogs

        if self.file_dialogs is None:
            self.file_dialogs = ConsentPreviewDialogs()
        preview = ConsentPreview(
            self.tr("Informed consent: {name}").format(name=self._patient_name),
            self.dialogs,
            self.file_dialogs,
            self.print_pool,
            self,
        )
        preview.printed.connect(lambda _pages, p=preview: self._record(p, "printed"))
        preview.saved.connect(lambda _path, p=preview: self._record(p, "saved"))
        preview.show_busy(preview.texts.busy)
        preview.show()
        self.preview = preview
        database, resources, patient_id = self._database, self._resources, self._patient_id
        renderer = self.renderer

        def work() -> tuple[consent_print.ConsentPdf, bytes]:
            translations = [doc for doc, _use in resources.consent_translations.values()]
            with database.snapshot() as session:
                prepared = consent_print.prepare_latest(
                    session, patient_id, resources.consent, translations=translations
                )
            return prepared, prepared.render(renderer)

        def done(result: tuple[consent_print.ConsentPdf, bytes]) -> None:
            preview.show_consent(*result)

        def failed(exc: BaseException) -> None:
            from clinic_app.reports.render_process import RenderProcessError

            if isinstance(exc, RenderProcessError):
                preview.show_problem(
                    self.tr(
                        "The program that lays out the consent stopped unexpectedly, so no "
                        "copy was made. Try again: it starts afresh."
                    )
                )
            elif isinstance(exc, ServiceError | ValueError):
                preview.show_problem(str(exc))
            else:
                preview.show_problem(
                    self.tr("The consent could not be prepared: {exc}").format(exc=exc)
                )

        run_in_background(work, done, failed, receiver=self)
        return preview

    def _record(self, preview: ConsentPreview, how: str) -> None:
        """Audit a printed or saved copy, as the command line audits its file."""
        if preview.prepared is None:
            return
        with self._database.session() as session:
            consent_print.record_export(session, self._actor, preview.prepared, how)

    # withdrawal ----------------------------------------------------------------------------
    def ask_withdrawal(self) -> WithdrawalDialog:
        """Ask why and record the withdrawal; the panel then says a new consent is needed."""
        dialog = WithdrawalDialog(
            self._database,
            self._actor,
            self._patient_id,
            self._patient_name,
            self._resources.reasons,
            self,
        )
        dialog.accepted.connect(lambda: self._withdrawn(dialog))
        dialog.open()
        return dialog

    def _withdrawn(self, dialog: WithdrawalDialog) -> None:
        self.refresh()
        if dialog.withdrawal_id is not None:
            self.withdrawn.emit(dialog.withdrawal_id)
