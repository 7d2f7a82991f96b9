"""Demo consultations and sessions: plausible, signed, audited, reproducible, on both backends."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from clinic_app.domain.sessions.session_record import check_area
from clinic_app.domain.sessions.settings_check import CheckContext
from clinic_app.models import AuditEvent, Consultation, TreatmentPlan, TreatmentSession
from clinic_app.services.demo import demo, demo_history
from clinic_app.services.sessions import treatment_sessions
from clinic_app.services.sessions.session_history import history
from clinic_app.services.sessions.session_resources import load_resources

TODAY = dt.date(2026, 6, 15)


def test_every_new_patient_gets_a_consultation_and_signed_sessions_within_range(
    database, actor, monkeypatch
):
    monkeypatch.setattr(demo_history, "BATCH_SIZE", 25)  # several batches
    resources = load_resources()
    with database.session() as session:
        demo.seed_patients(session, actor, 10, seed=3, today=TODAY)
        first_new = demo_history.last_patient_id(session)
        demo.seed_patients(session, actor, 60, seed=4, today=TODAY)
        counts = demo_history.seed_history(
            session, actor, since_id=first_new, seed=5, today=TODAY, resources=resources
        )
    assert counts.consultations == 60
    assert 60 <= counts.sessions <= 180
    with database.session() as session:
        consultations = session.scalars(select(Consultation)).all()
        assert {c.patient_id for c in consultations} == set(range(first_new + 1, first_new + 61))
        assert all(c.status == "completed" and c.completed_at for c in consultations)
        plans = {p.consultation_id: p for p in session.scalars(select(TreatmentPlan))}
        sessions = session.scalars(select(TreatmentSession)).all()
        assert len(sessions) == counts.sessions
        for row in sessions:
            plan = plans[row.consultation_id]
            assert row.status == "signed" and row.signed_at > row.performed_at
            assert 1 <= row.sequence_number <= plan.sessions_planned
            assert row.performed_at.date() < TODAY
            assert row.device_profile_id == plan.device_profile_id
            profile = resources.profile(row.device_profile_id)
            record = treatment_sessions.get(session, row.id)
            skin = session.get(Consultation, row.consultation_id).answers["fitzpatrick"]
            context = CheckContext(skin_type=skin, intensity=row.intensity)
            for settings in record.areas:
                check = check_area(profile, settings, context)  # as the services check it
                assert check.ok, check.refusals
                assert bool(check.cautions) == bool(settings.caution_ack_reason)
                assert settings.danger_confirmed == bool(check.dangers)
        audited = session.execute(
            select(AuditEvent.entity_type, func.count())
            .where(AuditEvent.summary.like("demo %"))
            .group_by(AuditEvent.entity_type)
        ).all()
        assert dict(audited) == {
            "patient": 70,
            "consultation": 60,
            "treatment_session": len(sessions),
        }

        # The session services read demo data as they read recorded sessions.
        patient_id = sessions[0].patient_id
        found = history(session, patient_id, resources.profiles)
        assert found.rows and found.charts[0].series
        context = treatment_sessions.context(session, patient_id, resources)
        assert context.warnings == () and context.previous is not None


def test_same_seed_same_history(tmp_path, actor):
    from clinic_app.db import Database

    def seeded(name: str) -> list[tuple[object, ...]]:
        database = Database(f"sqlite:///{tmp_path / name}")
        try:
            with database.session() as session:
                demo.seed_patients(session, actor, 20, seed=1, today=TODAY)
                demo_history.seed_history(session, actor, seed=9, today=TODAY)
            with database.session() as session:
                return [
                    (s.patient_id, s.performed_at, s.device_profile_id, len(s.areas))
                    for s in session.scalars(select(TreatmentSession).order_by(TreatmentSession.id))
                ]
        finally:
            database.close()

    assert seeded("a.db") == seeded("b.db")


def test_a_fixed_number_of_sessions_each_all_in_the_past(database, actor):
    """The benchmarks ask for exactly three signed sessions per patient."""
    with database.session() as session:
        demo.seed_patients(session, actor, 40, seed=6, today=TODAY)
        counts = demo_history.seed_history(session, actor, seed=7, today=TODAY, sessions_each=3)
    assert counts.consultations == 40 and counts.sessions == 120
    with database.session() as session:
        per_patient = session.execute(
            select(TreatmentSession.patient_id, func.count()).group_by(TreatmentSession.patient_id)
        ).all()
        assert sorted(n for _, n in per_patient) == [3] * 40
        latest = session.scalar(select(func.max(TreatmentSession.performed_at)))
        assert latest is not None and latest.date() < TODAY
        assert set(session.scalars(select(TreatmentPlan.sessions_planned))) == {3}


def test_a_fixed_number_of_sessions_outside_the_range_is_refused(database, actor):
    with database.session() as session, pytest.raises(ValueError, match="between 1 and 12"):
        demo_history.seed_history(session, actor, today=TODAY, sessions_each=0)


def test_the_recent_demo_sessions_have_their_follow_ups_the_older_contacts_closed(database, actor):
    from clinic_app.models import FollowUp
    from clinic_app.services.followups import followups

    resources = load_resources()
    with database.session() as session:
        demo.seed_patients(session, actor, 80, seed=3, today=TODAY)
        counts = demo_history.seed_history(session, actor, seed=5, today=TODAY, resources=resources)
    assert counts.followups > 0
    with database.session() as session:
        rows = session.scalars(select(FollowUp)).all()
        assert len(rows) == counts.followups
        for row in rows:
            treated = session.get(TreatmentSession, row.session_id)
            assert (TODAY - treated.performed_at.date()).days <= 45
            assert row.patient_id == treated.patient_id
            closed = (TODAY - row.due_on).days > 2
            assert (row.outcome == "done") == closed
            assert (row.done_at is not None) == closed and (bool(row.note) == closed)
        audited = session.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.entity_type == "followup")
        )
        assert audited == len(rows)
        due = followups.due(session, TODAY, resources.followups)
        assert all(item.is_open and item.due_on <= TODAY for item in due)
