"""No treatment session for a patient the latest consultation does not clear, on both backends,
unless a practitioner records a reason of substance; amendments of signed sessions are not
treatments and pass."""

from __future__ import annotations

import datetime as dt

import pytest
from session_factories import add_consultation, session_input

from clinic_app.db import Database
from clinic_app.domain.clinical_picture import Gate, Purpose
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.services.clinical import gates
from clinic_app.services.errors import ValidationError
from clinic_app.services.patients import patients
from clinic_app.services.security.identity import Actor
from clinic_app.services.sessions import session_drafts, session_signing
from clinic_app.services.sessions.session_resources import SessionResources, load_resources

NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
REASON = "Obstetrician confirmed not pregnant, test negative today, patient signed the waiver"


@pytest.fixture(scope="module")
def resources() -> SessionResources:
    return load_resources()


@pytest.fixture
def patient_id(database: Database, actor: Actor) -> int:
    with database.session() as session:
        fields = PatientFields(
            first_name="Maya", last_name="Ortiz", date_of_birth=dt.date(1988, 1, 9)
        )
        return patients.create(session, actor, fields).id


def _pregnant_not_candidate(database: Database, patient_id: int) -> int:
    with database.session() as session:
        consultation = add_consultation(
            session,
            patient_id,
            status="not_candidate",
            findings=(("pregnancy", "absolute", "not_now", "Pregnant"),),
        )
        consultation.not_candidate_reason = "Pregnant: defer until after the birth"
        return consultation.id


def test_no_session_without_a_completed_consultation(database, actor, resources, patient_id):
    with database.session() as session, pytest.raises(gates.GateClosedError) as refused:
        session_drafts.save(session, actor, session_input(patient_id), resources, now=NOW)
    assert [p.gate for p in refused.value.problems] == [Gate.NO_CONSULTATION]


def test_the_pregnant_patient_gets_no_session_until_an_override_is_recorded(
    database, actor, resources, patient_id
):
    consultation_id = _pregnant_not_candidate(database, patient_id)
    data = session_input(patient_id, consultation_id=consultation_id)
    with database.session() as session, pytest.raises(gates.GateClosedError) as refused:
        session_drafts.save(session, actor, data, resources, now=NOW)
    assert "Pregnant: defer until after the birth" in str(refused.value)
    with database.session() as session, pytest.raises(ValidationError):
        gates.record_override(session, actor, patient_id, Purpose.SESSION, ".", resources.rules)
    with database.session() as session:
        gates.record_override(session, actor, patient_id, Purpose.SESSION, REASON, resources.rules)
    with database.session() as session:
        draft = session_drafts.save(session, actor, data, resources, now=NOW)
        signed = session_signing.sign(
            session, actor, draft.id, resources, expected_version=draft.version, now=NOW, tz=dt.UTC
        )
    assert signed.locked


def test_signing_checks_the_gate_again(database, actor, resources, patient_id):
    """A draft saved while the patient was cleared is not signed after a newer consultation
    found them not a candidate."""
    with database.session() as session:
        cleared = add_consultation(session, patient_id).id
    data = session_input(patient_id, consultation_id=cleared)
    with database.session() as session:
        draft = session_drafts.save(session, actor, data, resources, now=NOW)
    with database.session() as session:
        add_consultation(
            session,
            patient_id,
            completed_at=dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC),
            status="not_candidate",
            findings=(("pregnancy", "absolute", "not_now", "Pregnant"),),
        )
    with database.session() as session, pytest.raises(gates.GateClosedError):
        session_signing.sign(
            session, actor, draft.id, resources, expected_version=draft.version, now=NOW, tz=dt.UTC
        )
