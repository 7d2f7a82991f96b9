"""The session editor keeps what is typed on disk: killed at any moment, nothing typed is lost."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from session_factories import add_consultation, nothing_new

from clinic_app.services import form_drafts
from clinic_app.ui.common.form_draft_keeper import DRAFT_DELAY_MS, RESTORE_QUESTION
from clinic_app.ui.main_window import MainWindow
from clinic_app.ui.sessions.editor import SessionEditor

CHILD = Path(__file__).with_name("session_editor_child.py")


@pytest.fixture
def patient(clinic_database, add_patients) -> int:
    [patient_id] = add_patients(clinic_database, [("Lucía", "Ferrer")])
    with clinic_database.session() as session:
        add_consultation(session, patient_id)
    return patient_id


@pytest.fixture
def drafting_window(qtbot, clinic_database, actor, dialogs, data_dir) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """A main window with a data folder, so that forms keep their drafts on disk."""
    main = MainWindow(clinic_database, actor, dialogs, data_dir=data_dir)
    main.show()
    qtbot.waitExposed(main)
    qtbot.waitUntil(lambda: not main.model.is_loading, timeout=10_000)
    yield main
    dialogs.answers[:] = [True] * 3
    main.close()
    main.deleteLater()


def open_editor(qtbot, window: MainWindow, patient_id: int) -> SessionEditor:  # type: ignore[no-untyped-def]
    window.open_patient(patient_id)
    window.sessions.record_session()
    editor = window.sessions.editor
    assert isinstance(editor, SessionEditor)
    qtbot.waitUntil(editor.isActiveWindow)
    return editor


def draft_file(data_dir: Path, key: str) -> Path:
    return data_dir / form_drafts.DRAFTS_DIRNAME / f"{key}.json"


def crash(qtbot, window: MainWindow, editor: SessionEditor) -> None:  # type: ignore[no-untyped-def]
    """The editor disappears without any of its closing code running, as in a crash."""
    window.sessions.editor = None
    editor.hide()
    editor.deleteLater()
    qtbot.wait(10)


def wait_for_draft(qtbot, data_dir: Path, editor: SessionEditor) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(
        lambda: form_drafts.load(data_dir, editor.draft_key) == editor.draft_values(),
        timeout=3_000,
    )


def test_killed_while_typing_every_value_comes_back(
    qtbot, drafting_window, dialogs, clinic_database, data_dir, patient
):
    db_path = Path(clinic_database.url.removeprefix("sqlite:///"))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with subprocess.Popen(
        [sys.executable, str(CHILD), str(db_path), str(data_dir), str(patient)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as child:
        assert child.stdout is not None and child.stderr is not None
        try:
            line = child.stdout.readline()
            if not line.startswith("DRAFT KEPT"):
                child.kill()
                pytest.fail(f"the child kept no draft: {line}{child.stderr.read()}")
            typed = json.loads(child.stdout.readline())
        finally:
            child.send_signal(signal.SIGKILL)  # no clean-up, no last save: a crash
            child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert draft_file(data_dir, f"session-{patient}-new").exists()

    dialogs.answers = [True]  # restore
    editor = open_editor(qtbot, drafting_window, patient)
    assert RESTORE_QUESTION in dialogs.asked[-1]
    assert editor.draft_values() == typed, "every field and area row as typed"
    assert editor.when.dateTime().toString("yyyy-MM-dd HH:mm") == "2026-11-20 09:40"
    assert editor.intensity.currentData() == "moderate"
    assert editor.product.currentText() == "Crème EMLA 5 %"
    assert editor.applied.text() == "9h2O", "an invalid time comes back as typed"
    assert editor.removed.text() == "09:55"
    assert editor.notes.toPlainText() == "Piel sensible; évitez le soleil\nsegunda línea"
    assert editor.recheck.reason.text() == "Revisado con la paciente — sigue"
    answers = [combo.currentIndex() for combo in editor.recheck.combos.values()]
    assert answers == [2] + [1] * (len(answers) - 1)
    rows = editor.areas.rows
    assert [row.area.currentData() for row in rows] == ["cheeks", "forehead", "chin"]
    assert rows[0].fields["power_w"].text() == "12,5"
    assert rows[0].fields["dwell_us"].text() == "6OO"
    assert rows[0].fields["dwell_us"].property("invalid") is True, "shown as not a number"
    assert rows[0].scans["scan_pattern"].currentIndex() == 1
    assert rows[0].endpoint.currentText() == "Eritema uniforme"
    assert rows[2].fields["power_w"].text() == "10"
    assert rows[2].reaction.currentText() == "Ödem, leicht"
    assert editor.is_modified()

    dialogs.answers = [True]  # "Discard changes?": thrown away on purpose
    editor.reject()
    qtbot.waitUntil(lambda: drafting_window.sessions.editor is None)
    assert not draft_file(data_dir, f"session-{patient}-new").exists()


def test_declining_restores_nothing_and_removes_the_draft(
    qtbot, drafting_window, dialogs, data_dir, patient
):
    editor = open_editor(qtbot, drafting_window, patient)
    untouched = editor.draft_values()
    qtbot.keyClicks(editor.notes, "Typed before the crash")
    qtbot.keyClicks(editor.areas.rows[0].fields["power_w"], "14")
    wait_for_draft(qtbot, data_dir, editor)
    crash(qtbot, drafting_window, editor)

    dialogs.answers = [False]  # do not restore
    editor = open_editor(qtbot, drafting_window, patient)
    assert RESTORE_QUESTION in dialogs.asked[-1]
    assert editor.notes.toPlainText() == ""
    assert editor.areas.rows[0].fields["power_w"].text() == ""
    values = editor.draft_values()
    assert {k: v for k, v in values.items() if k != "performed_at"} == {
        k: v for k, v in untouched.items() if k != "performed_at"
    }
    assert not editor.is_modified()
    assert not draft_file(data_dir, editor.draft_key).exists()
    qtbot.wait(DRAFT_DELAY_MS + 200)
    assert not draft_file(data_dir, editor.draft_key).exists(), "nothing typed, nothing kept"
    editor.reject()


def test_signing_removes_the_draft(qtbot, drafting_window, dialogs, data_dir, patient):
    editor = open_editor(qtbot, drafting_window, patient)
    editor.recheck.set_answers(nothing_new())
    editor.areas.remove_area(2)
    editor.areas.remove_area(1)
    row = editor.areas.rows[0]
    for name, text in (("power_w", "12"), ("dwell_us", "600"), ("spacing_um", "500"),
                       ("stack", "1"), ("passes", "1")):  # fmt: skip
        qtbot.keyClicks(row.fields[name], text)
    wait_for_draft(qtbot, data_dir, editor)
    assert draft_file(data_dir, f"session-{patient}-new").exists()

    dialogs.answers = [True]  # "Sign and lock this session?"
    editor.sign()
    assert editor.locked, dialogs.errors
    qtbot.wait(DRAFT_DELAY_MS + 200)
    assert list((data_dir / form_drafts.DRAFTS_DIRNAME).iterdir()) == []
    editor.reject()


def test_saving_and_deleting_the_database_draft_remove_the_form_draft(
    qtbot, drafting_window, dialogs, data_dir, patient
):
    editor = open_editor(qtbot, drafting_window, patient)
    qtbot.keyClicks(editor.notes, "Arrived late")
    wait_for_draft(qtbot, data_dir, editor)
    editor.save_draft()
    assert editor.record is not None
    assert not draft_file(data_dir, f"session-{patient}-new").exists()

    qtbot.keyClicks(editor.notes, "; left early")  # now kept under the session's id
    assert editor.draft_key == f"session-{patient}-{editor.record.id}"
    wait_for_draft(qtbot, data_dir, editor)
    crash(qtbot, drafting_window, editor)

    dialogs.answers = [True, True]  # continue the database draft; restore the typing
    editor = open_editor(qtbot, drafting_window, patient)
    assert RESTORE_QUESTION in dialogs.asked[-1]
    assert editor.notes.toPlainText() == "Arrived late; left early"
    dialogs.answers = [True]  # "Delete this draft?"
    editor.delete_draft()
    assert list((data_dir / form_drafts.DRAFTS_DIRNAME).iterdir()) == []


def test_without_a_data_folder_nothing_is_written(qtbot, window, data_dir, patient):
    editor = open_editor(qtbot, window, patient)
    qtbot.keyClicks(editor.notes, "No folder")
    qtbot.wait(DRAFT_DELAY_MS + 200)
    assert not data_dir.exists()
    editor.notes.clear()
    editor.reject()


def test_every_row_comes_back_exactly_as_typed(qtbot, drafting_window, dialogs, data_dir, patient):
    """A comma decimal, a half-typed number and an empty cell, in every row, survive a crash
    as typed: "12,5" is not turned into "12.5", nor "7." into "7"."""
    editor = open_editor(qtbot, drafting_window, patient)
    assert len(editor.areas.rows) >= 2
    typed = [
        {"power_w": "12,5", "dwell_us": "600", "spacing_um": "5OO"},
        {"power_w": "7.", "stack": "2", "passes": ""},
    ]
    for row, texts in zip(editor.areas.rows, typed, strict=False):
        for name, text in texts.items():
            qtbot.keyClicks(row.fields[name], text)
    qtbot.keyClick(editor.areas.rows[0].fields["dwell_us"], "a")  # focus back in the first row
    wait_for_draft(qtbot, data_dir, editor)
    crash(qtbot, drafting_window, editor)

    dialogs.answers = [True]  # restore
    editor = open_editor(qtbot, drafting_window, patient)
    typed[0]["dwell_us"] = "600a"
    for row, texts in zip(editor.areas.rows, typed, strict=False):
        assert {name: row.fields[name].text() for name in texts} == texts
    dialogs.answers = [True]
    editor.reject()


def test_a_draft_of_a_session_signed_elsewhere_is_told_then_dropped(
    qtbot, drafting_window, dialogs, clinic_database, actor, data_dir, patient
):
    from session_factories import session_input

    from clinic_app.services.sessions import session_drafts, session_signing
    from clinic_app.services.sessions.session_resources import load_resources

    resources = load_resources()
    with clinic_database.session() as session:
        draft = session_drafts.save(session, actor, session_input(patient), resources)
        draft_id, version = draft.id, draft.version
    drafting_window.open_patient(patient)
    drafting_window.sessions.open_session(draft_id)
    editor = drafting_window.sessions.editor
    assert isinstance(editor, SessionEditor) and not editor.locked
    qtbot.keyClicks(editor.notes, "Frosting at 2 passes")
    power = editor.areas.rows[0].fields["power_w"]
    power.clear()
    qtbot.keyClicks(power, "13,5")
    wait_for_draft(qtbot, data_dir, editor)
    key = editor.draft_key
    crash(qtbot, drafting_window, editor)

    with clinic_database.session() as session:  # another workstation signs it meanwhile
        session_signing.sign(session, actor, draft_id, resources, expected_version=version)
    drafting_window.sessions.open_session(draft_id)
    editor = drafting_window.sessions.editor
    assert isinstance(editor, SessionEditor) and editor.locked
    [told] = dialogs.infos
    assert told.startswith("Signed meanwhile:") and "amendment" in told
    assert "• Notes: Frosting at 2 passes" in told and "• Cheeks, Power: 13,5" in told
    assert editor.notes.toPlainText() == "", "the locked record shows what was signed"
    assert not draft_file(data_dir, key).exists()
    editor.reject()
