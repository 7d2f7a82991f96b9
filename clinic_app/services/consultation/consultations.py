"""Consultations as plain values: their statuses and errors, a consultation read back, open drafts.

A consultation is a draft until it is completed or saved as not a candidate now; from then on it
is read-only, and a correction is an amendment: a new consultation whose ``amends_id`` names the
original, which stays as it was. Drafts are started and saved by :mod:`.consultation_drafts`,
closed by :mod:`.consultation_completion` and amended by :mod:`.consultation_amendments`; the
caller owns the session, and every change writes an audit event in the same transaction (the
summary holds no clinical detail). What a consultation holds is described in
:mod:`clinic_app.domain.consultation.consultation_document`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic_app.domain.consultation import consultation_document as document_rules
from clinic_app.models import Consultation
from clinic_app.services.errors import NotFoundError, ServiceError

DRAFT = "draft"
COMPLETED = "completed"
NOT_CANDIDATE = "not_candidate"
ABANDONED = "abandoned"
CLOSED = frozenset({COMPLETED, NOT_CANDIDATE, ABANDONED})

# What was decided about a finding (ScreeningFinding.decision).
PROCEED = "proceed"  # relative: proceeding, with the written reason
NOTED = "noted"  # caution: shown, printed on the handouts
NOT_NOW = "not_candidate"  # the consultation ended as "not a candidate now"


class ConsultationClosedError(ServiceError):
    """The consultation is completed (or set aside) and can no longer be changed."""


class DraftExistsError(ServiceError):
    """The patient already has an unfinished consultation; resume it or set it aside first."""

    def __init__(self, draft_id: int) -> None:
        self.draft_id = draft_id
        super().__init__(
            f"This patient has an unfinished consultation (#{draft_id}). Resume it, or set it "
            "aside, before starting another."
        )


@dataclass(frozen=True)
class DraftInfo:
    """An unfinished consultation, as the offer to resume it describes it."""

    id: int
    patient_id: int
    started_at: dt.datetime
    updated_at: dt.datetime
    page: str
    amends_id: int | None
    version: int


@dataclass(frozen=True)
class FindingRecord:
    rule_id: str
    rule_version: int
    severity: str
    message: str
    advice: str
    source: str
    due_date: dt.date | None
    decision: str | None
    reason: str
    decided_by_id: int | None
    decided_at: dt.datetime | None


@dataclass(frozen=True)
class PlanRecord:
    intensity: str
    sessions_planned: int
    interval_weeks: int
    expected_downtime_days: int | None
    device_profile_id: str
    areas: dict[str, Any]
    price_estimate: Any  # Decimal | None
    currency: str
    notes: str


@dataclass(frozen=True)
class ConsultationRecord:
    """A consultation as plain values, for the wizard (a draft) or the read-only view."""

    id: int
    patient_id: int
    status: str
    version: int
    document: dict[str, Any]
    treatment_date: dt.date | None
    not_candidate_reason: str
    amends_id: int | None
    amended_by: tuple[int, ...]
    started_at: dt.datetime
    completed_at: dt.datetime | None
    findings: tuple[FindingRecord, ...]
    plan: PlanRecord | None

    @property
    def read_only(self) -> bool:
        return self.status in CLOSED


def get(session: Session, consultation_id: int) -> Consultation:
    """The consultation with this id, or NotFoundError."""
    consultation = session.get(Consultation, consultation_id)
    if consultation is None:
        raise NotFoundError(f"There is no consultation #{consultation_id}.")
    return consultation


def find_open_draft(session: Session, patient_id: int) -> DraftInfo | None:
    """The patient's unfinished consultation (the newest, should there be several)."""
    draft = session.scalars(
        select(Consultation)
        .where(Consultation.patient_id == patient_id, Consultation.status == DRAFT)
        .order_by(Consultation.updated_at.desc(), Consultation.id.desc())
        .limit(1)
    ).first()
    if draft is None:
        return None
    page = document_rules.from_stored(draft.answers).get("page")
    return DraftInfo(
        id=draft.id,
        patient_id=draft.patient_id,
        started_at=draft.started_at,
        updated_at=draft.updated_at,
        page=page if isinstance(page, str) else "",
        amends_id=draft.amends_id,
        version=draft.version,
    )


def load(session: Session, consultation_id: int) -> ConsultationRecord:
    """Everything about a consultation, as plain values."""
    consultation = get(session, consultation_id)
    amended_by = session.scalars(
        select(Consultation.id)
        .where(Consultation.amends_id == consultation_id)
        .order_by(Consultation.id)
    ).all()
    plan = consultation.plan
    return ConsultationRecord(
        id=consultation.id,
        patient_id=consultation.patient_id,
        status=consultation.status,
        version=consultation.version,
        document=document_rules.from_stored(consultation.answers),
        treatment_date=consultation.treatment_date,
        not_candidate_reason=consultation.not_candidate_reason,
        amends_id=consultation.amends_id,
        amended_by=tuple(amended_by),
        started_at=consultation.started_at,
        completed_at=consultation.completed_at,
        findings=tuple(
            FindingRecord(
                f.rule_id,
                f.rule_version,
                f.severity,
                f.message,
                f.advice,
                f.source,
                f.due_date,
                f.decision,
                f.reason,
                f.decided_by_id,
                f.decided_at,
            )
            for f in sorted(consultation.findings, key=lambda f: f.id)
        ),
        plan=None
        if plan is None
        else PlanRecord(
            plan.intensity,
            plan.sessions_planned,
            plan.interval_weeks,
            plan.expected_downtime_days,
            plan.device_profile_id,
            dict(plan.areas),
            plan.price_estimate,
            plan.currency,
            plan.notes,
        ),
    )


def status_words(status: str) -> str:
    """The status in words, for a message."""
    return {
        COMPLETED: "completed",
        NOT_CANDIDATE: "saved as not a candidate now",
        ABANDONED: "set aside",
        DRAFT: "a draft",
    }.get(status, status)
