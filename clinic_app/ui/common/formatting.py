"""How dates and instants read on screen (the same style the handouts use, through
clinic_app.dates_format). The window's dates are English for now."""

from __future__ import annotations

import datetime as dt

from clinic_app.dates_format import short_date, time_of_day


def format_date(value: dt.date | None) -> str:
    """'14 Mar 1980'; empty for None."""
    if value is None:
        return ""
    return short_date(value)


def format_instant(value: dt.datetime | None) -> str:
    """A UTC instant in local time: '14 Mar 2026 15:04'."""
    if value is None:
        return ""
    local = value.astimezone()
    return f"{short_date(local.date())} {time_of_day(local.time())}"


def age_on(date_of_birth: dt.date, today: dt.date) -> int:
    """Completed years of age on ``today``."""
    before_birthday = (today.month, today.day) < (date_of_birth.month, date_of_birth.day)
    return today.year - date_of_birth.year - before_birthday
