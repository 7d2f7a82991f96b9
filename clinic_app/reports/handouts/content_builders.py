"""The building blocks of the handouts as flowables: title, facts, bullets, boxes, headings and
the tinted, ticked list that both handouts use for what is "just for you".

Every text is escaped (:func:`~clinic_app.reports.handouts.markup.markup`) before it reaches a
Paragraph; the builders know nothing of pages, which
:mod:`clinic_app.reports.handouts.page_templates` lays them out on. The sections of each handout
are built in :mod:`~clinic_app.reports.handouts.pre_care_builders` and
:mod:`~clinic_app.reports.handouts.post_care_builders`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table

from clinic_app.domain.care.care_handout import ChecklistEntry, PostCareContent, PreCareContent
from clinic_app.reports import styles as look
from clinic_app.reports.fonts import BOLD
from clinic_app.reports.handouts.flow import CarryRowsTable, LaidOutParagraph, no_widow
from clinic_app.reports.handouts.markup import markup, style_table
from clinic_app.reports.styles import Styles

Content = PreCareContent | PostCareContent
CHECKBOX = "\u2610"  # BALLOT BOX, drawn by DejaVu Sans
NOTE_MARK = "\u2139"  # INFORMATION SOURCE
BULLET = "\u2022"


def title_block(content: Content, styles: Styles) -> list[Flowable]:
    """The handout's title and its introduction."""
    return [
        LaidOutParagraph(markup(content.title), styles.title),
        LaidOutParagraph(markup(no_widow(content.intro)), styles.intro),
    ]


def facts_table(content: Content, styles: Styles, width: float) -> Table:
    """The facts box: a label and a value a line, the first value in bold."""
    label_width = max(stringWidth(f.label, BOLD, look.BODY_SIZE) for f in content.facts) + 20
    rows = [
        [
            LaidOutParagraph(markup(fact.label), styles.fact_label),
            LaidOutParagraph(markup(fact.value), styles.cell_bold if i == 0 else styles.fact_value),
        ]
        for i, fact in enumerate(content.facts)
    ]
    table = Table(rows, colWidths=[label_width, width - label_width])
    style_table(
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


def bullets(items: Sequence[str], style: ParagraphStyle) -> list[Flowable]:
    """One bulleted paragraph per item."""
    return [LaidOutParagraph(markup(no_widow(item)), style, bulletText=BULLET) for item in items]


def checklist_table(
    heading: str,
    entries: Sequence[ChecklistEntry],
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
    rows: list[list[Any]] = [[LaidOutParagraph(markup(heading), heading_style), "", ""]]
    for entry in entries:
        text: list[Flowable] = [LaidOutParagraph(markup(no_widow(entry.text)), styles.cell)]
        rows.append(
            [
                LaidOutParagraph(CHECKBOX, styles.checkbox),
                [
                    LaidOutParagraph(markup(entry.when_text), styles.cell_muted),
                    LaidOutParagraph(markup(entry.date_text), styles.cell_bold),
                ],
                text,
            ]
        )
    first_note = len(rows)
    for note in notes:
        rows.append(
            [
                LaidOutParagraph(NOTE_MARK, styles.note_mark),
                LaidOutParagraph(markup(no_widow(note)), styles.cell),
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
    style_table(table, commands)
    return table


def box(flowables: list[Flowable], width: float) -> Table:
    """``flowables`` in a tinted box with a frame."""
    table = Table([[flowables]], colWidths=[width])
    style_table(
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


def heading(text: str, styles: Styles) -> Paragraph:
    """A heading kept on the page of the paragraph that follows it."""
    return LaidOutParagraph(markup(text), styles.heading)


def height(flowable: Flowable, width: float) -> float:
    """The height of ``flowable`` laid out at ``width``."""
    return float(flowable.wrap(width, 100_000)[1])


def table_heading(text: str, first_rows: Table, styles: Styles, width: float) -> list[Flowable]:
    """A heading over a table that may run across pages.

    ``keepWithNext`` would move the heading together with the WHOLE table to the next page and
    leave a gap; instead the heading starts a new page only when it and the table's first rows
    (``first_rows``) do not fit in the space left.
    """
    heading = LaidOutParagraph(markup(text), styles.table_heading)
    heading_height = height(heading, width) + styles.table_heading.spaceBefore
    needed = heading_height + styles.table_heading.spaceAfter + height(first_rows, width)
    return [CondPageBreak(needed + 2), heading]
