"""Fixtures shared by the whole suite.

Databases
    ``database``         a fresh, migrated :class:`clinic_app.db.Database` per test, once on SQLite
                         (a file in tmp_path) and once on PostgreSQL (test ids ``[sqlite]`` and
                         ``[postgres]``; select one backend with ``-k sqlite`` / ``-k postgres``).
    ``sqlite_database``  the same, SQLite only (GUI tests).
    ``postgres_url``     the URL of a fresh, EMPTY (un-migrated) PostgreSQL database, for
                         migration tests.

PostgreSQL is used when CLINIC_APP_TEST_DB_URL names a server, e.g.
``postgresql://clinic:clinic@localhost/clinic_test``; its role needs the CREATEDB right, and the
database it names is only used to issue CREATE/DROP DATABASE. Without it the PostgreSQL cases are
skipped, except under CI (env CI set), where a missing or unreachable server fails the run.
Speed: SQLite tests copy a file migrated once per test session (fixture ``sqlite_template``);
on PostgreSQL the schema is migrated once per test session into a template database
``clinic_tpl_<run>``; each test gets ``CREATE DATABASE clinic_t_<run>_<hex> TEMPLATE ...`` and
drops it afterwards. ``<run>`` is random per test run and each database's comment names the
machine and process that made it: at start a run drops only databases made on this machine by
a process that is gone (a killed run), never those of another run or another machine sharing
the server.

Others
    ``actor``     an audit Actor named "test:esthetician".
    ``data_dir``  tmp_path / "data", NOT created: the app must create its own data folder.

Tests import the installed package: under ``python -m pytest`` the working directory is first
on sys.path, which would shadow a regular (non-editable) install with the source tree, whose
``resources/`` folder only becomes ``clinic_app.resources`` once installed.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json
import re
import shutil
import socket
import sys
import time
import uuid
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ENV_TEST_DB_URL = "CLINIC_APP_TEST_DB_URL"


def _prefer_installed_package() -> None:
    try:
        direct_url = metadata.distribution("clinic-app").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return  # a bare checkout: the source tree is all there is
    if direct_url and json.loads(direct_url).get("dir_info", {}).get("editable"):
        return  # an editable install maps the source tree itself
    if "clinic_app" not in sys.modules:
        sys.path[:] = [p for p in sys.path if Path(p or os.curdir).resolve() != ROOT]


_prefer_installed_package()

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import URL, Engine, make_url  # noqa: E402
from sqlalchemy.exc import ProgrammingError  # noqa: E402

from clinic_app.config import normalise_db_url, sqlite_url  # noqa: E402
from clinic_app.db import Database  # noqa: E402
from clinic_app.services.security.identity import Actor  # noqa: E402


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _unavailable(reason: str) -> None:
    """Skip a PostgreSQL test, or fail it under CI, where every backend must run."""
    if _in_ci():
        pytest.fail(f"CI is set but PostgreSQL cannot be used: {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


DROP_ATTEMPTS = 5
LEFTOVER = re.compile(r"^clinic_(?:tpl|t)_[0-9a-f]+(?:_[0-9a-f]+)?$")
RUN = uuid.uuid4().hex[:10]  # this test run's databases are named after it
MAKER = json.dumps({"host": socket.gethostname(), "pid": os.getpid()})  # each one's comment


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _made_here_by_a_finished_run(comment: str | None) -> bool:
    """Whether a test database's comment (see MAKER) names this machine and a gone process."""
    try:
        maker = json.loads(comment or "")
        host, pid = maker["host"], int(maker["pid"])
    except (ValueError, TypeError, KeyError):
        return False  # not made by this suite's fixture as it is now: not ours to drop
    return host == socket.gethostname() and pid != os.getpid() and not _process_alive(pid)


class PostgresServer:
    """Creates and drops throw-away databases on the server named by CLINIC_APP_TEST_DB_URL."""

    def __init__(self, url: URL) -> None:
        self.url = url
        self.admin: Engine = create_engine(
            url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5}
        )
        self.template: str | None = None

    def url_of(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def create(self, template: str | None = None) -> str:
        name = f"clinic_t_{RUN}_{uuid.uuid4().hex[:12]}"
        clause = f" TEMPLATE {template}" if template else ""
        with self.admin.connect() as connection:
            connection.execute(text(f"CREATE DATABASE {name}{clause}"))
            connection.execute(text(f"COMMENT ON DATABASE {name} IS '{MAKER}'"))
        return name

    def drop(self, name: str) -> None:
        # FORCE cannot end another role's backend: an autovacuum worker that has just started
        # on the database refuses it; it is gone a moment later.
        for attempt in range(DROP_ATTEMPTS):
            try:
                with self.admin.connect() as connection:
                    connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                return
            except ProgrammingError as exc:
                if "pg_signal_backend" not in str(exc) or attempt == DROP_ATTEMPTS - 1:
                    raise
                time.sleep(0.2 * (attempt + 1))

    def migrated_template(self) -> str:
        """The template database holding the schema at head (migrated on first use)."""
        if self.template is None:
            name = f"clinic_tpl_{RUN}"
            with self.admin.connect() as connection:
                connection.execute(text(f"CREATE DATABASE {name}"))
                connection.execute(text(f"COMMENT ON DATABASE {name} IS '{MAKER}'"))
            Database(self.url_of(name)).close()  # migrates, then leaves no connection open
            self.template = name
        return self.template

    def drop_leftovers(self) -> None:
        """Drop the databases of earlier test runs on this machine that were killed midway:
        those whose comment names this host and a process that is gone."""
        listing = text("SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database")
        with self.admin.connect() as connection:
            rows = connection.execute(listing).all()
        for name, comment in rows:
            if LEFTOVER.match(name) and _made_here_by_a_finished_run(comment):
                self.drop(name)

    def close(self) -> None:
        if self.template is not None:
            self.drop(self.template)
        self.admin.dispose()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """The PostgreSQL test server (skipped, or failed under CI, when there is none)."""
    raw = os.environ.get(ENV_TEST_DB_URL, "").strip()
    if not raw:
        _unavailable(
            f"set {ENV_TEST_DB_URL}, e.g. postgresql://clinic:clinic@localhost/clinic_test"
        )
    server = PostgresServer(make_url(normalise_db_url(raw)))
    try:
        with server.admin.connect() as connection:
            may_create = connection.scalar(
                text("SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user")
            )
    except Exception as exc:  # any failure to reach the server is reported the same way
        server.admin.dispose()
        _unavailable(f"cannot connect to {ENV_TEST_DB_URL} ({server.url!r}): {exc}")
    if not may_create:
        server.admin.dispose()
        pytest.fail(f"the role of {ENV_TEST_DB_URL} needs the CREATEDB right", pytrace=False)
    server.drop_leftovers()
    yield server
    server.close()


def _postgres_database(request: pytest.FixtureRequest) -> Iterator[Database]:
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = server.create(template=server.migrated_template())
    database = Database(server.url_of(name))
    try:
        yield database
    finally:
        database.close()
        server.drop(name)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file migrated to head once per test session (tests get copies of it)."""
    path = tmp_path_factory.mktemp("sqlite_template") / "clinic.db"
    Database(sqlite_url(path)).close()
    return path


def _sqlite_database(tmp_path: Path, template: Path) -> Iterator[Database]:
    path = tmp_path / "db" / "clinic.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal"):  # closing the template checkpointed it: normally one file
        source = template.with_name(template.name + suffix)
        if source.exists():
            shutil.copyfile(source, path.with_name(path.name + suffix))
    database = Database(sqlite_url(path))  # already at head: opening checks, migrates nothing
    try:
        yield database
    finally:
        database.close()


@pytest.fixture(params=["sqlite", "postgres"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A fresh database migrated to head, on each backend."""
    if request.param == "sqlite":
        yield from _sqlite_database(tmp_path, request.getfixturevalue("sqlite_template"))
    else:
        yield from _postgres_database(request)


@pytest.fixture
def sqlite_database(tmp_path: Path, sqlite_template: Path) -> Iterator[Database]:
    """A fresh SQLite database migrated to head (for tests that need only one backend)."""
    yield from _sqlite_database(tmp_path, sqlite_template)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """The URL of a fresh, empty PostgreSQL database, dropped after the test."""
    name = postgres_server.create()
    yield postgres_server.url_of(name)
    postgres_server.drop(name)


@pytest.fixture
def actor() -> Actor:
    """Who the tests act as, in audit events: an administrator, who may do everything
    (tests/services/test_admin_permissions.py refuses a practitioner)."""
    return Actor(name="test:esthetician", role="administrator")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder path that does not exist yet."""
    return tmp_path / "data"


@pytest.fixture(autouse=True, scope="session")
def _cheap_password_hashing() -> Iterator[None]:
    """argon2 at its production cost takes about a second per hash on a small CI machine; the
    suite hashes with cheap parameters (tests/services/test_users_auth.py checks the real ones).
    """
    from clinic_app.services.security import passwords

    previous = passwords.use_parameters(time_cost=1, memory_cost=1024, parallelism=1)
    yield
    passwords.use_parameters(**previous)
