"""Rules added for issue 13: active acne, a history of PIH, other laser / filler / neurotoxin in
the last two weeks; and the test-spot flag the gates read."""

from __future__ import annotations

import pytest
from test_screening import CLEAN, T, before

from clinic_app.domain.screening.screening import (
    RuleSet,
    RulesSource,
    Severity,
    WithinDays,
    build_ruleset,
    evaluate,
    load_rules,
)

NEW_RULES = {
    "active_acne": (Severity.RELATIVE, {"active_acne": True}, {"active_acne": False}),
    "pih_history": (Severity.CAUTION, {"pih_history": True}, {"pih_history": False}),
    "laser": (Severity.RELATIVE, {"laser": before(13)}, {"laser": before(14)}),
    "fillers": (Severity.RELATIVE, {"fillers": before(13)}, {"fillers": before(14)}),
    "neurotoxin": (Severity.CAUTION, {"neurotoxin": before(13)}, {"neurotoxin": before(14)}),
}
TEST_SPOT = {"keloid_history", "fitzpatrick_v_vi", "fitzpatrick_iv", "pih_history"}


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules(None)


@pytest.mark.parametrize("rule_id", sorted(NEW_RULES))
def test_new_rule_fires_and_names_its_source(rules: RuleSet, rule_id: str) -> None:
    severity, fires, quiet = NEW_RULES[rule_id]
    rule = rules.rule(rule_id)
    assert rule is not None and rule.severity is severity
    assert "[GK]" in rule.source and "domain.md" in rule.source
    result = evaluate(rules, {**CLEAN, **fires}, T)
    assert [f.rule_id for f in result.findings] == [rule_id]
    assert evaluate(rules, {**CLEAN, **quiet}, T).findings == ()


@pytest.mark.parametrize("rule_id", ["laser", "fillers", "neurotoxin"])
def test_prior_treatments_count_two_weeks(rules: RuleSet, rule_id: str) -> None:
    rule = rules.rule(rule_id)
    assert rule is not None and rule.when == WithinDays(rule_id, 14)


def test_test_spot_is_a_flag_on_the_rule_and_the_finding(rules: RuleSet) -> None:
    assert {rule.id for rule in rules.rules if rule.test_spot} == TEST_SPOT
    answers = {**CLEAN, "fitzpatrick": "IV", "pih_history": True, "smoker": True}
    findings = {f.rule_id: f for f in evaluate(rules, answers, T).findings}
    assert findings["fitzpatrick_iv"].test_spot and findings["pih_history"].test_spot
    assert not findings["smoking"].test_spot
    assert findings["pih_history"].as_dict()["test_spot"] is True


def test_test_spot_must_be_true_or_false() -> None:
    text = """format_version = 1
[[question]]
id = "q"
kind = "yes_no"
label = "Q"
[[rule]]
id = "r"
version = 1
severity = "caution"
title = "t"
message = "m"
advice = "a"
source = "s"
test_spot = "yes"
when = { answer = "q", equals = true }
"""
    with pytest.raises(Exception, match="test_spot' must be true or false"):
        build_ruleset([RulesSource("c.toml", text)])
