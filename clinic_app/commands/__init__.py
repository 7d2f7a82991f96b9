"""One module per sub-command of ``clinic-app``.

Each module has ``add_parser(commands, common)``, which adds its sub-parser (with ``common`` as a
parent, for --data-dir/--db-url) and sets ``handler`` to a function ``(config, args) -> int``.
Modules import their services inside the handler, so ``clinic-app --version`` stays fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable

EXIT_OK, EXIT_FAILURE, EXIT_REJECTED, EXIT_TAMPERED = 0, 1, 2, 3
MAX_RECORD_ID = 2**63 - 1  # the largest id either database stores (BIGINT)
# Dates a person may give on the command line: wide enough for any birth, treatment or audit
# day, and far enough from the calendar's ends (0001-01-01, 9999-12-31) that the schedules and
# periods computed from them stay on the calendar.
EARLIEST_DATE, LATEST_DATE = dt.date(1900, 1, 1), dt.date(2199, 12, 31)


def positive_int(text: str) -> int:
    """argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not at least 1")
    return value


def bounded_int(low: int, high: int, what: str = "") -> Callable[[str], int]:
    """argparse type: a whole number from ``low`` to ``high`` (``what`` names it in messages)."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
        if not low <= value <= high:
            name = f"{what} " if what else ""
            raise argparse.ArgumentTypeError(f"{name}{value} is not between {low} and {high}")
        return value

    return parse


def record_id(text: str) -> int:
    """argparse type: the number of a record (a patient, a session, a document, an event)."""
    try:
        value = int(text.strip().lstrip("#"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a whole number (a record number, e.g. 12)"
        ) from None
    if not 1 <= value <= MAX_RECORD_ID:
        raise argparse.ArgumentTypeError(
            f"{value} is not a record number (they run from 1 to {MAX_RECORD_ID})"
        )
    return value


def within_calendar(day: dt.date) -> dt.date:
    """``day``, or argparse.ArgumentTypeError when it lies outside EARLIEST..LATEST_DATE."""
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise argparse.ArgumentTypeError(
            f"{day.isoformat()} is out of range; give a date from {EARLIEST_DATE.isoformat()} to "
            f"{LATEST_DATE.isoformat()}"
        )
    return day


def calendar_date(text: str) -> dt.date:
    """argparse type: a date written YYYY-MM-DD, from EARLIEST_DATE to LATEST_DATE."""
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; write YYYY-MM-DD") from None
    return within_calendar(day)
