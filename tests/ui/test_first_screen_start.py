"""The window's first screen needs no ORM: it is shown, with its first page of patients, before
the ORM and the models are loaded, and the service loader brings them in afterwards
(docs/startup.md). Run in a fresh interpreter (tests/ui/first_screen_child.py), since this test
process has long imported everything."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from test_start_imports import NOT_AT_START

from clinic_app.config import resolve_config
from clinic_app.db import Database
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.services import backup
from clinic_app.services.patients import patients
from clinic_app.services.security import users
from clinic_app.services.security.identity import Actor
from clinic_app.services.settings import clinic
from clinic_app.services.settings.clinic import ClinicDetails
from clinic_app.ui.common.i18n import SPANISH, store_language

CHILD = Path(__file__).with_name("first_screen_child.py")


def _heavy(modules: list[str]) -> list[str]:
    return [
        name
        for name in modules
        if any(name == heavy or name.startswith(heavy + ".") for heavy in NOT_AT_START)
    ]


@pytest.fixture
def clinic_dir(tmp_path: Path) -> Path:
    """A clinic's data folder with an administrator, its details and three patients (Spanish)."""
    config = resolve_config(tmp_path / "data", None, environ={})
    store_language(config.data_dir, SPANISH)  # its dates are written without Babel too
    database = Database(config.db_url)
    setup = Actor("setup", role="administrator")
    with database.session() as session:
        users.add(session, setup, "maria", users.ADMINISTRATOR, "correct horse 7", "María")
        clinic.save(session, setup, ClinicDetails(name="Clínica Sol", phone="+34 912 345 678"))
        for number, last in enumerate(["Zubiri", "Álvarez", "Martín"]):
            fields = PatientFields(
                first_name="Ana", last_name=last, date_of_birth=dt.date(1980, 1, 1 + number)
            )
            patients.create(session, setup, fields)
    database.close()
    return config.data_dir


def run_child(clinic_dir: Path, *options: str) -> dict[str, dict]:  # type: ignore[type-arg]
    """Run first_screen_child.py on the clinic; its JSON lines by step."""
    result = subprocess.run(
        [sys.executable, str(CHILD), str(clinic_dir), "maria", *options],
        cwd=clinic_dir.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    steps = {line["step"]: line for line in map(json.loads, result.stdout.splitlines())}
    assert set(steps) == {"first page", "loaded", "page"}, (result.stdout, result.stderr)
    return steps


def test_the_first_page_is_shown_before_the_orm_loads_then_the_services_follow(
    clinic_dir: Path,
) -> None:
    steps = run_child(clinic_dir)
    first, loaded = steps["first page"], steps["loaded"]
    assert (first["rows"], first["first"], first["born"]) == (3, "Álvarez", "2 ene 1980")
    assert first["title"].startswith("Clínica Sol")
    # Painted with none of what waits for later (Babel among them: the dates above without it).
    assert _heavy(first["modules"]) == []
    assert "babel" not in loaded["modules"]  # nor later: Spanish dates are written without it
    assert (first["orm"], first["models"], first["loaded"]) == (False, False, False)
    assert first["pixmap_cache_kb"] == 1024  # Qt's 10 MiB filled with redrawable pictures
    assert (loaded["orm"], loaded["models"], loaded["loaded"]) == (True, True, True)
    # The daily backup waits for the services, then runs as before.
    assert len(backup.automatic_backups(backup.backup_dir(clinic_dir))) == 1
    # Every Qt module the later steps need was first imported on the UI thread.
    assert [step["qt_off_ui_thread"] for step in steps.values()] == [[], [], []]
    assert {"PySide6.QtPdf", "PySide6.QtSvg"} <= set(steps["page"]["modules"])


def test_a_start_where_the_window_was_left_builds_no_qt_namespace_for_its_first_page(
    clinic_dir: Path,
) -> None:
    # The first start on a PC docks the follow-ups at the window's right, naming a Qt enum;
    # the window's state is saved as it closes, and every later start docks them by it.
    assert run_child(clinic_dir)["first page"]["qt_namespace"] is True
    # Qt's namespace (95 enums of Python types) waits until after the first screen
    # (clinic_app.ui.common.header_titles, docs/startup.md).
    assert run_child(clinic_dir)["first page"]["qt_namespace"] is False


def test_a_patient_opened_at_once_imports_no_qt_module_in_a_worker(clinic_dir: Path) -> None:
    """The patient page built before the loader is done (its modules imported in a worker, the
    window repainting): the Qt modules they use are imported on the UI thread first. A Qt
    module imported in a worker while the UI thread ran Qt crashed the app in some runs."""
    steps = run_child(clinic_dir, "--page-at-once")
    assert [step["qt_off_ui_thread"] for step in steps.values()] == [[], [], []]
