"""A danger in a session's settings needs an explicit confirmation and a reason of substance;
a caution a light note. The skin type comes from the consultation the session follows, and the
recorded intensity must agree with the settings (SQLite and PostgreSQL)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from session_factories import (
    GENTLE_FACE,
    UTC,
    add_consultation,
    all_no_answers,
    area,
    session_input,
)
from sqlalchemy import select

from clinic_app.db import Database
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.models import Consultation, TreatmentSession
from clinic_app.services.errors import ValidationError
from clinic_app.services.patients import patients
from clinic_app.services.security.identity import Actor
from clinic_app.services.sessions import (
    session_amendments,
    session_drafts,
    session_signing,
    treatment_sessions,
)
from clinic_app.services.sessions.session_resources import SessionResources, load_resources

NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
BURN_ONE_PASS = {"power_w": 30.0, "dwell_us": 1800.0, "spacing_um": 450.0, "stack": 1, "passes": 1}
# 22 W / 1000 µs / 450 µm, one pass: 10.9 J/cm², a danger only on Fitzpatrick V-VI.
FIRM_FACE = {"power_w": 22.0, "dwell_us": 1000.0, "spacing_um": 450.0, "stack": 1, "passes": 1}
DANGER_REASON = "Deep boxcar scars, test spot at these settings healed well on 2026-01-20"


@pytest.fixture(scope="module")
def resources() -> SessionResources:
    return load_resources()


@pytest.fixture
def patient_id(database: Database, actor: Actor) -> int:
    with database.session() as session:
        fields = PatientFields(
            first_name="Ada", last_name="Laine", date_of_birth=dt.date(1980, 3, 4)
        )
        return patients.create(session, actor, fields).id


def consultation(database: Database, patient_id: int, **kwargs: object) -> int:
    with database.session() as session:
        return add_consultation(session, patient_id, **kwargs).id  # type: ignore[arg-type]


def save(database, actor, resources, data):
    with database.session() as session:
        return session_drafts.save(session, actor, data, resources, now=NOW)


def refused(database, actor, resources, data) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        save(database, actor, resources, data)
    return caught.value.errors


def test_a_danger_without_the_explicit_confirmation_is_refused_naming_the_area(
    database, actor, resources, patient_id
):
    cid = consultation(database, patient_id)
    data = session_input(
        patient_id,
        consultation_id=cid,
        areas=(area("cheeks", **BURN_ONE_PASS, caution_ack_reason=DANGER_REASON),),
    )
    errors = refused(database, actor, resources, data)
    assert set(errors) == {"areas.0.danger_confirmed"}
    assert errors["areas.0.danger_confirmed"].startswith("Danger on cheeks: Thermal load")
    assert "I have checked these settings" in errors["areas.0.danger_confirmed"]
    with database.session() as session:
        assert session.scalars(select(TreatmentSession)).all() == []


@pytest.mark.parametrize("reason", ["", ".", "ok", "checked, fine"])
def test_a_danger_needs_a_reason_of_substance(database, actor, resources, patient_id, reason):
    cid = consultation(database, patient_id)
    data = session_input(
        patient_id,
        consultation_id=cid,
        areas=(area("cheeks", **BURN_ONE_PASS, caution_ack_reason=reason, danger_confirmed=True),),
    )
    errors = refused(database, actor, resources, data)
    assert set(errors) == {"areas.0.caution_ack_reason"}
    message = errors["areas.0.caution_ack_reason"]
    assert message.startswith("Danger on cheeks")
    assert "5 different words" in message or "at least 5 words" in message


def test_a_confirmed_danger_is_stored_with_its_reason_and_signed(
    database, actor, resources, patient_id
):
    cid = consultation(database, patient_id)
    data = session_input(
        patient_id,
        consultation_id=cid,
        areas=(
            area(
                "cheeks", **BURN_ONE_PASS, caution_ack_reason=DANGER_REASON, danger_confirmed=True
            ),
            area("forehead", **GENTLE_FACE),
        ),
    )
    draft = save(database, actor, resources, data)
    assert [a.danger_confirmed for a in draft.areas] == [True, False]
    with database.session() as session:
        signed = session_signing.sign(
            session, actor, draft.id, resources, expected_version=draft.version, now=NOW, tz=UTC
        )
    with database.session() as session:
        row = session.get(TreatmentSession, signed.id)
        assert row.areas[0].caution_ack_reason == DANGER_REASON
        assert set(row.recheck["danger_confirmed"]) == {"cheeks"}
        assert "thermal-load" in row.recheck["danger_confirmed"]["cheeks"]
        load = [c for c in row.recheck["cautions"] if c["rule_id"] == "thermal-load"]
        assert load and load[0]["level"] == "danger" and load[0]["confirmed"] is True
        again = treatment_sessions.get(session, signed.id, resources)
    assert again.areas[0].danger_confirmed and not again.areas[1].danger_confirmed


def test_a_confirmation_is_not_kept_for_settings_without_a_danger(
    database, actor, resources, patient_id
):
    cid = consultation(database, patient_id)
    data = session_input(
        patient_id,
        consultation_id=cid,
        areas=(area("cheeks", **GENTLE_FACE, danger_confirmed=True),),
    )
    record = save(database, actor, resources, data)
    assert not record.areas[0].danger_confirmed
    with database.session() as session:
        row = session.get(TreatmentSession, record.id)
        assert not row.recheck.get("danger_confirmed")


def test_a_caution_stays_light_but_not_a_dot(database, actor, resources, patient_id):
    cid = consultation(database, patient_id)
    past_power = {**GENTLE_FACE, "power_w": 25.0}  # face-power caution, no danger
    dot = session_input(
        patient_id,
        consultation_id=cid,
        areas=(area("cheeks", **past_power, caution_ack_reason="."),),
    )
    errors = refused(database, actor, resources, dot)
    assert set(errors) == {"areas.0.caution_ack_reason"}
    noted = dataclasses.replace(
        dot, areas=(area("cheeks", **past_power, caution_ack_reason="patient informed"),)
    )
    assert save(database, actor, resources, noted).areas[0].caution_ack_reason


def test_the_skin_type_of_the_consultation_lowers_the_limits(
    database, actor, resources, patient_id
):
    dark = consultation(database, patient_id, answers=all_no_answers(fitzpatrick="V"))
    data = session_input(
        patient_id,
        consultation_id=dark,
        areas=(area("cheeks", **FIRM_FACE, caution_ack_reason="patient informed"),),
    )
    errors = refused(database, actor, resources, data)
    assert "areas.0.danger_confirmed" in errors
    assert "Fitzpatrick V" in errors["areas.0.danger_confirmed"]
    fair = consultation(
        database,
        patient_id,
        answers=all_no_answers(fitzpatrick="II"),
        completed_at=dt.datetime(2026, 1, 12, 10, 0, tzinfo=UTC),
    )
    quiet = dataclasses.replace(data, consultation_id=fair, areas=(area("cheeks", **FIRM_FACE),))
    assert save(database, actor, resources, quiet).id


def test_signing_checks_again_with_the_skin_type_as_it_now_is(
    database, actor, resources, patient_id
):
    cid = consultation(database, patient_id, answers=all_no_answers(fitzpatrick="II"))
    draft = save(
        database,
        actor,
        resources,
        session_input(patient_id, consultation_id=cid, areas=(area("cheeks", **FIRM_FACE),)),
    )
    with database.session() as session:
        row = session.get(Consultation, cid)
        row.answers = {**row.answers, "fitzpatrick": "VI"}
    with pytest.raises(ValidationError) as caught, database.session() as session:
        session_signing.sign(
            session, actor, draft.id, resources, expected_version=draft.version, now=NOW, tz=UTC
        )
    assert "areas.0.danger_confirmed" in caught.value.errors


def test_recorded_intensity_must_agree_with_the_settings_or_say_why(
    database, actor, resources, patient_id
):
    cid = consultation(database, patient_id, intensity="light")
    deep = {"power_w": 30.0, "dwell_us": 1000.0, "spacing_um": 400.0, "stack": 1, "passes": 1}
    reason = "Aggressive pass on the cheeks only, patient informed"
    data = session_input(
        patient_id,
        consultation_id=cid,
        intensity="light",
        areas=(area("cheeks", **deep, caution_ack_reason=""),),
    )
    errors = refused(database, actor, resources, data)
    assert set(errors) == {"areas.0.caution_ack_reason"}
    with_reason = dataclasses.replace(
        data, areas=(area("cheeks", **deep, caution_ack_reason=reason),)
    )
    record = save(database, actor, resources, with_reason)
    with database.session() as session:
        signed = session_signing.sign(
            session, actor, record.id, resources, expected_version=record.version, now=NOW, tz=UTC
        )
        row = session.get(TreatmentSession, signed.id)
        assert "intensity-thermal-load" in {c["rule_id"] for c in row.recheck["cautions"]}


def test_full_face_is_checked_as_its_areas_and_a_danger_there_needs_confirming(
    database, actor, resources, patient_id
):
    cid = consultation(database, patient_id)
    data = session_input(
        patient_id,
        consultation_id=cid,
        areas=(area("full_face", **BURN_ONE_PASS, caution_ack_reason="ok"),),
    )
    errors = refused(database, actor, resources, data)
    assert set(errors) == {"areas.0.danger_confirmed", "areas.0.caution_ack_reason"}
    assert "full face" in errors["areas.0.danger_confirmed"].casefold()
    gentle = dataclasses.replace(data, areas=(area("full_face", **GENTLE_FACE),))
    assert save(database, actor, resources, gentle).areas[0].area == "full_face"


def test_signing_needs_every_setting_of_the_energy_picture(database, actor, resources, patient_id):
    cid = consultation(database, patient_id)
    partial = {"power_w": 30.0, "dwell_us": 1800.0}  # no spacing: the load cannot be judged
    draft = save(
        database,
        actor,
        resources,
        session_input(
            patient_id,
            consultation_id=cid,
            areas=(area("cheeks", **partial, caution_ack_reason="patient informed"),),
        ),
    )
    with pytest.raises(ValidationError) as caught, database.session() as session:
        session_signing.sign(
            session, actor, draft.id, resources, expected_version=draft.version, now=NOW, tz=UTC
        )
    assert "areas.0.spacing_um" in caught.value.errors
    assert "thermal load" in caught.value.errors["areas.0.spacing_um"].casefold()


def test_an_amendment_asks_the_one_who_amends_to_confirm_the_danger_again(
    database, actor, resources, patient_id
):
    cid = consultation(database, patient_id)
    confirmed = area(
        "cheeks", **BURN_ONE_PASS, caution_ack_reason=DANGER_REASON, danger_confirmed=True
    )
    data = session_input(patient_id, consultation_id=cid, areas=(confirmed,))
    draft = save(database, actor, resources, data)
    with database.session() as session:
        signed = session_signing.sign(
            session, actor, draft.id, resources, expected_version=draft.version, now=NOW, tz=UTC
        )
        amendment = session_amendments.amend(session, actor, signed.id, resources)
    assert not amendment.areas[0].danger_confirmed
    assert amendment.areas[0].caution_ack_reason == DANGER_REASON
    with pytest.raises(ValidationError) as caught, database.session() as session:
        session_drafts.save(
            session,
            actor,
            dataclasses.replace(amendment.data, amendment_reason="Spacing misread"),
            resources,
            session_id=amendment.id,
            expected_version=amendment.version,
            now=NOW,
        )
    assert set(caught.value.errors) == {"areas.0.danger_confirmed"}
