"""Pure session rules: series and interval, the pre-pulse re-check, session content, validation."""

from __future__ import annotations

import datetime as dt

import pytest

from clinic_app.content import shipped
from clinic_app.domain.screening.screening import QuestionKind, load_rules
from clinic_app.domain.sessions.devices import load_profiles
from clinic_app.domain.sessions.session_content import (
    SessionContentError,
    load_session_content,
    parse_session_content,
)
from clinic_app.domain.sessions.session_recheck import NOTHING_NEW, recheck_questions, run_recheck
from clinic_app.domain.sessions.session_record import (
    AreaSettings,
    SessionInput,
    changed_from,
    validate_session,
)
from clinic_app.domain.sessions.session_series import Series

UTC = dt.UTC
FEB_1 = dt.date(2026, 2, 1)


@pytest.mark.parametrize(
    ("number", "planned", "label"),
    [(1, 3, "Session 1 of 3"), (3, 3, "Session 3 of 3"), (4, 3, "Session 4 (3 planned)"),
     (2, None, "Session 2")],
)  # fmt: skip
def test_series_label(number, planned, label):
    assert Series(number, planned, 4).label == label


@pytest.mark.parametrize(("days", "warns"), [(27, True), (28, False), (3, True), (60, False)])
def test_interval_warning_at_the_plan_minimum(days, warns):
    series = Series(2, 3, 4, previous_date=FEB_1)
    warning = series.interval_warning(FEB_1 + dt.timedelta(days=days))
    assert (warning is not None) is warns
    if days == 3:
        assert warning is not None and warning.startswith("Only 3 days since the last session")
    if days == 27:
        assert warning is not None and "3 weeks 6 days" in warning


def test_next_date_follows_the_interval_until_the_plan_is_complete():
    assert Series(1, 3, 6).next_date(FEB_1) == dt.date(2026, 3, 15)
    assert Series(3, 3, 6).next_date(FEB_1) is None
    assert Series(1, None, 4).next_date(FEB_1) == dt.date(2026, 3, 1)


def test_session_content_ships_the_default_interval_and_recheck_questions():
    content = load_session_content()
    assert content.default_interval_weeks == 4
    assert [q.id for q in content.recheck_questions][:3] == [
        "active_infection",
        "antibiotics",
        "sun_tan",
    ]
    assert "domain.md" in content.interval_source


def test_a_clinic_file_replaces_the_shipped_content(tmp_path):
    folder = tmp_path / "overrides" / "sessions"
    folder.mkdir(parents=True)
    text = shipped("sessions/sessions.toml").read_text(encoding="utf-8")
    (folder / "sessions.toml").write_text(
        text.replace("default_interval_weeks = 4", "default_interval_weeks = 6"), encoding="utf-8"
    )
    assert load_session_content(tmp_path).default_interval_weeks == 6


def test_unusable_content_names_the_key():
    with pytest.raises(SessionContentError, match="default_interval_weeks"):
        parse_session_content(
            'format_version = 1\n[series]\ndefault_interval_weeks = 0\nsource = "x"\n'
            '[recheck]\ntitle = "t"\nintro = "i"\nsource = "s"\n'
        )


def every_no(rules, content) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Every re-check question answered "no" / "nothing new"."""
    return {
        q.id: False if q.kind is QuestionKind.YES_NO else NOTHING_NEW
        for q in recheck_questions(rules, content)
    }


def test_recheck_judges_the_consultation_answers_on_the_session_day():
    rules, content = load_rules(), load_session_content()
    # At the consultation the antibiotics were 2 days old; on the session day, 4 weeks old.
    consultation = {"antibiotics": "2026-01-03"}
    nothing_new = every_no(rules, content)
    on_the_day = run_recheck(rules, content, consultation, nothing_new, FEB_1)
    assert "antibiotics" not in {f.rule_id for f in on_the_day.findings}
    assert on_the_day.problem("") is None

    tanned = {**nothing_new, "sun_tan": "current"}
    result = run_recheck(rules, content, consultation, tanned, FEB_1, known={"fitzpatrick_iv"})
    [finding] = [f for f in result.findings if f.rule_id == "sun_tan"]
    assert result.is_new(finding) and result.needs_reason == (finding,)
    assert "write the reason" in (result.problem("") or "")
    assert result.problem("Only the forearms are tanned; face protected") is None
    # Decided at the consultation with a reason: no new reason on the day.
    settled = run_recheck(rules, content, consultation, tanned, FEB_1, settled={"sun_tan"})
    assert settled.needs_reason == ()


def test_changed_from_compares_numbers_and_choices():
    old = AreaSettings("cheeks", power_w=12.0, stack=1, scan_pattern="square")
    assert (
        changed_from(old, AreaSettings("cheeks", power_w=12, stack=1, scan_pattern="Square")) == {}
    )
    assert changed_from(old, AreaSettings("cheeks", power_w=14.0, stack=1)) == {
        "power_w": 12.0,
        "scan_pattern": "square",
    }
    assert changed_from(None, old) == {}


def test_validation_of_times_intensity_and_the_device():
    profile = load_profiles()["deka-smartxide-dot"]
    at = dt.datetime(2026, 2, 1, 10, 0, tzinfo=UTC)
    data = SessionInput(
        patient_id=1,
        performed_at=at,
        device_profile_id=profile.id,
        intensity="extreme",
        anaesthetic_applied_at=at,
        anaesthetic_removed_at=at - dt.timedelta(minutes=30),
    )
    errors = validate_session(data, profile, now=at, signing=True)
    assert set(errors) == {"intensity", "anaesthetic_product", "anaesthetic_removed_at", "areas"}
    assert validate_session(data, None, now=at)["device_profile_id"].startswith("Choose the device")
