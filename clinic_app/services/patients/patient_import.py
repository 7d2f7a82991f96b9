"""Import patients from a CSV file: valid rows in one transaction, every other row explained.

The caller's session is the one transaction: each row has a savepoint of its own (a row the
database refuses leaves the others in), and releasing it does not commit, so a crash or a kill
before the caller commits leaves none of the file's rows. :func:`read_csv_file` reads at most
MAX_IMPORT_BYTES (a file that does not end, such as a device, is refused with a message).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from clinic_app.domain.patient_rules import DEFAULT_LANGUAGE, PatientFields, parse_iso_date
from clinic_app.domain.text import same_name_key
from clinic_app.services.errors import PossibleDuplicateError, ValidationError
from clinic_app.services.patients import patients
from clinic_app.services.security.identity import Actor

COLUMNS = ("first_name", "last_name", "date_of_birth", "phone", "email")
# Columns a file may have besides COLUMNS: "language" is the patient's language code (en, es);
# an empty cell, or a file without the column, means English.
OPTIONAL_COLUMNS = ("language",)
MAX_IMPORT_BYTES = 32 * 1024 * 1024  # some 400 000 patients; a larger file is split first


@dataclass(frozen=True)
class RowProblem:
    """Why one line of the file was not imported (line 1 is the header)."""

    line: int
    reason: str


@dataclass
class ImportReport:
    """What an import did: the new patients' ids, the rejected rows and the skipped duplicates."""

    imported_ids: list[int] = field(default_factory=list)
    rejected: list[RowProblem] = field(default_factory=list)
    duplicates: list[RowProblem] = field(default_factory=list)


def read_csv_file(path: str | Path) -> str:
    """The text of the CSV file at ``path`` (UTF-8, with or without a BOM), read whole.

    ValidationError (field ``file``) for a file larger than MAX_IMPORT_BYTES, or one that does
    not end (``/dev/zero``, a pipe left open), and for text that is not UTF-8. OSError when it
    cannot be opened.
    """
    with open(path, "rb") as handle:
        data = handle.read(MAX_IMPORT_BYTES + 1)
    if len(data) > MAX_IMPORT_BYTES:
        raise ValidationError(
            {
                "file": f"The file is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB (or it "
                "never ends, like a device); nothing was imported. Split it into smaller files "
                "and import them one after the other."
            }
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            {
                "file": f"The file is not UTF-8 text (byte {exc.start + 1} cannot be read); "
                "save it as CSV UTF-8."
            }
        ) from None


def _fields(row: dict[str, str | None]) -> PatientFields:
    def value(name: str) -> str:
        return (row.get(name) or "").strip()

    dob_text = value("date_of_birth")
    if not dob_text:
        raise ValidationError({"date_of_birth": "date_of_birth is empty; write it as YYYY-MM-DD"})
    try:
        dob = parse_iso_date(dob_text)
    except ValueError as exc:
        raise ValidationError({"date_of_birth": f"date_of_birth {exc}"}) from None
    return PatientFields(
        first_name=value("first_name"),
        last_name=value("last_name"),
        date_of_birth=dob,
        phone=value("phone"),
        email=value("email"),
        language=value("language").lower() or DEFAULT_LANGUAGE,
    )


def import_rows(
    session: Session,
    actor: Actor,
    lines: Iterable[str],
    *,
    today: dt.date | None = None,
) -> ImportReport:
    """Import CSV ``lines`` whose header names COLUMNS (ValidationError if it does not)."""
    reader = csv.DictReader(lines)
    try:
        header = [name.strip() for name in (reader.fieldnames or [])]
    except csv.Error as exc:
        raise ValidationError(
            {"file": f"The first line cannot be read as CSV ({exc}); save the file as CSV UTF-8."}
        ) from None
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        raise ValidationError(
            {
                "file": f"The first line lacks the column(s) {', '.join(missing)}; "
                f"it must name {','.join(COLUMNS)}."
            }
        )
    reader.fieldnames = header
    report = ImportReport()
    seen_in_file: dict[tuple[tuple[str, str], dt.date | None], int] = {}
    rows = iter(reader)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:
            # A malformed line (e.g. an unclosed quote swallowing the rest of the file) ends
            # the reading: what follows it cannot be split into rows reliably.
            # line_num counts the lines read before the failing one.
            report.rejected.append(
                RowProblem(reader.line_num + 1, f"unreadable CSV from here on: {exc}")
            )
            break
        line = reader.line_num
        try:
            fields = _fields(row)
            key = (same_name_key(fields.first_name, fields.last_name), fields.date_of_birth)
            if key in seen_in_file:
                report.duplicates.append(
                    RowProblem(line, f"same name and date of birth as line {seen_in_file[key]}")
                )
                continue
            # A savepoint per row: a row the database refuses leaves the others imported.
            with session.begin_nested():
                patient = patients.create(session, actor, fields, today=today)
        except DBAPIError as exc:
            report.rejected.append(RowProblem(line, f"the database refused it ({exc.orig})"))
            continue
        except ValidationError as exc:
            report.rejected.append(RowProblem(line, str(exc)))
            continue
        except PossibleDuplicateError as exc:
            ids = ", ".join(f"#{existing.id}" for existing in exc.existing)
            report.duplicates.append(RowProblem(line, f"already registered as patient {ids}"))
            continue
        seen_in_file[key] = line
        report.imported_ids.append(patient.id)
    return report
