"""Names with hyphens and apostrophes at the front desk (issue 19), on both backends: every part
and every ending of "Núñez-O'Brien" finds her, the duplicate check sees "Nunez-OBrien" born the
same day, and search terms stored by an older release are brought up to date."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import delete, select, update

from clinic_app.db import Database
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.models import AppSetting, Patient, PatientSearchTerm
from clinic_app.services.errors import PossibleDuplicateError
from clinic_app.services.patients import patients, search_index
from clinic_app.services.security.identity import Actor

TODAY = dt.date(2026, 6, 15)
BORN = dt.date(1984, 3, 27)
# The planner's ways of reading a page (patient_search.find), forced by its thresholds:
HEAD = {"drive_below": 1}  # every word counts as common: read from the head index in list order
HEAD_THEN_INTERSECT = {"drive_below": 1, "head_budget": 1}  # other words rare: ranges intersected
WALK = {"drive_below": 1, "head_budget": 0}  # the patients walked in list order, rows checked
PLANS = [{}, HEAD, HEAD_THEN_INTERSECT, WALK]
PLAN_IDS = ["index", "head", "head-then-intersect", "walk"]


def person(first: str, last: str, dob: dt.date = BORN) -> PatientFields:
    return PatientFields(first_name=first, last_name=last, date_of_birth=dob)


def register(database: Database, actor: Actor, fields: PatientFields, **kw: bool) -> int:
    with database.session() as session:
        return patients.create(session, actor, fields, today=TODAY, **kw).id


def found(database: Database, query: str, **plan: int) -> list[str]:
    with database.session() as session:
        rows = patients.find(session, query, **plan)
        assert patients.count(session, query, **plan) == len(rows)
    return sorted(f"{row.first_name} {row.last_name}" for row in rows)


@pytest.fixture
def front_desk(database: Database, actor: Actor) -> Database:
    for fields in (
        person("María", "Núñez-O'Brien"),
        person("Seán", "O’Brien", dt.date(1979, 4, 5)),
        person("Ana", "Oberg", dt.date(1990, 1, 1)),
        person("Jean", "Dupont-de-la-Tour", dt.date(1970, 5, 6)),
    ):
        register(database, actor, fields)
    return database


@pytest.mark.parametrize("plan", PLANS, ids=PLAN_IDS)
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # docs/search.md: the whole word, each part, the word without punctuation
        ("o'brien", ["María Núñez-O'Brien", "Seán O’Brien"]),
        ("obrien", ["María Núñez-O'Brien", "Seán O’Brien"]),
        ("o'b", ["María Núñez-O'Brien", "Seán O’Brien"]),
        ("o’b", ["María Núñez-O'Brien", "Seán O’Brien"]),
        ("nunez o'brien", ["María Núñez-O'Brien"]),
        ("o'brien nunez", ["María Núñez-O'Brien"]),
        ("nunez-o'b", ["María Núñez-O'Brien"]),
        ("nunezob", ["María Núñez-O'Brien"]),
        ("brien maria", ["María Núñez-O'Brien"]),
        ("nunez", ["María Núñez-O'Brien"]),
        ("ob", ["Ana Oberg", "María Núñez-O'Brien", "Seán O’Brien"]),
        ("de-la-tour", ["Jean Dupont-de-la-Tour"]),
        ("la-tour", ["Jean Dupont-de-la-Tour"]),
        ("delatour", ["Jean Dupont-de-la-Tour"]),
        ("tour", ["Jean Dupont-de-la-Tour"]),
        ("rien", []),  # still the beginning of a part, never its middle
    ],
)
def test_every_part_and_ending_of_a_compound_name_finds_the_patient(
    front_desk, plan, query, expected
) -> None:  # type: ignore[no-untyped-def]
    assert found(front_desk, query, **plan) == expected


@pytest.mark.parametrize("plan", PLANS, ids=PLAN_IDS)
def test_the_name_without_punctuation_finds_both_spellings(database, actor, plan) -> None:  # type: ignore[no-untyped-def]
    register(database, actor, person("María", "Núñez-O'Brien"))
    register(database, actor, person("Maria", "Nunez-OBrien"), allow_duplicate=True)
    both = ["Maria Nunez-OBrien", "María Núñez-O'Brien"]
    assert found(database, "obrien", **plan) == both
    assert found(database, "nunez obrien", **plan) == both
    assert found(database, "o'brien", **plan) == ["María Núñez-O'Brien"]  # as typed


@pytest.mark.parametrize(
    ("first", "last"),
    [
        ("Maria", "Nunez-OBrien"),
        ("MARIA", "Nuñez O'Brien"),
        ("María", "NúñezO’Brien"),
        ("Ma-ría", "Núñez-O'Brien"),
    ],
)
def test_the_duplicate_check_ignores_hyphens_apostrophes_and_spaces(
    database, actor, first, last
) -> None:  # type: ignore[no-untyped-def]
    existing = register(database, actor, person("María", "Núñez-O'Brien"))
    with pytest.raises(PossibleDuplicateError) as caught, database.session() as session:
        patients.create(session, actor, person(first, last), today=TODAY)
    assert [row.id for row in caught.value.existing] == [existing]


def test_the_duplicate_check_still_needs_the_same_birth_date_and_both_names(
    database, actor
) -> None:  # type: ignore[no-untyped-def]
    register(database, actor, person("María", "Núñez-O'Brien"))
    register(database, actor, person("Maria", "Nunez-OBrien", BORN + dt.timedelta(days=1)))
    register(database, actor, person("Marian", "Nunez-OBrien"))
    register(database, actor, person("Maria", "Nunez"))
    with database.session() as session:
        assert patients.count(session) == 4
        # An edit into a duplicate asks too, and the patient is not their own duplicate.
        [(patient_id, version)] = session.execute(
            select(Patient.id, Patient.version).where(Patient.first_name == "Marian")
        ).all()
        with pytest.raises(PossibleDuplicateError):
            patients.update(
                session,
                actor,
                patient_id,
                person("María", "Nunez OBrien"),
                expected_version=version,
                today=TODAY,
            )
        same = patients.update(
            session,
            actor,
            patient_id,
            person("Marian", "Núñez-O'Brien"),
            expected_version=version,
            today=TODAY,
        )
        assert same.last_name == "Núñez-O'Brien"


# --- terms stored by an older release ----------------------------------------------------------

# What release 0003 stored for Núñez-O'Brien born 1984-03-27: each part and the whole word
# without punctuation, but no ending from the second part on ("o'brien", "obrien").
OLD_TERMS = ["1984-03-27", "brien", "maria", "nunez-o'brien", "nunezobrien", "o"]


def _store_old_terms(database: Database, patient_id: int) -> None:
    with database.session() as session:
        sort_key = session.scalar(select(Patient.sort_key).where(Patient.id == patient_id))
        session.execute(
            update(Patient).where(Patient.id == patient_id).values(search_key=" ".join(OLD_TERMS))
        )
        session.execute(delete(PatientSearchTerm).where(PatientSearchTerm.patient_id == patient_id))
        session.add_all(
            PatientSearchTerm(term=term, sort_key=sort_key, patient_id=patient_id)
            for term in OLD_TERMS
        )
        session.execute(delete(AppSetting).where(AppSetting.key == search_index.VERSION_KEY))


def test_terms_stored_by_an_older_release_are_brought_up_to_date(database, actor) -> None:  # type: ignore[no-untyped-def]
    patient_id = register(database, actor, person("María", "Núñez-O'Brien"))
    other_id = register(database, actor, person("Ana", "Lind"))
    _store_old_terms(database, patient_id)
    assert found(database, "obrien") == []  # as after an upgrade, before the refresh
    with database.reading() as reader:
        assert not search_index.is_current(reader)

    with database.session() as session:
        assert search_index.refresh(session) == 1  # only the patient whose terms changed
    with database.reading() as reader:
        assert search_index.is_current(reader)
    for query in ("obrien", "o'brien", "o'b", "nunez o'brien"):
        assert found(database, query) == ["María Núñez-O'Brien"], query
    with database.session() as session:
        rows = session.execute(
            select(PatientSearchTerm.term).where(PatientSearchTerm.patient_id == patient_id)
        ).scalars()
        stored = session.scalar(select(Patient.search_key).where(Patient.id == patient_id))
        assert sorted(rows) == stored.split(" ")
        assert {"o'brien", "obrien"} <= set(stored.split(" "))
        assert session.scalar(select(Patient.version).where(Patient.id == other_id)) == 1

    with database.session() as session:
        assert search_index.refresh(session) == 0  # once is enough
    with database.session() as session:
        assert search_index.refresh(session, force=True) == 0  # and nothing was left stale


def test_a_new_database_needs_no_refresh_once_marked(database) -> None:  # type: ignore[no-untyped-def]
    with database.session() as session:
        assert search_index.refresh(session) == 0
    with database.reading() as reader:
        assert search_index.is_current(reader)


def test_the_command_line_search_brings_the_terms_up_to_date_first(database, actor, capsys) -> None:  # type: ignore[no-untyped-def]
    from clinic_app.cli import main

    patient_id = register(database, actor, person("María", "Núñez-O'Brien"))
    _store_old_terms(database, patient_id)
    status = main(["patients", "--json", "--search", "o'brien", "--db-url", database.url])
    out, _err = capsys.readouterr()
    assert status == 0
    assert [row["id"] for row in json.loads(out)] == [patient_id]
