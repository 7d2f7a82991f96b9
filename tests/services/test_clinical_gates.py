"""The clinical picture and its gates on both backends: a patient found not a candidate gets no
session and no handout until a practitioner records a reason of substance (audited)."""

from __future__ import annotations

import datetime as dt

import pytest
from consultation_samples import complete_document
from sqlalchemy import select

from clinic_app.db import Database
from clinic_app.domain.clinical_picture import ANTIVIRAL, Gate, Purpose, Verdict
from clinic_app.domain.consultation.consultation_document import ConsultationContent, load_content
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.models import AuditEvent, GateOverride
from clinic_app.services.clinical import gates
from clinic_app.services.clinical.clinical_picture import picture_of
from clinic_app.services.consultation import consultation_completion, consultation_drafts
from clinic_app.services.errors import ValidationError
from clinic_app.services.patients import patients
from clinic_app.services.security.identity import Actor

SUBSTANCE = (
    "Pregnancy test negative today 2 December, obstetrician letter on file, patient informed"
)


@pytest.fixture(scope="module")
def content() -> ConsultationContent:
    return load_content(None)


@pytest.fixture
def patient_id(database: Database, actor: Actor) -> int:
    fields = PatientFields(first_name="Lucía", last_name="Vidal", date_of_birth=dt.date(1990, 5, 4))
    with database.session() as session:
        return patients.create(session, actor, fields).id


def _complete(database, actor, patient_id, content, **screening) -> int:
    doc = complete_document(content, **screening)
    with database.session() as session:
        consultation = consultation_drafts.start(session, actor, patient_id, doc)
        consultation_completion.complete(session, actor, consultation.id, doc, content)
        return consultation.id


def _not_candidate(database, actor, patient_id, content) -> int:
    doc = complete_document(content, pregnant=True)
    with database.session() as session:
        consultation = consultation_drafts.start(session, actor, patient_id, doc)
        consultation_completion.save_not_candidate(
            session, actor, consultation.id, doc, "Pregnant: defer until after the birth", content
        )
        return consultation.id


def test_a_patient_without_a_consultation_gets_no_session_but_a_handout(
    database, actor, patient_id, content
):
    with database.session() as session:
        picture = picture_of(session, patient_id, content.rules)
        assert picture.verdict is Verdict.NO_CONSULTATION
        problems = gates.open_problems(session, patient_id, Purpose.SESSION, content.rules)
        assert [p.gate for p in problems] == [Gate.NO_CONSULTATION]
        assert gates.open_problems(session, patient_id, Purpose.HANDOUT, content.rules) == ()


def test_a_candidate_passes_every_gate_and_the_picture_holds_the_plan(
    database, actor, patient_id, content
):
    _complete(database, actor, patient_id, content, fitzpatrick="III")
    with database.session() as session:
        picture = picture_of(session, patient_id, content.rules)
        assert picture.verdict is Verdict.CANDIDATE
        assert picture.skin_type == "III"
        assert picture.intensity == "moderate"
        assert picture.areas == ("cheeks", "perioral")
        for purpose in Purpose:
            assert gates.open_problems(session, patient_id, purpose, content.rules) == ()


def test_the_pregnant_patient_is_refused_both_with_the_reason(database, actor, patient_id, content):
    _not_candidate(database, actor, patient_id, content)
    with database.session() as session:
        assert picture_of(session, patient_id, content.rules).verdict is Verdict.NOT_CANDIDATE
        for purpose in Purpose:
            with pytest.raises(gates.GateClosedError) as refused:
                gates.require_open(session, patient_id, purpose, content.rules)
            gates_closed = {p.gate for p in refused.value.problems}
            assert Gate.NOT_CANDIDATE in gates_closed
            assert Gate.ABSOLUTE_FINDING in gates_closed
            assert "Pregnant: defer until after the birth" in str(refused.value)


@pytest.mark.parametrize(
    "reason", ["", ".", "ok", "patient insists", "aaaa aaaa aaaa aaaa aaaa aaaa"]
)
def test_an_override_needs_a_reason_of_substance(database, actor, patient_id, content, reason):
    _not_candidate(database, actor, patient_id, content)
    with database.session() as session:
        with pytest.raises(ValidationError) as refused:
            gates.record_override(
                session, actor, patient_id, Purpose.HANDOUT, reason, content.rules
            )
        assert gates.REASON_FIELD in refused.value.errors
        assert session.scalars(select(GateOverride)).all() == []


def test_a_recorded_override_passes_the_gate_for_its_purpose_only_and_is_audited(
    database, actor, patient_id, content
):
    consultation_id = _not_candidate(database, actor, patient_id, content)
    with database.session() as session:
        passed = gates.record_override(
            session, actor, patient_id, Purpose.HANDOUT, SUBSTANCE, content.rules
        )
        assert set(passed) == {Gate.NOT_CANDIDATE, Gate.ABSOLUTE_FINDING}
    with database.session() as session:
        gates.require_open(session, patient_id, Purpose.HANDOUT, content.rules)
        with pytest.raises(gates.GateClosedError):
            gates.require_open(session, patient_id, Purpose.SESSION, content.rules)
        rows = session.scalars(select(GateOverride)).all()
        assert {(r.consultation_id, r.reason, r.actor) for r in rows} == {
            (consultation_id, SUBSTANCE, actor.name)
        }
        events = session.scalars(select(AuditEvent).where(AuditEvent.action == "override")).all()
        assert [e.entity_id for e in events] == [patient_id]
        assert SUBSTANCE not in events[0].summary  # the reason is in its row, not the trail


def test_an_override_does_not_carry_over_to_a_newer_consultation(
    database, actor, patient_id, content
):
    _not_candidate(database, actor, patient_id, content)
    with database.session() as session:
        gates.record_override(session, actor, patient_id, Purpose.HANDOUT, SUBSTANCE, content.rules)
    _not_candidate(database, actor, patient_id, content)
    with database.session() as session, pytest.raises(gates.GateClosedError):
        gates.require_open(session, patient_id, Purpose.HANDOUT, content.rules)


def test_the_picture_reads_the_recorded_antiviral_prescription(
    database, actor, patient_id, content
):
    doc = complete_document(content, hsv_history=True)
    doc["plan"]["prescriptions"] = [
        {
            "kind": "antiviral",
            "drug": "Valaciclovir 500 mg twice daily",
            "start": "2026-12-13",
            "days": 7,
        }
    ]
    with database.session() as session:
        consultation = consultation_drafts.start(session, actor, patient_id, doc)
        consultation_completion.complete(session, actor, consultation.id, doc, content)
    with database.session() as session:
        picture = picture_of(session, patient_id, content.rules)
        antiviral = picture.prescription(ANTIVIRAL)
        assert antiviral is not None
        assert (antiviral.drug, antiviral.start, antiviral.last_day) == (
            "Valaciclovir 500 mg twice daily",
            dt.date(2026, 12, 13),
            dt.date(2026, 12, 19),
        )
        assert "hsv_history" in picture.finding_ids


def test_a_keloid_history_waits_for_a_test_spot_that_healed_well(
    database, actor, patient_id, content
):
    from clinic_app.services.clinical import test_spots

    doc = complete_document(content, keloid_history=True)
    doc["reasons"] = {"keloid_history": "Small test area first, scars stable for ten years"}
    with database.session() as session:
        consultation = consultation_drafts.start(session, actor, patient_id, doc)
        consultation_completion.complete(session, actor, consultation.id, doc, content)
    with database.session() as session:
        problems = gates.open_problems(session, patient_id, Purpose.SESSION, content.rules)
        assert [p.gate for p in problems] == [Gate.TEST_SPOT]
        assert gates.open_problems(session, patient_id, Purpose.HANDOUT, content.rules) == ()
        spot = test_spots.record(
            session,
            actor,
            test_spots.TestSpotInput(
                patient_id, dt.date(2026, 12, 1), "cheeks", "deka-smartxide-dot", {"power_w": 8}
            ),
            today=dt.date(2026, 12, 1),
        )
        pending = gates.open_problems(session, patient_id, Purpose.SESSION, content.rules)
        assert "to be checked on Tue 15 Dec 2026" in pending[0].message
        test_spots.record_result(
            session, actor, spot.id, "healed_well", today=dt.date(2026, 12, 15)
        )
        assert gates.open_problems(session, patient_id, Purpose.SESSION, content.rules) == ()
