"""Child process for the crash test of the session editor: types into a new session, then waits
to be killed with SIGKILL.

Usage: python session_editor_child.py DB_PATH DATA_DIR PATIENT_ID
Prints "DRAFT KEPT" and, on the next line, the editor's raw values as JSON once they are on disk.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import QApplication

from clinic_app.config import sqlite_url
from clinic_app.db import Database
from clinic_app.services import form_drafts
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
    db_path, data_dir, patient_id = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    app = QApplication(sys.argv[:1])
    window = MainWindow(Database(sqlite_url(db_path)), Actor("test:child"), Refuse(), data_dir)
    window.show()
    window.open_patient(patient_id)
    window.sessions.record_session()
    editor = window.sessions.editor
    assert editor is not None
    # Typed as a person does (insert() emits textEdited), some of it not valid yet.
    editor.when.setDateTime(QDateTime(QDate(2026, 11, 20), QTime(9, 40)))
    editor.intensity.setCurrentIndex(editor.intensity.findData("moderate"))
    editor.product.lineEdit().insert("Crème EMLA 5 %")
    editor.applied.insert("9h2O")
    editor.removed.insert("09:55")
    first, *rest = editor.recheck.combos.values()
    first.setCurrentIndex(2)
    for combo in rest:
        combo.setCurrentIndex(1)
    editor.recheck.reason.insert("Revisado con la paciente — sigue")
    editor.areas.remove_area(2)  # rows are rebuilt: structure first, as typed texts then stay
    editor.areas.add_area("chin")
    row = editor.areas.rows[0]
    row.fields["power_w"].insert("12,5")
    row.fields["dwell_us"].insert("6OO")
    row.scans["scan_pattern"].setCurrentIndex(1)
    row.endpoint.lineEdit().insert("Eritema uniforme")
    added = editor.areas.rows[2]
    added.fields["power_w"].insert("10")
    added.reaction.lineEdit().insert("Ödem, leicht")
    editor.notes.insertPlainText("Piel sensible; évitez le soleil\nsegunda línea")
    key = f"session-{patient_id}-new"
    deadline = time.monotonic() + 20
    while form_drafts.load(data_dir, key) != editor.draft_values():
        app.processEvents()
        time.sleep(0.02)
        if time.monotonic() > deadline:
            print("NO DRAFT", flush=True)
            return
    print("DRAFT KEPT", flush=True)
    print(json.dumps(editor.draft_values()), flush=True)
    while True:  # killed here by the test
        app.processEvents()
        time.sleep(0.05)


if __name__ == "__main__":
    main()
