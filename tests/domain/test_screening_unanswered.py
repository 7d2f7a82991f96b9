"""Unanswered absolute questions block the plan: a pregnancy never asked is not "no"."""

from __future__ import annotations

import pytest
from test_screening import CLEAN, T

from clinic_app.domain.screening.screening import (
    RuleSet,
    Severity,
    absolute_questions,
    evaluate,
    load_rules,
)


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules(None)


def without(*keys: str) -> dict[str, object]:
    return {k: v for k, v in CLEAN.items() if k not in keys}


def test_absolute_questions_are_the_ones_absolute_rules_read(rules: RuleSet) -> None:
    assert absolute_questions(rules) == ("pregnant", "active_infection")


def test_unanswered_pregnancy_and_infection_block_the_plan(rules: RuleSet) -> None:
    result = evaluate(rules, without("pregnant", "active_infection"), T)
    assert result.findings == ()
    assert result.unanswered_absolute == ("pregnant", "active_infection")
    assert result.blocks_plan
    assert not result.has_absolute_finding
    data = result.as_dict()
    assert data["blocks_plan"] is True
    assert data["unanswered_absolute"] == ["pregnant", "active_infection"]


def test_an_unusable_answer_to_an_absolute_question_blocks_too(rules: RuleSet) -> None:
    result = evaluate(rules, {**CLEAN, "pregnant": "perhaps"}, T)
    assert result.unanswered_absolute == ("pregnant",) and result.blocks_plan


def test_other_unanswered_questions_do_not_block(rules: RuleSet) -> None:
    result = evaluate(rules, without("smoker", "glogau"), T)
    assert result.unanswered == ("glogau", "smoker")
    assert result.unanswered_absolute == () and not result.blocks_plan


def test_an_absolute_finding_still_blocks(rules: RuleSet) -> None:
    result = evaluate(rules, {**without("active_infection"), "pregnant": True}, T)
    assert result.has_absolute_finding and result.blocks_plan
    assert result.findings[0].severity is Severity.ABSOLUTE
    assert result.unanswered_absolute == ("active_infection",)
