"""Medicines typed as free text are matched to their screening question (issue 13): "warfarin"
typed under other medications is caught even when the anticoagulant question says No."""

from __future__ import annotations

from pathlib import Path

import pytest
from consultation_samples import complete_document
from test_screening import CLEAN, T

from clinic_app.domain.consultation.consultation_document import (
    completion_errors,
    load_content,
    screening_errors,
)
from clinic_app.domain.screening.drug_classes import (
    DrugListError,
    close,
    fold,
    load_drug_list,
    parse_drug_list,
    words_of,
)
from clinic_app.domain.screening.screening import (
    CURRENT,
    RuleSet,
    RulesFileError,
    evaluate,
    load_rules,
)


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules(None)


def mentioned(rules: RuleSet, text: str) -> set[tuple[str, str]]:
    result = evaluate(rules, {**CLEAN, "medications": text}, T)
    return {(m.drug, m.question) for m in result.mentions}


def questions_of(rules: RuleSet, text: str) -> set[str]:
    return {question for _, question in mentioned(rules, text)}


# ---- matching ----------------------------------------------------------------------------------


def test_folding_and_words() -> None:
    assert fold("Warfárin ÅSPIRIN St John’s") == "warfarin aspirin st johns"
    assert words_of("Warfarin5mg, 1x/day") == ["warfarin", "5", "mg", "1", "x", "day"]


@pytest.mark.parametrize(
    ("typed", "listed", "expected"),
    [
        ("warfarine", "warfarin", True),  # one letter more
        ("wafrarin", "warfarin", True),  # two letters swapped
        ("doxycyline", "doxycycline", True),
        ("doxycylcine", "doxycycline", True),
        ("ciprofloxacin", "levofloxacin", False),
        ("minocycline", "doxycycline", False),
        ("vitamine", "vitamin", True),
        ("d", "e", False),  # short words must be exact
        ("aspro", "aspirin", False),
    ],
)
def test_close_forgives_small_typos_only(typed: str, listed: str, expected: bool) -> None:
    assert close(typed, listed) is expected


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("warfarin", "anticoagulants"),
        ("Warfarin 5mg daily", "anticoagulants"),
        ("WARFARINE", "anticoagulants"),
        ("Eliquis 5 mg twice daily", "anticoagulants"),
        ("low-dose aspirin", "anticoagulants"),
        ("Vitamin E and fish-oil capsules", "anticoagulants"),
        ("Roaccutane 20 mg", "isotretinoin"),
        ("accutane (stopped?)", "isotretinoin"),
        ("Absorica", "isotretinoin"),
        ("St. John's Wort tea", "photosensitisers"),
        ("st johnswort", "photosensitisers"),
        ("Minocycline for acne", "photosensitisers"),
        ("tretinoin 0.05% cream", "retinoids"),
        ("Retin-A", "retinoids"),
        ("amoxicilin", "antibiotics"),
    ],
)
def test_listed_medicines_are_found(rules: RuleSet, text: str, question: str) -> None:
    assert question in questions_of(rules, text)


def test_doxycycline_is_an_antibiotic_and_a_photosensitiser(rules: RuleSet) -> None:
    assert questions_of(rules, "Doxycycline 100mg") == {"antibiotics", "photosensitisers"}


@pytest.mark.parametrize(
    "text",
    ["levothyroxine", "vitamine D", "metformin, ramipril", "paracetamol", "isotonic saline"],
)
def test_unlisted_medicines_are_left_alone(rules: RuleSet, text: str) -> None:
    assert mentioned(rules, text) == set()


def test_isotretinoin_is_not_read_as_tretinoin(rules: RuleSet) -> None:
    assert questions_of(rules, "isotretinoin 20 mg") == {"isotretinoin"}


# ---- the contradiction: a finding the consultation cannot be completed with ------------------


def test_warfarin_typed_as_text_is_caught(rules: RuleSet) -> None:
    result = evaluate(rules, {**CLEAN, "medications": "Warfarin 5mg"}, T)
    assert not result.complete
    [problem] = [p for p in result.problems if p.question == "anticoagulants"]
    assert "warfarin (an anticoagulant)" in problem.message
    assert "answered No" in problem.message
    errors = screening_errors(result, rules)
    assert "Anticoagulants, aspirin, vitamin E or fish oil" in errors["screening.anticoagulants"]


def test_the_consultation_cannot_be_completed_with_the_contradiction() -> None:
    content = load_content(None)
    document = complete_document(content, medications="warfarin")
    _, errors = completion_errors(document, content)
    assert "warfarin" in errors["screening.anticoagulants"]
    answered = complete_document(content, medications="warfarin", anticoagulants="2026-11-01")
    _, errors = completion_errors(answered, content)
    assert errors == {}


def test_no_contradiction_once_the_question_says_so(rules: RuleSet) -> None:
    for answer in (CURRENT, "2026-11-01"):
        result = evaluate(rules, {**CLEAN, "medications": "warfarin", "anticoagulants": answer}, T)
        assert not [p for p in result.problems if p.question == "anticoagulants"]
        assert [m.drug for m in result.mentions] == ["warfarin"]
    unanswered = {k: v for k, v in CLEAN.items() if k != "anticoagulants"}
    result = evaluate(rules, {**unanswered, "medications": "warfarin"}, T)
    assert result.unanswered == ("anticoagulants",)
    assert [p.question for p in result.problems] == []  # reported once, as unanswered
    assert result.as_dict()["mentions"] == [
        {"drug": "warfarin", "class": "anticoagulant", "question": "anticoagulants"}
    ]


def test_two_medicines_of_one_question_make_one_problem(rules: RuleSet) -> None:
    result = evaluate(rules, {**CLEAN, "medications": "warfarin; aspirin 75"}, T)
    [problem] = [p for p in result.problems if p.question == "anticoagulants"]
    assert "warfarin (an anticoagulant) and aspirin (an antiplatelet drug)" in problem.message


# ---- the file ----------------------------------------------------------------------------------


def test_every_class_names_its_source(rules: RuleSet) -> None:
    drugs = load_drug_list(None)
    assert drugs is not None and rules.drugs == drugs
    assert {c.id for c in drugs.classes} >= {
        "anticoagulant", "antiplatelet", "photosensitiser", "isotretinoin", "antibiotic",
        "topical_retinoid",
    }  # fmt: skip
    for drug_class in drugs.classes:
        assert "domain.md" in drug_class.source or "[GK]" in drug_class.source, drug_class.id


def test_a_clinic_replaces_the_list(tmp_path: Path) -> None:
    folder = tmp_path / "overrides" / "screening"
    folder.mkdir(parents=True)
    shipped = Path(__file__).parents[2] / "resources" / "screening" / "drug_classes.toml"
    text = shipped.read_text(encoding="utf-8").replace('"warfarin",', '"warfarin", "Marfarin",')
    (folder / "drug_classes.toml").write_text(text, encoding="utf-8")
    rules = load_rules(tmp_path)
    assert "anticoagulants" in {m.question for m in evaluate(
        rules, {**CLEAN, "medications": "marfarin"}, T).mentions}  # fmt: skip
    (folder / "drug_classes.toml").write_text(
        text.replace('question = "anticoagulants"', 'question = "anticoagulant"', 1),
        encoding="utf-8",
    )
    with pytest.raises(RulesFileError, match="question 'anticoagulant' is not an exposure"):
        load_rules(tmp_path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("format_version = 2", "format_version = 1"),
        ("format_version = 1", "[messages] table is required"),
        ('format_version = 1\n[messages]\ncontradiction = "c"', "messages.prompt_title"),
    ],
)
def test_a_broken_list_names_what_is_wrong(text: str, expected: str) -> None:
    with pytest.raises(DrugListError, match=expected.replace("[", r"\[")):
        parse_drug_list(text, "clinic.toml")


def test_ibuprofen_is_matched_to_the_anticoagulant_question(rules: RuleSet) -> None:
    """Post-care advises against ibuprofen for its bruising: typed as a medicine, it asks the
    anticoagulants question (found by a fresh pair of eyes)."""
    assert questions_of(rules, "Ibuprofen 400 mg when needed") == {"anticoagulants"}
    assert questions_of(rules, "Nurofen") == {"anticoagulants"}
