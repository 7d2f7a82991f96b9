"""Backups of the embedded SQLite database, and restoring one.

A backup is made with SQLite's online backup API (a consistent copy even while the app writes),
checked with ``PRAGMA integrity_check``, written under a temporary name, fsynced and renamed,
with its SHA-256 in a ``.sha256`` file beside it. Restoring checks the file first (integrity,
our tables, a schema revision this version knows), keeps a safety copy of the current database,
then copies the backup in. PostgreSQL databases are backed up with pg_dump (docs/backups.md).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from clinic_app.db import SQLITE_BUSY_TIMEOUT_MS, alembic_config
from clinic_app.services.errors import ServiceError
from clinic_app.services.safe_files import describe_os_error, fsync_directory, write_atomically
from clinic_app.services.security import audit
from clinic_app.services.security.identity import Actor

BACKUP_DIRNAME = "backups"
SAFETY_DIRNAME = "before-restore"
AUTO_PREFIX = "clinic-auto-"
MANUAL_PREFIX = "clinic-"
SUFFIX = ".db"
SQLITE_HEADER = b"SQLite format 3\x00"
REQUIRED_TABLES = ("alembic_version", "patients", "users", "audit_events")
_STAMP = re.compile(r"(\d{4}-\d{2}-\d{2})-\d{6}")
PG_ADVICE = (
    "This database is on a PostgreSQL server; back it up there with pg_dump, e.g.\n"
    "  pg_dump --format=custom --file=clinic-$(date +%F).dump 'postgresql://USER@SERVER/DB'\n"
    "and restore with pg_restore, e.g.\n"
    "  pg_restore --clean --if-exists --no-owner --dbname='postgresql://USER@SERVER/DB' FILE\n"
    "(see docs/backups.md)."
)


class BackupError(ServiceError):
    """A backup or restore could not be done; the message says why and what to do."""


class NotSQLiteError(BackupError):
    """The database is on PostgreSQL: use pg_dump / pg_restore."""

    def __init__(self) -> None:
        super().__init__(PG_ADVICE)


class BackupInvalidError(BackupError):
    """The file is not a usable backup of this app's database; nothing was changed."""


@dataclass(frozen=True)
class BackupInfo:
    """A checked backup file."""

    path: Path
    size: int
    sha256: str
    revision: str
    patients: int
    events: int
    modified_at: dt.datetime


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did: the backup it restored and where the previous database was kept."""

    restored: BackupInfo
    safety_copy: Path | None


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


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _sidecar(path: Path) -> Path:
    return path.with_name(path.name + ".sha256")


@contextlib.contextmanager
def _connect(path: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(str(path), timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
    try:
        yield connection
    finally:
        connection.close()


def _integrity_problem(connection: sqlite3.Connection) -> str | None:
    rows = [row[0] for row in connection.execute("PRAGMA integrity_check(20)")]
    return None if rows == ["ok"] else "; ".join(str(row) for row in rows[:5])


# Making backups ------------------------------------------------------------------------------


def backup(db_path: Path, destination: Path) -> BackupInfo:
    """Copy the live database ``db_path`` to ``destination`` (consistent, checked, atomic)."""
    db_path, destination = Path(db_path), Path(destination)
    if not db_path.is_file():
        raise BackupError(f"There is no database at {db_path} to back up.")
    if destination.resolve() == db_path.resolve():
        raise BackupError("A backup cannot overwrite the database itself; choose another file.")
    partial = destination.with_name(f".{destination.name}.partial")
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        with _connect(db_path) as source, _connect(partial) as copy:
            source.backup(copy)  # one step: a single consistent snapshot
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            problem = _integrity_problem(copy)
            copy.commit()
        if problem:
            raise BackupError(
                f"The database {db_path} has errors ({problem}); no backup was written over "
                "good ones. Restore the latest backup, or ask your administrator."
            )
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        digest = sha256_of(partial)
        _sidecar(destination).unlink(missing_ok=True)  # never a new file with an old checksum
        os.replace(partial, destination)
        fsync_directory(destination.parent)
        line = f"{digest}  {destination.name}\n".encode()
        write_atomically(_sidecar(destination), line, "writing the backup's checksum")
    except sqlite3.Error as exc:
        _remove_quietly(partial)
        raise BackupError(f"The backup of {db_path} failed: {exc}.") from exc
    except OSError as exc:
        _remove_quietly(partial)
        raise BackupError(describe_os_error(exc, destination, "writing the backup")) from exc
    except BaseException:
        _remove_quietly(partial)
        raise
    return inspect(destination)


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
        removed.append(old)
    return removed


def daily_backup(
    db_path: Path, folder: Path, keep: int, now: dt.datetime | None = None
) -> BackupInfo | None:
    """The first start of a (local) day backs up and prunes; later starts do nothing (None)."""
    now = now or dt.datetime.now().astimezone()
    today = now.strftime("%Y-%m-%d")
    if any(
        (match := _STAMP.search(path.name)) and match.group(1) == today
        for path in automatic_backups(folder)
    ):
        return None
    info = backup(db_path, new_backup_path(folder, automatic=True, now=now))
    prune(folder, keep)
    return info


def record_backup(session: Session, actor: Actor, info: BackupInfo) -> None:
    """Audit a backup (an export of every record) in the live database."""
    audit.record(session, actor, "export", "database", None, f"backup written: {info.path.name}")


def latest_backup(folder: Path) -> Path | None:
    """The newest backup (automatic or manual) in ``folder``, or None."""
    candidates = [p for p in Path(folder).glob(f"{MANUAL_PREFIX}*{SUFFIX}") if p.is_file()]
    return max(candidates, key=lambda p: p.stat().st_mtime, default=None)


# Checking ------------------------------------------------------------------------------------


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory  # only when a backup is checked

    script = ScriptDirectory.from_config(alembic_config())
    return {revision.revision for revision in script.walk_revisions()}


def _inspect_private_copy(copy: Path, original: Path) -> tuple[str, int, int]:
    with open(copy, "rb") as handle:
        if handle.read(16) != SQLITE_HEADER:
            raise BackupInvalidError(
                f"{original} is not an SQLite database (it is damaged, or another kind of file)."
            )
    try:
        with _connect(copy) as connection:
            if problem := _integrity_problem(connection):
                raise BackupInvalidError(f"{original} is damaged ({problem}); it cannot be used.")
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            missing = [name for name in REQUIRED_TABLES if name not in tables]
            if missing:
                raise BackupInvalidError(
                    f"{original} is not a clinic-app database (it has no {', '.join(missing)})."
                )
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            patients = connection.execute("SELECT count(*) FROM patients").fetchone()[0]
            events = connection.execute("SELECT count(*) FROM audit_events").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise BackupInvalidError(f"{original} cannot be read as a database: {exc}.") from exc
    if revision is None or revision[0] not in _known_revisions():
        raise BackupInvalidError(
            f"{original} was made by a newer version of clinic-app (schema "
            f"{revision[0] if revision else 'unknown'}); install that version to restore it."
        )
    return str(revision[0]), int(patients), int(events)


def _check_sidecar(path: Path, digest: str) -> None:
    sidecar = _sidecar(path)
    if not sidecar.is_file():
        return
    recorded = sidecar.read_text(encoding="utf-8").split()[:1]
    if recorded and recorded[0].lower() != digest:
        raise BackupInvalidError(
            f"{path} no longer matches the checksum written when it was made ({sidecar.name}): "
            "it was changed or damaged. Use another backup."
        )


def inspect(path: Path, *, scratch: Path | None = None) -> BackupInfo:
    """Check a backup file without changing it: checksum, integrity, tables, schema revision.

    Raises BackupInvalidError with the reason. The checks run on a private copy (in ``scratch``
    or a temporary folder), so even a damaged file is never written to.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupInvalidError(f"There is no backup file at {path}.")
    try:
        digest = sha256_of(path)
        _check_sidecar(path, digest)
        with tempfile.TemporaryDirectory(dir=scratch) as folder:
            copy = Path(folder) / "check.db"
            shutil.copyfile(path, copy)
            revision, patients, events = _inspect_private_copy(copy, path)
        stat = path.stat()
    except OSError as exc:
        raise BackupInvalidError(describe_os_error(exc, path, "reading the backup")) from exc
    modified = dt.datetime.fromtimestamp(stat.st_mtime, dt.UTC)
    return BackupInfo(path, stat.st_size, digest, revision, patients, events, modified)


# Restoring -----------------------------------------------------------------------------------


def is_healthy(db_path: Path) -> bool:
    """Whether the SQLite file opens and passes a quick check."""
    try:
        with _connect(db_path) as connection:
            return [row[0] for row in connection.execute("PRAGMA quick_check")] == ["ok"]
    except sqlite3.Error:
        return False


def _safety_copy(db_path: Path, folder: Path) -> Path | None:
    if not db_path.exists():
        return None
    target = new_backup_path(folder)
    target = target.with_name(target.name.replace(MANUAL_PREFIX, "clinic-before-restore-", 1))
    if is_healthy(db_path):
        try:
            return backup(db_path, target).path
        except BackupError:
            pass
    # A damaged database is kept as it is, with its journal files, for a specialist.
    folder.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        source = db_path.with_name(db_path.name + suffix)
        if source.exists():
            shutil.copy2(source, target.with_name(target.name + suffix))
    return target


def restore(backup_file: Path, db_path: Path, data_dir: Path) -> RestoreResult:
    """Replace the database at ``db_path`` with ``backup_file`` after checking it.

    The current database is first copied to DATA_DIR/backups/before-restore/. A healthy
    database is overwritten through SQLite's backup API (safe with other connections
    open); a damaged one is replaced as a file. Close the app's own connections first.
    """
    backup_file, db_path = Path(backup_file), Path(db_path)
    if db_path.exists() and backup_file.resolve() == db_path.resolve():
        raise BackupError("That file is the database itself; choose a backup file.")
    info = inspect(backup_file, scratch=db_path.parent if db_path.parent.is_dir() else None)
    safety_folder = backup_dir(data_dir) / SAFETY_DIRNAME
    staged = db_path.with_name(f".{db_path.name}.restoring")
    try:
        safety = _safety_copy(db_path, safety_folder)
        db_path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(backup_file, staged)
        if db_path.exists() and is_healthy(db_path):
            with _connect(staged) as source, _connect(db_path) as live:
                source.backup(live)
            _remove_quietly(staged)
        else:
            for suffix in ("-wal", "-shm", ""):
                _remove_quietly(db_path.with_name(db_path.name + suffix))
            os.replace(staged, db_path)
        fsync_directory(db_path.parent)
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
    return RestoreResult(info, safety)


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
