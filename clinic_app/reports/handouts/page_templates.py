"""The handouts' pages: paper size, letterhead, frames, running header and "Page X of Y" footer.

What is printed on the pages (the story) comes from the content builders; this module gives it
a first page with the clinic's letterhead and later pages with a one-line running header, and
draws on every page a footer that knows the page count. It also reports how full each page's
frame is (:class:`PageFill`, read from ReportLab's own frame cursor as each page ends), which
the layout tests use to refuse near-empty pages.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from functools import partial
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, Image, PageTemplate, Table

from clinic_app.domain.care.care_handout import Footer
from clinic_app.domain.care.care_text import fill
from clinic_app.reports import styles as look
from clinic_app.reports.fonts import BOLD, REGULAR
from clinic_app.reports.handouts.flow import LaidOutParagraph
from clinic_app.reports.handouts.markup import markup, style_table
from clinic_app.reports.inputs import HandoutRenderError, Letterhead
from clinic_app.reports.styles import Styles

LOGO_MAX_WIDTH = 55 * mm
LOGO_MAX_HEIGHT = 22 * mm


def page_size_of(letterhead: Letterhead) -> tuple[float, float]:
    """The page size of the clinic's paper; HandoutRenderError for a size not supported."""
    page_size = look.PAGE_SIZES.get(letterhead.paper_size)
    if page_size is None:
        raise HandoutRenderError(
            f"Paper size '{letterhead.paper_size}' is not supported; "
            f"choose one of {', '.join(look.PAGE_SIZES)} in the clinic's details."
        )
    return page_size


def content_width(page_size: tuple[float, float]) -> float:
    """The width of the frames, between the side margins."""
    return float(page_size[0] - 2 * look.MARGIN_X)


# ---------------------------------------------------------------------------------------------
# Letterhead: the first flowable of the first page


def _logo(data: bytes) -> Image:
    try:
        reader = ImageReader(io.BytesIO(data))
        image_width, image_height = reader.getSize()
    except Exception as exc:  # Pillow and ReportLab raise many kinds for a damaged image
        raise HandoutRenderError(
            "The clinic's logo cannot be read as a PNG or JPEG image; choose the logo again "
            "in the clinic's details."
        ) from exc
    scale = min(LOGO_MAX_WIDTH / image_width, LOGO_MAX_HEIGHT / image_height)
    image = Image(io.BytesIO(data), width=image_width * scale, height=image_height * scale)
    image.hAlign = "LEFT"
    return image


def letterhead_table(letterhead: Letterhead, styles: Styles, width: float) -> Table:
    """The clinic's name (or logo) and contact details over a rule, at the top of page one."""
    details: list[Flowable] = [
        LaidOutParagraph(markup(line.strip()), styles.clinic_detail)
        for line in letterhead.address.splitlines()
        if line.strip()
    ]
    details.append(LaidOutParagraph(markup(letterhead.phone), styles.clinic_phone))
    if letterhead.email.strip():
        details.append(LaidOutParagraph(markup(letterhead.email.strip()), styles.clinic_detail))
    name = LaidOutParagraph(markup(letterhead.name), styles.clinic_name)
    if letterhead.logo:
        right_name = ParagraphStyle("clinic_name_right", parent=styles.clinic_name, alignment=2)
        left: list[Flowable] = [_logo(letterhead.logo)]
        right = [LaidOutParagraph(markup(letterhead.name), right_name), *details]
    else:
        left, right = [name], details
    table = Table([[left, right]], colWidths=[width * 0.5, width * 0.5])
    style_table(
        table,
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ("LINEBELOW", (0, 0), (-1, 0), 1.5, look.PRIMARY),
        ],
    )
    return table


# ---------------------------------------------------------------------------------------------
# Page furniture: running header, footer with "Page X of Y"


@dataclass(frozen=True)
class PageFill:
    """How much of one page's frame the story filled, in points, as ReportLab laid it out."""

    page: int
    frame_height: float
    used_height: float

    @property
    def fraction(self) -> float:
        """The share of the frame's height that holds content (0 to 1)."""
        return self.used_height / self.frame_height if self.frame_height else 0.0


@dataclass(frozen=True)
class PageFurniture:
    """What the header and footer of every page print."""

    footer: Footer
    clinic_name: str
    clinic_phone: str
    page_size: tuple[float, float]
    created: dt.datetime  # the PDF's creation date: when the handout was prepared


MIN_FURNITURE_SIZE = 6.0  # the smallest size a header or footer line shrinks to
ELLIPSIS = "\u2026"
GAP = 4 * mm  # between two texts on one header or footer line


def _fitted(canvas: Canvas, text: str, font: str, size: float, width: float) -> tuple[str, float]:
    """``text`` and the largest font size up to ``size`` (at least MIN_FURNITURE_SIZE) at which
    it fits ``width``; a text too wide even then is shortened in the middle with an ellipsis,
    so its start and its end (a name's birth date, a version's date) still print."""
    width = max(0.0, width)
    while size > MIN_FURNITURE_SIZE and canvas.stringWidth(text, font, size) > width:
        size = max(MIN_FURNITURE_SIZE, size - 0.5)
    if canvas.stringWidth(text, font, size) <= width:
        return text, size
    keep = len(text)
    while keep > 0:
        keep -= 1
        head = (keep + 1) // 2
        shortened = text[:head].rstrip() + ELLIPSIS + text[len(text) - (keep - head) :].lstrip()
        if canvas.stringWidth(shortened, font, size) <= width:
            return shortened, size
    return "", size


class _HandoutCanvas(Canvas):
    """Keeps every page until the end, then draws header and footer knowing the page count."""

    def __init__(self, *args: Any, furniture: PageFurniture, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        # Invariant mode fixes the document id, and would date the file 2000-01-01: the date is
        # the instant the handout was prepared instead (part of the input, so bytes repeat).
        stamp = furniture.created.astimezone(dt.UTC).strftime("D:%Y%m%d%H%M%S+00'00'")
        self.setDateFormatter(lambda *_parts: stamp)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # Canvas internals, not in the stubs

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._draw_furniture(number, total)
            super().showPage()
        super().save()

    def _draw_furniture(self, number: int, total: int) -> None:
        furniture = self._furniture
        width, height = furniture.page_size
        left, right = look.MARGIN_X, width - look.MARGIN_X
        size = look.FURNITURE_SIZE
        self.saveState()
        self.setLineWidth(0.6)
        self.setStrokeColor(look.RULE)
        if number > 1:
            y = height - look.MARGIN_TOP
            # The phone is what a worried patient needs: whole, and at most half the line.
            phone, phone_size = _fitted(
                self, furniture.clinic_phone, BOLD, size, (right - left) / 2
            )
            phone_width = self.stringWidth(phone, BOLD, phone_size)
            name, name_size = _fitted(
                self, furniture.clinic_name, BOLD, size, right - left - phone_width - GAP
            )
            self.setFillColor(look.PRIMARY)
            self.setFont(BOLD, name_size)
            self.drawString(left, y, name)
            self.setFont(BOLD, phone_size)
            self.drawRightString(right, y, phone)
            self.line(left, y - 2.2 * mm, right, y - 2.2 * mm)
        line_y = look.MARGIN_BOTTOM - 6 * mm
        self.line(left, line_y, right, line_y)
        page_text = fill(furniture.footer.page_label, {"page": str(number), "pages": str(total)})
        page_width = self.stringWidth(page_text, BOLD, size)
        patient, patient_size = _fitted(
            self, furniture.footer.patient_line, BOLD, size, right - left - page_width - GAP
        )
        self.setFillColor(look.INK)
        self.setFont(BOLD, patient_size)
        self.drawString(left, line_y - 4.2 * mm, patient)
        self.setFont(BOLD, size)
        self.drawRightString(right, line_y - 4.2 * mm, page_text)
        version, version_size = _fitted(
            self, furniture.footer.version_line, REGULAR, 8, right - left
        )
        self.setFillColor(look.MUTED)
        self.setFont(REGULAR, version_size)
        self.drawString(left, line_y - 8.4 * mm, version)
        self.restoreState()


# ---------------------------------------------------------------------------------------------
# The document: two page templates, built in ReportLab's invariant mode (dated by the input)


class _MeasuredDocument(BaseDocTemplate):
    """A document that notes, as each page ends, how far down its frame the story reached.

    The frame's cursor (``Frame._y``) sits under the last flowable drawn on the page, so the
    used height is the distance from the frame's top to it: exact, whatever the flowables are
    (tables, boxes, paragraphs), with no guessing from the drawn PDF."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fills: list[PageFill] = []

    def afterPage(self) -> None:
        frame: Any = self.frame  # set by BaseDocTemplate as the pages run
        top = frame._y2 - frame._topPadding
        self.fills.append(
            PageFill(
                page=len(self.fills) + 1,
                frame_height=float(frame._aH),
                used_height=float(max(0.0, top - frame._y)),
            )
        )


def build_pdf(
    story: list[Flowable],
    furniture: PageFurniture,
    *,
    title: str,
    author: str,
    subject: str,
) -> tuple[bytes, tuple[PageFill, ...]]:
    """Lay ``story`` out on a first page and later pages; identical input, identical bytes.

    Returns the PDF and how full each page's frame is."""
    page_size = furniture.page_size
    width = content_width(page_size)
    buffer = io.BytesIO()
    document = _MeasuredDocument(
        buffer,
        pagesize=page_size,
        leftMargin=look.MARGIN_X,
        rightMargin=look.MARGIN_X,
        topMargin=look.MARGIN_TOP,
        bottomMargin=look.MARGIN_BOTTOM,
        title=title,
        author=author,
        subject=subject,
        creator="clinic-app",
        invariant=1,
        # Otherwise the canvas starts in Helvetica, a font that is listed but not embedded.
        initialFontName=REGULAR,
        initialFontSize=look.BODY_SIZE,
    )
    frame_height = page_size[1] - look.MARGIN_TOP - look.MARGIN_BOTTOM
    first = Frame(
        look.MARGIN_X, look.MARGIN_BOTTOM, width, frame_height, id="first",
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
    )  # fmt: skip
    later = Frame(
        look.MARGIN_X, look.MARGIN_BOTTOM, width, frame_height - look.RUNNING_HEADER_SPACE,
        id="later", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
    )  # fmt: skip
    document.addPageTemplates(
        [
            PageTemplate(id="first", frames=[first], autoNextPageTemplate="later"),
            PageTemplate(id="later", frames=[later]),
        ]
    )
    document.build(story, canvasmaker=partial(_HandoutCanvas, furniture=furniture))
    return buffer.getvalue(), tuple(document.fills)
