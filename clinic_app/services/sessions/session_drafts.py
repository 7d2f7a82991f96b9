"""Record treatment-session drafts: create one, save changes to it, discard it; each audited.

A draft may still have an incomplete re-check; values the device cannot take, and a caution
without a written reason, are refused already. Signing is :mod:`.session_signing`.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from clinic_app.domain.sessions.session_record import SessionInput
from clinic_app.models import Patient, TreatmentSession, utc_now
from clinic_app.services.clinical.clinical_picture import picture_of
from clinic_app.services.errors import NotFoundError
from clinic_app.services.security import audit
from clinic_app.services.security.identity import Actor
from clinic_app.services.sessions.session_context import DRAFT, series_of
from clinic_app.services.sessions.session_gate import require_session_gate
from clinic_app.services.sessions.session_resources import SessionResources
from clinic_app.services.sessions.session_writes import (
    apply_input,
    editable_row,
    flush_guarded,
    grounds_of,
    series_of_row,
    validated,
)
from clinic_app.services.sessions.treatment_sessions import SessionRecord, record_of


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
    without a written reason, or a danger without its explicit confirmation and a reason of
    substance; the re-check may still be incomplete. A new session for a patient the latest
    consultation does not clear raises GateClosedError (unless overridden)."""
    moment = now or utc_now()
    if session_id is None:
        return _create(session, actor, data, resources, moment)
    if expected_version is None:
        raise ValueError("expected_version is required to save an existing session")
    row = editable_row(session, session_id, expected_version)
    grounds = grounds_of(session, data, resources)
    cleaned = validated(
        data, resources, moment, grounds, signing=False, amending=row.amends_id is not None
    )
    apply_input(row, cleaned, resources, grounds)
    flush_guarded(session, session_id, expected_version)
    series = series_of_row(session, row, resources)
    row.sequence_number = series.number
    session.flush()  # an UPDATE only when the session moved in its series
    audit.record(session, actor, "update", "treatment_session", row.id, "session draft saved")
    return record_of(session, row, resources, series)


def _create(
    session: Session,
    actor: Actor,
    data: SessionInput,
    resources: SessionResources,
    moment: dt.datetime,
) -> SessionRecord:
    """A new draft. Each fact is read once (docs/performance.md, "What one save sends"): the
    clinical picture serves the checks, the gate and the plan's terms, and the draft is
    numbered before its INSERT (a draft is no signed session, so it does not count itself), so
    no UPDATE follows."""
    if session.get(Patient, data.patient_id) is None:
        raise NotFoundError(f"There is no patient #{data.patient_id}.")
    picture = picture_of(session, data.patient_id, resources.rules)
    grounds = grounds_of(session, data, resources, picture)
    cleaned = validated(data, resources, moment, grounds, signing=False, amending=False)
    require_session_gate(session, cleaned.patient_id, resources, picture)
    follows_picture = picture.consultation_id == cleaned.consultation_id
    series = series_of(
        session,
        cleaned.patient_id,
        cleaned.consultation_id,
        cleaned.performed_at,
        default_interval_weeks=resources.content.default_interval_weeks,
        plan=(picture.sessions_planned, picture.interval_weeks) if follows_picture else None,
    )
    row = TreatmentSession(
        patient_id=cleaned.patient_id,
        practitioner_id=actor.user_id,
        status=DRAFT,
        sequence_number=series.number,
        recheck={"practitioner": actor.name},
    )
    apply_input(row, cleaned, resources, grounds)
    session.add(row)
    session.flush()
    audit.record(session, actor, "create", "treatment_session", row.id, "session draft recorded")
    return record_of(session, row, resources, series, amendments=())


def discard(session: Session, actor: Actor, session_id: int, *, expected_version: int) -> None:
    """Delete a draft that was never signed (a signed session is never deleted)."""
    row = editable_row(session, session_id, expected_version)
    session.delete(row)
    flush_guarded(session, session_id, expected_version)
    audit.record(
        session, actor, "delete", "treatment_session", session_id, "session draft discarded"
    )
