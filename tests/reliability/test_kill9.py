"""kill -9 of a process in the middle of writing: the database stays intact (PRAGMA
integrity_check), every commit the process reported is there, no transaction is half applied,
and the audit chain still verifies. The ``slow`` variant repeats it many more times. Files written
over older ones (handouts, CSV exports, drafts): test_kill9_files.py."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from clinic_app.db import Database
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.models import AuditEvent, Patient
from clinic_app.services import backup
from clinic_app.services.patients import patients
from clinic_app.services.security import audit_trail
from clinic_app.services.security.identity import Actor

WRITER = Path(__file__).with_name("writer.py")
BATCH = 50


def run_and_kill(url: str, mode: str, start: str, min_lines: int, extra_wait: float) -> list[str]:
    """Start the writer, let it commit ``min_lines`` times and a bit more, then SIGKILL it."""
    process = subprocess.Popen(
        [sys.executable, str(WRITER), url, mode, start],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if line.endswith("\n"):  # a line cut by the kill was not reported as committed
                lines.append(line.strip())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    deadline = time.monotonic() + 60
    while len(lines) < min_lines and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    time.sleep(extra_wait)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(30)
    reader.join(30)
    assert process.stdout is not None
    process.stdout.close()
    assert process.stderr is not None
    errors = process.stderr.read()
    process.stderr.close()
    assert len(lines) >= min_lines, f"the writer did not get going: {errors}"
    assert process.returncode == -signal.SIGKILL
    return lines


def _integrity(database: Database) -> None:
    path = database.sqlite_path
    if path is None:
        return  # PostgreSQL: the server's own crash safety; checked through the rows below
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        connection.close()


def _verify_chain(database: Database) -> None:
    with database.session() as session:
        result = audit_trail.verify(session)
    assert result.ok, result.message


def _kill_while_adding_patients(database: Database, rounds: int, seed: int) -> None:
    chance = random.Random(seed)
    reported: list[int] = []
    for number in range(rounds):
        lines = run_and_kill(
            database.url, "patients", str(number * 100_000), 2, chance.uniform(0.0, 0.25)
        )
        reported.extend(int(line) for line in lines)
        _integrity(database)
        with database.session() as session:
            stored = set(session.scalars(select(Patient.id)))
            events = session.scalar(
                select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "create")
            )
        assert set(reported) <= stored, "a committed patient was lost"
        assert events == len(stored), "a patient without its audit event, or the reverse"
        _verify_chain(database)


def test_kill_9_while_writing_loses_no_committed_patient(database: Database) -> None:
    _kill_while_adding_patients(database, rounds=2, seed=1)


@pytest.mark.slow
def test_kill_9_many_times(database: Database) -> None:
    _kill_while_adding_patients(database, rounds=12, seed=2)


def test_kill_9_never_leaves_half_a_transaction(database: Database) -> None:
    """Batches of 50 patients are committed whole or not at all."""
    acknowledged = 0
    for number in range(1):
        lines = run_and_kill(database.url, "batches", str(number * 100_000), 1, 0.15)
        acknowledged += len(lines)
        _integrity(database)
        with database.session() as session:
            count = session.scalar(select(func.count()).select_from(Patient)) or 0
        assert count % BATCH == 0, f"{count} patients: a batch was half committed"
        assert count >= acknowledged * BATCH
    _verify_chain(database)


def test_kill_9_during_backups_leaves_only_whole_backups(
    sqlite_database: Database, tmp_path: Path
) -> None:
    with sqlite_database.session() as session:
        for number in range(200):
            fields = PatientFields("Zoë", f"Copy{number}", dt.date(1950, 1, 1))
            patients.create(session, Actor("t"), fields, allow_duplicate=True)
    folder = tmp_path / "copies"
    folder.mkdir()
    for _ in range(1):
        run_and_kill(sqlite_database.url, "backups", str(folder), 1, random.uniform(0.0, 0.1))
    finished = sorted(folder.glob("copy-*.db"))
    assert finished
    for path in finished:
        assert backup.inspect(path).patients == 200
