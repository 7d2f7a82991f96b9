"""Consultation documents for the tests: every question answered, then changed as a test needs.

Imported by tests as ``from consultation_samples import ...`` (tests/ is on sys.path because
tests/conftest.py lives there).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from clinic_app.domain.consultation.consultation_document import ConsultationContent, new_document
from clinic_app.domain.screening.screening import QuestionKind

TREATMENT = dt.date(2026, 12, 15)


def all_no_answers(content: ConsultationContent) -> dict[str, Any]:
    """Every screening question answered with its "no" (or first choice, or the cheeks)."""
    answers: dict[str, Any] = {}
    for question in content.rules.questions:
        if question.kind in (QuestionKind.YES_NO, QuestionKind.EXPOSURE, QuestionKind.DETAILS):
            answers[question.id] = False
        elif question.kind is QuestionKind.CHOICE:
            answers[question.id] = question.choice_values[0]
        elif question.min_selected:
            answers[question.id] = [question.choice_values[0]]
        else:
            answers[question.id] = []
    answers["fitzpatrick"] = "II"
    answers["treatment_areas"] = ["cheeks", "perioral"]
    return answers


def complete_document(
    content: ConsultationContent, treatment: dt.date = TREATMENT, **screening: Any
) -> dict[str, Any]:
    """A document ready to complete: intake, every answer (``screening`` overrides), a plan."""
    doc = new_document()
    doc["intake"] = {
        "concerns": ["acne_scars", "fine_lines"],
        "concern_other": "",
        "goals": "Smoother cheeks for my sister's wedding — «sin cicatrices»",
        "downtime_accepted": "up_to_2_weeks",
    }
    doc["screening"] = all_no_answers(content) | screening
    doc["screening"]["treatment_date"] = treatment.isoformat()
    doc["plan"] = {
        "intensity": "moderate",
        "sessions_planned": 2,
        "interval_weeks": 6,
        "expected_downtime_days": 7,
        "device_profile_id": "deka-smartxide-dot",
        "notes": "",
    }
    doc["page"] = "summary"
    return doc
