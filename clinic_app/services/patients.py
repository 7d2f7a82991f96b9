"""Register, edit, archive and find patients. Every change is audited in the same transaction."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    String,
    and_,
    bindparam,
    delete,
    func,
    intersect,
    literal,
    or_,
    select,
)
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.orm.exc import StaleDataError

from clinic_app.domain.patient_rules import PatientFields, validate_patient
from clinic_app.domain.text import patient_terms, prefix_upper_bound, query_prefixes, sort_key
from clinic_app.models import Patient, PatientSearchTerm, utc_now
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
    # By position, in _row_select's order: reading 100 rows by name costs a millisecond.
    patient_id, first, last, born, phone, email, key, archived_at = result[:8]
    return PatientRow(patient_id, first, last, born, phone, email, key, archived_at is not None)


# --- search -------------------------------------------------------------------------------------
#
# Every word typed must begin one of the patient's terms (docs/search.md). Each word's prefix
# range on patient_search_terms is counted first, up to DRIVE_BELOW index entries:
# - when some word has fewer (a selective word), the page is read from the index, which holds
#   the sort key: the candidates in list order are those of every selective word (INTERSECT),
#   then their rows, filtered by the other words, are read until the page is full;
# - when every word has that many or more (e.g. "a" or "19"), the patients are walked in list
#   order, each row checked against its search_key: so common a word fills a page quickly.
# The statements depend only on the shape of the query (how many words, how many readings of
# each): they are built once per shape and then only given new values, keystroke after keystroke.
DRIVE_BELOW = 15_000
_BATCH_MAX = 20_000  # candidates read at once when most of them are filtered out

Word = list[str]  # the prefixes a typed word may stand for (a date read two ways, a phone)
Shape = tuple[tuple[bool, ...], ...]  # per word, per prefix: whether its range has an upper end


def _shape(words: list[Word]) -> Shape:
    return tuple(tuple(prefix_upper_bound(prefix) is not None for prefix in w) for w in words)


def _ranges(name: str, shape: Shape) -> list[ColumnElement[bool]]:
    """Per word, its prefix ranges on the index (bound as {name}{word}_{prefix}_lo/_hi)."""
    term = PatientSearchTerm.term
    found = []
    for i, bounded in enumerate(shape):
        ranges: list[ColumnElement[bool]] = []
        for j, has_upper in enumerate(bounded):
            low = term >= bindparam(f"{name}{i}_{j}_lo")
            ranges.append(and_(low, term < bindparam(f"{name}{i}_{j}_hi")) if has_upper else low)
        found.append(or_(*ranges))
    return found


def _key_has(name: str, shape: Shape) -> list[ColumnElement[bool]]:
    """Per word, a row whose search_key has a term beginning with it ({name}{word}_{prefix})."""
    spaced = literal(" ") + Patient.search_key
    return [
        or_(*(spaced.like(bindparam(f"{name}{i}_{j}"), escape="/") for j in range(len(bounded))))
        for i, bounded in enumerate(shape)
    ]


def _values(name: str, words: list[Word], like: bool = False) -> dict[str, str]:
    values = {}
    for i, word in enumerate(words):
        for j, prefix in enumerate(word):
            if like:
                escaped = prefix.replace("/", "//").replace("%", "/%").replace("_", "/_")
                values[f"{name}{i}_{j}"] = f"% {escaped}%"
            else:
                values[f"{name}{i}_{j}_lo"] = prefix
                upper = prefix_upper_bound(prefix)
                if upper is not None:
                    values[f"{name}{i}_{j}_hi"] = upper
    return values


def _after(
    key: InstrumentedAttribute[str], ident: InstrumentedAttribute[int]
) -> ColumnElement[bool]:
    """After the row bound as after_key, after_id in list order."""
    after_key = bindparam("after_key", type_=String())
    return or_(key > after_key, and_(key == after_key, ident > bindparam("after_id")))


def _listed(include_archived: bool) -> list[ColumnElement[bool]]:
    return [] if include_archived else [Patient.archived_at.is_(None)]


def _reader(session: Session) -> Connection:
    """The session's connection, after flushing what is pending (as ``session.execute`` would):
    rows read through it skip the ORM's result handling and stream (a page stops early)."""
    if session.autoflush:
        session.flush()
    return session.connection()


@lru_cache(maxsize=64)
def _counts_statement(shape: Shape) -> Select:
    return select(
        *(
            select(func.count())
            .select_from(select(literal(1)).where(word).limit(bindparam("cap")).subquery())
            .scalar_subquery()
            for word in _ranges("w", shape)
        )
    )


@dataclass(frozen=True)
class _Plan:
    indexed: list[Word]  # the words whose index ranges give the candidates; none: walk
    checked: list[Word]  # the words checked on each row
    nothing: bool = False  # some word begins no term at all


def _plan(session: Session, text: str, drive_below: int) -> _Plan:
    words = query_prefixes(text)
    if not words:
        return _Plan([], [])
    counts = (
        _reader(session)
        .execute(_counts_statement(_shape(words)), {"cap": drive_below, **_values("w", words)})
        .one()
    )
    if 0 in counts:
        return _Plan([], words, nothing=True)
    selective = [count < drive_below for count in counts]
    return _Plan(
        [word for word, chosen in zip(words, selective, strict=True) if chosen],
        [word for word, chosen in zip(words, selective, strict=True) if not chosen],
    )


@lru_cache(maxsize=64)
def _walk_statement(checked: Shape, include_archived: bool, after: bool) -> Select:
    stmt = _row_select().where(*_listed(include_archived), *_key_has("k", checked))
    if after:
        stmt = stmt.where(_after(Patient.sort_key, Patient.id))
    return stmt.order_by(Patient.sort_key, Patient.id).limit(bindparam("limit"))


@lru_cache(maxsize=64)
def _index_statement(indexed: Shape, checked: Shape, include_archived: bool, after: bool) -> Select:
    """Up to ``batch`` candidates in list order, each with its row if it passes the filters."""
    key, ident = PatientSearchTerm.sort_key, PatientSearchTerm.patient_id
    later = [_after(key, ident)] if after else []
    parts = [select(key, ident).where(word, *later) for word in _ranges("r", indexed)]
    if len(parts) == 1:
        c = parts[0].order_by(key, ident).limit(bindparam("batch")).subquery()
    else:
        both = intersect(*parts)
        columns = both.selected_columns
        c = both.order_by(columns.sort_key, columns.patient_id).limit(bindparam("batch")).subquery()
    filters = [*_listed(include_archived), *_key_has("k", checked)]
    return (
        _row_select()
        .add_columns(c.c.sort_key, c.c.patient_id)
        .select_from(c)
        .outerjoin(Patient, and_(Patient.id == c.c.patient_id, *filters))
        .order_by(c.c.sort_key, c.c.patient_id)
    )


def _walk(
    session: Session, plan: _Plan, include_archived: bool, after: PatientRow | None, limit: int
) -> list[PatientRow]:
    stmt = _walk_statement(_shape(plan.checked), include_archived, after is not None)
    values: dict[str, object] = {"limit": limit, **_values("k", plan.checked, like=True)}
    if after is not None:
        values |= {"after_key": after.sort_key, "after_id": after.id}
    return [_row(r) for r in _reader(session).execute(stmt, values)]


def _from_index(
    session: Session, plan: _Plan, include_archived: bool, after: PatientRow | None, limit: int
) -> list[PatientRow]:
    """Candidates in list order from the index ranges of the selective words (patients having
    all of them), each with its row when the patient passes the filters; more candidates are
    read while the page is not full."""
    found: list[PatientRow] = []
    values: dict[str, object] = {
        **_values("r", plan.indexed),
        **_values("k", plan.checked, like=True),
        "batch": 2 * limit,  # a patient may have several terms in a range
    }
    if after is not None:
        values |= {"after_key": after.sort_key, "after_id": after.id}
    indexed, checked = _shape(plan.indexed), _shape(plan.checked)
    while True:
        stmt = _index_statement(indexed, checked, include_archived, "after_key" in values)
        read = 0
        with _reader(session).execute(stmt, values) as results:  # closed when the page is full
            for result in results:
                read += 1
                values["after_key"], values["after_id"] = result[8], result[9]  # the candidate
                if result[0] is not None and (not found or found[-1].id != result[0]):
                    found.append(_row(result))
                    if len(found) == limit:
                        return found
        if read < values["batch"]:  # type: ignore[operator]
            return found
        values["batch"] = min(4 * values["batch"], _BATCH_MAX)  # type: ignore[operator]


def find(
    session: Session,
    text: str = "",
    *,
    limit: int = 100,
    after: PatientRow | None = None,
    include_archived: bool = False,
    drive_below: int = DRIVE_BELOW,
) -> list[PatientRow]:
    """One page of patients of whom every word of ``text`` begins a name, the date of birth
    (typed as 14/03/1980 too), a run of phone digits or the e-mail, ordered by family name;
    pass the last row of a page as ``after`` for the next page.

    ``drive_below`` is the planner's threshold (see above); tests lower it."""
    if not 1 <= limit <= MAX_PAGE:
        raise ValidationError({"limit": f"A page holds 1 to {MAX_PAGE} patients."})
    plan = _plan(session, text, drive_below)
    if plan.nothing:
        return []
    if not plan.indexed:
        return _walk(session, plan, include_archived, after, limit)
    return _from_index(session, plan, include_archived, after, limit)


def count(
    session: Session,
    text: str = "",
    *,
    include_archived: bool = False,
    limit: int | None = None,
    drive_below: int = DRIVE_BELOW,
) -> int:
    """How many patients ``find`` would list for ``text``, or ``limit`` when there are at
    least that many (a count of every "a" among 100 000 patients takes a while)."""
    plan = _plan(session, text, drive_below)
    if plan.nothing:
        return 0
    checked = _shape(plan.checked)
    stmt = select(Patient.id).where(*_listed(include_archived), *_key_has("k", checked))
    for word in _ranges("r", _shape(plan.indexed)):
        stmt = stmt.where(Patient.id.in_(select(PatientSearchTerm.patient_id).where(word)))
    if limit is not None:
        stmt = stmt.limit(limit)
    values = {**_values("r", plan.indexed), **_values("k", plan.checked, like=True)}
    total = session.scalar(select(func.count()).select_from(stmt.subquery()), values)
    return int(total or 0)
