"""Dates as people read them, in a language: one formatter, through Babel (CLDR's month and
day names), for the handouts, the consent and the window.

The patterns are chosen per language so that a handout reads naturally ("Tue 15 Dec 2026",
"martes 15 de diciembre de 2026"); a language without its own patterns gets CLDR's standard
formats for it, and a code Babel does not know gets English. Babel is imported on the first
date formatted in a language other than those of :data:`_NAMES`, which are written without it (the
window's first screen, a page of dates of birth, among them). Below the domain in the
layers contract, so that domain code may format dates with it.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

DEFAULT_LANGUAGE = "en"

# Per language: (with weekday, without weekday, short, day and month, time) in Babel's (LDML)
# pattern syntax, and how a date and a time of day are joined (CLDR's "atTime" pattern).
_PATTERNS: dict[str, dict[str, str]] = {
    "en": {
        "long": "EEE d MMM y",
        "compact": "EEE d MMM y",
        "plain": "d MMM y",
        "spoken": "d MMMM y",
        "short": "d MMM y",
        "day_month": "d MMM",
        "weekday_day_month": "EEE d MMM",
        "time": "HH:mm",
        "at_time": "{date} at {time}",
    },
    "es": {
        "long": "EEEE d 'de' MMMM 'de' y",
        "compact": "EEE d MMM y",
        "plain": "d 'de' MMMM 'de' y",
        "spoken": "d 'de' MMMM 'de' y",
        "short": "d MMM y",
        "day_month": "d MMM",
        "weekday_day_month": "EEE d MMM",
        "time": "HH:mm",
        "at_time": "{date} a las {time}",
    },
}
# CLDR's own format of each kind, for a language without patterns above.
_STANDARD = {
    "long": "full",
    "compact": "yMMMEd",
    "plain": "long",
    "spoken": "long",
    "short": "medium",
    "day_month": "MMMd",
    "weekday_day_month": "MMMEd",
    "time": "short",
}


# CLDR's month and weekday names (the format context, as Babel gives them for "MMM", "MMMM",
# "EEE" and "EEEE"; weekdays from Monday) for the languages with patterns above, so that their
# dates are written without Babel: importing it and reading a language's locale data takes some
# 20-40 ms, which would fall on the first paint of the patient list, and keeps some 6-7 MB in
# memory for the names below. tests/domain/test_dates_format.py checks every pattern of every
# kind, over years of days, against Babel's output. Other languages go through Babel.
_NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "MMM": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
        "MMMM": (
            "January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December",
        ),
        "EEE": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
        "EEEE": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    },
    "es": {
        "MMM": (
            "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic",
        ),
        "MMMM": (
            "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
            "septiembre", "octubre", "noviembre", "diciembre",
        ),
        "EEE": ("lun", "mar", "mié", "jue", "vie", "sáb", "dom"),
        "EEEE": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    },
}  # fmt: skip


def _fields(pattern: str) -> list[str]:
    """An LDML pattern cut into its fields ("EEE", "d", ...) and literal text (quoted text
    unquoted, as "'de'" -> "de")."""
    parts: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "'":
            close = pattern.index("'", index + 1)
            parts.append("'" + pattern[index + 1 : close])
            index = close + 1
        elif char.isalpha():
            end = index
            while end < len(pattern) and pattern[end] == char:
                end += 1
            parts.append(pattern[index:end])
            index = end
        else:
            parts.append("'" + char)
            index += 1
    return parts


def _written(day: dt.date, pattern: str, names: dict[str, tuple[str, ...]]) -> str:
    """``day`` written by ``pattern`` with ``names``: the fields the patterns above use."""
    out: list[str] = []
    for field in _fields(pattern):
        if field.startswith("'"):
            out.append(field[1:])
        elif field in ("MMM", "MMMM"):
            out.append(names[field][day.month - 1])
        elif field in ("EEE", "EEEE"):
            out.append(names[field][day.weekday()])
        elif field == "d":
            out.append(str(day.day))
        elif field == "y":
            out.append(str(day.year))
        else:
            raise ValueError(f"date field {field!r} is not written without Babel")
    return "".join(out)


def load_language(language: str) -> None:
    """Import Babel and read ``language``'s locale data now (in a worker thread after the first
    screen), so that the first long date or weekday later does not wait for them; nothing for
    a language whose names are above."""
    if language not in _NAMES:
        _format(dt.date(2000, 1, 3), "long", language)  # the whole locale is read at once


@lru_cache(maxsize=32)
def _known(language: str) -> tuple[str, Any]:
    """The language code formats are chosen by, and its Babel locale (English for a code
    Babel does not know)."""
    from babel import Locale, UnknownLocaleError  # not at the window's start

    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return DEFAULT_LANGUAGE, Locale.parse(DEFAULT_LANGUAGE)
    return str(locale.language), locale


def _pattern(kind: str, language: str) -> str | None:
    patterns = _PATTERNS.get(language if language in _NAMES else _known(language)[0])
    return patterns[kind] if patterns else None


def _format(day: dt.date, kind: str, language: str) -> str:
    names = _NAMES.get(language)
    if names is not None:  # without Babel
        return _written(day, _PATTERNS[language][kind], names)
    from babel.dates import format_date, format_skeleton

    locale = _known(language)[1]
    pattern = _pattern(kind, language)
    if pattern is not None:
        return str(format_date(day, pattern, locale=locale))
    standard = _STANDARD[kind]
    if standard[0].isupper():  # a skeleton
        return str(format_skeleton(standard, day, locale=locale))
    return str(format_date(day, standard, locale=locale))


def long_date(day: dt.date, language: str = DEFAULT_LANGUAGE) -> str:
    """With the weekday: "Tue 15 Dec 2026", "martes 15 de diciembre de 2026"."""
    return _format(day, "long", language)


def compact_date(day: dt.date, language: str = DEFAULT_LANGUAGE) -> str:
    """With the weekday, abbreviated, where a column is narrow (a calendar's rows):
    "Tue 15 Dec 2026", "mar 15 dic 2026"."""
    return _format(day, "compact", language)


def plain_date(day: dt.date, language: str = DEFAULT_LANGUAGE) -> str:
    """Without the weekday, as a date of birth prints: "14 Mar 1980", "14 de marzo de 1980"."""
    return _format(day, "plain", language)


def spoken_date(day: dt.date, language: str = DEFAULT_LANGUAGE) -> str:
    """The month written out, as a sentence says it: "3 April 1984", "3 de abril de 1984"."""
    return _format(day, "spoken", language)


def short_date(day: dt.date, language: str = DEFAULT_LANGUAGE) -> str:
    """Compact, for lists and fields on screen: "14 Mar 1980", "14 mar 1980"."""
    return _format(day, "short", language)


def day_month(day: dt.date, language: str = DEFAULT_LANGUAGE) -> str:
    """The day and the month only, e.g. under a chart's point: "17 Nov", "17 nov"."""
    return _format(day, "day_month", language)


def weekday_day_month(day: dt.date, language: str = DEFAULT_LANGUAGE) -> str:
    """The weekday, day and month, for a list of the coming days: "Thu 26 Nov", "jue 26 nov"."""
    return _format(day, "weekday_day_month", language)


def time_of_day(moment: dt.time, language: str = DEFAULT_LANGUAGE) -> str:
    """A time of day on a 24-hour clock: "09:30"."""
    if language in _NAMES:  # "HH:mm" without Babel, as dates
        return f"{moment.hour:02d}:{moment.minute:02d}"
    from babel.dates import format_time

    pattern = _pattern("time", language) or _STANDARD["time"]
    return str(format_time(moment, pattern, locale=_known(language)[1]))


def date_at_time(day: dt.date, moment: dt.time, language: str = DEFAULT_LANGUAGE) -> str:
    """A day and a time: "Tue 29 Dec 2026 at 10:30", "martes 29 de diciembre de 2026 a las
    10:30" (CLDR's own joining for a language without patterns)."""
    date_text, time_text = long_date(day, language), time_of_day(moment, language)
    pattern = _pattern("at_time", language)
    if pattern is not None:
        return pattern.replace("{date}", date_text).replace("{time}", time_text)
    joined = str(_known(language)[1].datetime_formats["full"])
    return joined.replace("{1}", date_text).replace("{0}", time_text)
