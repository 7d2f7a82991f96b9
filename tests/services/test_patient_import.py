"""Importing patients from CSV: valid rows in, every other row explained."""

from __future__ import annotations

import datetime as dt

import pytest

from clinic_app.domain.patient_rules import PatientFields
from clinic_app.services.errors import ValidationError
from clinic_app.services.patients import patient_import, patients

TODAY = dt.date(2026, 6, 15)
HEADER = "first_name,last_name,date_of_birth,phone,email\n"


def run_import(database, actor, text: str) -> patient_import.ImportReport:
    with database.session() as session:
        return patient_import.import_rows(
            session, actor, text.splitlines(keepends=True), today=TODAY
        )


def test_valid_rows_are_imported(database, actor) -> None:
    report = run_import(
        database,
        actor,
        HEADER
        + "María,Núñez,1980-03-14,+34 612 345 678,maria@example.com\n"
        + '"Ana María","de la Cruz, Jr",1975-01-02,,\n',
    )
    assert report.rejected == [] and report.duplicates == []
    assert len(report.imported_ids) == 2
    with database.session() as session:
        rows = patients.find(session)
        assert [(r.first_name, r.last_name) for r in rows] == [
            ("Ana María", "de la Cruz, Jr"),
            ("María", "Núñez"),
        ]
        assert {r.id for r in rows} == set(report.imported_ids)


def test_invalid_rows_are_listed_with_line_number_and_reason(database, actor) -> None:
    report = run_import(
        database,
        actor,
        HEADER
        + "Ana,Lopez,1980-01-01,,\n"  # line 2: fine
        + ",Lopez,1980-01-01,,\n"  # line 3: no first name
        + "Eva,Lopez,14/03/1980,,\n"  # line 4: not ISO
        + "Eva,Lopez,,,\n"  # line 5: no date
        + "Eva,Lopez,2031-01-01,,\n"  # line 6: future
        + "Eva,Lopez,1981-01-01,call me,\n"  # line 7: phone
        + "Eva,Lopez,1981-01-01,,eva@\n"  # line 8: e-mail
        + "Ivo,Perez,1990-02-02\n",  # line 9: short row, fine
    )
    assert len(report.imported_ids) == 2
    reasons = {problem.line: problem.reason for problem in report.rejected}
    assert list(reasons) == [3, 4, 5, 6, 7, 8]
    assert "Enter the first name." in reasons[3]
    assert "'14/03/1980' is not a date" in reasons[4] and "YYYY-MM-DD" in reasons[4]
    assert "date_of_birth is empty" in reasons[5]
    assert "2031-01-01 is not in the past" in reasons[6]
    assert "'call me'" in reasons[7]
    assert "'eva@'" in reasons[8]


def test_duplicates_in_the_database_and_in_the_file_are_skipped(database, actor) -> None:
    with database.session() as session:
        existing = patients.create(
            session, actor, PatientFields("María", "Núñez", dt.date(1980, 3, 14)), today=TODAY
        ).id
    report = run_import(
        database,
        actor,
        HEADER
        + "maria,NUNEZ,1980-03-14,,\n"  # line 2: already registered
        + "Ana,Lopez,1980-01-01,,\n"  # line 3: new
        + "Ana ,López,1980-01-01,,\n",  # line 4: same as line 3
    )
    assert len(report.imported_ids) == 1
    assert [(p.line, p.reason) for p in report.duplicates] == [
        (2, f"already registered as patient #{existing}"),
        (4, "same name and date of birth as line 3"),
    ]
    with database.session() as session:
        assert patients.count(session) == 2


def test_missing_column_is_refused_before_any_row(database, actor) -> None:
    with pytest.raises(ValidationError) as caught:
        run_import(database, actor, "first_name,surname,dob\nAna,Lopez,1980-01-01\n")
    message = caught.value.errors["file"]
    assert "last_name, date_of_birth, phone, email" in message
    assert "first_name,last_name,date_of_birth,phone,email" in message
    with database.session() as session:
        assert patients.count(session) == 0


def test_header_with_spaces_and_extra_columns_is_accepted(database, actor) -> None:
    report = run_import(
        database,
        actor,
        " first_name , last_name ,date_of_birth,phone,email,notes\nAna,Lopez,1980-01-01,,,x\n",
    )
    assert len(report.imported_ids) == 1 and report.rejected == []


def test_a_row_too_long_for_its_column_is_rejected_and_the_others_imported(database, actor):
    report = run_import(
        database,
        actor,
        HEADER
        + "Ana,Ruiz,1980-01-02,,ana@example.com\n"
        + "Eva,Long,1980-01-03,,"
        + "e" * 250
        + "@example.com\n"
        + "Ida,Berg,1980-01-04,+46 8 123 456,\n",
    )
    assert len(report.imported_ids) == 2
    assert [(p.line, "at most 254" in p.reason) for p in report.rejected] == [(3, True)]


def test_an_unreadable_csv_line_is_reported_not_raised(database, actor) -> None:
    huge = "x" * (200 * 1024)  # over the csv module's field limit
    report = run_import(
        database, actor, HEADER + "Ana,Ruiz,1980-01-02,,\n" + f'Eva,"{huge}",1980-01-03,,\n'
    )
    assert len(report.imported_ids) == 1
    assert report.rejected[0].line == 3 and "unreadable CSV" in report.rejected[0].reason


def test_a_language_column_gives_each_patient_their_language(database, actor) -> None:
    """Optional: an empty cell, or a file without the column, is English; an unknown code is
    the row's reason to be left out."""
    report = run_import(
        database,
        actor,
        "first_name,last_name,date_of_birth,phone,email,language\n"
        + "Lucía,Pérez,1980-03-14,,,es\n"
        + "Eva,Lind,1981-04-15,,,\n"
        + "Jo,Marsh,1982-05-16,,, EN \n"
        + "Ana,Ruiz,1983-06-17,,,klingon\n",
    )
    assert len(report.imported_ids) == 3
    assert [problem.line for problem in report.rejected] == [5]
    assert "language 'klingon'" in report.rejected[0].reason
    with database.session() as session:
        languages = patients.languages_of(session, report.imported_ids)
        by_name = {patients.get(session, pid).first_name: lang for pid, lang in languages.items()}
    assert by_name == {"Lucía": "es", "Eva": "en", "Jo": "en"}
    without = run_import(database, actor, HEADER + "Max,Holm,1979-01-01,,\n")
    with database.session() as session:
        assert patients.get(session, without.imported_ids[0]).language == "en"
