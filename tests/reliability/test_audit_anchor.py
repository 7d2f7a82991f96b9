"""The audit trail's head, noted outside the database, catches what the hash chain cannot:
the newest events deleted with the head row moved back, the whole trail wiped with its head
reset. A missing head row is never rebuilt silently. ``clinic-app audit head`` prints what to
note. On both backends, through the commands."""

from __future__ import annotations

import datetime as dt
import json
import stat
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, update

from clinic_app.cli import main
from clinic_app.config import ENV_DATA_DIR, ENV_DB_URL
from clinic_app.db import Database
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.models import AuditChainHead, AuditEvent
from clinic_app.services.patients import patients
from clinic_app.services.security import audit, audit_anchor, audit_trail
from clinic_app.services.security.audit import GENESIS_HASH, AuditChainError
from clinic_app.services.security.identity import Actor

ACTOR = Actor("test:anchor")


@pytest.fixture(autouse=True)
def _no_location_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_DATA_DIR, raising=False)
    monkeypatch.delenv(ENV_DB_URL, raising=False)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def _add(database: Database, count: int, start: int = 0) -> None:
    with database.session() as session:
        for number in range(start, start + count):
            fields = PatientFields("Ana", f"Anchor{number}", dt.date(1980, 1, 1))
            patients.create(session, ACTOR, fields, allow_duplicate=True)


def _cli(capsys: pytest.CaptureFixture[str], database: Database, data: Path, *argv: str):  # type: ignore[no-untyped-def]
    status = main([*argv, "--db-url", database.url, "--data-dir", str(data)])
    out, err = capsys.readouterr()
    return status, out, err


def _cut_back_to(database: Database, keep: int) -> None:
    """Delete every event after the first ``keep`` and move the head to the last one kept: a
    chain that verifies."""
    with database.session() as session:
        ids = session.scalars(select(AuditEvent.id).order_by(AuditEvent.id)).all()
        session.execute(delete(AuditEvent).where(AuditEvent.id > ids[keep - 1]))
        last = session.get(AuditEvent, ids[keep - 1])
        assert last is not None
        session.execute(
            update(AuditChainHead).values(last_event_id=last.id, last_hash=last.event_hash)
        )
    with database.snapshot() as session:
        assert audit_trail.verify(session).ok, "the chain alone cannot see it"


def test_audit_head_prints_the_newest_hash_and_count(
    database: Database, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _add(database, 3)
    status, out, err = _cli(capsys, database, data, "audit", "head")
    assert status == 0, err
    with database.snapshot() as session:
        newest = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert newest is not None
    assert f"Newest audit event: #{newest.id}" in out
    assert f"SHA-256: {newest.event_hash}" in out
    assert "Events: 3" in out
    anchor = data / "audit-anchor.json"
    assert stat.S_IMODE(anchor.stat().st_mode) == 0o600
    (entry,) = json.loads(anchor.read_text())["databases"].values()
    assert (entry["count"], entry["hash"]) == (3, newest.event_hash)


def test_deleting_the_newest_events_and_moving_the_head_is_found(
    database: Database, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _add(database, 5)
    assert _cli(capsys, database, data, "audit", "verify")[0] == 0  # notes the head
    _cut_back_to(database, 3)
    status, _, err = _cli(capsys, database, data, "audit", "verify")
    assert status == 3
    assert "The audit trail has been tampered with." in err
    assert "of 5 events" in err and "that event is gone" in err and "now holds 3 events" in err


def test_a_trail_cut_back_and_written_again_is_found(
    database: Database, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _add(database, 5)
    assert _cli(capsys, database, data, "audit", "head")[0] == 0
    _cut_back_to(database, 2)
    _add(database, 4, start=100)  # the app goes on: on SQLite the deleted ids come back
    status, _, err = _cli(capsys, database, data, "audit", "verify")
    assert status == 3
    assert "tampered with" in err
    assert ("now has another hash" in err) or ("that event is gone" in err)


def test_a_wiped_trail_with_its_head_reset_is_found(
    database: Database, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _add(database, 4)
    assert _cli(capsys, database, data, "audit", "verify")[0] == 0
    with database.session() as session:
        session.execute(delete(AuditEvent))
        session.execute(update(AuditChainHead).values(last_event_id=None, last_hash=GENESIS_HASH))
    with database.snapshot() as session:
        assert audit_trail.verify(session).ok
    status, _, err = _cli(capsys, database, data, "audit", "verify")
    assert status == 3
    assert "the whole trail was wiped" in err and "now holds 0 events" in err


def test_each_backup_notes_the_head_it_holds_and_verify_uses_it(
    sqlite_database: Database, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _add(sqlite_database, 4)
    status, _out, err = _cli(capsys, sqlite_database, data, "backup")
    assert status == 0, err
    (sidecar,) = (data / "backups").glob("*.db.audit-head")
    assert json.loads(sidecar.read_text())["count"] == 4
    assert stat.S_IMODE(sidecar.stat().st_mode) == 0o600
    (data / "audit-anchor.json").unlink()  # whoever cut the trail removed this one too
    _cut_back_to(sqlite_database, 2)
    status, _, err = _cli(capsys, sqlite_database, data, "audit", "verify")
    assert status == 3
    assert f"as noted with the backup {sidecar.name.removesuffix('.audit-head')}" in err


def test_a_backup_of_a_cut_trail_warns_and_keeps_the_anchor(
    database: Database, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _add(database, 4)
    assert _cli(capsys, database, data, "audit", "head")[0] == 0
    before = (data / "audit-anchor.json").read_text()
    _cut_back_to(database, 2)
    assert _cli(capsys, database, data, "audit", "head")[0] == 3
    assert (data / "audit-anchor.json").read_text() == before, "the evidence stays"


def test_restoring_a_backup_notes_its_head_afresh(
    sqlite_database: Database, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _add(sqlite_database, 3)
    assert _cli(capsys, sqlite_database, data, "backup")[0] == 0
    (saved,) = (data / "backups").glob("clinic-*.db")
    _add(sqlite_database, 3, start=10)
    assert _cli(capsys, sqlite_database, data, "audit", "verify")[0] == 0
    sqlite_database.close()
    assert _cli(capsys, sqlite_database, data, "restore", str(saved), "--yes")[0] == 0
    status, _out, err = _cli(capsys, sqlite_database, data, "audit", "verify")
    assert status == 0, err


def test_a_head_restored_outside_the_app_is_accepted_deliberately(
    database: Database, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _add(database, 5)
    assert _cli(capsys, database, data, "audit", "head")[0] == 0
    _cut_back_to(database, 3)  # as a pg_restore of an older dump would
    assert _cli(capsys, database, data, "audit", "verify")[0] == 3
    status, out, _ = _cli(capsys, database, data, "audit", "head", "--accept")
    assert status == 0 and "replacing: 5 events" in out
    assert _cli(capsys, database, data, "audit", "verify")[0] == 0
    with database.snapshot() as session:
        accepted = session.scalars(
            select(AuditEvent.summary).where(AuditEvent.action == "audit_accept")
        ).all()
    assert len(accepted) == 1 and "5 events" in accepted[0]


def test_a_missing_head_row_is_never_rebuilt_silently(
    database: Database, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _add(database, 3)
    with database.session() as session:
        session.execute(delete(AuditChainHead))
    with pytest.raises(AuditChainError, match="audit_chain_head"):
        _add(database, 1, start=50)
    with database.snapshot() as session:
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == 3
        assert session.get(AuditChainHead, 1) is None
    status, _, err = _cli(capsys, database, data, "audit", "verify")
    assert status == 3 and "audit_chain_head" in err

    status, out, _ = _cli(capsys, database, data, "audit", "repair-head")
    assert status == 0 and "recreated at event #" in out
    _add(database, 1, start=60)
    with database.snapshot() as session:
        result = audit_trail.verify(session)
        repairs = session.scalars(
            select(AuditEvent.summary).where(AuditEvent.action == "audit_repair")
        ).all()
    assert result.ok and result.checked == 5
    assert repairs == [
        "the record of the newest event was missing; the chain continues from "
        f"event #{_third_id(database)}"
    ]
    assert _cli(capsys, database, data, "audit", "repair-head")[0] == 1  # nothing to repair


def _third_id(database: Database) -> int:
    with database.snapshot() as session:
        return session.scalars(select(AuditEvent.id).order_by(AuditEvent.id)).all()[2]


def test_the_anchor_check_names_deleted_events_before_the_noted_one(database: Database) -> None:
    _add(database, 4)
    with database.snapshot() as session:
        head = audit_anchor.head_of(session)
    anchor = audit_anchor.Anchor(head, dt.datetime(2026, 1, 1, tzinfo=dt.UTC), "on paper")
    with database.session() as session:
        first = session.scalars(select(AuditEvent.id).order_by(AuditEvent.id)).first()
        session.execute(delete(AuditEvent).where(AuditEvent.id == first))
    with database.snapshot() as session:
        problem = audit_anchor.check_one(session, anchor)
    assert "3 events up to it are left: events before it were deleted" in problem
    assert audit.GENESIS_HASH not in problem
