"""How dates and instants read on screen (the same style the handouts use, through
clinic_app.dates_format), in the window's language: :func:`set_window_language` is called when
the window's translators are installed (ui/common/i18n.py), so that a Spanish window reads
"15 dic 2026" where an English one reads "15 Dec 2026"."""

from __future__ import annotations

import datetime as dt

from clinic_app.dates_format import DEFAULT_LANGUAGE, load_language, short_date, time_of_day
from clinic_app.dates_format import weekday_day_month as _weekday_day_month

_window = {"language": DEFAULT_LANGUAGE}


def set_window_language(language: str) -> None:
    """Write the window's dates in ``language`` from now on (an ISO code: "en", "es")."""
    _window["language"] = language


def load_window_language() -> None:
    """Babel and the window language's locale data, read now (by the service loader's thread):
    the first screen's dates are written without them, the other forms need them."""
    load_language(_window["language"])


def format_date(value: dt.date | None) -> str:
    """'14 Mar 1980'; empty for None."""
    if value is None:
        return ""
    return short_date(value, _window["language"])


def format_weekday(value: dt.date) -> str:
    """'Thu 26 Nov': a day of the coming or last few days."""
    return _weekday_day_month(value, _window["language"])


def format_instant(value: dt.datetime | None) -> str:
    """A UTC instant in local time: '14 Mar 2026 15:04'."""
    if value is None:
        return ""
    local = value.astimezone()
    language = _window["language"]
    return f"{short_date(local.date(), language)} {time_of_day(local.time(), language)}"


def age_on(date_of_birth: dt.date, today: dt.date) -> int:
    """Completed years of age on ``today``."""
    before_birthday = (today.month, today.day) < (date_of_birth.month, date_of_birth.day)
    return today.year - date_of_birth.year - before_birthday
