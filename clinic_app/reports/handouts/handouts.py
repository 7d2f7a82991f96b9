"""The pre-care and post-care handouts as PDF: plain frozen dataclasses in, PDF bytes out.

The content is computed beforehand (``clinic_app.domain.care.care_schedule``, into
``clinic_app.domain.care.care_handout`` values); this module only lays
it out with ReportLab platypus and never touches the database. Every text is escaped before it
reaches a Paragraph, so "<b>" or "&" in a name print as typed. Text the embedded font cannot
draw is refused up front (:class:`~clinic_app.reports.fonts.UnsupportedCharacterError`). The
same input gives byte-identical output (ReportLab's invariant mode: fixed dates and document
id), so a stored handout can be checked against its SHA-256 and reprinted identically.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from clinic_app.domain.care.care_handout import (
    CalendarDay,
    ChecklistEntry,
    Footer,
    PostCareContent,
    PreCareContent,
)
from clinic_app.domain.care.care_text import fill
from clinic_app.reports import styles as look
from clinic_app.reports.fonts import BOLD, REGULAR, check_all
from clinic_app.reports.handouts.flow import CarryRowsTable, LaidOutParagraph, no_widow
from clinic_app.reports.inputs import HandoutRenderError as HandoutRenderError
from clinic_app.reports.inputs import Letterhead as Letterhead
from clinic_app.reports.styles import Styles, make_styles

Content = PreCareContent | PostCareContent
LOGO_MAX_WIDTH = 55 * mm
LOGO_MAX_HEIGHT = 22 * mm
CHECKBOX = "\u2610"  # BALLOT BOX, drawn by DejaVu Sans
NOTE_MARK = "\u2139"  # INFORMATION SOURCE
BULLET = "\u2022"


# ---------------------------------------------------------------------------------------------
# Text


def _markup(text: str) -> str:
    """Paragraph markup that prints ``text`` literally; line breaks are kept."""
    return escape(text).replace("\r\n", "\n").replace("\n", "<br/>")


def _emphasised(text: str, needle: str) -> str:
    """``text`` as markup with every occurrence of ``needle`` in bold."""
    if not needle:
        return _markup(text)
    return f"<b>{_markup(needle)}</b>".join(_markup(part) for part in text.split(needle))


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _strings(getattr(value, field.name), f"{path}.{field.name}".lstrip("."))
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]")


def printed_fields(letterhead: Letterhead, content: Content) -> list[tuple[str, str]]:
    """Every text of a handout with a description of where it comes from, people's first."""
    kind = "pre-care" if isinstance(content, PreCareContent) else "post-care"
    fields = [
        ("patient's first name", content.person.first_name),
        ("patient's last name", content.person.last_name),
        ("clinic's name", letterhead.name),
        ("clinic's address", letterhead.address),
        ("clinic's phone number", letterhead.phone),
        ("clinic's email address", letterhead.email),
    ]
    fields += [(f"'{fact.label}' line", fact.value) for fact in content.facts]
    fields += [
        (f"text of the {kind} instructions ({content.template_version}, {path})", text)
        for path, text in _strings(content, "")
        if not path.startswith(("person.", "facts["))
    ]
    return fields


# ---------------------------------------------------------------------------------------------
# Page furniture: letterhead, running header, footer with "Page X of Y"


@dataclass(frozen=True)
class _Furniture:
    footer: Footer
    clinic_name: str
    clinic_phone: str
    page_size: tuple[float, float]


def _fitted(canvas: Canvas, text: str, font: str, size: float, width: float) -> float:
    """The largest font size up to ``size`` (at least 6 pt) at which ``text`` fits ``width``."""
    while size > 6 and canvas.stringWidth(text, font, size) > width:
        size -= 0.5
    return size


class _HandoutCanvas(Canvas):
    """Keeps every page until the end, then draws header and footer knowing the page count."""

    def __init__(self, *args: Any, furniture: _Furniture, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

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
            phone_width = self.stringWidth(furniture.clinic_phone, BOLD, size)
            name_size = _fitted(self, furniture.clinic_name, BOLD, size, right - left - phone_width)
            self.setFillColor(look.PRIMARY)
            self.setFont(BOLD, name_size)
            self.drawString(left, y, furniture.clinic_name)
            self.setFont(BOLD, size)
            self.drawRightString(right, y, furniture.clinic_phone)
            self.line(left, y - 2.2 * mm, right, y - 2.2 * mm)
        line_y = look.MARGIN_BOTTOM - 6 * mm
        self.line(left, line_y, right, line_y)
        page_text = fill(furniture.footer.page_label, {"page": str(number), "pages": str(total)})
        page_width = self.stringWidth(page_text, BOLD, size)
        patient = furniture.footer.patient_line
        patient_size = _fitted(self, patient, BOLD, size, right - left - page_width - 6 * mm)
        self.setFillColor(look.INK)
        self.setFont(BOLD, patient_size)
        self.drawString(left, line_y - 4.2 * mm, patient)
        self.setFont(BOLD, size)
        self.drawRightString(right, line_y - 4.2 * mm, page_text)
        version = furniture.footer.version_line
        self.setFillColor(look.MUTED)
        self.setFont(REGULAR, _fitted(self, version, REGULAR, 8, right - left))
        self.drawString(left, line_y - 8.4 * mm, version)
        self.restoreState()


def _style(table: Table, commands: list[tuple[Any, ...]]) -> None:
    """Apply ``commands``; cells use the embedded font (ReportLab's default is Helvetica, which
    would be listed in the PDF without being embedded)."""
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, look.BODY_SIZE), *commands]))


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


def _letterhead(letterhead: Letterhead, styles: Styles, width: float) -> Table:
    details: list[Flowable] = [
        LaidOutParagraph(_markup(line.strip()), styles.clinic_detail)
        for line in letterhead.address.splitlines()
        if line.strip()
    ]
    details.append(LaidOutParagraph(_markup(letterhead.phone), styles.clinic_phone))
    if letterhead.email.strip():
        details.append(LaidOutParagraph(_markup(letterhead.email.strip()), styles.clinic_detail))
    name = LaidOutParagraph(_markup(letterhead.name), styles.clinic_name)
    if letterhead.logo:
        right_name = ParagraphStyle("clinic_name_right", parent=styles.clinic_name, alignment=2)
        left: list[Flowable] = [_logo(letterhead.logo)]
        right = [LaidOutParagraph(_markup(letterhead.name), right_name), *details]
    else:
        left, right = [name], details
    table = Table([[left, right]], colWidths=[width * 0.5, width * 0.5])
    _style(
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
# Building blocks


def _title(content: Content, styles: Styles) -> list[Flowable]:
    return [
        LaidOutParagraph(_markup(content.title), styles.title),
        LaidOutParagraph(_markup(no_widow(content.intro)), styles.intro),
    ]


def _facts(content: Content, styles: Styles, width: float) -> Table:
    label_width = max(stringWidth(f.label, BOLD, look.BODY_SIZE) for f in content.facts) + 20
    rows = [
        [
            LaidOutParagraph(_markup(fact.label), styles.fact_label),
            LaidOutParagraph(
                _markup(fact.value), styles.cell_bold if i == 0 else styles.fact_value
            ),
        ]
        for i, fact in enumerate(content.facts)
    ]
    table = Table(rows, colWidths=[label_width, width - label_width])
    _style(
        table,
        [
            ("BACKGROUND", (0, 0), (-1, -1), look.PRIMARY_TINT),
            ("ROUNDEDCORNERS", [5, 5, 5, 5]),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 9),
            ("RIGHTPADDING", (0, 0), (-1, -1), 9),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("TOPPADDING", (0, 0), (-1, 0), 8),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
        ],
    )
    return table


def _bullets(items: Sequence[str], style: ParagraphStyle) -> list[Flowable]:
    return [LaidOutParagraph(_markup(no_widow(item)), style, bulletText=BULLET) for item in items]


def _checklist(
    heading: str,
    entries: Sequence[ChecklistEntry],
    overdue_note: str,
    styles: Styles,
    width: float,
    *,
    personal: bool,
    notes: Sequence[str] = (),
    date_width: float,
) -> Table:
    """Dated steps with a box to tick; undated notes (personal only) follow, marked with "i".

    The heading is the table's first row, repeated when the list runs onto the next page (so
    the boxes there still say whose list they are) and never left alone at a page's foot.
    """
    box_width = 9 * mm
    heading_style = styles.table_heading
    rows: list[list[Any]] = [[LaidOutParagraph(_markup(heading), heading_style), "", ""]]
    for entry in entries:
        text: list[Flowable] = [LaidOutParagraph(_markup(no_widow(entry.text)), styles.cell)]
        if entry.overdue:
            text.append(LaidOutParagraph(_markup(overdue_note), styles.overdue))
        rows.append(
            [
                LaidOutParagraph(CHECKBOX, styles.checkbox),
                [
                    LaidOutParagraph(_markup(entry.when_text), styles.cell_muted),
                    LaidOutParagraph(_markup(entry.date_text), styles.cell_bold),
                ],
                text,
            ]
        )
    first_note = len(rows)
    for note in notes:
        rows.append(
            [
                LaidOutParagraph(NOTE_MARK, styles.note_mark),
                LaidOutParagraph(_markup(no_widow(note)), styles.cell),
                "",
            ]
        )
    widths = [box_width, date_width, width - box_width - date_width]
    table = CarryRowsTable(rows, colWidths=widths, repeatRows=1)
    commands: list[tuple[Any, ...]] = [
        ("SPAN", (0, 0), (-1, 0)),
        *[("SPAN", (1, row), (2, row)) for row in range(first_note, len(rows))],
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
        # The heading row looks like the other headings: flush left, space above.
        ("LEFTPADDING", (0, 0), (-1, 0), 0),
        ("TOPPADDING", (0, 0), (-1, 0), heading_style.spaceBefore),
        ("BOTTOMPADDING", (0, 0), (-1, 0), heading_style.spaceAfter),
        ("LINEBELOW", (0, 1), (-1, -2), 0.5, look.RULE),
    ]
    if personal:
        commands += [
            ("BACKGROUND", (0, 1), (-1, -1), look.PERSONAL_TINT),
            ("LINEBEFORE", (0, 1), (0, -1), 3, look.PERSONAL_EDGE),
        ]
    else:
        commands += [("LINEBELOW", (0, 0), (-1, 0), 0.5, look.RULE)]
        commands += [("LINEBELOW", (0, -1), (-1, -1), 0.5, look.RULE)]
    _style(table, commands)
    return table


def _box(flowables: list[Flowable], width: float) -> Table:
    table = Table([[flowables]], colWidths=[width])
    _style(
        table,
        [
            ("BACKGROUND", (0, 0), (-1, -1), look.PRIMARY_TINT),
            ("BOX", (0, 0), (-1, -1), 1, look.PRIMARY),
            ("ROUNDEDCORNERS", [5, 5, 5, 5]),
            ("LEFTPADDING", (0, 0), (-1, -1), 11),
            ("RIGHTPADDING", (0, 0), (-1, -1), 11),
            ("TOPPADDING", (0, 0), (-1, -1), 9),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
        ],
    )
    return table


def _warning_box(content: PostCareContent, styles: Styles, width: float) -> KeepTogether:
    signs = _bullets(content.warning_signs, styles.bullet)
    call = LaidOutParagraph(_markup(content.warning_call), styles.warning_call)
    after = LaidOutParagraph(_markup(no_widow(content.warning_after)), styles.box_text)
    table = Table(
        [
            [LaidOutParagraph(_markup(content.warning_heading), styles.warning_heading)],
            [[*signs, call, after]],
        ],
        colWidths=[width],
    )
    _style(
        table,
        [
            ("BACKGROUND", (0, 0), (-1, 0), look.WARNING),
            ("BACKGROUND", (0, 1), (-1, 1), look.WARNING_TINT),
            ("BOX", (0, 0), (-1, -1), 2, look.WARNING),
            ("LEFTPADDING", (0, 0), (-1, -1), 11),
            ("RIGHTPADDING", (0, 0), (-1, -1), 11),
            ("TOPPADDING", (0, 0), (-1, 0), 6),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 7),
            ("TOPPADDING", (0, 1), (-1, 1), 9),
            ("BOTTOMPADDING", (0, 1), (-1, 1), 10),
        ],
    )
    return KeepTogether([table])


def _calendar(
    content: PostCareContent, styles: Styles, width: float, days: Sequence[CalendarDay]
) -> Table:
    day_width = max(stringWidth(d.date_text, REGULAR, look.BODY_SIZE) for d in content.days) + 12
    rest = width - day_width
    expect_width = rest * 0.38
    header = [
        LaidOutParagraph(_markup(title), styles.cell_header) for title in content.calendar_columns
    ]
    rows: list[list[Any]] = [header]
    for day in days:
        rows.append(
            [
                [
                    LaidOutParagraph(_markup(day.day_text), styles.cell_bold),
                    LaidOutParagraph(_markup(day.date_text), styles.cell_muted),
                ],
                [LaidOutParagraph(_markup(text), styles.cell) for text in day.expect],
                [LaidOutParagraph(_markup(text), styles.milestone) for text in day.milestones]
                + _bullets(day.do, styles.cell_bullet),
            ]
        )
    widths = [day_width, expect_width, rest - expect_width]
    table = CarryRowsTable(rows, colWidths=widths, repeatRows=1)
    _style(
        table,
        [
            ("BACKGROUND", (0, 0), (-1, 0), look.PRIMARY),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [look.WHITE, look.ZEBRA]),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LINEBELOW", (0, 1), (-1, -1), 0.5, look.RULE),
            ("BOX", (0, 0), (-1, -1), 0.75, look.RULE),
        ],
    )
    return table


def _heading(text: str, styles: Styles) -> Paragraph:
    """A heading kept on the page of the paragraph that follows it."""
    return LaidOutParagraph(_markup(text), styles.heading)


def _height(flowable: Flowable, width: float) -> float:
    return float(flowable.wrap(width, 100_000)[1])


def _table_heading(text: str, first_rows: Table, styles: Styles, width: float) -> list[Flowable]:
    """A heading over a table that may run across pages.

    ``keepWithNext`` would move the heading together with the WHOLE table to the next page and
    leave a gap; instead the heading starts a new page only when it and the table's first rows
    (``first_rows``) do not fit in the space left.
    """
    heading = LaidOutParagraph(_markup(text), styles.table_heading)
    heading_height = _height(heading, width) + styles.table_heading.spaceBefore
    needed = heading_height + styles.table_heading.spaceAfter + _height(first_rows, width)
    return [CondPageBreak(needed + 2), heading]


# ---------------------------------------------------------------------------------------------
# Documents


def _pre_care_story(
    letterhead: Letterhead, content: PreCareContent, styles: Styles, width: float
) -> list[Flowable]:
    story: list[Flowable] = [_letterhead(letterhead, styles, width), *_title(content, styles)]
    story.append(_facts(content, styles, width))
    # One date column width for both lists, so that their columns line up.
    texts = [
        text
        for entry in (*content.personal_items, *content.general_items)
        for text in (entry.date_text, entry.when_text)
    ]
    date_width = max((stringWidth(text, BOLD, look.BODY_SIZE) for text in texts), default=0) + 12
    for heading, entries, notes, personal in (
        (content.personal_heading, content.personal_items, content.personal_notes, True),
        (content.general_heading, content.general_items, (), False),
    ):
        if not entries and not notes:
            continue
        story.append(
            _checklist(
                heading,
                entries,
                content.overdue_note,
                styles,
                width,
                personal=personal,
                notes=notes,
                date_width=date_width,
            )
        )
    # Short closing sections stay whole: a list of four steps is not read across two pages.
    story.append(
        KeepTogether(
            [_heading(content.day_of_heading, styles), *_bullets(content.day_of, styles.bullet)]
        )
    )
    contact = LaidOutParagraph(_emphasised(content.contact_text, letterhead.phone), styles.box_text)
    story.append(
        KeepTogether(
            [
                _heading(content.week_heading, styles),
                LaidOutParagraph(_markup(no_widow(content.week_text)), styles.body),
                Spacer(0, 8),
                _box([contact], width),
            ]
        )
    )
    return story


def _post_care_story(
    letterhead: Letterhead, content: PostCareContent, styles: Styles, width: float
) -> list[Flowable]:
    story: list[Flowable] = [_letterhead(letterhead, styles, width), *_title(content, styles)]
    story.append(_facts(content, styles, width))
    story.append(Spacer(0, 12))
    story.append(_warning_box(content, styles, width))
    first_day = _calendar(content, styles, width, days=content.days[:1])
    story += _table_heading(content.calendar_heading, first_day, styles, width)
    story.append(_calendar(content, styles, width, days=content.days))
    story.append(
        KeepTogether(
            [_heading(content.after_heading, styles), *_bullets(content.after, styles.bullet)]
        )
    )
    return story


def render_handout(letterhead: Letterhead, content: Content) -> bytes:
    """The PDF of a pre-care or post-care handout; identical input gives identical bytes."""
    page_size = look.PAGE_SIZES.get(letterhead.paper_size)
    if page_size is None:
        raise HandoutRenderError(
            f"Paper size '{letterhead.paper_size}' is not supported; "
            f"choose one of {', '.join(look.PAGE_SIZES)} in the clinic's details."
        )
    check_all(printed_fields(letterhead, content))
    styles = make_styles()
    width = page_size[0] - 2 * look.MARGIN_X
    if isinstance(content, PreCareContent):
        story = _pre_care_story(letterhead, content, styles, width)
    else:
        story = _post_care_story(letterhead, content, styles, width)
    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer,
        pagesize=page_size,
        leftMargin=look.MARGIN_X,
        rightMargin=look.MARGIN_X,
        topMargin=look.MARGIN_TOP,
        bottomMargin=look.MARGIN_BOTTOM,
        title=f"{content.title}: {content.person.full_name}",
        author=letterhead.name,
        subject=content.template_version,
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
    furniture = _Furniture(
        footer=content.footer,
        clinic_name=letterhead.name,
        clinic_phone=letterhead.phone,
        page_size=page_size,
    )
    document.build(story, canvasmaker=partial(_HandoutCanvas, furniture=furniture))
    return buffer.getvalue()


def render_pre_care(letterhead: Letterhead, content: PreCareContent) -> bytes:
    """The pre-care handout as PDF bytes."""
    return render_handout(letterhead, content)


def render_post_care(letterhead: Letterhead, content: PostCareContent) -> bytes:
    """The post-care handout as PDF bytes."""
    return render_handout(letterhead, content)
