"""Print PDF bytes exactly as they are: each page rasterised by QtPdf into the printer.

Nothing is laid out again: every page of the stored PDF is rendered with
``QPdfDocument.render`` at the printer's resolution (capped at MAX_RENDER_DPI, in horizontal
bands so that a 1200 dpi printer does not need half a gigabyte per page) and drawn into the
printer's painter, centred and scaled to fit the paper when it differs from the document's.

:class:`PrintTask` does this in a QThreadPool thread: Qt allows painting on a QPrinter outside
the GUI thread, and the task builds its own QPdfDocument there. The QPrinter passed to it must
not be touched by the UI thread until the task reports back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    QRect,
    QRectF,
    QRunnable,
    QSize,
    QSizeF,
    Signal,
)
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter

MAX_RENDER_DPI = 600
BAND_PIXELS = 1024  # rows rendered at a time
POINTS_PER_INCH = 72.0
FIT_TOLERANCE_POINTS = 1.0  # a page this much larger than the paper is printed actual size


class PrintError(RuntimeError):
    """Printing could not start or the document could not be read; the message says why."""


def load_pdf(pdf: bytes, parent: QObject | None = None) -> QPdfDocument:
    """A QPdfDocument reading ``pdf`` from memory (the buffer lives as the document's child)."""
    document = QPdfDocument(cast(QObject, parent))  # None is fine: no parent
    buffer = QBuffer(document)
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        error = document.error()
        document.close()
        document.setParent(None)
        raise PrintError(
            QCoreApplication.translate(
                "common.pdf_printing", "The PDF cannot be read ({name})."
            ).format(name=error.name)
        )
    return document


def match_paper(printer: QPrinter, pdf: bytes) -> None:
    """Set the printer's paper and orientation to those of the document's first page."""
    document = load_pdf(pdf)
    try:
        size = document.pagePointSize(0)
    finally:
        document.close()
    landscape = size.width() > size.height()
    portrait_size = size.transposed() if landscape else size
    page_size = QPageSize(portrait_size.toSize(), "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    printer.setPageSize(page_size)
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    printer.setFullPage(True)  # the PDF carries its own margins
    printer.setDocName("handout")


def _pages_to_print(printer: QPrinter, count: int) -> list[int]:
    """0-based page numbers chosen in the print dialog (all by default), copies included."""
    first, last = 1, count
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(1, printer.fromPage())
        last = min(count, printer.toPage() or count)
    pages = list(range(first - 1, last))
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    if printer.collateCopies():
        return pages * copies
    return [page for page in pages for _ in range(copies)]


def _target(paper: QRectF, page_points: QSizeF, dpi: float) -> QRectF:
    """Where the page goes on the paper (device pixels): actual size, shrunk to fit if needed."""
    width = page_points.width() * dpi / POINTS_PER_INCH
    height = page_points.height() * dpi / POINTS_PER_INCH
    slack = FIT_TOLERANCE_POINTS * dpi / POINTS_PER_INCH  # Qt's A4 is 595 x 842 pt, ReportLab's
    fits = width <= paper.width() + slack and height <= paper.height() + slack  # 595.3 x 841.9
    scale = 1.0 if fits else min(paper.width() / width, paper.height() / height)
    width, height = width * scale, height * scale
    return QRectF(
        paper.x() + (paper.width() - width) / 2,
        paper.y() + (paper.height() - height) / 2,
        width,
        height,
    )


def _draw_page(painter: QPainter, document: QPdfDocument, page: int, target: QRectF) -> None:
    """Render ``page`` into ``target`` band by band, on white (PDF pages have no background)."""
    device_dpi = painter.device().logicalDpiY()
    render_scale = min(1.0, MAX_RENDER_DPI / max(device_dpi, 1))
    full = QSize(
        max(1, round(target.width() * render_scale)),
        max(1, round(target.height() * render_scale)),
    )
    step = target.height() / full.height()
    for top in range(0, full.height(), BAND_PIXELS):
        rows = min(BAND_PIXELS, full.height() - top)
        options = QPdfDocumentRenderOptions()
        options.setScaledSize(full)
        options.setScaledClipRect(QRect(0, top, full.width(), rows))
        band = document.render(page, QSize(full.width(), rows), options)
        if band.isNull():
            raise PrintError(
                QCoreApplication.translate(
                    "common.pdf_printing", "Page {page} could not be rendered."
                ).format(page=page + 1)
            )
        paper = QImage(band.size(), QImage.Format.Format_RGB32)
        paper.fill(QColor("white"))
        composer = QPainter(paper)
        composer.drawImage(0, 0, band)
        composer.end()
        painter.drawImage(
            QRectF(target.x(), target.y() + top * step, target.width(), rows * step), paper
        )


def print_pdf(
    pdf: bytes, printer: QPrinter, progress: Callable[[int, int], None] | None = None
) -> int:
    """Print every chosen page of ``pdf`` on ``printer``; returns the number of pages sent."""
    document = load_pdf(pdf)
    try:
        pages = _pages_to_print(printer, document.pageCount())
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintError(
                QCoreApplication.translate(
                    "common.pdf_printing",
                    "The printer could not be started. Check that it is switched on and "
                    "connected, or choose another printer.",
                )
            )
        try:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            paper = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
            for done, page in enumerate(pages):
                if done:
                    printer.newPage()
                target = _target(paper, document.pagePointSize(page), printer.resolution())
                _draw_page(painter, document, page, target)
                if progress is not None:
                    progress(done + 1, len(pages))
        finally:
            painter.end()
        return len(pages)
    finally:
        document.close()


class PrintSignals(QObject):
    """What a PrintTask reports (emitted from the worker thread, delivered on the UI thread)."""

    progress = Signal(int, int)  # pages done, pages to print
    finished = Signal(int)  # pages printed
    failed = Signal(str)


class PrintTask(QRunnable):
    """Print PDF bytes on a configured QPrinter in a QThreadPool thread."""

    def __init__(self, pdf: bytes, printer: QPrinter) -> None:
        super().__init__()
        self.pdf = pdf
        self.printer = printer  # kept alive here until the task has finished
        self.signals = PrintSignals()  # created on the UI thread, so it lives there

    def run(self) -> None:
        try:
            pages = print_pdf(self.pdf, self.printer, self.signals.progress.emit)
        except PrintError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # report anything else too: the window must not wait forever
            self.signals.failed.emit(
                QCoreApplication.translate("PrintTask", "Printing failed: {exc}").format(exc=exc)
            )
        else:
            self.signals.finished.emit(pages)
