"""The database's schema: which revision it records, whether this version can open it, and
bringing an older one up to date in one transaction, a copy of it taken first.

- :func:`migrate_to_head` runs every pending migration in one transaction (BEGIN IMMEDIATE on
  SQLite, an advisory lock on PostgreSQL): a failure or a kill leaves the revision it had.
- :func:`revision_problem` refuses a database a newer version of the app has upgraded, or
  whose ``alembic_version`` holds more than one row; :func:`refuse_an_emptied_file` a 0-byte
  SQLite file (SQLite would take it for a new, empty database).
- :func:`copy_before_upgrade` keeps the SQLite database as it was in ``backups/before-upgrade/``
  beside it, with a marker naming the copy until the upgrade has committed, so that a retry
  after a kill reuses it and a failure names what to restore (:func:`upgrade_failed`).
- :func:`create_sqlite_file` builds a new database under another name and renames it into
  place, so the real name never holds an empty or half-made file.

Alembic is imported only when the database is not at HEAD_REVISION (docs/startup.md).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, text

from clinic_app import storage
from clinic_app.config import sqlite_url
from clinic_app.db_errors import (
    DatabaseCorruptError,
    DatabaseTooNewError,
    DatabaseUnavailableError,
    DatabaseUpgradeError,
    DatabaseVersionError,
    explain_sqlite_error,
)
from clinic_app.migrations import HEAD_REVISION, VERSION_TABLE

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Execution option naming how an SQLite transaction begins: "IMMEDIATE" (sessions, migrations:
# writing_engine) or "DEFERRED" (SQLite's own default: reads, and plain engine.connect()).
SQLITE_BEGIN = "clinic_app_sqlite_begin"
UPGRADE_COPIES = Path("backups") / "before-upgrade"  # beside the SQLite file
APP_TABLES = ("patients", "users", "audit_events")
# pg_advisory_xact_lock key: two workstations starting at once upgrade one after the other.
MIGRATION_LOCK_KEY = 0x636C696E6963  # "clinic"


def writing_engine(engine: Engine) -> Engine:
    """``engine`` for units of work: on SQLite their transactions begin IMMEDIATE, taking the
    write lock (waiting for it up to the busy timeout) before their first read."""
    return engine.execution_options(**{SQLITE_BEGIN: "IMMEDIATE"})


def reading_engine(engine: Engine) -> Engine:
    """``engine`` for reads: on SQLite its transactions begin DEFERRED (a snapshot, no lock)."""
    return engine.execution_options(**{SQLITE_BEGIN: "DEFERRED"})


def alembic_config(connection: Any = None) -> Config:
    """Alembic configuration pointing at the migrations shipped in the package."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def migrate_to_head(engine: Engine) -> None:
    """Apply every pending migration (idempotent), all of them in one transaction.

    A failure or a kill at any moment leaves the database as it was before: SQLite and
    PostgreSQL both roll DDL back (on SQLite the transaction begins IMMEDIATE, taking the write
    lock first; on PostgreSQL an advisory lock makes two workstations upgrade one at a time).
    """
    from alembic import command

    with writing_engine(engine).begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
            )
        command.upgrade(alembic_config(connection), "head")


def known_revisions() -> set[str]:
    """Every revision this version of the app ships (imports Alembic)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {revision.revision for revision in script.walk_revisions()}


def is_known_revision(revision: str) -> bool:
    """Whether this version of the app ships ``revision``: at once for its newest one (what
    every backup it made records), by Alembic's reading of the scripts otherwise (importing
    Alembic, Mako and Pygments and reading every migration: some 12 MB kept in memory)."""
    return revision == HEAD_REVISION or revision in known_revisions()


def revision_problem(revisions: set[str], where: str) -> DatabaseUnavailableError | None:
    """Why a database whose ``alembic_version`` holds ``revisions`` must not be opened (None
    when it is at a revision this app knows, or was never migrated)."""
    if len(revisions) > 1:
        listed = ", ".join(sorted(revisions))
        return DatabaseVersionError(
            f"{where} records {len(revisions)} schema versions ({listed}) in its table "
            f"{VERSION_TABLE}, where there is always exactly one: it was changed outside the "
            "app, or two versions of the app upgraded it at once. Nothing was changed. Restore "
            "the latest backup, or ask your administrator."
        )
    if revisions and not revisions <= known_revisions():
        return DatabaseTooNewError(where, next(iter(revisions)))
    return None


def stored_revisions(connection: Connection) -> set[str]:
    """The revisions recorded in the database (empty when it was never migrated).

    Plain SQL, so that the everyday start does not import Alembic.
    """
    if not connection.dialect.has_table(connection, VERSION_TABLE):
        return set()
    return set(connection.scalars(text(f"SELECT version_num FROM {VERSION_TABLE}")))


def is_at_head(engine: Engine) -> bool:
    """Whether the database is exactly at the newest revision this app ships."""
    with reading_engine(engine).connect() as connection:
        return stored_revisions(connection) == {HEAD_REVISION}


def migrate_if_needed(engine: Engine) -> bool:
    """Migrate to head unless the database is there already; True when Alembic was run."""
    if is_at_head(engine):
        return False
    migrate_to_head(engine)
    return True


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None when it has never been migrated."""
    from alembic.runtime.migration import MigrationContext

    with reading_engine(engine).connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    """The newest revision shipped with this version of the app, as Alembic reads the scripts
    (:data:`clinic_app.migrations.HEAD_REVISION` says the same without importing Alembic)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no migrations shipped"
    return head


def has_app_tables(connection: Connection) -> bool:
    return any(connection.dialect.has_table(connection, name) for name in APP_TABLES)


def _journal_exists(path: Path) -> bool:
    for suffix in ("-wal", "-journal"):
        with contextlib.suppress(OSError):
            if path.with_name(path.name + suffix).stat().st_size > 0:
                return True
    return False


def refuse_an_emptied_file(path: Path) -> None:
    """A 0-byte database file (with no journal that could fill it) was truncated or damaged:
    SQLite would silently treat it as a new, empty database. The app never leaves one behind
    (a new database is built under another name and renamed into place)."""
    try:
        size = path.stat().st_size
    except OSError:
        return
    if size == 0 and not _journal_exists(path):
        raise DatabaseCorruptError(
            f"The database file {path} is empty (0 bytes): it was truncated or damaged, and "
            "everything it held is missing. Nothing was written to it. Restore the latest "
            f"backup (clinic-app restore FILE; backups are in the 'backups' folder beside it). "
            "If this is a new installation without any data, delete the empty file and start "
            "again to create a new database.",
            path,
        )


@dataclass(frozen=True)
class UpgradeMarker:
    """Written beside the database while it is upgraded: from which revision, the copy of it
    taken just before, and whether an earlier attempt was interrupted (the marker of an attempt
    that started was still there). Removed when the upgrade has committed."""

    path: Path
    revision: str
    copy: Path
    interrupted: bool

    def write(self, outcome: str) -> None:
        data = {
            "from": self.revision,
            "to": HEAD_REVISION,
            "copy": str(self.copy),
            "interrupted": self.interrupted,
            "outcome": outcome,  # "started", or "failed" (an error, not a kill)
        }
        storage.write_private_atomically(self.path, json.dumps(data).encode("utf-8"))


def _marker_path(database: Path) -> Path:
    return database.with_name(f".{database.name}.upgrading")


def _read_marker(database: Path, revision: str) -> UpgradeMarker | None:
    path = _marker_path(database)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        copy = Path(data["copy"])
        if data["from"] == revision and copy.is_file():
            interrupted = (
                bool(data.get("interrupted")) or data.get("outcome", "started") == "started"
            )
            return UpgradeMarker(path, revision, copy, interrupted)
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        pass
    return None


def _new_copy_path(folder: Path, revision: str) -> Path:
    stamp = dt.datetime.now().astimezone().strftime("%Y-%m-%d-%H%M%S")
    path = folder / f"clinic-before-upgrade-{revision}-{stamp}.db"
    counter = 1
    while path.exists():
        path = folder / f"clinic-before-upgrade-{revision}-{stamp}_{counter}.db"
        counter += 1
    return path


def _newest_backup(database: Path) -> Path | None:
    folder = database.parent / UPGRADE_COPIES.parent
    found = [p for p in folder.glob("clinic-*.db") if p.is_file()]
    return max(found, key=lambda p: p.stat().st_mtime, default=None)


def create_sqlite_file(path: Path, make_engine: Callable[[str], Engine]) -> None:
    """Build a new database at head under a temporary name, then give it its real name.

    So the real name never holds a half-made database, nor an empty file (which
    :func:`refuse_an_emptied_file` treats as damage). Two first starts at once: one wins.
    """
    temporary = path.with_name(f".{path.name}.creating-{os.getpid()}")
    for suffix in ("", *storage.SQLITE_JOURNALS):
        temporary.with_name(temporary.name + suffix).unlink(missing_ok=True)
    os.close(storage.create_private_file(temporary, exclusive=True))
    engine = make_engine(sqlite_url(temporary))
    try:
        migrate_to_head(engine)
    finally:
        engine.dispose()  # the last connection checkpoints: one self-contained file
    try:
        with open(temporary, "rb+") as handle:
            os.fsync(handle.fileno())
        try:
            os.link(temporary, path)  # never over a database another process just made
        except FileExistsError:
            pass
        except OSError:  # no hard links on this file system
            if not path.exists():
                os.replace(temporary, path)
        storage.fsync_directory(path.parent)
    finally:
        for suffix in ("", *storage.SQLITE_JOURNALS):
            temporary.with_name(temporary.name + suffix).unlink(missing_ok=True)


def copy_before_upgrade(path: Path, revision: str, url: str) -> UpgradeMarker:
    """The copy of the database as it is, taken once before upgrading it from ``revision``
    (an attempt that was interrupted already took it: that copy is kept)."""
    import sqlite3  # here: only an upgrade of an SQLite file copies it

    earlier = _read_marker(path, revision)
    if earlier is not None:
        earlier.write("started")
        return earlier
    folder = path.parent / UPGRADE_COPIES
    try:
        storage.make_private_dir(folder, narrow=True)
        storage.remove_stale_partials(folder)
        copy = _new_copy_path(folder, revision)
        storage.online_copy(path, copy)
        marker = UpgradeMarker(_marker_path(path), revision, copy, interrupted=False)
        marker.write("started")
    except storage.DamagedCopyError as exc:
        raise DatabaseCorruptError(
            f"The database file {path} is damaged ({exc}), so it was not upgraded to "
            "this version's schema. Nothing was written to it. Restore the latest backup "
            "(clinic-app restore FILE; backups are in the 'backups' folder beside it).",
            path,
        ) from exc
    except sqlite3.Error as exc:
        clear = explain_sqlite_error(exc, url)
        raise clear or DatabaseUnavailableError(
            f"Cannot copy {path} before upgrading it: {exc}. Nothing was changed."
        ) from exc
    except OSError as exc:
        raise DatabaseUnavailableError(
            f"Before upgrading the database to this version's schema, a copy of it is "
            f"kept in {folder}; writing it failed ({exc.strerror or exc}). Nothing was "
            "changed. Free some space or fix the folder's permissions, then start again."
        ) from exc
    return marker


def upgrade_failed(exc: BaseException, marker: UpgradeMarker, path: Path) -> DatabaseUpgradeError:
    """The error to raise when upgrading ``path`` failed: what, and which file to restore."""
    reason = getattr(exc, "orig", None) or exc
    what = (
        f"The database {path} could not be upgraded from schema {marker.revision} to "
        f"{HEAD_REVISION} ({reason}). Nothing was changed by this attempt: the upgrade runs "
        "as one transaction."
    )
    half_done = any(words in str(reason) for words in ("duplicate column", "already exists"))
    if marker.interrupted:
        restore_from: Path | None = marker.copy
        advice = (
            " This is an interrupted upgrade: restore the copy taken just before it, "
            f"{marker.copy} (clinic-app restore {marker.copy})."
        )
    elif half_done:
        restore_from = _newest_backup(path)
        advice = (
            " An upgrade by an earlier version of clinic-app was interrupted and left it "
            "half-upgraded. Restore the latest backup taken before that upgrade"
            + (f", e.g. {restore_from} (clinic-app restore {restore_from})" if restore_from else "")
            + f". The database as it is now was kept as {marker.copy}."
        )
    else:
        restore_from = None
        advice = (
            f" The copy taken just before is {marker.copy}. Tell your administrator; this "
            "version of the app may need an update."
        )
    return DatabaseUpgradeError(what + advice, path, marker.copy, restore_from)
