"""Builders shared by the session tests: a completed consultation with a plan, session inputs.

The consultation wizard (another service) is not needed: the rows are written as it would.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from clinic_app.domain.screening.screening import QuestionKind, load_rules
from clinic_app.domain.sessions.session_content import load_session_content
from clinic_app.domain.sessions.session_recheck import NOTHING_NEW, recheck_questions
from clinic_app.domain.sessions.session_record import AreaSettings, SessionInput
from clinic_app.models import Consultation, ScreeningFinding, TreatmentPlan

UTC = dt.UTC
DEKA = "deka-smartxide-dot"
# The published 3rd-degree burn case of domain.md.
BURN_MID_FACE = {"power_w": 30.0, "dwell_us": 1800.0, "spacing_um": 450.0, "passes": 2}
BURN_NECK = {"power_w": 25.0, "dwell_us": 1600.0, "spacing_um": 450.0}
GENTLE_FACE = {"power_w": 12.0, "dwell_us": 600.0, "spacing_um": 500.0, "stack": 1, "passes": 1}


def all_no_answers(**overrides: Any) -> dict[str, Any]:
    """Every screening question answered, nothing found (Fitzpatrick II), then ``overrides``."""
    answers: dict[str, Any] = {}
    for question in load_rules().questions:
        if question.kind is QuestionKind.CHOICE:
            answers[question.id] = (
                "II" if question.id == "fitzpatrick" else question.choices[0].value
            )
        elif question.kind is QuestionKind.MULTI_CHOICE:
            answers[question.id] = ["cheeks"] if question.min_selected else []
        else:
            answers[question.id] = False
    answers.update(overrides)
    return answers


def add_consultation(
    session: Session,
    patient_id: int,
    *,
    completed_at: dt.datetime = dt.datetime(2026, 1, 10, 10, 0, tzinfo=UTC),
    sessions_planned: int = 3,
    interval_weeks: int = 4,
    intensity: str = "moderate",
    areas: tuple[str, ...] = ("cheeks", "forehead", "neck"),
    answers: dict[str, Any] | None = None,
    findings: tuple[tuple[str, str, str | None, str], ...] = (),
    status: str = "completed",
) -> Consultation:
    """A completed consultation with a plan; ``findings`` are (rule_id, severity, decision,
    reason)."""
    consultation = Consultation(
        patient_id=patient_id,
        status=status,
        treatment_date=completed_at.date() + dt.timedelta(days=14),
        answers=answers if answers is not None else all_no_answers(),
        started_at=completed_at - dt.timedelta(hours=1),
        completed_at=completed_at if status != "draft" else None,
    )
    consultation.plan = TreatmentPlan(
        intensity=intensity,
        sessions_planned=sessions_planned,
        interval_weeks=interval_weeks,
        device_profile_id=DEKA,
        areas={"areas": list(areas)},
    )
    for rule_id, severity, decision, reason in findings:
        consultation.findings.append(
            ScreeningFinding(
                rule_id=rule_id,
                rule_version=1,
                severity=severity,
                message=f"{rule_id} finding",
                decision=decision,
                reason=reason,
            )
        )
    session.add(consultation)
    session.flush()
    return consultation


def area(name: str, **values: Any) -> AreaSettings:
    return AreaSettings(area=name, **values)


def session_input(
    patient_id: int,
    *,
    when: dt.datetime = dt.datetime(2026, 2, 1, 9, 30, tzinfo=UTC),
    areas: tuple[AreaSettings, ...] | None = None,
    consultation_id: int | None = None,
    recheck: dict[str, Any] | None = None,
    **fields: Any,
) -> SessionInput:
    """A valid session input: gentle face settings on cheeks unless ``areas`` are given, and
    the re-check answered "nothing new"."""
    return SessionInput(
        patient_id=patient_id,
        performed_at=when,
        device_profile_id=fields.pop("device_profile_id", DEKA),
        areas=areas if areas is not None else (area("cheeks", **GENTLE_FACE),),
        consultation_id=consultation_id,
        recheck_answers=recheck if recheck is not None else nothing_new(),
        **fields,
    )


def nothing_new(**changes: Any) -> dict[str, Any]:
    """Every re-check question answered "no" / "nothing new", then ``changes``."""
    questions = recheck_questions(load_rules(), load_session_content())
    answers: dict[str, Any] = {
        q.id: False if q.kind is QuestionKind.YES_NO else NOTHING_NEW for q in questions
    }
    return answers | changes
