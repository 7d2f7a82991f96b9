"""Start the amendment of a closed consultation: a new draft whose ``amends_id`` names it.

The original is kept unchanged; the amendment is then saved and closed like any draft
(:mod:`.consultation_drafts`, :mod:`.consultation_completion`). Audited in the caller's
transaction.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from clinic_app.domain.consultation import consultation_document as document_rules
from clinic_app.models import Consultation
from clinic_app.services.consultation.consultations import (
    COMPLETED,
    DRAFT,
    NOT_CANDIDATE,
    ConsultationClosedError,
    DraftExistsError,
    find_open_draft,
    get,
    status_words,
)
from clinic_app.services.security import audit
from clinic_app.services.security.identity import Actor


def amend(session: Session, actor: Actor, consultation_id: int) -> Consultation:
    """A new draft correcting a completed consultation; the original is kept unchanged."""
    original = get(session, consultation_id)
    if original.status not in (COMPLETED, NOT_CANDIDATE):
        raise ConsultationClosedError(
            f"Consultation #{consultation_id} is {status_words(original.status)}; only a "
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
