"""Typographic care: no word alone on a last line, no table row alone on a page."""

from __future__ import annotations

from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph

from clinic_app.reports.handouts.flow import (
    NO_BREAK_SPACE,
    CarryRowsTable,
    ContinuedTable,
    keep_together,
    no_widow,
)


def test_the_last_two_words_are_bound() -> None:
    assert (
        no_widow("Tick each one when it is done.")
        == f"Tick each one when it is{NO_BREAK_SPACE}done."
    )
    assert no_widow("alone") == "alone"
    long_words = "keep apart extraordinarily-long-word another-very-long-word"
    assert no_widow(long_words) == long_words


def test_a_date_never_breaks_across_lines() -> None:
    text = "No peels before Tue 29 Dec 2026. Born 14 Mar 1980, seen 2 times in 2026."
    assert keep_together(text) == (
        "No peels before Tue\u00a029\u00a0Dec\u00a02026. Born 14\u00a0Mar\u00a01980, "
        "seen 2 times in 2026."
    )
    assert keep_together("SPF 30+ and 38 °C") == "SPF\u00a030+ and 38\u00a0°C"
    assert no_widow("until Tue 26 Jan 2027").endswith("until Tue\u00a026\u00a0Jan\u00a02027")


def table(rows: int, header: int = 0) -> CarryRowsTable:
    style = getSampleStyleSheet()["Normal"]
    data = [[Paragraph(f"row {i}", style)] for i in range(rows)]
    return CarryRowsTable(data, colWidths=[100], rowHeights=[20] * rows, repeatRows=header)


def rows_of(part: CarryRowsTable) -> int:
    return len(part._cellvalues)


def test_a_lone_last_row_takes_another_with_it() -> None:
    whole = table(6)
    whole.wrap(100, 1000)
    head, tail = whole.split(100, 5 * 20 + 1)  # room for five rows of six
    assert (rows_of(head), rows_of(tail)) == (4, 2)


def test_a_repeated_header_does_not_count_as_a_row() -> None:
    whole = table(6, header=1)
    whole.wrap(100, 1000)
    head, tail = whole.split(100, 5 * 20 + 1)
    assert (rows_of(head), rows_of(tail)) == (4, 3)  # header + 3 rows, then header + 2 rows


def test_a_short_tail_moves_whole_rather_than_split() -> None:
    tail = table(2)
    tail.wrap(100, 1000)
    assert tail.split(100, 25) == []  # one row would fit: both go to the next page


def test_an_ordinary_split_is_left_alone() -> None:
    whole = table(10)
    whole.wrap(100, 1000)
    head, tail = whole.split(100, 4 * 20 + 1)
    assert (rows_of(head), rows_of(tail)) == (4, 6)


def _texts_by_page(story: list) -> list[str]:
    """Lay ``story`` out on small pages and read each page's text back."""
    import io

    from pypdf import PdfReader
    from reportlab.platypus import SimpleDocTemplate

    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=(300, 300), invariant=1).build(story)
    return [page.extract_text() for page in PdfReader(buffer).pages]


def labelled(first: str, rows: int, *, header: bool) -> CarryRowsTable:
    style = getSampleStyleSheet()["Normal"]
    data = [[Paragraph("HEADER", style)]] if header else []
    data += [[Paragraph(f"{first} {i}", style)] for i in range(rows)]
    return CarryRowsTable(data, colWidths=[100], repeatRows=1 if header else 0)


def test_a_continued_table_repeats_its_header_only_at_the_top_of_a_page() -> None:
    from reportlab.platypus import PageBreak

    def rest() -> ContinuedTable:
        return ContinuedTable(labelled("rest", 2, header=True), labelled("rest", 2, header=False))

    same_page = _texts_by_page([labelled("row", 2, header=True), rest()])
    assert len(same_page) == 1 and same_page[0].count("HEADER") == 1
    assert "row 1" in same_page[0] and "rest 0" in same_page[0]
    next_page = _texts_by_page([labelled("row", 2, header=True), PageBreak(), rest()])
    assert [page.count("HEADER") for page in next_page] == [1, 1]
    assert "rest 0" in next_page[1]
