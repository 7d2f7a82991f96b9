"""Screenshot of the handout preview for docs/screens/handout-preview.png.

Run under a virtual screen:
    xvfb-run -a -s "-screen 0 1280x1024x24" .venv/bin/python docs/make_handout_screens.py
It uses a throw-away database with the clinic and patient of the sample handouts.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_samples import LETTERHEAD, PERSON

from clinic_app.config import sqlite_url
from clinic_app.db import Database
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.services.patients import patients
from clinic_app.services.security.identity import Actor
from clinic_app.services.settings import clinic
from clinic_app.services.settings.clinic import ClinicDetails
from clinic_app.ui.handouts.preview import HandoutPreview
from clinic_app.ui.main_window import MainWindow

OUT = Path(__file__).resolve().parent / "screens"


def _settle(app: QApplication, milliseconds: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()
    app.processEvents()


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
        with database.session() as session:
            clinic.save(
                session,
                actor,
                ClinicDetails(
                    name=LETTERHEAD.name,
                    phone=LETTERHEAD.phone,
                    address=LETTERHEAD.address,
                    email=LETTERHEAD.email,
                    logo=LETTERHEAD.logo,
                    paper_size=LETTERHEAD.paper_size,
                ),
            )
            fields = PatientFields(
                first_name=PERSON.first_name,
                last_name=PERSON.last_name,
                date_of_birth=PERSON.date_of_birth,
            )
            patient_id = patients.create(session, actor, fields).id
        window = MainWindow(database, actor)
        window.show()
        window.open_patient(patient_id)
        _settle(app)

        ready = QEventLoop()
        window.handouts.handout_ready.connect(ready.quit)
        window.handouts.handout_failed.connect(ready.quit)
        treatment = dt.date.today() + dt.timedelta(days=14)
        preview = window.handouts.open_pre_care(
            patient_id, treatment, treatment_time=dt.time(9, 30), antiviral=True
        )
        assert isinstance(preview, HandoutPreview)
        ready.exec()
        preview.resize(900, 1000)
        preview.move(20, 10)
        _settle(app, 800)
        _save(preview, "handout-preview.png")

        preview.close()
        window.handouts.wait_for_workers()
        window.close()
        database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
