"""Screenshots of the "Follow-ups due" panel and its note dialog for docs/screens/.

Run under a virtual screen:
    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/make_followups_screens.py
It uses a throw-away database: five patients whose first session was signed 2 to 9 days ago
(through the real services, which plan the follow-ups), and four more without one.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from clinic_app.config import sqlite_url
from clinic_app.db import Database
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.services.patients import patients
from clinic_app.services.security.identity import ADMINISTRATOR, Actor
from clinic_app.services.sessions.session_resources import load_resources
from clinic_app.services.settings import clinic
from clinic_app.ui.common.dialog_service import DialogService
from clinic_app.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the session factories the tests sign with

from session_factories import UTC, signed_first_session  # noqa: E402

SCREENS = ROOT / "docs" / "screens"
SIGNED = [(9, "Ana", "Ruiz"), (7, "Bo", "Li"), (2, "Chloé", "Martin"), (2, "Dev", "Patel")]
SIGNED += [(3, "Emma", "Schulz")]
OTHERS = [("Inès", "Moreau"), ("Jon", "Berg"), ("Kai", "Nakamura"), ("Lena", "Fischer")]


def _fill(database: Database, actor: Actor) -> None:
    resources = load_resources()
    today = dt.date.today()
    with database.session() as session:
        clinic.save(
            session, actor, clinic.ClinicDetails(name="Clínica Sol", phone="+34 912 345 678")
        )
        for days, first, last in SIGNED:
            when = dt.datetime.combine(today - dt.timedelta(days=days), dt.time(10), tzinfo=UTC)
            signed_first_session(
                session, actor, resources, when=when, first_name=first, last_name=last
            )
        for number, (first, last) in enumerate(OTHERS):
            born = dt.date(1980, 1, 1) + dt.timedelta(days=400 * number)
            fields = PatientFields(first_name=first, last_name=last, date_of_birth=born)
            patients.create(session, actor, fields)


def main() -> None:
    app = QApplication.instance() or QApplication([])
    database = Database(sqlite_url(Path(tempfile.mkdtemp()) / "clinic.db"))
    actor = Actor("maria", None, ADMINISTRATOR)
    _fill(database, actor)
    window = MainWindow(database, actor, DialogService())
    window.resize(1366, 740)
    window.show()
    loop = QEventLoop()
    window.followups.loaded.connect(lambda _n: QTimer.singleShot(400, loop.quit))
    window.followups.refresh()
    QTimer.singleShot(15_000, loop.quit)
    loop.exec()
    window.followups.panel.table.setFocus()
    app.processEvents()
    window.grab().save(str(SCREENS / "followups-panel.png"))
    panel = window.followups.panel
    panel.table.selectRow(4)  # a day-7 review: the note is required
    dialog = window.followups.ask_done(panel.current_item())  # type: ignore[arg-type]
    dialog.note.setPlainText(".")
    dialog.submit()  # refused at the field
    for _ in range(5):
        app.processEvents()
    dialog.grab().save(str(SCREENS / "followup-note.png"))
    dialog.reject()
    window.close()
    database.close()


if __name__ == "__main__":
    main()
