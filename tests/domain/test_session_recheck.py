"""The day-of re-check (issue 13): every time-window rule asked again for the session's date,
and "antiviral started?" only where the consultation recorded an antiviral prescription."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from clinic_app.domain.clinical_picture import ANTIVIRAL, Prescription
from clinic_app.domain.screening.screening import (
    QuestionKind,
    RuleSet,
    RulesSource,
    Severity,
    build_ruleset,
    load_rules,
)
from clinic_app.domain.sessions.session_content import SessionContent, load_session_content
from clinic_app.domain.sessions.session_recheck import (
    NOTHING_NEW,
    recheck_questions,
    run_recheck,
    window_questions,
)

DAY = dt.date(2026, 2, 1)
VALACICLOVIR = Prescription(ANTIVIRAL, "valaciclovir 500 mg twice daily", dt.date(2026, 1, 30), 7)
WINDOWS = {
    "isotretinoin", "antibiotics", "photosensitisers", "anticoagulants", "retinoids", "aha_bha",
    "waxing", "chemical_peel", "microdermabrasion", "sun_tan", "laser", "fillers", "neurotoxin",
}  # fmt: skip


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules(None)


@pytest.fixture(scope="module")
def content() -> SessionContent:
    return load_session_content()


def nothing_new(rules: RuleSet, content: SessionContent, *prescribed: Prescription) -> dict:
    return {
        q.id: False if q.kind is QuestionKind.YES_NO else NOTHING_NEW
        for q in recheck_questions(rules, content, prescribed)
    }


def test_every_time_window_question_is_asked_again(rules, content) -> None:
    assert set(window_questions(rules)) == WINDOWS
    asked = {q.id: q for q in recheck_questions(rules, content)}
    assert WINDOWS | {"active_infection", "pregnant"} == set(asked)
    assert asked["antibiotics"].text == "Antibiotics taken since the consultation?"
    assert asked["retinoids"].text.endswith("used since the consultation?")
    assert [q.id for q in recheck_questions(rules, content)][:3] == [
        "active_infection", "antibiotics", "sun_tan",
    ]  # fmt: skip


def test_a_clinic_window_rule_is_asked_with_its_label(rules, content) -> None:
    extra = build_ruleset(
        [
            RulesSource(
                "gold.toml",
                """format_version = 1
[[question]]
id = "gold_mask"
kind = "exposure"
label = "24-carat gold mask: date of the last one"
[[rule]]
id = "gold"
version = 1
severity = "caution"
title = "t"
message = "m"
advice = "a"
source = "clinic"
when = { answer = "gold_mask", within_days = 3 }
""",
            )
        ]
    )
    merged = dataclasses.replace(
        rules, questions=rules.questions + extra.questions, rules=rules.rules + extra.rules
    )
    [gold] = [q for q in recheck_questions(merged, content) if q.id == "gold_mask"]
    assert gold.text == "24-carat gold mask: date of the last one"


@pytest.mark.parametrize(
    ("question", "answer", "rule_id", "severity"),
    [
        ("retinoids", "2026-01-29", "retinoids", Severity.CAUTION),
        ("aha_bha", "2026-01-25", "aha_bha", Severity.RELATIVE),
        ("waxing", "current", "waxing", Severity.RELATIVE),
        ("chemical_peel", "2026-01-20", "chemical_peel", Severity.RELATIVE),
        ("isotretinoin", "2025-06-01", "isotretinoin", Severity.RELATIVE),
        ("laser", "2026-01-25", "laser", Severity.RELATIVE),
    ],
)
def test_a_change_since_the_consultation_is_judged_on_the_day(
    rules, content, question: str, answer: str, rule_id: str, severity: Severity
) -> None:
    recheck: dict[str, Any] = {**nothing_new(rules, content), question: answer}
    result = run_recheck(rules, content, {}, recheck, DAY)
    assert result.unanswered == ()
    [finding] = [f for f in result.findings if f.rule_id == rule_id]
    assert finding.severity is severity and result.is_new(finding)


def test_no_antiviral_question_without_a_prescription(rules, content) -> None:
    assert "antiviral_started" not in {q.id for q in recheck_questions(rules, content)}
    other = Prescription("other", "x", DAY, 3)
    assert "antiviral_started" not in {q.id for q in recheck_questions(rules, content, [other])}


def test_antiviral_started_is_asked_when_one_was_prescribed(rules, content) -> None:
    questions = recheck_questions(rules, content, [VALACICLOVIR])
    antiviral = questions[-1]
    assert (antiviral.id, antiviral.kind, antiviral.prescription) == (
        "antiviral_started", QuestionKind.YES_NO, ANTIVIRAL,
    )  # fmt: skip
    assert antiviral.text == (
        "Antiviral started as prescribed (valaciclovir 500 mg twice daily, from Fri 30 Jan 2026)?"
    )
    answers = nothing_new(rules, content, VALACICLOVIR)
    del answers["antiviral_started"]
    result = run_recheck(rules, content, {}, answers, DAY, prescriptions=[VALACICLOVIR])
    assert result.unanswered == ("antiviral_started",)


def test_antiviral_not_started_is_a_finding_that_needs_a_reason(rules, content) -> None:
    answers = {**nothing_new(rules, content, VALACICLOVIR), "antiviral_started": False}
    result = run_recheck(rules, content, {}, answers, DAY, prescriptions=[VALACICLOVIR])
    [finding] = result.findings
    assert (finding.rule_id, finding.severity) == ("antiviral_not_started", Severity.RELATIVE)
    assert "valaciclovir 500 mg twice daily" in finding.message and "7 days" in finding.message
    assert "Start it now" in finding.advice and "deferring" in finding.advice
    assert "[GK]" in finding.source and "domain.md" in finding.source
    assert result.needs_reason == (finding,) and result.is_new(finding)
    assert "Antiviral prophylaxis not started" in (result.problem("") or "")
    assert "too short to be a reason" in (result.problem("ok") or "")
    assert result.problem("Started this morning at the clinic, patient informed") is None
    stored = result.as_dict(answers, "")
    assert [f["rule_id"] for f in stored["findings"]] == ["antiviral_not_started"]
    assert "antiviral_started" not in {p.question for p in result.result.problems}

    started = {**answers, "antiviral_started": True}
    assert (
        run_recheck(rules, content, {}, started, DAY, prescriptions=[VALACICLOVIR]).findings == ()
    )
