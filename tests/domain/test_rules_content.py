"""The shipped rules against domain.md's contraindication table, and docs/screening.md."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from clinic_app.domain.screening import screening
from clinic_app.domain.screening.screening import (
    InSet,
    RuleSet,
    Severity,
    WithinDays,
    WithinMonths,
    evaluate,
    load_rules,
)
from clinic_app.domain.screening.screening_markdown import questions_markdown, rules_markdown

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "screening.md"

# Each row of the contraindication table of domain.md: its severity and the rules that carry it.
DOMAIN_TABLE: list[tuple[str, Severity, list[str]]] = [
    ("active infection or cold sore in the area", Severity.ABSOLUTE, ["active_infection"]),
    ("pregnancy", Severity.ABSOLUTE, ["pregnancy"]),
    ("Fitzpatrick V-VI", Severity.RELATIVE, ["fitzpatrick_v_vi"]),
    ("Fitzpatrick IV", Severity.CAUTION, ["fitzpatrick_iv"]),
    ("isotretinoin in last 6-12 months", Severity.RELATIVE, ["isotretinoin"]),
    ("keloid / hypertrophic scar history", Severity.RELATIVE, ["keloid_history"]),
    (
        "AHA/BHA, waxing, chemical peel within 14 days",
        Severity.RELATIVE,
        ["aha_bha", "waxing", "chemical_peel"],
    ),
    ("antibiotics within 7 days", Severity.RELATIVE, ["antibiotics"]),
    ("photosensitising drugs", Severity.CAUTION, ["photosensitisers"]),
    ("recent tan or sunburn", Severity.RELATIVE, ["sun_tan"]),
    ("history of cold sores (HSV)", Severity.CAUTION, ["hsv_history"]),
    ("anticoagulants, aspirin, vitamin E, fish oil", Severity.CAUTION, ["anticoagulants"]),
    (
        "breastfeeding, autoimmune disease, diabetes, immunosuppression, facial radiation, smoking",
        Severity.CAUTION,
        [
            "breastfeeding",
            "autoimmune",
            "diabetes",
            "immunosuppression",
            "facial_radiation",
            "smoking",
        ],
    ),
]
# Shipped rules that are not rows of the table; their source must say so.
NOT_IN_TABLE = {
    "microdermabrasion", "retinoids", "anaesthetic_allergy",
    # issue 13: domain.md's form fields, not its table
    "active_acne", "pih_history", "laser", "fillers", "neurotoxin",
}  # fmt: skip
WINDOWS = {
    "aha_bha": 14,
    "waxing": 14,
    "chemical_peel": 14,
    "microdermabrasion": 14,
    "sun_tan": 14,
    "anticoagulants": 14,
    "antibiotics": 7,
    "photosensitisers": 7,
    "retinoids": 7,
    "laser": 14,
    "fillers": 14,
    "neurotoxin": 14,
}


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules(None)


@pytest.mark.parametrize(
    ("row", "severity", "rule_ids"), DOMAIN_TABLE, ids=[r[0] for r in DOMAIN_TABLE]
)
def test_every_table_row_has_its_rules(
    rules: RuleSet, row: str, severity: Severity, rule_ids: list[str]
) -> None:
    for rule_id in rule_ids:
        rule = rules.rule(rule_id)
        assert rule is not None, f"no rule for '{row}'"
        assert rule.severity is severity, rule_id
        assert "domain.md" in rule.source


def test_no_rule_without_a_reason(rules: RuleSet) -> None:
    in_table = {rule_id for _, _, ids in DOMAIN_TABLE for rule_id in ids}
    assert {rule.id for rule in rules.rules} == in_table | NOT_IN_TABLE
    for rule_id in NOT_IN_TABLE:
        rule = rules.rule(rule_id)
        assert rule is not None
        assert "[GK]" in rule.source
        assert "contraindication table" in rule.source


def test_sources_are_honest(rules: RuleSet) -> None:
    for rule in rules.rules:
        from_product = "product page" in rule.source or "Patient account" in rule.source
        assert from_product or "[GK]" in rule.source, rule.id


def test_product_rows_cite_the_product(rules: RuleSet) -> None:
    for rule_id in ("fitzpatrick_v_vi",):
        assert "SmartSkin CO2 (Cynosure) product page" in rules.rule(rule_id).source  # type: ignore[union-attr]
    for rule_id in ("aha_bha", "waxing", "chemical_peel", "antibiotics"):
        assert "Patient account of pixel resurfacing" in rules.rule(rule_id).source  # type: ignore[union-attr]


def test_time_windows(rules: RuleSet) -> None:
    for rule_id, days in WINDOWS.items():
        when = rules.rule(rule_id).when  # type: ignore[union-attr]
        assert isinstance(when, WithinDays) and when.days == days, rule_id
    iso = rules.rule("isotretinoin").when  # type: ignore[union-attr]
    assert isinstance(iso, WithinMonths) and 6 <= iso.months <= 12  # "6-12 months": months


def test_fitzpatrick_conditions(rules: RuleSet) -> None:
    assert rules.rule("fitzpatrick_v_vi").when == InSet("fitzpatrick", ("V", "VI"))  # type: ignore[union-attr]


def test_every_time_based_rule_says_what_to_do_with_a_date(rules: RuleSet) -> None:
    for rule in rules.rules:
        if isinstance(rule.when, WithinDays | WithinMonths):
            assert rule.advice_current and "{stop_by}" in rule.advice_current, rule.id
            assert rule.advice_current_late, rule.id
            assert "{earliest_if_stopped}" in rule.advice_current_late, rule.id
            assert "{earliest_date}" in rule.advice, rule.id


def test_form_fields_of_domain_md_are_questions(rules: RuleSet) -> None:
    wanted = {
        "fitzpatrick", "glogau", "scar_types", "pih_history", "keloid_history", "hsv_history",
        "isotretinoin", "medications", "allergies", "anaesthetic_allergy", "pregnant",
        "breastfeeding", "autoimmune", "diabetes", "immunosuppressed", "facial_radiation",
        "smoker", "sun_tan", "active_acne", "active_infection", "chemical_peel", "laser",
        "fillers", "neurotoxin", "waxing", "aha_bha", "microdermabrasion", "antibiotics",
        "photosensitisers", "anticoagulants", "retinoids", "treatment_areas",
    }  # fmt: skip
    assert wanted <= {q.id for q in rules.questions}
    fitzpatrick = rules.question("fitzpatrick")
    assert fitzpatrick is not None
    assert fitzpatrick.choice_values == ("I", "II", "III", "IV", "V", "VI")
    assert all(choice.label != choice.value for choice in fitzpatrick.choices)  # described


def test_no_clinical_text_in_the_engine() -> None:
    words = re.compile(r"pregnan|isotretinoin|AHA|BHA|antibiotic|Fitzpatrick|keloid|HSV|peel")
    engine = sorted((ROOT / "clinic_app" / "domain" / "screening").glob("*.py"))
    assert len(engine) > 3, "the screening room's modules are where this test looks"
    for path in engine:
        found = words.findall(path.read_text(encoding="utf-8"))
        assert not found, f"{path.name}: {found}"


# ---- docs/screening.md ----


def generated_block(command: str) -> str:
    text = DOCS.read_text(encoding="utf-8")
    begin = f"<!-- BEGIN GENERATED: {command} -->\n"
    start = text.index(begin) + len(begin)
    return text[start : text.index("<!-- END GENERATED -->", start)]


def test_docs_rules_table_is_generated(rules: RuleSet) -> None:
    assert generated_block("clinic-app rules --shipped --markdown") == rules_markdown(rules), (
        "docs/screening.md is out of date: paste the output of "
        "`clinic-app rules --shipped --markdown` between its markers"
    )


def test_docs_questions_table_is_generated(rules: RuleSet) -> None:
    expected = questions_markdown(rules)
    assert generated_block("clinic-app rules --shipped --questions --markdown") == expected, (
        "docs/screening.md is out of date: paste the output of "
        "`clinic-app rules --shipped --questions --markdown` between its markers"
    )


def docs_example() -> dict[str, object]:
    text = DOCS.read_text(encoding="utf-8")
    block = re.search(r"```json\n(.*?)```", text, re.S)
    assert block is not None
    return json.loads(block.group(1))


def test_docs_example_is_complete_and_fires_what_the_docs_say(rules: RuleSet) -> None:
    example = docs_example()
    treatment = screening.parse_date(str(example["treatment_date"]))
    assert treatment == dt.date(2026, 12, 15)
    result = evaluate(rules, example, treatment)
    assert result.complete
    assert [f.rule_id for f in result.findings] == [
        "aha_bha",
        "waxing",
        "hsv_history",
        "anticoagulants",
        "retinoids",
    ]
    assert set(example) - {"treatment_date"} == {q.id for q in rules.questions}
