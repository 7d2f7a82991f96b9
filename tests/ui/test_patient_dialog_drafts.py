"""What is typed in the patient form survives the app being killed (issue 6: no lost work)."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from clinic_app.services import form_drafts
from clinic_app.ui.patients.dialog import PatientDialog

CHILD = Path(__file__).with_name("patient_dialog_child.py")


def test_typed_values_come_back_after_sigkill(qtbot, sqlite_database, actor, dialogs, tmp_path):
    data_dir = tmp_path / "data"
    db_path = Path(sqlite_database.url.removeprefix("sqlite:///"))
    with subprocess.Popen(
        [sys.executable, str(CHILD), str(db_path), str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    ) as child:
        assert child.stdout is not None
        line = child.stdout.readline()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert line.strip() == "DRAFT KEPT", child.stderr.read() if child.stderr else ""

    dialogs.answers = [True]  # "Restore what was typed?"
    dialog = PatientDialog(sqlite_database, actor, dialogs, data_dir=data_dir)
    qtbot.addWidget(dialog)
    assert "Restore" in dialogs.asked[-1]
    typed = {name: dialog.inputs[name].text() for name in ("first_name", "last_name", "phone")}
    assert typed == {"first_name": "Ingrid", "last_name": "Sjöberg", "phone": "+46 8 555 0100"}


def test_declining_forgets_the_draft_and_saving_removes_it(
    qtbot, typist, sqlite_database, actor, dialogs, tmp_path
):
    data_dir = tmp_path / "data"
    form_drafts.save(data_dir, "patient-new", {"first_name": "Old", "last_name": "Draft"})
    dialogs.answers = [False]
    dialog = PatientDialog(sqlite_database, actor, dialogs, data_dir=data_dir)
    qtbot.addWidget(dialog)
    assert dialog.inputs["first_name"].text() == ""
    assert form_drafts.load(data_dir, "patient-new") is None

    typist(dialog.inputs["first_name"], "Lena")
    typist(dialog.inputs["last_name"], "Berg")
    typist(dialog.inputs["date_of_birth"], "1975-05-05")
    qtbot.waitUntil(lambda: form_drafts.load(data_dir, "patient-new") is not None)
    dialog.save()
    assert dialog.saved_patient_id is not None
    assert form_drafts.load(data_dir, "patient-new") is None
