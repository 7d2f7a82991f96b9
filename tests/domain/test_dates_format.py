"""Short dates and times of day are written without Babel (the window's first screen shows a
page of them before Babel is loaded): they must read exactly as Babel writes them."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from babel import Locale
from babel.dates import format_date, format_time

from clinic_app import dates_format


@pytest.mark.parametrize("language", sorted(dates_format._SHORT_MONTHS))
def test_the_short_months_are_babel_s(language: str) -> None:
    assert dates_format._PATTERNS[language]["short"] == dates_format._SHORT_PATTERN
    assert dates_format._PATTERNS[language]["time"] == dates_format._TIME_PATTERN
    locale = Locale.parse(language)
    for month in range(1, 13):
        for day in (dt.date(1980, month, 1), dt.date(2026, month, 28), dt.date(999, month, 9)):
            expected = format_date(day, dates_format._SHORT_PATTERN, locale=locale)
            assert dates_format.short_date(day, language) == expected
    for moment in (dt.time(0, 0), dt.time(9, 5), dt.time(23, 59, 59)):
        expected = format_time(moment, dates_format._TIME_PATTERN, locale=locale)
        assert dates_format.time_of_day(moment, language) == expected


def test_other_languages_still_go_through_babel() -> None:
    day = dt.date(2026, 12, 15)
    assert dates_format.short_date(day, "fr") == "15 déc. 2026"
    assert dates_format.short_date(day, "es-MX") == format_date(
        day, dates_format._SHORT_PATTERN, locale=Locale.parse("es_MX")
    )


def test_short_dates_do_not_import_babel_and_load_language_does(tmp_path: Path) -> None:
    script = (
        "import sys, datetime as dt\n"
        "from clinic_app import dates_format\n"
        "print(dates_format.short_date(dt.date(2026, 9, 1), 'es'),"
        " dates_format.time_of_day(dt.time(7, 3), 'en'))\n"
        "assert 'babel' not in sys.modules\n"
        "dates_format.load_language('es')\n"
        "assert 'babel.dates' in sys.modules\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["1", "sept", "2026", "07:03"]
