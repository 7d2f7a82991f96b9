"""No treatment session for a patient the latest consultation does not clear, on both backends,
unless a practitioner records a reason of substance; amendments of signed sessions are not
treatments and pass."""

from __future__ import annotations

import datetime as dt

import pytest
from session_factories import add_consultation, session_input

from clinic_app.content import override_dir
from clinic_app.content import shipped as shipped_content
from clinic_app.db import Database
from clinic_app.domain.clinical_picture import Gate, Purpose
from clinic_app.domain.gates_file import GATES_DIR, GATES_FILE
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.services.clinical import gates
from clinic_app.services.errors import ValidationError
from clinic_app.services.patients import patients
from clinic_app.services.security.identity import Actor
from clinic_app.services.sessions import session_drafts, session_signing, treatment_sessions
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


def test_the_clinics_own_reason_floors_gate_the_session(database, actor, patient_id, tmp_path):  # type: ignore[no-untyped-def]
    """A clinic that asks more of a relative finding's reason (its gates file) has it asked at
    the session too: saving, signing and the editor's list of what stops it all read the
    clinic's file, as the override and the handouts do."""
    shipped = (shipped_content(GATES_DIR) / GATES_FILE).read_text(encoding="utf-8")
    stricter = shipped.replace(
        "[reasons.relative]\nminimum_letters = 15\nminimum_words = 3",
        "[reasons.relative]\nminimum_letters = 40\nminimum_words = 8",
    )
    assert stricter != shipped
    own = override_dir(tmp_path, GATES_DIR)
    own.mkdir(parents=True)
    (own / GATES_FILE).write_text(stricter, encoding="utf-8")
    clinic_resources = load_resources(tmp_path)
    short_reason = "Discussed the risk, patient accepts it"  # clears the shipped floor only
    with database.session() as session:
        consultation_id = add_consultation(
            session,
            patient_id,
            findings=(("isotretinoin", "relative", "proceed", short_reason),),
        ).id
    data = session_input(patient_id, consultation_id=consultation_id)
    with database.session() as session:
        context = treatment_sessions.context(session, patient_id, clinic_resources)
    assert [p.gate for p in context.gate_problems] == [Gate.UNDECIDED_RELATIVE]
    with database.session() as session, pytest.raises(gates.GateClosedError) as refused:
        session_drafts.save(session, actor, data, clinic_resources, now=NOW)
    assert [p.gate for p in refused.value.problems] == [Gate.UNDECIDED_RELATIVE]
    with database.session() as session:  # with the shipped floors the same reason clears it
        draft = session_drafts.save(session, actor, data, load_resources(), now=NOW)
    with database.session() as session, pytest.raises(gates.GateClosedError):
        session_signing.sign(
            session,
            actor,
            draft.id,
            clinic_resources,
            expected_version=draft.version,
            now=NOW,
            tz=dt.UTC,
        )
