"""No near-empty pages: handouts of several personalisations, laid out on both paper sizes.

Every page but the last holds at least a third of its frame, the last one more than a stray
box, and the recovery calendar starts with its heading and at least three days. How full a page
is comes from ReportLab's own frame cursor (handout_layout.py explains why); the PDF read back
with pypdf confirms the measure.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest
from handout_layout import MIN_FILL, lay_out, lowest_text

from clinic_app.domain.care import care_handout, care_loader
from clinic_app.domain.care import care_schedule as cs
from clinic_app.domain.clinical_picture import (
    ANTIVIRAL,
    ClinicalPicture,
    PictureFinding,
    Prescription,
)
from clinic_app.reports.handouts.handouts import Letterhead

T = dt.date(2026, 12, 15)
ISSUED = dt.date(2026, 11, 21)
PERSON = care_handout.Person("Zoë", "Martínez-O'Brien", dt.date(1981, 4, 23))
LETTERHEAD = Letterhead(
    name="Clairmont Skin Clinic",
    phone="+1 (604) 555-0142",
    address="1200 Harbour Street, Suite 4\nVancouver, BC V6B 1A1",
    email="care@clairmont.example",
)
CLINIC = care_handout.ClinicContact(LETTERHEAD.name, LETTERHEAD.phone)
VALACICLOVIR = Prescription(ANTIVIRAL, "Valaciclovir 500 mg twice daily", dt.date(2026, 12, 13), 7)
FINDINGS = (
    "retinoids", "hsv_history", "fitzpatrick_iv", "fitzpatrick_v_vi", "diabetes", "smoking",
    "anticoagulants", "photosensitisers", "antibiotics", "aha_bha", "waxing", "sun_tan",
    "immunosuppression", "autoimmune", "facial_radiation", "keloid_history", "isotretinoin",
    "anaesthetic_allergy", "breastfeeding",
)  # fmt: skip
AREAS = (
    "full_face", "forehead", "cheeks", "nose", "chin", "perioral", "periorbital", "neck",
    "chest", "hands",
)  # fmt: skip


def picture(
    *findings: str,
    skin: str = "II",
    intensity: str | None = "moderate",
    prescriptions: tuple[Prescription, ...] = (),
) -> ClinicalPicture:
    return ClinicalPicture(
        patient_id=1,
        consultation_id=1,
        skin_type=skin,
        intensity=intensity,
        findings=tuple(PictureFinding(rule, "caution", rule, "") for rule in findings),
        prescriptions=prescriptions,
    )


# The personalisations of the issue: none, cold sores with a prescription, dark skin with a
# deep full-face plan, and a patient with many findings.
CASES: dict[str, tuple[ClinicalPicture | None, str, tuple[str, ...]]] = {
    "none": (None, "moderate", ("cheeks",)),
    "hsv-prescribed": (
        picture("hsv_history", prescriptions=(VALACICLOVIR,)),
        "moderate",
        ("cheeks", "perioral"),
    ),
    "iv-vi-deep-full-face": (
        picture("fitzpatrick_v_vi", skin="V", intensity="deep"),
        "deep",
        ("full_face",),
    ),
    "many-flags": (
        picture(*FINDINGS, skin="IV", intensity="deep", prescriptions=(VALACICLOVIR,)),
        "deep",
        ("full_face", "periorbital", "neck", "chest", "hands"),
    ),
}


def contents(
    case: tuple[ClinicalPicture | None, str, tuple[str, ...]],
    *,
    time: dt.time | None = dt.time(9, 30),
    next_appointment: dt.datetime | None = dt.datetime(2027, 1, 26, 10, 30),
) -> tuple[care_handout.PreCareContent, care_handout.PostCareContent]:
    shown, intensity, areas = case
    pre = cs.build_pre_care(
        care_loader.load_pre_care(),
        person=PERSON,
        clinic=CLINIC,
        treatment_date=T,
        treatment_time=time,
        picture=shown,
        issued_on=ISSUED,
    )
    post = cs.build_post_care(
        care_loader.load_post_care(),
        person=PERSON,
        clinic=CLINIC,
        treatment_date=T,
        intensity=intensity,
        areas=areas,
        picture=shown,
        next_appointment=next_appointment,
        issued_on=T,
    )
    return pre, post


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("name", list(CASES))
def test_no_near_empty_page(name: str, paper: str) -> None:
    letterhead = dataclasses.replace(LETTERHEAD, paper_size=paper)
    pre, post = contents(CASES[name])
    for content, calendar in ((pre, None), (post, post.calendar_heading)):
        layout = lay_out(letterhead, content)
        assert layout.problems(calendar) == [], (content.kind, [f.fraction for f in layout.fills])
    # The endings travel whole: pre-care's day-of list with the contact box, post-care's last
    # calendar days with "In the weeks after".
    pre_last = lay_out(letterhead, pre).pages[-1]
    assert pre.day_of_heading in pre_last and "Call Clairmont Skin Clinic" in pre_last
    post_last = lay_out(letterhead, post).pages[-1]
    assert post.after_heading in post_last and "Day 13" in post_last and "Day 14" in post_last


def random_case(rng: random.Random) -> tuple[ClinicalPicture, str, tuple[str, ...]]:
    intensity = rng.choice(["light", "moderate", "deep"])
    course = Prescription(ANTIVIRAL, "Aciclovir 400 mg three times daily", T, rng.randint(1, 10))
    shown = picture(
        *rng.sample(FINDINGS, rng.randint(0, len(FINDINGS))),
        skin=rng.choice(["I", "II", "III", "IV", "V", "VI"]),
        intensity=rng.choice([intensity, None]),
        prescriptions=(course,) if rng.random() < 0.4 else (),
    )
    return shown, intensity, tuple(rng.sample(AREAS, rng.randint(0, 5)))


@pytest.mark.parametrize("seed", range(5))
def test_no_near_empty_page_whatever_the_patient(seed: int) -> None:
    """Seeded mixes of findings, areas, intensities, paper, logo and optional lines."""
    rng = random.Random(seed)
    for _ in range(6):
        case = random_case(rng)
        letterhead = dataclasses.replace(
            LETTERHEAD,
            paper_size=rng.choice(["A4", "Letter"]),
            address=rng.choice([LETTERHEAD.address, ""]),
        )
        pre, post = contents(
            case,
            time=rng.choice([dt.time(9, 30), None]),
            next_appointment=rng.choice([dt.datetime(2027, 1, 26, 10, 30), None]),
        )
        for content, calendar in ((pre, None), (post, post.calendar_heading)):
            layout = lay_out(letterhead, content)
            assert layout.problems(calendar) == [], (case, letterhead.paper_size, content.kind)


@pytest.mark.parametrize("name", ["none", "many-flags"])
def test_the_measure_agrees_with_the_printed_page(name: str) -> None:
    """ReportLab's cursor and the lowest text pypdf finds on the page tell the same story: the
    text ends above where the content ends, by no more than a box's padding and a line."""
    for content in contents(CASES[name]):
        layout = lay_out(LETTERHEAD, content)
        for fill, text_depth in zip(layout.fills, lowest_text(layout.pdf, LETTERHEAD), strict=True):
            assert text_depth <= fill.used_height + 1, (content.kind, fill)
            assert text_depth >= fill.used_height - 30, (content.kind, fill)
            assert fill.frame_height * MIN_FILL < fill.frame_height  # a sane frame
