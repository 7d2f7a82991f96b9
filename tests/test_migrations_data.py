"""Upgrading a database that holds data, from every earlier revision to head, on both backends.

Each earlier revision has a seeder that writes representative rows with that revision's schema
(raw Core tables, not today's models). After the upgrade every row is still there, the audit
trail verifies, and the app works on it (sign in, append events). A new migration must add a
seeder for the revision before it: ``test_every_earlier_revision_has_a_seeder`` says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from clinic_app.config import normalise_db_url, sqlite_url
from clinic_app.db import Database, alembic_config, create_app_engine, head_revision
from clinic_app.domain.text import digits, fold, patient_terms
from clinic_app.services.patients import patients
from clinic_app.services.security import audit, audit_trail, auth
from clinic_app.services.security.identity import Actor
from clinic_app.services.security.passwords import hash_password

T = dt.datetime(2025, 3, 1, 9, 30, 15, 123456, tzinfo=dt.UTC)
EVENTS = 2100  # more than one batch (2000) of the hashing data migration
PASSWORD = "old release pass"


INSTANT = sa.DateTime(timezone=True)
TYPES = {
    "created_at": INSTANT,
    "updated_at": INSTANT,
    "started_at": INSTANT,
    "occurred_at": INSTANT,
    "date_of_birth": sa.Date(),
    "answers": sa.JSON(),
    "content": sa.LargeBinary(),
    "active": sa.Boolean(),
}


def _table(name: str, *columns: str) -> sa.TableClause:
    """A table as that release had it (typed where the backends differ)."""
    return sa.table(name, *(sa.column(column, TYPES.get(column)) for column in columns))


def seed_0001(connection: Connection) -> None:
    """Rows as release 0001 wrote them: users, patients, a consultation, a session, a document,
    and a long audit trail without hashes."""
    now = T
    connection.execute(
        sa.insert(
            _table(
                "users",
                "id",
                "username",
                "display_name",
                "role",
                "password_hash",
                "active",
                "failed_logins",
                "created_at",
                "version",
            )
        ),
        [
            {
                "id": 1,
                "username": "maria",
                "display_name": "María Núñez",
                "role": "administrator",
                "password_hash": hash_password(PASSWORD),
                "active": True,
                "failed_logins": 2,
                "created_at": now,
                "version": 1,
            }
        ],
    )
    patient_columns = list(PATIENT_COLUMNS)  # as release 0001 stored a patient
    connection.execute(
        sa.insert(_table("patients", *patient_columns)),
        [
            dict.fromkeys(patient_columns, "")
            | {
                "id": number,
                "first_name": "Zoë",
                "last_name": f"O'Brien <b>&{number}",
                "date_of_birth": dt.date(1980, 1, 1) + dt.timedelta(days=number),
                "sort_key": f"obrien{number} zoe",
                "search_key": f"zoe obrien{number}",
                "created_at": now,
                "updated_at": now,
                "version": 1,
            }
            for number in range(1, 31)
        ],
    )
    connection.execute(
        sa.insert(
            _table(
                "consultations",
                "id",
                "patient_id",
                "practitioner_id",
                "status",
                "answers",
                "not_candidate_reason",
                "started_at",
                "updated_at",
                "version",
            )
        ).values(
            id=1,
            patient_id=1,
            practitioner_id=1,
            status="completed",
            answers={"fitzpatrick": 3},
            not_candidate_reason="",
            started_at=now,
            updated_at=now,
            version=2,
        )
    )
    connection.execute(
        sa.insert(
            _table(
                "generated_documents",
                "id",
                "patient_id",
                "kind",
                "template_version",
                "sha256",
                "content",
                "created_by_id",
                "created_at",
            )
        ).values(
            id=1,
            patient_id=1,
            kind="pre_care",
            template_version="1",
            sha256="0" * 64,
            content=b"%PDF-1.4 bytes",
            created_by_id=1,
            created_at=now,
        )
    )
    events = _table(
        "audit_events",
        "occurred_at",
        "user_id",
        "actor",
        "action",
        "entity_type",
        "entity_id",
        "summary",
    )
    connection.execute(
        sa.insert(events),
        [
            {
                # whole seconds too: stored without a fraction by some writers
                "occurred_at": now + dt.timedelta(seconds=n, microseconds=0 if n % 3 else 7),
                "user_id": 1 if n % 2 else None,
                "actor": "maria" if n % 2 else "os:ñandú",
                "action": ("create", "update", "view")[n % 3],
                "entity_type": "patient",
                "entity_id": 1 + n % 30,
                "summary": "changed notes, phone" if n % 3 == 1 else "patient registered ☃",
            }
            for n in range(EVENTS)
        ],
    )
    if connection.dialect.name == "sqlite":  # an instant written without a fraction of a second
        connection.execute(
            sa.text("UPDATE audit_events SET occurred_at = '2025-03-01 09:31:00' WHERE id = 2")
        )


def seed_0002(connection: Connection) -> None:
    """Rows as release 0002 had them: those of 0001, their audit trail hashed and chained (as
    the 0002 migration and that release's app both did), and an application setting."""
    command.downgrade(alembic_config(connection), "0001")
    seed_0001(connection)
    command.upgrade(alembic_config(connection), "0002")
    connection.execute(
        sa.insert(_table("app_settings", "key", "value", "updated_at")),
        [{"key": "idle_lock_minutes", "value": "7", "updated_at": T}],
    )


def seed_0003(connection: Connection) -> None:
    """Rows as release 0003 had them: those of 0002, with the search index 0003 filled."""
    command.downgrade(alembic_config(connection), "0002")
    seed_0002(connection)
    command.upgrade(alembic_config(connection), "0003")


def seed_0004(connection: Connection) -> None:
    """Rows as release 0004 had them: those of 0003 (0004 only added indexes)."""
    command.downgrade(alembic_config(connection), "0003")
    seed_0003(connection)
    command.upgrade(alembic_config(connection), "0004")


def seed_0005(connection: Connection) -> None:
    """Rows as release 0005 had them: those of 0004 (0005 added empty tables)."""
    command.downgrade(alembic_config(connection), "0004")
    seed_0004(connection)
    command.upgrade(alembic_config(connection), "0005")


def seed_0006(connection: Connection) -> None:
    """Rows as release 0006 had them: those of 0005 and a signed consent of patient 1 (0007
    rebuilds the patients table on SQLite: the consent's reference to it must survive)."""
    command.downgrade(alembic_config(connection), "0005")
    seed_0005(connection)
    command.upgrade(alembic_config(connection), "0006")
    strokes = sa.JSON()
    columns = (
        "id", "kind", "patient_id", "consultation_id", "content_id", "content_version", "text",
        "plan_fingerprint", "findings_fingerprint", "patient_name", "witness_name",
        "patient_strokes", "witness_strokes", "patient_png", "witness_png", "photo_clinical",
        "photo_marketing", "reason", "signed_at", "sha256",
    )  # fmt: skip
    table = sa.table(
        "consents",
        *(
            sa.column(
                name,
                strokes
                if name.endswith("_strokes")
                else sa.LargeBinary()
                if name.endswith("_png")
                else sa.Boolean()
                if name.startswith("photo_")
                else INSTANT
                if name == "signed_at"
                else None,
            )
            for name in columns
        ),
    )
    connection.execute(
        sa.insert(table),
        [
            {
                "id": 1, "kind": "consent", "patient_id": 1, "consultation_id": None,
                "content_id": "co2_resurfacing", "content_version": "1.0",
                "text": "# Consent to ablative fractional CO2 laser resurfacing\n",
                "plan_fingerprint": "p" * 64, "findings_fingerprint": "f" * 64,
                "patient_name": "Zoë O'Brien", "witness_name": "Maria",
                "patient_strokes": {"width": 1.0, "height": 1.0, "strokes": []},
                "witness_strokes": {"width": 1.0, "height": 1.0, "strokes": []},
                "patient_png": b"", "witness_png": b"", "photo_clinical": True,
                "photo_marketing": False, "reason": "", "signed_at": T, "sha256": "0" * 64,
            }
        ],
    )  # fmt: skip


def seed_0007(connection: Connection) -> None:
    """Rows as release 0007 had them: those of 0006, every patient reading English."""
    command.downgrade(alembic_config(connection), "0006")
    seed_0006(connection)
    command.upgrade(alembic_config(connection), "0007")


def seed_0008(connection: Connection) -> None:
    """Rows as release 0008 had them: those of 0007 (0008 added the empty follow-ups table)."""
    command.downgrade(alembic_config(connection), "0007")
    seed_0007(connection)
    command.upgrade(alembic_config(connection), "0008")


def seed_0009(connection: Connection) -> None:
    """Rows as release 0009 had them: those of 0008 (0009 added the empty photo tables; 0010
    only an index of the search terms already there)."""
    command.downgrade(alembic_config(connection), "0008")
    seed_0008(connection)
    command.upgrade(alembic_config(connection), "0009")


SEEDERS: dict[str, Callable[[Connection], None]] = {
    "0001": seed_0001,
    "0002": seed_0002,
    "0003": seed_0003,
    "0004": seed_0004,
    "0005": seed_0005,
    "0006": seed_0006,
    "0007": seed_0007,
    "0008": seed_0008,
    "0009": seed_0009,
}


def earlier_revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return [r.revision for r in script.walk_revisions() if r.revision != script.get_current_head()]


@pytest.fixture(params=["sqlite", "postgres"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield sqlite_url(tmp_path / "old.db")
    else:
        yield normalise_db_url(request.getfixturevalue("postgres_url"))


def _upgrade(engine: Engine, revision: str) -> None:
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def test_every_earlier_revision_has_a_seeder() -> None:
    assert set(earlier_revisions()) == set(SEEDERS)


@pytest.mark.parametrize("revision", earlier_revisions())
def test_upgrade_with_data_keeps_every_row_and_a_valid_audit_chain(
    empty_url: str, revision: str
) -> None:
    engine = create_app_engine(empty_url)
    try:
        _upgrade(engine, revision)
        with engine.begin() as connection:
            SEEDERS[revision](connection)
            before = _snapshot(connection)
        _upgrade(engine, "head")
        with engine.begin() as connection:
            assert _snapshot(connection) == before
    finally:
        engine.dispose()

    database = Database(empty_url)  # what the app does at start: already at head
    try:
        with database.session() as session:
            # The search index was filled for the patients already there (migration 0003).
            assert patients.count(session, "zoe o'brien", include_archived=True) == 30
            assert [row.id for row in patients.find(session, "obrien 1980-01-03")] == [2]
            result = audit_trail.verify(session)
            assert result.ok, result.message
            assert result.checked == EVENTS
            signed = auth.sign_in(session, "maria", PASSWORD)
            assert signed.ok, signed.message
            audit.record(session, Actor("maria", 1), "view", "patient", 1, "patient opened")
        with database.session() as session:
            assert audit_trail.verify(session).checked == EVENTS + 2  # + login + view
        assert database.engine.dialect.name in ("sqlite", "postgresql")
    finally:
        database.close()
    engine = create_app_engine(empty_url)
    try:
        with engine.connect() as connection:
            version = connection.scalar(sa.text("SELECT version_num FROM alembic_version"))
        assert version == head_revision()
    finally:
        engine.dispose()


def _snapshot(connection: Connection) -> dict[str, list[tuple[object, ...]]]:
    """The rows that existed before the upgrade, in comparable form."""
    queries = {
        "users": "SELECT id, username, display_name, role, password_hash, failed_logins FROM users",
        "patients": "SELECT id, first_name, last_name, date_of_birth FROM patients ORDER BY id",
        "consultations": "SELECT id, patient_id, status, version FROM consultations",
        "documents": "SELECT id, sha256, content FROM generated_documents",
        "events": "SELECT id, user_id, actor, action, entity_id, summary FROM audit_events "
        "ORDER BY id",
    }
    return {
        name: [tuple(row) for row in connection.execute(sa.text(sql))]
        for name, sql in queries.items()
    }


def _patients_with_terms(connection: Connection) -> list[tuple[int, str, set[str]]]:
    table = _table("patients", "id", "first_name", "last_name", "date_of_birth", "phone", "email")
    rows = connection.execute(sa.select(table)).all()
    indexed: dict[int, set[str]] = {}
    for term, patient_id in connection.execute(
        sa.text("SELECT term, patient_id FROM patient_search_terms")
    ):
        indexed.setdefault(patient_id, set()).add(term)
    return [
        (row.id, " ".join(patient_terms(*row[1:4], row.phone, row.email)), indexed[row.id])
        for row in rows
    ]


def test_0003_indexes_the_stored_patients_and_its_downgrade_restores_the_old_search_key(
    empty_url: str,
) -> None:
    """Every stored patient gets the terms the app would give them, in more than one batch."""
    engine = create_app_engine(empty_url)
    try:
        _upgrade(engine, "0002")
        with engine.begin() as connection:
            connection.execute(
                sa.insert(_table("patients", *PATIENT_COLUMNS)),
                [_patient_0002(number) for number in range(1, 2502)],  # 0003 reads 2000 at a time
            )
        _upgrade(engine, "0003")
        with engine.begin() as connection:
            found = _patients_with_terms(connection)
            stored = dict(connection.execute(sa.text("SELECT id, search_key FROM patients")).all())
            sort_keys = set(
                connection.execute(
                    sa.text(
                        "SELECT count(*) FROM patient_search_terms t JOIN patients p"
                        " ON p.id = t.patient_id WHERE p.sort_key <> t.sort_key"
                    )
                ).scalars()
            )
        assert len(found) == 2501
        for patient_id, key, terms in found:
            assert set(key.split(" ")) == terms
            assert stored[patient_id] == key
        assert sort_keys == {0}
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0002")
            first = connection.execute(
                sa.text(
                    "SELECT first_name, last_name, phone, email, search_key FROM patients"
                    " WHERE id = 7"
                )
            ).one()
            assert "patient_search_terms" not in sa.inspect(connection).get_table_names()
        assert first.search_key == " ".join(
            [
                fold(first.first_name),
                fold(first.last_name),
                "1980-01-08",
                digits(first.phone),
                fold(first.email),
            ]
        )
    finally:
        engine.dispose()


PATIENT_COLUMNS = (
    "id",
    "first_name",
    "last_name",
    "date_of_birth",
    "phone",
    "email",
    "address",
    "emergency_contact_name",
    "emergency_contact_phone",
    "notes",
    "sort_key",
    "search_key",
    "created_at",
    "updated_at",
    "version",
)


def _patient_0002(number: int) -> dict[str, object]:
    first, last = ("Zoë", "Ølsen-Núñez") if number % 2 else ("Seán", f"O’Brien{number}")
    return dict.fromkeys(PATIENT_COLUMNS, "") | {
        "id": number,
        "first_name": first,
        "last_name": last,
        "date_of_birth": dt.date(1980, 1, 1) + dt.timedelta(days=number),
        "phone": f"+34 612 {number:06}",
        "email": f"z{number}@example.com" if number % 3 else "",
        "sort_key": f"{fold(last)} {fold(first)}",
        "search_key": "old",
        "created_at": T,
        "updated_at": T,
        "version": 1,
    }


@pytest.mark.parametrize("revision", ["0006"])
def test_0007_gives_every_stored_patient_english(empty_url: str, revision: str) -> None:
    """Patients stored before 0007 read English, the only language printed until then; a
    consent that names one of them still does."""
    engine = create_app_engine(empty_url)
    try:
        _upgrade(engine, revision)
        with engine.begin() as connection:
            SEEDERS[revision](connection)
            count = connection.scalar(sa.text("SELECT count(*) FROM patients"))
        _upgrade(engine, "0007")
        with engine.begin() as connection:
            languages = connection.execute(sa.text("SELECT DISTINCT language FROM patients"))
            assert [row[0] for row in languages] == ["en"]
            assert connection.scalar(sa.text("SELECT count(*) FROM patients")) == count
            assert connection.scalar(sa.text("SELECT patient_id FROM consents")) == 1
            connection.execute(  # an older app's insert, without the column: English
                sa.text(
                    "INSERT INTO patients (id, first_name, last_name, date_of_birth, phone, "
                    "email, address, emergency_contact_name, emergency_contact_phone, notes, "
                    "sort_key, search_key, created_at, updated_at, version) VALUES (9001, 'A', "
                    "'B', '1980-01-01', '', '', '', '', '', '', 'a b', 'a b', :t, :t, 1)"
                ),
                {"t": T},
            )
            added = connection.scalar(sa.text("SELECT language FROM patients WHERE id = 9001"))
            assert added == "en"
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0006")
            names = {c["name"] for c in sa.inspect(connection).get_columns("patients")}
            assert "language" not in names
    finally:
        engine.dispose()
