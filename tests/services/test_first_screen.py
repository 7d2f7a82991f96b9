"""The first screen's Core reads agree with the ORM services that own the same rows.

The window reads these before the ORM and the models are loaded (docs/startup.md): the user
count, a setting and the clinic's name are checked against their ORM counterparts on both
backends; the patient list (the same code as patients.find, which tests/services/test_patients.py
covers in depth) is checked read through Database.reading(), outside any session; and the
lightweight table clauses against the models they mirror.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import update
from sqlalchemy.types import NullType

from clinic_app.db import Database
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.models import AppSetting, ClinicSettings, Patient, PatientSearchTerm, User
from clinic_app.services import first_screen
from clinic_app.services.handouts import handout_requests
from clinic_app.services.patients import patient_search, patients
from clinic_app.services.security import users
from clinic_app.services.security.identity import Actor
from clinic_app.services.settings import app_settings, clinic
from clinic_app.services.settings.clinic import ClinicDetails


def test_user_count_follows_the_users_table(database: Database, actor: Actor) -> None:
    with database.reading() as reader:
        assert first_screen.user_count(reader) == 0
    with database.session() as session:
        users.add(session, actor, "maria", users.ADMINISTRATOR, "a long pass 1")
        users.add(session, actor, "nurse", users.PRACTITIONER, "a long pass 2")
        orm_count = users.count(session)
    with database.reading() as reader:
        assert first_screen.user_count(reader) == orm_count == 2


@pytest.mark.parametrize(
    "stored", [None, "25", "0", "9999", "ten", ""], ids=["unset", "25", "0", "9999", "ten", "blank"]
)
def test_a_setting_reads_as_the_orm_service_reads_it(
    database: Database, stored: str | None
) -> None:
    key = app_settings.IDLE_LOCK_MINUTES
    if stored is not None:  # written as it might be found: out of range or not a number
        with database.session() as session:
            session.add(AppSetting(key=key, value=stored))
    with database.session() as session:
        expected = app_settings.get(session, key)
    with database.reading() as reader:
        assert first_screen.setting(reader, key) == expected
    assert expected == (25 if stored == "25" else app_settings.SPECS[key].default)


def test_the_clinic_name_is_none_until_the_details_are_entered(
    database: Database, actor: Actor
) -> None:
    with database.reading() as reader:
        assert first_screen.clinic_name(reader) is None
    with database.session() as session:
        clinic.save(
            session, actor, ClinicDetails(name="Clínica <Sol> & Piel", phone="+34 912 345 678")
        )
    with database.session() as session:
        settings = clinic.load(session)
        assert settings is not None
    with database.reading() as reader:
        assert first_screen.clinic_name(reader) == settings.name == "Clínica <Sol> & Piel"


@pytest.mark.parametrize(
    ("name", "phone"),
    [(None, None), ("Clínica Sol", ""), ("  ", "+34 912 345 678"), ("Clínica Sol", "+34 912")],
    ids=["not entered", "no phone", "blank name", "both"],
)
def test_whether_the_clinic_can_print_is_read_as_the_handouts_decide(
    database: Database, actor: Actor, name: str | None, phone: str | None
) -> None:
    """The first handout's click asks it with Core (clinic_app.ui.handouts.controller)."""
    if name is not None:
        with database.session() as session:
            session.add(ClinicSettings(id=first_screen.CLINIC_SETTINGS_ID, name=name, phone=phone))
    with database.session() as session:
        expected = handout_requests.clinic_ready(session)
    with database.reading() as reader:
        assert first_screen.clinic_can_print(reader) is expected
    assert expected is (name == "Clínica Sol" and phone == "+34 912")


def test_the_list_read_outside_a_session_matches_the_service(
    database: Database, actor: Actor
) -> None:
    people = [("Ana", "Zubiri"), ("Íñigo", "Álvarez"), ("Bea", "Martín"), ("Ana", "Martínez")]
    with database.session() as session:
        for number, (first, last) in enumerate(people):
            fields = PatientFields(
                first_name=first,
                last_name=last,
                date_of_birth=dt.date(1980 + number, 3, 14),
                phone=f"600 00{number} 000",
            )
            patients.create(session, actor, fields)
        archived = patients.find(session, "bea")[0].id
        patients.set_archived(session, actor, archived)
    for text in ("", "ma", "1982", "ana mart", "zz"):
        variants: list[dict[str, Any]] = [{}, {"include_archived": True}, {"drive_below": 1}]
        for options in variants:
            with database.session() as session:
                expected = patients.find(session, text, **options)
                total = patients.count(session, text, **options)
            with database.reading() as reader:
                rows = patient_search.find(reader, text, **options)
                assert patient_search.count(reader, text, **options) == total
            assert rows == expected
            assert len(rows) == total
            if len(rows) > 1:  # the next page, after the first row
                with database.reading() as reader:
                    rest = patient_search.find(reader, text, after=rows[0], **options)
                assert rest == rows[1:]
    with database.reading() as reader:
        everyone = patient_search.find(reader, include_archived=True)
    assert [row.last_name for row in everyone] == ["Álvarez", "Martín", "Martínez", "Zubiri"]
    assert [row.archived for row in everyone] == [False, True, False, False]
    assert all(isinstance(row.date_of_birth, dt.date) for row in everyone)


@pytest.mark.parametrize(
    ("light", "model"),
    [
        (patient_search.PATIENTS, Patient),
        (patient_search.SEARCH_TERMS, PatientSearchTerm),
        (first_screen.USERS, User),
        (first_screen.APP_SETTINGS, AppSetting),
        (first_screen.CLINIC_SETTINGS, ClinicSettings),
    ],
    ids=lambda value: getattr(value, "name", None) or getattr(value, "__name__", "?"),
)
def test_each_table_clause_names_real_columns_with_their_types(light, model) -> None:  # type: ignore[no-untyped-def]
    """A renamed or retyped column in clinic_app.models must be renamed here too."""
    table = model.__table__
    assert light.name == table.name
    for column in light.columns:
        assert column.name in table.columns, f"{table.name}.{column.name} is not in the model"
        if not isinstance(column.type, NullType):  # typed: values must come out the same
            real = table.columns[column.name].type
            assert column.type.python_type is real.python_type, column.name


def test_a_reading_connection_writes_nothing(database: Database, actor: Actor) -> None:
    """Database.reading rolls back what its block did (it is for reads)."""
    with database.session() as session:
        clinic.save(session, actor, ClinicDetails(name="Before", phone="+34 912 345 678"))
    with database.reading() as reader:
        reader.execute(update(first_screen.CLINIC_SETTINGS).values(name="After"))
    with database.reading() as reader:
        assert first_screen.clinic_name(reader) == "Before"
