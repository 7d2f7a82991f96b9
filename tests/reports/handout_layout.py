"""Layout checks of a rendered handout, shared by the layout tests and the sample scripts.

How full a page is comes from ReportLab itself (``lay_out_handout``'s PageFill: the frame's
cursor as each page ends), so a table's padding, a box's frame or a spacer count as they were
laid out; the PDF is read back with pypdf only to check that the measure is truthful (the lowest
text of each page sits where ReportLab says the content ends) and to count calendar rows.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass

from pypdf import PageObject, PdfReader

from clinic_app.reports import styles as look
from clinic_app.reports.handouts.handouts import Letterhead, lay_out_handout
from clinic_app.reports.handouts.page_templates import PageFill, page_size_of

CREATED = dt.datetime(2026, 11, 10, 9, 0, tzinfo=dt.UTC)  # a fixed creation date
MIN_FILL = 1 / 3  # every page but the last holds at least a third of its frame
MIN_LAST_FILL = 1 / 5  # and the last one more than a stray box or two lines
MIN_FIRST_DAYS = 3  # the calendar starts with its heading and at least three days
CALENDAR_DAY = re.compile(r"\bDay \d+\b")


@dataclass(frozen=True)
class Layout:
    """A rendered handout: the PDF, how full each page is, and the text of each page."""

    pdf: bytes
    fills: tuple[PageFill, ...]
    pages: tuple[str, ...]

    def problems(self, calendar_heading: str | None = None) -> list[str]:
        """What breaks the layout rules, one line per page at fault (empty when none)."""
        found: list[str] = []
        last = len(self.fills)
        for fill in self.fills:
            floor = MIN_LAST_FILL if fill.page == last else MIN_FILL
            if fill.fraction < floor:
                found.append(
                    f"page {fill.page} of {last} holds {fill.fraction:.0%} of its frame "
                    f"(at least {floor:.0%})"
                )
        if calendar_heading is not None:
            for number, text in enumerate(self.pages, start=1):
                if calendar_heading in text:
                    days = len(CALENDAR_DAY.findall(text.split(calendar_heading, 1)[1]))
                    if days < MIN_FIRST_DAYS:
                        found.append(
                            f"page {number} starts the calendar with {days} day(s) "
                            f"(at least {MIN_FIRST_DAYS})"
                        )
        return found


def lay_out(letterhead: Letterhead, content: object) -> Layout:
    """Render ``content`` and read its pages back."""
    pdf, fills = lay_out_handout(letterhead, content, created=CREATED)  # type: ignore[arg-type]
    pages = tuple(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return Layout(pdf, fills, pages)


def _baselines(page: PageObject, low: float, high: float) -> list[float]:
    """The baselines of the texts drawn on ``page`` between the heights ``low`` and ``high``."""
    found: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]  # the text matrix in page space
        if text.strip() and low <= y <= high:
            found.append(y)

    page.extract_text(visitor_text=visit)
    return found


def lowest_text(pdf: bytes, letterhead: Letterhead) -> list[float]:
    """Per page, the distance from the frame's top down to the lowest body text baseline (the
    footer under the frame and the running header above it left out), in points."""
    _width, height = page_size_of(letterhead)
    result: list[float] = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):
        top = height - look.MARGIN_TOP - (look.RUNNING_HEADER_SPACE if number > 1 else 0)
        baselines = _baselines(page, look.MARGIN_BOTTOM, top)
        result.append(top - min(baselines) if baselines else 0.0)
    return result
