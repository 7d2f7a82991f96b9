"""The sections of the pre-care handout as flowables: the two checklists and the closing week.

Built from :mod:`~clinic_app.reports.handouts.content_builders`' blocks; every text is escaped.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer

from clinic_app.domain.care.care_handout import PreCareContent
from clinic_app.reports import styles as look
from clinic_app.reports.fonts import BOLD
from clinic_app.reports.handouts.content_builders import box, bullets, checklist_table, heading
from clinic_app.reports.handouts.flow import LaidOutParagraph, no_widow
from clinic_app.reports.handouts.markup import emphasised, markup
from clinic_app.reports.styles import Styles


def checklists(content: PreCareContent, styles: Styles, width: float) -> list[Flowable]:
    """The personal and the general checklist of the pre-care handout, then the steps that
    should already be done (an empty one is left out), their date columns equally wide."""
    # One date column width for both lists, so that their columns line up.
    texts = [
        text
        for entry in (*content.personal_items, *content.general_items, *content.done_items)
        for text in (entry.date_text, entry.when_text)
    ]
    date_width = max((stringWidth(text, BOLD, look.BODY_SIZE) for text in texts), default=0) + 12
    tables: list[Flowable] = []
    for title, entries, notes, personal in (
        (content.personal_heading, content.personal_items, content.personal_notes, True),
        (content.general_heading, content.general_items, (), False),
        (content.done_heading, content.done_items, (), False),
    ):
        if not entries and not notes:
            continue
        tables.append(
            checklist_table(
                title,
                entries,
                styles,
                width,
                personal=personal,
                notes=notes,
                date_width=date_width,
            )
        )
    return tables


def closing_sections(
    content: PreCareContent, phone: str, styles: Styles, width: float
) -> KeepTogether:
    """The day of the treatment, the recovery time to plan and whom to call (``phone`` in
    bold), kept on one page together: the last page then holds the whole ending of the handout,
    never the contact box alone."""
    contact = LaidOutParagraph(emphasised(content.contact_text, phone), styles.box_text)
    return KeepTogether(
        [
            heading(content.day_of_heading, styles),
            *bullets(content.day_of, styles.bullet),
            heading(content.week_heading, styles),
            LaidOutParagraph(markup(no_widow(content.week_text)), styles.body),
            Spacer(0, 8),
            box([contact], width),
        ]
    )
