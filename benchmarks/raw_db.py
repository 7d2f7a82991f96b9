"""The bare driver under the app, for the baselines: sqlite3 on SQLite, psycopg on PostgreSQL.

Each baseline is written once with ``?`` placeholders; :func:`connect` hands back a DB-API
connection of the benchmarked database's own kind and a function that adapts the placeholders,
so the SQLite and PostgreSQL runs measure the same statements against their own floor."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy.engine import make_url

Adapt = Callable[[str], str]


def is_postgres(url: str) -> bool:
    """Whether ``url`` names a PostgreSQL server (anything else here is an SQLite file)."""
    return make_url(url).get_backend_name() == "postgresql"


@contextmanager
def connect(url: str, *, autocommit: bool = False) -> Iterator[tuple[Any, Adapt]]:
    """A raw DB-API connection to ``url`` and the placeholder adapter for its driver."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        import psycopg

        connection: Any = psycopg.connect(
            host=parsed.host or "localhost",
            port=parsed.port or 5432,
            user=parsed.username,
            password=parsed.password,
            dbname=parsed.database,
            autocommit=autocommit,
        )
        adapt: Adapt = lambda sql: sql.replace("?", "%s")  # noqa: E731
    else:
        connection = sqlite3.connect(parsed.database or "")
        if autocommit:
            connection.isolation_level = None  # statements as given, BEGIN/COMMIT included
        adapt = lambda sql: sql  # noqa: E731
    try:
        yield connection, adapt
    finally:
        connection.close()
