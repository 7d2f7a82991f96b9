"""The session editor's consent panel: whether the patient's consent covers this plan, and a
button that opens the signing dialog."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from clinic_app.db import Database
from clinic_app.services.consent import consent_drafts
from clinic_app.services.consent.consent_state import ConsentStatus, state_for
from clinic_app.services.errors import ValidationError
from clinic_app.services.security.identity import Actor
from clinic_app.services.sessions.session_resources import SessionResources
from clinic_app.services.sessions.treatment_sessions import SessionContext
from clinic_app.ui.common.widget_names import named
from clinic_app.ui.consent.signing_dialog import ConsentSigningDialog

VALID_STYLE = "color: #1d6b35;"
MISSING_STYLE = "color: #a1260d; font-weight: bold;"


class ConsentPanel(QGroupBox):
    """Consent state of one patient; ``signed`` after a consent is frozen from here."""

    signed = Signal(int)  # the consent's id

    def __init__(
        self,
        database: Database,
        actor: Actor,
        resources: SessionResources,
        patient_id: int,
        patient_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Informed consent"), parent)
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
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.state)
        self._layout.addWidget(self.button)
        self.refresh()

    @classmethod
    def for_context(
        cls, database: Database, actor: Actor, resources: SessionResources, context: SessionContext
    ) -> ConsentPanel:
        """The panel of the patient a session editor is for."""
        return cls(database, actor, resources, context.patient_id, context.patient_name)

    def add_error_label(self, label: QLabel) -> None:
        """Where the editor's field message for "consent" shows (FieldErrors.add)."""
        self._layout.addWidget(label)

    def refresh(self) -> None:
        """Read the state again."""
        with self._database.snapshot() as session:
            self.status = state_for(
                session, self._patient_id, self._resources.rules, self._resources.consent
            )
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
