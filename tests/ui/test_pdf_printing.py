"""Printing PDF bytes through QPrinter: paper, page ranges, copies, and a page that is not blank."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from handout_helpers import dark_share, page_count, rasterise
from pypdf import PdfReader
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter

from clinic_app.domain.care import care_handout, care_loader
from clinic_app.domain.care import care_schedule as cs
from clinic_app.reports.handouts.handouts import Letterhead, render_post_care
from clinic_app.ui.common.pdf_printing import PrintError, load_pdf, match_paper, print_pdf

pytestmark = pytest.mark.gui

LETTERHEAD = Letterhead(name="Skin Studio", phone="020 7946 0000", paper_size="Letter")


@pytest.fixture(scope="module")
def letter_pdf() -> bytes:
    content = cs.build_post_care(
        care_loader.load_post_care(),
        person=care_handout.Person("Ana", "Alba", dt.date(1980, 1, 1)),
        clinic=care_handout.ClinicContact(LETTERHEAD.name, LETTERHEAD.phone),
        treatment_date=dt.date(2026, 12, 1),
        intensity="light",
        areas=["cheeks"],
        issued_on=dt.date(2026, 12, 1),
    )
    return render_post_care(LETTERHEAD, content)


def pdf_printer(path: Path, dpi: int = 100) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(dpi)
    return printer


def test_the_paper_follows_the_document(qapp, letter_pdf, tmp_path) -> None:
    printer = pdf_printer(tmp_path / "x.pdf")
    match_paper(printer, letter_pdf)
    assert printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.Letter
    assert printer.fullPage()


def test_a_page_range_and_copies(qapp, letter_pdf, tmp_path) -> None:
    out = tmp_path / "range.pdf"
    printer = pdf_printer(out)
    match_paper(printer, letter_pdf)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    printer.setCopyCount(2)
    printer.setCollateCopies(True)
    done: list[tuple[int, int]] = []
    assert print_pdf(letter_pdf, printer, lambda page, pages: done.append((page, pages))) == 4
    assert done[-1] == (4, 4) and page_count(out) == 4


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm")
def test_a4_paper_takes_a_letter_page_shrunk_to_fit(qapp, letter_pdf, tmp_path) -> None:
    out = tmp_path / "a4.pdf"
    printer = pdf_printer(out)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setFullPage(True)
    assert print_pdf(letter_pdf, printer) == page_count(letter_pdf)
    first = PdfReader(out).pages[0]
    assert (round(first.mediabox.width), round(first.mediabox.height)) == (595, 842)
    assert dark_share(rasterise(out, tmp_path / "pages")[0]) > 0.02


def test_bytes_that_are_not_a_pdf_are_refused(qapp, tmp_path) -> None:
    with pytest.raises(PrintError, match="cannot be read"):
        load_pdf(b"%PDF-1.4 but not really")
    printer = pdf_printer(tmp_path / "never.pdf")
    with pytest.raises(PrintError):
        print_pdf(b"not a pdf", printer)
    assert not (tmp_path / "never.pdf").exists()
