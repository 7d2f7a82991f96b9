"""Database engine, sessions and migrations.

SQLite (one PC) gets WAL journaling, foreign keys, a busy timeout and full fsync on commit;
PostgreSQL (several workstations) is reached through psycopg 3. Migrations run to head at start.

Transactions on SQLite are SQLAlchemy's, not the sqlite3 module's: the module would run DDL
and the first SAVEPOINT outside any transaction (each committing on its own), so a migration
killed half-way, or an import whose rows each had a savepoint, left half of its work behind.
Every SQLAlchemy transaction emits its own ``BEGIN``: ``BEGIN IMMEDIATE`` for sessions and
migrations (the write lock is taken first, so a read-then-write never acts on a stale read),
``BEGIN DEFERRED`` for :meth:`Database.reading` and :meth:`Database.snapshot` (a consistent
snapshot that does not hold writers up).

Opening a database checks its schema record first: a database a newer version of the app has
upgraded, or whose record is not one revision, is refused with a clear message and left as it
is. An older SQLite database is copied to ``backups/before-upgrade/`` beside it before it is
upgraded, in one transaction (docs/backups.md).

Alembic (with Mako and Pygments, about a quarter of a second) is imported only when the
database is not already at the newest revision: the usual start reads ``alembic_version`` with
one plain query and compares it with :data:`clinic_app.migrations.HEAD_REVISION`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.exc import ArgumentError, DBAPIError

from clinic_app import storage
from clinic_app.config import sqlite_url
from clinic_app.migrations import HEAD_REVISION, VERSION_TABLE

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 5000
SUPPORTED_DRIVERS = ("sqlite", "sqlite+pysqlite", "postgresql", "postgresql+psycopg")
# Execution option naming how an SQLite transaction begins: "IMMEDIATE" (sessions, migrations:
# writing_engine) or "DEFERRED" (SQLite's own default: reads, and plain engine.connect()).
SQLITE_BEGIN = "clinic_app_sqlite_begin"
UPGRADE_COPIES = Path("backups") / "before-upgrade"  # beside the SQLite file
APP_TABLES = ("patients", "users", "audit_events")
# pg_advisory_xact_lock key: two workstations starting at once upgrade one after the other.
MIGRATION_LOCK_KEY = 0x636C696E6963  # "clinic"


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


OPEN_ATTEMPTS = 3


def _sqlite_file(url: str) -> Path | None:
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
    path = _sqlite_file(url)
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


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # The sqlite3 module begins transactions only before INSERT/UPDATE/DELETE, so DDL and the
    # first SAVEPOINT ran (and committed) outside any transaction; _begin_sqlite begins them.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def _begin_sqlite(connection: Connection) -> None:
    mode = connection.get_execution_options().get(SQLITE_BEGIN, "DEFERRED")
    connection.exec_driver_sql("BEGIN IMMEDIATE" if mode == "IMMEDIATE" else "BEGIN DEFERRED")


def writing_engine(engine: Engine) -> Engine:
    """``engine`` for units of work: on SQLite their transactions begin IMMEDIATE, taking the
    write lock (waiting for it up to the busy timeout) before their first read."""
    return engine.execution_options(**{SQLITE_BEGIN: "IMMEDIATE"})


def reading_engine(engine: Engine) -> Engine:
    """``engine`` for reads: on SQLite its transactions begin DEFERRED (a snapshot, no lock)."""
    return engine.execution_options(**{SQLITE_BEGIN: "DEFERRED"})


def _without_password(url: str) -> str:
    """``url`` with any password between ``user:`` and ``@`` replaced by ***."""
    scheme, sep, rest = url.partition("://")
    credentials, at, location = rest.rpartition("@")
    if sep and at and ":" in credentials:
        credentials = credentials.split(":", 1)[0] + ":***"
    return f"{scheme}{sep}{credentials}{at}{location}" if sep else url


def create_app_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite files get their directory created and the house pragmas."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseUnavailableError(
            f"'{_without_password(url)}' is not a database URL this app can open; write "
            "postgresql://user:password@server/database or sqlite:///path/to/clinic.db."
        ) from None
    if parsed.drivername not in SUPPORTED_DRIVERS:
        raise DatabaseUnavailableError(
            f"'{_without_password(url)}' asks for {parsed.drivername}; this app works with "
            "sqlite:///path/to/clinic.db or postgresql://user:password@server/database."
        )
    if parsed.get_backend_name() == "sqlite":
        file = _sqlite_file(url)
        if file is not None:
            directory = file.parent
            try:
                storage.make_private_dir(directory)
            except OSError as exc:
                raise DatabaseUnavailableError(
                    f"Cannot create the data folder {directory}: {exc.strerror}. "
                    "Choose another folder with --data-dir or fix its permissions."
                ) from exc
        engine = create_engine(
            url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, future=True
        )
        event.listen(engine, "connect", _set_sqlite_pragmas)
        event.listen(engine, "begin", _begin_sqlite)
        return engine
    return create_engine(url, pool_pre_ping=True, future=True)


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


def describe_url(url: str) -> str:
    """A short, password-free description of a database for the status bar and logs."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"SQLite: {parsed.database}"
    host = parsed.host or "localhost"
    port = f":{parsed.port}" if parsed.port else ""
    user = f"{parsed.username}@" if parsed.username else ""
    return f"PostgreSQL: {user}{host}{port}/{parsed.database}"


def _has_app_tables(connection: Connection) -> bool:
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


def _create_sqlite_file(path: Path) -> None:
    """Build a new database at head under a temporary name, then give it its real name.

    So the real name never holds a half-made database, nor an empty file (which
    :func:`refuse_an_emptied_file` treats as damage). Two first starts at once: one wins.
    """
    temporary = path.with_name(f".{path.name}.creating-{os.getpid()}")
    for suffix in ("", *storage.SQLITE_JOURNALS):
        temporary.with_name(temporary.name + suffix).unlink(missing_ok=True)
    os.close(storage.create_private_file(temporary, exclusive=True))
    engine = create_app_engine(sqlite_url(temporary))
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


class Database:
    """An opened, migrated database and the factory of its sessions.

    ``on_wait`` is told (with a message for the person) when a locked SQLite database is
    retried at start-up. ``upgrade_copy`` names the copy taken before this opening upgraded
    an older SQLite database (None when nothing was upgraded).
    """

    def __init__(
        self,
        url: str,
        *,
        migrate: bool = True,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        self.url = url
        self.upgrade_copy: Path | None = None
        path = _sqlite_file(url)
        if path is not None:
            refuse_an_emptied_file(path)
        self.engine = create_app_engine(url)
        self._reader = reading_engine(self.engine)
        self._writer = writing_engine(self.engine)
        self._sessions: sessionmaker[Session] | None = None  # made by the first session()
        self._snapshots: sessionmaker[Session] | None = None
        if path is not None:
            storage.narrow_sqlite_files(path)  # files of earlier versions were 0644
        if migrate:
            self._migrate(on_wait)

    def _migrate(self, on_wait: Callable[[str], None] | None) -> None:
        for attempt in range(1, OPEN_ATTEMPTS + 1):
            try:
                self._create_or_upgrade()
                return
            except (DBAPIError, OSError) as exc:
                clear = explain_sqlite_error(exc, self.url)
                if isinstance(clear, DatabaseBusyError) and attempt < OPEN_ATTEMPTS:
                    if on_wait is not None:
                        on_wait(
                            f"The database is locked by another program; waiting "
                            f"(attempt {attempt + 1} of {OPEN_ATTEMPTS})…"
                        )
                    continue
                self.engine.dispose()
                if clear is not None:
                    raise clear from exc
                reason = getattr(exc, "orig", None) or exc
                raise DatabaseUnavailableError(
                    f"Cannot open {describe_url(self.url)}: {reason}"
                ) from exc
            except DatabaseUnavailableError:
                self.engine.dispose()
                raise

    def _create_or_upgrade(self) -> None:
        path = self.sqlite_path
        if path is not None and not path.exists():
            _create_sqlite_file(path)
        with self._reader.connect() as connection:
            revisions = stored_revisions(connection)
            if revisions == {HEAD_REVISION}:
                return  # the everyday start: Alembic is not even imported
            if not revisions and _has_app_tables(connection):
                raise DatabaseVersionError(
                    f"{self.description} holds clinic-app tables but no record of its schema "
                    f"version (the table {VERSION_TABLE} is missing or empty): it was changed "
                    "outside the app. Nothing was changed. Restore the latest backup, or ask "
                    "your administrator."
                )
        if problem := revision_problem(revisions, self.description):
            raise problem
        marker = None
        if path is not None and revisions:
            marker = self._copy_before_upgrade(path, next(iter(revisions)))
        try:
            migrate_to_head(self.engine)
        except (DBAPIError, OSError) as exc:
            if marker is None or isinstance(explain_sqlite_error(exc, self.url), DatabaseBusyError):
                raise
            with contextlib.suppress(OSError):
                marker.write("failed")  # a later attempt reuses the copy, and is no 'interrupted'
            raise self._upgrade_failed(exc, marker) from exc
        if marker is not None:
            marker.path.unlink(missing_ok=True)
            storage.fsync_directory(marker.path.parent)
            self.upgrade_copy = marker.copy

    def _copy_before_upgrade(self, path: Path, revision: str) -> UpgradeMarker:
        """The copy of the database as it is, taken once before upgrading it from ``revision``
        (an attempt that was interrupted already took it: that copy is kept)."""
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
            clear = explain_sqlite_error(exc, self.url)
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

    def _upgrade_failed(self, exc: BaseException, marker: UpgradeMarker) -> DatabaseUpgradeError:
        path = self.sqlite_path
        assert path is not None
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
                + (
                    f", e.g. {restore_from} (clinic-app restore {restore_from})"
                    if restore_from
                    else ""
                )
                + f". The database as it is now was kept as {marker.copy}."
            )
        else:
            restore_from = None
            advice = (
                f" The copy taken just before is {marker.copy}. Tell your administrator; this "
                "version of the app may need an update."
            )
        return DatabaseUpgradeError(what + advice, path, marker.copy, restore_from)

    @property
    def description(self) -> str:
        """Which database is open, without the password."""
        return describe_url(self.url)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def sqlite_path(self) -> Path | None:
        """The SQLite file, or None on PostgreSQL."""
        return _sqlite_file(self.url)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commits when the block ends, rolls back on an exception.

        On SQLite it begins IMMEDIATE: the write lock is taken before the first read, so two
        processes' units of work run one after the other and never act on a stale read.
        A locked, full, read-only or damaged SQLite database raises the matching
        DatabaseUnavailableError subclass, whose message says what to do. The ORM is imported
        by the first session (the window's first screen reads without it: :meth:`reading`).
        """
        if self._sessions is None:
            from sqlalchemy.orm import sessionmaker

            self._sessions = sessionmaker(self._writer, expire_on_commit=False)
        with self._explained(), self._sessions.begin() as session:
            yield session

    @contextmanager
    def snapshot(self) -> Iterator[Session]:
        """A session for long reads (verifying the audit trail, listing it): one consistent
        snapshot that, on SQLite, does not hold writers up. Closed (its transaction rolled
        back) at the end; what it loaded stays readable."""
        if self._snapshots is None:
            from sqlalchemy.orm import sessionmaker

            self._snapshots = sessionmaker(self._reader, expire_on_commit=False)
        with self._explained(), self._snapshots() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection for reads with SQLAlchemy Core, rolled back when the block ends (errors
        are explained as by :meth:`session`; on SQLite it takes no lock)."""
        with self._explained(), self._reader.connect() as connection:
            yield connection

    @contextmanager
    def _explained(self) -> Iterator[None]:
        """Raise the SQLite failures a person can act on as DatabaseUnavailableError."""
        try:
            yield
        except DBAPIError as exc:
            clear = explain_sqlite_error(exc, self.url)
            if clear is None:
                raise
            raise clear from exc

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()
