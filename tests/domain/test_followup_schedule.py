"""The follow-up schedule (resources/followups/en/schedule.toml) and its dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from clinic_app.domain.care import care_loader, care_schedule
from clinic_app.domain.followups.followup_schedule import (
    FollowUpFileError,
    load_schedule,
    parse_schedule,
    schedule_for,
)

DAY = dt.date(2026, 12, 15)  # a Tuesday


def _dates(intensity: str, *, number: int = 1, planned: int | None = 3, weeks: int = 4) -> dict:
    schedule = load_schedule()
    template = care_loader.load_post_care()
    due = schedule_for(
        schedule,
        treatment_date=DAY,
        intensity=intensity,
        sun_protection_weeks=care_schedule.sun_protection_weeks(template, intensity),
        session_number=number,
        sessions_planned=planned,
        interval_weeks=weeks,
    )
    return {c.kind: c.due_on for c in due}


def test_a_moderate_treatment_on_15_december_2026() -> None:
    # schedule.toml: call day 2, review day 7; post_care.toml: moderate sun protection 6 weeks;
    # the plan's interval 4 weeks, session 1 of 3.
    assert _dates("moderate") == {
        "call_day_2": dt.date(2026, 12, 17),
        "review_day_7": dt.date(2026, 12, 22),
        "next_session": dt.date(2027, 1, 12),
        "sun_protection_end": dt.date(2027, 1, 26),
    }


def test_the_contacts_come_by_date() -> None:
    due = schedule_for(
        load_schedule(),
        treatment_date=DAY,
        intensity="moderate",
        sun_protection_weeks=6,
        session_number=1,
        sessions_planned=3,
        interval_weeks=4,
    )
    assert [c.due_on for c in due] == sorted(c.due_on for c in due)
    assert due[0].label == "Day-2 phone call"


def test_deep_has_a_second_review_and_light_a_shorter_sun_plan() -> None:
    deep = _dates("deep")
    assert deep["review_day_14"] == dt.date(2026, 12, 29)
    assert "review_day_14" not in _dates("moderate")
    assert _dates("light")["sun_protection_end"] == dt.date(2027, 1, 12)  # 4 weeks


def test_the_stricter_sun_plan_dates_the_end_of_sun_protection() -> None:
    template = care_loader.load_post_care()
    weeks = care_schedule.sun_protection_weeks(template, "moderate", frozenset({"dark_skin"}))
    assert weeks == 12


def test_no_next_session_once_the_series_is_complete() -> None:
    assert "next_session" not in _dates("moderate", number=3, planned=3)
    assert _dates("moderate", number=1, planned=None)["next_session"] == dt.date(2027, 1, 12)
    assert _dates("moderate", weeks=6)["next_session"] == dt.date(2027, 1, 26)


def test_every_contact_names_its_source_and_the_file_is_english() -> None:
    schedule = load_schedule()
    assert schedule.language == "en"
    assert all(c.source for c in schedule.contacts)
    assert load_schedule(language="xx") == schedule  # no file for a language: English


GOOD = """
[meta]
version = "1"
[labels]
heading = "h"
intro = "i"
date_column = "d"
contact_column = "c"
calendar_summary = "{text}"
calendar_description = "{text} {clinic_phone}"
"""


@pytest.mark.parametrize(
    ("contact", "message"),
    [
        ('id = "a"\nlabel = "A"\ntext = "t"\nsource = "s"', "either 'days'"),
        ('id = "a"\nlabel = "A"\ntext = "t"\nsource = "s"\ndays = { huge = 2 }', "intensity"),
        ('id = "a"\nlabel = "A"\ntext = "t"\nsource = "s"\ndays = { deep = 0 }', "1-366"),
        ('id = "a"\nlabel = "A"\ntext = "t {oops}"\nsource = "s"\ndays = { deep = 2 }', "oops"),
        ('id = "a"\nlabel = "A"\ntext = "t"\ndays = { deep = 2 }', "source"),
        ('id = "a"\nlabel = "A"\ntext = "t"\nsource = "s"\nanchor = "moon"', "anchor"),
    ],
)
def test_a_bad_contact_is_refused_with_its_reason(contact: str, message: str) -> None:
    with pytest.raises(FollowUpFileError, match=message):
        parse_schedule(GOOD + "[[contact]]\n" + contact, "mine.toml")


def test_the_clinics_override_replaces_the_shipped_file(tmp_path: Path) -> None:
    folder = tmp_path / "overrides" / "followups" / "en"
    folder.mkdir(parents=True)
    contact = 'id = "call_day_3"\nlabel = "Call"\ntext = "t"\nsource = "s"\ndays = { deep = 3 }'
    (folder / "schedule.toml").write_text(GOOD + "[[contact]]\n" + contact, encoding="utf-8")
    schedule = load_schedule(tmp_path)
    assert [c.id for c in schedule.contacts] == ["call_day_3"]
