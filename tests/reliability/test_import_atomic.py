"""A CSV import is one transaction on both backends: killed at any moment, it leaves every row
of the file or none (the per-row savepoints never commit on their own), and a file that does
not end (``/dev/zero``) or is too large is refused with a message before anything is read in."""

from __future__ import annotations

import datetime as dt
import os
import random
from pathlib import Path

import pytest
from kill_loop import rounds, run_writer, timed_run
from sqlalchemy import func, select

from clinic_app.cli import main
from clinic_app.db import Database
from clinic_app.models import AuditEvent, Patient
from clinic_app.services.errors import ValidationError
from clinic_app.services.patients import patient_import
from clinic_app.services.security.identity import Actor

ROWS = 250
HEADER = "first_name,last_name,date_of_birth,phone,email\n"


def _csv(path: Path, rows: int = ROWS) -> Path:
    lines = [
        f"Zoë,Import{n},{dt.date(1950, 1, 1) + dt.timedelta(days=n)},+1 555 {n:04d},z{n}@x.org\n"
        for n in range(rows)
    ]
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def _counts(database: Database) -> tuple[int, int]:
    with database.session() as session:
        stored = session.scalar(select(func.count()).select_from(Patient)) or 0
        events = session.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "create")
        )
    return stored, int(events or 0)


def test_an_import_rolled_back_leaves_no_row(database: Database, tmp_path: Path) -> None:
    """The savepoint of each row is released inside the import's transaction, not committed."""
    source = _csv(tmp_path / "patients.csv", rows=20)
    with pytest.raises(RuntimeError), database.session() as session:
        with open(source, encoding="utf-8", newline="") as handle:
            report = patient_import.import_rows(session, Actor("t"), handle)
        assert len(report.imported_ids) == 20
        raise RuntimeError("the process dies before the commit")
    assert _counts(database) == (0, 0)


def test_kill_9_during_an_import_leaves_all_rows_or_none(
    database: Database, tmp_path: Path
) -> None:
    source = _csv(tmp_path / "patients.csv")
    args = [database.url, "import", str(source)]
    # A whole run first, timed, places the kills: over the import and a little past its end.
    duration = timed_run(args, "importing", "imported")
    assert _counts(database) == (ROWS, ROWS)
    with database.session() as session:
        session.execute(AuditEvent.__table__.delete().where(AuditEvent.action == "create"))
        session.execute(Patient.__table__.delete())
    chance = random.Random(7)
    tried = rounds(2)
    partial: list[str] = []
    whole = 0
    for number in range(tried):
        delay = (number + chance.random()) / tried * duration * 1.1
        lines = run_writer(args, "importing", delay)
        stored, events = _counts(database)
        if stored not in (0, ROWS) or events != stored:
            partial.append(f"kill after {delay:.2f} s: {stored} patients, {events} events")
        if lines[-1].startswith("imported"):
            assert stored == ROWS, "an import reported done was lost"
        if stored:
            whole += stored == ROWS
            with database.session() as session:
                session.execute(AuditEvent.__table__.delete().where(AuditEvent.action == "create"))
                session.execute(Patient.__table__.delete())
    print(
        f"\nCSV import ({database.dialect}), kill -9: {tried} tried, {len(partial)} partial "
        f"imports ({whole} whole, {tried - whole - len(partial)} none)"
    )
    assert not partial, "\n".join(partial)


def test_an_endless_file_is_refused_with_a_message(
    capsys: pytest.CaptureFixture[str], sqlite_database: Database
) -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero on this system")
    status = main(["import-patients", "/dev/zero", "--db-url", sqlite_database.url])
    err = capsys.readouterr().err
    assert status == 2
    assert "larger than 32 MB" in err
    assert "Traceback" not in err
    assert _counts(sqlite_database) == (0, 0)


def test_a_file_over_the_limit_is_refused_before_any_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(patient_import, "MAX_IMPORT_BYTES", 1000)
    source = _csv(tmp_path / "big.csv", rows=40)
    with pytest.raises(ValidationError, match="larger than"):
        patient_import.read_csv_file(source)
    small = _csv(tmp_path / "small.csv", rows=3)
    assert patient_import.read_csv_file(small).startswith(HEADER)
