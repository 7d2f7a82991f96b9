"""Typed text and table cells as ReportLab takes them: text printed literally, cells embedded.

Every text of a handout goes through :func:`markup` before it reaches a Paragraph, so "<b>" or
"&" in a name print as typed; every table goes through :func:`style_table`, so its cells use the
embedded font.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.platypus import Table, TableStyle

from clinic_app.reports import styles as look
from clinic_app.reports.fonts import REGULAR


def markup(text: str) -> str:
    """Paragraph markup that prints ``text`` literally; line breaks are kept."""
    return escape(text).replace("\r\n", "\n").replace("\n", "<br/>")


def emphasised(text: str, needle: str) -> str:
    """``text`` as markup with every occurrence of ``needle`` in bold."""
    if not needle:
        return markup(text)
    return f"<b>{markup(needle)}</b>".join(markup(part) for part in text.split(needle))


def style_table(table: Table, commands: Sequence[tuple[Any, ...]]) -> None:
    """Apply ``commands``; cells use the embedded font (ReportLab's default is Helvetica, which
    would be listed in the PDF without being embedded)."""
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, look.BODY_SIZE), *commands]))
