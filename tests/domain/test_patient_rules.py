"""Validation of a patient's identity and contact details: every message names what is wrong
and what would be right."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from clinic_app.domain.patient_rules import (
    MAX_AGE_YEARS,
    PatientFields,
    parse_date_of_birth,
    parse_iso_date,
    validate_patient,
)

TODAY = dt.date(2026, 6, 15)
VALID = PatientFields(
    first_name="María",
    last_name="Núñez",
    date_of_birth=dt.date(1980, 3, 14),
    phone="+34 612 345 678",
    email="maria@example.com",
    emergency_contact_phone="(555) 123-4567",
)


def problems(**changes: object) -> dict[str, str]:
    return validate_patient(dataclasses.replace(VALID, **changes), TODAY)


def test_valid_patient_has_no_problem() -> None:
    assert validate_patient(VALID, TODAY) == {}
    assert problems(phone="", email="", emergency_contact_phone="") == {}


@pytest.mark.parametrize(
    ("field", "label"), [("first_name", "first name"), ("last_name", "last name")]
)
def test_name_is_required(field: str, label: str) -> None:
    found = problems(**{field: ""})
    assert list(found) == [field]
    assert found[field] == f"Enter the {label}."


def test_name_must_contain_letters() -> None:
    message = problems(last_name="1234")["last_name"]
    assert "last name" in message and "letters" in message and "'1234'" in message


def test_name_too_long_says_how_long_and_the_limit() -> None:
    message = problems(first_name="A" * 101)["first_name"]
    assert "101 characters" in message and "at most 100" in message


def test_date_of_birth_is_required() -> None:
    message = problems(date_of_birth=None)["date_of_birth"]
    assert "date of birth" in message and "YYYY-MM-DD" in message


@pytest.mark.parametrize("dob", [TODAY, TODAY + dt.timedelta(days=1), dt.date(2030, 1, 1)])
def test_date_of_birth_in_the_future_is_refused(dob: dt.date) -> None:
    message = problems(date_of_birth=dob)["date_of_birth"]
    assert dob.isoformat() in message
    assert "not in the past" in message
    assert f"before {TODAY.isoformat()}" in message


def test_implausible_age_is_refused_and_names_the_age() -> None:
    dob = dt.date(TODAY.year - MAX_AGE_YEARS - 1, TODAY.month, TODAY.day)
    message = problems(date_of_birth=dob)["date_of_birth"]
    assert dob.isoformat() in message
    assert f"{MAX_AGE_YEARS + 1} years old" in message
    assert "check the year" in message


def test_oldest_plausible_age_is_accepted() -> None:
    assert problems(date_of_birth=dt.date(TODAY.year - MAX_AGE_YEARS, TODAY.month, TODAY.day)) == {}


@pytest.mark.parametrize("phone", ["555-123-4567", "+1 (555) 123 4567", "06.12.34.56.78"])
def test_phone_formats_people_write_are_accepted(phone: str) -> None:
    assert problems(phone=phone) == {}


def test_phone_with_letters_is_refused_with_an_example() -> None:
    message = problems(phone="555-CALL-NOW")["phone"]
    assert "'555-CALL-NOW'" in message
    assert "digits" in message and "e.g. +1 555 123 4567" in message


@pytest.mark.parametrize(("phone", "count"), [("123", 3), ("1234 5678 9012 3456", 16)])
def test_phone_with_too_few_or_too_many_digits_says_how_many(phone: str, count: int) -> None:
    message = problems(phone=phone)["phone"]
    assert f"has {count} digits" in message and "6 to 15" in message


def test_emergency_contact_phone_is_named_as_such() -> None:
    found = problems(emergency_contact_phone="call me")
    assert list(found) == ["emergency_contact_phone"]
    assert "emergency contact's phone number" in found["emergency_contact_phone"]


@pytest.mark.parametrize("email", ["maria", "maria@example", "maria@@example.com", "a b@x.com"])
def test_malformed_email_is_refused_with_an_example(email: str) -> None:
    message = problems(email=email)["email"]
    assert f"'{email}'" in message and "name@example.com" in message


def test_every_problem_is_reported_at_once() -> None:
    found = problems(first_name="", date_of_birth=None, phone="x", email="y")
    assert set(found) == {"first_name", "date_of_birth", "phone", "email"}


def test_cleaned_trims_and_collapses_spaces_in_names() -> None:
    fields = PatientFields("  Ana   María ", " de  la Cruz ", None, phone=" 555 1234 ")
    cleaned = fields.cleaned()
    assert (cleaned.first_name, cleaned.last_name, cleaned.phone) == (
        "Ana María",
        "de la Cruz",
        "555 1234",
    )


def test_parse_iso_date() -> None:
    assert parse_iso_date(" 1980-03-14 ") == dt.date(1980, 3, 14)
    with pytest.raises(ValueError, match=r"'14/03/1980' is not a date; write it as YYYY-MM-DD"):
        parse_iso_date("14/03/1980")


@pytest.mark.parametrize(
    "typed",
    [
        "1984-03-27",
        " 1984/3/27 ",
        "27/03/1984",
        "27/3/1984",
        "27.03.1984",
        "27.3.1984",
        "27-03-1984",
        "03/27/1984",
    ],
)
def test_a_birth_date_is_read_day_first_year_first_or_month_first_when_plain(typed: str) -> None:
    assert parse_date_of_birth(typed) == dt.date(1984, 3, 27)


def test_a_date_with_dots_is_always_day_first_and_equal_numbers_read_one_way() -> None:
    assert parse_date_of_birth("03.04.1984") == dt.date(1984, 4, 3)
    assert parse_date_of_birth("05/05/1984") == dt.date(1984, 5, 5)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("03/04/1984", "'03/04/1984' could be 3 April 1984 or 4 March 1984"),
        ("03/04/1984", "1984-04-03 or 1984-03-04"),
        ("31/02/1984", "'31/02/1984' is not a day of the calendar"),
        ("27.13.1984", "is not a day of the calendar"),
        ("27/03/84", "four digits"),
        ("yesterday", "'yesterday' is not a date"),
        ("yesterday", "27/03/1984"),
        ("1984-02-30", "is not a day of the calendar"),
    ],
)
def test_an_ambiguous_or_impossible_birth_date_says_why(typed: str, says: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_date_of_birth(typed)
    assert says in str(caught.value)


@pytest.mark.parametrize(
    ("field", "value", "label"),
    [
        ("phone", "1 2 3 4 5 6 7 8 9 0 " * 3, "phone number"),
        ("email", "a" * 250 + "@x.com", "e-mail address"),
        ("emergency_contact_name", "Ana " * 60, "emergency contact's name"),
        ("notes", "n" * 10_001, "notes"),
    ],
)
def test_every_text_field_has_a_length_limit_matching_its_column(field, value, label) -> None:
    message = problems(**{field: value})[field]
    assert label in message and "at most" in message


@pytest.mark.parametrize("field", ["first_name", "last_name", "phone", "email"])
def test_control_characters_are_refused_by_name(field: str) -> None:
    value = getattr(VALID, field)
    message = problems(**{field: value[:2] + "\x00" + value[2:]})[field]
    assert "U+0000" in message


def test_new_lines_are_fine_in_the_address_and_notes() -> None:
    assert problems(address="1 Main St\nSpringfield", notes="line one\n\tline two") == {}
