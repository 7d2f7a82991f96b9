"""The preview of a handout: the shared PDF preview (ui/common/pdf_preview) with the line of
what was recorded about the document. Nothing here reads or writes the database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from clinic_app.ui.common import pdf_preview
from clinic_app.ui.common.formatting import format_instant
from clinic_app.ui.common.pdf_preview import PdfPreview, PreviewTexts

if TYPE_CHECKING:  # the services stay out of the first handout's click (the worker imports them)
    from clinic_app.services.handouts.handout_documents import DocumentInfo

__all__ = ["HandoutPreview", "PreviewDialogs"]


class PreviewDialogs(pdf_preview.PreviewDialogs):
    """The save and print dialogs of a handout's preview, behind one object tests replace."""

    def save_title(self) -> str:
        return QCoreApplication.translate("PreviewDialogs", "Save handout as PDF")

    def print_title(self) -> str:
        return QCoreApplication.translate("PreviewDialogs", "Print handout")


class HandoutPreview(PdfPreview):
    """One handout on screen: pages, Print…, Save as PDF…, zoom and page number."""

    document_info: DocumentInfo | None = None

    def preview_texts(self) -> PreviewTexts:
        return PreviewTexts(
            print_tip=self.tr("Print this handout (Ctrl+P)"),
            save_tip=self.tr("Save this handout as a PDF file (Ctrl+S)"),
            busy=self.tr("Preparing the handout…"),
            not_saved=self.tr("The handout was not saved"),
            not_printed=self.tr("The handout was not printed"),
        )

    def show_document(
        self,
        pdf: bytes,
        info: DocumentInfo,
        suggested_filename: str,
        note: str = "",
        *,
        language_notice: str = "",
    ) -> None:
        """Show ``pdf`` (the recorded bytes) and what was recorded about it; with
        ``language_notice``, why it is in English rather than the patient's language."""
        self.document_info = info
        line = self.tr(
            "Document #{id} · recorded {made} · {template_version} · SHA-256 {sha256}…"
        ).format(
            id=info.id,
            made=format_instant(info.created_at),
            template_version=info.template_version,
            sha256=info.sha256[:16],
        ) + (f" · {note}" if note else "")
        self.show_pdf(
            pdf,
            suggested_filename,
            line,
            self.tr("SHA-256 {sha256}").format(sha256=info.sha256),
            language_notice=language_notice,
        )
