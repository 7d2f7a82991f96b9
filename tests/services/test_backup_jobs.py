"""Backing up and restoring as whole use cases (services/backup_jobs.py): the copy, its audit
event and the audit anchor, the same for the window and the command line (issue 18)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from clinic_app.config import sqlite_url
from clinic_app.db import Database
from clinic_app.models import AuditEvent
from clinic_app.services import backup, backup_jobs
from clinic_app.services.security import audit_anchor, audit_trail
from clinic_app.services.security.identity import Actor


@pytest.fixture
def live(tmp_path: Path) -> Database:
    database = Database(sqlite_url(tmp_path / "data" / "clinic.db"))
    yield database  # type: ignore[misc]
    database.close()


def _actions(database: Database) -> list[tuple[str, str]]:
    with database.session() as session:
        rows = session.execute(select(AuditEvent.actor, AuditEvent.action).order_by(AuditEvent.id))
        return [(actor, action) for actor, action in rows]


def test_back_up_then_restore_each_audited_and_anchored(live: Database, tmp_path: Path) -> None:
    admin = Actor("ana", None, "administrator")
    data_dir = tmp_path / "data"
    done = backup_jobs.back_up(live, admin, tmp_path / "copy.db", data_dir)
    assert done.anchor.ok and done.info.path.is_file()
    assert _actions(live)[-1] == ("ana", "export")
    with live.snapshot() as session:
        assert audit_anchor.check(session, data_dir, audit_anchor.database_key(live.url)).ok

    db_path = live.sqlite_path
    assert db_path is not None
    result = backup_jobs.restore(live.url, admin, done.info.path, db_path, data_dir, live)
    assert result.safety_copy is not None and result.safety_copy.is_file()
    assert _actions(live)[-1] == ("ana", "restore")
    with live.snapshot() as session:
        assert audit_trail.verify(session).ok
        assert audit_anchor.check(session, data_dir, audit_anchor.database_key(live.url)).ok


def test_the_daily_backup_is_the_apps_own_job_once_a_day(live: Database, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    first = backup_jobs.back_up_daily(live, data_dir)
    assert first is not None and first.info.path.parent == backup.backup_dir(data_dir)
    assert _actions(live)[-1] == (backup_jobs.DAILY_BACKUP_ACTOR.name, "export")
    assert backup_jobs.back_up_daily(live, data_dir) is None


def test_postgresql_is_told_to_use_pg_dump(postgres_url: str, tmp_path: Path) -> None:
    database = Database(postgres_url)
    try:
        with pytest.raises(backup.NotSQLiteError, match="pg_dump"):
            backup_jobs.back_up(database, Actor.from_os(), tmp_path / "x.db", tmp_path)
    finally:
        database.close()
