"""Clear messages for what goes wrong with a database file: locked by another program (retried
first), damaged, read-only, a data folder that cannot exist, a full disk. Nothing already
committed is lost in any of them."""

from __future__ import annotations

import datetime as dt
import errno
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event, func, select

from clinic_app import db
from clinic_app.config import sqlite_url
from clinic_app.db import (
    Database,
    DatabaseBusyError,
    DatabaseCorruptError,
    DatabaseFullError,
    DatabaseReadOnlyError,
    DatabaseUnavailableError,
)
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.models import Patient
from clinic_app.services.patients import patients
from clinic_app.services.safe_files import FileSaveError, describe_os_error, write_atomically
from clinic_app.services.security.identity import Actor


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """Wait 0.2 s for a lock instead of 5 s, to keep the suite fast."""
    monkeypatch.setattr(db, "SQLITE_BUSY_TIMEOUT_MS", 200)


def _create(database: Database, actor: Actor, number: int) -> int:
    with database.session() as session:
        fields = PatientFields("Ana", f"Lopez{number}", dt.date(1980, 1, 1))
        return patients.create(session, actor, fields, today=dt.date(2026, 1, 1)).id


def _lock(path: Path) -> sqlite3.Connection:
    """Another program holding the write lock (as a sync tool or a second app would)."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    return other


@pytest.mark.usefixtures("short_busy_timeout")
def test_a_save_into_a_locked_database_says_so_and_keeps_everything(
    tmp_path: Path, actor: Actor
) -> None:
    database = Database(sqlite_url(tmp_path / "clinic.db"))
    _create(database, actor, 1)
    other = _lock(tmp_path / "clinic.db")
    try:
        with pytest.raises(DatabaseBusyError) as caught:
            _create(database, actor, 2)
        assert "locked by another program" in str(caught.value)
        assert "what you typed is still there" in str(caught.value)
    finally:
        other.rollback()
        other.close()
    _create(database, actor, 3)  # the lock is gone: saving works again
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Patient)) == 2
    database.close()


@pytest.mark.usefixtures("short_busy_timeout")
def test_opening_a_locked_database_is_retried_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "clinic.db"
    other = _lock(path)  # a brand-new file being written by someone else: migrating must wait
    other.execute("CREATE TABLE scratch (id INTEGER)")
    messages: list[str] = []

    def on_wait(message: str) -> None:
        messages.append(message)
        other.rollback()  # the other program finishes while we wait

    database = Database(sqlite_url(path), on_wait=on_wait)
    database.close()
    other.close()
    assert messages == ["The database is locked by another program; waiting (attempt 2 of 3)…"]


@pytest.mark.usefixtures("short_busy_timeout")
def test_a_database_locked_for_good_gives_up_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "clinic.db"
    other = _lock(path)
    other.execute("CREATE TABLE scratch (id INTEGER)")
    messages: list[str] = []
    try:
        with pytest.raises(DatabaseBusyError, match="locked by another program"):
            Database(sqlite_url(path), on_wait=messages.append)
    finally:
        other.rollback()
        other.close()
    assert len(messages) == db.OPEN_ATTEMPTS - 1


def test_a_damaged_file_is_named_with_the_way_out(tmp_path: Path) -> None:
    path = tmp_path / "clinic.db"
    path.write_bytes(b"this is not a database, it was overwritten" * 200)
    with pytest.raises(DatabaseCorruptError) as caught:
        Database(sqlite_url(path))
    assert caught.value.path == path.resolve()
    assert "is damaged" in str(caught.value)
    assert "clinic-app restore" in str(caught.value)


def test_a_read_only_database_says_so(tmp_path: Path, actor: Actor) -> None:
    path = tmp_path / "clinic.db"
    Database(sqlite_url(path)).close()
    read_only = Database(f"sqlite:///file:{path}?mode=ro&uri=true", migrate=False)
    try:
        with pytest.raises(DatabaseReadOnlyError, match="cannot be written"):
            _create(read_only, actor, 1)
    finally:
        read_only.close()


def test_a_data_folder_that_cannot_exist_is_explained(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(DatabaseUnavailableError, match="Cannot create the data folder"):
        Database(sqlite_url(blocker / "data" / "clinic.db"))


def test_a_full_disk_refuses_the_save_and_keeps_what_was_saved(
    tmp_path: Path, actor: Actor
) -> None:
    """SQLite's own 'database or disk is full', reached through a page limit."""
    database = Database(sqlite_url(tmp_path / "clinic.db"))
    first = _create(database, actor, 0)
    with database.session() as session:
        pages = session.connection().exec_driver_sql("PRAGMA page_count").scalar()
    database.engine.dispose()
    event.listen(
        database.engine,
        "connect",
        lambda connection, _record: connection.execute(f"PRAGMA max_page_count = {pages + 1}"),
    )
    with (
        pytest.raises(DatabaseFullError, match=r"disk holding .* is full") as caught,
        database.session() as session,
    ):
        for number in range(1, 400):
            fields = PatientFields("Ana", f"Lopez{number}", dt.date(1980, 1, 1), notes="x" * 900)
            patients.create(session, actor, fields, today=dt.date(2026, 1, 1))
    assert "what you typed is still there" in str(caught.value)
    with database.session() as session:
        assert session.scalars(select(Patient.id)).all() == [first]
    database.close()


def test_a_file_is_written_whole_or_not_at_all(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "handout.pdf"
    write_atomically(target, b"%PDF-first")
    assert target.read_bytes() == b"%PDF-first"

    def full(_descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("clinic_app.storage.os.fsync", full)
    with pytest.raises(FileSaveError, match="is full, so saving the PDF failed"):
        write_atomically(target, b"%PDF-second", "saving the PDF")
    assert target.read_bytes() == b"%PDF-first"  # the earlier file is untouched
    assert [p.name for p in tmp_path.iterdir()] == ["handout.pdf"]


@pytest.mark.parametrize(
    "code,words",
    [
        (errno.ENOSPC, "is full"),
        (errno.EROFS, "read-only disk"),
        (errno.EACCES, "may not write"),
        (errno.ENOENT, "does not exist"),
        (errno.EIO, "failed at"),
    ],
)
def test_file_errors_read_as_sentences(code: int, words: str) -> None:
    message = describe_os_error(OSError(code, "x"), Path("/clinic/out.pdf"), "saving the PDF")
    assert words in message
