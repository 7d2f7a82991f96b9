"""Two workstations on one database edit the same patient: the second save is refused with what
changed, nothing is overwritten, and the audit trail holds exactly the save that happened.
Runs on PostgreSQL (the shared server) and, for two app instances on one PC, on SQLite."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from clinic_app.db import Database
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.models import AuditEvent
from clinic_app.services.errors import StaleRecordError
from clinic_app.services.patients import patient_overview, patients
from clinic_app.services.security import audit_trail
from clinic_app.services.security.identity import Actor

TODAY = dt.date(2026, 11, 21)
FRONT_DESK, TREATMENT_ROOM = Actor("front-desk"), Actor("treatment-room")


@pytest.fixture
def second(database: Database) -> Iterator[Database]:
    """The other workstation: its own engine and connections to the same database."""
    other = Database(database.url)
    yield other
    other.close()


def _patient(database: Database) -> int:
    with database.session() as session:
        fields = PatientFields("Eva", "Lind", dt.date(1985, 5, 5), phone="+46 8 000 000")
        return patients.create(session, FRONT_DESK, fields, today=TODAY).id


def _open(database: Database, patient_id: int, who: Actor) -> patient_overview.PatientOverview:
    with database.session() as session:
        return patient_overview.load(session, patient_id, viewer=who)


def _save(database: Database, who: Actor, opened, **changes: str) -> None:  # type: ignore[no-untyped-def]
    with database.session() as session:
        patients.update(
            session,
            who,
            opened.id,
            dataclasses.replace(opened.fields, **changes),
            expected_version=opened.version,
            today=TODAY,
        )


def test_the_second_save_is_refused_with_what_changed(database: Database, second: Database) -> None:
    patient_id = _patient(database)
    at_desk = _open(database, patient_id, FRONT_DESK)
    in_room = _open(second, patient_id, TREATMENT_ROOM)

    _save(database, FRONT_DESK, at_desk, phone="+46 8 123 456")
    with pytest.raises(StaleRecordError) as refused:
        _save(second, TREATMENT_ROOM, in_room, email="eva@example.com")

    message = str(refused.value)
    assert "changed by someone else while you were editing it" in message
    assert "phone is now '+46 8 123 456'" in message
    assert "Your changes were not saved" in message
    with second.session() as session:
        stored = patients.get(session, patient_id)
        assert (stored.phone, stored.email, stored.version) == ("+46 8 123 456", "", 2)
        updates = session.scalars(
            select(AuditEvent.actor).where(AuditEvent.action == "update")
        ).all()
        views = session.scalars(select(AuditEvent.actor).where(AuditEvent.action == "view")).all()
        assert updates == ["front-desk"]
        assert sorted(views) == ["front-desk", "treatment-room"]
        assert audit_trail.verify(session).ok


def test_saves_at_the_same_moment_never_overwrite(database: Database, second: Database) -> None:
    """The treatment room saves while the front desk's save is still in its transaction: it
    waits for it (PostgreSQL row lock, SQLite write lock), then is refused."""
    patient_id = _patient(database)
    at_desk = _open(database, patient_id, FRONT_DESK)
    in_room = _open(second, patient_id, TREATMENT_ROOM)
    outcome: dict[str, object] = {}
    desk_in_transaction = threading.Event()

    def room() -> None:
        desk_in_transaction.wait(10)
        started = time.monotonic()
        try:
            _save(second, TREATMENT_ROOM, in_room, phone="+46 8 999 999")
        except StaleRecordError as exc:
            outcome["refused"] = exc
        outcome["waited"] = time.monotonic() - started

    worker = threading.Thread(target=room)
    worker.start()
    with database.session() as session:
        patients.update(
            session,
            FRONT_DESK,
            patient_id,
            dataclasses.replace(at_desk.fields, phone="+46 8 123 456"),
            expected_version=at_desk.version,
            today=TODAY,
        )
        session.flush()
        desk_in_transaction.set()
        time.sleep(0.5)  # the room's save is now waiting for this transaction
    worker.join(30)
    assert isinstance(outcome.get("refused"), StaleRecordError)
    assert float(outcome["waited"]) >= 0.3  # type: ignore[arg-type]
    with database.session() as session:
        assert patients.get(session, patient_id).phone == "+46 8 123 456"
        assert audit_trail.verify(session).ok
