"""The patient form at the front desk (issue 19), through the real window: birth dates as people
write them, messages that go once a field is fixed (here and in the first start's forms), and
the form a crash left open offered again when the app starts."""

from __future__ import annotations

import datetime as dt
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from clinic_app.config import resolve_config
from clinic_app.db import Database
from clinic_app.services import form_drafts
from clinic_app.services.patients import patients
from clinic_app.services.security import auth, users
from clinic_app.services.security.identity import Actor
from clinic_app.services.settings import clinic
from clinic_app.services.settings.clinic import ClinicDetails
from clinic_app.ui import app as app_module
from clinic_app.ui.security.first_user_dialog import FirstUserDialog
from clinic_app.ui.security.login_dialog import LoginDialog

CHILD = Path(__file__).with_name("patient_dialog_child.py")
PASSWORD = "correct horse 7"


def _click_save(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("typed", ["27/03/1984", "27.03.1984", "27.3.1984", "1984-03-27"])
def test_a_birth_date_typed_day_first_is_saved(  # type: ignore[no-untyped-def]
    qtbot, typist, window, clinic_database, typed
) -> None:
    window.new_patient()
    dialog = window.patient_dialog
    qtbot.waitExposed(dialog)
    typist(dialog.inputs["first_name"], "Eva")
    typist(dialog.inputs["last_name"], "Lind")
    typist(dialog.inputs["date_of_birth"], typed)
    assert dialog.dob_hint.text().startswith("27 Mar 1984 · "), "the form says how it read it"
    _click_save(qtbot, dialog)
    qtbot.waitUntil(lambda: window.patient_dialog is None)
    with clinic_database.session() as session:
        [row] = patients.find(session, "eva lind")
    assert row.date_of_birth == dt.date(1984, 3, 27)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("03/04/1984", "could be 3 April 1984 or 4 March 1984"),
        ("31/02/1984", "not a day of the calendar"),
        ("27/03/84", "four digits"),
    ],
)
def test_an_ambiguous_or_impossible_birth_date_is_explained_at_its_field(  # type: ignore[no-untyped-def]
    qtbot, typist, window, typed, says
) -> None:
    window.new_patient()
    dialog = window.patient_dialog
    typist(dialog.inputs["first_name"], "Eva")
    typist(dialog.inputs["last_name"], "Lind")
    typist(dialog.inputs["date_of_birth"], typed)
    assert dialog.dob_hint.text() == ""
    _click_save(qtbot, dialog)
    assert dialog.isVisible()
    assert says in dialog.errors.message("date_of_birth")
    assert dialog.inputs["date_of_birth"].text() == typed, "what was typed stays"


def test_every_message_goes_once_its_field_is_fixed(qtbot, typist, window) -> None:  # type: ignore[no-untyped-def]
    window.new_patient()
    dialog = window.patient_dialog
    typist(dialog.inputs["date_of_birth"], "03/04/1984")
    typist(dialog.inputs["phone"], "12")
    typist(dialog.inputs["email"], "eva@")
    _click_save(qtbot, dialog)
    shown = {name for name in dialog.inputs if dialog.errors.message(name)}
    assert shown == {"first_name", "last_name", "date_of_birth", "phone", "email"}
    for name, fixed in (
        ("first_name", "Eva"),
        ("last_name", "Lind"),
        ("date_of_birth", "1984-04-03"),
        ("phone", "+46 8 555 0100"),
        ("email", "eva@example.com"),
    ):
        dialog.inputs[name].selectAll()
        typist(dialog.inputs[name], fixed)
        assert dialog.errors.message(name) == "", name
        assert dialog.inputs[name].property("invalid") is False, f"{name} is no longer red"
    assert not any(dialog.errors.message(name) for name in dialog.inputs)


def test_the_clinic_details_lose_a_message_once_the_field_is_fixed(  # type: ignore[no-untyped-def]
    qtbot, typist, sqlite_database, actor, dialogs
) -> None:
    from clinic_app.ui.main_window import MainWindow

    window = MainWindow(sqlite_database, actor, dialogs)
    qtbot.addWidget(window)
    window.edit_clinic_details(first_start=True)
    dialog = window.settings_dialog
    typist(dialog.phone, "call us")
    typist(dialog.email, "desk@")
    dialog.save()
    assert dialog.errors.message("name") and dialog.errors.message("phone")
    typist(dialog.name, "Clínica Sol")
    assert dialog.errors.message("name") == ""
    dialog.phone.selectAll()
    typist(dialog.phone, "+1 514")
    assert "digits" in dialog.errors.message("phone"), "still wrong: the message stays, updated"
    typist(dialog.phone, " 555 0100")
    assert dialog.errors.message("phone") == ""
    assert "desk@" in dialog.errors.message("email"), "a field not touched keeps its message"
    typist(dialog.email, "clinic.ca")
    assert dialog.errors.message("email") == ""
    assert dialog.phone.property("invalid") is False and dialog.email.property("invalid") is False
    dialog.reject()


def test_the_first_administrator_form_loses_a_message_once_the_field_is_edited(  # type: ignore[no-untyped-def]
    qtbot, typist, sqlite_database
) -> None:
    dialog = FirstUserDialog(sqlite_database)
    qtbot.addWidget(dialog)
    typist(dialog.username, "maria")
    typist(dialog.password, "short")
    typist(dialog.repeat, "short")
    dialog.create_account()
    assert "at least" in dialog.errors.message("password")
    typist(dialog.password, " and longer")
    assert dialog.errors.message("password") == ""
    assert dialog.password.property("invalid") is False


# --- the form a crash left open ----------------------------------------------------------------


def _kill_a_window_with_a_form_open(db_path: Path, data_dir: Path, cwd: Path) -> None:
    """Start a window process that types into a new-patient form, then kill -9 it."""
    with subprocess.Popen(
        [sys.executable, str(CHILD), str(db_path), str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
    ) as child:
        assert child.stdout is not None
        line = child.stdout.readline()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert line.strip() == "DRAFT KEPT", child.stderr.read() if child.stderr else ""


def _prepared(config) -> None:  # type: ignore[no-untyped-def]
    database = Database(config.db_url)
    setup = Actor("setup", role="administrator")
    with database.session() as session:
        users.add(session, setup, "maria", "administrator", PASSWORD, "María López")
        clinic.save(session, setup, ClinicDetails(name="Clinic", phone="+1 555 010 2030"))
    database.close()


def _start(config, dialogs, monkeypatch):  # type: ignore[no-untyped-def]
    def login(cls, db, parent=None):  # type: ignore[no-untyped-def]
        with db.session() as session:
            return auth.sign_in(session, "maria", PASSWORD).user

    monkeypatch.setattr(LoginDialog, "ask", classmethod(login))
    started = app_module.start(config, dialogs)
    assert not isinstance(started, int)
    return started


def test_a_start_after_a_crash_offers_the_patient_form_left_open(  # type: ignore[no-untyped-def]
    qtbot, dialogs, monkeypatch, tmp_path
) -> None:
    config = resolve_config(tmp_path / "data", None, environ={})
    _prepared(config)
    _kill_a_window_with_a_form_open(config.data_dir / "clinic.db", config.data_dir, tmp_path)

    dialogs.answers = [True]  # "Restore?"
    started = _start(config, dialogs, monkeypatch)
    try:
        window = started.window
        qtbot.waitUntil(lambda: window.patient_dialog is not None, timeout=30_000)
        dialog = window.patient_dialog
        assert len(dialogs.asked) == 1, dialogs.asked  # asked once, not again by the form
        assert "Ingrid Sjöberg" in dialogs.asked[0] and "new patient" in dialogs.asked[0]
        typed = {name: dialog.inputs[name].text() for name in ("first_name", "last_name", "phone")}
        assert typed == {"first_name": "Ingrid", "last_name": "Sjöberg", "phone": "+46 8 555 0100"}
        assert dialog.is_modified()
        dialog.inputs["date_of_birth"].setText("27/05/1979")
        dialog.save()
        qtbot.waitUntil(lambda: window.patient_dialog is None)
        assert form_drafts.load(config.data_dir, "patient-new") is None
    finally:
        dialogs.answers[:] = [True] * 3  # a form left open by a failure: discard it
        started.window.close()
        started.close()


def test_a_start_after_a_crash_keeps_the_draft_when_declined(  # type: ignore[no-untyped-def]
    qtbot, dialogs, monkeypatch, tmp_path
) -> None:
    config = resolve_config(tmp_path / "data", None, environ={})
    _prepared(config)
    form_drafts.save(config.data_dir, "patient-new", {"first_name": "Ingrid", "last_name": "B"})

    dialogs.answers = [False]
    started = _start(config, dialogs, monkeypatch)
    try:
        qtbot.waitUntil(lambda: len(dialogs.asked) == 1, timeout=30_000)
        assert started.window.patient_dialog is None
        assert form_drafts.load(config.data_dir, "patient-new") is not None, "nothing is lost"
    finally:
        started.window.close()
        started.close()


def test_a_start_after_a_crash_offers_an_edit_left_open_on_its_patient(  # type: ignore[no-untyped-def]
    qtbot, dialogs, monkeypatch, tmp_path
) -> None:
    from clinic_app.domain.patient_rules import PatientFields

    config = resolve_config(tmp_path / "data", None, environ={})
    _prepared(config)
    database = Database(config.db_url)
    with database.session() as session:
        fields = PatientFields("Eva", "Lind", dt.date(1980, 1, 2))
        patient_id = patients.create(session, Actor("setup", role="administrator"), fields).id
    database.close()
    edited = {
        "first_name": "Eva",
        "last_name": "Lind",
        "date_of_birth": "1980-01-02",
        "email": "eva@exa",
    }
    form_drafts.save(config.data_dir, f"patient-{patient_id}", edited)

    dialogs.answers = [True]
    started = _start(config, dialogs, monkeypatch)
    try:
        window = started.window
        qtbot.waitUntil(lambda: window.patient_dialog is not None, timeout=30_000)
        assert dialogs.asked == [dialogs.asked[0]]
        assert f"the changes to patient #{patient_id} (Eva Lind)" in dialogs.asked[0]
        dialog = window.patient_dialog
        assert dialog.windowTitle() == "Edit patient"
        assert dialog.inputs["email"].text() == "eva@exa"
        assert window.current_patient_id() == patient_id
    finally:
        dialogs.answers[:] = [True] * 3
        started.window.close()
        started.close()


def test_a_draft_of_a_patient_no_longer_there_is_dropped(  # type: ignore[no-untyped-def]
    qtbot, dialogs, monkeypatch, tmp_path
) -> None:
    config = resolve_config(tmp_path / "data", None, environ={})
    _prepared(config)
    form_drafts.save(config.data_dir, "patient-999", {"first_name": "Gone"})
    dialogs.answers = [True]
    started = _start(config, dialogs, monkeypatch)
    try:
        qtbot.waitUntil(lambda: bool(dialogs.errors), timeout=30_000)
        assert "Patient not found" in dialogs.errors[0]
        assert started.window.patient_dialog is None
        assert form_drafts.load(config.data_dir, "patient-999") is None
    finally:
        started.window.close()
        started.close()
