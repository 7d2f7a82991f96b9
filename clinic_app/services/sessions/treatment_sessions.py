"""Read treatment sessions as plain values: a session, the last signed one, what a new one needs.

A session is saved as a *draft* until it is signed; signing runs every check once more (the
device's ranges, acknowledged cautions, the re-check before the first pulse) and locks it: a
signed session is never changed again. A correction is an *amendment*: a new session with
``amends_id`` naming the one it corrects, which stays as it was and is shown as superseded once
the amendment is signed. Saves carry the version they were made from; a stale one is refused.
Drafts are recorded by :mod:`.session_drafts`, signed by :mod:`.session_signing` and amended by
:mod:`.session_amendments`; the steps they share are in :mod:`.session_writes`.

What the schema has no column for is kept in the JSON field ``TreatmentSession.recheck``:
``answers`` and ``reason`` of the pre-pulse re-check, ``screening`` (the findings of the day, when
signed), ``practitioner`` and ``signed_by`` (names, until users sign in), ``profile_version`` (the
profile's version text), ``amendment_reason``, ``anaesthetic_ack_reason`` (why the product
is used despite a recorded allergy), ``cautions`` (acknowledged at signing) and
``danger_confirmed`` (area -> the danger rules its "I have checked these settings" covered).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic_app.domain.clinical_picture import GateProblem
from clinic_app.domain.sessions.anaesthetic_allergy import REASON_FIELD as ANAESTHETIC_REASON
from clinic_app.domain.sessions.session_record import (
    SETTINGS,
    AreaSettings,
    SessionInput,
    with_confirmations,
)
from clinic_app.domain.sessions.session_series import Series
from clinic_app.models import Patient, TreatmentSession, utc_now
from clinic_app.services.clinical.clinical_picture import latest_completed
from clinic_app.services.errors import NotFoundError
from clinic_app.services.sessions.session_context import (
    DRAFT,
    SIGNED,
    PlanSummary,
    chain_ids,
    plan_summary,
    series_of,
    superseded_ids,
)
from clinic_app.services.sessions.session_gate import session_gate_problems
from clinic_app.services.sessions.session_history import export_csv
from clinic_app.services.sessions.session_resources import SessionResources

DANGER_CONFIRMED = "danger_confirmed"  # the key of TreatmentSession.recheck

__all__ = [
    "DRAFT",
    "SIGNED",
    "SessionContext",
    "SessionRecord",
    "context",
    "export_csv",
    "get",
    "previous_session",
    "record_of",
    "stored_row",
]


@dataclass(frozen=True)
class SessionRecord:
    """A stored session as plain values (``version`` guards the next save)."""

    id: int
    version: int
    patient_id: int
    status: str
    data: SessionInput
    series: Series
    device_profile_version: str = ""
    practitioner: str = ""
    signed_at: dt.datetime | None = None
    signed_by: str = ""
    amends_id: int | None = None
    amended_by_id: int | None = None  # a signed amendment replaces this session
    open_amendment_id: int | None = None  # an amendment being drafted
    screening: dict[str, Any] = field(default_factory=dict)

    @property
    def locked(self) -> bool:
        return self.status == SIGNED

    @property
    def superseded(self) -> bool:
        return self.amended_by_id is not None

    @property
    def areas(self) -> tuple[AreaSettings, ...]:
        return self.data.areas


@dataclass(frozen=True)
class SessionContext:
    """What the editor needs to start a session for a patient."""

    patient_id: int
    patient_name: str
    plan: PlanSummary | None
    warnings: tuple[str, ...]  # no completed consultation, or blocking findings
    previous: SessionRecord | None  # the last signed session (copy, compare)
    open_draft_id: int | None  # a draft left unsigned, to continue
    series: Series  # the place of a new session recorded now
    gate_problems: tuple[GateProblem, ...] = ()  # closed safety gates, not yet overridden


def _areas_of(row: TreatmentSession) -> tuple[AreaSettings, ...]:
    areas = []
    for area in row.areas:
        values = {name: getattr(area, name) for name in SETTINGS}
        areas.append(
            AreaSettings(
                area=area.area,
                scan_pattern=area.scan_pattern,
                scan_size=area.scan_size,
                handpiece=area.handpiece,
                endpoint=area.endpoint,
                reaction=area.reaction,
                notes=area.notes,
                caution_ack_reason=area.caution_ack_reason,
                **values,
            )
        )
    return tuple(areas)


def record_of(
    session: Session,
    row: TreatmentSession,
    resources: SessionResources | None = None,
    series: Series | None = None,
    amendments: Sequence[TreatmentSession] | None = None,
) -> SessionRecord:
    """The stored ``row`` as plain values (``series``: its place, when just computed;
    ``amendments``: the sessions amending it, when known, e.g. none for a row just created)."""
    extra = row.recheck if isinstance(row.recheck, dict) else {}
    siblings = (
        amendments
        if amendments is not None
        else session.scalars(
            select(TreatmentSession).where(TreatmentSession.amends_id == row.id)
        ).all()
    )
    amended_by = next((s.id for s in siblings if s.status == SIGNED), None)
    open_amendment = next((s.id for s in siblings if s.status == DRAFT), None)
    default_weeks = resources.content.default_interval_weeks if resources else 4
    data = SessionInput(
        patient_id=row.patient_id,
        performed_at=row.performed_at,
        device_profile_id=row.device_profile_id,
        areas=with_confirmations(_areas_of(row), extra.get(DANGER_CONFIRMED)),
        consultation_id=row.consultation_id,
        intensity=row.intensity,
        anaesthetic_product=row.anaesthetic_product,
        anaesthetic_applied_at=row.anaesthetic_applied_at,
        anaesthetic_removed_at=row.anaesthetic_removed_at,
        notes=row.notes,
        recheck_answers=dict(extra.get("answers") or {}),
        recheck_reason=str(extra.get("reason") or ""),
        amendment_reason=str(extra.get("amendment_reason") or ""),
        anaesthetic_ack_reason=str(extra.get(ANAESTHETIC_REASON) or ""),
    )
    return SessionRecord(
        id=row.id,
        version=row.version,
        patient_id=row.patient_id,
        status=row.status,
        data=data,
        series=series
        or series_of(
            session,
            row.patient_id,
            row.consultation_id,
            row.performed_at,
            default_interval_weeks=default_weeks,
            session_id=row.id,
        ),
        device_profile_version=str(
            extra.get("profile_version") or row.device_profile_version or ""
        ),
        practitioner=str(extra.get("practitioner") or ""),
        signed_at=row.signed_at,
        signed_by=str(extra.get("signed_by") or ""),
        amends_id=row.amends_id,
        amended_by_id=amended_by,
        open_amendment_id=open_amendment,
        screening=dict(extra.get("screening") or {}),
    )


def stored_row(session: Session, session_id: int, *, lock: bool = False) -> TreatmentSession:
    """The row of this session (``lock``: locked for a change, read afresh), or NotFoundError."""
    stmt = select(TreatmentSession).where(TreatmentSession.id == session_id)
    if lock:
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    row = session.scalars(stmt).one_or_none()
    if row is None:
        raise NotFoundError(f"There is no treatment session #{session_id}.")
    return row


def get(
    session: Session, session_id: int, resources: SessionResources | None = None
) -> SessionRecord:
    """The session with this id, or NotFoundError."""
    return record_of(session, stored_row(session, session_id), resources)


def previous_session(
    session: Session,
    patient_id: int,
    *,
    before: dt.datetime | None = None,
    exclude_id: int | None = None,
    resources: SessionResources | None = None,
) -> SessionRecord | None:
    """The patient's last signed session still in force (before ``before`` when given)."""
    rows = session.scalars(
        select(TreatmentSession)
        .where(TreatmentSession.patient_id == patient_id)
        .order_by(TreatmentSession.performed_at.desc(), TreatmentSession.id.desc())
    ).all()
    skip = superseded_ids(rows) | chain_ids(rows, exclude_id)
    for row in rows:
        if row.status != SIGNED or row.id in skip:
            continue
        if before is not None and row.performed_at >= before:
            continue
        return record_of(session, row, resources)
    return None


def context(
    session: Session,
    patient_id: int,
    resources: SessionResources,
    *,
    now: dt.datetime | None = None,
    tz: dt.tzinfo | None = None,
) -> SessionContext:
    """The consultation, warnings, last session and open draft of a patient."""
    patient = session.get(Patient, patient_id)
    if patient is None:
        raise NotFoundError(f"There is no patient #{patient_id}.")
    consultation = latest_completed(session, patient_id)
    plan = plan_summary(consultation) if consultation is not None else None
    warnings = (
        plan.warnings
        if plan is not None
        else (
            "There is no completed consultation for this patient: the screening has not been "
            "done and there is no plan.",
        )
    )
    draft = session.scalars(
        select(TreatmentSession.id)
        .where(TreatmentSession.patient_id == patient_id, TreatmentSession.status == DRAFT)
        .order_by(TreatmentSession.updated_at.desc())
        .limit(1)
    ).first()
    return SessionContext(
        gate_problems=session_gate_problems(session, patient_id, resources),
        patient_id=patient_id,
        patient_name=f"{patient.first_name} {patient.last_name}",
        plan=plan,
        warnings=warnings,
        previous=previous_session(session, patient_id, resources=resources),
        open_draft_id=draft,
        series=series_of(
            session,
            patient_id,
            plan.consultation_id if plan else None,
            now or utc_now(),
            default_interval_weeks=resources.content.default_interval_weeks,
            tz=tz,
        ),
    )
