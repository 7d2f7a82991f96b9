"""The audit trail's hash chain: every append links to the previous one; any edit, deletion or
insertion made outside the app is found and the first bad event named; appends from several
threads (workstations) never fork the chain."""

from __future__ import annotations

import datetime as dt
import itertools
import threading

import pytest
from sqlalchemy import delete, func, select, text, update

from clinic_app.db import Database
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.models import AuditChainHead, AuditEvent
from clinic_app.services.errors import ValidationError
from clinic_app.services.patients import patients
from clinic_app.services.security import audit, audit_trail
from clinic_app.services.security.audit import GENESIS_HASH, Actor, Change, event_hash
from clinic_app.services.security.audit_trail import AuditFilter

_numbers = itertools.count()


def _add_patients(database: Database, actor: Actor, count: int) -> list[int]:
    ids = []
    with database.session() as session:
        for _ in range(count):
            number = next(_numbers)
            fields = PatientFields("Ana", f"Lopez{number}", dt.date(1980, 1, 1 + number % 28))
            ids.append(patients.create(session, actor, fields, today=dt.date(2026, 1, 1)).id)
    return ids


def _verify(database: Database) -> audit_trail.Verification:
    with database.session() as session:
        return audit_trail.verify(session)


def test_events_are_chained_from_the_genesis_hash(database: Database, actor: Actor) -> None:
    _add_patients(database, actor, 3)
    with database.session() as session:
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        head = session.get(AuditChainHead, 1)
    assert events[0].prev_hash == GENESIS_HASH
    for before, after in itertools.pairwise(events):
        assert after.prev_hash == before.event_hash
    assert head is not None
    assert (head.last_event_id, head.last_hash) == (events[-1].id, events[-1].event_hash)
    assert _verify(database).ok
    assert _verify(database).checked == 3


def test_bulk_appends_continue_the_same_chain(database: Database, actor: Actor) -> None:
    _add_patients(database, actor, 1)
    with database.session() as session:
        assert audit.record_many(session, actor, []) == 0
        audit.record_many(
            session, actor, [Change("view", "patient", n, "opened") for n in range(30)]
        )
        audit.record_many(session, actor, [Change("view", "patient", 1, "opened")] * 3)
    _add_patients(database, actor, 1)
    result = _verify(database)
    assert result.ok, result.message
    assert result.checked == 35


def test_an_edited_summary_is_named(database: Database, actor: Actor) -> None:
    _add_patients(database, actor, 5)
    with database.session() as session:
        third = session.scalars(select(AuditEvent.id).order_by(AuditEvent.id)).all()[2]
        session.execute(
            update(AuditEvent).where(AuditEvent.id == third).values(summary="nothing happened")
        )
    result = _verify(database)
    assert not result.ok
    assert result.first_bad_id == third
    assert f"Event #{third} was altered" in result.message


def test_an_edit_with_a_recomputed_hash_breaks_the_next_link(
    database: Database, actor: Actor
) -> None:
    """A forger who also recomputes the edited row's own hash is caught at the next event."""
    _add_patients(database, actor, 4)
    with database.session() as session:
        ids = session.scalars(select(AuditEvent.id).order_by(AuditEvent.id)).all()
        row = session.get(AuditEvent, ids[1])
        assert row is not None
        row.actor = "someone-else"
        row.event_hash = event_hash(
            occurred_at=row.occurred_at,
            user_id=row.user_id,
            actor=row.actor,
            action=row.action,
            entity_type=row.entity_type,
            entity_id=row.entity_id,
            summary=row.summary,
            prev_hash=row.prev_hash,
        )
    result = _verify(database)
    assert result.first_bad_id == ids[2]
    assert f"does not follow event #{ids[1]}" in result.message


def test_a_deleted_event_is_found(database: Database, actor: Actor) -> None:
    _add_patients(database, actor, 5)
    with database.session() as session:
        ids = session.scalars(select(AuditEvent.id).order_by(AuditEvent.id)).all()
        session.execute(delete(AuditEvent).where(AuditEvent.id == ids[2]))
    result = _verify(database)
    assert result.first_bad_id == ids[3]
    assert f"Event #{ids[3]} does not follow event #{ids[1]}" in result.message
    assert "deleted" in result.message


def test_deleting_the_newest_events_is_found(database: Database, actor: Actor) -> None:
    _add_patients(database, actor, 4)
    with database.session() as session:
        ids = session.scalars(select(AuditEvent.id).order_by(AuditEvent.id)).all()
        session.execute(delete(AuditEvent).where(AuditEvent.id >= ids[2]))
    result = _verify(database)
    assert result.first_bad_id == ids[3]
    assert "events at the end of the trail were deleted" in result.message


def test_deleting_every_event_is_found(database: Database, actor: Actor) -> None:
    _add_patients(database, actor, 2)
    with database.session() as session:
        session.execute(delete(AuditEvent))
    assert not _verify(database).ok


def test_an_event_inserted_outside_the_app_is_found(database: Database, actor: Actor) -> None:
    _add_patients(database, actor, 2)
    with database.session() as session:
        last = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert last is not None
        values = dict(
            occurred_at=last.occurred_at,
            user_id=None,
            actor="intruder",
            action="view",
            entity_type="patient",
            entity_id=1,
            summary="",
            prev_hash=last.event_hash,
        )
        session.add(AuditEvent(**values, event_hash=event_hash(**values)))
    result = _verify(database)
    assert not result.ok
    assert "inserted outside the application" in result.message


def test_the_next_append_after_tampering_still_fails_verification(
    database: Database, actor: Actor
) -> None:
    _add_patients(database, actor, 3)
    with database.session() as session:
        session.execute(
            delete(AuditEvent).where(
                AuditEvent.id == select(func.max(AuditEvent.id)).scalar_subquery()
            )
        )
    _add_patients(database, actor, 1)
    assert not _verify(database).ok


def test_an_empty_trail_is_intact(database: Database) -> None:
    result = _verify(database)
    assert result.ok
    assert result.checked == 0


@pytest.mark.parametrize("threads,each", [(6, 10)])
def test_concurrent_writers_never_fork_the_chain(
    database: Database, actor: Actor, threads: int, each: int
) -> None:
    """Several workstations (threads with their own connections) append at the same time."""
    errors: list[BaseException] = []
    start = threading.Barrier(threads)

    def work(number: int) -> None:
        try:
            start.wait()
            for index in range(each):
                with database.session() as session:
                    audit.record(session, Actor(f"ws{number}"), "view", "patient", index, "opened")
        except BaseException as exc:  # reported below
            errors.append(exc)

    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert errors == []
    result = _verify(database)
    assert result.ok, result.message
    assert result.checked == threads * each
    with database.session() as session:
        prevs = session.scalars(select(AuditEvent.prev_hash)).all()
    assert len(set(prevs)) == len(prevs)  # no two events follow the same one


def test_a_rolled_back_change_leaves_no_event_and_the_chain_intact(
    database: Database, actor: Actor
) -> None:
    _add_patients(database, actor, 1)
    with pytest.raises(RuntimeError), database.session() as session:
        audit.record(session, actor, "view", "patient", 1, "opened")
        raise RuntimeError("the change failed")
    _add_patients(database, actor, 1)
    result = _verify(database)
    assert result.ok
    assert result.checked == 2


# Browsing ------------------------------------------------------------------------------------


def test_find_events_filters_and_pages_newest_first(database: Database, actor: Actor) -> None:
    ids = _add_patients(database, actor, 3)
    with database.session() as session:
        for patient_id in ids:
            audit.record(session, Actor("maria", None), "view", "patient", patient_id, "opened")
        audit.record(session, actor, "login", "user", None, "signed in")
    with database.session() as session:
        views = audit_trail.find_events(session, AuditFilter(action="view"))
        assert [row.entity_id for row in views] == ids[::-1]
        assert audit_trail.count_events(session, AuditFilter(actor="maria")) == 3
        first = audit_trail.find_events(session, limit=2)
        second = audit_trail.find_events(session, limit=2, before_id=first[-1].id)
        assert [row.action for row in first] == ["login", "view"]
        assert second[0].id < first[-1].id
        one = audit_trail.find_events(session, AuditFilter(entity_type="patient", entity_id=ids[0]))
        assert {row.action for row in one} == {"create", "view"}
        assert audit_trail.find_events(session, AuditFilter(text="SIGNED"))[0].action == "login"
        assert audit_trail.find_events(session, AuditFilter(text="100%_")) == []
        later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
        assert audit_trail.find_events(session, AuditFilter(since=later)) == []
        assert "view" in audit_trail.distinct_values(session, "action")


def test_find_events_refuses_unusable_filters(database: Database) -> None:
    now = dt.datetime.now(dt.UTC)
    with database.session() as session:
        with pytest.raises(ValidationError, match="before its start"):
            audit_trail.find_events(
                session, AuditFilter(since=now, until=now - dt.timedelta(days=1))
            )
        with pytest.raises(ValidationError, match="timezone-aware"):
            audit_trail.find_events(session, AuditFilter(since=dt.datetime(2026, 1, 1)))
        with pytest.raises(ValidationError):
            audit_trail.find_events(session, limit=0)
        with pytest.raises(ValidationError):
            audit_trail.distinct_values(session, "summary")


def test_events_carry_no_clinical_detail(database: Database, actor: Actor) -> None:
    """Summaries name fields and records, never values a person typed."""
    with database.session() as session:
        patient = patients.create(
            session,
            actor,
            PatientFields("Zoë", "Secretname", dt.date(1980, 1, 1), notes="herpes history"),
            today=dt.date(2026, 1, 1),
        )
        patients.update(
            session,
            actor,
            patient.id,
            PatientFields("Zoë", "Secretname", dt.date(1980, 1, 1), notes="isotretinoin 2025"),
            expected_version=patient.version,
            today=dt.date(2026, 1, 1),
        )
    with database.session() as session:
        summaries = " ".join(session.scalars(select(AuditEvent.summary)))
    for secret in ("Secretname", "herpes", "isotretinoin", "Zoë"):
        assert secret not in summaries
    assert "changed notes" in summaries


def test_verify_reads_the_chain_in_one_snapshot(database: Database, actor: Actor) -> None:
    """A write landing while verification runs is not mistaken for tampering."""
    _add_patients(database, actor, 3)
    seen: list[int] = []

    def append_during(count: int) -> None:
        seen.append(count)
        with database.session() as other:
            audit.record(other, actor, "view", "patient", 1, "opened")

    with database.snapshot() as session:  # as the CLI and the window verify
        result = audit_trail.verify(session, progress=append_during, batch=1)
    assert result.ok, result.message
    assert seen
    assert _verify(database).ok


def test_the_text_of_a_stored_event_matches_its_hash_on_this_backend(database: Database) -> None:
    """Instants and texts come back from the database exactly as they were hashed."""
    with database.session() as session:
        audit.record(session, Actor('ñandú ☃ "quoted"'), "view", "patient", 2**40, "é\n€")
    with database.session() as session:
        raw = session.execute(text("SELECT occurred_at FROM audit_events")).scalar_one()
    assert raw is not None
    assert _verify(database).ok
