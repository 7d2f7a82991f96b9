"""Issue 19: the session service refuses what the editor refuses (SQLite and PostgreSQL): an
anaesthetic allergy met without a reason, and a session dated before its consultation."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from session_factories import UTC, add_consultation, all_no_answers, session_input

from clinic_app.domain.patient_rules import PatientFields
from clinic_app.domain.sessions.session_content import load_session_content
from clinic_app.services.errors import ValidationError
from clinic_app.services.patients import patients
from clinic_app.services.sessions import session_drafts, treatment_sessions
from clinic_app.services.sessions.session_resources import load_resources

NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
EMLA = "EMLA cream (lidocaine 2.5 %, prilocaine 2.5 %)"


@pytest.fixture
def patient_id(database, actor) -> int:
    with database.session() as session:
        fields = PatientFields(
            first_name="Ana", last_name="Ruiz", date_of_birth=dt.date(1980, 1, 2)
        )
        return patients.create(session, actor, fields).id


def test_the_ingredients_are_data_and_match_words_of_the_allergy() -> None:
    anaesthetics = load_session_content().anaesthetics
    assert [i.id for i in anaesthetics.contents(EMLA)] == ["lidocaine", "prilocaine"]
    assert [i.id for i in anaesthetics.contents("emla")] == ["lidocaine", "prilocaine"]
    assert [i.id for i in anaesthetics.contents("Lidocaine 5 % ointment")] == ["lidocaine"]
    assert anaesthetics.warning(EMLA, {"allergies": "lignocaine (hives)"})
    assert anaesthetics.warning(EMLA, {"allergies": "prilocaine"})
    assert anaesthetics.warning(EMLA, {"allergies": "penicillin"}) is None
    assert anaesthetics.warning(EMLA, {"allergies": False, "anaesthetic_allergy": True})
    assert anaesthetics.warning("", {"allergies": "lidocaine"}) is None


def test_an_allergy_met_by_the_product_needs_a_reason(database, actor, patient_id) -> None:
    resources = load_resources()
    with database.session() as session:
        consultation = add_consultation(
            session, patient_id, answers=all_no_answers(allergies="Lidocaine")
        ).id
    data = dataclasses.replace(
        session_input(patient_id, consultation_id=consultation), anaesthetic_product=EMLA
    )
    with database.session() as session, pytest.raises(ValidationError) as refused:
        session_drafts.save(session, actor, data, resources, now=NOW)
    assert "contains lidocaine" in refused.value.errors["anaesthetic_ack_reason"]
    reason = dataclasses.replace(data, anaesthetic_ack_reason="Allergist cleared it in writing")
    with database.session() as session:
        saved = session_drafts.save(session, actor, reason, resources, now=NOW)
    with database.session() as session:
        stored = treatment_sessions.get(session, saved.id)
    assert stored.data.anaesthetic_ack_reason == "Allergist cleared it in writing"


def test_a_session_dated_before_its_consultation_is_refused(database, actor, patient_id) -> None:
    with database.session() as session:
        consultation = add_consultation(session, patient_id).id  # completed 2026-01-10
    early = session_input(
        patient_id, consultation_id=consultation, when=dt.datetime(2026, 1, 3, 9, tzinfo=UTC)
    )
    with database.session() as session, pytest.raises(ValidationError) as refused:
        session_drafts.save(session, actor, early, load_resources(), now=NOW)
    assert "before the consultation" in refused.value.errors["performed_at"]
