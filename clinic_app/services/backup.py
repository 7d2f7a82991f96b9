"""Backups of the embedded SQLite database, and restoring one.

A backup is made with SQLite's online backup API (a consistent copy even while the app writes),
checked with ``PRAGMA integrity_check``, written privately (0600) under a temporary name,
fsynced and renamed, with its SHA-256 in a ``.sha256`` file beside it (clinic_app.storage).
Restoring checks the file first (services/backup_check.py: integrity, our tables, a schema
revision this version knows; read in place, never copied), keeps a safety copy of the current
database (its files as they are first, so a damaged one keeps its -wal/-shm), then copies the
backup in. PostgreSQL databases
are backed up with pg_dump (docs/backups.md).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import re
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from clinic_app import storage
from clinic_app.config import photos_dir as data_photos_dir
from clinic_app.db import SQLITE_BUSY_TIMEOUT_MS, UPGRADE_COPIES
from clinic_app.services import backup_photos
from clinic_app.services.backup_check import BackupError as BackupError
from clinic_app.services.backup_check import BackupInfo as BackupInfo
from clinic_app.services.backup_check import BackupInvalidError as BackupInvalidError
from clinic_app.services.backup_check import inspect as inspect
from clinic_app.services.backup_check import sha256_of as sha256_of
from clinic_app.services.safe_files import describe_os_error
from clinic_app.services.security import audit, audit_anchor
from clinic_app.services.security.identity import Actor

BACKUP_DIRNAME = "backups"
SAFETY_DIRNAME = "before-restore"
AUTO_PREFIX = "clinic-auto-"
MANUAL_PREFIX = "clinic-"
SUFFIX = ".db"
_STAMP = re.compile(r"(\d{4}-\d{2}-\d{2})-\d{6}")
PG_ADVICE = (
    "This database is on a PostgreSQL server; back it up there with pg_dump, e.g.\n"
    "  pg_dump --format=custom --file=clinic-$(date +%F).dump 'postgresql://USER@SERVER/DB'\n"
    "and restore with pg_restore, e.g.\n"
    "  pg_restore --clean --if-exists --no-owner --dbname='postgresql://USER@SERVER/DB' FILE\n"
    "(see docs/backups.md)."
)


class NotSQLiteError(BackupError):
    """The database is on PostgreSQL: use pg_dump / pg_restore."""

    def __init__(self) -> None:
        super().__init__(PG_ADVICE)


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did: the backup it restored and where the previous database was kept."""

    restored: BackupInfo
    safety_copy: Path | None
    photos_written: int = 0  # photo files written back to DATA_DIR/photos


def backup_dir(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUP_DIRNAME


def new_backup_path(
    folder: Path, *, automatic: bool = False, now: dt.datetime | None = None
) -> Path:
    """E.g. backups/clinic-2026-11-22-083015.db (local time; automatic ones say 'auto')."""
    stamp = (now or dt.datetime.now().astimezone()).strftime("%Y-%m-%d-%H%M%S")
    path = Path(folder) / f"{AUTO_PREFIX if automatic else MANUAL_PREFIX}{stamp}{SUFFIX}"
    counter = 1
    while path.exists():
        path = path.with_name(f"{path.stem.split('_')[0]}_{counter}{SUFFIX}")
        counter += 1
    return path


_sidecar = storage.checksum_sidecar
# The app's own backup folders: made 0700 even when an earlier version made them 0755.
_APP_FOLDERS = (BACKUP_DIRNAME, SAFETY_DIRNAME, UPGRADE_COPIES.name)


@contextlib.contextmanager
def _connect(path: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(str(path), timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
    try:
        yield connection
    finally:
        connection.close()


def _prepare_folder(folder: Path) -> None:
    """Create ``folder`` (0700), narrow the app's own backup folders, and remove the partial
    backups a process killed while writing one left there an hour or more ago."""
    storage.make_private_dir(folder, narrow=folder.name in _APP_FOLDERS)
    storage.remove_stale_partials(folder, prefix=f".{MANUAL_PREFIX}")


# Making backups ------------------------------------------------------------------------------


def backup(db_path: Path, destination: Path, photos_dir: Path | None = None) -> BackupInfo:
    """Copy the live database ``db_path`` to ``destination`` (consistent, checked, atomic).

    With ``photos_dir`` (DATA_DIR/photos) the photos the database names go into the copy too
    (services/backup_photos.py); the info names any whose file was missing."""
    db_path, destination = Path(db_path), Path(destination)
    if not db_path.is_file():
        raise BackupError(f"There is no database at {db_path} to back up.")
    if destination.resolve() == db_path.resolve():
        raise BackupError("A backup cannot overwrite the database itself; choose another file.")
    packed: list[backup_photos.PackedPhotos] = []

    def with_photos(copy: sqlite3.Connection) -> None:
        if photos_dir is not None:
            packed.append(backup_photos.pack(copy, photos_dir))

    try:
        _prepare_folder(destination.parent)
        storage.online_copy(
            db_path, destination, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000, fill=with_photos
        )
    except storage.DamagedCopyError as exc:
        raise BackupError(
            f"The database {db_path} has errors ({exc}); no backup was written over good "
            "ones. Restore the latest backup, or ask your administrator."
        ) from exc
    except sqlite3.Error as exc:
        raise BackupError(f"The backup of {db_path} failed: {exc}.") from exc
    except OSError as exc:
        raise BackupError(describe_os_error(exc, destination, "writing the backup")) from exc
    info = inspect(destination)
    if packed and packed[0].missing:
        info = dataclasses.replace(info, photos_missing=packed[0].missing)
    if (head := info.audit_head) is not None:
        try:
            audit_anchor.note_beside_backup(destination, head)
        except OSError as exc:
            raise BackupError(
                describe_os_error(exc, destination, "noting the audit trail's head")
            ) from exc
    return info


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def automatic_backups(folder: Path) -> list[Path]:
    """The automatic backups in ``folder``, oldest first."""
    return sorted(Path(folder).glob(f"{AUTO_PREFIX}*{SUFFIX}"))


def prune(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` automatic backups (manual ones are never deleted)."""
    removed = []
    for old in automatic_backups(folder)[: -keep or None] if keep > 0 else []:
        _remove_quietly(old)
        _remove_quietly(_sidecar(old))
        _remove_quietly(audit_anchor.backup_sidecar(old))
        removed.append(old)
    return removed


def daily_backup(
    db_path: Path,
    folder: Path,
    keep: int,
    now: dt.datetime | None = None,
    photos_dir: Path | None = None,
) -> BackupInfo | None:
    """The first start of a (local) day backs up and prunes; later starts do nothing (None)."""
    now = now or dt.datetime.now().astimezone()
    today = now.strftime("%Y-%m-%d")
    with contextlib.suppress(OSError):
        _prepare_folder(Path(folder))  # leftovers go even on a day that has its backup
    if any(
        (match := _STAMP.search(path.name)) and match.group(1) == today
        for path in automatic_backups(folder)
    ):
        return None
    info = backup(db_path, new_backup_path(folder, automatic=True, now=now), photos_dir)
    prune(folder, keep)
    return info


def record_backup(session: Session, actor: Actor, info: BackupInfo) -> None:
    """Audit a backup (an export of every record) in the live database."""
    audit.record(session, actor, "export", "database", None, f"backup written: {info.path.name}")


def note_audit_head(session: Session, data_dir: Path, url: str) -> audit_anchor.AnchorCheck:
    """After a backup was recorded (committed): move the audit anchor outside the database
    forward, if the trail still matches it (a snapshot session is enough)."""
    return audit_anchor.advance(session, data_dir, audit_anchor.database_key(url))


def latest_backup(folder: Path) -> Path | None:
    """The newest backup (automatic or manual) in ``folder``, or None."""
    candidates = [p for p in Path(folder).glob(f"{MANUAL_PREFIX}*{SUFFIX}") if p.is_file()]
    return max(candidates, key=lambda p: p.stat().st_mtime, default=None)


# Restoring -----------------------------------------------------------------------------------


def is_healthy(db_path: Path) -> bool:
    """Whether the SQLite file opens and passes a quick check."""
    try:
        with _connect(db_path) as connection:
            return [row[0] for row in connection.execute("PRAGMA quick_check")] == ["ok"]
    except sqlite3.Error:
        return False


def _private_copy(source: Path, target: Path) -> None:
    """Copy the bytes of ``source`` to a new 0600 file ``target``, on disk when this returns."""
    with open(source, "rb") as reader, os.fdopen(storage.create_private_file(target), "wb") as out:
        shutil.copyfileobj(reader, out, 1 << 20)
        out.flush()
        os.fsync(out.fileno())


def _safety_copy(db_path: Path, folder: Path) -> Path | None:
    if not db_path.exists():
        return None
    _prepare_folder(folder)
    target = new_backup_path(folder)
    target = target.with_name(target.name.replace(MANUAL_PREFIX, "clinic-before-restore-", 1))
    # The files as they are, first: checking the database opens it, and the last connection to
    # close writes its -wal into it and deletes the -wal and -shm. A damaged database is kept
    # so, with its journal files beside it, for a specialist.
    journals = []
    for suffix in ("", "-wal", "-shm"):
        source = db_path.with_name(db_path.name + suffix)
        if source.exists():
            _private_copy(source, target.with_name(target.name + suffix))
            if suffix:
                journals.append(target.with_name(target.name + suffix))
    if is_healthy(db_path):
        try:
            backup(db_path, target)  # a consistent, checked copy in place of the raw files
        except BackupError:
            return target
        for journal in journals:
            _remove_quietly(journal)
    storage.fsync_directory(folder)
    return target


def restore(backup_file: Path, db_path: Path, data_dir: Path) -> RestoreResult:
    """Replace the database at ``db_path`` with ``backup_file`` after checking it.

    The current database is first copied to DATA_DIR/backups/before-restore/. A healthy
    database is overwritten through SQLite's backup API (safe with other connections
    open); a damaged one is replaced as a file. Close the app's own connections first.
    The photos the backup carries are then written back to DATA_DIR/photos (files already
    there stay), and the restored database keeps only their rows.
    """
    backup_file, db_path = Path(backup_file), Path(db_path)
    if db_path.exists() and backup_file.resolve() == db_path.resolve():
        raise BackupError("That file is the database itself; choose a backup file.")
    info = inspect(backup_file)
    safety_folder = backup_dir(data_dir) / SAFETY_DIRNAME
    staged = db_path.with_name(f".{db_path.name}.restoring")
    try:
        safety = _safety_copy(db_path, safety_folder)
        storage.make_private_dir(db_path.parent)
        _remove_quietly(staged)  # left by a restore that was killed
        _private_copy(backup_file, staged)
        if db_path.exists() and is_healthy(db_path):
            with _connect(staged) as source, _connect(db_path) as live:
                source.backup(live)
            _remove_quietly(staged)
        else:
            for suffix in ("-wal", "-shm", ""):
                _remove_quietly(db_path.with_name(db_path.name + suffix))
            os.replace(staged, db_path)
        storage.fsync_directory(db_path.parent)
    except sqlite3.Error as exc:
        _remove_quietly(staged)
        raise BackupError(
            f"Restoring {backup_file} failed ({exc}); the previous database is unchanged or "
            f"kept in {safety_folder}."
        ) from exc
    except OSError as exc:
        _remove_quietly(staged)
        raise BackupError(describe_os_error(exc, db_path, "restoring the backup")) from exc
    if not is_healthy(db_path):
        raise BackupError(
            f"The restored database at {db_path} fails its check; the previous one is kept in "
            f"{safety_folder}. Ask your administrator."
        )
    photos_dir = data_photos_dir(data_dir)
    try:
        written = backup_photos.unpack(db_path, photos_dir, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
    except (sqlite3.Error, OSError) as exc:
        raise BackupError(
            f"The database was restored, but its photos could not be written to {photos_dir} "
            f"({exc}); they are kept inside the database. Free some space and restore again."
        ) from exc
    return RestoreResult(info, safety, written)


def record_restore(session: Session, actor: Actor, result: RestoreResult) -> None:
    """Audit, in the restored database, that it was restored and from which file."""
    audit.record(
        session,
        actor,
        "restore",
        "database",
        None,
        f"restored from {result.restored.path.name}"
        + (f"; previous database kept as {result.safety_copy.name}" if result.safety_copy else ""),
    )
