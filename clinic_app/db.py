"""Database engine, sessions and migrations.

SQLite (one PC) gets WAL journaling, foreign keys, a busy timeout and full fsync on commit;
PostgreSQL (several workstations) is reached through psycopg 3. Migrations run to head at start.

Alembic (with Mako and Pygments, about a quarter of a second) is imported only when the
database is not already at the newest revision: the usual start reads ``alembic_version`` with
one plain query and compares it with :data:`clinic_app.migrations.HEAD_REVISION`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.exc import ArgumentError, DBAPIError

from clinic_app.migrations import HEAD_REVISION, VERSION_TABLE

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 5000
SUPPORTED_DRIVERS = ("sqlite", "sqlite+pysqlite", "postgresql", "postgresql+psycopg")


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


OPEN_ATTEMPTS = 3


def _sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
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


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


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
                directory.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseUnavailableError(
                    f"Cannot create the data folder {directory}: {exc.strerror}. "
                    "Choose another folder with --data-dir or fix its permissions."
                ) from exc
        engine = create_engine(
            url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, future=True
        )
        event.listen(engine, "connect", _set_sqlite_pragmas)
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
    """Apply every pending migration (idempotent)."""
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")


def stored_revisions(connection: Connection) -> set[str]:
    """The revisions recorded in the database (empty when it was never migrated).

    Plain SQL, so that the everyday start does not import Alembic.
    """
    if not connection.dialect.has_table(connection, VERSION_TABLE):
        return set()
    return set(connection.scalars(text(f"SELECT version_num FROM {VERSION_TABLE}")))


def is_at_head(engine: Engine) -> bool:
    """Whether the database is exactly at the newest revision this app ships."""
    with engine.connect() as connection:
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

    with engine.connect() as connection:
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


class Database:
    """An opened, migrated database and the factory of its sessions.

    ``on_wait`` is told (with a message for the person) when a locked SQLite database is
    retried at start-up.
    """

    def __init__(
        self,
        url: str,
        *,
        migrate: bool = True,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        self.url = url
        self.engine = create_app_engine(url)
        self._sessions: sessionmaker[Session] | None = None  # made by the first session()
        if migrate:
            self._migrate(on_wait)

    def _migrate(self, on_wait: Callable[[str], None] | None) -> None:
        for attempt in range(1, OPEN_ATTEMPTS + 1):
            try:
                migrate_if_needed(self.engine)
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

        A locked, full, read-only or damaged SQLite database raises the matching
        DatabaseUnavailableError subclass, whose message says what to do. The ORM is imported
        by the first session (the window's first screen reads without it: :meth:`reading`).
        """
        if self._sessions is None:
            from sqlalchemy.orm import sessionmaker

            self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        with self._explained(), self._sessions.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection for reads with SQLAlchemy Core, rolled back when the block ends (errors
        are explained as by :meth:`session`)."""
        with self._explained(), self.engine.connect() as connection:
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
