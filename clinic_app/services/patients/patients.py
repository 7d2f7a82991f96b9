"""Register, edit, archive and find patients. Every change is audited in the same transaction."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import Connection, delete, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from clinic_app.domain.patient_rules import PatientFields, validate_patient
from clinic_app.domain.text import patient_terms, prefix_upper_bound, same_name_key, sort_key
from clinic_app.models import Patient, PatientSearchTerm, utc_now
from clinic_app.services.errors import (
    NotFoundError,
    PossibleDuplicateError,
    StaleRecordError,
    ValidationError,
    is_record_id,
)
from clinic_app.services.patients import patient_search
from clinic_app.services.patients.patient_search import DRIVE_BELOW, HEAD_BUDGET, PatientRow
from clinic_app.services.security import audit
from clinic_app.services.security.identity import Actor

FIELD_NAMES = tuple(field.name for field in dataclasses.fields(PatientFields))


def fields_of(patient: Patient) -> PatientFields:
    """The editable values of a stored patient."""
    return PatientFields(**{name: getattr(patient, name) for name in FIELD_NAMES})


def terms_of(fields: PatientFields) -> list[str]:
    """The search terms of a patient with these values (clinic_app.domain.text.patient_terms)."""
    assert fields.date_of_birth is not None
    return patient_terms(
        fields.first_name, fields.last_name, fields.date_of_birth, fields.phone, fields.email
    )


def derived_keys(fields: PatientFields) -> dict[str, str]:
    """The folded sort key and the search terms stored beside the values a person typed."""
    return {
        "sort_key": sort_key(fields.first_name, fields.last_name),
        "search_key": " ".join(terms_of(fields)),
    }


SEARCHED_FIELDS = frozenset({"first_name", "last_name", "date_of_birth", "phone", "email"})


def write_search_terms(session: Session, rows: list[tuple[str, str, int]]) -> None:
    """Add (term, sort key, patient id) rows to the search index (demo seeding adds millions:
    COPY on PostgreSQL, the DB-API's executemany on SQLite)."""
    connection = session.connection()
    if not rows:
        return
    if connection.dialect.name == "postgresql":  # psycopg 3, in this session's transaction
        with connection.connection.driver_connection.cursor() as cursor:  # type: ignore[union-attr]
            copy_sql = "COPY patient_search_terms (term, sort_key, patient_id) FROM STDIN"
            with cursor.copy(copy_sql) as copy:
                for row in rows:
                    copy.write_row(row)
    else:
        connection.exec_driver_sql(
            "INSERT INTO patient_search_terms (term, sort_key, patient_id) VALUES (?, ?, ?)", rows
        )


def _index(session: Session, patient: Patient) -> None:
    """Write the patient's rows of the search index (after removing any earlier ones)."""
    session.execute(delete(PatientSearchTerm).where(PatientSearchTerm.patient_id == patient.id))
    write_search_terms(
        session, [(term, patient.sort_key, patient.id) for term in patient.search_key.split(" ")]
    )


def _checked(fields: PatientFields, today: dt.date | None) -> PatientFields:
    cleaned = fields.cleaned()
    errors = validate_patient(cleaned, today or dt.date.today())
    if errors:
        raise ValidationError(errors)
    return cleaned


def get(session: Session, patient_id: int) -> Patient:
    """The patient with this id, or NotFoundError."""
    patient = session.get(Patient, patient_id) if is_record_id(patient_id) else None
    if patient is None:
        raise NotFoundError(f"There is no patient #{patient_id}.")
    return patient


def find_duplicates(
    session: Session, fields: PatientFields, exclude_id: int | None = None
) -> list[PatientRow]:
    """Registered patients born the same day whose names are the same once folded and stripped
    of spaces and punctuation (clinic_app.domain.text.same_name_key): "Nunez-OBrien" is
    "Núñez-O'Brien". The patients born that day are read from the search index, whose terms
    hold every date of birth (a prefix range: a date term may have been left out for a longer
    term beginning with it); their names are compared here."""
    cleaned = fields.cleaned()
    if cleaned.date_of_birth is None:
        return []
    born = cleaned.date_of_birth.isoformat()
    listed, indexed = patient_search.PATIENTS.c, patient_search.SEARCH_TERMS.c
    upper = prefix_upper_bound(born)
    assert upper is not None  # an ISO date has one
    born_that_day = select(indexed.patient_id).where(indexed.term >= born, indexed.term < upper)
    stmt = patient_search.row_select().where(
        listed.date_of_birth == cleaned.date_of_birth, listed.id.in_(born_that_day)
    )
    if exclude_id is not None:
        stmt = stmt.where(listed.id != exclude_id)
    name = same_name_key(cleaned.first_name, cleaned.last_name)
    rows = [patient_search.row_of(r) for r in session.execute(stmt.order_by(listed.id))]
    return [row for row in rows if same_name_key(row.first_name, row.last_name) == name]


def create(
    session: Session,
    actor: Actor,
    fields: PatientFields,
    *,
    allow_duplicate: bool = False,
    today: dt.date | None = None,
) -> Patient:
    """Register a patient. Raises ValidationError, or PossibleDuplicateError unless allowed."""
    cleaned = _checked(fields, today)
    if not allow_duplicate:
        duplicates = find_duplicates(session, cleaned)
        if duplicates:
            raise PossibleDuplicateError(duplicates)
    patient = Patient(**dataclasses.asdict(cleaned), **derived_keys(cleaned))
    session.add(patient)
    session.flush()
    _index(session, patient)
    summary = "patient registered" + (" (confirmed not a duplicate)" if allow_duplicate else "")
    audit.record(session, actor, "create", "patient", patient.id, summary)
    return patient


def update(
    session: Session,
    actor: Actor,
    patient_id: int,
    fields: PatientFields,
    *,
    expected_version: int,
    opened: PatientFields | None = None,
    allow_duplicate: bool = False,
    today: dt.date | None = None,
) -> Patient:
    """Save edits made to version ``expected_version``; a newer stored version refuses the save.

    ``opened`` is what the form showed when editing began: a refusal then names exactly what
    the other person changed (without it, every stored value that differs from ``fields``)."""
    cleaned = _checked(fields, today)
    if not is_record_id(patient_id):
        raise NotFoundError(f"There is no patient #{patient_id}.")
    # Re-read (and on PostgreSQL lock) the row: a copy cached in this session may be stale.
    patient = session.scalars(
        select(Patient)
        .where(Patient.id == patient_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one_or_none()
    if patient is None:
        raise NotFoundError(f"There is no patient #{patient_id}.")
    stored = fields_of(patient)
    if patient.version != expected_version:
        baseline = opened.cleaned() if opened is not None else cleaned
        changed = {
            name: getattr(stored, name)
            for name in FIELD_NAMES
            if getattr(stored, name) != getattr(baseline, name)
        }
        raise StaleRecordError(f"Patient #{patient_id}", expected_version, patient.version, changed)
    changed_names = [
        name for name in FIELD_NAMES if getattr(stored, name) != getattr(cleaned, name)
    ]
    if not changed_names:
        return patient
    identity = {"first_name", "last_name", "date_of_birth"}
    if identity & set(changed_names) and not allow_duplicate:
        duplicates = find_duplicates(session, cleaned, exclude_id=patient_id)
        if duplicates:
            raise PossibleDuplicateError(duplicates)
    for name in changed_names:
        setattr(patient, name, getattr(cleaned, name))
    for name, value in derived_keys(cleaned).items():
        setattr(patient, name, value)
    try:
        session.flush()
    except StaleDataError:
        raise StaleRecordError(f"Patient #{patient_id}", expected_version, None, {}) from None
    if SEARCHED_FIELDS & set(changed_names):
        _index(session, patient)
    audit.record(
        session, actor, "update", "patient", patient.id, "changed " + ", ".join(changed_names)
    )
    return patient


def languages_of(session: Session, patient_ids: list[int]) -> dict[int, str]:
    """The language code of each of ``patient_ids`` (the command's listing prints it)."""
    languages: dict[int, str] = {}
    for start in range(0, len(patient_ids), 500):
        chunk = patient_ids[start : start + 500]
        stmt = select(Patient.id, Patient.language).where(Patient.id.in_(chunk))
        languages.update({row.id: row.language for row in session.execute(stmt)})
    return languages


def set_archived(session: Session, actor: Actor, patient_id: int, archived: bool = True) -> Patient:
    """Archive a patient (hidden from the list, never deleted), or bring them back."""
    patient = get(session, patient_id)
    if (patient.archived_at is not None) == archived:
        return patient
    patient.archived_at = utc_now() if archived else None
    session.flush()
    action = "archive" if archived else "unarchive"
    audit.record(session, actor, action, "patient", patient.id, f"patient {action}d")
    return patient


def _reader(session: Session) -> Connection:
    """The session's connection, after flushing what is pending (as ``session.execute`` would):
    rows read through it skip the ORM's result handling and stream (a page stops early)."""
    if session.autoflush:
        session.flush()
    return session.connection()


def find(
    session: Session,
    text: str = "",
    *,
    limit: int = 100,
    after: PatientRow | None = None,
    include_archived: bool = False,
    drive_below: int = DRIVE_BELOW,
    head_budget: int = HEAD_BUDGET,
) -> list[PatientRow]:
    """One page of patients matching ``text``, read in this session's transaction.

    See :func:`clinic_app.services.patients.patient_search.find`."""
    return patient_search.find(
        _reader(session),
        text,
        limit=limit,
        after=after,
        include_archived=include_archived,
        drive_below=drive_below,
        head_budget=head_budget,
    )


def count(
    session: Session,
    text: str = "",
    *,
    include_archived: bool = False,
    limit: int | None = None,
    drive_below: int = DRIVE_BELOW,
    head_budget: int = HEAD_BUDGET,
) -> int:
    """How many patients :func:`find` would list (see patient_search.count)."""
    return patient_search.count(
        _reader(session),
        text,
        include_archived=include_archived,
        limit=limit,
        drive_below=drive_below,
        head_budget=head_budget,
    )
