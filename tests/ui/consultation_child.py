"""Run by test_consultation_wizard: fill three pages of a consultation, go on (the draft is
saved), say so, and wait to be killed with SIGKILL. Arguments: DB_PATH PATIENT_ID TODAY."""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from clinic_app.config import sqlite_url
from clinic_app.db import Database
from clinic_app.services.security.identity import Actor
from clinic_app.ui.common.dialog_service import DialogService
from clinic_app.ui.main_window import MainWindow


class Refuse(DialogService):
    """Any message box here is a failure of the test's set-up."""

    def confirm(self, parent, title, text, yes="Yes"):  # type: ignore[no-untyped-def]
        raise SystemExit(f"unexpected question: {title}: {text}")

    def error(self, parent, title, text):  # type: ignore[no-untyped-def]
        raise SystemExit(f"unexpected error: {title}: {text}")


def main() -> None:
    db_path, patient_id, today = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    app = QApplication(sys.argv[:1])
    database = Database(sqlite_url(db_path))
    window = MainWindow(database, Actor("test:child"), Refuse())
    window.consultations.today = dt.date.fromisoformat(today)
    window.show()
    window.open_patient(patient_id)
    window.consultations.new_consultation()
    wizard = window.consultations.wizard
    assert wizard is not None
    document = {
        "intake": {
            "concerns": ["acne_scars", "enlarged_pores"],
            "goals": "Quitar las cicatrices de acné — ¡ya!",
            "downtime_accepted": "up_to_1_week",
        },
        "screening": {
            "fitzpatrick": "III",
            "glogau": "II",
            "scar_types": [],
            "pih_history": False,
            "pregnant": False,
            "breastfeeding": False,
            "active_infection": False,
            "active_acne": False,
            "hsv_history": True,
            "keloid_history": False,
            "autoimmune": False,
            "diabetes": False,
            "immunosuppressed": False,
            "facial_radiation": False,
            "smoker": False,
            "allergies": False,
            "anaesthetic_allergy": False,
            "medications": False,
        },
    }
    for _ in range(3):  # concerns, skin, history; Next saves the draft
        wizard.currentPage().load(document)  # type: ignore[union-attr]
        wizard.next()
        app.processEvents()
    assert wizard.currentPage().page_id == "medications", wizard.currentPage().message.text()  # type: ignore[union-attr]
    print("DRAFT SAVED", flush=True)
    while True:  # killed here by the test
        app.processEvents()
        time.sleep(0.05)


if __name__ == "__main__":
    main()
