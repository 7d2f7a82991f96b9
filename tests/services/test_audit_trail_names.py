"""The audit trail names the patient of each patient event (issue 19), on both backends: the
patient's current name, read with the events, never stored in them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from clinic_app.db import Database
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.models import AuditEvent
from clinic_app.services.patients import patients
from clinic_app.services.security import audit, audit_trail
from clinic_app.services.security.audit_trail import AuditFilter
from clinic_app.services.security.identity import Actor


def test_patient_events_come_with_the_patients_name(database: Database, actor: Actor) -> None:
    with database.session() as session:
        eva = patients.create(session, actor, PatientFields("Eva", "Lind", dt.date(1980, 1, 2))).id
        audit.record(session, actor, "view", "patient", 999_999, "a record no longer there")
        audit.record(session, actor, "lock", "user", eva, "not a patient: the same number")
    with database.session() as session:
        rows = audit_trail.find_events(session)
        assert [(row.entity_type, row.record_name) for row in rows] == [
            ("user", ""),
            ("patient", ""),
            ("patient", "Eva Lind"),
        ]
        renamed = patients.get(session, eva)
        patients.update(
            session,
            actor,
            eva,
            PatientFields("Eva", "Lind-Berg", dt.date(1980, 1, 2)),
            expected_version=renamed.version,
        )
    with database.session() as session:
        [first, *_] = audit_trail.find_events(session, AuditFilter(entity_type="patient"))
        assert first.record_name == "Eva Lind-Berg"  # today's name
        summaries = session.scalars(select(AuditEvent.summary)).all()
    assert not any("Lind" in summary for summary in summaries), "names are not written"
