"""English and Spanish dates and times of day are written without Babel (the window's first
screen shows a page of them before anything else is loaded, and Babel's locale data would stay
in the window's memory for a few names): they must read exactly as Babel writes them."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from babel import Locale
from babel.dates import format_date, format_time

from clinic_app import dates_format

KINDS = ("long", "compact", "plain", "spoken", "short", "day_month", "weekday_day_month")
WRITERS = {
    "long": dates_format.long_date,
    "compact": dates_format.compact_date,
    "plain": dates_format.plain_date,
    "spoken": dates_format.spoken_date,
    "short": dates_format.short_date,
    "day_month": dates_format.day_month,
    "weekday_day_month": dates_format.weekday_day_month,
}


@pytest.mark.parametrize("language", sorted(dates_format._NAMES))
def test_dates_written_without_babel_are_babel_s(language: str) -> None:
    locale = Locale.parse(language)
    assert set(WRITERS) == set(KINDS) and set(dates_format._PATTERNS[language]) >= set(KINDS)
    # Every day of two years (each weekday in each month, a leap day) and far years.
    first = dt.date(2027, 1, 1)
    days = [first + dt.timedelta(days=n) for n in range(731)]
    days += [dt.date(999, 3, 9), dt.date(1980, 3, 14), dt.date(9999, 12, 31)]
    for kind in KINDS:
        pattern = dates_format._PATTERNS[language][kind]
        for day in days:
            assert WRITERS[kind](day, language) == format_date(day, pattern, locale=locale)
    assert dates_format._PATTERNS[language]["time"] == "HH:mm"
    for moment in (dt.time(0, 0), dt.time(9, 5), dt.time(23, 59, 59)):
        expected = format_time(moment, "HH:mm", locale=locale)
        assert dates_format.time_of_day(moment, language) == expected


def test_a_field_the_names_cannot_write_is_refused() -> None:
    with pytest.raises(ValueError, match="'QQQ'"):
        dates_format._written(dt.date(2026, 1, 1), "QQQ y", dates_format._NAMES["en"])


def test_other_languages_still_go_through_babel() -> None:
    day = dt.date(2026, 12, 15)
    assert dates_format.short_date(day, "fr") == "15 déc. 2026"
    assert dates_format.short_date(day, "es-MX") == format_date(
        day, "d MMM y", locale=Locale.parse("es_MX")
    )


def test_english_and_spanish_dates_do_not_import_babel_other_languages_do(tmp_path: Path) -> None:
    script = (
        "import sys, datetime as dt\n"
        "from clinic_app import dates_format\n"
        "print(dates_format.short_date(dt.date(2026, 9, 1), 'es'),"
        " dates_format.time_of_day(dt.time(7, 3), 'en'))\n"
        "dates_format.load_language('es')\n"
        "dates_format.date_at_time(dt.date(2026, 9, 1), dt.time(7, 3), 'es')\n"
        "dates_format.long_date(dt.date(2026, 9, 1), 'en')\n"
        "assert 'babel' not in sys.modules\n"
        "dates_format.load_language('fr')\n"
        "assert 'babel.dates' in sys.modules\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["1", "sept", "2026", "07:03"]
