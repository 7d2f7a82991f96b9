"""The day-of re-check reads the consultation's recorded prescriptions (issue 13): "antiviral
started?" is asked only where one was recorded, and "no" keeps the session from being signed
without a reason of substance."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from session_factories import UTC, add_consultation, all_no_answers, nothing_new, session_input

from clinic_app.db import Database
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.services.errors import ValidationError
from clinic_app.services.patients import patients
from clinic_app.services.security.identity import Actor
from clinic_app.services.sessions import session_drafts, session_signing, treatment_sessions
from clinic_app.services.sessions.session_context import plan_summary
from clinic_app.services.sessions.session_resources import SessionResources, load_resources

NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
ANTIVIRAL = {"kind": "antiviral", "drug": "valaciclovir 500 mg", "start": "2026-01-30", "days": 7}


@pytest.fixture(scope="module")
def resources() -> SessionResources:
    return load_resources()


@pytest.fixture
def patient_id(database: Database, actor: Actor) -> int:
    with database.session() as session:
        fields = PatientFields(
            first_name="Inès", last_name="Moreau", date_of_birth=dt.date(1979, 5, 2)
        )
        return patients.create(session, actor, fields).id


def with_prescriptions(*prescriptions: dict[str, object]) -> dict[str, object]:
    answers = all_no_answers(hsv_history=True)
    answers["_consultation"] = {"plan": {"prescriptions": list(prescriptions)}}
    return answers


def test_the_plan_summary_carries_the_recorded_prescriptions(database, patient_id) -> None:
    with database.session() as session:
        consultation = add_consultation(session, patient_id, answers=with_prescriptions(ANTIVIRAL))
        [prescription] = plan_summary(consultation).prescriptions
        assert (prescription.drug, prescription.start, prescription.days) == (
            "valaciclovir 500 mg", dt.date(2026, 1, 30), 7,
        )  # fmt: skip
        bare = add_consultation(session, patient_id, answers=all_no_answers(hsv_history=True))
        assert plan_summary(bare).prescriptions == ()


def test_no_antiviral_question_without_a_prescription(
    database, actor, resources, patient_id
) -> None:
    with database.session() as session:
        add_consultation(session, patient_id, answers=all_no_answers(hsv_history=True))
        context = treatment_sessions.context(session, patient_id, resources, now=NOW)
    assert context.plan is not None and context.plan.prescriptions == ()


def test_antiviral_not_started_needs_a_reason_to_sign(
    database, actor, resources, patient_id
) -> None:
    with database.session() as session:
        consultation_id = add_consultation(
            session, patient_id, answers=with_prescriptions(ANTIVIRAL)
        ).id
    recheck = nothing_new(antiviral_started=False)
    data = session_input(patient_id, consultation_id=consultation_id, recheck=recheck)
    with database.session() as session:
        draft = session_drafts.save(session, actor, data, resources, now=NOW)
        with pytest.raises(ValidationError) as caught:
            session_signing.sign(
                session, actor, draft.id, resources, expected_version=draft.version, now=NOW
            )
    assert "Antiviral prophylaxis not started" in caught.value.errors["recheck"]

    missing = dataclasses.replace(data, recheck_answers=nothing_new())  # not asked yet
    with database.session() as session:
        result = session_signing.recheck(session, missing, resources, UTC)
    assert result.unanswered == ("antiviral_started",)

    reasoned = dataclasses.replace(
        data, recheck_reason="Patient took the first dose at the clinic this morning."
    )
    with database.session() as session:
        draft = session_drafts.save(
            session, actor, reasoned, resources, session_id=draft.id,
            expected_version=draft.version, now=NOW,
        )  # fmt: skip
        signed = session_signing.sign(
            session, actor, draft.id, resources, expected_version=draft.version, now=NOW, tz=UTC
        )
    assert [f["rule_id"] for f in signed.screening["findings"]] == [
        "antiviral_not_started",
        "hsv_history",
    ]
