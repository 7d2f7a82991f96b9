"""Clock times typed in the session editor ("9:05", "0905", "09.05") and shown back."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QCoreApplication

_TIME = re.compile(r"^([01]?\d|2[0-3])\s*[:.h]?\s*([0-5]\d)$")


def parse_time(text: str) -> dt.time | None:
    """The time written in ``text``; None when empty; ValueError naming the format otherwise."""
    cleaned = text.strip()
    if not cleaned:
        return None
    match = _TIME.match(cleaned)
    if match is None:
        raise ValueError(
            QCoreApplication.translate(
                "sessions.times", "'{cleaned}' is not a time; write it as HH:MM, e.g. 09:15."
            ).format(cleaned=cleaned)
        )
    return dt.time(int(match.group(1)), int(match.group(2)))


def combine(day_of: dt.datetime, moment: dt.time, tz: dt.tzinfo | None) -> dt.datetime:
    """``moment`` on the local day of ``day_of``, as an aware instant."""
    day = day_of.astimezone(tz).date()
    naive = dt.datetime.combine(day, moment)
    return naive.replace(tzinfo=tz) if tz is not None else naive.astimezone()


def time_text(moment: dt.datetime | None, tz: dt.tzinfo | None) -> str:
    """ "09:15" in local time; empty for None."""
    return moment.astimezone(tz).strftime("%H:%M") if moment else ""
