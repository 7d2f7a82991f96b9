"""The sections of the post-care handout as flowables: the warning box, what is "just for
you", and the recovery calendar.

Built from :mod:`~clinic_app.reports.handouts.content_builders`' blocks; every text is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Table

from clinic_app.domain.care.care_handout import CalendarDay, PostCareContent
from clinic_app.reports import styles as look
from clinic_app.reports.fonts import BOLD, REGULAR
from clinic_app.reports.handouts.content_builders import (
    bullets,
    checklist_table,
    heading,
    table_heading,
)
from clinic_app.reports.handouts.flow import (
    CarryRowsTable,
    ContinuedTable,
    LaidOutParagraph,
    no_widow,
)
from clinic_app.reports.handouts.markup import markup, style_table
from clinic_app.reports.styles import Styles

FIRST_DAYS_TOGETHER = 3  # the calendar starts on a page with at least its first three days
LAST_DAYS_TOGETHER = 3  # and its last three days go with "In the weeks after"


def warning_box(content: PostCareContent, styles: Styles, width: float) -> KeepTogether:
    """The warning signs, whom to call and what then, in one red box kept on one page."""
    signs = bullets(content.warning_signs, styles.bullet)
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


def personal_section(content: PostCareContent, styles: Styles, width: float) -> list[Flowable]:
    """What the clinical picture says for this patient, tinted like the pre-care handout's own
    list; nothing when there is nothing just for them."""
    if not content.personal:
        return []
    return [
        checklist_table(
            content.personal_heading,
            (),
            styles,
            width,
            personal=True,
            notes=content.personal,
            date_width=0,
        )
    ]


def _calendar(
    content: PostCareContent,
    styles: Styles,
    width: float,
    days: Sequence[CalendarDay],
    *,
    header: bool = True,
    first_index: int = 0,
) -> Table:
    """The recovery calendar of ``days``, its column header (when ``header``) repeated on every
    page; ``first_index`` is the place of the first of ``days`` in the whole calendar, so that
    the rows' zebra stripes run on across a continued table."""
    day_width = max(stringWidth(d.date_text, REGULAR, look.BODY_SIZE) for d in content.days) + 12
    rest = width - day_width
    expect_width = rest * 0.38
    rows: list[list[Any]] = []
    if header:
        titles = content.calendar_columns
        rows.append([LaidOutParagraph(markup(title), styles.cell_header) for title in titles])
    for day in days:
        rows.append(
            [
                [
                    LaidOutParagraph(markup(day.day_text), styles.cell_bold),
                    LaidOutParagraph(markup(day.date_text), styles.cell_muted),
                ],
                [LaidOutParagraph(markup(text), styles.cell) for text in day.expect],
                [LaidOutParagraph(markup(text), styles.milestone) for text in day.milestones]
                + bullets(day.do, styles.cell_bullet),
            ]
        )
    widths = [day_width, expect_width, rest - expect_width]
    table = CarryRowsTable(rows, colWidths=widths, repeatRows=1 if header else 0)
    first = 1 if header else 0
    stripes = [look.WHITE, look.ZEBRA] if first_index % 2 == 0 else [look.ZEBRA, look.WHITE]
    commands: list[tuple[Any, ...]] = [
        ("ROWBACKGROUNDS", (0, first), (-1, -1), stripes),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, first), (-1, -1), 0.5, look.RULE),
        ("BOX", (0, 0), (-1, -1), 0.75, look.RULE),
    ]
    if header:
        commands.insert(0, ("BACKGROUND", (0, 0), (-1, 0), look.PRIMARY))
    style_table(table, commands)
    return table


def calendar_section(content: PostCareContent, styles: Styles, width: float) -> list[Flowable]:
    """The recovery calendar under its heading, then "In the weeks after".

    The heading stays with the calendar's first days (a page does not end with the heading and
    the treatment day alone), and the calendar's last days stay with "In the weeks after" (the
    last page does not hold that list alone): they are a continued table, with the header row
    only when they start a page."""
    days = content.days
    first_days = _calendar(content, styles, width, days=days[:FIRST_DAYS_TOGETHER])
    carried = min(LAST_DAYS_TOGETHER, len(days) - 1)
    head, tail = days[: len(days) - carried], days[len(days) - carried :]
    last_days = ContinuedTable(
        _calendar(content, styles, width, tail, first_index=len(head)),
        _calendar(content, styles, width, tail, header=False, first_index=len(head)),
    )
    after = [heading(content.after_heading, styles), *bullets(content.after, styles.bullet)]
    return [
        *table_heading(content.calendar_heading, first_days, styles, width),
        _calendar(content, styles, width, days=head),
        KeepTogether([last_days, *after] if tail else after),
    ]


def followups_section(content: PostCareContent, styles: Styles, width: float) -> list[Flowable]:
    """The follow-up contacts with their dates, under their heading, kept on one page; nothing
    when the handout has none."""
    block = content.followups
    if block is None or not block.lines:
        return []
    texts = [line.date_text for line in block.lines] + [block.columns[0]]
    date_width = max(stringWidth(text, BOLD, look.BODY_SIZE) for text in texts) + 14
    rows: list[list[Any]] = [
        [LaidOutParagraph(markup(title), styles.cell_header) for title in block.columns]
    ]
    rows += [
        [
            LaidOutParagraph(markup(line.date_text), styles.cell_bold),
            LaidOutParagraph(markup(line.text), styles.cell),
        ]
        for line in block.lines
    ]
    table = Table(rows, colWidths=[date_width, width - date_width], repeatRows=1)
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
    intro = LaidOutParagraph(markup(no_widow(block.intro)), styles.body)
    return [KeepTogether([heading(block.heading, styles), intro, table])]
