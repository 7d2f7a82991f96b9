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

Opening a database checks its schema record first (clinic_app.schema): a database a newer
version of the app has upgraded, or whose record is not one revision, is refused with a clear
message and left as it is. An older SQLite database is copied to ``backups/before-upgrade/``
beside it before it is upgraded, in one transaction (docs/backups.md). The errors are in
clinic_app.db_errors.

Alembic (with Mako and Pygments, about a quarter of a second) is imported only when the
database is not already at the newest revision: the usual start reads ``alembic_version`` with
one plain query and compares it with :data:`clinic_app.migrations.HEAD_REVISION`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from clinic_app import storage

# The errors and the schema functions are part of this module's face (db.DatabaseCorruptError,
# db.migrate_to_head): re-exported explicitly.
from clinic_app.db_errors import DatabaseBusyError as DatabaseBusyError
from clinic_app.db_errors import DatabaseCorruptError as DatabaseCorruptError
from clinic_app.db_errors import DatabaseFullError as DatabaseFullError
from clinic_app.db_errors import DatabaseReadOnlyError as DatabaseReadOnlyError
from clinic_app.db_errors import DatabaseTooNewError as DatabaseTooNewError
from clinic_app.db_errors import DatabaseUnavailableError as DatabaseUnavailableError
from clinic_app.db_errors import DatabaseUpgradeError as DatabaseUpgradeError
from clinic_app.db_errors import DatabaseVersionError as DatabaseVersionError
from clinic_app.db_errors import explain_sqlite_error as explain_sqlite_error
from clinic_app.db_errors import sqlite_file
from clinic_app.migrations import HEAD_REVISION, VERSION_TABLE
from clinic_app.schema import MIGRATIONS_DIR as MIGRATIONS_DIR
from clinic_app.schema import SQLITE_BEGIN as SQLITE_BEGIN
from clinic_app.schema import UPGRADE_COPIES as UPGRADE_COPIES
from clinic_app.schema import alembic_config as alembic_config
from clinic_app.schema import (
    copy_before_upgrade,
    create_sqlite_file,
    has_app_tables,
    upgrade_failed,
)
from clinic_app.schema import current_revision as current_revision
from clinic_app.schema import head_revision as head_revision
from clinic_app.schema import is_at_head as is_at_head
from clinic_app.schema import is_known_revision as is_known_revision
from clinic_app.schema import known_revisions as known_revisions
from clinic_app.schema import migrate_if_needed as migrate_if_needed
from clinic_app.schema import migrate_to_head as migrate_to_head
from clinic_app.schema import reading_engine as reading_engine
from clinic_app.schema import refuse_an_emptied_file as refuse_an_emptied_file
from clinic_app.schema import revision_problem as revision_problem
from clinic_app.schema import stored_revisions as stored_revisions
from clinic_app.schema import writing_engine as writing_engine

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 5000
SUPPORTED_DRIVERS = ("sqlite", "sqlite+pysqlite", "postgresql", "postgresql+psycopg")
OPEN_ATTEMPTS = 3


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
        file = sqlite_file(url)
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


def describe_url(url: str) -> str:
    """A short, password-free description of a database for the status bar and logs."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"SQLite: {parsed.database}"
    host = parsed.host or "localhost"
    port = f":{parsed.port}" if parsed.port else ""
    user = f"{parsed.username}@" if parsed.username else ""
    return f"PostgreSQL: {user}{host}{port}/{parsed.database}"


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
        path = sqlite_file(url)
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
            create_sqlite_file(path, create_app_engine)
        with self._reader.connect() as connection:
            revisions = stored_revisions(connection)
            if revisions == {HEAD_REVISION}:
                return  # the everyday start: Alembic is not even imported
            if not revisions and has_app_tables(connection):
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
            marker = copy_before_upgrade(path, next(iter(revisions)), self.url)
        try:
            migrate_to_head(self.engine)
        except (DBAPIError, OSError) as exc:
            busy = isinstance(explain_sqlite_error(exc, self.url), DatabaseBusyError)
            if marker is None or path is None or busy:
                raise
            with contextlib.suppress(OSError):
                marker.write("failed")  # a later attempt reuses the copy, and is no 'interrupted'
            raise upgrade_failed(exc, marker, path) from exc
        if marker is not None:
            marker.path.unlink(missing_ok=True)
            storage.fsync_directory(marker.path.parent)
            self.upgrade_copy = marker.copy

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
        return sqlite_file(self.url)

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

            reader = self._reader
            if self.dialect == "postgresql":  # one snapshot for the whole session, not per query
                reader = reader.execution_options(isolation_level="REPEATABLE READ")
            self._snapshots = sessionmaker(reader, expire_on_commit=False)
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

    def open_idle_connections(self, count: int) -> int:
        """On a database server, open up to ``count`` connections and leave them idle in the
        pool; the number opened (0 on SQLite, where a connection is a file opened in a moment).

        A server connection costs a round trip, its authentication and a process on the server
        (some 20-40 ms on a two-core PC): opened by whichever thread first finds none idle, it
        was the UI thread's short reads (a handout's check of the clinic's details, the title)
        while workers held the others. Called in a worker at start."""
        if self.engine.dialect.name == "sqlite":
            return 0
        pool = self.engine.pool
        size = getattr(pool, "size", lambda: count)()
        wanted = min(count, size)  # more than the pool keeps would be closed again at once
        with contextlib.ExitStack() as held:
            for _ in range(wanted):
                held.enter_context(self.engine.connect())
        if self.engine.pool is not pool:
            # The database was closed meanwhile (close() disposes of the pool): the connections
            # just given back went to the old pool, which nobody closes; close them here.
            pool.dispose()
            return 0
        return wanted

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()
