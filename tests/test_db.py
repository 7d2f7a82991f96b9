"""The engine: SQLite pragmas in force, password-free descriptions, clear errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import text

from clinic_app.config import sqlite_url
from clinic_app.db import (
    SQLITE_BUSY_TIMEOUT_MS,
    Database,
    DatabaseUnavailableError,
    current_revision,
    describe_url,
    head_revision,
)
from clinic_app.models import Patient


def test_sqlite_pragmas_are_in_force_on_every_connection(sqlite_database: Database) -> None:
    # Two connections at once: each new connection gets the pragmas, not just the first.
    with sqlite_database.engine.connect() as one, sqlite_database.engine.connect() as two:
        for connection in (one, two):
            assert connection.scalar(text("PRAGMA journal_mode")) == "wal"
            assert connection.scalar(text("PRAGMA foreign_keys")) == 1
            assert connection.scalar(text("PRAGMA busy_timeout")) == SQLITE_BUSY_TIMEOUT_MS
            assert connection.scalar(text("PRAGMA synchronous")) == 2  # FULL


def test_sqlite_foreign_keys_are_enforced(sqlite_database: Database) -> None:
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), sqlite_database.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO consultations (patient_id, status, answers, not_candidate_reason,"
                " started_at, updated_at, version) VALUES (999, 'draft', '{}', '', :now, :now, 1)"
            ),
            {"now": dt.datetime(2026, 1, 1)},
        )


def test_database_is_migrated_to_head(database: Database) -> None:
    assert current_revision(database.engine) == head_revision()
    # Opening it again is harmless.
    Database(database.url).close()
    assert current_revision(database.engine) == head_revision()


def test_instants_come_back_timezone_aware_utc(database: Database, actor) -> None:
    from clinic_app.domain.patient_rules import PatientFields
    from clinic_app.services import patients

    paris = dt.timezone(dt.timedelta(hours=2))
    with database.session() as session:
        patient = patients.create(
            session,
            actor,
            PatientFields("Ana", "Lopez", dt.date(1980, 1, 1)),
            today=dt.date(2026, 1, 1),
        )
        patient.archived_at = dt.datetime(2026, 6, 1, 14, 0, tzinfo=paris)
        patient_id = patient.id
    with database.session() as session:
        stored = session.get(Patient, patient_id)
        assert stored is not None
        assert stored.archived_at == dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
        assert stored.archived_at.utcoffset() == dt.timedelta(0)


def test_sqlite_file_and_its_folder_are_created(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "clinic.db"
    database = Database(sqlite_url(path))
    database.close()
    assert path.is_file()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite:////var/lib/clinic/clinic.db", "SQLite: /var/lib/clinic/clinic.db"),
        (
            "postgresql+psycopg://clinic:s3cr3t@db.local:5433/clinic",
            "PostgreSQL: clinic@db.local:5433/clinic",
        ),
        (
            "postgresql+psycopg://clinic:s3cr3t@db.local/clinic",
            "PostgreSQL: clinic@db.local/clinic",
        ),
        ("postgresql+psycopg:///clinic", "PostgreSQL: localhost/clinic"),
    ],
)
def test_describe_url_never_shows_the_password(url: str, expected: str) -> None:
    assert describe_url(url) == expected
    assert "s3cr3t" not in describe_url(url)


def test_unreachable_server_gives_a_clear_error_without_the_password() -> None:
    with pytest.raises(DatabaseUnavailableError) as caught:
        Database("postgresql+psycopg://clinic:s3cr3t@127.0.0.1:1/clinic")
    message = str(caught.value)
    assert message.startswith("Cannot open PostgreSQL: clinic@127.0.0.1:1/clinic")
    assert "s3cr3t" not in message


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("not a url", "is not a database URL"),
        ("mysql2000://clinic:s3cr3t@server/clinic", "asks for mysql2000"),
        ("mysql://clinic:s3cr3t@server/clinic", "asks for mysql"),
        ("postgresql+asyncpg://clinic:s3cr3t@server/clinic", "asks for postgresql+asyncpg"),
    ],
)
def test_unusable_url_gives_a_clear_error_without_the_password(url: str, says: str) -> None:
    with pytest.raises(DatabaseUnavailableError) as caught:
        Database(url)
    message = str(caught.value)
    assert says in message and "postgresql://" in message
    assert "s3cr3t" not in message


def test_unwritable_data_folder_gives_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(DatabaseUnavailableError, match=r"Cannot create the data folder"):
        Database(sqlite_url(blocker / "sub" / "clinic.db"))
