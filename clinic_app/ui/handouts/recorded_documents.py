"""A patient's recorded handouts in the window: the Documents dialog, open one, print it again.

A recorded handout is shown and printed from its stored bytes, unchanged (checked against the
SHA-256 recorded with them); printing it again is audited as a reprint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot

from clinic_app.services.errors import NotFoundError
from clinic_app.ui.handouts.handout_messages import kind_label

if TYPE_CHECKING:
    from clinic_app.ui.handouts.controller import HandoutController
    from clinic_app.ui.handouts.documents_dialog import HandoutDocumentsDialog
    from clinic_app.ui.handouts.preview import HandoutPreview


class RecordedDocuments(QObject):
    """The Documents dialog of one patient at a time, for the controller it belongs to."""

    def __init__(self, controller: HandoutController) -> None:
        super().__init__(controller)
        self.controller = controller
        self.dialog: HandoutDocumentsDialog | None = None
        self.patient_id: int | None = None

    def show(self, patient_id: int | None = None) -> HandoutDocumentsDialog | None:
        """List the patient's recorded handouts, to open or print again."""
        from clinic_app.ui.handouts.documents_dialog import HandoutDocumentsDialog

        controller = self.controller
        patient = patient_id if patient_id is not None else controller.current_patient()
        if patient is None:
            return None
        if self.dialog is not None:
            self.dialog.close()
        from clinic_app.services.patients import patients

        try:
            with controller.database.session() as session:
                record = patients.get(session, patient)
                name = f"{record.first_name} {record.last_name}".strip()
        except NotFoundError as exc:
            controller.dialogs.error(controller.window, self.tr("Patient not found"), str(exc))
            return None
        dialog = HandoutDocumentsDialog(name, controller.window)
        dialog.open_requested.connect(self.open_document)
        dialog.print_requested.connect(self.print_again)
        dialog.finished.connect(self._dialog_closed)
        self.dialog, self.patient_id = dialog, patient
        self.refresh()
        dialog.show()
        return dialog

    def refresh_for(self, patient_id: int) -> None:
        """Refresh the list when it shows ``patient_id`` (a handout of theirs was just made)."""
        if self.patient_id == patient_id:
            self.refresh()

    def refresh(self) -> None:
        """Read the shown patient's recorded handouts again."""
        from clinic_app.services.handouts import handout_documents

        if self.dialog is None or self.patient_id is None:
            return
        with self.controller.database.session() as session:
            rows = handout_documents.documents_of(session, self.patient_id)
        self.dialog.show_documents(rows)

    @Slot()
    def _dialog_closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog, self.patient_id = None, None

    @Slot(int)
    def open_document(self, document_id: int) -> HandoutPreview | None:
        """Show a recorded handout exactly as it was made."""
        return self._open_stored(document_id, again=False)

    @Slot(int)
    def print_again(self, document_id: int) -> HandoutPreview | None:
        """Print a recorded handout again from its stored bytes (audited as a reprint)."""
        preview = self._open_stored(document_id, again=True)
        if preview is not None:
            preview.print_document()
        return preview

    def _open_stored(self, document_id: int, *, again: bool) -> HandoutPreview | None:
        from clinic_app.services.handouts import handout_documents
        from clinic_app.services.patients import patients

        controller = self.controller
        try:
            with controller.database.session() as session:
                if again:
                    handout = handout_documents.reprint(session, controller.actor, document_id)
                else:
                    handout = handout_documents.stored(session, document_id)
                record = patients.get(session, handout.info.patient_id)
                name = f"{record.first_name} {record.last_name}".strip()
        except (NotFoundError, handout_documents.DocumentIntegrityError) as exc:
            controller.dialogs.error(
                controller.window, self.tr("The handout cannot be printed again"), str(exc)
            )
            return None
        info = handout.info
        preview = controller.new_preview(f"{kind_label(info.kind)} — {name}")
        filename = f"{info.kind.replace('_', '-')}-{info.patient_id}-document-{info.id}.pdf"
        preview.show_document(
            handout.pdf, info, filename, note=self.tr("the recorded file, unchanged")
        )
        preview.show()
        return preview
