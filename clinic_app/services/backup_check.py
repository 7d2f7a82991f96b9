"""Checking a backup file without changing it: its checksum, that it is an SQLite database
this app can restore (integrity, tables, one known schema revision), what it holds.

The file is read where it is, through a read-only, journal-less connection (SQLite's
``immutable``): even a damaged file is never written to, and no copy of it is made (in the
system's temporary folder or anywhere). clinic_app.services.backup re-exports what is here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from clinic_app import storage
from clinic_app.db import SQLITE_BUSY_TIMEOUT_MS, is_known_revision
from clinic_app.services import backup_photos
from clinic_app.services.errors import ServiceError
from clinic_app.services.safe_files import describe_os_error
from clinic_app.services.security import audit
from clinic_app.services.security.audit_anchor import AuditHead

SQLITE_HEADER = b"SQLite format 3\x00"
REQUIRED_TABLES = ("alembic_version", "patients", "users", "audit_events")
sha256_of = storage.sha256_of
_sidecar = storage.checksum_sidecar


class BackupError(ServiceError):
    """A backup or restore could not be done; the message says why and what to do."""


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
    last_event_id: int | None = None  # the newest audit event it holds, and its hash
    last_event_hash: str | None = None
    photos: int = 0  # photos it carries (services/backup_photos.py) and their bytes
    photos_size: int = 0
    photos_missing: tuple[str, ...] = ()  # SHA-256s of photos whose files were missing

    def describe(self) -> str:
        """E.g. "12.4 MB: 30 patients, 20 photos": the size a person sees after a backup."""
        text = f"{format_size(self.size)}: {self.patients} patients"
        if self.photos:
            text += f", {self.photos} photo{'s' if self.photos != 1 else ''}"
        if self.photos_missing:
            text += (
                f"; {len(self.photos_missing)} photo file(s) were missing from the photos "
                "folder and are not in it"
            )
        return text

    @property
    def audit_head(self) -> AuditHead | None:
        """The head of the audit trail the backup holds (None before the hash chain, 0002)."""
        if self.last_event_hash is None:
            return None
        return AuditHead(self.events, self.last_event_id, self.last_event_hash)


@contextlib.contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection that reads ``path`` where it is and cannot write anything, not even a
    journal (SQLite's ``immutable``): a backup under inspection is never changed or copied."""
    uri = f"{Path(path).resolve().as_uri()}?mode=ro&immutable=1"
    connection = sqlite3.connect(uri, uri=True, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
    try:
        yield connection
    finally:
        connection.close()


def format_size(size: int) -> str:
    """Bytes as a person reads them: 512 bytes, 34 KB, 12.4 MB, 1.2 GB."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size // 1024} KB"
    if size < 1024**3:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{size / 1024**3:.1f} GB"


def _integrity_problem(connection: sqlite3.Connection) -> str | None:
    rows = [row[0] for row in connection.execute("PRAGMA integrity_check(20)")]
    return None if rows == ["ok"] else "; ".join(str(row) for row in rows[:5])


def _newest_event(connection: sqlite3.Connection) -> tuple[int | None, str | None]:
    try:
        row = connection.execute(
            "SELECT id, event_hash FROM audit_events ORDER BY id DESC LIMIT 1"
        ).fetchone()
    except sqlite3.OperationalError:  # a schema before the hash chain (0001)
        return None, None
    return (int(row[0]), str(row[1])) if row else (None, audit.GENESIS_HASH)


def _inspect_in_place(
    original: Path,
) -> tuple[str, int, int, int | None, str | None, tuple[int, int]]:
    with open(original, "rb") as handle:
        if handle.read(16) != SQLITE_HEADER:
            raise BackupInvalidError(
                f"{original} is not an SQLite database (it is damaged, or another kind of file)."
            )
    try:
        with _read_only(original) as connection:
            if problem := _integrity_problem(connection):
                raise BackupInvalidError(f"{original} is damaged ({problem}); it cannot be used.")
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            missing = [name for name in REQUIRED_TABLES if name not in tables]
            if missing:
                raise BackupInvalidError(
                    f"{original} is not a clinic-app database (it has no {', '.join(missing)})."
                )
            revisions = [
                str(row[0]) for row in connection.execute("SELECT version_num FROM alembic_version")
            ]
            patients = connection.execute("SELECT count(*) FROM patients").fetchone()[0]
            events = connection.execute("SELECT count(*) FROM audit_events").fetchone()[0]
            newest_id, newest_hash = _newest_event(connection)
            photos = backup_photos.counted(connection)
    except sqlite3.DatabaseError as exc:
        raise BackupInvalidError(f"{original} cannot be read as a database: {exc}.") from exc
    if len(revisions) != 1:
        raise BackupInvalidError(
            f"{original} records {len(revisions)} schema versions, where there is always "
            "exactly one: it was changed outside the app. Use another backup."
        )
    if not is_known_revision(revisions[0]):
        raise BackupInvalidError(
            f"{original} was made by a newer version of clinic-app (schema {revisions[0]}); "
            "install that version to restore it."
        )
    return revisions[0], int(patients), int(events), newest_id, newest_hash, photos


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


def inspect(path: Path) -> BackupInfo:
    """Check a backup file without changing it: checksum, integrity, tables, schema revision.

    Raises BackupInvalidError with the reason. The file is read where it is, through a
    read-only, journal-less connection: even a damaged file is never written to, and no copy of
    it is made (patient data is not left in the system's temporary folder).
    """
    path = Path(path)
    if not path.is_file():
        raise BackupInvalidError(f"There is no backup file at {path}.")
    try:
        digest = sha256_of(path)
        _check_sidecar(path, digest)
        revision, patients, events, newest_id, newest_hash, photos = _inspect_in_place(path)
        stat = path.stat()
    except OSError as exc:
        raise BackupInvalidError(describe_os_error(exc, path, "reading the backup")) from exc
    modified = dt.datetime.fromtimestamp(stat.st_mtime, dt.UTC)
    return BackupInfo(
        path,
        stat.st_size,
        digest,
        revision,
        patients,
        events,
        modified,
        newest_id,
        newest_hash,
        photos[0],
        photos[1],
    )
