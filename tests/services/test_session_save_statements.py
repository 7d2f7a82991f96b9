"""What one save of a treatment session sends to the database, on SQLite and PostgreSQL.

Counts, not times (docs/performance.md, "What one save sends"): each fact is read once, the
draft's number travels in its INSERT, the audit chain's head is locked and read by one UPDATE
... RETURNING. A change that brings back a repeated read (a consultation read again because the
identity map had let it go, a lazy load, an UPDATE after the INSERT) fails here with the list
of statements sent.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from session_factories import GENTLE_FACE, UTC, add_consultation, area, session_input
from sqlalchemy import event

from clinic_app.db import Database
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.domain.sessions.session_record import SessionInput
from clinic_app.services.patients import patients
from clinic_app.services.security.audit_trail import verify
from clinic_app.services.security.identity import Actor
from clinic_app.services.sessions import session_drafts, session_signing
from clinic_app.services.sessions.session_resources import SessionResources, load_resources

FIRST = dt.datetime(2026, 2, 1, 9, 30, tzinfo=UTC)
SECOND = dt.datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
AREAS = ("cheeks", "forehead", "chin")  # three areas, as benchmarks/save.py saves
VERB = re.compile(
    r"^\s*(SELECT|INSERT INTO|UPDATE|DELETE FROM|BEGIN|SAVEPOINT|RELEASE)\b(.*)", re.S
)
TABLE = re.compile(r"\bFROM\s+([a-z_]+)")


def _kind(statement: str) -> str:
    """``SELECT consultations``, ``INSERT INTO session_areas``, ``BEGIN``: verb and table."""
    found = VERB.match(statement)
    if found is None:
        return statement.split()[0]
    verb, rest = found.groups()
    if verb == "SELECT":
        table = TABLE.search(rest)
        return f"SELECT {table.group(1) if table else '?'}"
    if verb in ("BEGIN", "SAVEPOINT", "RELEASE"):
        return verb
    return f"{verb} {rest.split()[0]}"


@contextmanager
def sent(database: Database) -> Iterator[list[str]]:
    """The statements the block sends, each as :func:`_kind` names it (one a cursor
    execution: one round trip on PostgreSQL; BEGIN is SQLite's own, psycopg sends its BEGIN
    and COMMIT outside the cursor)."""
    kinds: list[str] = []

    def note(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        kinds.append(_kind(statement))

    event.listen(database.engine, "before_cursor_execute", note)
    try:
        yield kinds
    finally:
        event.remove(database.engine, "before_cursor_execute", note)


@pytest.fixture(scope="module")
def resources() -> SessionResources:
    return load_resources()


@pytest.fixture
def history(database: Database, actor: Actor, resources: SessionResources) -> tuple[int, int]:
    """A patient whose consultation has a finding and a plan, with one signed session:
    (patient id, consultation id)."""
    with database.session() as session:
        fields = PatientFields(
            first_name="Lea", last_name="Brun", date_of_birth=dt.date(1980, 1, 2)
        )
        patient_id = patients.create(session, actor, fields).id
        consultation = add_consultation(
            session,
            patient_id,
            findings=(("isotretinoin", "relative", "proceed", "Stopped a year ago."),),
        )
        data = _three_areas(patient_id, consultation.id, FIRST)
        draft = session_drafts.save(session, actor, data, resources, now=FIRST)
        session_signing.sign(
            session, actor, draft.id, resources, expected_version=draft.version, now=FIRST, tz=UTC
        )
        return patient_id, consultation.id


def _three_areas(patient_id: int, consultation_id: int, when: dt.datetime) -> SessionInput:
    areas = tuple(area(name, **GENTLE_FACE) for name in AREAS)
    return session_input(patient_id, consultation_id=consultation_id, when=when, areas=areas)


def _begin(database: Database) -> list[str]:
    return ["BEGIN"] if database.dialect == "sqlite" else []


def _area_inserts(database: Database) -> list[str]:
    """PostgreSQL gets the areas in one statement (insertmanyvalues); SQLite one by one, which
    the ORM needs to match each RETURNING row to its area there (no round trips in-process)."""
    count = 1 if database.dialect == "postgresql" else len(AREAS)
    return ["INSERT INTO session_areas"] * count


def test_a_new_draft_reads_each_fact_once_and_writes_each_row_once(
    database: Database, actor: Actor, resources: SessionResources, history: tuple[int, int]
) -> None:
    patient_id, consultation_id = history
    data = _three_areas(patient_id, consultation_id, SECOND)
    with sent(database) as kinds, database.session() as session:
        record = session_drafts.save(session, actor, data, resources, now=SECOND)
    assert kinds == [
        *_begin(database),
        "SELECT patients",  # the patient is there
        "SELECT test_spots",  # the clinical picture: test spots,
        "SELECT gate_overrides",  # overrides,
        "SELECT consultations",  # the newest consultation with its plan and findings
        "SELECT treatment_sessions",  # the series so far
        "INSERT INTO treatment_sessions",  # the draft, numbered
        *_area_inserts(database),
        "UPDATE audit_chain_head",  # lock the chain and read its newest hash
        "INSERT INTO audit_events",
        "UPDATE audit_chain_head",  # the chain's new head
    ]
    series = record.series
    assert (record.version, series.number, series.planned, series.interval_weeks) == (1, 2, 3, 4)
    with database.session() as session:
        assert verify(session).ok


def test_saving_a_draft_again_reads_its_consultation_once(
    database: Database, actor: Actor, resources: SessionResources, history: tuple[int, int]
) -> None:
    patient_id, consultation_id = history
    data = _three_areas(patient_id, consultation_id, SECOND)
    with database.session() as session:
        draft = session_drafts.save(session, actor, data, resources, now=SECOND)
    changed = session_input(
        patient_id,
        consultation_id=consultation_id,
        when=SECOND,
        areas=tuple(area(name, **GENTLE_FACE) for name in AREAS[:2]),
    )
    with sent(database) as kinds, database.session() as session:
        saved = session_drafts.save(
            session,
            actor,
            changed,
            resources,
            session_id=draft.id,
            expected_version=draft.version,
            now=SECOND,
        )
    assert kinds.count("SELECT consultations") == 1, kinds
    assert kinds.count("UPDATE treatment_sessions") == 1, kinds  # the series did not move
    assert kinds.count("UPDATE audit_chain_head") == 2, kinds
    assert "SELECT audit_chain_head" not in kinds
    assert saved.version == draft.version + 1 and len(saved.areas) == 2
    with database.session() as session:
        assert verify(session).ok
