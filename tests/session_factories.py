"""Builders shared by the session tests: a completed consultation with a plan, session inputs.

The consultation wizard (another service) is not needed: the rows are written as it would.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from sqlalchemy.orm import Session

from clinic_app.domain.consent.consent_document import ConsentDocument, load_document
from clinic_app.domain.consent.consent_record import Signature
from clinic_app.domain.screening.screening import QuestionKind, RuleSet, load_rules
from clinic_app.domain.sessions.session_content import load_session_content
from clinic_app.domain.sessions.session_recheck import NOTHING_NEW, recheck_questions
from clinic_app.domain.sessions.session_record import AreaSettings, SessionInput
from clinic_app.models import Consultation, ScreeningFinding, TreatmentPlan
from clinic_app.services.consent import consent_drafts, consents
from clinic_app.services.security.identity import Actor

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
    consent: bool = True,
) -> Consultation:
    """A completed consultation with a plan; ``findings`` are (rule_id, severity, decision,
    reason). Unless ``consent`` is False (or it is a draft), the patient then signs the
    informed consent for it through the consent service, as the session gate requires."""
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
    if consent and status != "draft":
        give_consent(session, patient_id)
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


@functools.cache
def _consent_resources() -> tuple[RuleSet, ConsentDocument]:
    return load_rules(), load_document()


def scribble(x: float = 10.0, points: int = 12) -> Signature:
    """A signature of two strokes on a 300 x 100 pad."""
    first = tuple((x + i * 8.0, 50.0 + (i % 3) * 10.0) for i in range(points))
    second = tuple((x + 20.0 + i * 4.0, 80.0 - i * 3.0) for i in range(points // 2))
    return Signature(300.0, 100.0, (first, second))


def give_consent(
    session: Session,
    patient_id: int,
    *,
    actor: Actor | None = None,
    photo: bool = True,
    marketing: bool = False,
    when: dt.datetime | None = None,
) -> consents.ConsentView:
    """The patient signs the consent for their current plan, through the real service."""
    rules, document = _consent_resources()
    draft = consent_drafts.prepare(session, patient_id, rules, document)
    return consents.record(
        session,
        actor or Actor(name="test:esthetician"),
        draft,
        patient=consents.Signer("Maya Ortiz", scribble()),
        witness=consents.Signer("Dana Witness", scribble(40.0)),
        photo_clinical=photo,
        photo_marketing=marketing,
        rules=rules,
        document=document,
        now=when,
    )


def signed_first_session(
    session: Session,
    actor: Actor,
    resources: Any,
    *,
    when: dt.datetime,
    first_name: str = "Ana",
    last_name: str = "Ruiz",
    intensity: str = "moderate",
) -> tuple[int, int]:
    """A new patient with a completed consultation (3 sessions, every 4 weeks) and the first
    session signed on ``when`` through the real services: (patient id, session id). Signing
    plans the follow-ups (services/followups)."""
    from clinic_app.domain.patient_rules import PatientFields
    from clinic_app.services.patients import patients
    from clinic_app.services.sessions import session_drafts, session_signing

    fields = PatientFields(
        first_name=first_name, last_name=last_name, date_of_birth=dt.date(1985, 3, 4)
    )
    patient_id = patients.create(session, actor, fields).id
    consultation = add_consultation(session, patient_id, intensity=intensity)
    data = session_input(patient_id, consultation_id=consultation.id, when=when)
    draft = session_drafts.save(session, actor, data, resources, now=when)
    record = session_signing.sign(
        session, actor, draft.id, resources, expected_version=draft.version, now=when, tz=UTC
    )
    return patient_id, record.id
