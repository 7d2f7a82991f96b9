"""Migrations on both backends: empty -> head matches the models, and down and up again."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from clinic_app.config import normalise_db_url, sqlite_url
from clinic_app.db import alembic_config, create_app_engine, current_revision, head_revision
from clinic_app.models import Base


@pytest.fixture(params=["sqlite", "postgres"])
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An engine on an empty database of each backend."""
    if request.param == "sqlite":
        url = sqlite_url(tmp_path / "empty.db")
    else:
        url = normalise_db_url(request.getfixturevalue("postgres_url"))
    engine = create_app_engine(url)
    yield engine
    engine.dispose()


def upgrade(engine: Engine, revision: str = "head") -> None:
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), revision)


def differences(engine: Engine) -> list:
    with engine.connect() as connection, warnings.catch_warnings():
        # SQLite's reflection cannot read the head index of the search terms (an expression):
        # test_the_head_index_is_built checks it instead.
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based")
        warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified expression")
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, Base.metadata)


def tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names()) - {"alembic_version"}


def test_upgrade_from_empty_to_head_matches_the_models(empty_engine: Engine) -> None:
    assert current_revision(empty_engine) is None
    upgrade(empty_engine)
    assert current_revision(empty_engine) == head_revision()
    assert tables(empty_engine) == set(Base.metadata.tables)
    assert differences(empty_engine) == []


def test_downgrade_to_base_and_upgrade_again(empty_engine: Engine) -> None:
    upgrade(empty_engine)
    downgrade(empty_engine)
    assert tables(empty_engine) == set()
    assert current_revision(empty_engine) is None
    upgrade(empty_engine)
    assert current_revision(empty_engine) == head_revision()
    assert differences(empty_engine) == []


def test_comparison_would_notice_a_model_the_migrations_lack(empty_engine: Engine) -> None:
    """The check above can fail: a table missing from the database is reported."""
    upgrade(empty_engine)
    with empty_engine.begin() as connection:
        Base.metadata.tables["audit_events"].drop(connection)
    found = differences(empty_engine)
    assert any(diff[0] == "add_table" and diff[1].name == "audit_events" for diff in found)


def test_history_is_linear() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_heads() == [head_revision()]
    assert len(script.get_bases()) == 1


# Every foreign key a save, an amendment or a deletion looks up by: without its index each of
# those reads the whole table (a session save took 40 ms at 4 000 patients, growing with them).
LOOKED_UP_BY = [
    ("consultations", "patient_id"),
    ("consultations", "amends_id"),
    ("treatment_sessions", "patient_id"),
    ("treatment_sessions", "consultation_id"),
    ("treatment_sessions", "amends_id"),
    ("session_areas", "session_id"),
    ("screening_findings", "consultation_id"),
    ("generated_documents", "patient_id"),
    ("generated_documents", "session_id"),
    ("generated_documents", "consultation_id"),
    ("followups", "patient_id"),
    ("followups", "session_id"),
]


def test_every_foreign_key_looked_up_by_leads_an_index(empty_engine: Engine) -> None:
    upgrade(empty_engine)
    inspector = inspect(empty_engine)
    missing = [
        (table, column)
        for table, column in LOOKED_UP_BY
        if not any(index["column_names"][:1] == [column] for index in inspector.get_indexes(table))
    ]
    assert not missing


def test_the_head_index_is_built(empty_engine: Engine) -> None:
    """Migration 0010's head index of the search terms (an expression, which the comparison
    with the models cannot read on SQLite) is there, and gone after a downgrade."""
    upgrade(empty_engine)

    def has_head_index() -> bool:
        with empty_engine.connect() as connection:
            if empty_engine.dialect.name == "sqlite":
                sql = "SELECT name FROM sqlite_master WHERE type = 'index'"
            else:
                sql = "SELECT indexname FROM pg_indexes WHERE tablename = 'patient_search_terms'"
            return "ix_patient_search_terms_head" in set(connection.exec_driver_sql(sql).scalars())

    assert has_head_index()
    downgrade(empty_engine, "0009")
    assert not has_head_index()
