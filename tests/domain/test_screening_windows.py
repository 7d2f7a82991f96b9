"""Time windows: calendar months where the source says months, days where it says days, and the
advice for a product still in use (the earliest treatment date, never a stop date in the past)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from test_screening import CLEAN

from clinic_app.domain.screening.screening import (
    CURRENT,
    RuleSet,
    RulesFileError,
    RulesSource,
    ScreeningResult,
    WithinDays,
    WithinMonths,
    build_ruleset,
    evaluate,
    format_date,
    load_rules,
)
from clinic_app.domain.screening.screening_dates import add_months, subtract_months

D = dt.date


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules(None)


def fired(rules: RuleSet, treatment: dt.date, today: dt.date | None = None, **changes: Any):
    result = evaluate(rules, {**CLEAN, **changes}, treatment, today)
    return {f.rule_id: f for f in result.findings}


# ---- the calendar ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (D(2024, 2, 29), 12, D(2025, 3, 1)),  # no 29 Feb in 2025: the window is not shortened
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2026, 1, 31), 1, D(2026, 3, 1)),  # no 31 Feb either
        (D(2026, 12, 15), 1, D(2027, 1, 15)),
        (D(2026, 3, 31), 6, D(2026, 10, 1)),
        (D(9999, 12, 1), 1, None),
    ],
)
def test_add_months_keeps_the_day_or_rolls_forward(start, months, end) -> None:
    assert add_months(start, months) == end


@pytest.mark.parametrize(
    ("treatment", "months", "stop_by"),
    [
        (D(2028, 2, 29), 12, D(2027, 2, 28)),
        (D(2025, 2, 28), 12, D(2024, 2, 28)),
        (D(2026, 3, 31), 1, D(2026, 2, 28)),
        (D(1, 1, 15), 1, None),
    ],
)
def test_subtract_months_is_the_last_day_that_still_allows_the_date(
    treatment, months, stop_by
) -> None:
    assert subtract_months(treatment, months) == stop_by
    if stop_by is not None:
        assert add_months(stop_by, months) <= treatment  # type: ignore[operator]
        assert add_months(stop_by + dt.timedelta(days=1), months) > treatment  # type: ignore[operator]


# ---- isotretinoin: 12 calendar months -------------------------------------------------------


def test_isotretinoin_counts_twelve_calendar_months(rules: RuleSet) -> None:
    rule = rules.rule("isotretinoin")
    assert rule is not None and rule.when == WithinMonths("isotretinoin", 12)


def test_last_dose_on_29_february_straddles_a_common_year(rules: RuleSet) -> None:
    # 365 days after 2024-02-29 is 2025-02-28; twelve calendar months are complete on 1 March.
    dose = {"isotretinoin": "2024-02-29"}
    finding = fired(rules, D(2025, 2, 28), **dose)["isotretinoin"]
    assert finding.due_kind == "earliest_date" and finding.due_date == D(2025, 3, 1)
    assert "Sat 1 Mar 2025" in finding.advice
    assert "isotretinoin" not in fired(rules, D(2025, 3, 1), **dose)


def test_treatment_on_29_february_of_a_leap_year(rules: RuleSet) -> None:
    # 2027-03-01 is 365 days before 2028-02-29, but less than twelve calendar months.
    assert "isotretinoin" in fired(rules, D(2028, 2, 29), isotretinoin="2027-03-01")
    assert "isotretinoin" not in fired(rules, D(2028, 2, 29), isotretinoin="2027-02-28")


def test_day_windows_stay_days(rules: RuleSet) -> None:
    for rule_id in ("aha_bha", "antibiotics", "sun_tan", "retinoids"):
        rule = rules.rule(rule_id)
        assert rule is not None and isinstance(rule.when, WithinDays), rule_id
    # 14 days over the end of February of a leap year: 15 Feb + 14 days = 29 Feb.
    assert "aha_bha" in fired(rules, D(2028, 2, 28), aha_bha="2028-02-15")
    assert "aha_bha" not in fired(rules, D(2028, 2, 29), aha_bha="2028-02-15")


# ---- the condition language ------------------------------------------------------------------

QUESTION = """format_version = 1
[[question]]
id = "drug"
kind = "exposure"
label = "A drug"
[[question]]
id = "smoker"
kind = "yes_no"
label = "Smokes"
"""


def one_rule(when: str, advice: str = '"Wait until {earliest_date}."', extra: str = "") -> str:
    return (
        QUESTION
        + f"""
[[rule]]
id = "r"
version = 1
severity = "relative"
title = "t"
message = "m"
advice_current = "Stop by {{stop_by}}, {{months}} months."
advice = {advice}
source = "s [GK]"
when = {when}
{extra}
"""
    )


def problems(text: str) -> list[str]:
    with pytest.raises(RulesFileError) as caught:
        build_ruleset([RulesSource("clinic.toml", text)])
    return list(caught.value.problems)


def test_within_months_reads_and_fills_months() -> None:
    rs = build_ruleset([RulesSource("r.toml", one_rule('{ answer = "drug", within_months = 6 }'))])
    result = evaluate(rs, {"drug": CURRENT, "smoker": False}, D(2026, 8, 31))
    assert result.findings[0].advice == "Stop by Sat 28 Feb 2026, 6 months."
    result = evaluate(rs, {"drug": "2026-02-28", "smoker": False}, D(2026, 8, 27))
    assert result.findings[0].advice == "Wait until Fri 28 Aug 2026."


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ('{ answer = "smoker", within_months = 6 }', "within_months applies to exposure"),
        ('{ answer = "drug", within_months = 0 }', "whole number of months from 1 to 1200"),
        ('{ answer = "drug", within_months = true }', "whole number of months"),
        ('{ answer = "drug", within_months = 3, within_days = 2 }', "exactly one of"),
    ],
)
def test_within_months_errors(when: str, expected: str) -> None:
    found = problems(one_rule(when))
    assert any(expected in p for p in found), found


def test_days_placeholder_is_refused_in_a_months_rule() -> None:
    text = one_rule('{ answer = "drug", within_months = 6 }', advice='"{days} days"')
    assert any("not counted in days" in p for p in problems(text))


def screening_of(rules: RuleSet, **changes: Any) -> ScreeningResult:
    return evaluate(rules, {**CLEAN, **changes}, D(2026, 12, 15))


# ---- still in use: the earliest treatment date, not a stop date in the past ------------------

TODAY = D(2026, 11, 20)  # the consultation
T = D(2026, 12, 15)


def test_current_isotretinoin_gives_the_earliest_date_from_today(rules: RuleSet) -> None:
    finding = fired(rules, T, TODAY, isotretinoin=CURRENT)["isotretinoin"]
    assert "on or before" not in finding.advice
    assert "Thu 15 Dec 2025" not in finding.advice  # the stop date a year in the past
    assert "Sat 20 Nov 2027" in finding.advice  # stopped today: 12 months later
    assert finding.due_kind == "earliest_date" and finding.due_date == D(2027, 11, 20)


def test_current_use_with_time_to_stop_keeps_the_stop_date(rules: RuleSet) -> None:
    finding = fired(rules, T, TODAY, aha_bha=CURRENT)["aha_bha"]
    assert finding.advice == "Stop AHA/BHA products by Tue 1 Dec 2026."
    assert finding.due_kind == "stop_by" and finding.due_date == D(2026, 12, 1)


def test_without_a_day_of_screening_the_stop_date_is_given(rules: RuleSet) -> None:
    finding = fired(rules, T, None, aha_bha=CURRENT)["aha_bha"]
    assert finding.due_kind == "stop_by" and "Tue 1 Dec 2026" in finding.advice


@pytest.mark.parametrize(
    "question",
    [
        "isotretinoin", "antibiotics", "photosensitisers", "anticoagulants", "retinoids",
        "aha_bha", "waxing", "chemical_peel", "microdermabrasion", "sun_tan",
    ],
)  # fmt: skip
def test_too_late_to_stop_names_the_earliest_date_only(rules: RuleSet, question: str) -> None:
    today = D(2026, 12, 10)  # five days before the treatment: every stop date has passed
    [finding] = [f for f in fired(rules, T, today, **{question: CURRENT}).values()
                 if f.answers == (question,)]  # fmt: skip
    assert finding.due_kind == "earliest_date" and finding.due_date is not None
    assert finding.due_date > today
    assert format_date(finding.due_date) in finding.advice
    stop_by = {7: "Tue 8 Dec 2026", 14: "Tue 1 Dec 2026"}
    for past in (*stop_by.values(), "Mon 15 Dec 2025"):
        assert past not in finding.advice, finding.rule_id


def test_every_window_rule_has_advice_for_too_late(rules: RuleSet) -> None:
    for rule in rules.rules:
        if isinstance(rule.when, WithinDays | WithinMonths):
            assert rule.advice_current_late, rule.id
            assert "{earliest_if_stopped}" in rule.advice_current_late, rule.id
            assert "{stop_by}" not in rule.advice_current_late, rule.id


def test_late_advice_needs_a_window_and_advice_current() -> None:
    base = (
        QUESTION
        + """
[[rule]]
id = "r"
version = 1
severity = "caution"
title = "t"
message = "m"
source = "s"
"""
    )
    smoker = 'when = { answer = "smoker", equals = true }\n'
    drug = 'when = { answer = "drug", within_days = 3 }\n'
    found = problems(base + 'advice = "a"\nadvice_current_late = "x"\n' + smoker)
    assert any("apply only to rules with a within_days or within_months" in p for p in found)
    found = problems(base + 'advice = "a"\nadvice_current_late = "x"\n' + drug)
    assert any("advice_current_late needs advice_current too" in p for p in found)
    found = problems(base + 'advice_current = "c"\nadvice = "{earliest_if_stopped}"\n' + drug)
    assert any("known only while the patient still uses it" in p for p in found), found
