"""Look of the handouts: page sizes, colours and paragraph styles (body text at 11 pt or more)."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from clinic_app.reports.fonts import BOLD, REGULAR, register_fonts

PAGE_SIZES: dict[str, tuple[float, float]] = {"A4": A4, "Letter": letter}
MARGIN_X = 18 * mm
MARGIN_TOP = 16 * mm
MARGIN_BOTTOM = 20 * mm  # room for the footer
RUNNING_HEADER_SPACE = 8 * mm  # pages after the first carry a one-line header

BODY_SIZE = 11.0
BODY_LEADING = 15.0
FURNITURE_SIZE = 9.0  # header and footer lines, not body text

INK = HexColor("#1D2327")
MUTED = HexColor("#4F5B62")
PRIMARY = HexColor("#1F5F6B")
PRIMARY_TINT = HexColor("#EAF3F4")
ZEBRA = HexColor("#F5F8F9")
RULE = HexColor("#C5D2D5")
PERSONAL_TINT = HexColor("#FFF5DB")
PERSONAL_EDGE = HexColor("#D9A21B")
WARNING = HexColor("#A8231A")
WARNING_TINT = HexColor("#FCEBE9")
WHITE: Color = white


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    intro: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    table_heading: ParagraphStyle
    bullet: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_muted: ParagraphStyle
    cell_header: ParagraphStyle
    cell_bullet: ParagraphStyle
    milestone: ParagraphStyle
    checkbox: ParagraphStyle
    note_mark: ParagraphStyle
    fact_label: ParagraphStyle
    fact_value: ParagraphStyle
    clinic_name: ParagraphStyle
    clinic_detail: ParagraphStyle
    clinic_phone: ParagraphStyle
    box_heading: ParagraphStyle
    box_text: ParagraphStyle
    warning_heading: ParagraphStyle
    warning_call: ParagraphStyle


def make_styles() -> Styles:
    """Fresh styles (cheap; ReportLab styles are mutable, so each document gets its own)."""
    register_fonts()
    body = ParagraphStyle(
        "body",
        fontName=REGULAR,
        fontSize=BODY_SIZE,
        leading=BODY_LEADING,
        textColor=INK,
        alignment=TA_LEFT,
        spaceAfter=4,
    )
    cell = ParagraphStyle("cell", parent=body, spaceAfter=0)
    heading = ParagraphStyle(
        "heading",
        parent=body,
        fontName=BOLD,
        fontSize=14,
        leading=18,
        textColor=PRIMARY,
        spaceBefore=12,
        spaceAfter=6,
        keepWithNext=1,
    )
    return Styles(
        body=body,
        intro=ParagraphStyle("intro", parent=body, textColor=MUTED, spaceAfter=8),
        title=ParagraphStyle(
            "title",
            parent=body,
            fontName=BOLD,
            fontSize=20,
            leading=25,
            textColor=PRIMARY,
            spaceBefore=10,
            spaceAfter=4,
        ),
        heading=heading,
        # Over a table: a CondPageBreak keeps it with the first rows instead (content_builders.py).
        table_heading=ParagraphStyle("table_heading", parent=heading, keepWithNext=0),
        bullet=ParagraphStyle(
            "bullet",
            parent=body,
            leftIndent=14,
            bulletIndent=2,
            bulletFontName=REGULAR,
            bulletFontSize=BODY_SIZE,
            spaceAfter=3,
        ),
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=BOLD),
        cell_muted=ParagraphStyle("cell_muted", parent=cell, textColor=MUTED),
        cell_header=ParagraphStyle("cell_header", parent=cell, fontName=BOLD, textColor=WHITE),
        cell_bullet=ParagraphStyle(
            "cell_bullet", parent=cell, leftIndent=11, bulletIndent=0, bulletFontName=REGULAR,
            bulletFontSize=BODY_SIZE,
            spaceAfter=1,
        ),
        milestone=ParagraphStyle(
            "milestone", parent=cell, fontName=BOLD, textColor=PRIMARY, spaceAfter=2
        ),
        checkbox=ParagraphStyle("checkbox", parent=cell, fontSize=15, leading=16),
        note_mark=ParagraphStyle(
            "note_mark", parent=cell, fontName=BOLD, fontSize=13, leading=15,
            textColor=PERSONAL_EDGE,
        ),
        fact_label=ParagraphStyle("fact_label", parent=cell, fontName=BOLD, textColor=MUTED),
        fact_value=ParagraphStyle("fact_value", parent=cell),
        clinic_name=ParagraphStyle(
            "clinic_name", parent=body, fontName=BOLD, fontSize=16, leading=20, textColor=PRIMARY
        ),
        clinic_detail=ParagraphStyle(
            "clinic_detail", parent=cell, textColor=MUTED, alignment=TA_RIGHT
        ),
        clinic_phone=ParagraphStyle("clinic_phone", parent=cell, fontName=BOLD, alignment=TA_RIGHT),
        box_heading=ParagraphStyle(
            "box_heading", parent=body, fontName=BOLD, fontSize=13, leading=17, textColor=PRIMARY
        ),
        box_text=ParagraphStyle("box_text", parent=body, spaceAfter=0),
        warning_heading=ParagraphStyle(
            "warning_heading", parent=body, fontName=BOLD, fontSize=14, leading=18, textColor=WHITE,
            spaceAfter=0,
        ),
        warning_call=ParagraphStyle(
            "warning_call", parent=body, fontName=BOLD, fontSize=15, leading=20, textColor=WARNING,
            spaceBefore=4, spaceAfter=2,
        ),
    )  # fmt: skip
