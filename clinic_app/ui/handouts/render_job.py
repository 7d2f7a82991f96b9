"""One handout being made from the window: its RenderTask and its preview, then what it became.

The controller opens a busy preview and starts a RenderTask in its render thread; the job
waits for the task's signals on the UI thread and shows the recorded handout in the preview,
or closes the preview and says why no handout was made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Slot

from clinic_app.ui.handouts.handout_messages import CLINIC_MISSING, failure_message, kind_label

if TYPE_CHECKING:
    from clinic_app.services.handouts.handout_request import HandoutRequest
    from clinic_app.ui.handouts.controller import HandoutController
    from clinic_app.ui.handouts.preview import HandoutPreview
    from clinic_app.ui.handouts.worker import HandoutResult, RenderTask


class RenderJob(QObject):
    """One RenderTask and its preview; lives on the UI thread, so its slots run there."""

    def __init__(
        self, controller: HandoutController, task: RenderTask, preview: HandoutPreview
    ) -> None:
        super().__init__(controller)
        self.controller = controller
        self.task = task  # the runnable stays referenced until it reports
        self.preview: HandoutPreview | None = preview
        preview.destroyed.connect(self.preview_closed)
        task.signals.finished.connect(self.finished)
        task.signals.failed.connect(self.failed)

    @Slot()
    def preview_closed(self) -> None:
        self.preview = None

    @Slot(object)
    def finished(self, result: HandoutResult) -> None:
        self._show_result(self.preview, result)
        self.deleteLater()

    @Slot(object, object)
    def failed(self, request: HandoutRequest, error: Exception) -> None:
        self._show_failure(self.preview, request, error)
        self.deleteLater()

    def _show_result(self, preview: HandoutPreview | None, result: HandoutResult) -> None:
        controller = self.controller
        info = result.stored.info
        if preview is not None:  # None: closed while the handout was being made
            preview.setWindowTitle(result.title)
            preview.show_document(
                result.stored.pdf,
                info,
                result.suggested_filename,
                language_notice=result.language_notice,
            )
        controller.documents.refresh_for(info.patient_id)
        controller.handout_ready.emit(result)

    def _show_failure(
        self, preview: HandoutPreview | None, request: HandoutRequest, error: Exception
    ) -> None:
        from clinic_app.services.handouts import handouts

        controller = self.controller
        if preview is not None:
            preview.close()
        if isinstance(error, handouts.ClinicNotConfiguredError):
            controller.offer_clinic_settings()
            controller.handout_failed.emit(
                QCoreApplication.translate("handouts.handout_messages", CLINIC_MISSING)
            )
            return
        message = failure_message(error)
        controller.dialogs.error(
            controller.window,
            self.tr("The {kind} was not made").format(kind=kind_label(request.kind).lower()),
            message,
        )
        controller.handout_failed.emit(message)
