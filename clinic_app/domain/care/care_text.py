"""Handout text: dates and times as a handout prints them, and safe placeholder substitution.

Placeholders such as ``{stop_exfoliants_by}`` are filled from a fixed table of values by plain
text substitution: nothing is evaluated, attribute or index syntax is not recognised, and a
substituted value is never scanned again. Standard library and clinic_app.dates_format only.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from clinic_app.dates_format import (
    compact_date,
    date_at_time,
    long_date,
    plain_date,
    time_of_day,
)

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def format_date(
    day: dt.date, *, weekday: bool = True, language: str = "en", compact: bool = False
) -> str:
    """A date as printed on a handout in ``language`` (whatever the computer's locale):
    "Tue 1 Dec 2026", "martes 1 de diciembre de 2026".

    Without the weekday ("14 Mar 1980", "14 de marzo de 1980") for dates of birth; ``compact``
    for a narrow column ("Tue 1 Dec 2026", "mar 1 dic 2026").
    """
    if not weekday:
        return plain_date(day, language)
    return compact_date(day, language) if compact else long_date(day, language)


def format_time(moment: dt.time, language: str = "en") -> str:
    """A time of day as printed on a handout: "09:30"."""
    return time_of_day(moment, language)


def placeholders(text: str) -> set[str]:
    """The placeholder names used in ``text``."""
    return set(PLACEHOLDER.findall(text))


def fill(text: str, values: Mapping[str, str]) -> str:
    """Replace each ``{name}`` found in ``values``; anything else is left exactly as written."""
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)


def format_appointment(moment: dt.datetime | dt.date, language: str = "en") -> str:
    """A next appointment as printed: "Tue 29 Dec 2026 at 10:30" or just the date."""
    if isinstance(moment, dt.datetime):
        return date_at_time(moment.date(), moment.time(), language)
    return format_date(moment, language=language)


def as_in_sentence(name: str) -> str:
    """A name as written inside a sentence: "Left temple" -> "left temple" ("UV" stays)."""
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def listed(names: list[str] | tuple[str, ...]) -> str:
    """Names as one list in one case: "Full face, neck, left temple"."""
    text = ", ".join(as_in_sentence(name) for name in names)
    return text[:1].upper() + text[1:]
