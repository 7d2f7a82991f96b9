"""Care schedules: content files, safe placeholders and the dated, personalised content."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest

from clinic_app.content import override_dir, shipped
from clinic_app.domain.care import (
    care_common,
    care_file,
    care_handout,
    care_kinds,
    care_loader,
    care_personal,
    care_text,
)
from clinic_app.domain.care import care_schedule as cs
from clinic_app.domain.clinical_picture import (
    ANTIVIRAL,
    ClinicalPicture,
    PictureFinding,
    Prescription,
)

T = dt.date(2026, 12, 1)  # a Tuesday
ISSUED = dt.date(2026, 11, 10)
PERSON = care_handout.Person("Zoë", "O'Brien", dt.date(1980, 3, 14))
CLINIC = care_handout.ClinicContact("Clínica Piel & Co", "+1 555 014 2290")


def pre_care(
    flags: set[str] | frozenset[str] = frozenset(), **kwargs
) -> care_handout.PreCareContent:
    values = {"treatment_date": T, "issued_on": ISSUED, **kwargs}
    return cs.build_pre_care(
        care_loader.load_pre_care(), person=PERSON, clinic=CLINIC, flags=flags, **values
    )


def post_care(**kwargs) -> care_handout.PostCareContent:
    values = {"treatment_date": T, "issued_on": T, **kwargs}
    return cs.build_post_care(care_loader.load_post_care(), person=PERSON, clinic=CLINIC, **values)


def shipped_text(kind: str) -> str:
    return shipped(f"care/en/{kind}.toml").read_text(encoding="utf-8")


# ---- formatting and substitution -----------------------------------------------------------


def test_dates_are_printed_like_tue_1_dec_2026() -> None:
    assert care_text.format_date(T) == "Tue 1 Dec 2026"
    assert care_text.format_date(dt.date(2027, 1, 12)) == "Tue 12 Jan 2027"
    assert care_text.format_date(PERSON.date_of_birth, weekday=False) == "14 Mar 1980"
    assert care_text.format_time(dt.time(9, 5)) == "09:05"
    assert (
        care_text.format_appointment(dt.datetime(2027, 1, 12, 10, 30)) == "Tue 12 Jan 2027 at 10:30"
    )


def test_fill_substitutes_known_names_only_and_evaluates_nothing() -> None:
    values = {"name": "{clinic_phone}", "clinic_phone": "555"}
    assert care_text.fill("Call {clinic_phone}", values) == "Call 555"
    # A substituted value is not scanned again; unknown names stay as written.
    assert care_text.fill("{name} / {other}", values) == "{clinic_phone} / {other}"
    # Attribute and index syntax is not a placeholder: nothing is looked up.
    text = "{name.__class__} {name[0]} {0}"
    assert care_text.fill(text, values) == text


def test_flags_from_answers() -> None:
    answers = {
        "hsv_history": True,
        "smoker": False,
        "retinoids": "current",
        "aha_bha": "2026-11-01",
        "treatment_areas": ["full_face", "neck"],
        "fitzpatrick": {"nested": "ignored"},
    }
    assert cs.flags_from_answers(answers) == {
        "hsv_history",
        "retinoids:current",
        "aha_bha:2026-11-01",
        "treatment_areas:full_face",
        "treatment_areas:neck",
    }


def picture(
    *findings: str, skin_type: str | None = "II", antiviral: bool = False, **answers: object
) -> ClinicalPicture:
    """A clinical picture as the services build it from a completed consultation."""
    prescriptions = (
        (Prescription(ANTIVIRAL, "Valaciclovir 500 mg twice daily", dt.date(2026, 12, 13), 7),)
        if antiviral
        else ()
    )
    return ClinicalPicture(
        patient_id=1,
        consultation_id=1,
        skin_type=skin_type,
        findings=tuple(PictureFinding(rule_id, "caution", rule_id, "") for rule_id in findings),
        prescriptions=prescriptions,
        answers=answers,
    )


def test_the_flags_of_a_clinical_picture() -> None:
    flags = care_personal.flags_of(
        picture("hsv_history", "fitzpatrick_iv", skin_type="IV", antiviral=True, smoker=True)
    )
    assert {"hsv_history", "fitzpatrick_iv", "smoker", "skin_type:IV", "dark_skin"} <= flags
    assert "prescribed:antiviral" in flags
    assert "dark_skin" not in care_personal.flags_of(picture(skin_type="III"))
    assert "prescribed:antiviral" not in care_personal.flags_of(picture("hsv_history"))
    assert care_personal.flags_of(None) == frozenset()


# ---- the shipped content -------------------------------------------------------------------


def test_shipped_templates_load_with_a_short_stored_version() -> None:
    pre, post = care_loader.load_pre_care(), care_loader.load_post_care()
    assert pre.template_version.startswith("pre_care/en 2026.2 ")
    assert post.template_version.startswith("post_care/en 2026.2 ")
    # GeneratedDocument.template_version holds 40 characters.
    assert len(pre.template_version) <= 40 and len(post.template_version) <= 40
    assert {"stop_exfoliants", "stop_antibiotics", "stop_retinoids", "avoid_sun"} <= {
        item.id for item in pre.checklist
    }
    assert set(pre.prescriptions) == {"antiviral"} == set(post.course_ends)


@pytest.mark.parametrize("intensity", care_kinds.INTENSITIES)
def test_every_calendar_day_says_what_to_expect_and_what_to_do(intensity: str) -> None:
    content = post_care(intensity=intensity)
    assert [day.day for day in content.days] == list(range(15))
    for day in content.days:
        assert day.expect, f"day {day.day} ({intensity}) has nothing to expect"
        assert day.do or day.milestones, f"day {day.day} ({intensity}) has nothing to do"


# ---- pre-care ------------------------------------------------------------------------------


def test_pre_care_dates_count_back_from_the_treatment_day() -> None:
    content = pre_care()
    by_id = {entry.item_id: entry for entry in content.general_items}
    assert by_id["stop_exfoliants"].date == T - dt.timedelta(days=14)
    assert by_id["stop_exfoliants"].date_text == "Tue 17 Nov 2026"
    assert by_id["stop_exfoliants"].when_text == "By"
    assert by_id["avoid_sun"].when_text == "From"
    assert by_id["stop_antibiotics"].date_text == "Tue 24 Nov 2026"  # T-7
    assert "agreement of the doctor who prescribed" in by_id["stop_antibiotics"].text
    assert by_id["stop_retinoids"].date_text == "Tue 24 Nov 2026"
    # Sorted by date; items that need a finding are left out without one.
    dates = [entry.date for entry in content.general_items]
    assert dates == sorted(dates)
    assert "antiviral" not in by_id and "smoking" not in by_id
    assert not content.personal_items and not content.personal_notes
    assert content.general_heading == "Your checklist"


def test_pre_care_facts_and_day_of() -> None:
    content = pre_care(treatment_time=dt.time(9, 30))
    facts = {fact.label: fact.value for fact in content.facts}
    assert facts["Patient"] == "Zoë O'Brien"
    assert facts["Date of birth"] == "14 Mar 1980"
    assert facts["Treatment"] == "Tue 1 Dec 2026 at 09:30"
    assert "+1 555 014 2290" in facts["Questions"]
    assert pre_care().facts[2].value == "Tue 1 Dec 2026 (at the time we agreed)"
    assert any("no makeup" in item for item in content.day_of)
    assert any("numbing" in item for item in content.day_of)
    assert "+1 555 014 2290" in content.contact_text
    assert "without events" in content.week_text


@pytest.mark.parametrize(
    ("intensity", "downtime"),
    [("light", "about 4 days"), ("moderate", "5 to 7 days"), ("deep", "10 to 14 days")],
)
def test_pre_care_plans_the_downtime_of_the_planned_intensity(intensity, downtime) -> None:
    planned = dataclasses.replace(picture(), intensity=intensity)
    content = pre_care(picture=planned)
    assert downtime in content.week_text and "seven days" not in content.week_text
    # Post-care says the same for the same intensity: one figure per intensity, in one file.
    after = post_care(intensity=intensity)
    assert f"expected recovery {downtime}" in after.facts[2].value


def test_pre_care_without_a_planned_intensity_gives_the_range() -> None:
    text = pre_care().week_text
    assert "about 4 days" in text and "10 to 14 days" in text


def test_the_calendar_agrees_with_the_downtime() -> None:
    """Makeup (peeling and crusting over) comes when the downtime ends, not before or long
    after: the calendar and the figure printed on both handouts tell one story."""
    common = care_loader.load_common()
    post = care_loader.load_post_care()
    for intensity in care_kinds.INTENSITIES:
        first, last = common.intensities[intensity].downtime_days
        makeup = post.intensities[intensity].days["makeup_from_day"]
        assert first <= makeup <= last + 1, intensity


# ---- the antiviral: printed only when prescribed, with the prescription's own figures ------

T15 = dt.date(2026, 12, 15)  # a Tuesday; the prescription of picture() starts on the 13th


def all_text(content: object) -> str:
    """Every text of a handout's content, joined (for "is it anywhere" checks)."""
    if isinstance(content, str):
        return content
    if dataclasses.is_dataclass(content) and not isinstance(content, type):
        return "\n".join(all_text(getattr(content, f.name)) for f in dataclasses.fields(content))
    if isinstance(content, tuple | list):
        return "\n".join(all_text(item) for item in content)
    return ""


def test_a_cold_sore_history_without_a_prescription_gets_no_antiviral_step() -> None:
    content = pre_care(picture=picture("hsv_history"), treatment_date=T15)
    ids = [entry.item_id for entry in content.personal_items]
    assert "antiviral" not in ids
    assert "start the antiviral" not in all_text(content).lower()
    # Instead: ask the clinic about prevention, in time for a prescription to be written.
    ask = next(e for e in content.personal_items if e.item_id == "ask_about_cold_sores")
    assert (ask.when_text, ask.date_text) == ("By", "Tue 8 Dec 2026")
    assert "cold sore" in ask.text


def test_the_old_antiviral_tick_alone_prints_no_antiviral_step() -> None:
    """A bare "antiviral prescribed" flag, without the recorded drug, start and days, is not a
    prescription: the handout cannot say what to take or when."""
    content = pre_care({"hsv_history", "prescriptions:antiviral"}, treatment_date=T15)
    assert "antiviral" not in {entry.item_id for entry in content.personal_items}


def test_a_recorded_prescription_prints_its_drug_start_and_days() -> None:
    content = pre_care(picture=picture("hsv_history", antiviral=True), treatment_date=T15)
    by_id = {entry.item_id: entry for entry in content.personal_items}
    assert "ask_about_cold_sores" not in by_id
    step = by_id["antiviral"]
    assert (step.when_text, step.date_text, step.date) == (
        "On",
        "Sun 13 Dec 2026",
        dt.date(2026, 12, 13),
    )
    assert "Valaciclovir 500 mg twice daily" in step.text
    assert "7 days" in step.text and "Sat 19 Dec 2026" in step.text  # the last day
    assert step.personal and not step.overdue


def test_post_care_marks_the_last_day_of_the_course() -> None:
    content = post_care(picture=picture("hsv_history", antiviral=True), treatment_date=T15)
    day = content.days[4]
    assert day.date_text == "Sat 19 Dec 2026"
    assert any("Valaciclovir 500 mg twice daily" in text for text in day.milestones)
    assert not any(
        "antiviral" in t.lower() for d in content.days if d.day != 4 for t in d.milestones
    )
    without = post_care(picture=picture("hsv_history"), treatment_date=T15)
    assert not any("antiviral" in t.lower() for d in without.days for t in d.milestones)


def test_the_consultation_findings_come_first() -> None:
    content = pre_care({"retinoids", "hsv_history", "fitzpatrick_iv", "unknown_rule"})
    personal = [entry.item_id for entry in content.personal_items]
    assert personal == ["stop_retinoids", "ask_about_cold_sores"]
    ask = content.personal_items[1]
    assert (ask.date_text, ask.when_text) == ("Tue 24 Nov 2026", "By")  # T-7
    assert all(entry.personal for entry in content.personal_items)
    assert "stop_retinoids" not in {entry.item_id for entry in content.general_items}
    assert len(content.personal_notes) == 1 and "sun protection" in content.personal_notes[0]
    assert content.general_heading == "For everyone"


def test_answer_flags_personalise_too() -> None:
    content = pre_care(cs.flags_from_answers({"smoker": True, "aha_bha": "current"}))
    assert [entry.item_id for entry in content.personal_items] == ["stop_exfoliants", "smoking"]


def test_steps_whose_date_has_passed_are_listed_as_already_done() -> None:
    """Made 11 days before: the T-14 steps leave the lists of things to do and are listed
    calmly under "Should already be done", never as red "do it now" lines."""
    content = pre_care({"retinoids"}, issued_on=dt.date(2026, 11, 20))
    done = [entry.item_id for entry in content.done_items]
    assert done == ["stop_exfoliants", "avoid_sun", "ask_about_blood_thinners"]
    to_do = [e.item_id for e in (*content.personal_items, *content.general_items)]
    assert not set(done) & set(to_do) and "stop_retinoids" in to_do
    assert content.done_heading.startswith("Should already be done")
    assert not any(e.overdue for e in (*content.personal_items, *content.general_items))
    fresh = pre_care(issued_on=ISSUED)
    assert fresh.done_items == ()


def test_stop_lines_for_what_the_patient_answered_no_are_left_out() -> None:
    """The consultation answered "No" to retinoids, antibiotics, blood thinners and every
    exfoliant: no "stop" line for them. Unanswered (no picture) they print for everyone."""
    answers = dict.fromkeys(
        ["retinoids", "antibiotics", "anticoagulants", "aha_bha", "waxing", "chemical_peel",
         "microdermabrasion", "photosensitisers"],
        False,
    )  # fmt: skip
    content = pre_care(picture=picture(**answers))
    printed = {e.item_id for e in (*content.personal_items, *content.general_items)}
    assert not printed & {
        "stop_retinoids", "stop_antibiotics", "ask_about_blood_thinners", "stop_exfoliants"
    }  # fmt: skip
    assert {"avoid_sun", "buy_supplies"} <= printed
    # One exfoliant still in use keeps the exfoliant line, now as this patient's.
    waxing = pre_care(picture=picture(**(answers | {"waxing": "current"})))
    assert "stop_exfoliants" in {e.item_id for e in waxing.personal_items}
    # A date last taken is not a "No": the line stays.
    dated = pre_care(picture=picture(**(answers | {"retinoids": "2026-11-01"})))
    assert "stop_retinoids" in {e.item_id for e in dated.general_items}
    everyone = {e.item_id for e in pre_care().general_items}
    assert {"stop_retinoids", "stop_antibiotics", "stop_exfoliants"} <= everyone


def test_a_treatment_date_in_the_past_is_refused() -> None:
    assert cs.pre_care_date_problem(T, T) is None
    problem = cs.pre_care_date_problem(T, T + dt.timedelta(days=1))
    assert problem and "2026-12-01" in problem and "past" in problem


def test_the_footer_names_the_patient_and_the_version() -> None:
    content = pre_care()
    assert content.footer.patient_line == "Zoë O'Brien, born 14 Mar 1980"
    assert content.template_version in content.footer.version_line
    assert "Tue 10 Nov 2026" in content.footer.version_line
    assert content.footer.page_label == "Page {page} of {pages}"


# ---- post-care -----------------------------------------------------------------------------


def test_post_care_calendar_has_real_dates() -> None:
    content = post_care(intensity="moderate", areas=["full_face", "neck", "Left temple"])
    assert content.days[0].date_text == "Tue 1 Dec 2026"
    assert content.days[1].date_text == "Wed 2 Dec 2026"
    assert content.days[7].date_text == "Tue 8 Dec 2026"
    assert content.days[14].date == dt.date(2026, 12, 15)
    assert content.days[1].day_text == "Day 1"
    facts = {fact.label: fact.value for fact in content.facts}
    assert facts["Areas treated"] == "Full face, neck, left temple"
    assert facts["Sun protection"].endswith("Tue 12 Jan 2027")  # 6 weeks
    assert content.sun_protection_until == dt.date(2027, 1, 12)
    assert "Next appointment" not in facts


def test_post_care_follows_the_timeline() -> None:
    days = post_care(intensity="moderate").days
    assert any("Redness" in text for text in days[0].expect)
    assert any("ointment" in text for text in days[0].do)
    assert any("water only" in text for text in days[2].do)
    assert any("Scabs" in text for text in days[2].expect)
    assert any("flake off" in text for text in days[5].expect)
    assert any("pick" in text for text in days[5].do)
    assert any("sunscreen" in text.lower() for text in days[6].milestones)
    assert any("Makeup" in text for text in days[8].milestones)


def test_deeper_treatments_heal_longer() -> None:
    light, deep = post_care(intensity="light"), post_care(intensity="deep")

    def first_day(content: care_handout.PostCareContent, word: str) -> int:
        return next(d.day for d in content.days if any(word in m for m in d.milestones))

    assert first_day(light, "sunscreen") < first_day(deep, "sunscreen")
    assert first_day(light, "Makeup") < first_day(deep, "Makeup")
    assert light.sun_protection_until < deep.sun_protection_until
    assert "light intensity" in light.facts[2].value


def test_post_care_defaults_and_next_appointment() -> None:
    content = post_care(next_appointment=dt.datetime(2027, 1, 12, 10, 30))
    assert content.intensity == "moderate"
    facts = {fact.label: fact.value for fact in content.facts}
    assert facts["Areas treated"] == "As discussed with your practitioner"
    assert facts["Next appointment"] == "Tue 12 Jan 2027 at 10:30"
    assert "+1 555 014 2290" in content.warning_call
    assert any("38 °C" in sign for sign in content.warning_signs)
    with pytest.raises(ValueError, match="light, moderate, deep"):
        post_care(intensity="extreme")


# ---- the care texts tell one consistent story ------------------------------------------------

STILL_PEELING = ("crusting", "sloughing")  # the phases in which skin still crusts or flakes


@pytest.mark.parametrize("intensity", care_kinds.INTENSITIES)
def test_the_ointment_is_swapped_only_once_the_flaking_is_over(intensity: str) -> None:
    template = care_loader.load_post_care()
    peeling_ends = max(
        phase.days[intensity][1] for phase in template.phases if phase.id in STILL_PEELING
    )
    days = template.intensities[intensity].days
    assert days["moisturiser_from_day"] > peeling_ends
    assert days["makeup_from_day"] > peeling_ends
    content = post_care(intensity=intensity)
    swap = next(d for d in content.days if any("moisturiser" in m for m in d.milestones))
    assert not any("flake off" in text or "Scabs" in text for text in swap.expect), swap


@pytest.mark.parametrize("intensity", care_kinds.INTENSITIES)
def test_every_day_after_the_treatment_says_how_to_wash(intensity: str) -> None:
    for day in post_care(intensity=intensity).days[1:]:
        assert any(re.search(r"\b(wash|cleanser)", text, re.I) for text in day.do), day


def test_blood_thinners_are_asked_about_before_the_pause_with_its_window() -> None:
    content = pre_care({"anticoagulants"}, treatment_date=T15)
    by_id = {entry.item_id: entry for entry in content.personal_items}
    ask, pause = by_id["ask_about_blood_thinners"], by_id["pause_blood_thinners"]
    # Asked in time for an answer before the pause (10 to 14 days before, domain.md) begins.
    assert ask.date == T15 - dt.timedelta(days=14) < pause.date == T15 - dt.timedelta(days=10)
    # The question names the window: from when, and the day to restart.
    assert "Sat 5 Dec 2026" in ask.text and "Wed 16 Dec 2026" in ask.text
    assert "Wed 16 Dec 2026" in pause.text
    assert "prescribed" in ask.text  # never stopped on their own
    # Everyone is asked (aspirin and fish oil are often not declared); the pause is theirs.
    general = {entry.item_id for entry in pre_care(treatment_date=T15).general_items}
    assert "ask_about_blood_thinners" in general and "pause_blood_thinners" not in general


def test_photosensitisers_are_asked_about_before_the_pause_with_its_window() -> None:
    content = pre_care({"photosensitisers"}, treatment_date=T15)
    by_id = {entry.item_id: entry for entry in content.personal_items}
    ask, pause = by_id["ask_about_photosensitisers"], by_id["pause_photosensitisers"]
    assert ask.date == T15 - dt.timedelta(days=14) < pause.date == T15 - dt.timedelta(days=7)
    assert "Tue 8 Dec 2026" in ask.text and "Tue 22 Dec 2026" in ask.text  # from, restart
    assert "Tue 22 Dec 2026" in pause.text
    assert "ask_about_photosensitisers" not in {e.item_id for e in pre_care().general_items}


def test_the_pain_reliever_is_named_wherever_pain_is() -> None:
    name = care_loader.load_common().medicines["pain_reliever"]
    assert name == "paracetamol (acetaminophen)"
    content = post_care()
    assert any(name in sign for sign in content.warning_signs if "ain" in sign)
    assert not any("the pain reliever" in sign for sign in content.warning_signs)
    assert any(name in text for text in content.days[0].do)
    assert any("ibuprofen" in text and "aspirin" in text for text in content.days[0].do)
    assert name in all_text(pre_care())  # to have at home


def test_itching_milia_and_delayed_darkening_are_expected() -> None:
    content = post_care(intensity="moderate")
    expected = " ".join(text for day in content.days for text in day.expect)
    assert "tch" in expected  # itching while the skin heals
    after = " ".join(content.after)
    assert "milia" in after and "darker" in after


# ---- post-care: just for you ---------------------------------------------------------------


def test_post_care_without_findings_has_no_personal_section() -> None:
    assert post_care().personal == ()
    assert post_care(picture=picture()).personal == ()


@pytest.mark.parametrize("skin", ["IV", "V", "VI"])
def test_darker_skin_gets_the_pigment_risk_and_a_stricter_sun_plan(skin: str) -> None:
    finding = "fitzpatrick_iv" if skin == "IV" else "fitzpatrick_v_vi"
    dark = post_care(picture=picture(finding, skin_type=skin), intensity="moderate")
    usual = post_care(picture=picture(skin_type="II"), intensity="moderate")
    text = " ".join(dark.personal)
    assert "darker" in text and "lighter" in text  # hyper- and hypopigmentation
    assert "SPF 50" in text
    # The stricter plan is the plan printed everywhere: facts, "In the weeks after", for you.
    assert dark.sun_protection_until == T + dt.timedelta(weeks=12) > usual.sun_protection_until
    until = care_text.format_date(dark.sun_protection_until)
    assert until in text and until in dark.facts[4].value and until in " ".join(dark.after)
    assert dark.facts[4].value.startswith("Mineral SPF 50")
    assert usual.facts[4].value.startswith("SPF 30+")
    # One sunscreen on the whole handout: the calendar and the weeks after name the stricter
    # one too (found by a fresh pair of eyes: the calendar said SPF 30+ from day 6).
    calendar = " ".join(text for day in dark.days for text in day.do)
    assert "mineral SPF 50" in calendar and "SPF 30" not in calendar + " ".join(dark.after)
    plain = " ".join(text for day in usual.days for text in day.do)
    assert "SPF 30+" in plain and "SPF 50" not in plain


def test_the_antiviral_course_and_cold_sores() -> None:
    course = post_care(picture=picture("hsv_history", antiviral=True), treatment_date=T15)
    text = " ".join(course.personal)
    assert "Valaciclovir 500 mg twice daily" in text and "Sat 19 Dec 2026" in text
    without = " ".join(post_care(picture=picture("hsv_history")).personal)
    assert "cold sore" in without and "antiviral" not in without.lower()


def test_healing_findings_each_get_their_line() -> None:
    content = post_care(picture=picture("diabetes", "smoking", smoker=True))
    assert any("Diabetes" in line for line in content.personal)
    assert sum("moking" in line for line in content.personal) == 1  # rule and answer: once
    assert len(content.personal) == 2


def test_treated_areas_have_labels_in_one_case() -> None:
    content = post_care(areas=["forehead", "nose", "chin", "Left temple"])
    facts = {fact.label: fact.value for fact in content.facts}
    assert facts["Areas treated"] == "Forehead, nose, chin and jawline, left temple"
    eyes = post_care(picture=picture(), areas=["periorbital"])
    assert any("eyes" in line for line in eyes.personal)


def test_every_area_the_app_records_has_a_label() -> None:
    from clinic_app.domain.screening.screening import load_rules
    from clinic_app.domain.sessions.device_profile import AREAS

    template = care_loader.load_post_care()
    question = load_rules().question("treatment_areas")
    assert question is not None
    for area in {*AREAS, *question.choice_values}:
        assert area in template.areas, f"no label for the area '{area}'"
        label = template.areas[area]
        assert label[:1].islower(), f"'{label}': labels are written as inside a sentence"


# ---- content files a clinic edits ------------------------------------------------------------


def test_a_clinic_override_replaces_the_shipped_file(tmp_path: Path) -> None:
    folder = override_dir(tmp_path, "care/en")
    folder.mkdir(parents=True)
    text = shipped_text("pre_care").replace('version = "2026.2"', 'version = "local-3"')
    text = text.replace("Before your CO2 laser treatment", "Avant votre laser")
    (folder / "pre_care.toml").write_text(text, encoding="utf-8")
    template = care_loader.load_pre_care(tmp_path)
    assert template.labels["title"] == "Avant votre laser"
    assert template.template_version.startswith("pre_care/en local-3 ")
    assert care_loader.load_post_care(tmp_path).version == "2026.2"  # not overridden


@pytest.mark.parametrize(
    ("kind", "old", "new", "message"),
    [
        ("pre_care", "Start your antiviral", "Start {antiviral_begin} your", "unknown placeholder"),
        ("pre_care", "Stop retinoid creams", "Stop {antiviral_drug} creams", "unknown placeholder"),
        ("pre_care", 'title = "Before', 'title = "{treatment_date.year} Before', "braces"),
        ("pre_care", 'date = "stop_antibiotics_by"', 'date = "soon"', "not a name of [dates]"),
        ("pre_care", 'when = "on"', 'when = "around"', "'when' must be one of"),
        ("pre_care", 'version = "2026.2"', 'version = "a version that is far too long"', "version"),
        ("pre_care", 'kind = "pre_care"', 'kind = "post_care"', "kind must be 'pre_care'"),
        ("pre_care", 'week_heading = "Plan your recovery time"\n', "", "'week_heading'"),
        ("post_care", "moderate = [4, 7]", "moderate = [4, 17]", "days.moderate"),
        ("post_care", "days = { light = [0, 0]", "days = { medium = [0, 0]", "unknown intensity"),
        ("post_care", "sun_protection_weeks = 4", "sun_protection_weeks = 0", "between 1 and 52"),
        ("post_care", "expect.deep", "expect.extreme", "unknown intensity extreme"),
        ("post_care", 'makeup_from_day = "Makeup', 'makeup_day = "Makeup', "makeup_from_day"),
        # A line that prints the antiviral's drug must be printed only when one is prescribed.
        (
            "post_care",
            'when = ["prescribed:antiviral"]',
            'when = ["hsv_history", "prescribed:antiviral"]',
            """'when' must be ["prescribed:antiviral"]""",
        ),
        ("post_care", 'id = "area_hands"\n', "", "personal line 14: 'id'"),
    ],
)
def test_content_errors_name_the_file_and_the_entry(
    kind: str, old: str, new: str, message: str
) -> None:
    text = shipped_text(kind)
    assert old in text
    parse = care_loader.parse_pre_care if kind == "pre_care" else care_loader.parse_post_care
    with pytest.raises(care_file.CareContentError) as caught:
        parse(text.replace(old, new, 1), origin=f"overrides/care/en/{kind}.toml")
    assert str(caught.value).startswith(f"overrides/care/en/{kind}.toml: ")
    assert message in str(caught.value)


def test_a_clinic_changes_the_downtime_once_for_both_handouts(tmp_path: Path) -> None:
    folder = override_dir(tmp_path, "care/en")
    folder.mkdir(parents=True)
    text = shipped_text("common").replace("downtime_days = [10, 14]", "downtime_days = [12, 16]")
    (folder / "common.toml").write_text(text, encoding="utf-8")
    pre, post = care_loader.load_pre_care(tmp_path), care_loader.load_post_care(tmp_path)
    assert pre.common.intensities["deep"].downtime == "12 to 16 days"
    assert post.intensities["deep"].downtime == "12 to 16 days"
    # The checksum in each footer covers common.toml: a reader sees the content changed.
    assert pre.checksum != care_loader.load_pre_care().checksum
    assert post.checksum != care_loader.load_post_care().checksum


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("downtime_days = [5, 7]", "downtime_days = [7, 5]", "'downtime_days' must be"),
        ("downtime_days = [5, 7]", 'downtime_days = "a week"', "'downtime_days' must be"),
        ('kind = "care_common"', 'kind = "pre_care"', "kind must be 'care_common'"),
        ("{first} to {last} days", "{first} to {end} days", "unknown placeholder {end}"),
        ('pain_reliever = "paracetamol', 'pain_reliever = "{paracetamol}', "without braces"),
    ],
)
def test_common_content_errors_name_the_file_and_the_entry(old, new, message) -> None:
    text = shipped_text("common")
    assert old in text
    with pytest.raises(care_file.CareContentError) as caught:
        care_common.parse_common(text.replace(old, new, 1), "overrides/care/en/common.toml")
    assert str(caught.value).startswith("overrides/care/en/common.toml: ")
    assert message in str(caught.value)


def test_an_unknown_placeholder_message_names_the_item() -> None:
    text = shipped_text("pre_care").replace(
        "Stop retinoid creams", "Stop {retinol_date} retinoid creams"
    )
    with pytest.raises(
        care_file.CareContentError, match=r"checklist item 'stop_retinoids'.*retinol_date"
    ):
        care_loader.parse_pre_care(text)


def test_broken_toml_is_reported() -> None:
    with pytest.raises(care_file.CareContentError, match="not valid TOML"):
        care_loader.parse_post_care("[meta\nkind = 1")
