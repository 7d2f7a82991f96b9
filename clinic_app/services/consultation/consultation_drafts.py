"""Consultation drafts: start one, save what was typed at every page, set it aside; each audited.

Nothing typed is checked here and nothing is lost; a save made from an older copy is refused.
Closing a draft is :mod:`.consultation_completion`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from clinic_app.domain.consultation import consultation_document as document_rules
from clinic_app.models import Consultation
from clinic_app.services.consultation.consultations import (
    ABANDONED,
    CLOSED,
    DRAFT,
    ConsultationClosedError,
    DraftExistsError,
    find_open_draft,
    status_words,
)
from clinic_app.services.errors import NotFoundError, StaleRecordError
from clinic_app.services.patients import patients
from clinic_app.services.security import audit
from clinic_app.services.security.identity import Actor


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
    consultation = open_for_change(session, consultation_id, expected_version)
    doc = document_rules.normalised(document)
    stored = document_rules.to_stored(doc)
    if stored == consultation.answers:
        return consultation
    consultation.answers = stored
    consultation.treatment_date = document_rules.treatment_date_of(doc)
    flush_guarded(session, consultation_id, expected_version)
    page = doc.get("page")
    summary = f"draft saved (page {page})" if isinstance(page, str) and page else "draft saved"
    audit.record(session, actor, "update", "consultation", consultation.id, summary)
    return consultation


def abandon(
    session: Session, actor: Actor, consultation_id: int, *, expected_version: int | None = None
) -> Consultation:
    """Set an unfinished consultation aside (kept, read-only, never deleted)."""
    consultation = open_for_change(session, consultation_id, expected_version)
    consultation.status = ABANDONED
    flush_guarded(session, consultation_id, expected_version)
    audit.record(session, actor, "abandon", "consultation", consultation.id, "draft set aside")
    return consultation


def open_for_change(
    session: Session, consultation_id: int, expected_version: int | None
) -> Consultation:
    """The draft, locked for a change; ConsultationClosedError once closed, StaleRecordError
    when it moved on from ``expected_version`` (None: not checked)."""
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
            f"Consultation #{consultation_id} is {status_words(consultation.status)} and can "
            "no longer be changed; amend it instead."
        )
    if expected_version is not None and consultation.version != expected_version:
        raise StaleRecordError(
            f"Consultation #{consultation_id}", expected_version, consultation.version, {}
        )
    return consultation


def flush_guarded(session: Session, consultation_id: int, expected_version: int | None) -> None:
    """Flush; a change another workstation made meanwhile becomes StaleRecordError."""
    try:
        session.flush()
    except StaleDataError:
        raise StaleRecordError(
            f"Consultation #{consultation_id}", expected_version or 0, None, {}
        ) from None
