"""Start the amendment of a signed treatment session: a draft copy that names it in ``amends_id``.

The signed original stays as it was; once the amendment is signed (:mod:`.session_signing`) the
original is shown as superseded. The start is audited in the caller's transaction.
"""

from __future__ import annotations

import dataclasses

from sqlalchemy.orm import Session

from clinic_app.models import TreatmentSession
from clinic_app.services.errors import ValidationError
from clinic_app.services.security import audit
from clinic_app.services.security.identity import Actor
from clinic_app.services.sessions.session_context import DRAFT, SIGNED
from clinic_app.services.sessions.session_resources import SessionResources
from clinic_app.services.sessions.session_writes import (
    apply_input,
    grounds_of,
)
from clinic_app.services.sessions.treatment_sessions import SessionRecord, record_of, stored_row


def amend(
    session: Session, actor: Actor, session_id: int, resources: SessionResources
) -> SessionRecord:
    """Start a correction of a signed session: a draft copy that names it in ``amends_id``."""
    original = stored_row(session, session_id, lock=True)
    record = record_of(session, original, resources)
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
    # The one who amends confirms a danger again: the original's confirmation is not carried.
    data = dataclasses.replace(
        record.data,
        areas=tuple(dataclasses.replace(a, danger_confirmed=False) for a in record.data.areas),
    )
    if resources.profile(data.device_profile_id) is None:
        raise ValidationError(
            {"device_profile_id": f"The device profile '{data.device_profile_id}' is gone."}
        )
    grounds = grounds_of(session, data, resources)
    apply_input(row, data, resources, grounds)
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
    return record_of(session, row, resources, amendments=())
