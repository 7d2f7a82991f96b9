"""Child process for the crash test: types into a new-patient form, then waits to be killed.

Usage: python patient_dialog_child.py DB_PATH DATA_DIR
Prints "DRAFT KEPT" once what was typed is on disk, then idles until SIGKILL.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtWidgets import QApplication

from clinic_app.config import sqlite_url
from clinic_app.db import Database
from clinic_app.services import form_drafts
from clinic_app.services.security.identity import Actor
from clinic_app.ui.common.dialog_service import DialogService
from clinic_app.ui.patients.dialog import PatientDialog

TYPED = {"first_name": "Ingrid", "last_name": "Sjöberg", "phone": "+46 8 555 0100"}


def main() -> None:
    app = QApplication(sys.argv[:1])
    database = Database(sqlite_url(Path(sys.argv[1])))
    data_dir = Path(sys.argv[2])
    dialog = PatientDialog(database, Actor("test:child"), DialogService(), data_dir=data_dir)
    dialog.show()
    for name, text in TYPED.items():
        dialog.inputs[name].setFocus()
        dialog.inputs[name].insert(text)  # as typing does: emits textEdited
    deadline = time.monotonic() + 20
    while form_drafts.load(data_dir, "patient-new") != dialog._raw_values():
        app.processEvents()
        time.sleep(0.02)
        if time.monotonic() > deadline:
            print("NO DRAFT", flush=True)
            return
    print("DRAFT KEPT", flush=True)
    while True:
        app.processEvents()
        time.sleep(0.05)


if __name__ == "__main__":
    main()
