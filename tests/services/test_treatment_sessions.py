"""Treatment sessions on SQLite and PostgreSQL: refusals, cautions, sign and lock, amendments,
series, re-check, optimistic locking, audit and CSV."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io

import pytest
from session_factories import (
    BURN_MID_FACE,
    BURN_NECK,
    GENTLE_FACE,
    UTC,
    add_consultation,
    all_no_answers,
    area,
    nothing_new,
    session_input,
)
from sqlalchemy import select

from clinic_app.db import Database
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.domain.sessions.session_record import by_area, changed_from
from clinic_app.models import AuditEvent, SessionArea, TreatmentSession
from clinic_app.services.errors import StaleRecordError, ValidationError
from clinic_app.services.patients import patients
from clinic_app.services.security.identity import Actor
from clinic_app.services.sessions import (
    session_amendments,
    session_drafts,
    session_signing,
    treatment_sessions,
)
from clinic_app.services.sessions.session_history import history
from clinic_app.services.sessions.session_resources import SessionResources, load_resources
from clinic_app.services.sessions.session_writes import SessionLockedError

FEB_1 = dt.datetime(2026, 2, 1, 9, 30, tzinfo=UTC)
NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


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


@pytest.fixture
def consultation_id(database: Database, patient_id: int) -> int:
    with database.session() as session:
        return add_consultation(session, patient_id).id


def record_signed(database, actor, resources, data):
    with database.session() as session:
        draft = session_drafts.save(session, actor, data, resources, now=NOW)
        return session_signing.sign(
            session, actor, draft.id, resources, expected_version=draft.version, now=NOW, tz=UTC
        )


# ---- refusals and cautions -----------------------------------------------------------------


def test_a_value_outside_the_device_range_is_refused_naming_the_range(
    database, actor, resources, patient_id, consultation_id
):
    data = session_input(
        patient_id,
        consultation_id=consultation_id,
        areas=(area("cheeks", **{**GENTLE_FACE, "power_w": 45.0}),),
    )
    with pytest.raises(ValidationError) as caught, database.session() as session:
        session_drafts.save(session, actor, data, resources, now=NOW)
    assert caught.value.errors == {
        "areas.0.power_w": "Power 45 W is outside this device's range of 0.5–30 W."
    }
    with database.session() as session:
        assert session.scalars(select(TreatmentSession)).all() == []


def test_the_burn_case_needs_a_confirmed_reason_on_each_area_then_is_stored_with_it(
    database, actor, resources, patient_id, consultation_id
):
    areas = (area("cheeks", **BURN_MID_FACE), area("neck", **BURN_NECK))
    data = session_input(patient_id, consultation_id=consultation_id, areas=areas)
    with pytest.raises(ValidationError) as caught, database.session() as session:
        session_drafts.save(session, actor, data, resources, now=NOW)
    assert set(caught.value.errors) == {
        f"areas.{i}.{name}" for i in (0, 1) for name in ("caution_ack_reason", "danger_confirmed")
    }
    assert "cheeks" in caught.value.errors["areas.0.caution_ack_reason"]

    reason = "Deep acne scars, test spot healed well on 2026-01-20"
    acknowledged = tuple(
        dataclasses.replace(a, caution_ack_reason=reason, danger_confirmed=True) for a in areas
    )
    signed = record_signed(
        database, actor, resources, dataclasses.replace(data, areas=acknowledged)
    )
    with database.session() as session:
        stored = session.scalars(select(SessionArea).order_by(SessionArea.position)).all()
        assert [(a.area, a.power_w, a.caution_ack_reason) for a in stored] == [
            ("cheeks", 30.0, reason),
            ("neck", 25.0, reason),
        ]
        row = session.get(TreatmentSession, signed.id)
        cautions = {(c["area"], c["rule_id"], c["level"]) for c in row.recheck["cautions"]}
    assert ("cheeks", "face-burn-case", "danger") in cautions
    assert ("neck", "neck-chest-burn-case", "danger") in cautions
    assert ("neck", "neck-power", "caution") in cautions


def test_a_reason_is_not_kept_for_settings_without_a_caution(
    database, actor, resources, patient_id, consultation_id
):
    data = session_input(
        patient_id,
        consultation_id=consultation_id,
        areas=(area("cheeks", **GENTLE_FACE, caution_ack_reason="just in case"),),
    )
    with database.session() as session:
        record = session_drafts.save(session, actor, data, resources, now=NOW)
    assert record.areas[0].caution_ack_reason == ""


def test_duplicate_and_missing_areas_are_refused_at_their_row(
    database, actor, resources, patient_id
):
    data = session_input(patient_id, areas=(area("cheeks"), area("Cheeks "), area("")))
    with pytest.raises(ValidationError) as caught, database.session() as session:
        session_drafts.save(session, actor, data, resources, now=NOW)
    assert caught.value.errors == {
        "areas.1.area": "Cheeks is already row 1; record each area once.",
        "areas.2.area": "Choose the treated area.",
    }


# ---- sign, lock, amend ---------------------------------------------------------------------


def test_signing_locks_the_session_and_an_amendment_keeps_the_original(
    database, actor, resources, patient_id, consultation_id
):
    original = record_signed(
        database, actor, resources, session_input(patient_id, consultation_id=consultation_id)
    )
    assert original.locked and original.signed_by == actor.name
    assert original.series.label == "Session 1 of 3"

    with pytest.raises(SessionLockedError), database.session() as session:
        session_drafts.save(
            session,
            actor,
            session_input(patient_id, consultation_id=consultation_id),
            resources,
            session_id=original.id,
            expected_version=original.version,
        )

    with database.session() as session:
        draft = session_amendments.amend(session, actor, original.id, resources)
    assert draft.amends_id == original.id and draft.status == "draft"
    assert draft.areas == original.areas

    corrected = dataclasses.replace(
        draft.data,
        areas=(dataclasses.replace(draft.areas[0], power_w=12.5),),
    )
    with database.session() as session:
        saved = session_drafts.save(
            session,
            actor,
            corrected,
            resources,
            session_id=draft.id,
            expected_version=draft.version,
            now=NOW,
        )
        # An amendment is signed only with its reason.
        with pytest.raises(ValidationError) as caught:
            session_signing.sign(
                session, actor, saved.id, resources, expected_version=saved.version, now=NOW
            )
        assert set(caught.value.errors) == {"amendment_reason"}
    with database.session() as session:
        saved = session_drafts.save(
            session,
            actor,
            dataclasses.replace(corrected, amendment_reason="Power misread: 12.5 W"),
            resources,
            session_id=draft.id,
            expected_version=saved.version,
            now=NOW,
        )
        amendment = session_signing.sign(
            session, actor, saved.id, resources, expected_version=saved.version, now=NOW
        )
    assert amendment.series.label == "Session 1 of 3", "an amendment keeps the original's number"

    with database.session() as session:
        kept = treatment_sessions.get(session, original.id, resources)
        assert kept.areas[0].power_w == 12.0, "the original is never changed"
        assert kept.superseded and kept.amended_by_id == amendment.id
        rows = history(session, patient_id, resources.profiles).rows
        assert [(r.id, r.status, r.amends_id) for r in rows] == [
            (amendment.id, "signed", original.id),
            (original.id, "superseded", None),
        ]
        # The amended original can no longer be amended; its amendment can.
        with pytest.raises(ValidationError):
            session_amendments.amend(session, actor, original.id, resources)
        actions = session.execute(
            select(AuditEvent.action, AuditEvent.entity_id, AuditEvent.summary)
            .where(AuditEvent.entity_type == "treatment_session")
            .order_by(AuditEvent.id)
        ).all()
    assert [a for a, _, _ in actions] == ["create", "sign", "create", "update", "update", "sign"]
    assert actions[-1].summary == f"amendment of session #{original.id} signed and locked"


def test_a_stale_save_is_refused_and_nothing_is_overwritten(
    database, actor, resources, patient_id, consultation_id
):
    data = session_input(patient_id, consultation_id=consultation_id)
    with database.session() as session:
        draft = session_drafts.save(session, actor, data, resources, now=NOW)
    changed = dataclasses.replace(data, notes="first workstation")
    with database.session() as session:
        session_drafts.save(
            session,
            actor,
            changed,
            resources,
            session_id=draft.id,
            expected_version=draft.version,
            now=NOW,
        )
    with pytest.raises(StaleRecordError), database.session() as session:
        session_drafts.save(
            session,
            actor,
            dataclasses.replace(data, notes="second workstation"),
            resources,
            session_id=draft.id,
            expected_version=draft.version,
            now=NOW,
        )
    with pytest.raises(StaleRecordError), database.session() as session:
        session_signing.sign(
            session, actor, draft.id, resources, expected_version=draft.version, now=NOW
        )
    with database.session() as session:
        assert treatment_sessions.get(session, draft.id).data.notes == "first workstation"


def test_a_session_in_the_future_cannot_be_signed(
    database, actor, resources, patient_id, consultation_id
):
    data = session_input(patient_id, when=NOW + dt.timedelta(days=1))
    with database.session() as session:
        draft = session_drafts.save(session, actor, data, resources, now=NOW)
        with pytest.raises(ValidationError) as caught:
            session_signing.sign(
                session, actor, draft.id, resources, expected_version=draft.version, now=NOW
            )
    assert "future" in caught.value.errors["performed_at"]


# ---- series --------------------------------------------------------------------------------


def test_series_numbering_interval_warning_and_next_date(
    database, actor, resources, patient_id, consultation_id
):
    first = record_signed(
        database, actor, resources, session_input(patient_id, consultation_id=consultation_id)
    )
    assert first.series.label == "Session 1 of 3"
    assert first.series.next_date(dt.date(2026, 2, 1)) == dt.date(2026, 3, 1)

    two_weeks = FEB_1 + dt.timedelta(weeks=2)
    second = record_signed(
        database,
        actor,
        resources,
        session_input(patient_id, consultation_id=consultation_id, when=two_weeks),
    )
    assert second.series.label == "Session 2 of 3"
    assert second.series.previous_date == dt.date(2026, 2, 1)
    warning = second.series.interval_warning(two_weeks.date())
    assert warning == (
        "Only 2 weeks since the last session on Sun 1 Feb 2026; the plan's minimum interval is "
        "4 weeks (earliest Sun 1 Mar 2026)."
    )
    third_day = two_weeks + dt.timedelta(weeks=5)
    third = record_signed(
        database,
        actor,
        resources,
        session_input(patient_id, consultation_id=consultation_id, when=third_day),
    )
    assert third.series.label == "Session 3 of 3"
    assert third.series.interval_warning(third_day.date()) is None
    assert third.series.next_date(third_day.date()) is None, "the plan is complete"

    with database.session() as session:
        previous = treatment_sessions.previous_session(session, patient_id, resources=resources)
        assert previous is not None and previous.id == third.id
        ctx = treatment_sessions.context(session, patient_id, resources)
    assert ctx.warnings == () and ctx.previous.id == third.id
    assert ctx.plan.areas == ("cheeks", "forehead", "neck")


def test_copy_from_last_lists_every_difference_with_the_old_value(
    database, actor, resources, patient_id, consultation_id
):
    last = record_signed(
        database,
        actor,
        resources,
        session_input(
            patient_id,
            consultation_id=consultation_id,
            areas=(
                area("cheeks", **GENTLE_FACE, scan_pattern="square", scan_size="10 x 10 mm"),
                area("forehead", **GENTLE_FACE),
            ),
        ),
    )
    with database.session() as session:
        copied = treatment_sessions.previous_session(session, patient_id, resources=resources)
    assert copied is not None and copied.areas == last.areas
    previous = by_area(copied.areas)
    today = (
        dataclasses.replace(copied.areas[0], power_w=14.0, scan_pattern="hexagon"),
        copied.areas[1],
        area("neck", power_w=8.0),
    )
    assert [changed_from(previous.get(a.area), a) for a in today] == [
        {"power_w": 12.0, "scan_pattern": "square"},
        {},
        {},
    ]


# ---- re-check before the first pulse, and readiness ----------------------------------------


def test_recheck_judges_changes_against_the_session_day(
    database, actor, resources, patient_id, consultation_id
):
    recheck = nothing_new(antibiotics="2026-01-28")  # four days before the session
    data = session_input(patient_id, consultation_id=consultation_id, recheck=recheck)
    with database.session() as session:
        draft = session_drafts.save(session, actor, data, resources, now=NOW)
        with pytest.raises(ValidationError) as caught:
            session_signing.sign(
                session, actor, draft.id, resources, expected_version=draft.version, now=NOW
            )
    assert "Antibiotics within 7 days" in caught.value.errors["recheck"]

    reasoned = dataclasses.replace(data, recheck_reason="Prescriber confirmed; short course")
    with database.session() as session:
        draft = session_drafts.save(
            session,
            actor,
            reasoned,
            resources,
            session_id=draft.id,
            expected_version=draft.version,
            now=NOW,
        )
        signed = session_signing.sign(
            session, actor, draft.id, resources, expected_version=draft.version, now=NOW, tz=UTC
        )
    assert signed.screening["day"] == "2026-02-01"
    assert [f["rule_id"] for f in signed.screening["findings"]] == ["antibiotics"]
    assert signed.screening["reason"] == "Prescriber confirmed; short course"


def test_a_cold_sore_on_the_day_blocks_signing_and_unanswered_questions_too(
    database, actor, resources, patient_id, consultation_id
):
    data = session_input(
        patient_id, consultation_id=consultation_id, recheck={"active_infection": True}
    )
    with database.session() as session:
        draft = session_drafts.save(session, actor, data, resources, now=NOW)
        with pytest.raises(ValidationError) as caught:
            session_signing.sign(
                session, actor, draft.id, resources, expected_version=draft.version, now=NOW
            )
    assert "unanswered" in caught.value.errors["recheck"]
    recheck = nothing_new(active_infection=True)
    with database.session() as session:
        draft = session_drafts.save(
            session,
            actor,
            dataclasses.replace(data, recheck_answers=recheck),
            resources,
            session_id=draft.id,
            expected_version=draft.version,
            now=NOW,
        )
        with pytest.raises(ValidationError) as caught:
            session_signing.sign(
                session, actor, draft.id, resources, expected_version=draft.version, now=NOW
            )
    assert "Defer the treatment" in caught.value.errors["recheck"]


def test_context_warns_without_a_completed_consultation_or_with_a_blocking_finding(
    database, actor, resources, patient_id
):
    with database.session() as session:
        ctx = treatment_sessions.context(session, patient_id, resources)
        assert ctx.plan is None
        assert "no completed consultation" in ctx.warnings[0]
        add_consultation(
            session,
            patient_id,
            answers=all_no_answers(keloid_history=True, pregnant=True),
            findings=(
                ("pregnancy", "absolute", None, ""),
                ("keloid_history", "relative", None, ""),
                ("fitzpatrick_iv", "caution", None, ""),
            ),
        )
    with database.session() as session:
        ctx = treatment_sessions.context(session, patient_id, resources)
    assert ctx.warnings == (
        "Blocking finding of Sat 10 Jan 2026: pregnancy finding",
        "Finding of Sat 10 Jan 2026 with no recorded decision: keloid_history finding",
    )


def test_a_draft_can_be_discarded_but_a_signed_session_cannot(
    database, actor, resources, patient_id, consultation_id
):
    with database.session() as session:
        draft = session_drafts.save(session, actor, session_input(patient_id), resources, now=NOW)
        ctx = treatment_sessions.context(session, patient_id, resources)
        assert ctx.open_draft_id == draft.id
        session_drafts.discard(session, actor, draft.id, expected_version=draft.version)
    signed = record_signed(database, actor, resources, session_input(patient_id))
    with pytest.raises(SessionLockedError), database.session() as session:
        session_drafts.discard(session, actor, signed.id, expected_version=signed.version)
    with database.session() as session:
        assert [s.id for s in session.scalars(select(TreatmentSession))] == [signed.id]


# ---- export --------------------------------------------------------------------------------


def test_csv_export_has_one_line_per_area_with_local_times(
    database, actor, resources, patient_id, consultation_id
):
    record_signed(
        database,
        actor,
        resources,
        session_input(
            patient_id,
            consultation_id=consultation_id,
            areas=(area("cheeks", **GENTLE_FACE), area("forehead", **GENTLE_FACE)),
            notes='=HYPERLINK("x")',
        ),
    )
    with database.session() as session:
        text = treatment_sessions.export_csv(session, patient_id, resources.profiles, tz=UTC)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["area"], r["power_w"], r["session"], r["status"]) for r in rows] == [
        ("cheeks", "12", "1 of 3", "signed"),
        ("forehead", "12", "1 of 3", "signed"),
    ]
    assert rows[0]["performed_at"] == "2026-02-01T09:30+00:00"
    assert rows[0]["device"] == "SmartXide DOT (DEKA)"
    assert rows[0]["session_notes"].startswith("'="), "no formula reaches a spreadsheet"


def test_full_face_and_one_of_its_areas_are_refused_as_the_same_skin_twice(
    database, actor, resources, patient_id, consultation_id
):
    data = session_input(
        patient_id,
        consultation_id=consultation_id,
        areas=(area("full_face", **GENTLE_FACE), area("cheeks", **GENTLE_FACE)),
    )
    with pytest.raises(ValidationError) as caught, database.session() as session:
        session_drafts.save(session, actor, data, resources, now=NOW)
    assert "overlaps Full face (row 1)" in caught.value.errors["areas.1.area"]


def test_an_area_with_no_settings_cannot_be_signed(
    database, actor, resources, patient_id, consultation_id
):
    data = session_input(patient_id, consultation_id=consultation_id, areas=(area("forehead"),))
    with database.session() as session:
        draft = session_drafts.save(session, actor, data, resources, now=NOW)
        with pytest.raises(ValidationError) as caught:
            session_signing.sign(
                session, actor, draft.id, resources, expected_version=draft.version, now=NOW
            )
    assert any(
        key.startswith("areas.0.") and "record the settings used on" in message
        for key, message in caught.value.errors.items()
    )
