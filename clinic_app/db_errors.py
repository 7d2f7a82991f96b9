"""The ways a database cannot be opened or written, each with a message that says what to do.

Raised by clinic_app.db (and re-exported there); below it so that clinic_app.schema can raise
them too. Standard library and SQLAlchemy's URL parsing only.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from sqlalchemy import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError


class DatabaseUnavailableError(RuntimeError):
    """The database cannot be opened; the message says why and what to do."""


class DatabaseCorruptError(DatabaseUnavailableError):
    """The SQLite file is damaged or is not a database; restoring a backup is the way out."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


class DatabaseBusyError(DatabaseUnavailableError):
    """Another program kept the SQLite database locked for longer than we waited."""


class DatabaseFullError(DatabaseUnavailableError):
    """The disk holding the database is full (nothing of the failed change was written)."""


class DatabaseReadOnlyError(DatabaseUnavailableError):
    """The database file or its folder cannot be written."""


class DatabaseTooNewError(DatabaseUnavailableError):
    """A newer version of the app has upgraded the database; nothing was changed."""

    def __init__(self, where: str, revision: str) -> None:
        super().__init__(
            f"This database is newer than this app (version {revision}): update the app. "
            f"{where} was upgraded by a newer version of clinic-app (on this or another "
            "workstation), and this version cannot read it safely. Nothing was changed."
        )
        self.revision = revision


class DatabaseVersionError(DatabaseUnavailableError):
    """The database's schema record (alembic_version) is not one revision this app knows."""


class DatabaseUpgradeError(DatabaseCorruptError):
    """Bringing an older database up to date failed; it was left as it was before the attempt.

    ``copy`` is the copy taken just before; ``restore_from`` the file to restore, when there is
    one that can help (the copy taken before an interrupted upgrade, or the latest backup).
    """

    def __init__(
        self, message: str, path: Path, copy: Path | None, restore_from: Path | None
    ) -> None:
        super().__init__(message, path)
        self.copy = copy
        self.restore_from = restore_from


def sqlite_file(url: str) -> Path | None:
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None  # create_app_engine explains it
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    name = parsed.database
    if parsed.query.get("uri") == "true" and name.startswith("file:"):
        name = name.removeprefix("file:")  # sqlite:///file:PATH?mode=ro&uri=true
    return Path(name).expanduser().resolve()


def explain_sqlite_error(exc: BaseException, url: str) -> DatabaseUnavailableError | None:
    """A clear error for the SQLite failures a person can act on, or None for others."""
    path = sqlite_file(url)
    if path is None:
        return None
    if isinstance(exc, OSError) and not isinstance(exc, DBAPIError):
        return _explain_os_error(exc, path)
    text = str(getattr(exc, "orig", None) or exc).lower()
    if "disk i/o error" in text:
        return DatabaseUnavailableError(
            f"The disk holding {path} reported an error while reading or writing the database "
            "(was a USB drive or network folder disconnected?). Nothing of the failed change "
            "was saved. Reconnect it and try again; if this repeats, the disk may be failing."
        )
    if "file is not a database" in text or "malformed" in text:
        return DatabaseCorruptError(
            f"The database file {path} is damaged ({text}). Nothing more was written to it. "
            "Restore the latest backup (clinic-app restore FILE; backups are in the "
            f"'backups' folder beside it) or ask your administrator.",
            path,
        )
    if "database is locked" in text or "database table is locked" in text:
        return DatabaseBusyError(
            f"The database {path} is locked by another program (another copy of clinic-app, "
            "a backup or a sync tool) and stayed locked while we retried. Nothing was saved "
            "by this attempt; what you typed is still there. Try again in a moment."
        )
    if "database or disk is full" in text:
        return DatabaseFullError(
            f"The disk holding {path.parent} is full, so the change was not saved (what was "
            "saved before is safe, and what you typed is still there). Free some space, "
            "then save again."
        )
    if "readonly" in text or "read-only" in text or "unable to open database file" in text:
        folder = path.parent
        where = "folder" if not os.access(folder, os.W_OK) else "file"
        return DatabaseReadOnlyError(
            f"The database cannot be written: its {where} "
            f"{folder if where == 'folder' else path} is read-only or not accessible. "
            "Check its permissions (or choose another folder with --data-dir)."
        )
    return None


def _explain_os_error(exc: OSError, path: Path) -> DatabaseUnavailableError | None:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return DatabaseFullError(
            f"The disk holding {path.parent} is full, so the database could not be written "
            "(what was saved before is safe). Free some space, then start again."
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return DatabaseReadOnlyError(
            f"The database cannot be written: its folder {path.parent} is read-only or not "
            "accessible. Check its permissions (or choose another folder with --data-dir)."
        )
    return None
