"""Backing up and restoring as use cases, whole: copy, audit, move the audit anchor.

The window (ui/security/account_menus.py, ui/app.py) and the command line (commands/backup.py,
commands/restore.py) only ask and present; what a backup or a restore does, and who may do it,
is decided here once. These take the :class:`~clinic_app.db.Database` rather than a session:
the copy runs outside any transaction, then each step opens its own. Call them in a worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from clinic_app.config import photos_dir
from clinic_app.db import Database, migrate_to_head
from clinic_app.services import backup
from clinic_app.services.security import audit_anchor
from clinic_app.services.security.identity import Actor, admin_use_case

# Who the daily backup is in the audit trail: a job of the app, not a person's choice (it runs
# at the first start of the day, whoever signs in; docs/security.md).
DAILY_BACKUP_ACTOR = Actor("clinic-app:daily-backup")


@dataclass(frozen=True)
class BackedUp:
    """A backup written and audited, and what the audit anchor found (``anchor.ok``)."""

    info: backup.BackupInfo
    anchor: audit_anchor.AnchorCheck


def _sqlite_path(database: Database) -> Path:
    path = database.sqlite_path
    if path is None:
        raise backup.NotSQLiteError()
    return path


def _recorded(
    database: Database, actor: Actor, info: backup.BackupInfo, data_dir: Path
) -> BackedUp:
    with database.session() as session:
        backup.record_backup(session, actor, info)
    with database.snapshot() as session:  # after the commit: the anchor names what is there
        anchored = backup.note_audit_head(session, data_dir, database.url)
    return BackedUp(info, anchored)


@admin_use_case("manage_backups")
def back_up(database: Database, actor: Actor, destination: Path, data_dir: Path) -> BackedUp:
    """Copy the SQLite database and its photos (DATA_DIR/photos) to ``destination`` (checked,
    atomic), audit it as ``actor``'s export and note the audit trail's head. BackupError
    (NotSQLiteError on PostgreSQL)."""
    info = backup.backup(_sqlite_path(database), destination, photos_dir(data_dir))
    return _recorded(database, actor, info, data_dir)


def back_up_daily(database: Database, data_dir: Path) -> BackedUp | None:
    """The first start of a (local) day backs up to DATA_DIR/backups and keeps the newest N
    (the ``backups_kept`` setting); None when today's backup exists. No permission: the app's
    own job (:data:`DAILY_BACKUP_ACTOR`)."""
    from clinic_app.services.settings import app_settings

    db_path = _sqlite_path(database)
    with database.session() as session:
        keep = app_settings.get(session, app_settings.BACKUPS_KEPT)
    info = backup.daily_backup(
        db_path, backup.backup_dir(data_dir), keep, photos_dir=photos_dir(data_dir)
    )
    return None if info is None else _recorded(database, DAILY_BACKUP_ACTOR, info, data_dir)


@admin_use_case("manage_backups")
def restore(
    url: str,
    actor: Actor,
    backup_file: Path,
    db_path: Path,
    data_dir: Path,
    database: Database | None = None,
) -> backup.RestoreResult:
    """Replace the SQLite database at ``db_path`` (of ``url``) with ``backup_file`` after its
    checks, bring an older backup's schema up to date, audit the restore in the restored
    database and note its audit head afresh (the later events are gone on purpose).

    ``database``: the open one of the window (its connections stay usable); without it a
    connection is opened for the audit and closed. BackupError when nothing could be restored.
    """
    result = backup.restore(backup_file, db_path, data_dir)
    opened = database if database is not None else Database(url)  # opening migrates
    try:
        if database is not None:
            migrate_to_head(database.engine)
        with opened.session() as session:
            backup.record_restore(session, actor, result)
        with opened.snapshot() as session:
            audit_anchor.reset(session, data_dir, audit_anchor.database_key(url))
    finally:
        if database is None:
            opened.close()
    return result
