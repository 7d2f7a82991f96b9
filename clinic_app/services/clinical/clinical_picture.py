"""Build the clinical picture of a patient from the database (domain/clinical_picture.py).

The picture is the newest completed consultation's: its verdict, findings with decisions,
skin type, plan, prescriptions, plus the patient's test spots and the overrides recorded on
that consultation. Sessions and handouts read it; nothing re-asks what it holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from clinic_app.domain.clinical_picture import (
    ClinicalPicture,
    Override,
    PictureFinding,
    TestSpot,
    prescriptions_from,
)
from clinic_app.domain.consultation import consultation_document as document_rules
from clinic_app.domain.screening.screening_model import RuleSet, Severity, condition_answers
from clinic_app.domain.sessions.device_profile import AREAS, area_members
from clinic_app.models import Consultation, GateOverride, TreatmentPlan
from clinic_app.models import TestSpot as TestSpotRow

DRAFT = "draft"
SKIN_TYPE_QUESTION = "fitzpatrick"


def latest_completed(session: Session, patient_id: int) -> Consultation | None:
    """The patient's newest completed consultation, or None; its plan and findings (the picture
    and the session context read both) come in the same statement."""
    return (
        session.scalars(
            select(Consultation)
            .where(
                Consultation.patient_id == patient_id,
                Consultation.completed_at.is_not(None),
                Consultation.status != DRAFT,
            )
            .order_by(Consultation.completed_at.desc(), Consultation.id.desc())
            .limit(1)
            .options(joinedload(Consultation.plan), joinedload(Consultation.findings))
        )
        .unique()
        .first()
    )


def expand_areas(names: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Plan areas as session areas ("full_face" -> forehead, cheeks, ...), without repeats."""
    found: list[str] = []
    for name in names:
        for area in area_members(name):
            if area in AREAS and area not in found:
                found.append(area)
    return tuple(found)


def plan_area_names(plan: TreatmentPlan | None, answers: Mapping[str, Any]) -> list[str]:
    """The areas as the plan names them (``full_face`` not expanded)."""
    raw: Any = plan.areas if plan is not None else None
    if isinstance(raw, dict) and isinstance(raw.get("areas"), list):
        return [str(area) for area in raw["areas"]]
    if isinstance(raw, dict) and raw:  # older plans kept the areas as the keys
        return [str(area) for area in raw]
    chosen = answers.get(document_rules.AREAS_QUESTION)
    return [str(area) for area in chosen] if isinstance(chosen, list) else []


def unanswered_absolute(rules: RuleSet, answers: Mapping[str, Any]) -> tuple[str, ...]:
    """Labels of the questions absolute rules read that have no answer."""
    labels: list[str] = []
    for rule in rules.rules:
        if rule.severity is not Severity.ABSOLUTE:
            continue
        for question_id in condition_answers(rule.when):
            if answers.get(question_id) is None:
                question = rules.question(question_id)
                label = question.label if question else question_id
                if label not in labels:
                    labels.append(label)
    return tuple(labels)


def _test_spot_rules(
    rules: RuleSet, consultation: Consultation, titles: Mapping[str, Any]
) -> tuple[str, ...]:
    found: list[str] = []
    for finding in consultation.findings:
        rule = rules.rule(finding.rule_id)
        if rule is not None and getattr(rule, "test_spot", False):
            found.append(str(titles.get(finding.rule_id) or finding.message))
    return tuple(found)


def test_spots_of(session: Session, patient_id: int) -> tuple[TestSpot, ...]:
    """The patient's test spots as plain values, oldest first."""
    rows = session.scalars(
        select(TestSpotRow)
        .where(TestSpotRow.patient_id == patient_id)
        .order_by(TestSpotRow.performed_on, TestSpotRow.id)
    ).all()
    return tuple(
        TestSpot(
            id=row.id,
            performed_on=row.performed_on,
            area=row.area,
            settings=dict(row.settings or {}),
            check_on=row.check_on,
            result=row.result,
            result_notes=row.result_notes,
        )
        for row in rows
    )


def _overrides(session: Session, patient_id: int) -> tuple[Override, ...]:
    rows = session.scalars(
        select(GateOverride)
        .where(GateOverride.patient_id == patient_id)
        .order_by(GateOverride.created_at, GateOverride.id)
    ).all()
    return tuple(
        Override(
            gate=row.gate,
            purpose=row.purpose,
            reason=row.reason,
            by=row.actor,
            at=row.created_at,
            consultation_id=row.consultation_id,
        )
        for row in rows
    )


def picture_of(session: Session, patient_id: int, rules: RuleSet) -> ClinicalPicture:
    """The clinical picture of the patient as their newest completed consultation left it."""
    spots = test_spots_of(session, patient_id)
    overrides = _overrides(session, patient_id)
    consultation = latest_completed(session, patient_id)
    if consultation is None:
        return ClinicalPicture(patient_id=patient_id, test_spots=spots, overrides=overrides)
    doc = document_rules.from_stored(consultation.answers)
    answers = doc["screening"]
    titles = doc.get(document_rules.FINDING_TITLES) or {}
    plan = consultation.plan
    skin = answers.get(SKIN_TYPE_QUESTION)
    completed = consultation.completed_at
    names = plan_area_names(plan, answers)
    return ClinicalPicture(
        patient_id=patient_id,
        consultation_id=consultation.id,
        completed_on=completed.astimezone().date() if completed else None,
        treatment_date=consultation.treatment_date,
        not_candidate_reason=consultation.not_candidate_reason,
        status=consultation.status,
        skin_type=skin if isinstance(skin, str) and skin else None,
        intensity=plan.intensity if plan is not None and plan.intensity else None,
        plan_areas=tuple(names),
        areas=expand_areas(names),
        device_profile_id=plan.device_profile_id if plan is not None else "",
        sessions_planned=plan.sessions_planned if plan is not None else None,
        interval_weeks=plan.interval_weeks if plan is not None else None,
        findings=tuple(
            PictureFinding(
                rule_id=f.rule_id,
                severity=f.severity,
                title=str(titles.get(f.rule_id) or f.rule_id),
                message=f.message,
                decision=f.decision,
                reason=f.reason,
            )
            for f in consultation.findings
        ),
        unanswered_absolute=unanswered_absolute(rules, answers),
        prescriptions=prescriptions_from(doc["plan"].get("prescriptions")),
        test_spots=spots,
        test_spot_rules=_test_spot_rules(rules, consultation, titles),
        overrides=overrides,
        answers=answers,
    )
