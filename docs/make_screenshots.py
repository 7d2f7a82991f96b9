"""Screenshots of the app with demo data, for the README and docs/screens/.

Run under a virtual screen:  xvfb-run -a -s "-screen 0 1280x900x24" python docs/make_screenshots.py
It builds a throw-away database of 1 000 demo patients in a temporary folder.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from clinic_app.config import sqlite_url
from clinic_app.db import Database
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.services.demo import demo
from clinic_app.services.patients import patients
from clinic_app.services.security.identity import Actor
from clinic_app.services.settings import clinic
from clinic_app.services.settings.clinic import ClinicDetails
from clinic_app.ui.main_window import MainWindow

OUT = Path(__file__).resolve().parent / "screens"


def _settle(app: QApplication, window: MainWindow | None = None, rounds: int = 5) -> None:
    """Let the window paint, and the patient list (loaded in a worker) arrive."""
    deadline = time.monotonic() + 10
    while window is not None and window.model.is_loading and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    for _ in range(rounds):
        app.processEvents()
        time.sleep(0.02)


def _save(widget: QWidget, name: str) -> None:
    path = OUT / name
    widget.grab().save(str(path))
    print(path)


def main() -> int:
    app = QApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    actor = Actor("docs:screenshots", role="administrator")
    with tempfile.TemporaryDirectory() as folder:
        database = Database(sqlite_url(Path(folder) / "clinic.db"))
        window = MainWindow(database, actor)
        window.show()
        _settle(app, window)
        window.edit_clinic_details(first_start=True)
        _settle(app, window)
        assert window.settings_dialog is not None
        _save(window.settings_dialog, "first-start-clinic-details.png")
        window.settings_dialog.reject()

        with database.session() as session:
            clinic.save(
                session,
                actor,
                ClinicDetails(
                    name="Clínica Piel Nueva",
                    phone="+1 555 010 2030",
                    address="12 Harbour Street, Suite 3\nPortland, ME 04101",
                    paper_size="Letter",
                ),
            )
            demo.seed_patients(session, actor, 999, seed=2026)
            patients.create(
                session,
                actor,
                PatientFields(
                    first_name="María José",
                    last_name="Núñez O'Brien",
                    date_of_birth=dt.date(1984, 3, 27),
                    phone="+1 555 123 4567",
                    email="mj.nunez@example.com",
                    address="40 Elm Street, Portland, ME",
                    emergency_contact_name="Luis Núñez",
                    emergency_contact_phone="+1 555 987 6543",
                ),
            )
        window.refresh_title()
        window.model.refresh()
        window._update_count()
        window.resize(1100, 700)
        _settle(app, window)
        _save(window, "main-window.png")

        window.list_page.search.setText("nunez")
        window.list_page.apply_search()
        _settle(app, window)
        _save(window, "search-in-progress.png")

        window.new_patient()
        dialog = window.patient_dialog
        assert dialog is not None
        dialog.inputs["first_name"].setText("Ana")
        dialog.inputs["last_name"].setText("Lindqvist")
        dialog.inputs["date_of_birth"].setText("03/04/1984")  # 3 April or 4 March?
        dialog.inputs["phone"].setText("555-CALL-ME")
        dialog.inputs["email"].setText("ana@example")
        dialog.save()
        _settle(app, window)
        _save(dialog, "patient-dialog-validation.png")
        dialog.done(0)

        row = window.model.row_of(window.model.patient_id(0))
        assert row is not None
        window.open_patient(window.model.patient_id(0))
        _settle(app, window)
        _save(window, "patient-page.png")
        window.close()
        database.close()
    QTimer.singleShot(0, app.quit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
