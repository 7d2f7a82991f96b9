"""What a session builds on: the patient's completed consultation, its plan and the series so far.

A consultation counts as *completed* when it has ``completed_at`` and is not a draft; the newest
completed one is the session's. A *blocking* finding is an absolute one, or a relative one with
no recorded decision and reason; a consultation saved as "not a candidate now" blocks too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic_app.domain.clinical_picture import Prescription, prescriptions_from
from clinic_app.domain.consultation.consultation_document import STORED_KEY
from clinic_app.domain.screening.screening_model import Severity, format_date
from clinic_app.domain.sessions.session_series import Series
from clinic_app.models import Consultation, ScreeningFinding, TreatmentPlan, TreatmentSession
from clinic_app.services.clinical.clinical_picture import (
    expand_areas,
    plan_area_names,
)

SIGNED = "signed"
DRAFT = "draft"
NOT_CANDIDATE_STATUSES = frozenset({"not_candidate", "not-candidate", "deferred"})
DECLINING_DECISIONS = frozenset({"defer", "deferred", "declined", "not_candidate", "refused"})


@dataclass(frozen=True)
class PlanSummary:
    """The consultation a session follows: its plan, its answers and its findings."""

    consultation_id: int
    completed_on: dt.date | None
    treatment_date: dt.date | None
    intensity: str = ""
    sessions_planned: int | None = None
    interval_weeks: int | None = None
    device_profile_id: str = ""
    areas: tuple[str, ...] = ()
    answers: dict[str, Any] = field(default_factory=dict)
    known: frozenset[str] = frozenset()  # rule ids of its findings
    settled: frozenset[str] = frozenset()  # relative findings decided with a reason
    warnings: tuple[str, ...] = ()  # blocking findings left unresolved
    prescriptions: tuple[Prescription, ...] = ()  # recorded in the consultation's plan


def _resolved(finding: ScreeningFinding) -> bool:
    return (
        bool(finding.decision)
        and finding.decision not in DECLINING_DECISIONS
        and bool(finding.reason.strip())
    )


def blocking_warnings(consultation: Consultation) -> tuple[str, ...]:
    """Why the consultation does not clear the patient for a session (empty when it does)."""
    completed = consultation.completed_at
    day = format_date(completed.astimezone().date()) if completed else "an unknown date"
    warnings: list[str] = []
    if consultation.status in NOT_CANDIDATE_STATUSES or consultation.not_candidate_reason.strip():
        reason = consultation.not_candidate_reason.strip()
        warnings.append(
            f"The consultation of {day} found the patient not a candidate now"
            + (f": {reason}" if reason else ".")
        )
    for finding in consultation.findings:
        if finding.severity == Severity.ABSOLUTE.value:
            warnings.append(f"Blocking finding of {day}: {finding.message}")
        elif finding.severity == Severity.RELATIVE.value and not _resolved(finding):
            warnings.append(f"Finding of {day} with no recorded decision: {finding.message}")
    return tuple(warnings)


def plan_summary(consultation: Consultation) -> PlanSummary:
    plan = consultation.plan
    answers = consultation.answers if isinstance(consultation.answers, dict) else {}
    completed = consultation.completed_at
    return PlanSummary(
        consultation_id=consultation.id,
        completed_on=completed.astimezone().date() if completed else None,
        treatment_date=consultation.treatment_date,
        intensity=plan.intensity if plan else "",
        sessions_planned=plan.sessions_planned if plan else None,
        interval_weeks=plan.interval_weeks if plan else None,
        device_profile_id=plan.device_profile_id if plan else "",
        areas=expand_areas(plan_area_names(plan, answers)),
        answers=dict(answers),
        known=frozenset(f.rule_id for f in consultation.findings),
        settled=frozenset(f.rule_id for f in consultation.findings if _resolved(f)),
        warnings=blocking_warnings(consultation),
        prescriptions=_prescriptions(answers),
    )


def _prescriptions(answers: dict[str, Any]) -> tuple[Prescription, ...]:
    """The prescriptions the consultation document's plan recorded (issue 13)."""
    stored = answers.get(STORED_KEY)
    plan = stored.get("plan") if isinstance(stored, dict) else None
    return prescriptions_from(plan.get("prescriptions") if isinstance(plan, dict) else None)


def superseded_ids(sessions: Sequence[TreatmentSession]) -> set[int]:
    """Ids of signed sessions replaced by a signed amendment."""
    return {s.amends_id for s in sessions if s.status == SIGNED and s.amends_id is not None}


def chain_ids(sessions: Sequence[TreatmentSession], session_id: int | None) -> set[int]:
    """``session_id`` and every session it amends, directly or through other amendments."""
    by_id = {s.id: s for s in sessions}
    found: set[int] = set()
    current = session_id
    while current is not None and current not in found:
        found.add(current)
        row = by_id.get(current)
        current = row.amends_id if row is not None else None
    return found


def series_of(
    session: Session,
    patient_id: int,
    consultation_id: int | None,
    performed_at: dt.datetime,
    *,
    default_interval_weeks: int,
    session_id: int | None = None,
    amends_id: int | None = None,
    tz: dt.tzinfo | None = None,
    plan: tuple[int | None, int | None] | None = None,
) -> Series:
    """The place of a session performed at ``performed_at`` among the signed sessions of its
    consultation (the session itself and the ones it amends left out). ``plan``: the sessions
    planned and the interval of the consultation's plan, when the caller has them already
    ((None, None) without a plan); else they are read."""
    sessions = session.scalars(
        select(TreatmentSession).where(
            TreatmentSession.patient_id == patient_id,
            TreatmentSession.consultation_id == consultation_id
            if consultation_id is not None
            else TreatmentSession.consultation_id.is_(None),
        )
    ).all()
    skip = (
        superseded_ids(sessions) | chain_ids(sessions, session_id) | chain_ids(sessions, amends_id)
    )
    earlier = sorted(
        s.performed_at
        for s in sessions
        if s.status == SIGNED and s.id not in skip and s.performed_at < performed_at
    )
    if plan is None and consultation_id is not None:
        row = session.scalars(
            select(TreatmentPlan).where(TreatmentPlan.consultation_id == consultation_id)
        ).first()
        plan = (row.sessions_planned, row.interval_weeks) if row is not None else None
    planned, interval = plan or (None, None)
    return Series(
        number=len(earlier) + 1,
        planned=planned,
        interval_weeks=interval or default_interval_weeks,
        previous_date=earlier[-1].astimezone(tz).date() if earlier else None,
    )
