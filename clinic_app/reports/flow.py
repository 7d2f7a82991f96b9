"""Typographic care for the handouts: no word alone on a last line, no row alone on a page."""

from __future__ import annotations

import re
from typing import Any

from reportlab.platypus import Flowable, Table

NO_BREAK_SPACE = "\u00a0"
WIDOW_MAX_CHARS = 18  # two longer last words may still break apart (narrow cells stay safe)
# What must not break across lines: a printed date ("Tue 29 Dec 2026", "14 Mar 1980", see
# care_schedule.format_date), a sun protection factor ("SPF 30+"), a temperature ("38 °C").
_UNBREAKABLE = re.compile(
    r"\b(?:[A-Z][a-z]{2} )?\d{1,2} [A-Z][a-z]{2} \d{4}\b|\bSPF \d+\+?|\d °[CF]\b"
)


def keep_together(text: str) -> str:
    """``text`` with the spaces inside dates, "SPF 30+" and temperatures made no-break."""
    return _UNBREAKABLE.sub(lambda match: match.group(0).replace(" ", NO_BREAK_SPACE), text)


def no_widow(text: str) -> str:
    """``text`` with its last two words joined by a no-break space, so that a paragraph never
    ends with one short word alone on its last line, and with no date broken across lines."""
    text = keep_together(text)
    head, space, last = text.rstrip().rpartition(" ")
    before = head.rpartition(" ")[2]
    if not space or "\n" in last or len(before) + len(last) > WIDOW_MAX_CHARS:
        return text
    return f"{head}{NO_BREAK_SPACE}{last}"


class CarryRowsTable(Table):
    """A table that, broken across pages, carries at least ``carry_rows`` rows to the next page
    (a lone last row under a repeated header reads like a mistake)."""

    carry_rows = 2

    def _header_rows(self) -> int:
        repeat: Any = self.repeatRows
        return repeat if isinstance(repeat, int) else max(repeat) + 1

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(availWidth, availHeight)
        if len(parts) != 2:
            return parts
        head, tail = parts
        header = self._header_rows()
        carried = len(tail._cellvalues) - header
        if carried >= self.carry_rows:
            return parts
        keep = len(head._cellvalues) - (self.carry_rows - carried)
        if keep <= header:
            return []  # too little room: the whole table moves on
        return list(super().split(availWidth, sum(self._rowHeights[:keep]) + 1e-3))
