"""``clinic-app followups``: the day's (and overdue) contacts, a patient's calendar file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest
from session_factories import UTC, signed_first_session

from clinic_app.cli import main
from clinic_app.config import ENV_DATA_DIR, ENV_DB_URL
from clinic_app.db import Database
from clinic_app.services.security.identity import Actor
from clinic_app.services.sessions.session_resources import load_resources
from clinic_app.services.settings import clinic

PHONE = "+34 912 345 678"


@pytest.fixture(autouse=True)
def _no_location_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_DATA_DIR, raising=False)
    monkeypatch.delenv(ENV_DB_URL, raising=False)


@pytest.fixture
def location(sqlite_database: Database, data_dir: Path) -> list[str]:
    return ["--db-url", sqlite_database.url, "--data-dir", str(data_dir)]


@pytest.fixture
def patient_id(sqlite_database: Database, actor: Actor) -> int:
    resources = load_resources()
    with sqlite_database.session() as session:
        clinic.save(session, actor, clinic.ClinicDetails(name="Clínica Sol", phone=PHONE))
        when = dt.datetime(2026, 12, 15, 10, 0, tzinfo=UTC)
        first, _ = signed_first_session(session, actor, resources, when=when)
        later = dt.datetime(2026, 12, 20, 10, 0, tzinfo=UTC)
        signed_first_session(session, actor, resources, when=later, first_name="Bo", last_name="Li")
        return first


def test_due_lists_the_days_and_the_overdue_contacts(capsys, location, patient_id) -> None:
    assert main(["followups", "--due", "--date", "2026-12-22", *location]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("2026-12-17  overdue 5 d")
    assert lines[0].endswith("Ana Ruiz  Day-2 phone call")
    # Then today's, by the patient's last name.
    assert lines[1].startswith("2026-12-22  today") and lines[1].endswith("Bo Li  Day-2 phone call")
    assert lines[2].startswith("2026-12-22  today") and lines[2].endswith("Ana Ruiz  Day-7 review")

    assert main(["followups", "--due", "--date", "2026-12-16", *location]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "No follow-ups due on 2026-12-16" in captured.err


def test_the_patients_calendar_file_is_written_whole(
    capsys, location, patient_id, tmp_path: Path
) -> None:
    target = tmp_path / "ana.ics"
    assert main(["followups", "--patient", str(patient_id), "--ics", str(target), *location]) == 0
    assert "4 follow-ups written" in capsys.readouterr().err
    events = list(icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT"))
    assert [e.decoded("dtstart") for e in events] == [
        dt.date(2026, 12, 17),
        dt.date(2026, 12, 22),
        dt.date(2027, 1, 12),
        dt.date(2027, 1, 26),
    ]
    assert all(PHONE in str(e["description"]) for e in events)
    assert not list(tmp_path.glob("*.partial*"))

    assert main(["followups", "--patient", str(patient_id), *location]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 4 and all("open" in line for line in listed)


def test_bad_input_exits_2_with_a_message(capsys, location, patient_id, tmp_path: Path) -> None:
    assert main(["followups", "--patient", "999", "--ics", str(tmp_path / "x.ics"), *location]) == 2
    assert "no patient #999" in capsys.readouterr().err
    assert main(["followups", "--due", "--ics", str(tmp_path / "x.ics"), *location]) == 2
    assert "--ics goes with --patient" in capsys.readouterr().err
    with pytest.raises(SystemExit) as caught:
        main(["followups", "--due", "--date", "2026-13-01", *location])
    assert caught.value.code == 2
    assert not (tmp_path / "x.ics").exists()


def test_no_calendar_file_without_the_clinics_phone(
    capsys, sqlite_database: Database, data_dir: Path, actor: Actor, tmp_path: Path
) -> None:
    with sqlite_database.session() as session:
        when = dt.datetime.combine(dt.date.today(), dt.time(10), tzinfo=UTC)
        patient, _ = signed_first_session(session, actor, load_resources(), when=when)
    target = tmp_path / "x.ics"
    location = ["--db-url", sqlite_database.url, "--data-dir", str(data_dir)]
    assert main(["followups", "--patient", str(patient), "--ics", str(target), *location]) == 1
    assert "clinic's details are not set up" in capsys.readouterr().err
    assert not target.exists()
