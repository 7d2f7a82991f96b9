"""The printed copy of a signed informed consent: a plain dataclass in, PDF bytes out.

The clinic's letterhead on page one (as on the handouts), the frozen text as it was signed
(marked lines: ``# `` title, ``## `` heading, ``- `` item, ``! `` a risk particular to the
patient, printed highlighted), the photo ticks, both signatures drawn as vectors from their
strokes with the typed name under each, and a footer on every page with the SHA-256 and
"Page X of Y". Every text is escaped before it reaches a Paragraph.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from clinic_app.domain.care.care_handout import Footer
from clinic_app.reports import styles as look
from clinic_app.reports.consent_inputs import ConsentPrint, SignaturePrint
from clinic_app.reports.fonts import BOLD, check_all
from clinic_app.reports.handouts.markup import markup, style_table
from clinic_app.reports.handouts.page_templates import (
    PageFurniture,
    build_pdf,
    content_width,
    letterhead_table,
    page_size_of,
)
from clinic_app.reports.inputs import Letterhead
from clinic_app.reports.styles import Styles, make_styles

PAD_HEIGHT = 28 * mm
HIGHLIGHT = colors.HexColor("#FFF4D6")


class SignatureDrawing(Flowable):
    """The strokes of a signature, scaled into a box, drawn as vector lines."""

    def __init__(self, signature: SignaturePrint, width: float, height: float) -> None:
        super().__init__()
        self.signature = signature
        self.width = width
        self.height = height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(look.RULE)
        canvas.setLineWidth(0.6)
        canvas.line(0, 2, self.width, 2)
        sig = self.signature
        if sig.width > 0 and sig.height > 0:
            scale = min(self.width / sig.width, self.height / sig.height)
            canvas.setStrokeColor(colors.black)
            canvas.setLineWidth(1.1)
            canvas.setLineCap(1)
            canvas.setLineJoin(1)
            for stroke in sig.strokes:
                if not stroke:
                    continue
                path = canvas.beginPath()
                x0, y0 = stroke[0]
                path.moveTo(x0 * scale, self.height - y0 * scale)
                for x, y in stroke[1:] or stroke:
                    path.lineTo(x * scale, self.height - y * scale)
                canvas.drawPath(path, stroke=1, fill=0)
        canvas.restoreState()


def _text_story(text: str, styles: Styles, width: float) -> list[Flowable]:
    story: list[Flowable] = []
    highlighted = ParagraphStyle(
        "particular", parent=styles.body, backColor=HIGHLIGHT, borderPadding=3, leftIndent=3
    )
    for line in text.splitlines():
        if not line.strip():
            continue
        if line.startswith("# "):
            story.append(Paragraph(markup(line[2:]), styles.title))
        elif line.startswith("## "):
            story.append(Paragraph(markup(line[3:]), styles.heading))
        elif line.startswith("- "):
            story.append(Paragraph(markup(line[2:]), styles.bullet, bulletText="\u2022"))
        elif line.startswith("! "):
            story.append(Paragraph("<b>!</b> " + markup(line[2:]), highlighted))
            story.append(Spacer(0, 4))
        else:
            story.append(Paragraph(markup(line), styles.body))
    return story


def _signature_table(signatures: Sequence[SignaturePrint], styles: Styles, width: float) -> Table:
    column = width / max(1, len(signatures))
    cells: list[list[Flowable]] = []
    for sig in signatures:
        cells.append(
            [
                Paragraph(markup(sig.heading), styles.cell_muted),
                SignatureDrawing(sig, column - 8 * mm, PAD_HEIGHT),
                Paragraph(markup(sig.name), styles.cell_bold),
            ]
        )
    table = Table([cells], colWidths=[column] * len(cells))
    style_table(table, [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    return table


def printed_fields(letterhead: Letterhead, content: ConsentPrint) -> list[tuple[str, str]]:
    """Every printed text with a description of where it comes from, people's first."""
    fields = [(f"name under '{s.heading}'", s.name) for s in content.signatures]
    fields += [
        ("clinic's name", letterhead.name),
        ("clinic's address", letterhead.address),
        ("clinic's phone number", letterhead.phone),
        ("text of the consent", content.text),
        ("footer", content.patient_line),
    ]
    return fields


def render_consent(
    letterhead: Letterhead, content: ConsentPrint, *, created: dt.datetime | None = None
) -> bytes:
    """The PDF of a signed consent, dated ``created`` (default: now); same input, same bytes."""
    page_size = page_size_of(letterhead)
    check_all(printed_fields(letterhead, content))
    styles = make_styles()
    width = content_width(page_size)
    story: list[Flowable] = [letterhead_table(letterhead, styles, width), Spacer(0, 6)]
    story += _text_story(content.text, styles, width)
    story.append(Spacer(0, 8))
    for ticked, label in content.ticks:
        mark = "\u2612" if ticked else "\u2610"
        story.append(Paragraph(f"<font name='{BOLD}'>{mark}</font> " + markup(label), styles.body))
    closing: list[Flowable] = [
        Spacer(0, 10),
        Paragraph(markup(content.signed_line), styles.body),
        Spacer(0, 4),
        _signature_table(content.signatures, styles, width),
    ]
    story.append(KeepTogether(closing))
    furniture = PageFurniture(
        footer=Footer(content.patient_line, content.version_line, content.page_label),
        clinic_name=letterhead.name,
        clinic_phone=letterhead.phone,
        page_size=page_size,
        created=created or dt.datetime.now(dt.UTC),
    )
    pdf, _fills = build_pdf(
        story, furniture, title=content.title, author=letterhead.name, subject="informed consent"
    )
    return pdf
