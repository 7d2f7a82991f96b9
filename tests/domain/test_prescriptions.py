"""Prescriptions recorded with the plan: parsed, refused at their field, checked against the
treatment day."""

from __future__ import annotations

import datetime as dt

from clinic_app.domain.clinical_picture import Prescription, prescriptions_from
from clinic_app.domain.consultation.consultation_document import prescription_errors

TREATMENT = dt.date(2026, 12, 15)


def entry(**changes):
    return {
        "kind": "antiviral",
        "drug": "Aciclovir 400 mg",
        "start": "2026-12-13",
        "days": 7,
    } | changes


def test_a_course_is_read_with_its_last_day():
    (course,) = prescriptions_from([entry()])
    assert course == Prescription("antiviral", "Aciclovir 400 mg", dt.date(2026, 12, 13), 7)
    assert course.last_day == dt.date(2026, 12, 19)
    assert prescription_errors([entry()], TREATMENT) == {}


def test_each_wrong_field_is_named():
    errors = prescription_errors([entry(drug=" ", start="13/12/2026", days=0)], TREATMENT)
    assert set(errors) == {
        "plan.prescriptions.antiviral.drug",
        "plan.prescriptions.antiviral.start",
        "plan.prescriptions.antiviral.days",
    }
    assert prescriptions_from([entry(days=True)]) == ()


def test_a_course_that_misses_the_treatment_day_is_refused():
    late = prescription_errors([entry(start="2026-12-16")], TREATMENT)
    early = prescription_errors([entry(start="2026-12-01", days=3)], TREATMENT)
    for errors in (late, early):
        assert "must include the treatment day" in errors["plan.prescriptions.antiviral.start"]
    assert prescription_errors(None) == {} and prescription_errors([]) == {}
