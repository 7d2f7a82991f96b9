"""Record treatment-session drafts: create one, save changes to it, discard it; each audited.

A draft may still have an incomplete re-check; values the device cannot take, and a caution
without a written reason, are refused already. Signing is :mod:`.session_signing`.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from clinic_app.domain.clinical_picture import Purpose
from clinic_app.domain.sessions.session_record import SessionInput
from clinic_app.models import Patient, TreatmentSession, utc_now
from clinic_app.services.clinical import gates
from clinic_app.services.errors import NotFoundError
from clinic_app.services.security import audit
from clinic_app.services.security.identity import Actor
from clinic_app.services.sessions.session_context import DRAFT
from clinic_app.services.sessions.session_resources import SessionResources
from clinic_app.services.sessions.session_writes import (
    anaesthetic_warning,
    apply_input,
    check_context,
    editable_row,
    flush_guarded,
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
        if session.get(Patient, data.patient_id) is None:
            raise NotFoundError(f"There is no patient #{data.patient_id}.")
        cleaned = validated(session, data, resources, moment, signing=False, amending=False)
        gates.require_open(session, cleaned.patient_id, Purpose.SESSION, resources.rules)
        row = TreatmentSession(
            patient_id=cleaned.patient_id,
            practitioner_id=actor.user_id,
            status=DRAFT,
            recheck={"practitioner": actor.name},
        )
        apply_input(
            row,
            cleaned,
            resources,
            context=check_context(session, cleaned, resources),
            anaesthetic_warned=anaesthetic_warning(session, cleaned, resources) is not None,
        )
        session.add(row)
        session.flush()
        action, summary = "create", "session draft recorded"
    else:
        if expected_version is None:
            raise ValueError("expected_version is required to save an existing session")
        row = editable_row(session, session_id, expected_version)
        cleaned = validated(
            session, data, resources, moment, signing=False, amending=row.amends_id is not None
        )
        apply_input(
            row,
            cleaned,
            resources,
            context=check_context(session, cleaned, resources),
            anaesthetic_warned=anaesthetic_warning(session, cleaned, resources) is not None,
        )
        flush_guarded(session, session_id, expected_version)
        action, summary = "update", "session draft saved"
    series = series_of_row(session, row, resources)
    row.sequence_number = series.number
    session.flush()
    audit.record(session, actor, action, "treatment_session", row.id, summary)
    return record_of(session, row, resources, series)


def discard(session: Session, actor: Actor, session_id: int, *, expected_version: int) -> None:
    """Delete a draft that was never signed (a signed session is never deleted)."""
    row = editable_row(session, session_id, expected_version)
    session.delete(row)
    flush_guarded(session, session_id, expected_version)
    audit.record(
        session, actor, "delete", "treatment_session", session_id, "session draft discarded"
    )
