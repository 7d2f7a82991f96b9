"""The screening engine: every shipped rule, date boundaries, unanswered vs "no", robustness."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinic_app.domain.screening.screening import (
    CURRENT,
    Finding,
    RuleSet,
    RulesFileError,
    RulesSource,
    ScreeningResult,
    Severity,
    WithinDays,
    build_ruleset,
    evaluate,
    format_date,
    load_rules,
)

T = dt.date(2026, 12, 15)  # a Tuesday


def before(days: int) -> str:
    """The ISO date ``days`` days before the treatment date T."""
    return (T - dt.timedelta(days=days)).isoformat()


# Every question answered, nothing fires: "no" is false, none is [] for scar types.
CLEAN: dict[str, Any] = {
    "fitzpatrick": "II",
    "glogau": "II",
    "scar_types": [],
    "pih_history": False,
    "pregnant": False,
    "breastfeeding": False,
    "active_infection": False,
    "active_acne": False,
    "hsv_history": False,
    "keloid_history": False,
    "autoimmune": False,
    "diabetes": False,
    "immunosuppressed": False,
    "facial_radiation": False,
    "smoker": False,
    "allergies": False,
    "anaesthetic_allergy": False,
    "medications": False,
    "isotretinoin": False,
    "antibiotics": False,
    "photosensitisers": False,
    "anticoagulants": False,
    "retinoids": False,
    "aha_bha": False,
    "waxing": False,
    "chemical_peel": False,
    "microdermabrasion": False,
    "laser": False,
    "fillers": False,
    "neurotoxin": False,
    "sun_tan": False,
    "treatment_areas": ["full_face"],
}

# rule id -> (answers that make it fire, the nearest answers that must not)
RULE_CASES: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "active_infection": ({"active_infection": True}, {"active_infection": False}),
    "pregnancy": ({"pregnant": True}, {"pregnant": False}),
    "keloid_history": ({"keloid_history": True}, {"keloid_history": False}),
    "hsv_history": ({"hsv_history": True}, {"hsv_history": False}),
    "breastfeeding": ({"breastfeeding": True}, {"breastfeeding": False}),
    "autoimmune": ({"autoimmune": True}, {"autoimmune": False}),
    "diabetes": ({"diabetes": True}, {"diabetes": False}),
    "immunosuppression": ({"immunosuppressed": True}, {"immunosuppressed": False}),
    "facial_radiation": ({"facial_radiation": True}, {"facial_radiation": False}),
    "smoking": ({"smoker": True}, {"smoker": False}),
    "anaesthetic_allergy": ({"anaesthetic_allergy": True}, {"anaesthetic_allergy": False}),
    "fitzpatrick_v_vi": ({"fitzpatrick": "VI"}, {"fitzpatrick": "III"}),
    "fitzpatrick_iv": ({"fitzpatrick": "IV"}, {"fitzpatrick": "III"}),
    "sun_tan": ({"sun_tan": before(13)}, {"sun_tan": before(14)}),
    "isotretinoin": ({"isotretinoin": before(364)}, {"isotretinoin": before(365)}),
    "antibiotics": ({"antibiotics": before(6)}, {"antibiotics": before(7)}),
    "photosensitisers": ({"photosensitisers": before(6)}, {"photosensitisers": before(7)}),
    "anticoagulants": ({"anticoagulants": before(13)}, {"anticoagulants": before(14)}),
    "retinoids": ({"retinoids": before(6)}, {"retinoids": before(7)}),
    "aha_bha": ({"aha_bha": before(13)}, {"aha_bha": before(14)}),
    "waxing": ({"waxing": before(13)}, {"waxing": before(14)}),
    "chemical_peel": ({"chemical_peel": before(13)}, {"chemical_peel": before(14)}),
    "microdermabrasion": ({"microdermabrasion": before(13)}, {"microdermabrasion": before(14)}),
    "active_acne": ({"active_acne": True}, {"active_acne": False}),
    "pih_history": ({"pih_history": True}, {"pih_history": False}),
    "laser": ({"laser": before(13)}, {"laser": before(14)}),
    "fillers": ({"fillers": before(13)}, {"fillers": before(14)}),
    "neurotoxin": ({"neurotoxin": before(13)}, {"neurotoxin": before(14)}),
}


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules(None)


def screen(rules: RuleSet, treatment_date: dt.date | None = T, **changes: Any) -> ScreeningResult:
    return evaluate(rules, {**CLEAN, **changes}, treatment_date)


def ids(result: ScreeningResult) -> list[str]:
    return [finding.rule_id for finding in result.findings]


def only(result: ScreeningResult) -> Finding:
    assert len(result.findings) == 1, ids(result)
    return result.findings[0]


def test_clean_answers_are_complete_and_fire_nothing(rules: RuleSet) -> None:
    assert {q.id for q in rules.questions} == set(CLEAN)
    result = screen(rules)
    assert result.findings == ()
    assert result.complete
    assert not result.blocks_plan


def test_every_shipped_rule_has_a_case(rules: RuleSet) -> None:
    assert {rule.id for rule in rules.rules} == set(RULE_CASES)


@pytest.mark.parametrize("rule_id", sorted(RULE_CASES))
def test_rule_fires_alone(rules: RuleSet, rule_id: str) -> None:
    fires, _ = RULE_CASES[rule_id]
    finding = only(screen(rules, **fires))
    rule = rules.rule(rule_id)
    assert rule is not None
    assert (finding.rule_id, finding.rule_version, finding.severity) == (
        rule_id,
        rule.version,
        rule.severity,
    )
    assert finding.source == rule.source and finding.source
    assert finding.answers == tuple(fires)
    for text in (finding.title, finding.message, finding.advice):
        assert text and "{" not in text and "}" not in text


@pytest.mark.parametrize("rule_id", sorted(RULE_CASES))
def test_rule_does_not_fire(rules: RuleSet, rule_id: str) -> None:
    _, quiet = RULE_CASES[rule_id]
    result = screen(rules, **quiet)
    assert result.findings == ()
    assert result.complete


# ---- dates: judged against the planned treatment date ----


@pytest.mark.parametrize(
    ("answer", "days", "fires"),
    [
        ("aha_bha", 13, True),
        ("aha_bha", 14, False),
        ("waxing", 13, True),
        ("waxing", 14, False),
        ("chemical_peel", 13, True),
        ("chemical_peel", 14, False),
        ("antibiotics", 6, True),
        ("antibiotics", 7, False),
        ("aha_bha", 0, True),  # done on the treatment day itself
        ("antibiotics", 0, True),
    ],
)
def test_date_boundaries(rules: RuleSet, answer: str, days: int, fires: bool) -> None:
    result = screen(rules, **{answer: before(days)})
    assert ids(result) == ([answer] if fires else [])


def test_every_date_rule_at_its_boundary(rules: RuleSet) -> None:
    for rule in rules.rules:
        if not isinstance(rule.when, WithinDays):
            continue
        answer, days = rule.when.answer, rule.when.days
        assert ids(screen(rules, **{answer: before(days - 1)})) == [rule.id]
        assert ids(screen(rules, **{answer: before(days)})) == []
        assert ids(screen(rules, **{answer: before(days + 1)})) == []


def test_still_using_gives_a_stop_by_date(rules: RuleSet) -> None:
    finding = only(screen(rules, aha_bha=CURRENT))
    assert finding.advice == "Stop AHA/BHA products by Tue 1 Dec 2026."
    assert (finding.due_date, finding.due_kind) == (dt.date(2026, 12, 1), "stop_by")


def test_stopping_on_the_stop_by_date_clears_the_finding(rules: RuleSet) -> None:
    stop_by = only(screen(rules, aha_bha=CURRENT)).due_date
    assert stop_by is not None
    assert screen(rules, aha_bha=stop_by.isoformat()).findings == ()


def test_recent_date_gives_the_earliest_treatment_date(rules: RuleSet) -> None:
    finding = only(screen(rules, chemical_peel=before(13)))
    assert (finding.due_date, finding.due_kind) == (T + dt.timedelta(days=1), "earliest_date")
    assert "Wed 2 Dec 2026" in finding.advice
    assert "Wed 16 Dec 2026 or later" in finding.advice
    # ...and on that date the rule no longer fires
    moved = evaluate(rules, {**CLEAN, "chemical_peel": before(13)}, finding.due_date)
    assert moved.findings == ()


def test_antibiotics_stop_by_one_week_before(rules: RuleSet) -> None:
    finding = only(screen(rules, antibiotics=CURRENT))
    assert finding.due_date == dt.date(2026, 12, 8)
    assert "Tue 8 Dec 2026" in finding.advice


def test_rule_dates_fill_placeholders(rules: RuleSet) -> None:
    finding = only(screen(rules, hsv_history=True))
    assert "between Sun 13 Dec 2026 and Mon 14 Dec 2026" in finding.advice


def test_date_objects_are_accepted_as_answers(rules: RuleSet) -> None:
    assert ids(screen(rules, waxing=T - dt.timedelta(days=3))) == ["waxing"]


def test_current_is_case_insensitive(rules: RuleSet) -> None:
    assert ids(screen(rules, retinoids="Current")) == ["retinoids"]


def test_date_after_the_treatment_date_fires_and_is_reported(rules: RuleSet) -> None:
    result = screen(rules, waxing=(T + dt.timedelta(days=3)).isoformat())
    assert ids(result) == ["waxing"]
    assert [p.question for p in result.problems] == ["waxing"]
    assert "after the planned treatment date" in result.problems[0].message


def test_without_a_treatment_date(rules: RuleSet) -> None:
    result = screen(rules, None, aha_bha=CURRENT, waxing=before(3), hsv_history=True)
    assert "treatment_date" in result.unanswered
    assert ids(result) == ["aha_bha", "hsv_history"]  # "current" needs no date to fire
    assert result.undecided == ("waxing",)  # a past date does
    aha = result.findings[0]
    assert aha.advice == "Stop AHA/BHA products by 14 days before the planned treatment date."
    assert aha.due_date is None
    assert not result.complete


# ---- unanswered is not "no" ----


@pytest.mark.parametrize("missing", [None, "", "   "])
def test_null_or_blank_is_unanswered(rules: RuleSet, missing: Any) -> None:
    result = screen(rules, pregnant=missing)
    assert result.unanswered == ("pregnant",)
    assert result.undecided == ("pregnancy",)
    assert not result.complete
    assert result.blocks_plan, "an unanswered absolute question blocks the plan (issue 13)"
    assert result.unanswered_absolute == ("pregnant",) and not result.has_absolute_finding


def test_absent_answer_is_unanswered_not_no(rules: RuleSet) -> None:
    answers = {k: v for k, v in CLEAN.items() if k not in ("pregnant", "aha_bha", "fitzpatrick")}
    result = evaluate(rules, answers, T)
    assert result.unanswered == ("fitzpatrick", "pregnant", "aha_bha")
    assert set(result.undecided) == {"pregnancy", "fitzpatrick_v_vi", "fitzpatrick_iv", "aha_bha"}
    assert result.problems == ()


def test_empty_answers_fire_nothing_and_leave_everything_unanswered(rules: RuleSet) -> None:
    result = evaluate(rules, {}, None)
    assert result.findings == ()
    assert set(result.unanswered) == set(CLEAN) | {"treatment_date"}
    assert set(result.undecided) == set(RULE_CASES)


def test_optional_question_may_stay_unanswered(rules: RuleSet) -> None:
    extra = RulesSource(
        "clinic.toml",
        'format_version = 1\n[[question]]\nid = "referred_by"\nkind = "details"\n'
        'label = "Referred by"\nrequired = false\n',
        clinic=True,
    )
    with_optional = build_ruleset([*_shipped_sources(), extra])
    assert evaluate(with_optional, CLEAN, T).complete


# ---- bad values: a problem naming the field, never an exception ----


@pytest.mark.parametrize(
    ("question", "value", "fragment"),
    [
        ("pregnant", "no", "true (yes) or false (no)"),
        ("pregnant", 0, "true (yes) or false (no)"),
        ("fitzpatrick", "VII", '"I", "II", "III", "IV", "V", "VI"'),
        ("fitzpatrick", 5, "choose one of"),
        ("scar_types", "icepick", "give a list"),
        ("scar_types", ["icepick", "pitted"], '"pitted" not among the choices'),
        ("treatment_areas", [], "choose at least 1"),
        ("aha_bha", "2026-02-30", "'2026-02-30' is not a date"),
        ("aha_bha", "1/12/2026", "YYYY-MM-DD"),
        ("aha_bha", True, '"current" (still using) or the date last used'),
        ("aha_bha", 20261201, "the date last used"),
        ("allergies", True, "describe it in words"),
        ("allergies", {"a": 1}, "an object"),
    ],
)
def test_bad_value_is_a_problem(rules: RuleSet, question: str, value: Any, fragment: str) -> None:
    result = screen(rules, **{question: value})
    assert [p.question for p in result.problems] == [question]
    assert fragment in result.problems[0].message
    assert question not in result.unanswered
    assert not result.complete


def test_unknown_key_is_a_problem(rules: RuleSet) -> None:
    result = screen(rules, pregant=True)
    assert [(p.question, p.message) for p in result.problems] == [
        ("pregant", "not a question of the screening form; check the spelling")
    ]


def test_treatment_date_key_is_reserved(rules: RuleSet) -> None:
    assert evaluate(rules, {**CLEAN, "treatment_date": "2026-12-15"}, T).complete


def test_answers_that_are_not_an_object(rules: RuleSet) -> None:
    result = evaluate(rules, ["pregnant"], T)  # type: ignore[arg-type]
    assert result.problems[0].question == "answers"


def test_treatment_date_of_the_wrong_type(rules: RuleSet) -> None:
    result = evaluate(rules, CLEAN, "2026-12-15")  # type: ignore[arg-type]
    assert [p.question for p in result.problems] == ["treatment_date"]


# ---- the result ----


def test_findings_ordered_absolute_relative_caution(rules: RuleSet) -> None:
    result = screen(rules, smoker=True, aha_bha=CURRENT, pregnant=True, fitzpatrick="IV")
    assert [f.severity for f in result.findings] == [
        Severity.ABSOLUTE,
        Severity.RELATIVE,
        Severity.CAUTION,
        Severity.CAUTION,
    ]
    assert result.blocks_plan
    assert [f.rule_id for f in result.needs_reason] == ["aha_bha"]


def test_relative_findings_do_not_block(rules: RuleSet) -> None:
    result = screen(rules, fitzpatrick="V", keloid_history=True)
    assert not result.blocks_plan
    assert {f.severity for f in result.findings} == {Severity.RELATIVE}


def test_result_as_dict_is_json(rules: RuleSet) -> None:
    data = json.loads(json.dumps(screen(rules, aha_bha=CURRENT).as_dict()))
    assert data["findings"][0]["due_date"] == "2026-12-01"
    assert data["complete"] is True and data["blocks_plan"] is False


def test_format_date() -> None:
    assert format_date(dt.date(2026, 12, 1)) == "Tue 1 Dec 2026"


# ---- the condition language, on rules written for the test ----

QUESTIONS = """
format_version = 1
[[question]]
id = "a"
kind = "yes_no"
label = "A"
[[question]]
id = "b"
kind = "yes_no"
label = "B"
[[question]]
id = "peel"
kind = "exposure"
label = "Peel"
[[question]]
id = "areas"
kind = "multi_choice"
label = "Areas"
choices = ["face", "neck", "chest"]
"""


def custom(rule: str) -> RuleSet:
    return build_ruleset([RulesSource("test.toml", QUESTIONS + rule)])


def rule_text(when: str, **extra: str) -> str:
    fields = {
        "id": '"r"',
        "version": "1",
        "severity": '"caution"',
        "title": '"T"',
        "message": '"M"',
        "advice": '"A"',
        "source": '"S"',
        **extra,
    }
    body = "".join(f"{key} = {value}\n" for key, value in fields.items())
    return f"[[rule]]\n{body}when = {when}\n"


@pytest.mark.parametrize(
    ("a", "b", "any_state", "all_state"),
    [
        (True, True, True, True),
        (True, False, True, False),
        (False, False, False, False),
        (True, None, True, None),
        (False, None, None, False),
        (None, None, None, None),
    ],
)
def test_any_of_all_of_never_read_missing_as_no(
    a: bool | None, b: bool | None, any_state: bool | None, all_state: bool | None
) -> None:
    answers = {"areas": ["face"], "peel": False, "a": a, "b": b}
    for combo, expected in (("any_of", any_state), ("all_of", all_state)):
        parts = '{ answer = "a", equals = true }, { answer = "b", equals = true }'
        when = f"{{ {combo} = [{parts}] }}"
        rs = custom(rule_text(when))
        result = evaluate(rs, answers, T)
        state = None if result.undecided else bool(result.findings)
        assert state is expected, combo


def test_in_on_multi_choice_means_any_selected() -> None:
    rs = custom(rule_text('{ answer = "areas", in = ["neck", "chest"] }'))
    base = {"a": False, "b": False, "peel": False}
    assert ids(evaluate(rs, {**base, "areas": ["face", "neck"]}, T)) == ["r"]
    assert ids(evaluate(rs, {**base, "areas": ["face"]}, T)) == []


def test_all_of_with_a_date_uses_its_placeholders() -> None:
    rs = custom(
        rule_text(
            '{ all_of = [{ answer = "a", equals = true }, { answer = "peel", within_days = 3 }] }',
            advice='"Earliest {earliest_date}, last {last_used}"',
            advice_current='"Stop by {stop_by} ({days} days)"',
        )
    )
    base = {"b": False, "areas": ["face"], "a": True}
    assert only(evaluate(rs, {**base, "peel": CURRENT}, T)).advice == (
        "Stop by Sat 12 Dec 2026 (3 days)"
    )
    assert only(evaluate(rs, {**base, "peel": before(1)}, T)).advice == (
        "Earliest Thu 17 Dec 2026, last Mon 14 Dec 2026"
    )


def test_literal_braces_and_no_attribute_access() -> None:
    rs = custom(
        rule_text('{ answer = "a", equals = true }', message='"Set {{x}} on {treatment_date}"')
    )
    result = evaluate(rs, {"a": True, "b": False, "peel": False, "areas": ["face"]}, T)
    assert only(result).message == "Set {x} on Tue 15 Dec 2026"
    with pytest.raises(RulesFileError, match=r"stray '\{'"):
        custom(rule_text('{ answer = "a", equals = true }', message='"{treatment_date.year}"'))


def test_extreme_treatment_dates_do_not_overflow(rules: RuleSet) -> None:
    for when in (dt.date.min, dt.date.max):
        result = evaluate(rules, {**CLEAN, "aha_bha": CURRENT, "hsv_history": True}, when)
        assert len(result.findings) == 2
    low = evaluate(rules, {**CLEAN, "aha_bha": CURRENT}, dt.date.min)
    assert "14 days before the planned treatment date" in low.findings[0].advice


# ---- loading: overrides from the data dir, malformed files ----


def _shipped_sources() -> list[RulesSource]:
    from clinic_app.content import layered_files

    return [RulesSource(str(f), f.read_text(encoding="utf-8")) for f in layered_files("rules")]


F = "format_version = 1\n"


def write_override(data_dir: Path, name: str, text: str) -> Path:
    folder = data_dir / "overrides" / "rules"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


SMOKING_V2 = """format_version = 1
[[rule]]
id = "smoking"
version = 2
severity = "relative"
title = "Smoking (clinic policy)"
message = "Our clinic asks smokers to stop before resurfacing."
advice = "Stop smoking two weeks before; record a reason to proceed otherwise."
source = "Clinic policy, 2026-11"
when = { answer = "smoker", equals = true }

[[rule]]
id = "clinic_fillers"
version = 1
severity = "caution"
title = "Fillers within 14 days"
message = "Fillers were injected recently."
advice_current = "Plan injections after the laser."
advice = "Injected {last_used}: wait until {earliest_date}."
source = "Clinic policy, 2026-11"
when = { answer = "fillers", within_days = 14 }

[[rule]]
id = "diabetes"
enabled = false
"""


def test_clinic_rule_replaces_shipped_one_and_adds_new(data_dir: Path) -> None:
    write_override(data_dir, "clinic.toml", SMOKING_V2)
    rules = load_rules(data_dir)
    smoking = rules.rule("smoking")
    assert smoking is not None
    assert (smoking.version, smoking.severity, smoking.clinic) == (2, Severity.RELATIVE, True)
    assert rules.rule("diabetes") is None and rules.disabled == ("diabetes",)
    assert [r.id for r in rules.rules].count("smoking") == 1
    result = evaluate(rules, {**CLEAN, "smoker": True, "fillers": before(2), "diabetes": True}, T)
    assert ids(result) == ["smoking", "fillers", "clinic_fillers"]
    assert result.findings[0].rule_version == 2
    assert result.findings[2].advice == "Injected Sun 13 Dec 2026: wait until Sun 27 Dec 2026."
    # the shipped set is untouched
    assert load_rules(None).rule("smoking").version == 1  # type: ignore[union-attr]


def test_clinic_file_of_the_same_name_replaces_the_whole_file(data_dir: Path) -> None:
    shipped_medical = {r.id for r in load_rules(None).rules if r.origin.endswith("medical.toml")}
    write_override(data_dir, "medical.toml", SMOKING_V2.split('[[rule]]\nid = "clinic_')[0])
    rules = load_rules(data_dir)
    assert {r.id for r in rules.rules} & shipped_medical == {"smoking"}


def test_clinic_question_is_added_and_used(data_dir: Path) -> None:
    write_override(
        data_dir,
        "gold.toml",
        'format_version = 1\n[[question]]\nid = "gold_threads"\nkind = "yes_no"\n'
        'label = "Gold threads in the face"\n'
        + rule_text('{ answer = "gold_threads", equals = true }').replace('"r"', '"gold"'),
    )
    rules = load_rules(data_dir)
    assert evaluate(rules, CLEAN, T).unanswered == ("gold_threads",)
    assert ids(evaluate(rules, {**CLEAN, "gold_threads": True}, T)) == ["gold"]


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        ("format_version = 1\n[[rule]\n", ["not valid TOML", "line 2"]),
        ('[[rule]]\nid = "x"\n', ["'format_version = 1' is missing"]),
        ("format_version = 2\n", ["format_version 2 is written for a newer clinic-app"]),
        (
            "format_version = 1\n[[rules]]\nid = 'x'\n",
            ["unknown top-level entry 'rules'", "did you mean 'rule'"],
        ),
        (
            F + rule_text('{ answer = "smoker", equals = true }', severity='"high"'),
            ["rule 'r'", "severity 'high' is not one of absolute, relative, caution"],
        ),
        (
            F + rule_text('{ answer = "smoker", equals = true }', sevrity='"caution"'),
            ["rule 'r'", "unknown field 'sevrity' (did you mean 'severity'?)"],
        ),
        (
            F + rule_text('{ answer = "pregant", equals = true }'),
            ["rule 'r'", "no question \"pregant\" (did you mean 'pregnant'?)"],
        ),
        (
            F + rule_text('{ answer = "smoker", within_days = 7 }'),
            ["within_days applies to exposure questions; 'smoker' is yes_no"],
        ),
        (
            F + rule_text('{ answer = "aha_bha", equals = true }'),
            ["equals does not apply to 'aha_bha' (exposure); use within_days"],
        ),
        (
            F + rule_text('{ answer = "fitzpatrick", in = ["V", "7"] }'),
            ["'7' not among the choices of 'fitzpatrick'"],
        ),
        (
            F + rule_text('{ answer = "aha_bha", within_days = 0 }'),
            ["within_days must be a whole number of days from 1"],
        ),
        (F + rule_text('{ answer = "smoker" }'), ["exactly one of equals, in, within_days"]),
        (
            F + rule_text('{ answer = "smoker", equals = true }', advice='"Stop by {stopby}"'),
            ["advice: unknown placeholder {stopby}", "available here: {treatment_date}"],
        ),
        (
            F + rule_text('{ answer = "aha_bha", within_days = 14 }', advice='"{earliest_date}"'),
            ["{earliest_date} is unknown while the patient still uses it"],
        ),
        (
            F + rule_text('{ answer = "smoker", equals = true }', version="0"),
            ["field 'version' must be between 1 and"],
        ),
        (
            F + rule_text('{ answer = "smoker", equals = true }', version='"1"'),
            ["field 'version' must be a whole number"],
        ),
        (
            F + rule_text('{ answer = "smoker", equals = true }', message='""'),
            ["field 'message' must be a non-empty text"],
        ),
        (
            F + rule_text('{ answer = "smoker", equals = true }') * 2,
            ["rule 'r' is defined twice in the clinic's overrides"],
        ),
        (
            'format_version = 1\n[[rule]]\nid = "nonesuch"\nenabled = false\n',
            ["no shipped rule 'nonesuch' to switch off"],
        ),
    ],
)
def test_malformed_rules_file(data_dir: Path, text: str, fragments: list[str]) -> None:
    path = write_override(data_dir, "clinic.toml", text)
    with pytest.raises(RulesFileError) as caught:
        load_rules(data_dir)
    message = str(caught.value)
    assert str(path) in message
    for fragment in fragments:
        assert fragment in message


def test_all_problems_are_reported_together(data_dir: Path) -> None:
    write_override(
        data_dir, "a.toml", "format_version = 1\n" + rule_text("1").replace('"r"', '"a"')
    )
    write_override(data_dir, "b.toml", "format_version = 3\n")
    with pytest.raises(RulesFileError) as caught:
        load_rules(data_dir)
    assert len(caught.value.problems) == 2
    assert str(caught.value).startswith("2 problems in the screening rules:")


def test_rules_file_not_utf8(data_dir: Path) -> None:
    folder = data_dir / "overrides" / "rules"
    folder.mkdir(parents=True)
    (folder / "latin.toml").write_bytes("format_version = 1\n# caf\xe9\n".encode("latin-1"))
    with pytest.raises(RulesFileError, match=r"latin\.toml: not UTF-8"):
        load_rules(data_dir)


# ---- no combination of answers crashes the engine ----

QUESTION_IDS = sorted(CLEAN)
JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
    | st.sampled_from(["current", "CURRENT", "I", "IV", "V", "icepick", "full_face", ""])
    | st.dates().map(dt.date.isoformat)
    | st.from_regex(r"\A\d{4}-\d{2}-\d{2}\Z", fullmatch=True)
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=8,
)
ANSWER_VALUES = JSON_VALUES | st.dates() | st.datetimes()
ANSWERS = st.dictionaries(
    st.sampled_from([*QUESTION_IDS, "treatment_date"]) | st.text(max_size=8),
    ANSWER_VALUES,
    max_size=40,
)
OVERLAID = st.fixed_dictionaries({}, optional={key: ANSWER_VALUES for key in QUESTION_IDS}).map(
    lambda changes: {**CLEAN, **changes}
)
TREATMENT_DATES = st.none() | st.dates() | st.datetimes()


@settings(
    max_examples=400,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(answers=ANSWERS | OVERLAID, treatment_date=TREATMENT_DATES)
def test_no_answers_crash_the_engine(
    rules: RuleSet, answers: dict[Any, Any], treatment_date: dt.date | None
) -> None:
    result = evaluate(rules, answers, treatment_date)
    json.dumps(result.as_dict())  # always serialisable
    ranks = [finding.severity.rank for finding in result.findings]
    assert ranks == sorted(ranks)
    absolute = any(f.severity is Severity.ABSOLUTE for f in result.findings)
    assert result.has_absolute_finding == absolute
    assert result.blocks_plan == (absolute or bool(result.unanswered_absolute))
    problem_keys = {problem.question for problem in result.problems}
    for question in rules.questions:
        value = answers.get(question.id)
        if value is None:
            assert question.id in result.unanswered
        else:
            assert question.id not in result.unanswered or (
                isinstance(value, str) and not value.strip()
            )
    for rule_id in result.undecided:  # a rule is undecided only for a missing or bad answer
        rule = rules.rule(rule_id)
        assert rule is not None
        reads = {getattr(rule.when, "answer", None), "treatment_date"}
        assert reads & (set(result.unanswered) | problem_keys)
    for finding in result.findings:
        assert "{" not in finding.advice


def toml_value(value: Any) -> str:
    """A JSON-like value written as TOML (None has no TOML form: the caller leaves it out)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        escaped = "".join(
            "\\" + c if c in '"\\' else f"\\u{ord(c):04x}" if ord(c) < 0x20 or ord(c) == 0x7F else c
            for c in value
        )
        return f'"{escaped}"'
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value if v is not None) + "]"
    items = (f"{toml_value(str(k))} = {toml_value(v)}" for k, v in value.items() if v is not None)
    return "{ " + ", ".join(items) + " }"


CONDITIONS = st.recursive(
    st.fixed_dictionaries(
        {"answer": st.sampled_from(["a", "b", "peel", "areas", "nope"]) | JSON_SCALARS},
        optional={
            "equals": JSON_SCALARS,
            "in": st.lists(st.sampled_from(["face", "neck", "x"]) | JSON_SCALARS, max_size=3),
            "within_days": st.integers(-5, 40_000) | JSON_SCALARS,
        },
    ),
    lambda inner: (
        st.dictionaries(st.sampled_from(["any_of", "all_of"]), st.lists(inner, max_size=3))
        | st.dictionaries(st.sampled_from(["any_of", "all_of", "answer"]), inner)
    ),
    max_leaves=6,
)
VALID_RULE = {
    "id": "r",
    "version": 1,
    "severity": "caution",
    "title": "T",
    "message": "M",
    "advice": "A",
    "source": "S",
    "when": {"answer": "peel", "within_days": 3},
}
# A valid rule with some fields changed, removed (None) or added, so that every check is reached.
RULE_TABLES = st.fixed_dictionaries(
    {},
    optional={
        "id": st.sampled_from(["r", "R", "1x", "smoking"]) | JSON_SCALARS,
        "version": st.integers(-1, 3) | JSON_SCALARS,
        "severity": st.sampled_from(["absolute", "relative", "caution"]) | JSON_SCALARS,
        "title": st.sampled_from(["T", "{days}", "x{"]) | JSON_SCALARS,
        "message": st.sampled_from(["M", "{treatment_date}", "{{ok}}", "}"]) | JSON_SCALARS,
        "advice": st.sampled_from(["A {stop_by}", "{earliest_date}", "{start}"]) | JSON_SCALARS,
        "advice_current": st.sampled_from(["{stop_by}", "{last_used}"]) | JSON_SCALARS,
        "source": JSON_SCALARS,
        "when": CONDITIONS | JSON_VALUES,
        "dates": st.dictionaries(st.sampled_from(["start", "days", "x-y"]), JSON_SCALARS)
        | JSON_VALUES,
        "enabled": st.booleans() | JSON_SCALARS,
        "extra": JSON_SCALARS,
    },
).map(lambda changes: {**VALID_RULE, **changes})


@settings(max_examples=300, deadline=None, database=None)
@given(tables=st.lists(RULE_TABLES, max_size=3), clinic=st.booleans())
def test_malformed_rule_tables_raise_rules_file_error_only(
    tables: list[dict[str, Any]], clinic: bool
) -> None:
    text = "format_version = 1\n" + "".join(
        "[[rule]]\n"
        + "".join(
            f"{key} = {toml_value(value)}\n" for key, value in table.items() if value is not None
        )
        for table in tables
    )
    sources = [RulesSource("q.toml", QUESTIONS), RulesSource("r.toml", text, clinic=clinic)]
    try:
        ruleset = build_ruleset(sources)
    except RulesFileError as exc:
        assert exc.problems and all(p.startswith("r.toml") for p in exc.problems), exc.problems
    else:
        assert isinstance(ruleset, RuleSet)
