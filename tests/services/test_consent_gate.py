"""No sign-and-lock of a treatment session without a valid informed consent for the plan, on
both backends; signing after the consent passes; a changed plan asks again; an amendment of a
signed session (a correction, not a treatment) is not held up."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
import sqlalchemy as sa
from session_factories import add_consultation, give_consent, session_input

from clinic_app.db import Database
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.models import TreatmentPlan
from clinic_app.services.consent import consents
from clinic_app.services.errors import ValidationError
from clinic_app.services.patients import patients
from clinic_app.services.security.identity import Actor
from clinic_app.services.sessions import session_amendments, session_drafts, session_signing
from clinic_app.services.sessions.session_resources import SessionResources, load_resources

NOW = dt.datetime(2026, 2, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def resources() -> SessionResources:
    return load_resources()


@pytest.fixture
def consulted(database: Database, actor: Actor) -> tuple[int, int]:
    """(patient id, consultation id): consulted, planned, no consent signed yet."""
    with database.session() as session:
        fields = PatientFields(
            first_name="Ana", last_name="Reyes", date_of_birth=dt.date(1985, 5, 2)
        )
        pid = patients.create(session, actor, fields).id
        return pid, add_consultation(session, pid, consent=False).id


def _draft(database, actor, resources, patient_id, consultation_id):  # type: ignore[no-untyped-def]
    data = session_input(patient_id, consultation_id=consultation_id)
    with database.session() as session:
        return session_drafts.save(session, actor, data, resources, now=NOW)


def _sign(database, actor, resources, draft):  # type: ignore[no-untyped-def]
    with database.session() as session:
        return session_signing.sign(
            session, actor, draft.id, resources, expected_version=draft.version, now=NOW, tz=dt.UTC
        )


def test_sign_and_lock_is_refused_without_consent_and_allowed_after(
    database, actor, resources, consulted
):
    patient_id, consultation_id = consulted
    draft = _draft(database, actor, resources, patient_id, consultation_id)
    with pytest.raises(ValidationError) as refused:
        _sign(database, actor, resources, draft)
    assert "consent" in refused.value.errors
    assert "No valid informed consent" in refused.value.errors["consent"]
    with database.session() as session:
        give_consent(session, patient_id, actor=actor)
    signed = _sign(database, actor, resources, draft)
    assert signed.locked


def test_a_changed_plan_asks_for_consent_again_and_a_withdrawal_stops_the_next_session(
    database, actor, resources, consulted
):
    patient_id, consultation_id = consulted
    with database.session() as session:
        give_consent(session, patient_id, actor=actor)
        session.scalars(sa.select(TreatmentPlan)).one().areas = {"areas": ["cheeks", "neck"]}
    draft = _draft(database, actor, resources, patient_id, consultation_id)
    with pytest.raises(ValidationError) as refused:
        _sign(database, actor, resources, draft)
    assert "treatment plan changed" in refused.value.errors["consent"]
    with database.session() as session:
        give_consent(session, patient_id, actor=actor)
    assert _sign(database, actor, resources, draft).locked

    with database.session() as session:
        consents.withdraw(session, actor, patient_id, "patient's wish")
    later = dataclasses.replace(
        session_input(patient_id, consultation_id=consultation_id),
        performed_at=NOW + dt.timedelta(weeks=4),
    )
    with database.session() as session:
        second = session_drafts.save(
            session, actor, later, resources, now=NOW + dt.timedelta(weeks=4)
        )
    with pytest.raises(ValidationError) as refused, database.session() as session:
        session_signing.sign(
            session, actor, second.id, resources, expected_version=second.version,
            now=NOW + dt.timedelta(weeks=4), tz=dt.UTC,
        )  # fmt: skip
    assert "consent" in refused.value.errors


def test_an_amendment_is_signed_after_a_withdrawal(database, actor, resources, consulted):
    patient_id, consultation_id = consulted
    with database.session() as session:
        give_consent(session, patient_id, actor=actor)
    signed = _sign(
        database, actor, resources, _draft(database, actor, resources, patient_id, consultation_id)
    )
    with database.session() as session:
        consents.withdraw(session, actor, patient_id, "moved abroad")
    with database.session() as session:
        amendment = session_amendments.amend(session, actor, signed.id, resources)
        fixed = dataclasses.replace(amendment.data, amendment_reason="Power misread: 12.5 W")
        saved = session_drafts.save(
            session, actor, fixed, resources, session_id=amendment.id,
            expected_version=amendment.version, now=NOW,
        )  # fmt: skip
    assert _sign(database, actor, resources, saved).locked
