"""Typographic care: no word alone on a last line, no table row alone on a page."""

from __future__ import annotations

from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph

from clinic_app.reports.handouts.flow import NO_BREAK_SPACE, CarryRowsTable, keep_together, no_widow


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
