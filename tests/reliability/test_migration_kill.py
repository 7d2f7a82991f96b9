"""kill -9 while an existing database is upgraded from the first schema to head: whatever the
moment, the database opens again afterwards (the next start finishes the upgrade), keeps every
row and a valid audit trail. The upgrade is one transaction, and a copy of the database is
taken before it starts."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from kill_loop import rounds, run_writer, timed_run
from test_migrations_data import EVENTS, PATIENT_COLUMNS, _table, seed_0001

from clinic_app.config import sqlite_url
from clinic_app.db import Database, alembic_config, create_app_engine, stored_revisions
from clinic_app.migrations import HEAD_REVISION
from clinic_app.services import backup
from clinic_app.services.security import audit_trail

EXTRA_PATIENTS = 2000  # enough rows that the upgrade takes a while to kill into
EXTRA_EVENTS = 8000


def _seed_more(connection: sa.Connection) -> None:
    now = dt.datetime(2025, 4, 1, tzinfo=dt.UTC)
    connection.execute(
        sa.insert(_table("patients", *PATIENT_COLUMNS)),
        [
            dict.fromkeys(PATIENT_COLUMNS, "")
            | {
                "id": number,
                "first_name": "Ana",
                "last_name": f"Old{number}",
                "date_of_birth": dt.date(1950, 1, 1) + dt.timedelta(days=number),
                "sort_key": f"old{number} ana",
                "search_key": f"ana old{number}",
                "created_at": now,
                "updated_at": now,
                "version": 1,
            }
            for number in range(1000, 1000 + EXTRA_PATIENTS)
        ],
    )
    connection.execute(
        sa.insert(
            _table(
                "audit_events",
                "occurred_at",
                "user_id",
                "actor",
                "action",
                "entity_type",
                "entity_id",
                "summary",
            )
        ),
        [
            {
                "occurred_at": now + dt.timedelta(seconds=n),
                "user_id": None,
                "actor": "os:old",
                "action": "view",
                "entity_type": "patient",
                "entity_id": 1000 + n % EXTRA_PATIENTS,
                "summary": "patient opened",
            }
            for n in range(EXTRA_EVENTS)
        ],
    )


@pytest.fixture(scope="module")
def database_at_0001(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file at schema 0001 holding thousands of patients and events."""
    path = tmp_path_factory.mktemp("at_0001") / "clinic.db"
    engine = create_app_engine(sqlite_url(path))
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0001")
        with engine.begin() as connection:
            seed_0001(connection)
            _seed_more(connection)
    finally:
        engine.dispose()
    return path


def _fresh_copy(template: Path, folder: Path) -> Path:
    folder.mkdir(parents=True)
    target = folder / template.name
    shutil.copyfile(template, target)
    return target


def _opens_whole(path: Path, *, or_empty: bool = False) -> None:
    """The database opens (finishing the upgrade), at head, with every row and a valid trail
    (or, with ``or_empty``, as the empty database it was before a restore)."""
    database = Database(sqlite_url(path))
    try:
        with database.reading() as reader:
            assert stored_revisions(reader) == {HEAD_REVISION}
            patients = reader.scalar(sa.text("SELECT count(*) FROM patients"))
            assert patients == 30 + EXTRA_PATIENTS or (or_empty and patients == 0)
        with database.session() as session:
            result = audit_trail.verify(session)
        assert result.ok, result.message
        assert result.checked >= EVENTS + EXTRA_EVENTS or (or_empty and patients == 0)
    finally:
        database.close()


def test_an_upgrade_keeps_a_copy_of_the_database_as_it_was(
    database_at_0001: Path, tmp_path: Path
) -> None:
    path = _fresh_copy(database_at_0001, tmp_path / "data")
    _opens_whole(path)
    copies = sorted((path.parent / "backups" / "before-upgrade").glob("*.db"))
    assert [copy.name[: len("clinic-before-upgrade-0001-")] for copy in copies] == [
        "clinic-before-upgrade-0001-"
    ]
    info = backup.inspect(copies[0])
    assert info.revision == "0001"
    assert info.patients == 30 + EXTRA_PATIENTS
    assert info.events == EVENTS + EXTRA_EVENTS
    _opens_whole(path)  # already at head: no second copy
    assert len(list((path.parent / "backups" / "before-upgrade").glob("*.db"))) == 1


def test_kill_9_during_the_upgrade_never_leaves_an_unopenable_database(
    database_at_0001: Path, tmp_path: Path
) -> None:
    trial = _fresh_copy(database_at_0001, tmp_path / "timing")
    duration = timed_run([sqlite_url(trial), "open", "-"], "opening", "opened")
    chance = random.Random(20)
    tried = rounds(3)
    unopenable: list[str] = []
    for number in range(tried):
        path = _fresh_copy(database_at_0001, tmp_path / f"round{number}")
        delay = (number + chance.random()) / tried * duration  # spread over the whole upgrade
        run_writer([sqlite_url(path), "open", "-"], "opening", delay)
        try:
            _opens_whole(path)
        except Exception as exc:  # any failure to open again is what this loop counts
            unopenable.append(f"kill after {delay:.2f} s: {type(exc).__name__}: {exc}")
    print(f"\nmigration 0001 -> head, kill -9: {tried} tried, {len(unopenable)} unopenable")
    assert not unopenable, "\n".join(unopenable)


def test_kill_9_while_restoring_an_older_backup_never_leaves_an_unopenable_database(
    database_at_0001: Path, tmp_path: Path
) -> None:
    """The restore copies the old backup in, then the upgrade runs: killed anywhere in both."""
    tried = rounds(2)
    chance = random.Random(21)
    trial = tmp_path / "timing" / "clinic.db"
    Database(sqlite_url(trial)).close()
    duration = timed_run(
        [sqlite_url(trial), "restore", str(database_at_0001)], "restoring", "restored"
    )
    unopenable: list[str] = []
    for number in range(tried):
        path = tmp_path / f"round{number}" / "clinic.db"
        Database(sqlite_url(path)).close()  # the clinic's present (empty) database
        delay = (number + chance.random()) / tried * duration
        run_writer([sqlite_url(path), "restore", str(database_at_0001)], "restoring", delay)
        try:
            _opens_whole(path, or_empty=True)
        except Exception as exc:  # any failure to open again is what this loop counts
            unopenable.append(f"kill after {delay:.2f} s: {type(exc).__name__}: {exc}")
    print(f"\nrestore of a 0001 backup, kill -9: {tried} tried, {len(unopenable)} unopenable")
    assert not unopenable, "\n".join(unopenable)
