"""Backups of the SQLite database: consistent while writing, checked, rotated; restore checks the
file first, keeps a safety copy, and gives back exactly what was backed up."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from clinic_app.config import sqlite_url
from clinic_app.db import Database
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.models import AuditEvent, Patient
from clinic_app.services import backup
from clinic_app.services.backup import BackupError, BackupInvalidError
from clinic_app.services.patients import patients
from clinic_app.services.security import audit_trail, users
from clinic_app.services.security.identity import Actor


def _dump(path: Path) -> list[str]:
    """Every row of every table, as SQL text (the comparison of two databases)."""
    connection = sqlite3.connect(path)
    try:
        return [line for line in connection.iterdump() if not line.startswith("PRAGMA")]
    finally:
        connection.close()


def _add(database: Database, actor: Actor, first: int, count: int) -> None:
    with database.session() as session:
        for number in range(first, first + count):
            fields = PatientFields(
                "Zoë", f"O'Brien-{number}", dt.date(1970, 1, 1) + dt.timedelta(days=number)
            )
            patients.create(session, actor, fields, today=dt.date(2026, 1, 1))


@pytest.fixture
def filled(tmp_path: Path, actor: Actor) -> Database:
    database = Database(sqlite_url(tmp_path / "data" / "clinic.db"))
    _add(database, actor, 0, 20)
    with database.session() as session:
        users.add(session, actor, "maria", "administrator", "a passphrase 1")
    yield database  # type: ignore[misc]
    database.close()


def _db_path(database: Database) -> Path:
    path = database.sqlite_path
    assert path is not None
    return path


def test_backup_then_restore_gives_back_the_original(
    filled: Database, actor: Actor, tmp_path: Path
) -> None:
    db_path = _db_path(filled)
    filled.close()
    original = _dump(db_path)
    info = backup.backup(db_path, tmp_path / "copy.db")
    assert (info.patients, info.events) == (20, 21)
    assert (tmp_path / "copy.db.sha256").read_text().startswith(info.sha256)

    changed = Database(sqlite_url(db_path))
    _add(changed, actor, 100, 5)
    with changed.session() as session:
        session.delete(session.scalars(select(Patient)).first())
        session.execute(AuditEvent.__table__.delete().where(AuditEvent.id == 3))
    changed.close()
    assert _dump(db_path) != original

    result = backup.restore(tmp_path / "copy.db", db_path, tmp_path / "data")
    assert _dump(db_path) == original
    assert result.safety_copy is not None and result.safety_copy.is_file()
    assert len(_dump(result.safety_copy)) > len(original)  # the changed database, kept
    restored = Database(sqlite_url(db_path))
    try:
        with restored.session() as session:
            assert audit_trail.verify(session).ok
            backup.record_restore(session, actor, result)
        with restored.session() as session:
            assert audit_trail.verify(session).ok
    finally:
        restored.close()


def test_a_backup_taken_while_writing_is_consistent(
    filled: Database, actor: Actor, tmp_path: Path
) -> None:
    """Every patient in the copy has its audit event: the copy is one moment, not a mixture."""
    stop = threading.Event()

    def write() -> None:
        number = 1000
        while not stop.is_set():
            _add(filled, actor, number, 1)
            number += 1

    writer = threading.Thread(target=write)
    writer.start()
    try:
        copies = [backup.backup(_db_path(filled), tmp_path / f"b{n}.db") for n in range(3)]
    finally:
        stop.set()
        writer.join(30)
    for info in copies:
        copy = sqlite3.connect(info.path)
        created = copy.execute(
            "SELECT count(*) FROM audit_events WHERE action='create' AND entity_type='patient'"
        ).fetchone()[0]
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT count(*) FROM patients").fetchone()[0] == created
        copy.close()
        assert info.patients >= 20


def test_daily_backup_once_a_day_keeping_the_newest(filled: Database, tmp_path: Path) -> None:
    folder = tmp_path / "data" / "backups"
    manual = backup.backup(_db_path(filled), backup.new_backup_path(folder)).path
    day = dt.datetime(2026, 11, 1, 8, 0).astimezone()
    made = []
    for offset in range(5):
        when = day + dt.timedelta(days=offset)
        info = backup.daily_backup(_db_path(filled), folder, keep=3, now=when)
        assert info is not None
        made.append(info.path)
        again = when + dt.timedelta(hours=6)
        assert backup.daily_backup(_db_path(filled), folder, keep=3, now=again) is None
    assert backup.automatic_backups(folder) == made[-3:]
    assert not any(Path(f"{path}.sha256").exists() for path in made[:2])
    assert manual.is_file()  # manual backups are never rotated away


@pytest.mark.parametrize(
    "damage,message",
    [
        (lambda p: p.write_bytes(b"not a database at all" * 100), "not an SQLite database"),
        (lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 3]), "damaged"),
        (
            lambda p: _corrupt_middle(p),
            "damaged",
        ),
    ],
    ids=["other-file", "truncated", "corrupt-page"],
)
def test_a_damaged_backup_is_refused_and_nothing_changes(
    filled: Database, tmp_path: Path, damage, message: str
) -> None:  # type: ignore[no-untyped-def]
    db_path = _db_path(filled)
    copy = backup.backup(db_path, tmp_path / "copy.db").path
    (tmp_path / "copy.db.sha256").unlink()  # so that the database checks themselves are seen
    damage(copy)
    filled.close()
    before = _dump(db_path)
    with pytest.raises(BackupInvalidError, match=message):
        backup.restore(copy, db_path, tmp_path / "data")
    assert _dump(db_path) == before
    assert not (tmp_path / "data" / "backups" / "before-restore").exists()


def _corrupt_middle(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(2 * page + 100, min(len(data), 6 * page), 7):
        data[offset] = 0xA5
    path.write_bytes(bytes(data))


def test_a_changed_backup_is_caught_by_its_checksum(filled: Database, tmp_path: Path) -> None:
    copy = backup.backup(_db_path(filled), tmp_path / "copy.db").path
    connection = sqlite3.connect(copy)
    connection.execute("UPDATE patients SET last_name = 'Forged'")
    connection.commit()
    connection.close()
    with pytest.raises(BackupInvalidError, match="no longer matches the checksum"):
        backup.inspect(copy)


def test_a_backup_of_another_database_or_a_newer_app_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE notes (id INTEGER)")
    connection.commit()
    connection.close()
    with pytest.raises(BackupInvalidError, match="not a clinic-app database"):
        backup.inspect(other)
    newer = tmp_path / "newer.db"
    Database(sqlite_url(newer)).close()
    connection = sqlite3.connect(newer)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    with pytest.raises(BackupInvalidError, match="newer version of clinic-app"):
        backup.inspect(newer)
    with pytest.raises(BackupInvalidError, match="no backup file"):
        backup.inspect(tmp_path / "missing.db")


def test_restore_replaces_a_damaged_database(filled: Database, tmp_path: Path) -> None:
    db_path = _db_path(filled)
    copy = backup.backup(db_path, tmp_path / "copy.db").path
    filled.close()
    expected = _dump(copy)
    db_path.write_bytes(b"\x00garbage" * 1000)
    assert not backup.is_healthy(db_path)
    result = backup.restore(copy, db_path, tmp_path / "data")
    assert result.safety_copy is not None
    assert result.safety_copy.read_bytes().startswith(b"\x00garbage")  # kept for a specialist
    assert _dump(db_path) == expected


def test_backup_refuses_what_it_cannot_do(filled: Database, tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="no database"):
        backup.backup(tmp_path / "nothing.db", tmp_path / "copy.db")
    with pytest.raises(BackupError, match="cannot overwrite the database itself"):
        backup.backup(_db_path(filled), _db_path(filled))
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(BackupError, match="is a file, not a folder"):
        backup.backup(_db_path(filled), blocker / "copy.db")
    assert not list(tmp_path.glob("**/*.partial"))


def test_latest_backup_ignores_safety_copies(filled: Database, tmp_path: Path) -> None:
    folder = tmp_path / "data" / "backups"
    assert backup.latest_backup(folder) is None
    first = backup.backup(_db_path(filled), backup.new_backup_path(folder)).path
    backup.restore(first, _db_path(filled), tmp_path / "data")
    assert backup.latest_backup(folder) == first


def test_a_backup_of_this_version_is_checked_without_alembic(tmp_path: Path) -> None:
    # Alembic's reading of the scripts (with Mako and Pygments) kept some 12 MB in memory after
    # every backup; a backup at this version's own revision needs none of it.
    import subprocess
    import sys

    path = tmp_path / "clinic.db"
    Database(sqlite_url(path)).close()
    script = (
        "import sys\n"
        "from clinic_app.services import backup\n"
        f"info = backup.inspect({str(path)!r})\n"
        "print(info.revision, 'alembic' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    from clinic_app.migrations import HEAD_REVISION

    assert done.stdout.split() == [HEAD_REVISION, "False"]
