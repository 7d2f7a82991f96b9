"""How dates and instants read on screen (the same style the handouts use)."""

from __future__ import annotations

import datetime as dt


def format_date(value: dt.date | None) -> str:
    """'14 Mar 1980'; empty for None."""
    if value is None:
        return ""
    return f"{value.day} {value:%b %Y}"


def format_instant(value: dt.datetime | None) -> str:
    """A UTC instant in local time: '14 Mar 2026 15:04'."""
    if value is None:
        return ""
    local = value.astimezone()
    return f"{local.day} {local:%b %Y %H:%M}"


def age_on(date_of_birth: dt.date, today: dt.date) -> int:
    """Completed years of age on ``today``."""
    before_birthday = (today.month, today.day) < (date_of_birth.month, date_of_birth.day)
    return today.year - date_of_birth.year - before_birthday
