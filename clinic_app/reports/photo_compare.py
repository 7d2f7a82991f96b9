"""A before/after page for the patient: the same view of two visits side by side, each with its
date and the days since the first treatment. A plain dataclass in, PDF bytes out.

Drawn on one canvas page (no flowing text: every string is drawn as text, never parsed as
markup, so a name with ``<`` or ``&`` prints as typed). The photos keep their proportions in
two equal boxes; JPEG bytes are embedded as they are.
"""

from __future__ import annotations

import datetime as dt
import io

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from clinic_app.reports.fonts import BOLD, REGULAR, check_all, register_fonts
from clinic_app.reports.photo_compare_inputs import ComparePage

MARGIN = 15 * mm
GAP = 8 * mm
CAPTION_SPACE = 22 * mm


def _date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def render_compare(page: ComparePage) -> bytes:
    """The page as PDF bytes; ValueError naming a field whose characters cannot be printed."""
    register_fonts()
    check_all(
        [
            ("clinic name", page.clinic_name),
            ("patient name", page.patient_name),
            ("view", page.view_label),
            ("title", page.title),
            ("footer", page.footer),
            *(
                (f"{which} caption", f"{side.visit_label} {side.days_label}")
                for which, side in (("before", page.before), ("after", page.after))
            ),
        ]
    )
    size = LETTER if page.paper_size.lower() == "letter" else A4
    width, height = size
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=size, invariant=True)
    canvas.setTitle(f"{page.title} — {page.patient_name}")
    canvas.setAuthor(page.clinic_name)
    top = height - MARGIN
    canvas.setFont(BOLD, 11)
    canvas.drawString(MARGIN, top - 11, page.clinic_name)
    canvas.setFont(BOLD, 18)
    canvas.drawString(MARGIN, top - 36, page.title)
    canvas.setFont(REGULAR, 12)
    canvas.drawString(MARGIN, top - 54, f"{page.patient_name} · {page.view_label}")
    boxes_top = top - 70
    box_width = (width - 2 * MARGIN - GAP) / 2
    box_height = boxes_top - MARGIN - CAPTION_SPACE - 10
    placed = []
    for index, side in enumerate((page.before, page.after)):
        left = MARGIN + index * (box_width + GAP)
        scale = min(box_width / max(side.width, 1), box_height / max(side.height, 1))
        drawn_w, drawn_h = side.width * scale, side.height * scale
        placed.append((side, left, left + (box_width - drawn_w) / 2, drawn_w, drawn_h))
    caption_y = boxes_top - max(drawn_h for *_rest, drawn_h in placed) - 16
    for side, left, x, drawn_w, drawn_h in placed:
        image = ImageReader(io.BytesIO(side.image))
        canvas.drawImage(image, x, boxes_top - drawn_h, drawn_w, drawn_h)
        middle = left + box_width / 2
        canvas.setFont(BOLD, 12)
        canvas.drawCentredString(middle, caption_y, _date(side.taken_on))
        canvas.setFont(REGULAR, 10)
        canvas.drawCentredString(middle, caption_y - 14, side.days_label)
        canvas.drawCentredString(middle, caption_y - 27, side.visit_label)
    canvas.setFont(REGULAR, 8)
    footer = page.footer or f"Printed {_date(page.printed_on)}"
    canvas.drawString(MARGIN, MARGIN / 2, footer)
    canvas.showPage()
    canvas.save()
    return out.getvalue()
