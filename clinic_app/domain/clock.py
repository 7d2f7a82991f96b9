"""The current instant: timezone-aware UTC, as stored (ARCHITECTURE rule 7)."""

from __future__ import annotations

import datetime as dt


def utc_now() -> dt.datetime:
    """The current instant, timezone-aware UTC."""
    return dt.datetime.now(dt.UTC)


def minutes_text(minutes: int) -> str:
    """A number of minutes in words: '1 minute', '10 minutes'."""
    return f"{minutes} minute" if minutes == 1 else f"{minutes} minutes"
