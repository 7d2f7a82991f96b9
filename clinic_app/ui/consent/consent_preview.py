"""The preview of a patient's signed consent: the shared PDF preview (ui/common/pdf_preview)
with the consent's number and SHA-256. Nothing here reads or writes the database."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from clinic_app.services.consent.consent_print import ConsentPdf
from clinic_app.ui.common import pdf_preview
from clinic_app.ui.common.pdf_preview import PdfPreview, PreviewTexts


class ConsentPreviewDialogs(pdf_preview.PreviewDialogs):
    """The save and print dialogs of the consent's preview, behind one object tests replace."""

    def save_title(self) -> str:
        return QCoreApplication.translate("ConsentPreviewDialogs", "Save consent as PDF")

    def print_title(self) -> str:
        return QCoreApplication.translate("ConsentPreviewDialogs", "Print consent")


class ConsentPreview(PdfPreview):
    """One signed consent on screen: pages, Print…, Save as PDF…, zoom and page number."""

    prepared: ConsentPdf | None = None

    def preview_texts(self) -> PreviewTexts:
        return PreviewTexts(
            print_tip=self.tr("Print this consent (Ctrl+P)"),
            save_tip=self.tr("Save this consent as a PDF file (Ctrl+S)"),
            busy=self.tr("Preparing the signed consent…"),
            not_saved=self.tr("The consent was not saved"),
            not_printed=self.tr("The consent was not printed"),
            kept=self.tr("The consent is still open here and stays recorded: nothing is lost."),
        )

    def show_consent(self, prepared: ConsentPdf, pdf: bytes) -> None:
        """Show the rendered copy of ``prepared``."""
        self.prepared = prepared
        self.show_pdf(
            pdf,
            f"consent-{prepared.consent_id}.pdf",
            self.tr("Consent #{id} · SHA-256 {sha256}…").format(
                id=prepared.consent_id, sha256=prepared.sha256[:16]
            ),
            self.tr("SHA-256 {sha256}").format(sha256=prepared.sha256),
            language_notice=prepared.language_notice,
        )

    def show_problem(self, text: str) -> None:
        """Say why the consent cannot be shown (the busy page keeps the message)."""
        self.busy_label.setText(text)
        self.busy_bar.setVisible(False)
