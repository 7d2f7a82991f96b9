"""Everything the patient page shows, as plain values: details, consultations, sessions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic_app.domain.patient_rules import PatientFields
from clinic_app.models import Consultation, TreatmentSession
from clinic_app.services.patients import patients
from clinic_app.services.security import audit
from clinic_app.services.security.identity import Actor


@dataclass(frozen=True)
class ConsultationLine:
    id: int
    started_at: dt.datetime
    status: str
    treatment_date: dt.date | None
    amends_id: int | None = None  # an amendment names the consultation it corrects


@dataclass(frozen=True)
class SessionLine:
    id: int
    performed_at: dt.datetime
    device_profile_id: str
    status: str
    area_count: int


@dataclass(frozen=True)
class PatientOverview:
    """A patient's record as the patient page shows it (``version`` guards the next edit)."""

    id: int
    version: int
    fields: PatientFields
    archived: bool
    consultations: list[ConsultationLine]
    sessions: list[SessionLine]


def load(session: Session, patient_id: int, viewer: Actor | None = None) -> PatientOverview:
    """The patient's details and history; NotFoundError when the id is unknown.

    With ``viewer``, the opening of the record is audited ('view', in this transaction)."""
    patient = patients.get(session, patient_id)
    if viewer is not None:
        audit.record(session, viewer, "view", "patient", patient_id, "patient record opened")
    consultations = [
        ConsultationLine(c.id, c.started_at, c.status, c.treatment_date, c.amends_id)
        for c in session.scalars(
            select(Consultation)
            .where(Consultation.patient_id == patient_id)
            .order_by(Consultation.started_at.desc())
        )
    ]
    sessions = [
        SessionLine(s.id, s.performed_at, s.device_profile_id, s.status, len(s.areas))
        for s in session.scalars(
            select(TreatmentSession)
            .where(TreatmentSession.patient_id == patient_id)
            .order_by(TreatmentSession.performed_at.desc())
        )
    ]
    return PatientOverview(
        id=patient.id,
        version=patient.version,
        fields=patients.fields_of(patient),
        archived=patient.archived_at is not None,
        consultations=consultations,
        sessions=sessions,
    )
