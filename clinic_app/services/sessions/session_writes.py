"""The steps every change of a treatment session shares: check, copy onto the row, lock, flush.

Used by :mod:`.session_drafts`, :mod:`.session_signing` and :mod:`.session_amendments`; what
lands in the JSON field ``TreatmentSession.recheck`` is described in :mod:`.treatment_sessions`.
The settings are checked for the patient's skin type, from the consultation the session follows
(else the patient's clinical picture), and for the intensity the session records.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from clinic_app.domain.clinical_picture import ClinicalPicture
from clinic_app.domain.consultation import consultation_document
from clinic_app.domain.sessions.anaesthetic_allergy import REASON_FIELD as ANAESTHETIC_REASON
from clinic_app.domain.sessions.session_record import (
    SessionInput,
    check_area,
    confirmed_dangers,
    validate_session,
)
from clinic_app.domain.sessions.session_series import Series
from clinic_app.domain.sessions.settings_check import CheckContext
from clinic_app.models import Consultation, SessionArea, TreatmentSession, utc_now
from clinic_app.services.clinical.clinical_picture import SKIN_TYPE_QUESTION, picture_of
from clinic_app.services.errors import ServiceError, StaleRecordError, ValidationError
from clinic_app.services.sessions.session_context import DRAFT, series_of
from clinic_app.services.sessions.session_resources import SessionResources
from clinic_app.services.sessions.treatment_sessions import DANGER_CONFIRMED, stored_row


class SessionLockedError(ServiceError):
    """The session is signed: it can only be amended."""


@dataclasses.dataclass(frozen=True)
class Grounds:
    """What the checks of one change read from the database, read once for all of them: the
    screening answers of the consultation the session follows and the day it was completed
    (none without one), and the skin type (the consultation's; without one, the picture's)."""

    answers: Mapping[str, Any]
    completed_on: dt.date | None
    skin_type: str | None


def _skin_type(answers: Mapping[str, Any]) -> str | None:
    skin = answers.get(SKIN_TYPE_QUESTION)
    return skin if isinstance(skin, str) and skin else None


def grounds_of(
    session: Session,
    data: SessionInput,
    resources: SessionResources,
    picture: ClinicalPicture | None = None,
) -> Grounds:
    """The grounds of ``data``; ``picture`` (the patient's, when the caller has it already)
    spares reading again what it holds: the newest consultation, which a session follows."""
    if picture is not None and picture.patient_id != data.patient_id:
        picture = None
    if data.consultation_id is None:
        current = picture or picture_of(session, data.patient_id, resources.rules)
        return Grounds({}, None, current.skin_type)
    if picture is not None and picture.consultation_id == data.consultation_id:
        return Grounds(dict(picture.answers), picture.completed_on, picture.skin_type)
    consultation = session.get(Consultation, data.consultation_id)
    if consultation is None:
        return Grounds({}, None, None)
    answers = dict(consultation_document.from_stored(consultation.answers)["screening"])
    completed = consultation.completed_at
    day = completed.astimezone().date() if completed else None
    return Grounds(answers, day, _skin_type(answers))


def anaesthetic_warning(
    data: SessionInput, resources: SessionResources, grounds: Grounds
) -> str | None:
    """The allergy of the consultation that the session's anaesthetic product meets, if any."""
    return resources.content.anaesthetics.warning(data.anaesthetic_product, grounds.answers)


def check_context(data: SessionInput, grounds: Grounds) -> CheckContext:
    """What the settings of ``data`` are checked for: the skin type and the recorded intensity."""
    return CheckContext(skin_type=grounds.skin_type, intensity=data.intensity)


def validated(
    data: SessionInput,
    resources: SessionResources,
    now: dt.datetime,
    grounds: Grounds,
    *,
    signing: bool,
    amending: bool,
) -> SessionInput:
    """``data`` cleaned, or ValidationError (by field) when the device or the rules refuse it."""
    cleaned = data.cleaned()
    profile = resources.profile(cleaned.device_profile_id)
    errors = validate_session(
        cleaned,
        profile,
        now=now,
        signing=signing,
        amending=amending,
        skin_type=grounds.skin_type,
        policy=resources.reasons,
        not_before=grounds.completed_on,
        anaesthetic_warning=anaesthetic_warning(cleaned, resources, grounds),
    )
    if errors:
        raise ValidationError(errors)
    return cleaned


def confirmed_as_stored(
    data: SessionInput, stored: object, resources: SessionResources, context: CheckContext
) -> SessionInput:
    """``data`` with each area's danger counted as confirmed only when the stored confirmation
    (``recheck["danger_confirmed"]``) covers every danger the area has now: a danger that
    appeared since (another skin type, a changed profile) must be confirmed again."""
    profile = resources.profile(data.device_profile_id)
    confirmed = stored if isinstance(stored, Mapping) else {}
    if profile is None:
        return data
    areas = []
    for area in data.areas:
        covered = confirmed.get(area.area)
        ids = check_area(profile, area, context).danger_ids
        ok = isinstance(covered, list) and ids <= set(covered)
        areas.append(dataclasses.replace(area, danger_confirmed=area.danger_confirmed and ok))
    return dataclasses.replace(data, areas=tuple(areas))


def _whole(value: float | int | None) -> int | None:
    return None if value is None else int(value)


def apply_input(
    row: TreatmentSession,
    data: SessionInput,
    resources: SessionResources,
    grounds: Grounds,
) -> None:
    """Copy ``data`` (already checked against ``grounds``) onto ``row`` and its areas; the
    row's version moves on. A reason and a danger's confirmation are kept only where needed
    (the anaesthetic's reason when the consultation's allergies meet it, a confirmation where
    the settings are a danger for the skin type and intensity)."""
    context = check_context(data, grounds)
    anaesthetic_warned = anaesthetic_warning(data, resources, grounds) is not None
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
    extra[ANAESTHETIC_REASON] = data.anaesthetic_ack_reason if anaesthetic_warned else ""
    extra[DANGER_CONFIRMED] = confirmed_dangers(profile, data.areas, context)
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
            if check_area(profile, area, context).cautions
            else "",
        )
        for index, area in enumerate(data.areas)
    ]
    row.updated_at = utc_now()  # always an UPDATE of the row, so its version moves on


def editable_row(session: Session, session_id: int, expected_version: int) -> TreatmentSession:
    """The draft's row, locked for a change; SessionLockedError when signed, StaleRecordError
    when it moved on from ``expected_version``."""
    row = stored_row(session, session_id, lock=True)
    if row.status != DRAFT:
        raise SessionLockedError(
            f"Session #{session_id} is signed and locked; record a correction as an amendment."
        )
    if row.version != expected_version:
        raise StaleRecordError(f"Session #{session_id}", expected_version, row.version, {})
    return row


def flush_guarded(session: Session, session_id: int | None, expected_version: int) -> None:
    """Flush; a change another workstation made meanwhile becomes StaleRecordError."""
    try:
        session.flush()
    except StaleDataError:
        raise StaleRecordError(f"Session #{session_id}", expected_version, None, {}) from None


def series_of_row(session: Session, row: TreatmentSession, resources: SessionResources) -> Series:
    """The place of the stored ``row`` in its patient's series."""
    return series_of(
        session,
        row.patient_id,
        row.consultation_id,
        row.performed_at,
        default_interval_weeks=resources.content.default_interval_weeks,
        session_id=row.id,
    )
