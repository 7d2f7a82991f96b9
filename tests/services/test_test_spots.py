"""Test spots on both backends: recorded with settings and a check day, judged once, audited,
and read into the clinical picture."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from clinic_app.db import Database
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.domain.screening.screening import load_rules
from clinic_app.models import AuditEvent
from clinic_app.services.clinical import test_spots
from clinic_app.services.clinical.clinical_picture import picture_of
from clinic_app.services.errors import ValidationError
from clinic_app.services.patients import patients
from clinic_app.services.security.identity import Actor

TODAY = dt.date(2026, 12, 2)


@pytest.fixture
def patient_id(database: Database, actor: Actor) -> int:
    with database.session() as session:
        fields = PatientFields(
            first_name="Amara", last_name="Okafor", date_of_birth=dt.date(1985, 7, 1)
        )
        return patients.create(session, actor, fields).id


def spot_input(patient_id: int, **changes) -> test_spots.TestSpotInput:
    values = {
        "patient_id": patient_id,
        "performed_on": TODAY,
        "area": "cheeks",
        "device_profile_id": "deka-smartxide-dot",
        "settings": {"power_w": 10.0, "dwell_us": 500.0, "spacing_um": 700.0, "stack": 1},
    }
    return test_spots.TestSpotInput(**(values | changes))


def test_a_test_spot_is_recorded_checked_and_seen_by_the_picture(database, actor, patient_id):
    with database.session() as session:
        row = test_spots.record(session, actor, spot_input(patient_id), today=TODAY)
        spot_id = row.id
        assert row.check_on == TODAY + dt.timedelta(days=14)
    with database.session() as session, pytest.raises(ValidationError) as early:
        test_spots.record_result(session, actor, spot_id, "healed_well", today=TODAY)
    assert "check day" in early.value.errors["result"]
    with database.session() as session:
        test_spots.record_result(
            session, actor, spot_id, "healed_well", today=TODAY + dt.timedelta(days=14)
        )
    with database.session() as session:
        picture = picture_of(session, patient_id, load_rules())
        assert picture.healed_test_spot() is not None
        assert picture.test_spots[0].settings["power_w"] == 10.0
        actions = [e.action for e in session.scalars(
            select(AuditEvent).where(AuditEvent.entity_type == "test_spot"))]  # fmt: skip
        assert actions == ["create", "update"]
        with pytest.raises(ValidationError):
            test_spots.record_result(session, actor, spot_id, "reaction", "Redness and crusting")


def test_bad_input_is_refused_by_field(database, actor, patient_id):
    bad = spot_input(
        patient_id,
        performed_on=TODAY + dt.timedelta(days=1),
        area="elbow",
        settings={"power_w": -3},
        check_on=TODAY,
    )
    with database.session() as session, pytest.raises(ValidationError) as refused:
        test_spots.record(session, actor, bad, today=TODAY)
    assert set(refused.value.errors) == {"performed_on", "area", "check_on", "settings"}


def test_a_reaction_needs_a_description(database, actor, patient_id):
    with database.session() as session:
        spot_id = test_spots.record(session, actor, spot_input(patient_id), today=TODAY).id
    with database.session() as session, pytest.raises(ValidationError) as refused:
        test_spots.record_result(session, actor, spot_id, "reaction", ".", today=TODAY)
    assert "result_notes" in refused.value.errors
    with database.session() as session:
        test_spots.record_result(
            session, actor, spot_id, "reaction", "Dark patch at day 5, PIH", today=TODAY
        )


def test_a_check_sooner_than_a_week_is_refused(database, actor, patient_id):
    with database.session() as session, pytest.raises(ValidationError) as refused:
        test_spots.record(
            session,
            actor,
            spot_input(patient_id, check_on=TODAY + dt.timedelta(days=1)),
            today=TODAY,
        )
    assert "at least 7 days" in refused.value.errors["check_on"]
