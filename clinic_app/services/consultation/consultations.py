"""Consultations: drafts saved at every page, completion, "not a candidate now", amendments.

The caller owns the session; every change writes an audit event in the same transaction (the
summary holds no clinical detail). A consultation is a draft until it is completed or saved as
not a candidate now; from then on it is read-only, and a correction is an amendment: a new
consultation whose ``amends_id`` names the original, which stays as it was.
What a consultation holds is described in
:mod:`clinic_app.domain.consultation.consultation_document`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from clinic_app.domain.consultation import consultation_document as document_rules
from clinic_app.domain.consultation.consultation_document import ConsultationContent
from clinic_app.domain.screening.screening import Finding, Severity
from clinic_app.models import Consultation, ScreeningFinding, TreatmentPlan, utc_now
from clinic_app.services.errors import (
    NotFoundError,
    ServiceError,
    StaleRecordError,
    ValidationError,
)
from clinic_app.services.patients import patients
from clinic_app.services.security import audit
from clinic_app.services.security.audit import Actor

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


# ---- reading ---------------------------------------------------------------------------------


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


# ---- drafts ----------------------------------------------------------------------------------


def start(
    session: Session,
    actor: Actor,
    patient_id: int,
    document: Mapping[str, Any] | None = None,
) -> Consultation:
    """A new draft for the patient; DraftExistsError while another one is unfinished."""
    patients.get(session, patient_id)
    existing = find_open_draft(session, patient_id)
    if existing is not None:
        raise DraftExistsError(existing.id)
    doc = document_rules.normalised(document)
    consultation = Consultation(
        patient_id=patient_id,
        practitioner_id=actor.user_id,
        status=DRAFT,
        answers=document_rules.to_stored(doc),
        treatment_date=document_rules.treatment_date_of(doc),
    )
    session.add(consultation)
    session.flush()
    audit.record(session, actor, "create", "consultation", consultation.id, "consultation started")
    return consultation


def save_draft(
    session: Session,
    actor: Actor,
    consultation_id: int,
    document: Mapping[str, Any],
    *,
    expected_version: int | None = None,
) -> Consultation:
    """Store what has been typed so far; nothing is checked, nothing is lost. A save made
    from a copy older than ``expected_version`` is refused (StaleRecordError)."""
    consultation = _open_for_change(session, consultation_id, expected_version)
    doc = document_rules.normalised(document)
    stored = document_rules.to_stored(doc)
    if stored == consultation.answers:
        return consultation
    consultation.answers = stored
    consultation.treatment_date = document_rules.treatment_date_of(doc)
    _flush(session, consultation_id, expected_version)
    page = doc.get("page")
    summary = f"draft saved (page {page})" if isinstance(page, str) and page else "draft saved"
    audit.record(session, actor, "update", "consultation", consultation.id, summary)
    return consultation


def abandon(
    session: Session, actor: Actor, consultation_id: int, *, expected_version: int | None = None
) -> Consultation:
    """Set an unfinished consultation aside (kept, read-only, never deleted)."""
    consultation = _open_for_change(session, consultation_id, expected_version)
    consultation.status = ABANDONED
    _flush(session, consultation_id, expected_version)
    audit.record(session, actor, "abandon", "consultation", consultation.id, "draft set aside")
    return consultation


def amend(session: Session, actor: Actor, consultation_id: int) -> Consultation:
    """A new draft correcting a completed consultation; the original is kept unchanged."""
    original = get(session, consultation_id)
    if original.status not in (COMPLETED, NOT_CANDIDATE):
        raise ConsultationClosedError(
            f"Consultation #{consultation_id} is {_status_words(original.status)}; only a "
            "completed consultation is amended."
        )
    existing = find_open_draft(session, original.patient_id)
    if existing is not None:
        raise DraftExistsError(existing.id)
    doc = document_rules.from_stored(original.answers)
    doc["page"] = "concerns"
    doc.pop(document_rules.FINDING_TITLES, None)
    amendment = Consultation(
        patient_id=original.patient_id,
        practitioner_id=actor.user_id,
        status=DRAFT,
        answers=document_rules.to_stored(doc),
        treatment_date=original.treatment_date,
        amends_id=original.id,
    )
    session.add(amendment)
    session.flush()
    audit.record(
        session,
        actor,
        "amend",
        "consultation",
        amendment.id,
        f"amendment of consultation #{original.id} started",
    )
    return amendment


# ---- closing ---------------------------------------------------------------------------------


def complete(
    session: Session,
    actor: Actor,
    consultation_id: int,
    document: Mapping[str, Any],
    content: ConsultationContent,
    *,
    expected_version: int | None = None,
) -> Consultation:
    """Check and save the consultation with its findings and plan; read-only from then on.

    ValidationError (nothing saved) names each unanswered question, an absolute finding that
    blocks the plan, each relative finding without a written reason, and each plan field."""
    consultation = _open_for_change(session, consultation_id, expected_version)
    doc = document_rules.normalised(document)
    result, errors = document_rules.completion_errors(doc, content)
    if errors:
        raise ValidationError(errors)
    reasons = document_rules.reasons_of(doc)
    now = utc_now()
    _store_document(consultation, doc, result.findings)
    consultation.status = COMPLETED
    consultation.completed_at = now
    consultation.practitioner_id = consultation.practitioner_id or actor.user_id
    for finding in result.findings:
        if finding.severity is Severity.RELATIVE:
            consultation.findings.append(
                _finding_row(finding, PROCEED, reasons[finding.rule_id], actor, now)
            )
        else:
            consultation.findings.append(_finding_row(finding, NOTED, "", actor, now))
    plan = doc["plan"]
    price = document_rules.price_of(doc, content.price_list)
    consultation.plan = TreatmentPlan(
        intensity=plan["intensity"],
        sessions_planned=plan["sessions_planned"],
        interval_weeks=plan["interval_weeks"],
        expected_downtime_days=plan["expected_downtime_days"],
        device_profile_id=plan["device_profile_id"],
        areas={
            "areas": list(doc["screening"].get(document_rules.AREAS_QUESTION, [])),
            "price": price.as_dict() if price is not None else None,
        },
        price_estimate=price.total if price is not None else None,
        currency=content.price_list.currency,
        notes=str(plan.get("notes", "") or "").strip(),
    )
    _flush(session, consultation_id, expected_version)
    summary = "consultation completed"
    if consultation.amends_id is not None:
        summary += f" (amends #{consultation.amends_id})"
    audit.record(session, actor, "complete", "consultation", consultation.id, summary)
    return consultation


def save_not_candidate(
    session: Session,
    actor: Actor,
    consultation_id: int,
    document: Mapping[str, Any],
    reason: str,
    content: ConsultationContent,
    *,
    expected_version: int | None = None,
) -> Consultation:
    """Close the consultation as "not a candidate now", with the written ``reason``.

    Meant for an absolute finding, but a clinician may decide it for any finding; the findings
    that fired are stored with the decision and, for absolute ones, the reason."""
    consultation = _open_for_change(session, consultation_id, expected_version)
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"not_candidate_reason": f"{content.form.not_candidate.label}: write it first."}
        )
    doc = document_rules.normalised(document)
    doc["not_candidate_reason"] = reason
    result = document_rules.screen(doc, content.rules)
    reasons = document_rules.reasons_of(doc)
    now = utc_now()
    _store_document(consultation, doc, result.findings)
    consultation.status = NOT_CANDIDATE
    consultation.not_candidate_reason = reason
    consultation.completed_at = now
    for finding in result.findings:
        if finding.severity is Severity.ABSOLUTE:
            row = _finding_row(finding, NOT_NOW, reason, actor, now)
        elif finding.severity is Severity.RELATIVE:
            row = _finding_row(finding, NOT_NOW, reasons.get(finding.rule_id, ""), actor, now)
        else:
            row = _finding_row(finding, NOTED, "", actor, now)
        consultation.findings.append(row)
    _flush(session, consultation_id, expected_version)
    audit.record(
        session, actor, "complete", "consultation", consultation.id, "saved: not a candidate now"
    )
    return consultation


# ---- helpers ---------------------------------------------------------------------------------


def _open_for_change(
    session: Session, consultation_id: int, expected_version: int | None
) -> Consultation:
    consultation = session.scalars(
        select(Consultation)
        .where(Consultation.id == consultation_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one_or_none()
    if consultation is None:
        raise NotFoundError(f"There is no consultation #{consultation_id}.")
    if consultation.status in CLOSED:
        raise ConsultationClosedError(
            f"Consultation #{consultation_id} is {_status_words(consultation.status)} and can "
            "no longer be changed; amend it instead."
        )
    if expected_version is not None and consultation.version != expected_version:
        raise StaleRecordError(
            f"Consultation #{consultation_id}", expected_version, consultation.version, {}
        )
    return consultation


def _flush(session: Session, consultation_id: int, expected_version: int | None) -> None:
    try:
        session.flush()
    except StaleDataError:
        raise StaleRecordError(
            f"Consultation #{consultation_id}", expected_version or 0, None, {}
        ) from None


def _store_document(
    consultation: Consultation, doc: dict[str, Any], findings: tuple[Finding, ...]
) -> None:
    # ScreeningFinding has no title column: the titles shown at the time are kept here.
    doc[document_rules.FINDING_TITLES] = {f.rule_id: f.title for f in findings}
    consultation.answers = document_rules.to_stored(doc)
    consultation.treatment_date = document_rules.treatment_date_of(doc)


def _finding_row(
    finding: Finding, decision: str, reason: str, actor: Actor, now: dt.datetime
) -> ScreeningFinding:
    return ScreeningFinding(
        rule_id=finding.rule_id,
        rule_version=finding.rule_version,
        severity=finding.severity.value,
        message=finding.message,
        advice=finding.advice,
        source=finding.source,
        due_date=finding.due_date,
        decision=decision,
        reason=reason,
        decided_by_id=actor.user_id,
        decided_at=now,
    )


def _status_words(status: str) -> str:
    return {
        COMPLETED: "completed",
        NOT_CANDIDATE: "saved as not a candidate now",
        ABANDONED: "set aside",
        DRAFT: "a draft",
    }.get(status, status)
