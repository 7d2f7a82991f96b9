"""Recorded handouts: store the bytes a patient was given, list them, reprint them unchanged.

A handout's PDF is stored as a GeneratedDocument (kind, template version, SHA-256, who, when)
with an audit event in the caller's transaction; a reprint returns those exact bytes, checked
against the SHA-256 recorded with them, so it is identical to what the patient took home.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic_app.models import GeneratedDocument
from clinic_app.services.errors import NotFoundError, ServiceError, is_record_id
from clinic_app.services.handouts.handouts import PreparedHandout
from clinic_app.services.security import audit
from clinic_app.services.security.identity import Actor

ENTITY = "generated_document"


class DocumentIntegrityError(ServiceError):
    """A stored document's bytes no longer match their SHA-256: it must not be reprinted."""


@dataclass(frozen=True)
class DocumentInfo:
    """A recorded handout, without its bytes."""

    id: int
    patient_id: int
    consultation_id: int | None
    session_id: int | None
    kind: str
    template_version: str
    sha256: str
    created_at: dt.datetime
    created_by_id: int | None
    size: int


@dataclass(frozen=True)
class StoredHandout:
    """A recorded handout with its exact bytes."""

    info: DocumentInfo
    pdf: bytes


def sha256_of(pdf: bytes) -> str:
    """The SHA-256 of ``pdf`` in hex, as recorded with a document."""
    return hashlib.sha256(pdf).hexdigest()


def _info(document: GeneratedDocument) -> DocumentInfo:
    return DocumentInfo(
        id=document.id,
        patient_id=document.patient_id,
        consultation_id=document.consultation_id,
        session_id=document.session_id,
        kind=document.kind,
        template_version=document.template_version,
        sha256=document.sha256,
        created_at=document.created_at,
        created_by_id=document.created_by_id,
        size=len(document.content),
    )


def record(session: Session, actor: Actor, prepared: PreparedHandout, pdf: bytes) -> StoredHandout:
    """Store the bytes given to the patient, with an audit event in the same transaction."""
    document = GeneratedDocument(
        patient_id=prepared.patient_id,
        consultation_id=prepared.consultation_id,
        session_id=prepared.session_id,
        kind=prepared.kind,
        template_version=prepared.template_version,
        sha256=sha256_of(pdf),
        content=pdf,
        created_by_id=actor.user_id,
    )
    session.add(document)
    session.flush()
    audit.record(
        session,
        actor,
        "generate",
        ENTITY,
        document.id,
        f"{prepared.kind} handout for patient #{prepared.patient_id} "
        f"(template {prepared.template_version})",
    )
    return StoredHandout(_info(document), pdf)


def generate(session: Session, actor: Actor, prepared: PreparedHandout) -> StoredHandout:
    """Render and record in one go (for the command line and for tests)."""
    return record(session, actor, prepared, prepared.render())


def documents_of(session: Session, patient_id: int) -> list[DocumentInfo]:
    """The patient's recorded handouts, newest first."""
    rows = session.scalars(
        select(GeneratedDocument)
        .where(GeneratedDocument.patient_id == patient_id)
        .order_by(GeneratedDocument.created_at.desc(), GeneratedDocument.id.desc())
    )
    return [_info(document) for document in rows]


def stored(session: Session, document_id: int) -> StoredHandout:
    """A recorded handout's exact bytes, checked against the SHA-256 recorded with them."""
    document = session.get(GeneratedDocument, document_id) if is_record_id(document_id) else None
    if document is None:
        raise NotFoundError(f"There is no generated document #{document_id}.")
    if sha256_of(document.content) != document.sha256:
        raise DocumentIntegrityError(
            f"Document #{document_id} no longer matches the checksum recorded when it was "
            "generated; it is not reprinted. Generate the handout again and report the problem."
        )
    return StoredHandout(_info(document), document.content)


def reprint(session: Session, actor: Actor, document_id: int) -> StoredHandout:
    """The exact bytes of a recorded handout, for printing again (audited)."""
    handout = stored(session, document_id)
    audit.record(
        session,
        actor,
        "reprint",
        ENTITY,
        document_id,
        f"{handout.info.kind} handout for patient #{handout.info.patient_id} reprinted",
    )
    return handout
