"""Everything the patient page shows, as plain values: details, consultations, sessions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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
    """One treatment: its version in force (an amendment corrects it, it is no new treatment)."""

    id: int  # the version to open: the newest signed one, else the draft
    performed_at: dt.datetime
    device_profile_id: str
    status: str  # of that version: "signed" or "draft"
    area_count: int
    device_title: str = ""  # the profile's title ("SmartXide DOT (DEKA)")
    corrected: bool = False  # a signed amendment supersedes the first record
    correction_drafted: bool = False  # an amendment is being drafted
    versions: tuple[int, ...] = ()  # the ids of every version, first to last


@lru_cache(maxsize=4)
def _device_titles(data_dir: Path | None) -> dict[str, str]:
    from clinic_app.domain.sessions.devices import load_profiles

    return {profile.id: profile.title for profile in load_profiles(data_dir).values()}


def treatments(rows: list[TreatmentSession], titles: Mapping[str, str]) -> list[SessionLine]:
    """``rows`` (newest first) as one line per treatment: amendments join the treatment they
    correct, which is shown as its newest signed version (or its draft, when none is signed)."""
    by_id = {row.id: row for row in rows}

    def root(row: TreatmentSession) -> int:
        while row.amends_id is not None and row.amends_id in by_id:
            row = by_id[row.amends_id]
        return row.id

    chains: dict[int, list[TreatmentSession]] = {}
    for row in sorted(rows, key=lambda r: r.id):
        chains.setdefault(root(row), []).append(row)
    lines = []
    for chain in chains.values():
        signed = [row for row in chain if row.status == "signed"]
        shown = signed[-1] if signed else chain[-1]
        lines.append(
            SessionLine(
                id=shown.id,
                performed_at=shown.performed_at,
                device_profile_id=shown.device_profile_id,
                status=shown.status,
                area_count=len(shown.areas),
                device_title=titles.get(shown.device_profile_id, shown.device_profile_id),
                corrected=shown.amends_id is not None,
                correction_drafted=chain[-1].status != "signed" and bool(signed),
                versions=tuple(row.id for row in chain),
            )
        )
    return sorted(lines, key=lambda line: line.performed_at, reverse=True)


@dataclass(frozen=True)
class PatientOverview:
    """A patient's record as the patient page shows it (``version`` guards the next edit)."""

    id: int
    version: int
    fields: PatientFields
    archived: bool
    consultations: list[ConsultationLine]
    sessions: list[SessionLine]


def load(
    session: Session,
    patient_id: int,
    viewer: Actor | None = None,
    *,
    data_dir: Path | None = None,
) -> PatientOverview:
    """The patient's details and history; NotFoundError when the id is unknown. Sessions are
    listed one per treatment (``treatments``), devices by the titles of ``data_dir``'s profiles.

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
    rows = list(
        session.scalars(
            select(TreatmentSession)
            .where(TreatmentSession.patient_id == patient_id)
            .order_by(TreatmentSession.performed_at.desc())
        )
    )
    sessions = treatments(rows, _device_titles(data_dir))
    return PatientOverview(
        id=patient.id,
        version=patient.version,
        fields=patients.fields_of(patient),
        archived=patient.archived_at is not None,
        consultations=consultations,
        sessions=sessions,
    )
