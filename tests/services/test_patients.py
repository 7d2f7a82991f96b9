"""Patient use cases on both backends: register, find, edit, archive, audit."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import func, select

from clinic_app.db import Database
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.domain.text import patient_terms
from clinic_app.models import AuditEvent, Patient, PatientSearchTerm
from clinic_app.services.errors import (
    NotFoundError,
    PossibleDuplicateError,
    StaleRecordError,
    ValidationError,
)
from clinic_app.services.patients import patients
from clinic_app.services.security.identity import Actor

TODAY = dt.date(2026, 6, 15)


def person(first: str = "María", last: str = "Núñez", dob: dt.date = dt.date(1980, 3, 14), **kw):
    return PatientFields(first_name=first, last_name=last, date_of_birth=dob, **kw)


def register(database: Database, actor: Actor, fields: PatientFields, **kw) -> int:
    with database.session() as session:
        return patients.create(session, actor, fields, today=TODAY, **kw).id


def events(database: Database, entity_id: int | None = None) -> list[tuple[str, str, int | None]]:
    with database.session() as session:
        stmt = select(AuditEvent).order_by(AuditEvent.id)
        if entity_id is not None:
            stmt = stmt.where(AuditEvent.entity_id == entity_id)
        return [(e.action, e.entity_type, e.entity_id) for e in session.scalars(stmt)]


def names(rows: list[patients.PatientRow]) -> list[str]:
    return [f"{row.first_name} {row.last_name}" for row in rows]


# --- register and read ------------------------------------------------------------------------


def test_create_stores_cleaned_fields_keys_and_one_audit_event(database, actor) -> None:
    patient_id = register(
        database, actor, person("  María  José ", " Núñez ", phone=" 612-345-678 ")
    )
    with database.session() as session:
        patient = patients.get(session, patient_id)
        assert (patient.first_name, patient.last_name) == ("María José", "Núñez")
        assert patient.phone == "612-345-678"
        assert patient.date_of_birth == dt.date(1980, 3, 14)
        assert patient.sort_key == "nunez maria jose"
        assert "612345678" in patient.search_key.split(" ")
        assert patient.version == 1
        assert patient.archived_at is None
        assert patient.created_at.tzinfo is not None
    with database.session() as session:
        event = session.scalars(select(AuditEvent)).one()
        assert (event.action, event.entity_type, event.entity_id) == (
            "create",
            "patient",
            patient_id,
        )
        assert event.actor == "test:esthetician"
        assert event.occurred_at.tzinfo is not None


def test_create_refuses_invalid_fields_and_saves_nothing(database, actor) -> None:
    with pytest.raises(ValidationError) as caught, database.session() as session:
        patients.create(session, actor, person("", dob=dt.date(2030, 1, 1)), today=TODAY)
    assert set(caught.value.errors) == {"first_name", "date_of_birth"}
    assert "Enter the first name." in str(caught.value)
    with database.session() as session:
        assert patients.count(session, include_archived=True) == 0
    assert events(database) == []


def test_get_unknown_patient_raises_not_found(database) -> None:
    with pytest.raises(NotFoundError, match=r"no patient #999"), database.session() as session:
        patients.get(session, 999)


# --- duplicates -------------------------------------------------------------------------------


def test_same_name_and_birth_date_is_a_possible_duplicate(database, actor) -> None:
    first_id = register(database, actor, person())
    with pytest.raises(PossibleDuplicateError) as caught, database.session() as session:
        # Same person typed differently: case, accents and spaces do not make a new person.
        patients.create(session, actor, person("maria", "NUNEZ  "), today=TODAY)
    assert [row.id for row in caught.value.existing] == [first_id]
    assert f"#{first_id}" in str(caught.value)
    with database.session() as session:
        assert patients.count(session) == 1
    assert len(events(database)) == 1


def test_allow_duplicate_creates_a_second_patient(database, actor) -> None:
    first_id = register(database, actor, person())
    second_id = register(database, actor, person(), allow_duplicate=True)
    assert second_id != first_id
    with database.session() as session:
        assert patients.count(session) == 2
        summary = session.scalars(
            select(AuditEvent.summary).where(AuditEvent.entity_id == second_id)
        ).one()
    assert "confirmed not a duplicate" in summary


def test_same_name_other_birth_date_is_not_a_duplicate(database, actor) -> None:
    register(database, actor, person())
    register(database, actor, person(dob=dt.date(1980, 3, 15)))
    with database.session() as session:
        assert patients.count(session) == 2


# --- search and paging ------------------------------------------------------------------------


@pytest.fixture
def clinic(database: Database, actor: Actor) -> Database:
    for fields in (
        person("María", "Núñez", phone="+34 612-345-678", email="maria@example.com"),
        person("José", "Muñoz", dt.date(1975, 11, 2), phone="555 0100"),
        person("Zoë", "Ølsen", dt.date(1990, 1, 5)),
        person("ÉLODIE", "Dupré", dt.date(1968, 7, 30), email="elodie@example.fr"),
        person("Ana", "Nunes", dt.date(1980, 3, 14)),
        person("Pat_1", "100% Smith", dt.date(1985, 5, 5)),
    ):
        register(database, actor, fields)
    return database


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nunez", ["María Núñez"]),
        ("NÚÑEZ", ["María Núñez"]),
        ("maria NUNEZ", ["María Núñez"]),
        ("muñoz", ["José Muñoz"]),
        ("munoz jose", ["José Muñoz"]),
        ("olsen", ["Zoë Ølsen"]),
        ("élodie", ["ÉLODIE Dupré"]),
        ("elodie dupre", ["ÉLODIE Dupré"]),
        ("14/03/1980", ["Ana Nunes", "María Núñez"]),
        ("1980-03-14", ["Ana Nunes", "María Núñez"]),
        ("14/03/1980 ana", ["Ana Nunes"]),
        ("612-345-678", ["María Núñez"]),
        ("612345678", ["María Núñez"]),
        ("555-0100", ["José Muñoz"]),
        ("example.fr", ["ÉLODIE Dupré"]),
        ("pat_1", ["Pat_1 100% Smith"]),
        ("100%", ["Pat_1 100% Smith"]),
        ("pat%", []),  # % and _ are letters to look for, not wildcards
        ("p_t", []),
        ("nobody", []),
    ],
)
def test_search_ignores_case_and_accents_and_reads_dates_and_phones(clinic, query, expected):
    with clinic.session() as session:
        found = patients.find(session, query)
        assert sorted(names(found)) == sorted(expected)
        assert patients.count(session, query) == len(expected)


def test_blank_search_lists_everyone_by_family_name(clinic) -> None:
    with clinic.session() as session:
        assert names(patients.find(session, "")) == [
            "Pat_1 100% Smith",
            "ÉLODIE Dupré",
            "José Muñoz",
            "Ana Nunes",
            "María Núñez",
            "Zoë Ølsen",
        ]


def test_keyset_paging_returns_every_row_once_in_order(database, actor) -> None:
    # Several patients share a family name, so the id breaks ties across page boundaries.
    surnames = ["García", "garcia", "Gárcia", "López", "Álvarez", "Zúñiga", "Ng"]
    with database.session() as session:
        for index in range(47):
            fields = person(
                f"Ana{index % 5}",
                surnames[index % len(surnames)],
                dt.date(1950 + index, 1 + index % 12, 1 + index % 28),
            )
            patients.create(session, actor, fields, today=TODAY, allow_duplicate=True)
    with database.session() as session:
        everyone = patients.find(session, limit=1000)
        pages: list[list[patients.PatientRow]] = []
        after = None
        while True:
            page = patients.find(session, limit=10, after=after)
            if not page:
                break
            pages.append(page)
            after = page[-1]
    assert len(everyone) == 47
    assert [len(page) for page in pages] == [10, 10, 10, 10, 7]
    paged = [row for page in pages for row in page]
    assert paged == everyone
    assert len({row.id for row in paged}) == 47
    assert [(r.sort_key, r.id) for r in paged] == sorted((r.sort_key, r.id) for r in paged)


# The planner's ways of reading a page (patient_search.find), forced by its thresholds:
HEAD = {"drive_below": 1}  # every word counts as common: read from the head index in list order
HEAD_THEN_INTERSECT = {"drive_below": 1, "head_budget": 1}  # other words rare: ranges intersected
WALK = {"drive_below": 1, "head_budget": 0}  # the patients walked in list order, rows checked
PLANS = [{}, HEAD, HEAD_THEN_INTERSECT, WALK]
PLAN_IDS = ["index", "head", "head-then-intersect", "walk"]


@pytest.mark.parametrize("plan", PLANS, ids=PLAN_IDS)
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nu", ["Ana Nunes", "Inés Núñez-Olsen", "María Núñez"]),
        ("unez", []),  # a word is found by its beginning, not from its middle
        ("nunez-ol", ["Inés Núñez-Olsen"]),
        ("olsen", ["Inés Núñez-Olsen", "Zoë Ølsen"]),
        ("nunezolsen", ["Inés Núñez-Olsen"]),
        ("obrien", ["Seán O’Brien"]),
        ("o'b", ["Seán O’Brien"]),
        ("O’BRIEN sean", ["Seán O’Brien"]),
        ("brien", ["Seán O’Brien"]),
        ("1980", ["Ana Nunes", "María Núñez"]),
        ("1980-03", ["Ana Nunes", "María Núñez"]),
        ("14.3.1980", ["Ana Nunes", "María Núñez"]),
        ("2/11/1975", ["José Muñoz"]),  # month first: 11 February is no birthday here
        ("0100", ["José Muñoz"]),  # the last digits of the phone
        ("345 678", ["María Núñez"]),  # a run of digits typed in groups
        ("34612", ["María Núñez"]),  # with the country code
        ("maria@", ["María Núñez"]),
        ("example", ["ÉLODIE Dupré", "María Núñez"]),
        ("elodie@example.fr", ["ÉLODIE Dupré"]),
        ("100%", ["Pat_1 100% Smith"]),
        ("pat_", ["Pat_1 100% Smith"]),
        ("p%", []),
        ("p_t", []),
        ("a nunes", ["Ana Nunes"]),
        ("nu 1980-03-14 ana", ["Ana Nunes"]),
        ("nu 1975", []),
    ],
)
def test_every_word_begins_a_name_date_phone_or_email(clinic, actor, plan, query, expected):
    register(clinic, actor, person("Inés", "Núñez-Olsen", dt.date(1991, 2, 3)))
    register(clinic, actor, person("Seán", "O’Brien", dt.date(1979, 4, 5)))
    with clinic.session() as session:
        found = patients.find(session, query, **plan)
        assert sorted(names(found)) == sorted(expected)
        assert patients.count(session, query, **plan) == len(expected)


def _many(database: Database, actor: Actor) -> list[int]:
    """50 patients named Mar... Ana..., every fifth archived (those are born in 1985)."""
    surnames = ["Martín", "Marín", "Márquez", "Marsh", "Mart"]
    ids = []
    with database.session() as session:
        for index in range(50):
            born = dt.date(1984 if index % 5 else 1985, 1 + index % 12, 1 + index % 28)
            patient = patients.create(
                session,
                actor,
                person(f"Ana{index % 3}", surnames[index % 5], born, phone=f"555 01{index:02}"),
                today=TODAY,
                allow_duplicate=True,
            )
            ids.append(patient.id)
        for patient_id in ids[::5]:
            patients.set_archived(session, actor, patient_id)
    return ids


# (query, archived patients listed too) -> how many match
COMMON = {
    ("mar", False): 40,
    ("mar", True): 50,
    ("mar ana", False): 40,
    ("555 01", True): 50,
    ("ana 1984", False): 40,
    ("ana 1984", True): 40,
}


@pytest.mark.parametrize("plan", PLANS, ids=PLAN_IDS)
@pytest.mark.parametrize(("query", "archived"), list(COMMON))
def test_paging_a_common_prefix_returns_each_match_once_in_list_order(
    database, actor, plan, query, archived
) -> None:
    _many(database, actor)
    with database.session() as session:
        everyone = patients.find(session, query, limit=1000, include_archived=archived, **plan)
        pages: list[list[patients.PatientRow]] = []
        after = None
        while page := patients.find(
            session, query, limit=7, after=after, include_archived=archived, **plan
        ):
            pages.append(page)
            after = page[-1]
        total = patients.count(session, query, include_archived=archived, **plan)
    expected = COMMON[query, archived]
    paged = [row for page in pages for row in page]
    assert len(everyone) == total == expected
    assert paged == everyone
    assert all(len(page) == 7 for page in pages[:-1])
    assert len({row.id for row in paged}) == expected
    assert [(r.sort_key, r.id) for r in paged] == sorted((r.sort_key, r.id) for r in paged)
    assert archived or not any(row.archived for row in paged)


def test_both_plans_give_the_same_pages(database, actor) -> None:
    _many(database, actor)
    with database.session() as session:
        for query in ["m", "mart", "marin ana2", "1984-0", "0104", "555 01", "a m", "zz"]:
            for archived in (False, True):
                indexed = patients.find(session, query, limit=9, include_archived=archived)
                for plan in PLANS[1:]:
                    other = patients.find(
                        session, query, limit=9, include_archived=archived, **plan
                    )
                    assert other == indexed, (query, plan)


def test_count_stops_at_its_limit(database, actor) -> None:
    _many(database, actor)
    with database.session() as session:
        assert patients.count(session, "mar", limit=25) == 25
        assert patients.count(session, "mar", limit=100) == 40
        assert patients.count(session, "marin", limit=100) == 10
        assert patients.count(session, "", limit=7) == 7
        assert patients.count(session, "", include_archived=True) == 50


def _index_rows(database: Database) -> set[tuple[str, str, int]]:
    with database.session() as session:
        rows = session.execute(
            select(PatientSearchTerm.term, PatientSearchTerm.sort_key, PatientSearchTerm.patient_id)
        )
        return {(term, key, patient_id) for term, key, patient_id in rows}


def test_the_index_follows_every_change_of_name_birth_date_phone_and_email(database, actor):
    patient_id = register(database, actor, person(phone="555 0100", email="maria@example.com"))
    other_id = register(database, actor, person("Ana", "Nunes"))
    with database.session() as session:
        patients.update(
            session,
            actor,
            patient_id,
            person("Marta", "Ibáñez", dt.date(1981, 4, 5), phone="666 0200", email="m@ib.es"),
            expected_version=1,
            today=TODAY,
        )
    with database.session() as session:
        for old in ("maria", "nunez", "1980-03-14 marta", "0100", "example.com"):
            assert patient_id not in {row.id for row in patients.find(session, old)}, old
        for new in ("marta", "ibanez", "1981-04-05", "0200", "ib.es", "m@ib"):
            assert [row.id for row in patients.find(session, new)] == [patient_id], new
        assert [row.id for row in patients.find(session, "nunes")] == [other_id]
        # Archiving does not touch the index: the patient is hidden, then shown again.
        patients.set_archived(session, actor, patient_id)
        assert patients.find(session, "ibanez") == []
        assert patients.count(session, "ibanez", include_archived=True) == 1
    marta = patient_terms("Marta", "Ibáñez", dt.date(1981, 4, 5), "666 0200", "m@ib.es")
    ana = patient_terms("Ana", "Nunes", dt.date(1980, 3, 14))
    assert _index_rows(database) == {(t, "ibanez marta", patient_id) for t in marta} | {
        (t, "nunes ana", other_id) for t in ana
    }


def test_an_edit_of_the_notes_alone_leaves_the_index_as_it_was(database, actor) -> None:
    patient_id = register(database, actor, person())
    before = _index_rows(database)
    with database.session() as session:
        patients.update(
            session, actor, patient_id, person(notes="prefers mornings"), expected_version=1
        )
    assert _index_rows(database) == before


def test_a_rolled_back_registration_leaves_no_index_rows(database, actor) -> None:
    with pytest.raises(RuntimeError), database.session() as session:
        patients.create(session, actor, person(), today=TODAY)
        raise RuntimeError("interrupted")
    assert _index_rows(database) == set()


@pytest.mark.parametrize(
    ("query", "found"),
    [("\x00", 6), ("ana\x00", 1), ("\U0010ffff", 0), ("\ud7ff", 0), ("%", 0), ("_", 0), ("'", 0)],
)
def test_odd_input_is_searched_as_text_and_fails_nothing(clinic, query, found) -> None:
    with clinic.session() as session:
        indexed = patients.find(session, query)
        assert len(indexed) == found == patients.count(session, query)
        for plan in PLANS[1:]:
            assert patients.find(session, query, **plan) == indexed


def test_paging_a_search(clinic) -> None:
    with clinic.session() as session:
        first = patients.find(session, "1980", limit=1)
        second = patients.find(session, "1980", limit=1, after=first[-1])
        third = patients.find(session, "1980", limit=1, after=second[-1])
    assert names(first + second) == ["Ana Nunes", "María Núñez"]
    assert third == []


# --- edit -------------------------------------------------------------------------------------


def test_update_saves_changes_bumps_version_and_audits_the_changed_fields(database, actor):
    patient_id = register(database, actor, person())
    with database.session() as session:
        patient = patients.update(
            session,
            actor,
            patient_id,
            person("Maria", "Núñez García", email="mng@example.com"),
            expected_version=1,
            today=TODAY,
        )
        assert patient.version == 2
    with database.session() as session:
        patient = patients.get(session, patient_id)
        assert patient.first_name == "Maria"
        assert patient.sort_key == "nunez garcia maria"
        assert "mng@example.com" in patient.search_key.split(" ")
        summary = session.scalars(
            select(AuditEvent.summary).where(AuditEvent.action == "update")
        ).one()
    assert summary == "changed first_name, last_name, email"
    assert events(database, patient_id) == [
        ("create", "patient", patient_id),
        ("update", "patient", patient_id),
    ]
    with database.session() as session:
        assert names(patients.find(session, "garcia")) == ["Maria Núñez García"]


def test_update_without_change_writes_nothing(database, actor) -> None:
    patient_id = register(database, actor, person())
    with database.session() as session:
        patient = patients.update(
            session, actor, patient_id, person(" María ", "Núñez"), expected_version=1, today=TODAY
        )
        assert patient.version == 1
    assert len(events(database)) == 1


def test_update_refuses_invalid_fields_and_keeps_the_record(database, actor) -> None:
    patient_id = register(database, actor, person())
    with pytest.raises(ValidationError) as caught, database.session() as session:
        patients.update(
            session, actor, patient_id, person(email="maria@"), expected_version=1, today=TODAY
        )
    assert list(caught.value.errors) == ["email"]
    with database.session() as session:
        patient = patients.get(session, patient_id)
        assert (patient.email, patient.version) == ("", 1)
    assert len(events(database)) == 1


def test_update_into_a_duplicate_asks_first(database, actor) -> None:
    register(database, actor, person())
    other_id = register(database, actor, person("Ana", "Nunes"))
    with pytest.raises(PossibleDuplicateError), database.session() as session:
        patients.update(session, actor, other_id, person(), expected_version=1, today=TODAY)
    with database.session() as session:
        patients.update(
            session,
            actor,
            other_id,
            person(),
            expected_version=1,
            today=TODAY,
            allow_duplicate=True,
        )
    with database.session() as session:
        assert patients.count(session, "maria nunez") == 2


def test_stale_save_is_refused_names_the_changed_field_and_changes_nothing(database, actor):
    patient_id = register(database, actor, person())
    # Someone else saves a new phone number first.
    with database.session() as session:
        patients.update(
            session, actor, patient_id, person(phone="555 0199"), expected_version=1, today=TODAY
        )
    # This edit was made on version 1, before that save.
    with pytest.raises(StaleRecordError) as caught, database.session() as session:
        patients.update(
            session,
            actor,
            patient_id,
            person(email="m@example.com"),
            expected_version=1,
            today=TODAY,
        )
    error = caught.value
    assert (error.opened_version, error.current_version) == (1, 2)
    assert error.changed["phone"] == "555 0199"
    assert "phone is now '555 0199'" in str(error)
    assert "version 1" in str(error) and "version 2" in str(error)
    assert "not saved" in str(error)
    with database.session() as session:
        patient = patients.get(session, patient_id)
        assert (patient.phone, patient.email, patient.version) == ("555 0199", "", 2)
    assert [action for action, _, _ in events(database)] == ["create", "update"]


def test_concurrent_edit_in_two_sessions_refuses_the_second_save(database, actor) -> None:
    if database.dialect == "sqlite":
        pytest.skip(
            "on SQLite a unit of work takes the write lock first: the second one waits for the "
            "first instead of interleaving (tests/reliability/test_races.py)"
        )
    patient_id = register(database, actor, person())
    with database.session() as first:
        opened_by_first = patients.get(first, patient_id)
        version_seen = opened_by_first.version
        with database.session() as second:
            patients.update(
                second,
                actor,
                patient_id,
                person(phone="555 0101"),
                expected_version=patients.get(second, patient_id).version,
                today=TODAY,
            )
        with pytest.raises(StaleRecordError) as caught:
            patients.update(
                first,
                actor,
                patient_id,
                person(phone="555 0202"),
                expected_version=version_seen,
                today=TODAY,
            )
        first.rollback()
    # The first session's cached copy (version 1) must not hide the newer save.
    assert (caught.value.opened_version, caught.value.current_version) == (1, 2)
    assert caught.value.changed == {"phone": "555 0101"}
    assert "phone is now '555 0101'" in str(caught.value)
    with database.session() as session:
        patient = patients.get(session, patient_id)
        assert (patient.phone, patient.version) == ("555 0101", 2)
    assert [action for action, _, _ in events(database)] == ["create", "update"]


# --- archive ----------------------------------------------------------------------------------


def test_archive_hides_from_the_list_and_unarchive_brings_back(database, actor) -> None:
    patient_id = register(database, actor, person())
    with database.session() as session:
        patient = patients.set_archived(session, actor, patient_id)
        assert patient.archived_at is not None
    with database.session() as session:
        assert patients.find(session, "nunez") == []
        assert patients.count(session) == 0
        rows = patients.find(session, "nunez", include_archived=True)
        assert [(row.id, row.archived) for row in rows] == [(patient_id, True)]
        # Archiving twice is not a second change.
        patients.set_archived(session, actor, patient_id)
    with database.session() as session:
        patients.set_archived(session, actor, patient_id, archived=False)
    with database.session() as session:
        assert [row.archived for row in patients.find(session, "nunez")] == [False]
        assert session.get(Patient, patient_id) is not None
    assert [action for action, _, _ in events(database)] == ["create", "archive", "unarchive"]


# --- audit and transactions -------------------------------------------------------------------


def test_every_change_writes_exactly_one_event(database, actor) -> None:
    with database.session() as session:
        patient = patients.create(session, actor, person(), today=TODAY)
        patient_id = patient.id
        patients.update(
            session, actor, patient_id, person(phone="555 0100"), expected_version=1, today=TODAY
        )
        patients.set_archived(session, actor, patient_id)
        count = session.scalar(select(func.count()).select_from(AuditEvent))
        assert count == 3
    assert [action for action, _, _ in events(database, patient_id)] == [
        "create",
        "update",
        "archive",
    ]


def test_a_rolled_back_change_leaves_no_patient_and_no_event(database, actor) -> None:
    class Interrupted(Exception):
        pass

    with pytest.raises(Interrupted), database.session() as session:
        patients.create(session, actor, person(), today=TODAY)
        raise Interrupted
    patient_id = register(database, actor, person("Ana", "Nunes"))
    with pytest.raises(Interrupted), database.session() as session:
        patients.update(
            session,
            actor,
            patient_id,
            person("Ana", "Nunes", phone="555 0100"),
            expected_version=1,
            today=TODAY,
        )
        raise Interrupted
    with database.session() as session:
        assert names(patients.find(session)) == ["Ana Nunes"]
        assert patients.get(session, patient_id).phone == ""
    assert events(database) == [("create", "patient", patient_id)]


def test_fields_of_round_trips(database, actor) -> None:
    fields = person(phone="555 0100", email="m@example.com", notes="prefers mornings")
    patient_id = register(database, actor, fields)
    with database.session() as session:
        assert patients.fields_of(patients.get(session, patient_id)) == dataclasses.replace(fields)
