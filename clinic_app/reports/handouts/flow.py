"""Typographic care for the handouts: no word alone on a last line, no row alone on a page, a
table continued under the one above it without a second header."""

from __future__ import annotations

import copy
import re
import weakref
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaFrag, ParaParser

NO_BREAK_SPACE = "\u00a0"
WIDOW_MAX_CHARS = 18  # two longer last words may still break apart (narrow cells stay safe)
# What must not break across lines: a printed date ("Tue 29 Dec 2026", "14 Mar 1980", see
# care_text.format_date), a sun protection factor ("SPF 30+"), a temperature ("38 °C").
_UNBREAKABLE = re.compile(
    r"\b(?:[A-Z][a-z]{2} )?\d{1,2} [A-Z][a-z]{2} \d{4}\b|\bSPF \d+\+?|\d °[CF]\b"
)

_MARKUP = re.compile(r"[<>&]")  # a tag or an entity: ReportLab's parser must read the text


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


_plain_templates: weakref.WeakKeyDictionary[ParagraphStyle, ParaFrag] = weakref.WeakKeyDictionary()


def _plain_frag(text: str, style: ParagraphStyle) -> ParaFrag:
    """The fragment ReportLab's parser makes of markup-free ``text`` in ``style``: the parser
    runs once per style, on a probe, and its fragment is copied with the new text."""
    template = _plain_templates.get(style)
    if template is None:
        _style, frags, _bullet = ParaParser().parse("x", style)  # type: ignore[no-untyped-call]  # untyped in types-reportlab
        template = frags[0]
        _plain_templates[style] = template
    frag = copy.copy(template)
    frag.text = text
    frag.link = []
    frag.us_lines = []
    return frag


class LaidOutParagraph(Paragraph):
    """A paragraph that skips work a handout does not need, with byte-identical output.

    Text without markup (most of a handout) skips ReportLab's HTML parser, whose fragment it
    already knows; and the lines are broken once per width: a table wraps each cell to size its
    rows, again when it splits across pages and again when it draws, and a paragraph's lines
    depend only on the width it is given."""

    _laid_out_width: float | None = None

    def __init__(self, text: str, style: ParagraphStyle, bulletText: str | None = None) -> None:
        cleaned = cleanBlockQuotedText(text)
        if cleaned and not _MARKUP.search(cleaned) and not getattr(style, "textTransform", None):
            super().__init__(cleaned, style, bulletText, frags=[_plain_frag(cleaned, style)])
        else:
            super().__init__(text, style, bulletText)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if availWidth == self._laid_out_width and getattr(self, "blPara", None) is not None:
            return self.width, self.height
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        self._laid_out_width = availWidth
        return size


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
        carried = len(tail._cellvalues) - header  # type: ignore[attr-defined]  # Table internals
        if carried >= self.carry_rows:
            return parts
        keep = len(head._cellvalues) - (self.carry_rows - carried)  # type: ignore[attr-defined]
        if keep <= header:
            return []  # too little room: the whole table moves on
        return list(super().split(availWidth, sum(self._rowHeights[:keep]) + 1e-3))  # type: ignore[attr-defined]


class ContinuedTable(Flowable):
    """The rest of a table, drawn as a second table: without its header row where it follows
    the first part on the same page, with it where it starts a page.

    ReportLab's frame tells a flowable its frame before wrapping it (``Frame._add`` sets
    ``_frame``), and the frame knows whether nothing was drawn on it yet (``_atTop``); measured
    outside a frame (inside a KeepTogether), the part with the header is assumed: the taller."""

    def __init__(self, with_header: Table, without_header: Table) -> None:
        super().__init__()
        self._with_header = with_header
        self._without_header = without_header
        self._chosen = with_header

    def _pick(self) -> Table:
        frame = getattr(self, "_frame", None)
        at_top = frame is None or bool(getattr(frame, "_atTop", True))
        return self._with_header if at_top else self._without_header

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._chosen = self._pick()
        width, height = self._chosen.wrap(availWidth, availHeight)
        self.width, self.height = width, height
        return width, height

    def draw(self) -> None:
        self._chosen.drawOn(self.canv, 0, 0)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = self._pick().split(availWidth, availHeight)
        return parts
