"""The content of the handouts as flowables: one builder for each section of each handout.

Every text is escaped (:func:`~clinic_app.reports.handouts.markup.markup`) before it reaches a
Paragraph; the builders know nothing of pages, which
:mod:`clinic_app.reports.handouts.page_templates` lays them out on.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table

from clinic_app.domain.care.care_handout import (
    CalendarDay,
    ChecklistEntry,
    PostCareContent,
    PreCareContent,
)
from clinic_app.reports import styles as look
from clinic_app.reports.fonts import BOLD, REGULAR
from clinic_app.reports.handouts.flow import CarryRowsTable, LaidOutParagraph, no_widow
from clinic_app.reports.handouts.markup import emphasised, markup, style_table
from clinic_app.reports.styles import Styles

Content = PreCareContent | PostCareContent
CHECKBOX = "\u2610"  # BALLOT BOX, drawn by DejaVu Sans
NOTE_MARK = "\u2139"  # INFORMATION SOURCE
BULLET = "\u2022"


# ---------------------------------------------------------------------------------------------
# Building blocks


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


def _bullets(items: Sequence[str], style: ParagraphStyle) -> list[Flowable]:
    """One bulleted paragraph per item."""
    return [LaidOutParagraph(markup(no_widow(item)), style, bulletText=BULLET) for item in items]


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
    rows: list[list[Any]] = [[LaidOutParagraph(markup(heading), heading_style), "", ""]]
    for entry in entries:
        text: list[Flowable] = [LaidOutParagraph(markup(no_widow(entry.text)), styles.cell)]
        if entry.overdue:
            text.append(LaidOutParagraph(markup(overdue_note), styles.overdue))
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


def _box(flowables: list[Flowable], width: float) -> Table:
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


def warning_box(content: PostCareContent, styles: Styles, width: float) -> KeepTogether:
    """The warning signs, whom to call and what then, in one red box kept on one page."""
    signs = _bullets(content.warning_signs, styles.bullet)
    call = LaidOutParagraph(markup(content.warning_call), styles.warning_call)
    after = LaidOutParagraph(markup(no_widow(content.warning_after)), styles.box_text)
    table = Table(
        [
            [LaidOutParagraph(markup(content.warning_heading), styles.warning_heading)],
            [[*signs, call, after]],
        ],
        colWidths=[width],
    )
    style_table(
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
    """The recovery calendar of ``days``, its column header repeated on every page."""
    day_width = max(stringWidth(d.date_text, REGULAR, look.BODY_SIZE) for d in content.days) + 12
    rest = width - day_width
    expect_width = rest * 0.38
    header = [
        LaidOutParagraph(markup(title), styles.cell_header) for title in content.calendar_columns
    ]
    rows: list[list[Any]] = [header]
    for day in days:
        rows.append(
            [
                [
                    LaidOutParagraph(markup(day.day_text), styles.cell_bold),
                    LaidOutParagraph(markup(day.date_text), styles.cell_muted),
                ],
                [LaidOutParagraph(markup(text), styles.cell) for text in day.expect],
                [LaidOutParagraph(markup(text), styles.milestone) for text in day.milestones]
                + _bullets(day.do, styles.cell_bullet),
            ]
        )
    widths = [day_width, expect_width, rest - expect_width]
    table = CarryRowsTable(rows, colWidths=widths, repeatRows=1)
    style_table(
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
    return LaidOutParagraph(markup(text), styles.heading)


def _height(flowable: Flowable, width: float) -> float:
    """The height of ``flowable`` laid out at ``width``."""
    return float(flowable.wrap(width, 100_000)[1])


def _table_heading(text: str, first_rows: Table, styles: Styles, width: float) -> list[Flowable]:
    """A heading over a table that may run across pages.

    ``keepWithNext`` would move the heading together with the WHOLE table to the next page and
    leave a gap; instead the heading starts a new page only when it and the table's first rows
    (``first_rows``) do not fit in the space left.
    """
    heading = LaidOutParagraph(markup(text), styles.table_heading)
    heading_height = _height(heading, width) + styles.table_heading.spaceBefore
    needed = heading_height + styles.table_heading.spaceAfter + _height(first_rows, width)
    return [CondPageBreak(needed + 2), heading]


# ---------------------------------------------------------------------------------------------
# Sections made of several blocks


def checklists(content: PreCareContent, styles: Styles, width: float) -> list[Flowable]:
    """The personal and the general checklist of the pre-care handout (an empty one is left
    out), their date columns equally wide."""
    # One date column width for both lists, so that their columns line up.
    texts = [
        text
        for entry in (*content.personal_items, *content.general_items)
        for text in (entry.date_text, entry.when_text)
    ]
    date_width = max((stringWidth(text, BOLD, look.BODY_SIZE) for text in texts), default=0) + 12
    tables: list[Flowable] = []
    for heading, entries, notes, personal in (
        (content.personal_heading, content.personal_items, content.personal_notes, True),
        (content.general_heading, content.general_items, (), False),
    ):
        if not entries and not notes:
            continue
        tables.append(
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
    return tables


def closing_list(heading: str, items: Sequence[str], styles: Styles) -> KeepTogether:
    """A heading and its bullets, kept whole: a list of four steps is not read across two
    pages."""
    return KeepTogether([_heading(heading, styles), *_bullets(items, styles.bullet)])


def week_section(content: PreCareContent, phone: str, styles: Styles, width: float) -> KeepTogether:
    """The week before the treatment, then whom to call (``phone`` in bold), kept whole."""
    contact = LaidOutParagraph(emphasised(content.contact_text, phone), styles.box_text)
    return KeepTogether(
        [
            _heading(content.week_heading, styles),
            LaidOutParagraph(markup(no_widow(content.week_text)), styles.body),
            Spacer(0, 8),
            _box([contact], width),
        ]
    )


def calendar_section(content: PostCareContent, styles: Styles, width: float) -> list[Flowable]:
    """The recovery calendar under its heading, which stays with the calendar's first day."""
    first_day = _calendar(content, styles, width, days=content.days[:1])
    return [
        *_table_heading(content.calendar_heading, first_day, styles, width),
        _calendar(content, styles, width, days=content.days),
    ]
