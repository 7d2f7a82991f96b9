"""Validation of a patient's identity and contact details (pure rules, no database)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from clinic_app.dates_format import spoken_date
from clinic_app.domain.text import digits
from clinic_app.domain.translations import ENGLISH, NAMES

MAX_AGE_YEARS = 120
NAME_MAX = 100
# The most characters each field may hold (the database columns are sized to match).
FIELD_MAX = {
    "first_name": NAME_MAX,
    "last_name": NAME_MAX,
    "phone": 40,
    "email": 254,  # RFC 5321
    "address": 1000,
    "emergency_contact_name": 200,
    "emergency_contact_phone": 40,
    "notes": 10000,
}
FIELD_LABELS = {
    "first_name": "first name",
    "last_name": "last name",
    "phone": "phone number",
    "email": "e-mail address",
    "address": "address",
    "emergency_contact_name": "emergency contact's name",
    "emergency_contact_phone": "emergency contact's phone number",
    "notes": "notes",
}
MULTILINE_FIELDS = {"address", "notes"}
PHONE_MIN_DIGITS = 6
PHONE_MAX_DIGITS = 15  # ITU-T E.164
_PHONE_CHARS = re.compile(r"^\+?[\d\s().-]+$")
_YEAR_FIRST_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_DAY_OR_MONTH_FIRST = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})\2(\d+)$")
DATE_EXAMPLES = "27/03/1984 or 1984-03-27"
# The languages a patient may read their handouts and consent in (resources/care/<code>/ and
# resources/consent/<code>/), each named in itself as the patient would look for it.
DEFAULT_LANGUAGE = ENGLISH
LANGUAGES = NAMES
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")


@dataclass(frozen=True)
class PatientFields:
    """What a person types to register or edit a patient (already stripped of outer spaces)."""

    first_name: str
    last_name: str
    date_of_birth: dt.date | None
    phone: str = ""
    email: str = ""
    address: str = ""
    emergency_contact_name: str = ""
    emergency_contact_phone: str = ""
    notes: str = ""
    language: str = DEFAULT_LANGUAGE

    def cleaned(self) -> PatientFields:
        """The same fields with outer spaces removed and inner runs of spaces in names collapsed."""
        return PatientFields(
            first_name=" ".join(self.first_name.split()),
            last_name=" ".join(self.last_name.split()),
            date_of_birth=self.date_of_birth,
            phone=self.phone.strip(),
            email=self.email.strip(),
            address=self.address.strip(),
            emergency_contact_name=" ".join(self.emergency_contact_name.split()),
            emergency_contact_phone=self.emergency_contact_phone.strip(),
            notes=self.notes.strip(),
            language=self.language.strip().lower(),
        )


def parse_iso_date(text: str) -> dt.date:
    """A date written YYYY-MM-DD (or with / or . between the parts, year first); ValueError
    with a message a person can act on otherwise."""
    cleaned = text.strip()
    match = _YEAR_FIRST_DATE.match(cleaned)
    if match is None:
        raise ValueError(f"'{cleaned}' is not a date; write it as YYYY-MM-DD, e.g. 1984-03-27")
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise ValueError(
            f"'{cleaned}' is not a day of the calendar; check the month (1-12) and the day"
        ) from None


def parse_date_of_birth(text: str) -> dt.date:
    """A date of birth as people write it; ValueError saying what to write otherwise.

    - year first: 1984-03-27 (also with / or . between the parts), as stored;
    - with dots: always day first, 27.03.1984 or 27.3.1984 (no country writes month.day.year);
    - with / or -: day first, 27/03/1984, or month first, 03/27/1984, whichever is a date; one
      that reads both ways (03/04/1984: 3 April or 4 March) is refused with the two readings,
      so that nobody's birthday is guessed. The same day twice (05/05/1984) is one date.
    The year has its four digits: 27/03/84 could be 1884 or 1984 to the app.
    """
    cleaned = text.strip()
    if _YEAR_FIRST_DATE.match(cleaned):
        return parse_iso_date(cleaned)
    match = _DAY_OR_MONTH_FIRST.match(cleaned)
    if match is None:
        raise ValueError(f"'{cleaned}' is not a date; write it as {DATE_EXAMPLES}")
    first, separator, second, year_digits = match.groups()
    if len(year_digits) != 4:
        raise ValueError(f"'{cleaned}': write the year with its four digits, e.g. 27/03/1984")
    a, b, year = int(first), int(second), int(year_digits)
    orders = [(a, b)] if separator == "." else [(a, b), (b, a)]  # (day, month)
    readings: list[dt.date] = []
    for day, month in orders:
        try:
            reading = dt.date(year, month, day)
        except ValueError:
            continue
        if reading not in readings:
            readings.append(reading)
    if not readings:
        raise ValueError(
            f"'{cleaned}' is not a day of the calendar; check the day (1-31) and the month (1-12)"
        )
    if len(readings) > 1:
        spoken = " or ".join(spoken_date(d) for d in readings)
        written = " or ".join(d.isoformat() for d in readings)
        raise ValueError(f"'{cleaned}' could be {spoken}; write it year first: {written}")
    return readings[0]


def name_problem(value: str, label: str) -> str | None:
    """Why a name cannot be saved, or None."""
    if not value:
        return f"Enter the {label}."
    if len(value) > NAME_MAX:
        return f"The {label} has {len(value)} characters; at most {NAME_MAX} fit."
    if not any(ch.isalpha() for ch in value):
        return f"The {label} must contain letters (got '{value}')."
    return None


def date_of_birth_problem(value: dt.date | None, today: dt.date) -> str | None:
    """Why a date of birth is impossible or implausible, or None."""
    if value is None:
        return f"Enter the date of birth, e.g. {DATE_EXAMPLES} (YYYY-MM-DD)."
    if value >= today:
        return (
            f"The date of birth {value.isoformat()} is not in the past; "
            f"enter a date before {today.isoformat()}."
        )
    age = today.year - value.year - ((today.month, today.day) < (value.month, value.day))
    if age > MAX_AGE_YEARS:
        return (
            f"The date of birth {value.isoformat()} makes the patient {age} years old; "
            "check the year."
        )
    return None


def phone_problem(value: str, label: str = "phone number") -> str | None:
    """Why a phone number is malformed, or None (an empty phone number is allowed)."""
    if not value:
        return None
    if not _PHONE_CHARS.match(value):
        return (
            f"The {label} '{value}' may only contain digits, spaces and + ( ) - . "
            "characters, e.g. +1 555 123 4567."
        )
    count = len(digits(value))
    if not PHONE_MIN_DIGITS <= count <= PHONE_MAX_DIGITS:
        return (
            f"The {label} '{value}' has {count} digits; a phone number has "
            f"{PHONE_MIN_DIGITS} to {PHONE_MAX_DIGITS}."
        )
    return None


def email_problem(value: str) -> str | None:
    """Why an e-mail address is malformed, or None (an empty address is allowed)."""
    if not value:
        return None
    if not _EMAIL.match(value):
        return f"The e-mail address '{value}' is incomplete; it looks like name@example.com."
    return None


def text_problem(name: str, value: str) -> str | None:
    """Why the text of field ``name`` cannot be stored (too long, control characters), or None."""
    label = FIELD_LABELS[name]
    limit = FIELD_MAX[name]
    if len(value) > limit:
        return f"The {label} has {len(value)} characters; at most {limit} fit."
    allowed = "\n\t" if name in MULTILINE_FIELDS else ""
    bad = next((ch for ch in value if unicodedata.category(ch) == "Cc" and ch not in allowed), None)
    if bad is not None:
        return f"The {label} contains an invisible control character (U+{ord(bad):04X}); retype it."
    return None


def language_problem(value: str) -> str | None:
    """Why ``value`` is not a language a patient can be given (an ISO 639-1 code), or None."""
    if value in LANGUAGES:
        return None
    known = ", ".join(f"{code} ({name})" for code, name in LANGUAGES.items())
    return f"The language '{value}' is not one the handouts are written in; choose {known}."


def validate_patient(fields: PatientFields, today: dt.date) -> dict[str, str]:
    """Every problem of ``fields``, keyed by field name; empty when they can be saved."""
    problems = {
        name: problem
        for name in FIELD_MAX
        if (problem := text_problem(name, getattr(fields, name))) is not None
    }
    checks = {
        "first_name": name_problem(fields.first_name, "first name"),
        "last_name": name_problem(fields.last_name, "last name"),
        "date_of_birth": date_of_birth_problem(fields.date_of_birth, today),
        "phone": phone_problem(fields.phone),
        "email": email_problem(fields.email),
        "emergency_contact_phone": phone_problem(
            fields.emergency_contact_phone, "emergency contact's phone number"
        ),
        "language": language_problem(fields.language),
    }
    for field, message in checks.items():
        if message:
            problems.setdefault(field, message)
    return problems
