"""The preview of a PDF (QPdfView), with Print and Save as PDF, shared by the window's rooms.

The window opens at once in a busy state while a worker makes the PDF, then shows the exact
bytes. Print rasterises those bytes into the printer (``pdf_printing``) in a
worker thread; Save as PDF writes them unchanged. Nothing here reads or writes the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMargins, QStandardPaths, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from clinic_app.ui.common.dialog_service import DialogService
from clinic_app.ui.common.pdf_printing import PrintError, PrintTask, load_pdf, match_paper
from clinic_app.ui.common.pdf_saving import save_problem, write_atomically
from clinic_app.ui.common.screen_fit import resize_within_screen
from clinic_app.ui.common.widget_names import named
from clinic_app.ui.common.worker_wait import wait_in_worker

ZOOM_STEP = 1.25
BACKDROP = "#6b777c"


def _documents_folder() -> Path:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location else Path.home()


class PreviewDialogs:
    """The save and print dialogs of the preview, behind one object that tests replace."""

    def save_title(self) -> str:
        return QCoreApplication.translate("PreviewDialogs", "Save as PDF")

    def print_title(self) -> str:
        return QCoreApplication.translate("PreviewDialogs", "Print")

    def __init__(self) -> None:
        self.folder: Path | None = None  # where the last PDF was saved (this session)

    def save_path(self, parent: QWidget, suggested: Path) -> Path | None:
        """Ask where to save; None when cancelled. ``.pdf`` is added when missing."""
        name, _filter = QFileDialog.getSaveFileName(
            parent,
            self.save_title(),
            str(suggested),
            QCoreApplication.translate("PreviewDialogs", "PDF documents (*.pdf)"),
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".pdf" else path.with_name(f"{path.name}.pdf")

    def setup_printer(self, parent: QWidget, printer: QPrinter, pages: int) -> bool:
        """Let the person choose printer, copies and pages; False when cancelled."""
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(self.print_title())
        dialog.setMinMax(1, pages)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def suggested_path(self, filename: str) -> Path:
        return (self.folder or _documents_folder()) / filename


@dataclass(frozen=True)
class PreviewTexts:
    """What the preview says about its kind of document (each room translates its own)."""

    print_tip: str  # the Print… button's tooltip
    save_tip: str
    busy: str  # while the PDF is being made
    not_saved: str  # titles of the error messages
    not_printed: str
    kept: str = ""  # after a failed save, that nothing is lost ("": a handout's sentence)


class PdfPreview(QWidget):
    """One PDF on screen: pages, Print…, Save as PDF…, zoom and page number."""

    printed = Signal(int)  # pages sent to the printer
    print_failed = Signal(str)
    saved = Signal(str)  # the file written

    def __init__(
        self,
        title: str,
        dialogs: DialogService,
        file_dialogs: PreviewDialogs,
        print_pool: QThreadPool,
        parent: QWidget | None = None,
        texts: PreviewTexts | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(title)
        self.dialogs = dialogs
        self.file_dialogs = file_dialogs
        self.print_pool = print_pool
        self.texts = texts or self.preview_texts()
        self.pdf: bytes | None = None
        self.suggested_filename = "document.pdf"
        self.document: QPdfDocument | None = None
        self.print_task: PrintTask | None = None

        self.print_button = named(QPushButton(self.tr("&Print…")), "print_button")
        self.print_button.setToolTip(self.texts.print_tip)
        self.print_button.clicked.connect(self.print_document)
        self.save_button = named(QPushButton(self.tr("&Save as PDF…")), "save_button")
        self.save_button.setToolTip(self.texts.save_tip)
        self.save_button.clicked.connect(self.save_as_pdf)
        self.zoom_out_button = QToolButton()
        self.zoom_out_button.setText("−")
        self.zoom_out_button.setToolTip(self.tr("Smaller (Ctrl+-)"))
        self.zoom_out_button.clicked.connect(lambda: self.zoom(1 / ZOOM_STEP))
        self.zoom_in_button = QToolButton()
        self.zoom_in_button.setText("+")
        self.zoom_in_button.setToolTip(self.tr("Larger (Ctrl++)"))
        self.zoom_in_button.clicked.connect(lambda: self.zoom(ZOOM_STEP))
        self.fit_button = QPushButton(self.tr("&Fit width"))
        self.fit_button.clicked.connect(self.fit_width)
        self.page_label = named(QLabel(), "page_label")
        close_button = QPushButton(self.tr("Close"))
        close_button.clicked.connect(self.close)
        tools = QHBoxLayout()
        tool_widgets: list[QWidget] = [self.print_button, self.save_button, self.zoom_out_button]
        tool_widgets += [self.zoom_in_button, self.fit_button, self.page_label]
        for widget in tool_widgets:
            tools.addWidget(widget)
        tools.addStretch(1)
        tools.addWidget(close_button)

        self.busy_label = named(QLabel(self.texts.busy), "busy_label")
        self.busy_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # "working", without a percentage
        self.busy_bar.setMaximumWidth(320)
        busy = QWidget()
        busy_layout = QVBoxLayout(busy)
        busy_layout.addStretch(1)
        busy_layout.addWidget(self.busy_label)
        busy_layout.addWidget(self.busy_bar, 0, Qt.AlignmentFlag.AlignHCenter)
        busy_layout.addStretch(1)
        self.view = named(QPdfView(), "pdf_view")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setDocumentMargins(QMargins(16, 16, 16, 16))
        backdrop = self.view.palette()
        backdrop.setColor(QPalette.ColorRole.Dark, QColor(BACKDROP))  # around the pages
        self.view.setPalette(backdrop)
        self.view.pageNavigator().currentPageChanged.connect(self._show_page_number)
        self.pages = QStackedWidget()
        self.pages.addWidget(busy)
        self.pages.addWidget(self.view)

        self.info = named(QLabel(), "document_info")  # what was recorded
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = named(QLabel(), "preview_status")  # what just happened
        self.print_progress = QProgressBar()
        self.print_progress.setMaximumWidth(220)
        self.print_progress.setVisible(False)
        status_row = QHBoxLayout()
        status_row.addWidget(self.info, 1)
        status_row.addWidget(self.status)
        status_row.addWidget(self.print_progress)

        # Printed in English although the patient reads another language (docs/language.md).
        self.language_notice = named(QLabel(), "language_notice")
        self.language_notice.setWordWrap(True)
        self.language_notice.setStyleSheet(
            "background: #fff4ce; color: #5c4400; border: 1px solid #e0b400; padding: 6px;"
        )
        self.language_notice.setVisible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.language_notice)
        layout.addWidget(self.pages, 1)
        layout.addLayout(status_row)
        for keys, slot in (
            (QKeySequence.StandardKey.Print, self.print_document),
            (QKeySequence.StandardKey.Save, self.save_as_pdf),
            (QKeySequence.StandardKey.ZoomIn, lambda: self.zoom(ZOOM_STEP)),
            (QKeySequence.StandardKey.ZoomOut, lambda: self.zoom(1 / ZOOM_STEP)),
            (QKeySequence(Qt.Key.Key_Escape), self.close),
        ):
            QShortcut(QKeySequence(keys), self).activated.connect(slot)
        resize_within_screen(self, 860, 980)
        self._set_ready(False)

    # states ------------------------------------------------------------------------------
    def _set_ready(self, ready: bool) -> None:
        controls: list[QWidget] = [self.save_button, self.zoom_out_button, self.zoom_in_button]
        for control in [*controls, self.fit_button]:
            control.setEnabled(ready)
        self.print_button.setEnabled(ready and self.print_task is None)

    def show_busy(self, text: str) -> None:
        """Say what is being prepared, with a moving progress bar."""
        self.busy_label.setText(text)
        self.pages.setCurrentIndex(0)
        self._set_ready(False)

    @property
    def is_busy(self) -> bool:
        return self.pdf is None

    def show_pdf(
        self,
        pdf: bytes,
        suggested_filename: str,
        info: str,
        info_tip: str = "",
        *,
        language_notice: str = "",
    ) -> None:
        """Show ``pdf`` with the line ``info`` saying what it is; with ``language_notice``,
        why it is in English rather than the patient's language."""
        self.language_notice.setText(language_notice)
        self.language_notice.setVisible(bool(language_notice))
        self.document = load_pdf(pdf, parent=self)
        self.pdf, self.suggested_filename = pdf, suggested_filename
        self.view.setDocument(self.document)
        self.pages.setCurrentIndex(1)
        self.info.setText(info)
        self.info.setToolTip(info_tip)
        self._show_page_number(0)
        self._set_ready(True)
        self.print_button.setFocus()

    @property
    def page_count(self) -> int:
        return self.document.pageCount() if self.document is not None else 0

    @Slot(int)
    def _show_page_number(self, page: int) -> None:
        if self.page_count:
            self.page_label.setText(
                self.tr("Page {page} of {page_count}").format(
                    page=page + 1, page_count=self.page_count
                )
            )

    # view --------------------------------------------------------------------------------
    def zoom(self, factor: float) -> None:
        if self.document is None:
            return
        current = self.view.zoomFactor()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(4.0, current * factor)))

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    # saving ------------------------------------------------------------------------------
    def save_as_pdf(self) -> None:
        """Ask where, then write the recorded bytes unchanged; a failure says why and keeps all."""
        if self.pdf is None:
            return
        suggested = self.file_dialogs.suggested_path(self.suggested_filename)
        path = self.file_dialogs.save_path(self, suggested)
        if path is None:
            return
        pdf = self.pdf
        try:
            wait_in_worker(self, lambda: write_atomically(path, pdf))  # fsynced, off the UI thread
        except OSError as exc:
            self.dialogs.error(self, self.texts.not_saved, save_problem(exc, path, self.texts.kept))
            return
        self.file_dialogs.folder = path.parent
        self.status.setText(self.tr("Saved as {name}").format(name=path.name))
        self.status.setToolTip(str(path))
        self.saved.emit(str(path))

    # printing ----------------------------------------------------------------------------
    def print_document(self) -> None:
        """Ask for the printer (QPrintDialog), then print in a worker thread."""
        if self.pdf is None or self.print_task is not None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        try:
            match_paper(printer, self.pdf)
        except PrintError as exc:
            self.dialogs.error(self, self.tr("Cannot print"), str(exc))
            return
        printer.setDocName(self.windowTitle())
        if self.file_dialogs.setup_printer(self, printer, self.page_count):
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Print the recorded bytes on an already configured ``printer`` (in a worker)."""
        if self.pdf is None or self.print_task is not None:
            return
        task = PrintTask(self.pdf, printer)
        task.signals.progress.connect(self._print_progress)
        task.signals.finished.connect(self._print_finished)
        task.signals.failed.connect(self._print_failed)
        self.print_task = task
        self.print_button.setEnabled(False)
        self.print_progress.setRange(0, 0)
        self.print_progress.setVisible(True)
        self.status.setText(self.tr("Printing…"))
        self.print_pool.start(task)

    @Slot(int, int)
    def _print_progress(self, done: int, total: int) -> None:
        self.print_progress.setRange(0, total)
        self.print_progress.setValue(done)
        self.status.setText(
            self.tr("Printing page {done} of {total}…").format(done=done, total=total)
        )

    def _print_done(self) -> None:
        self.print_task = None
        self.print_progress.setVisible(False)
        self._set_ready(self.pdf is not None)

    @Slot(int)
    def _print_finished(self, pages: int) -> None:
        self._print_done()
        self.status.setText(
            self.tr("Sent 1 page to the printer.")
            if pages == 1
            else self.tr("Sent {pages} pages to the printer.").format(pages=pages)
        )
        self.printed.emit(pages)

    @Slot(str)
    def _print_failed(self, message: str) -> None:
        self._print_done()
        self.status.setText(self.tr("Not printed."))
        self.dialogs.error(self, self.texts.not_printed, message)
        self.print_failed.emit(message)

    def preview_texts(self) -> PreviewTexts:
        """The texts of a plain document (rooms pass their own)."""
        return PreviewTexts(
            print_tip=self.tr("Print this document (Ctrl+P)"),
            save_tip=self.tr("Save this document as a PDF file (Ctrl+S)"),
            busy=self.tr("Preparing the document…"),
            not_saved=self.tr("The document was not saved"),
            not_printed=self.tr("The document was not printed"),
        )
