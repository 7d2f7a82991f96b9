"""Follow-ups on SQLite and PostgreSQL: planned when a session is signed (same transaction,
audited), listed when due, closed with a note (audited), exported as .ics."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest
from session_factories import UTC, signed_first_session
from sqlalchemy import select

from clinic_app.db import Database
from clinic_app.domain.reasons import load_policy
from clinic_app.models import AuditEvent, FollowUp
from clinic_app.services.errors import ValidationError
from clinic_app.services.followups import calendar_export, followups
from clinic_app.services.patients import patients
from clinic_app.services.security.identity import Actor
from clinic_app.services.sessions import session_drafts, session_signing
from clinic_app.services.sessions.session_resources import SessionResources, load_resources
from clinic_app.services.settings import clinic

DEC_15 = dt.datetime(2026, 12, 15, 10, 0, tzinfo=UTC)
PHONE = "+1 555 0142"


@pytest.fixture(scope="module")
def resources() -> SessionResources:
    return load_resources()


@pytest.fixture
def signed(database: Database, actor: Actor, resources: SessionResources) -> tuple[int, int]:
    """A patient, and their first session of three (moderate, every 4 weeks) on 15 Dec 2026."""
    with database.session() as session:
        clinic.save(session, actor, clinic.ClinicDetails(name="Skin Studio", phone=PHONE))
        return signed_first_session(session, actor, resources, when=DEC_15)


def test_signing_plans_the_schedule_in_the_same_transaction_audited(
    database: Database, resources: SessionResources, signed: tuple[int, int]
) -> None:
    _, session_id = signed
    with database.session() as session:
        rows = session.scalars(select(FollowUp).order_by(FollowUp.due_on)).all()
        assert [(r.kind, r.due_on) for r in rows] == [
            ("call_day_2", dt.date(2026, 12, 17)),
            ("review_day_7", dt.date(2026, 12, 22)),
            ("next_session", dt.date(2027, 1, 12)),
            ("sun_protection_end", dt.date(2027, 1, 26)),
        ]
        assert {r.session_id for r in rows} == {session_id}
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.entity_type == "followup")
        ).all()
        assert [(e.action, e.entity_id) for e in events] == [("create", r.id) for r in rows]
        assert events[0].summary == (
            f"follow-up call_day_2 due 2026-12-17 planned for session #{session_id}"
        )


def test_due_lists_today_and_overdue_only(
    database: Database, resources: SessionResources, signed: tuple[int, int]
) -> None:
    with database.session() as session:
        due = followups.due(session, dt.date(2026, 12, 22), resources.followups)
        assert [(i.kind, i.overdue_on(dt.date(2026, 12, 22))) for i in due] == [
            ("call_day_2", True),
            ("review_day_7", False),
        ]
        assert due[0].patient_name == "Ana Ruiz"
        assert followups.due(session, dt.date(2026, 12, 16), resources.followups) == []


def _due_one(database: Database, resources: SessionResources, kind: str) -> int:
    with database.session() as session:
        return next(
            i.id
            for i in followups.due(session, dt.date(2027, 2, 1), resources.followups)
            if i.kind == kind
        )


def test_marking_done_is_audited_and_closes_it(
    database: Database, actor: Actor, resources: SessionResources, signed: tuple[int, int]
) -> None:
    call = _due_one(database, resources, "call_day_2")
    moment = dt.datetime(2026, 12, 17, 15, 5, tzinfo=UTC)
    with database.session() as session:
        item = followups.mark_done(
            session, actor, call, note="", schedule=resources.followups,
            policy=load_policy(), now=moment,
        )  # fmt: skip
        assert (item.outcome, item.done_at, item.done_by) == ("done", moment, actor.name)
    with database.session() as session:
        event = session.scalars(
            select(AuditEvent).where(
                AuditEvent.entity_type == "followup",
                AuditEvent.entity_id == call,
                AuditEvent.action == "update",
            )
        ).one()
        assert (event.action, event.summary) == ("update", "follow-up 'Day-2 phone call' done")
        assert [
            i.kind for i in followups.due(session, dt.date(2026, 12, 22), resources.followups)
        ] == ["review_day_7"]
        with pytest.raises(ValidationError) as again:
            followups.mark_done(
                session, actor, call, note="", schedule=resources.followups, policy=load_policy()
            )
        assert "already closed" in again.value.errors["outcome"]


@pytest.mark.parametrize(
    ("kind", "outcome", "note"),
    [
        ("review_day_7", "done", ""),  # a review needs a note
        ("review_day_7", "done", "."),
        ("call_day_2", "not_reached", ""),  # not reached: say what was tried
        ("call_day_2", "not_reached", "ok"),
    ],
)
def test_a_needed_note_that_says_nothing_is_refused_at_the_field_and_nothing_is_saved(
    database: Database, actor: Actor, resources: SessionResources, signed: tuple[int, int],
    kind: str, outcome: str, note: str,
) -> None:  # fmt: skip
    followup_id = _due_one(database, resources, kind)
    with database.session() as session, pytest.raises(ValidationError) as caught:
        followups.mark_done(
            session, actor, followup_id, note=note, outcome=outcome,
            schedule=resources.followups, policy=load_policy(),
        )  # fmt: skip
    assert set(caught.value.errors) == {"note"}
    with database.session() as session:
        row = session.get(FollowUp, followup_id)
        assert row is not None and (row.outcome, row.note, row.attempts) == ("", "", 0)


def test_not_reached_is_an_attempt_kept_in_the_note_and_the_contact_stays_due(
    database: Database, actor: Actor, resources: SessionResources, signed: tuple[int, int]
) -> None:
    call = _due_one(database, resources, "call_day_2")
    tried = dt.datetime(2026, 12, 17, 9, 30, tzinfo=UTC)
    with database.session() as session:
        item = followups.mark_done(
            session, actor, call, note="Voicemail left", outcome="not_reached",
            schedule=resources.followups, policy=load_policy(), now=tried,
        )  # fmt: skip
        assert (item.is_open, item.attempts) == (True, 1)
    with database.session() as session:
        due = followups.due(session, dt.date(2026, 12, 18), resources.followups)
        assert [(i.id, i.attempts) for i in due] == [(call, 1)]
        done = followups.mark_done(
            session, actor, call, note="Reached at 5 pm, healing well",
            schedule=resources.followups, policy=load_policy(),
        )  # fmt: skip
        assert done.note == (
            f"Not reached 2026-12-17 09:30 UTC ({actor.name}): Voicemail left\n"
            "Reached at 5 pm, healing well"
        )
        summaries = session.scalars(
            select(AuditEvent.summary)
            .where(AuditEvent.entity_id == call, AuditEvent.action == "update")
            .order_by(AuditEvent.id)
        ).all()
        assert summaries == [
            "follow-up 'Day-2 phone call' not reached (attempt 1), still open",
            "follow-up 'Day-2 phone call' done",
        ]


def test_an_amendment_plans_no_second_schedule(
    database: Database, actor: Actor, resources: SessionResources, signed: tuple[int, int]
) -> None:
    import dataclasses

    from clinic_app.services.sessions import session_amendments

    _, session_id = signed
    with database.session() as session:
        draft = session_amendments.amend(session, actor, session_id, resources)
        data = dataclasses.replace(draft.data, amendment_reason="Power misread: 12.5 W")
        saved = session_drafts.save(
            session, actor, data, resources, session_id=draft.id,
            expected_version=draft.version, now=DEC_15,
        )  # fmt: skip
        amendment = session_signing.sign(
            session, actor, saved.id, resources, expected_version=saved.version, now=DEC_15
        )
        assert len(session.scalars(select(FollowUp)).all()) == 4
    from clinic_app.services.handouts import handouts

    with database.session() as session:  # its handout prints the original's follow-ups
        prepared = handouts.prepare_post_care_for_session(session, amendment.id, tz=UTC)
        assert prepared.content.followups is not None
        assert len(prepared.content.followups.lines) == 4


def test_the_calendar_file_parses_back_with_dates_uids_and_the_clinics_phone(
    database: Database, actor: Actor, resources: SessionResources, signed: tuple[int, int],
    tmp_path: Path,
) -> None:  # fmt: skip
    patient_id, _ = signed
    target = tmp_path / "ana.ics"
    with database.session() as session:
        count = calendar_export.export_patient_calendar(
            session, actor, patient_id, resources.followups, target
        )
        ids = [i.id for i in followups.of_patient(session, patient_id, resources.followups)]
    assert count == 4
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert [e.decoded("dtstart") for e in events] == [
        dt.date(2026, 12, 17),
        dt.date(2026, 12, 22),
        dt.date(2027, 1, 12),
        dt.date(2027, 1, 26),
    ]
    assert all(type(e.decoded("dtstart")) is dt.date for e in events)  # all-day
    assert [str(e["uid"]) for e in events] == [calendar_export.uid_of(i) for i in ids]
    assert all(PHONE in str(e["description"]) for e in events)
    assert str(events[0]["summary"]) == "Skin Studio: We phone you to ask how your skin is healing."
    with database.session() as session:  # the same follow-ups, the same file
        again = calendar_export.patient_calendar(session, patient_id, resources.followups)
        assert again == target.read_bytes()
        exported = session.scalars(
            select(AuditEvent).where(
                AuditEvent.action == "export", AuditEvent.entity_id == patient_id
            )
        ).one()
        assert "4 follow-ups" in exported.summary
        # What is past is not sent to the patient's calendar.
        later = calendar_export.patient_calendar(
            session, patient_id, resources.followups, today=dt.date(2027, 1, 13)
        )
        [left] = icalendar.Calendar.from_ical(later).walk("VEVENT")
        assert left.decoded("dtstart") == dt.date(2027, 1, 26)


def test_the_post_care_handout_prints_the_stored_schedule_with_its_dates(
    database: Database, signed: tuple[int, int], tmp_path: Path
) -> None:
    import io

    from pypdf import PdfReader

    from clinic_app.services.handouts import handouts

    _, session_id = signed
    with database.session() as session:
        prepared = handouts.prepare_post_care_for_session(
            session, session_id, today=dt.date(2026, 12, 15), tz=UTC
        )
    block = prepared.content.followups
    assert block is not None
    assert [(line.date_text, line.text) for line in block.lines] == [
        ("Thu 17 Dec 2026", "We phone you to ask how your skin is healing."),
        ("Tue 22 Dec 2026", "Review visit at the clinic: we check how the skin has healed."),
        ("Tue 12 Jan 2027", "Your next treatment session can be booked from this day."),
        ("Tue 26 Jan 2027", "Your strict sun protection ends today; keep using a daily sunscreen."),
    ]
    pdf = prepared.render()
    (tmp_path / "post-care.pdf").write_bytes(pdf)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.split())
    assert "Your follow-up contacts" in text
    assert f"call Skin Studio on {PHONE}" in text
    assert "Tue 26 Jan 2027 Your strict sun protection ends today" in text
    # The sun protection the follow-ups end with is the handout's own.
    assert prepared.content.sun_protection_until == dt.date(2027, 1, 26)


def test_dates_for_the_patient_alone_and_archived_patients_are_not_due(
    database: Database, actor: Actor, resources: SessionResources, signed: tuple[int, int]
) -> None:
    patient_id, _ = signed
    later = dt.date(2027, 2, 1)
    with database.session() as session:
        kinds = [i.kind for i in followups.due(session, later, resources.followups)]
        # The end of sun protection is printed and exported, but asks nothing of the staff.
        assert kinds == ["call_day_2", "review_day_7", "next_session"]
        patients.set_archived(session, actor, patient_id, True)
    with database.session() as session:
        assert followups.due(session, later, resources.followups) == []
        assert len(followups.of_patient(session, patient_id, resources.followups)) == 4
