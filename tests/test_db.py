"""The engine: SQLite pragmas in force, password-free descriptions, clear errors."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from clinic_app.config import sqlite_url
from clinic_app.db import (
    SQLITE_BUSY_TIMEOUT_MS,
    Database,
    DatabaseUnavailableError,
    alembic_config,
    create_app_engine,
    current_revision,
    describe_url,
    head_revision,
    is_at_head,
    stored_revisions,
)
from clinic_app.migrations import HEAD_REVISION
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


def test_head_revision_constant_names_the_newest_migration() -> None:
    """The everyday start trusts HEAD_REVISION instead of asking Alembic (clinic_app.db)."""
    assert head_revision() == HEAD_REVISION, (
        "a migration was added: set clinic_app.migrations.HEAD_REVISION to its revision"
    )


def test_the_version_check_reads_the_revision_with_plain_sql(database: Database) -> None:
    with database.engine.connect() as connection:
        assert stored_revisions(connection) == {HEAD_REVISION}
    assert is_at_head(database.engine)


def test_a_database_never_migrated_is_not_at_head(tmp_path: Path) -> None:
    engine = create_app_engine(sqlite_url(tmp_path / "empty.db"))
    try:
        with engine.connect() as connection:
            assert stored_revisions(connection) == set()
        assert not is_at_head(engine)
    finally:
        engine.dispose()


def test_an_older_database_is_migrated_when_opened(tmp_path: Path) -> None:
    from alembic import command

    url = sqlite_url(tmp_path / "old.db")
    engine = create_app_engine(url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0001")
    assert not is_at_head(engine)
    Database(url).close()
    assert current_revision(engine) == HEAD_REVISION
    engine.dispose()


def test_opening_a_database_at_head_does_not_import_alembic(
    database: Database, tmp_path: Path
) -> None:
    # A fresh interpreter, run outside the source tree (which would shadow an installed package).
    script = (
        "import sys\n"
        "from clinic_app.db import Database\n"
        "Database(sys.argv[1]).close()\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'alembic', 'mako'}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, database.url],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.strip() == "[]"


def test_instants_come_back_timezone_aware_utc(database: Database, actor) -> None:
    from clinic_app.domain.patient_rules import PatientFields
    from clinic_app.services.patients import patients

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


def test_connections_are_kept_ready_on_a_server_not_on_sqlite(database: Database) -> None:
    """A server connection costs a round trip and its authentication; the start opens a few in
    a worker so that the UI thread's short reads find one idle (clinic_app.ui.app.start)."""
    database.engine.dispose()  # none open yet
    opened = database.open_idle_connections(3)
    if database.engine.dialect.name == "sqlite":
        assert opened == 0
        return
    assert opened == 3
    assert database.engine.pool.checkedin() == 3  # type: ignore[attr-defined]
    with database.reading() as reader:  # one of them, not a new one
        reader.exec_driver_sql("SELECT 1")
    assert database.engine.pool.checkedin() == 3  # type: ignore[attr-defined]
