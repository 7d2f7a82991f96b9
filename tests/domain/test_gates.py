"""The gates on a clinical picture: which close for a session or a handout, and an override."""

from __future__ import annotations

import datetime as dt

from clinic_app.domain.clinical_picture import (
    ClinicalPicture,
    Gate,
    Override,
    PictureFinding,
    Purpose,
    TestSpot,
    Verdict,
)
from clinic_app.domain.gates import load_texts, open_problems
from clinic_app.domain.reasons import load_policy

TEXTS = load_texts()
POLICY = load_policy()
KELOID = PictureFinding("keloid_history", "relative", "History of keloid", "m", "proceed",
                        "Small test area agreed, checked by Dr Ruiz, scars stable")  # fmt: skip


def problems(picture: ClinicalPicture, purpose: Purpose = Purpose.SESSION) -> list[Gate]:
    return [p.gate for p in open_problems(picture, purpose, TEXTS, dt.date.isoformat, POLICY)]


def spot(result: str | None, day: int = 1) -> TestSpot:
    return TestSpot(1, dt.date(2026, 11, day), "cheeks", {"power_w": 10}, dt.date(2026, 11, 15),
                    result)  # fmt: skip


def cleared(**changes) -> ClinicalPicture:
    values = {"patient_id": 1, "consultation_id": 7, "completed_on": dt.date(2026, 11, 1)}
    return ClinicalPicture(**(values | changes))


def test_a_cleared_picture_opens_every_gate():
    assert cleared().verdict is Verdict.CANDIDATE
    assert problems(cleared()) == [] and problems(cleared(), Purpose.HANDOUT) == []


def test_unanswered_absolute_questions_block_like_a_finding():
    picture = cleared(unanswered_absolute=("Pregnant, or may be pregnant",))
    assert picture.verdict is Verdict.BLOCKED
    assert problems(picture, Purpose.HANDOUT) == [Gate.UNANSWERED_ABSOLUTE]


def test_a_thin_relative_reason_does_not_settle_the_finding():
    thin = PictureFinding("keloid_history", "relative", "History of keloid", "m", "proceed", ".")
    assert problems(cleared(findings=(thin,))) == [Gate.UNDECIDED_RELATIVE]
    assert problems(cleared(findings=(KELOID,))) == []


def test_a_test_spot_rule_closes_a_full_session_until_a_spot_healed_well():
    asks = cleared(findings=(KELOID,), test_spot_rules=("History of keloid",))
    assert problems(asks) == [Gate.TEST_SPOT]
    assert problems(asks, Purpose.HANDOUT) == [], "a handout does not wait for the test spot"
    pending = open_problems(
        cleared(findings=(KELOID,), test_spot_rules=("x",), test_spots=(spot(None),)),
        Purpose.SESSION, TEXTS, dt.date.isoformat, POLICY,
    )  # fmt: skip
    assert "to be checked on 2026-11-15" in pending[0].message
    assert problems(cleared(test_spot_rules=("x",), test_spots=(spot("reaction"),))) == [
        Gate.TEST_SPOT
    ]
    assert problems(cleared(test_spot_rules=("x",), test_spots=(spot("healed_well"),))) == []


def test_an_override_passes_only_its_gate_purpose_and_consultation():
    at = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    override = Override("not_candidate", "session", "reason", "ana", at, consultation_id=7)
    picture = cleared(
        status="not_candidate", not_candidate_reason="Pregnant", overrides=(override,)
    )
    assert problems(picture) == []
    assert problems(picture, Purpose.HANDOUT) == [Gate.NOT_CANDIDATE]
    assert problems(cleared(status="not_candidate", consultation_id=8, overrides=(override,))) == [
        Gate.NOT_CANDIDATE
    ]


def test_a_newer_reaction_closes_the_gate_and_a_spot_elsewhere_does_not_open_it():
    healed = TestSpot(1, dt.date(2026, 11, 1), "cheeks", {}, dt.date(2026, 11, 15), "healed_well")
    reaction = TestSpot(2, dt.date(2026, 11, 20), "cheeks", {}, dt.date(2026, 12, 4), "reaction")
    hands = TestSpot(3, dt.date(2026, 11, 1), "hands", {}, dt.date(2026, 11, 15), "healed_well")
    asks = {"test_spot_rules": ("x",), "areas": ("cheeks", "perioral")}
    assert problems(cleared(**asks, test_spots=(healed,))) == []
    assert problems(cleared(**asks, test_spots=(healed, reaction))) == [Gate.TEST_SPOT]
    assert problems(cleared(**asks, test_spots=(hands,))) == [Gate.TEST_SPOT]
