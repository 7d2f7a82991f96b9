"""Register, edit, archive and find patients. Every change is audited in the same transaction."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from clinic_app.domain.patient_rules import PatientFields, validate_patient
from clinic_app.domain.text import search_key, search_terms, sort_key
from clinic_app.models import Patient, utc_now
from clinic_app.services import audit
from clinic_app.services.audit import Actor
from clinic_app.services.errors import (
    NotFoundError,
    PossibleDuplicateError,
    StaleRecordError,
    ValidationError,
    is_record_id,
)

FIELD_NAMES = tuple(field.name for field in dataclasses.fields(PatientFields))


@dataclass(frozen=True)
class PatientRow:
    """One line of the patient list (also the cursor for the next page)."""

    id: int
    first_name: str
    last_name: str
    date_of_birth: dt.date
    phone: str
    email: str
    sort_key: str
    archived: bool = False


def fields_of(patient: Patient) -> PatientFields:
    """The editable values of a stored patient."""
    return PatientFields(**{name: getattr(patient, name) for name in FIELD_NAMES})


def derived_keys(fields: PatientFields) -> dict[str, str]:
    """The folded sort and search keys stored beside the values a person typed."""
    assert fields.date_of_birth is not None
    return {
        "sort_key": sort_key(fields.first_name, fields.last_name),
        "search_key": search_key(
            fields.first_name, fields.last_name, fields.date_of_birth, fields.phone, fields.email
        ),
    }


def _checked(fields: PatientFields, today: dt.date | None) -> PatientFields:
    cleaned = fields.cleaned()
    errors = validate_patient(cleaned, today or dt.date.today())
    if errors:
        raise ValidationError(errors)
    return cleaned


MAX_PAGE = 10_000


def get(session: Session, patient_id: int) -> Patient:
    """The patient with this id, or NotFoundError."""
    patient = session.get(Patient, patient_id) if is_record_id(patient_id) else None
    if patient is None:
        raise NotFoundError(f"There is no patient #{patient_id}.")
    return patient


def find_duplicates(
    session: Session, fields: PatientFields, exclude_id: int | None = None
) -> list[PatientRow]:
    """Registered patients with the same folded name and the same date of birth."""
    cleaned = fields.cleaned()
    stmt = _row_select().where(
        Patient.sort_key == sort_key(cleaned.first_name, cleaned.last_name),
        Patient.date_of_birth == cleaned.date_of_birth,
    )
    if exclude_id is not None:
        stmt = stmt.where(Patient.id != exclude_id)
    return [_row(r) for r in session.execute(stmt)]


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
    audit.record(
        session, actor, "update", "patient", patient.id, "changed " + ", ".join(changed_names)
    )
    return patient


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


def _row_select():
    return select(
        Patient.id,
        Patient.first_name,
        Patient.last_name,
        Patient.date_of_birth,
        Patient.phone,
        Patient.email,
        Patient.sort_key,
        Patient.archived_at,
    )


def _row(result) -> PatientRow:
    return PatientRow(
        id=result.id,
        first_name=result.first_name,
        last_name=result.last_name,
        date_of_birth=result.date_of_birth,
        phone=result.phone,
        email=result.email,
        sort_key=result.sort_key,
        archived=result.archived_at is not None,
    )


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _filters(text: str, include_archived: bool) -> list[ColumnElement[bool]]:
    text = text.replace("\x00", "")  # no stored text holds NUL (PostgreSQL cannot even compare it)
    filters: list[ColumnElement[bool]] = []
    if not include_archived:
        filters.append(Patient.archived_at.is_(None))
    for alternatives in search_terms(text):
        filters.append(
            or_(
                *(
                    Patient.search_key.like(f"%{_escape_like(alt)}%", escape="\\")
                    for alt in alternatives
                )
            )
        )
    return filters


def find(
    session: Session,
    text: str = "",
    *,
    limit: int = 100,
    after: PatientRow | None = None,
    include_archived: bool = False,
) -> list[PatientRow]:
    """One page of patients matching every word of ``text`` (name, date of birth, phone, e-mail),
    ordered by family name; pass the last row of a page as ``after`` for the next page."""
    if not 1 <= limit <= MAX_PAGE:
        raise ValidationError({"limit": f"A page holds 1 to {MAX_PAGE} patients."})
    stmt = _row_select().where(*_filters(text, include_archived))
    if after is not None:
        stmt = stmt.where(
            or_(
                Patient.sort_key > after.sort_key,
                and_(Patient.sort_key == after.sort_key, Patient.id > after.id),
            )
        )
    stmt = stmt.order_by(Patient.sort_key, Patient.id).limit(limit)
    return [_row(r) for r in session.execute(stmt)]


def count(session: Session, text: str = "", *, include_archived: bool = False) -> int:
    """How many patients match ``text``."""
    stmt = select(func.count()).select_from(Patient).where(*_filters(text, include_archived))
    return int(session.scalar(stmt) or 0)
