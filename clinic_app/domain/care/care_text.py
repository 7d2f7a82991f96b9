"""Handout text: dates and times as a handout prints them, and safe placeholder substitution.

Placeholders such as ``{stop_exfoliants_by}`` are filled from a fixed table of values by plain
text substitution: nothing is evaluated, attribute or index syntax is not recognised, and a
substituted value is never scanned again. Standard library only.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def format_date(day: dt.date, *, weekday: bool = True) -> str:
    """A date as printed on a handout: "Tue 1 Dec 2026" (same text whatever the locale).

    Without the weekday ("14 Mar 1980") for dates of birth.
    """
    text = f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    return f"{_WEEKDAYS[day.weekday()]} {text}" if weekday else text


def format_time(moment: dt.time) -> str:
    """A time of day as printed on a handout: "09:30"."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def placeholders(text: str) -> set[str]:
    """The placeholder names used in ``text``."""
    return set(PLACEHOLDER.findall(text))


def fill(text: str, values: Mapping[str, str]) -> str:
    """Replace each ``{name}`` found in ``values``; anything else is left exactly as written."""
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)


def format_appointment(moment: dt.datetime | dt.date) -> str:
    """A next appointment as printed: "Tue 29 Dec 2026 at 10:30" or just the date."""
    if isinstance(moment, dt.datetime):
        return f"{format_date(moment.date())} at {format_time(moment.time())}"
    return format_date(moment)


def as_in_sentence(name: str) -> str:
    """A name as written inside a sentence: "Left temple" -> "left temple" ("UV" stays)."""
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def listed(names: list[str] | tuple[str, ...]) -> str:
    """Names as one list in one case: "Full face, neck, left temple"."""
    text = ", ".join(as_in_sentence(name) for name in names)
    return text[:1].upper() + text[1:]
