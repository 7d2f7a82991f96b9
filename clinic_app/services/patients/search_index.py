"""Keeps the stored search terms in step with what a term is (docs/search.md).

A patient's terms (``patients.search_key`` and their ``patient_search_terms`` rows) come from a
pure function, ``clinic_app.domain.text.patient_terms``. When a release changes what a term is,
the terms stored by an older release are recomputed here, not by an Alembic migration: the
database records which definition its terms follow (the ``app_settings`` row VERSION_KEY), and
the window (after its first screen, in a worker thread) and ``clinic-app patients`` call
:func:`refresh`, which does nothing once the database is current.

``TERMS_VERSION`` names the definition: 1 is release 0003's (each word, its parts, the word
without punctuation), 2 adds every ending of a compound word ("nunez-o'brien": "o'brien",
"obrien"). Bump it with any change of ``patient_terms`` or ``sort_key``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, column, delete, select, table, update
from sqlalchemy.orm import Session

from clinic_app.domain.patient_rules import PatientFields
from clinic_app.models import AppSetting, utc_now
from clinic_app.services.patients import patients
from clinic_app.services.patients.patient_search import PATIENTS, SEARCH_TERMS
from clinic_app.services.security import audit
from clinic_app.services.security.identity import Actor

TERMS_VERSION = 2
VERSION_KEY = "patient_search_terms_version"
BATCH = 2000  # patients read at a time
SEARCH_INDEX_ACTOR = Actor("clinic-app:search-index")
APP_SETTINGS = table("app_settings", column("key"), column("value"))  # models.AppSetting

_COLUMNS = (
    PATIENTS.c.id,
    PATIENTS.c.first_name,
    PATIENTS.c.last_name,
    PATIENTS.c.date_of_birth,
    PATIENTS.c.phone,
    PATIENTS.c.email,
    PATIENTS.c.sort_key,
    PATIENTS.c.search_key,
)
# The derived keys only: no version bump (an edit open elsewhere stays valid) and no
# updated_at (nobody edited the patient).
_SET_KEYS = (
    update(PATIENTS)
    .where(PATIENTS.c.id == bindparam("b_id"))
    .values(sort_key=bindparam("b_sort_key"), search_key=bindparam("b_search_key"))
)


def stored_version(reader: Connection) -> int:
    """The definition the stored terms follow (1 when the database does not say)."""
    value = reader.execute(
        select(APP_SETTINGS.c.value).where(APP_SETTINGS.c.key == VERSION_KEY)
    ).scalar()
    try:
        return int(value) if value is not None else 1
    except ValueError:
        return 1


def is_current(reader: Connection) -> bool:
    """Whether the stored terms follow TERMS_VERSION."""
    return stored_version(reader) >= TERMS_VERSION


def _keys(row: Any) -> tuple[str, str]:
    fields = PatientFields(
        first_name=row.first_name,
        last_name=row.last_name,
        date_of_birth=row.date_of_birth,
        phone=row.phone,
        email=row.email,
    )
    keys = patients.derived_keys(fields)
    return keys["sort_key"], keys["search_key"]


def refresh(session: Session, *, force: bool = False, batch: int = BATCH) -> int:
    """Recompute the search terms of every patient when the database is behind TERMS_VERSION
    (or ``force``); rewrite those that differ; return how many patients were rewritten.

    Patients are read ``batch`` at a time in id order; those whose terms changed are read
    again under a row lock (PostgreSQL: another workstation refreshing or editing the same
    patient waits, then finds the terms current) and rewritten with their index rows. One
    audit event tells how many, when any."""
    if not force and is_current(session.connection()):
        return 0
    rewritten, last_id = 0, 0
    while True:
        rows = session.execute(
            select(*_COLUMNS).where(PATIENTS.c.id > last_id).order_by(PATIENTS.c.id).limit(batch)
        ).all()
        if not rows:
            break
        last_id = rows[-1].id
        stale = [row.id for row in rows if _keys(row) != (row.sort_key, row.search_key)]
        if stale:
            rewritten += _rewrite(session, stale)
    _mark_current(session)
    if rewritten:
        audit.record(
            session,
            SEARCH_INDEX_ACTOR,
            "update",
            "patient_search_terms",
            None,
            f"search terms of {rewritten} patient(s) computed again (version {TERMS_VERSION})",
        )
    return rewritten


def _rewrite(session: Session, ids: list[int]) -> int:
    locked = session.execute(
        select(*_COLUMNS).where(PATIENTS.c.id.in_(ids)).order_by(PATIENTS.c.id).with_for_update()
    ).all()
    changes = []
    for row in locked:
        key, terms = _keys(row)
        if (key, terms) != (row.sort_key, row.search_key):
            changes.append((row.id, key, terms))
    if not changes:
        return 0
    session.execute(
        _SET_KEYS,
        [{"b_id": pid, "b_sort_key": key, "b_search_key": terms} for pid, key, terms in changes],
    )
    changed_ids = [pid for pid, _key, _terms in changes]
    session.execute(delete(SEARCH_TERMS).where(SEARCH_TERMS.c.patient_id.in_(changed_ids)))
    patients.write_search_terms(
        session,
        [(term, key, pid) for pid, key, terms in changes for term in terms.split(" ")],
    )
    return len(changes)


def _mark_current(session: Session) -> None:
    """Record TERMS_VERSION (an upsert: two workstations may both get here)."""
    # The dialect's own insert, imported here: SQLAlchemy's PostgreSQL package (its asyncpg,
    # pg8000 and psycopg2 modules with it) is some 2 MB that a window on SQLite never needs.
    if session.connection().dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql as dialect
    else:
        from sqlalchemy.dialects import sqlite as dialect  # type: ignore[no-redef]
    values = {"key": VERSION_KEY, "value": str(TERMS_VERSION), "updated_at": utc_now()}
    stmt = dialect.insert(AppSetting).values(**values)
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=[AppSetting.key],
            set_={"value": stmt.excluded.value, "updated_at": stmt.excluded.updated_at},
        )
    )
