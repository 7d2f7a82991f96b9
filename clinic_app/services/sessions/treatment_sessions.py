"""Record, sign and amend treatment sessions. Every change is audited in the caller's transaction.

A session is saved as a *draft* until it is signed; signing runs every check once more (the
device's ranges, acknowledged cautions, the re-check before the first pulse) and locks it: a
signed session is never changed again. A correction is an *amendment*: a new session with
``amends_id`` naming the one it corrects, which stays as it was and is shown as superseded once
the amendment is signed. Saves carry the version they were made from; a stale one is refused.

What the schema has no column for is kept in the JSON field ``TreatmentSession.recheck``:
``answers`` and ``reason`` of the pre-pulse re-check, ``screening`` (the findings of the day, when
signed), ``practitioner`` and ``signed_by`` (names, until users sign in), ``profile_version`` (the
profile's version text), ``amendment_reason`` and ``cautions`` (acknowledged at signing).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from clinic_app.domain.sessions.session_recheck import RecheckResult, run_recheck
from clinic_app.domain.sessions.session_record import (
    SETTINGS,
    AreaSettings,
    SessionInput,
    check_area,
    validate_session,
)
from clinic_app.domain.sessions.session_series import Series
from clinic_app.models import Consultation, Patient, SessionArea, TreatmentSession, utc_now
from clinic_app.services.errors import (
    NotFoundError,
    ServiceError,
    StaleRecordError,
    ValidationError,
)
from clinic_app.services.security import audit
from clinic_app.services.security.audit import Actor
from clinic_app.services.sessions.session_context import (
    DRAFT,
    SIGNED,
    PlanSummary,
    chain_ids,
    latest_completed,
    plan_summary,
    series_of,
    superseded_ids,
)
from clinic_app.services.sessions.session_history import export_csv
from clinic_app.services.sessions.session_resources import SessionResources

__all__ = [
    "DRAFT",
    "SIGNED",
    "SessionContext",
    "SessionLockedError",
    "SessionRecord",
    "amend",
    "context",
    "discard",
    "export_csv",
    "get",
    "previous_session",
    "recheck",
    "save",
    "sign",
]


class SessionLockedError(ServiceError):
    """The session is signed: it can only be amended."""


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


# ---- reading ---------------------------------------------------------------------------------


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


def _record(
    session: Session,
    row: TreatmentSession,
    resources: SessionResources | None = None,
    series: Series | None = None,
) -> SessionRecord:
    """The stored ``row`` as plain values (``series``: its place, when just computed)."""
    extra = row.recheck if isinstance(row.recheck, dict) else {}
    siblings = session.scalars(
        select(TreatmentSession).where(TreatmentSession.amends_id == row.id)
    ).all()
    amended_by = next((s.id for s in siblings if s.status == SIGNED), None)
    open_amendment = next((s.id for s in siblings if s.status == DRAFT), None)
    default_weeks = resources.content.default_interval_weeks if resources else 4
    data = SessionInput(
        patient_id=row.patient_id,
        performed_at=row.performed_at,
        device_profile_id=row.device_profile_id,
        areas=_areas_of(row),
        consultation_id=row.consultation_id,
        intensity=row.intensity,
        anaesthetic_product=row.anaesthetic_product,
        anaesthetic_applied_at=row.anaesthetic_applied_at,
        anaesthetic_removed_at=row.anaesthetic_removed_at,
        notes=row.notes,
        recheck_answers=dict(extra.get("answers") or {}),
        recheck_reason=str(extra.get("reason") or ""),
        amendment_reason=str(extra.get("amendment_reason") or ""),
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


def _row(session: Session, session_id: int, *, lock: bool = False) -> TreatmentSession:
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
    return _record(session, _row(session, session_id), resources)


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
        return _record(session, row, resources)
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


def recheck(
    session: Session,
    data: SessionInput,
    resources: SessionResources,
    tz: dt.tzinfo | None = None,
) -> RecheckResult:
    """The screening rules run again for the session's day, with the re-check's answers."""
    consultation = session.get(Consultation, data.consultation_id) if data.consultation_id else None
    plan = plan_summary(consultation) if consultation is not None else None
    return run_recheck(
        resources.rules,
        resources.content,
        plan.answers if plan else {},
        data.recheck_answers,
        data.performed_at.astimezone(tz).date(),
        settled=plan.settled if plan else (),
        known=plan.known if plan else (),
    )


# ---- writing ---------------------------------------------------------------------------------


def _validated(
    data: SessionInput,
    resources: SessionResources,
    now: dt.datetime,
    *,
    signing: bool,
    amending: bool,
) -> SessionInput:
    cleaned = data.cleaned()
    profile = resources.profile(cleaned.device_profile_id)
    errors = validate_session(cleaned, profile, now=now, signing=signing, amending=amending)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _whole(value: float | int | None) -> int | None:
    return None if value is None else int(value)


def _apply(row: TreatmentSession, data: SessionInput, resources: SessionResources) -> None:
    profile = resources.profile(data.device_profile_id)
    assert profile is not None
    row.consultation_id = data.consultation_id
    row.performed_at = data.performed_at
    row.device_profile_id = profile.id
    row.device_profile_version = int(profile.version) if profile.version.isdigit() else None
    row.intensity = data.intensity
    row.anaesthetic_product = data.anaesthetic_product
    row.anaesthetic_applied_at = data.anaesthetic_applied_at
    row.anaesthetic_removed_at = data.anaesthetic_removed_at
    row.notes = data.notes
    extra = dict(row.recheck or {})
    extra.update(
        answers=dict(data.recheck_answers),
        reason=data.recheck_reason,
        profile_version=profile.version,
    )
    if data.amendment_reason or "amendment_reason" in extra:
        extra["amendment_reason"] = data.amendment_reason
    row.recheck = extra
    row.areas = [
        SessionArea(
            position=index,
            area=area.area,
            handpiece=area.handpiece,
            power_w=area.power_w,
            energy_mj=area.energy_mj,
            dwell_us=area.dwell_us,
            spacing_um=area.spacing_um,
            density_pct=area.density_pct,
            stack=_whole(area.stack),
            passes=_whole(area.passes),
            scan_pattern=area.scan_pattern,
            scan_size=area.scan_size,
            endpoint=area.endpoint,
            reaction=area.reaction,
            notes=area.notes,
            caution_ack_reason=area.caution_ack_reason
            if check_area(profile, area).cautions
            else "",
        )
        for index, area in enumerate(data.areas)
    ]
    row.updated_at = utc_now()  # always an UPDATE of the row, so its version moves on


def _editable(session: Session, session_id: int, expected_version: int) -> TreatmentSession:
    row = _row(session, session_id, lock=True)
    if row.status != DRAFT:
        raise SessionLockedError(
            f"Session #{session_id} is signed and locked; record a correction as an amendment."
        )
    if row.version != expected_version:
        raise StaleRecordError(f"Session #{session_id}", expected_version, row.version, {})
    return row


def _flush(session: Session, session_id: int | None, expected_version: int) -> None:
    try:
        session.flush()
    except StaleDataError:
        raise StaleRecordError(f"Session #{session_id}", expected_version, None, {}) from None


def save(
    session: Session,
    actor: Actor,
    data: SessionInput,
    resources: SessionResources,
    *,
    session_id: int | None = None,
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> SessionRecord:
    """Create a draft (``session_id`` None) or save changes to one made from ``expected_version``.

    Values the device cannot take are refused (ValidationError, by field), and so is a caution
    without a written reason; the re-check may still be incomplete."""
    moment = now or utc_now()
    if session_id is None:
        cleaned = _validated(data, resources, moment, signing=False, amending=False)
        if session.get(Patient, cleaned.patient_id) is None:
            raise NotFoundError(f"There is no patient #{cleaned.patient_id}.")
        row = TreatmentSession(
            patient_id=cleaned.patient_id,
            practitioner_id=actor.user_id,
            status=DRAFT,
            recheck={"practitioner": actor.name},
        )
        _apply(row, cleaned, resources)
        session.add(row)
        session.flush()
        action, summary = "create", "session draft recorded"
    else:
        if expected_version is None:
            raise ValueError("expected_version is required to save an existing session")
        row = _editable(session, session_id, expected_version)
        cleaned = _validated(
            data, resources, moment, signing=False, amending=row.amends_id is not None
        )
        _apply(row, cleaned, resources)
        _flush(session, session_id, expected_version)
        action, summary = "update", "session draft saved"
    series = _series(session, row, resources)
    row.sequence_number = series.number
    session.flush()
    audit.record(session, actor, action, "treatment_session", row.id, summary)
    return _record(session, row, resources, series)


def _series(session: Session, row: TreatmentSession, resources: SessionResources) -> Series:
    return series_of(
        session,
        row.patient_id,
        row.consultation_id,
        row.performed_at,
        default_interval_weeks=resources.content.default_interval_weeks,
        session_id=row.id,
    )


def sign(
    session: Session,
    actor: Actor,
    session_id: int,
    resources: SessionResources,
    *,
    expected_version: int,
    now: dt.datetime | None = None,
    tz: dt.tzinfo | None = None,
) -> SessionRecord:
    """Check the draft once more, record the re-check's findings and lock it."""
    moment = now or utc_now()
    row = _editable(session, session_id, expected_version)
    record = _record(session, row, resources)
    amending = row.amends_id is not None
    errors: dict[str, str] = {}
    try:
        _validated(record.data, resources, moment, signing=True, amending=amending)
    except ValidationError as exc:
        errors.update(exc.errors)
    result = recheck(session, record.data, resources, tz)
    if problem := result.problem(record.data.recheck_reason):
        errors["recheck"] = problem
    if errors:
        raise ValidationError(errors)
    profile = resources.profile(row.device_profile_id)
    assert profile is not None
    extra = dict(row.recheck or {})
    extra["screening"] = result.as_dict(record.data.recheck_answers, record.data.recheck_reason)
    extra["signed_by"] = actor.name
    extra["cautions"] = [
        {"area": c.area, "rule_id": c.rule_id, "level": c.level, "message": c.message}
        for area in record.areas
        for c in check_area(profile, area).cautions
    ]
    row.recheck = extra
    row.status = SIGNED
    row.signed_at = moment
    row.signed_by_id = actor.user_id
    row.sequence_number = _series(session, row, resources).number
    _flush(session, session_id, expected_version)
    summary = "session signed and locked"
    if amending:
        summary = f"amendment of session #{row.amends_id} signed and locked"
    audit.record(session, actor, "sign", "treatment_session", row.id, summary)
    return _record(session, row, resources)


def amend(
    session: Session, actor: Actor, session_id: int, resources: SessionResources
) -> SessionRecord:
    """Start a correction of a signed session: a draft copy that names it in ``amends_id``."""
    original = _row(session, session_id, lock=True)
    record = _record(session, original, resources)
    if original.status != SIGNED:
        raise ValidationError({"status": f"Session #{session_id} is a draft: edit it instead."})
    if record.amended_by_id is not None:
        raise ValidationError(
            {
                "status": f"Session #{session_id} was already amended by session "
                f"#{record.amended_by_id}; amend that one instead."
            }
        )
    if record.open_amendment_id is not None:
        raise ValidationError(
            {
                "status": f"An amendment of session #{session_id} is already being drafted "
                f"(session #{record.open_amendment_id}); continue it instead."
            }
        )
    extra = dict(original.recheck or {})
    row = TreatmentSession(
        patient_id=original.patient_id,
        practitioner_id=actor.user_id,
        status=DRAFT,
        amends_id=original.id,
        sequence_number=original.sequence_number,
        recheck={
            "practitioner": actor.name,
            "answers": dict(extra.get("answers") or {}),
            "reason": extra.get("reason", ""),
            "amendment_reason": "",
        },
    )
    data = record.data
    if resources.profile(data.device_profile_id) is None:
        raise ValidationError(
            {"device_profile_id": f"The device profile '{data.device_profile_id}' is gone."}
        )
    _apply(row, data, resources)
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "create",
        "treatment_session",
        row.id,
        f"amendment of session #{original.id} started",
    )
    return _record(session, row, resources)


def discard(session: Session, actor: Actor, session_id: int, *, expected_version: int) -> None:
    """Delete a draft that was never signed (a signed session is never deleted)."""
    row = _editable(session, session_id, expected_version)
    session.delete(row)
    _flush(session, session_id, expected_version)
    audit.record(
        session, actor, "delete", "treatment_session", session_id, "session draft discarded"
    )
