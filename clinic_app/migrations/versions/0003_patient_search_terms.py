"""patient search index

Adds ``patient_search_terms`` (one row per search term of a patient, with the patient's sort
key, so that a search reads its first page from the primary key alone) and fills it for the
patients already stored, in batches. ``patients.search_key`` now lists the same terms separated
by spaces (it held the folded names, date, phone digits and e-mail for substring search).

The terms are those ``clinic_app.domain.text.patient_terms`` gave at search-terms version 2
(``services/patients/search_index.TERMS_VERSION``), frozen below (``_patient_terms`` and its
helpers, standard library only): a migration computes the same thing for ever, whatever the
app's code becomes. A later definition of a term is brought in by ``search_index.refresh``
(docs/search.md). The downgrade writes ``search_key`` back in its 0002 form (frozen too).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 2000  # patients per round trip
BULK_CACHE_KIB = 64 * 1024
SearchTerm = sa.String(length=64).with_variant(sa.String(length=64, collation="C"), "postgresql")

# --- frozen copy of clinic_app.domain.text (search terms version 2): never import live code --

_SPECIAL_LETTERS = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i"}
    | {"’": "'", "‘": "'", "ʼ": "'", "`": "'", "‐": "-", "‑": "-", "–": "-", "—": "-"}
)
_SPACES = re.compile(r"\s+")
_PUNCTUATION = re.compile(r"[\W_]+")
_WORD_PART = re.compile(r"[^\W_]+")
_TERM_MAX = 64
_PHONE_SUFFIX_MIN = 3


def _fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced."""
    if text.isascii():
        return _SPACES.sub(" ", text.lower().translate(_SPECIAL_LETTERS)).strip()
    folded = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.translate(_SPECIAL_LETTERS)).strip()


def _digits(text: str) -> str:
    return "".join(filter(str.isdigit, text))


def _word_terms(folded: str) -> list[str]:
    terms: list[str] = []
    for word in folded.split(" "):
        if not word:
            continue
        terms.append(word)
        if _PUNCTUATION.search(word) is None:
            continue
        for start in (part.start() for part in _WORD_PART.finditer(word)):
            ending = word[start:]
            terms.append(ending)
            terms.append(_PUNCTUATION.sub("", ending))
            end = _PUNCTUATION.search(ending)
            terms.append(ending[: end.start()] if end else ending)
    return terms


def _phone_terms(phone: str) -> list[str]:
    number = _digits(phone)
    if len(number) <= _PHONE_SUFFIX_MIN:
        return [number] if number else []
    return [number[start:] for start in range(len(number) - _PHONE_SUFFIX_MIN + 1)]


def _email_terms(email: str) -> list[str]:
    address = _fold(email)
    if not address:
        return []
    local, _, domain = address.rpartition("@")
    return [address, local, domain]


def _minimal_terms(terms: list[str]) -> list[str]:
    ordered = sorted({term[:_TERM_MAX] for term in terms if term})
    following = [*ordered[1:], ""]
    return [
        term for term, after in zip(ordered, following, strict=True) if not after.startswith(term)
    ]


def _patient_terms(
    first_name: str, last_name: str, date_of_birth: dt.date, phone: str, email: str
) -> list[str]:
    """The search terms of a patient as of this revision."""
    return _minimal_terms(
        [
            *_word_terms(_fold(first_name)),
            *_word_terms(_fold(last_name)),
            date_of_birth.isoformat(),
            *_phone_terms(phone),
            *_email_terms(email),
        ]
    )


# --- the migration ------------------------------------------------------------------------

patients = sa.table(
    "patients",
    sa.column("id", sa.Integer()),
    sa.column("first_name", sa.String()),
    sa.column("last_name", sa.String()),
    sa.column("date_of_birth", sa.Date()),
    sa.column("phone", sa.String()),
    sa.column("email", sa.String()),
    sa.column("sort_key", sa.String()),
    sa.column("search_key", sa.Text()),
)


def _rewrite_patients(write: object) -> None:
    """Call ``write(rows)`` for every batch of stored patients, in id order."""
    connection = op.get_bind()
    last_id = 0
    while True:
        rows = connection.execute(
            sa.select(patients).where(patients.c.id > last_id).order_by(patients.c.id).limit(BATCH)
        ).all()
        if not rows:
            return
        write(rows)  # type: ignore[operator]
        last_id = rows[-1].id


_set_search_key = (
    sa.update(patients)
    .where(patients.c.id == sa.bindparam("b_id"))
    .values(search_key=sa.bindparam("b_key"))
)


def upgrade() -> None:
    connection = op.get_bind()
    sqlite = connection.dialect.name == "sqlite"
    # SQLite keeps the rows in their primary key (WITHOUT ROWID): it is there from the start.
    # PostgreSQL builds its keys once the rows are in, much faster than a million inserts into
    # them (and checks the foreign key with one join, not row by row).
    keys = [
        sa.PrimaryKeyConstraint(
            "term", "sort_key", "patient_id", name=op.f("pk_patient_search_terms")
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patients.id"],
            name=op.f("fk_patient_search_terms_patient_id_patients"),
            ondelete="CASCADE",
        ),
    ]
    op.create_table(
        "patient_search_terms",
        sa.Column("term", SearchTerm, nullable=False),
        sa.Column("sort_key", sa.String(length=220), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        *(keys if sqlite else []),
        sqlite_with_rowid=False,
    )
    if sqlite:  # 2 MB of cached pages by default; a million index rows go in a third faster
        previous = int(connection.exec_driver_sql("PRAGMA cache_size").scalar_one())
        connection.exec_driver_sql(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")

    def write(rows: list[sa.Row[Any]]) -> None:
        terms: list[tuple[str, str, int]] = []
        keys: list[tuple[str, int]] = []
        for row in rows:
            found = _patient_terms(
                row.first_name, row.last_name, row.date_of_birth, row.phone or "", row.email or ""
            )
            terms.extend((term, row.sort_key, row.id) for term in found)
            keys.append((" ".join(found), row.id))
        if sqlite:  # the DB-API's own executemany: SQLAlchemy's per-row work would double the time
            connection.exec_driver_sql(
                "INSERT INTO patient_search_terms (term, sort_key, patient_id) VALUES (?, ?, ?)",
                terms,
            )
            connection.exec_driver_sql("UPDATE patients SET search_key = ? WHERE id = ?", keys)
            return
        # PostgreSQL (psycopg 3): COPY, then one UPDATE per batch, not one statement per row.
        with connection.connection.driver_connection.cursor() as cursor:  # type: ignore[union-attr]
            copy_sql = "COPY patient_search_terms (term, sort_key, patient_id) FROM STDIN"
            with cursor.copy(copy_sql) as copy:
                for term_row in terms:
                    copy.write_row(term_row)
        connection.exec_driver_sql(
            "UPDATE patients SET search_key = v.search_key FROM "
            "unnest(%(keys)s::text[], %(ids)s::integer[]) AS v(search_key, id) "
            "WHERE patients.id = v.id",
            {"keys": [key for key, _ in keys], "ids": [i for _, i in keys]},
        )

    _rewrite_patients(write)
    if sqlite:
        connection.exec_driver_sql(f"PRAGMA cache_size = {previous}")
    else:
        op.create_primary_key(
            op.f("pk_patient_search_terms"),
            "patient_search_terms",
            ["term", "sort_key", "patient_id"],
        )
        op.create_foreign_key(
            op.f("fk_patient_search_terms_patient_id_patients"),
            "patient_search_terms",
            "patients",
            ["patient_id"],
            ["id"],
            ondelete="CASCADE",
        )
    op.create_index(
        op.f("ix_patient_search_terms_patient_id"),
        "patient_search_terms",
        ["patient_id"],
        unique=False,
    )


def _search_key_0002(row: sa.Row[Any]) -> str:
    parts = [
        _fold(row.first_name),
        _fold(row.last_name),
        row.date_of_birth.isoformat(),
        _digits(row.phone or ""),
        _fold(row.email or ""),
    ]
    return " ".join(part for part in parts if part)


def downgrade() -> None:
    op.drop_index(op.f("ix_patient_search_terms_patient_id"), table_name="patient_search_terms")
    op.drop_table("patient_search_terms")
    connection = op.get_bind()
    _rewrite_patients(
        lambda rows: connection.execute(
            _set_search_key, [{"b_id": row.id, "b_key": _search_key_0002(row)} for row in rows]
        )
    )
