"""Migration 0003 computes the search terms with a frozen copy of the folding of its day: what it
writes does not change when the app's ``clinic_app.domain.text`` does (issue 18)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy import Engine

from clinic_app.config import sqlite_url
from clinic_app.db import alembic_config, create_app_engine
from clinic_app.domain import text

PATIENT = {
    "id": 1,
    "first_name": "Zoë",
    "last_name": "Ølsen-Núñez",
    "date_of_birth": dt.date(1980, 1, 2),
    "phone": "+34 612 000001",
    "email": "Z1@Example.com",
    "sort_key": "olsen-nunez zoe",
    "search_key": "old",
    "address": "",
    "emergency_contact_name": "",
    "emergency_contact_phone": "",
    "notes": "",
    "created_at": dt.datetime(2025, 3, 1, 9, 30, tzinfo=dt.UTC),
    "updated_at": dt.datetime(2025, 3, 1, 9, 30, tzinfo=dt.UTC),
    "version": 1,
}
# What 0003 writes for this patient (search terms version 2, frozen in the migration).
TERMS_0003 = [
    "000001", "00001", "0001", "001", "12000001", "1980-01-02", "2000001", "34612000001",
    "4612000001", "612000001", "example.com", "nunez", "olsen-nunez", "olsennunez",
    "z1@example.com", "zoe",
]  # fmt: skip
SEARCH_KEY_0002 = "zoe olsen-nunez 1980-01-02 34612000001 z1@example.com"


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = create_app_engine(sqlite_url(tmp_path / "old.db"))
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0002")
        columns = [sa.column(name) for name in PATIENT if name != "date_of_birth"]
        table = sa.table("patients", *columns, sa.column("date_of_birth", sa.Date()))
        connection.execute(sa.insert(table), [PATIENT])
    yield engine
    engine.dispose()


def _migrated(engine: Engine) -> tuple[list[str], str]:
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0003")
        terms = connection.execute(
            sa.text("SELECT term FROM patient_search_terms ORDER BY term")
        ).scalars()
        key = connection.execute(sa.text("SELECT search_key FROM patients")).scalar_one()
        return list(terms), key


@pytest.mark.parametrize("fold_changed", [False, True], ids=["fold-as-is", "fold-changed"])
def test_0003_writes_the_same_terms_whatever_fold_becomes(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, fold_changed: bool
) -> None:
    if fold_changed:
        monkeypatch.setattr(text, "fold", lambda value: f"changed:{value.upper()}")
        text._name_terms.cache_clear()
        monkeypatch.setattr(text, "digits", lambda value: "0")
        assert text.patient_terms("Zoë", "Ølsen", dt.date(1980, 1, 2)) != TERMS_0003
    terms, key = _migrated(engine)
    assert terms == TERMS_0003
    assert key == " ".join(TERMS_0003)
    with engine.begin() as connection:  # the downgrade's 0002 form is frozen too
        command.downgrade(alembic_config(connection), "0002")
        old_key = connection.execute(sa.text("SELECT search_key FROM patients")).scalar_one()
    assert old_key == SEARCH_KEY_0002
    text._name_terms.cache_clear()  # nothing folded with the patched fold stays cached
