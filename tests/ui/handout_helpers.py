"""Shared by the handout GUI tests: scripted save/print dialogs, PDF reading, rasterising."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

from PIL import Image, ImageChops, ImageFilter
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QWidget

from clinic_app.ui.handouts.preview import HandoutPreview, PreviewDialogs

PRINT_DPI = 150


class ScriptedPreviewDialogs(PreviewDialogs):
    """Answers "save where?" from ``save_paths`` and sends prints to the PDF files of
    ``print_files`` (QPrinter.OutputFormat.PdfFormat) instead of showing Qt's dialogs."""

    def __init__(self) -> None:
        super().__init__()
        self.save_paths: list[Path | None] = []
        self.suggested: list[Path] = []
        self.print_files: list[Path] = []
        self.page_counts: list[int] = []

    def save_path(self, parent: QWidget, suggested: Path) -> Path | None:
        self.suggested.append(suggested)
        if not self.save_paths:
            raise AssertionError(f"unexpected save dialog (suggested {suggested})")
        return self.save_paths.pop(0)

    def setup_printer(self, parent: QWidget, printer: QPrinter, pages: int) -> bool:
        self.page_counts.append(pages)
        if not self.print_files:
            return False  # "Cancel"
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.print_files.pop(0)))
        printer.setResolution(PRINT_DPI)
        return True


def previews() -> list[HandoutPreview]:
    """The handout previews on screen."""
    return [
        widget
        for widget in QApplication.topLevelWidgets()
        if isinstance(widget, HandoutPreview) and widget.isVisible()
    ]


def pdf_text(pdf: bytes | Path) -> str:
    """All text of a PDF, runs of white space made single spaces."""
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def page_count(pdf: bytes | Path) -> int:
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    return len(PdfReader(io.BytesIO(data)).pages)


def rasterise(pdf: Path, folder: Path, dpi: int = 40) -> list[Image.Image]:
    """Every page of ``pdf`` as a greyscale image (pdftoppm)."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / pdf.stem
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", str(pdf), str(stem)], check=True, timeout=120
    )
    return [Image.open(path).convert("L") for path in sorted(folder.glob(f"{pdf.stem}*.pgm"))]


def dark_share(image: Image.Image) -> float:
    """The share of pixels darker than mid-grey (0 for a blank page)."""
    histogram = image.histogram()
    return sum(histogram[:128]) / (image.width * image.height)


def mean_difference(first: Image.Image, second: Image.Image) -> float:
    """Mean absolute grey-level difference (0..255) of two same-size images, slightly blurred so
    that anti-aliasing does not count but a page moved by a millimetre does."""
    assert first.size == second.size, (first.size, second.size)
    soft = ImageFilter.GaussianBlur(1.5)
    difference = ImageChops.difference(first.filter(soft), second.filter(soft))
    return sum(difference.tobytes()) / (first.width * first.height)


def best_offset(first: Image.Image, second: Image.Image, reach: int = 2) -> tuple[int, int]:
    """The shift (dx, dy) in pixels of ``first`` that best matches ``second``."""
    shifts = [(dx, dy) for dx in range(-reach, reach + 1) for dy in range(-reach, reach + 1)]
    return min(shifts, key=lambda s: mean_difference(ImageChops.offset(first, *s), second))
