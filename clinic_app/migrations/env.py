"""Alembic environment: runs on the connection handed over by ``clinic_app.db``.

Every pending migration runs in the caller's one transaction (``transaction_per_migration``
off, DDL transactional on both backends): a failure or a kill rolls all of them back, and the
database stays at the revision it had. SQLite alters tables in batch mode (copy and rename), and
defers its foreign key checks to the commit so that a table others refer to can be rebuilt.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine, event

from clinic_app.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    if not connection.in_transaction():
        raise RuntimeError("migrations run inside the caller's transaction (engine.begin())")
    if sqlite:
        connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")  # until the commit
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=sqlite,
        transaction_per_migration=False,
        transactional_ddl=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Use the caller's connection, or open one from ``sqlalchemy.url`` (developer use)."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    if engine.dialect.name == "sqlite":  # as clinic_app.db does: SQLAlchemy emits BEGIN itself
        event.listen(
            engine, "connect", lambda dbapi, _record: setattr(dbapi, "isolation_level", None)
        )
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
    with engine.begin() as conn:
        _run(conn)


if context.is_offline_mode():
    raise SystemExit("Offline (SQL script) migrations are not supported; run them online.")
run_migrations_online()
