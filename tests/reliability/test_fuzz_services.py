"""Hypothesis throws arbitrary input at every use case a person or a command line can reach, on
SQLite and PostgreSQL: the only acceptable failures are the services' own errors (ServiceError:
ValidationError naming the field, NotFoundError, StaleRecordError, ...) with a readable
message; never a crash from the database driver, and the database stays usable."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinic_app.db import Database
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.services import backup
from clinic_app.services.errors import ServiceError, ValidationError
from clinic_app.services.handouts import handouts
from clinic_app.services.patients import patient_import, patients
from clinic_app.services.security import audit_trail, auth, users
from clinic_app.services.security.audit_trail import AuditFilter
from clinic_app.services.security.identity import Actor
from clinic_app.services.settings import app_settings, clinic
from clinic_app.services.settings.clinic import ClinicDetails

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ACTOR = Actor("test:fuzz", role="administrator")
TODAY = dt.date(2026, 11, 21)

texts = st.text(max_size=120) | st.sampled_from(["", " ", "\x00", "Zoë", "O'Brien <b>&amp;"])
long_texts = st.text(max_size=12000) | texts
ids = st.integers(min_value=-(2**70), max_value=2**70) | st.integers(min_value=-2, max_value=50)
dates = st.none() | st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
instants = st.none() | st.datetimes(
    min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9998, 12, 31), timezones=st.just(dt.UTC)
)
patient_fields = st.builds(
    PatientFields,
    first_name=texts,
    last_name=texts,
    date_of_birth=dates,
    phone=texts,
    email=texts,
    address=long_texts,
    emergency_contact_name=texts,
    emergency_contact_phone=texts,
    notes=long_texts,
    language=texts | st.sampled_from(["en", "es", " ES "]),
)


def expect_clear(call: Callable[[], Any]) -> Any:
    """Run ``call``: success, or a ServiceError whose message a person can read."""
    try:
        return call()
    except ValidationError as exc:
        assert exc.errors, "a ValidationError names at least one field"
        for field, message in exc.errors.items():
            assert isinstance(field, str) and field
            assert isinstance(message, str) and len(message) > 10, message
        return None
    except ServiceError as exc:
        assert len(str(exc)) > 10, repr(exc)
        return None


def in_session(database: Database, work: Callable[[Any], Any]) -> Any:
    """``work(session)`` in one unit of work; a service error rolls it back, as in the app."""
    return expect_clear(lambda: _run(database, work))


def _run(database: Database, work: Callable[[Any], Any]) -> Any:
    with database.session() as session:
        return work(session)


@pytest.fixture
def fuzz_db(database: Database) -> Database:
    """A database with clinic details and one patient, for the use cases that need them."""
    with database.session() as session:
        clinic.save(session, ACTOR, ClinicDetails(name="Clínica", phone="+34 910 000 000"))
        fields = PatientFields("Ana", "Base", dt.date(1980, 1, 1))
        patients.create(session, ACTOR, fields, today=TODAY)
    return database


def _still_usable(database: Database) -> None:
    with database.session() as session:
        assert patients.count(session, include_archived=True) >= 1
        assert audit_trail.verify(session).ok


def test_patients(fuzz_db: Database) -> None:
    @FUZZ
    @given(fields=patient_fields, duplicate=st.booleans())
    def create(fields: PatientFields, duplicate: bool) -> None:
        created = in_session(
            fuzz_db,
            lambda s: patients.fields_of(
                patients.create(s, ACTOR, fields, allow_duplicate=duplicate, today=TODAY)
            ),
        )
        if created is not None:
            assert created == fields.cleaned()  # stored exactly as typed (less outer spaces)

    @FUZZ
    @given(patient_id=ids, fields=patient_fields, version=ids, duplicate=st.booleans())
    def update(patient_id: int, fields: PatientFields, version: int, duplicate: bool) -> None:
        in_session(
            fuzz_db,
            lambda s: patients.update(
                s,
                ACTOR,
                patient_id,
                fields,
                expected_version=version,
                allow_duplicate=duplicate,
                today=TODAY,
            ),
        )

    @FUZZ
    @given(text=long_texts, limit=ids, archived=st.booleans(), patient_id=ids)
    def find(text: str, limit: int, archived: bool, patient_id: int) -> None:
        in_session(
            fuzz_db, lambda s: patients.find(s, text, limit=limit, include_archived=archived)
        )
        in_session(fuzz_db, lambda s: patients.count(s, text, include_archived=archived))
        in_session(fuzz_db, lambda s: patients.get(s, patient_id))
        in_session(fuzz_db, lambda s: patients.set_archived(s, ACTOR, patient_id, archived))

    create()
    update()
    find()
    _still_usable(fuzz_db)


def test_clinic_details(fuzz_db: Database) -> None:
    @FUZZ
    @given(
        name=texts,
        phone=texts,
        address=long_texts,
        email=texts,
        paper=texts | st.sampled_from(["A4", "Letter"]),
        logo=st.none() | st.binary(max_size=64) | st.just(b"\x89PNG\r\n\x1a\n" + b"\x00" * 9),
        version=st.none() | ids,
    )
    def save(name, phone, address, email, paper, logo, version) -> None:  # type: ignore[no-untyped-def]
        details = ClinicDetails(name, phone, address, email, paper, logo, "logo.png")
        in_session(fuzz_db, lambda s: clinic.save(s, ACTOR, details, expected_version=version))

    save()
    _still_usable(fuzz_db)


def _csv(rows: list[list[str]]) -> list[str]:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(patient_import.COLUMNS)
    writer.writerows(rows)
    return out.getvalue().splitlines(keepends=True)


def test_patient_import(fuzz_db: Database) -> None:
    @FUZZ
    @given(
        rows=st.lists(st.lists(texts, min_size=0, max_size=7), max_size=8),
        raw=st.lists(long_texts, max_size=5),
    )
    def import_rows(rows: list[list[str]], raw: list[str]) -> None:
        in_session(fuzz_db, lambda s: patient_import.import_rows(s, ACTOR, _csv(rows), today=TODAY))
        in_session(fuzz_db, lambda s: patient_import.import_rows(s, ACTOR, raw, today=TODAY))

    import_rows()
    _still_usable(fuzz_db)


def test_users_and_sign_in(fuzz_db: Database) -> None:
    roles = texts | st.sampled_from(users.ROLES)

    @FUZZ
    @given(name=texts, role=roles, password=texts, display=texts, user_id=ids)
    def manage(name: str, role: str, password: str, display: str, user_id: int) -> None:
        in_session(fuzz_db, lambda s: users.add(s, ACTOR, name, role, password, display))
        in_session(fuzz_db, lambda s: users.set_password(s, ACTOR, user_id, password))
        in_session(fuzz_db, lambda s: users.set_role(s, ACTOR, user_id, role))
        in_session(fuzz_db, lambda s: users.set_active(s, ACTOR, user_id, bool(password)))
        in_session(fuzz_db, lambda s: users.unlock(s, ACTOR, user_id))
        in_session(fuzz_db, lambda s: users.find(s, name))

    @FUZZ
    @given(name=texts, password=long_texts, purpose=st.sampled_from(["login", "unlock"]))
    def sign_in(name: str, password: str, purpose: str) -> None:
        result = in_session(fuzz_db, lambda s: auth.sign_in(s, name, password, purpose=purpose))
        assert result is not None and (result.ok or result.message)

    manage()
    sign_in()
    _still_usable(fuzz_db)


def test_settings_and_audit_browsing(fuzz_db: Database) -> None:
    @FUZZ
    @given(key=texts | st.sampled_from(list(app_settings.SPECS)), value=ids | st.booleans())
    def settings_(key: str, value: int) -> None:
        in_session(fuzz_db, lambda s: app_settings.set_value(s, ACTOR, key, value))
        in_session(fuzz_db, lambda s: app_settings.get(s, key))

    @FUZZ
    @given(
        actor=texts,
        action=texts,
        entity=texts,
        entity_id=st.none() | ids,
        since=instants | st.datetimes(),
        until=instants,
        text=long_texts,
        limit=ids,
        before=st.none() | ids,
        column=texts | st.sampled_from(["actor", "action", "entity_type"]),
    )
    def browse(actor, action, entity, entity_id, since, until, text, limit, before, column) -> None:  # type: ignore[no-untyped-def]
        flt = AuditFilter(actor, action, entity, entity_id, since, until, text)
        in_session(
            fuzz_db, lambda s: audit_trail.find_events(s, flt, limit=limit, before_id=before)
        )
        in_session(fuzz_db, lambda s: audit_trail.count_events(s, flt))
        in_session(fuzz_db, lambda s: audit_trail.distinct_values(s, column))

    settings_()
    browse()
    _still_usable(fuzz_db)


def test_handout_preparation(fuzz_db: Database) -> None:
    @FUZZ
    @given(
        patient_id=ids,
        treatment_date=dates,
        intensity=st.none() | texts | st.sampled_from(["light", "moderate", "deep"]),
        areas=st.none() | st.lists(texts, max_size=4),
    )
    def prepare(patient_id, treatment_date, intensity, areas) -> None:  # type: ignore[no-untyped-def]
        in_session(
            fuzz_db,
            lambda s: handouts.prepare_pre_care(s, patient_id, treatment_date, today=TODAY),
        )
        if treatment_date is not None:
            in_session(
                fuzz_db,
                lambda s: handouts.prepare_post_care(
                    s, patient_id, treatment_date, intensity=intensity, areas=areas, today=TODAY
                ),
            )

    prepare()
    _still_usable(fuzz_db)


@FUZZ
@given(content=st.binary(max_size=5000) | st.just(b"SQLite format 3\x00" + b"\x00" * 200))
def test_backup_inspection_of_any_file(
    tmp_path_factory: pytest.TempPathFactory, content: bytes
) -> None:
    path: Path = tmp_path_factory.mktemp("fuzz") / "candidate.db"
    path.write_bytes(content)
    expect_clear(lambda: backup.inspect(path))
