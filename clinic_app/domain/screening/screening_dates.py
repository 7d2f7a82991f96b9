"""Dates of the screening: printing, parsing, and moving by days or by calendar months.

Standard library and clinic_app.dates_format only. A window counted in calendar months ends on
the same day of the month N months later; when that day does not exist (29 February in a common
year, 31 April), it ends on the first day of the next month, so a window is never shortened
(docs/screening.md).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from clinic_app.dates_format import long_date

_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def format_date(value: dt.date) -> str:
    """A date as printed in advice, independent of the computer's locale: "Tue 1 Dec 2026"
    (the practitioner's advice is in English: clinic_app.dates_format)."""
    return long_date(value)


def parse_date(text: str) -> dt.date:
    """A date written YYYY-MM-DD; ValueError with a message a person can act on otherwise."""
    stripped = text.strip()
    if _ISO_DATE.match(stripped):
        try:
            return dt.date.fromisoformat(stripped)
        except ValueError:
            pass
    shown = stripped if len(stripped) <= 40 else stripped[:37] + "..."
    raise ValueError(f"'{shown}' is not a date; write it as YYYY-MM-DD, e.g. 2026-12-15")


def shift(value: dt.date, days: int) -> dt.date | None:
    """``value`` moved by ``days``, or None beyond the calendar's range (year 1 to 9999)."""
    try:
        return value + dt.timedelta(days=days)
    except OverflowError:
        return None


def _month_index(value: dt.date, months: int) -> tuple[int, int] | None:
    index = value.year * 12 + value.month - 1 + months
    year, month = divmod(index, 12)
    return (year, month + 1) if dt.MINYEAR <= year <= dt.MAXYEAR else None


def add_months(value: dt.date, months: int) -> dt.date | None:
    """The day ``months`` calendar months after ``value``: the same day of the month, or the
    first of the next month when that day does not exist (2024-02-29 + 12 -> 2025-03-01).
    None beyond the calendar's range."""
    target = _month_index(value, months)
    if target is None:
        return None
    year, month = target
    if value.day <= calendar.monthrange(year, month)[1]:
        return dt.date(year, month, value.day)
    following = _month_index(dt.date(year, month, 1), 1)
    return dt.date(following[0], following[1], 1) if following else None


def subtract_months(value: dt.date, months: int) -> dt.date | None:
    """The latest day d with ``add_months(d, months) <= value``: the same day of the month
    ``months`` earlier, or that month's last day when it is shorter (2028-02-29 - 12 ->
    2027-02-28). None beyond the calendar's range."""
    target = _month_index(value, -months)
    if target is None:
        return None
    year, month = target
    return dt.date(year, month, min(value.day, calendar.monthrange(year, month)[1]))
