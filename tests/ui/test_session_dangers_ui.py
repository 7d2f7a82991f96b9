"""A danger in the session editor: shown loudly, confirmed explicitly by keyboard, then a reason
of substance; a caution stays a light note."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from session_factories import add_consultation, all_no_answers, area, nothing_new, session_input

from clinic_app.services.sessions import session_drafts, session_signing, treatment_sessions
from clinic_app.services.sessions.session_resources import load_resources
from clinic_app.ui.sessions.editor import SessionEditor
from clinic_app.ui.sessions.styles import DANGER_COLOUR

Ctrl_Shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
BURN_ONE_PASS = (("power_w", "30"), ("dwell_us", "1800"), ("spacing_um", "450"),
                 ("stack", "1"), ("passes", "1"))  # fmt: skip
REASON = "Deep boxcar scars, test spot at these settings healed well"


@pytest.fixture
def patient(clinic_database, add_patients) -> int:
    [patient_id] = add_patients(clinic_database, [("Camille", "Laurent")])
    return patient_id


def open_editor(qtbot, window, database, patient_id, **consultation) -> SessionEditor:
    with database.session() as session:
        add_consultation(session, patient_id, areas=("cheeks",), **consultation)
    window.open_patient(patient_id)
    qtbot.keyClick(window.patient_page.edit_button, Qt.Key.Key_S, Ctrl_Shift)
    editor = window.sessions.editor
    assert isinstance(editor, SessionEditor)
    qtbot.waitUntil(editor.isActiveWindow)
    editor.recheck.set_answers(nothing_new())
    return editor


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def test_a_danger_is_loud_and_needs_the_confirmation_then_a_reason(
    qtbot, window, dialogs, clinic_database, patient
):
    editor = open_editor(qtbot, window, clinic_database, patient)
    row = editor.areas.rows[0]
    for name, text in BURN_ONE_PASS:
        qtbot.keyClicks(row.fields[name], text)
    text = row.message.text()
    assert "Thermal load on cheeks: 26.7 J/cm²" in text
    assert DANGER_COLOUR in text and "DANGER" in text
    assert row.fields["dwell_us"].property("danger") is True
    assert row.confirm.isVisibleTo(editor) and not row.confirm.isChecked()
    assert row.confirm.text() == "I have checked these settings"
    assert row.confirm.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert not row.reason.isEnabled(), "the reason comes after the confirmation"
    assert "at least 5 words" in row.reason.placeholderText()

    editor.sign()  # nothing is asked: the danger is not confirmed
    assert not editor.locked and editor.record is None
    assert focused() is row.confirm
    assert "I have checked these settings" in row.message.text()
    assert row.confirm.property("invalid") is True

    qtbot.keyClick(row.confirm, Qt.Key.Key_Space)
    assert row.confirm.isChecked() and row.reason.isEnabled()
    qtbot.keyClick(row.confirm, Qt.Key.Key_Tab)
    assert focused() is row.reason
    qtbot.keyClicks(row.reason, "ok")
    editor.sign()
    assert not editor.locked
    assert "Danger on cheeks" in row.message.text()
    assert focused() is row.reason

    row.reason.selectAll()
    qtbot.keyClicks(row.reason, REASON)
    dialogs.answers = [True]  # "Sign and lock this session?"
    editor.sign()
    assert editor.locked, row.message.text()
    assert "danger" in dialogs.asked[-1].casefold()
    with clinic_database.session() as session:
        stored = treatment_sessions.get(session, editor.record.id)
    assert stored.areas[0].danger_confirmed and stored.areas[0].caution_ack_reason == REASON
    assert row.confirm.isChecked() and not row.confirm.isEnabled()  # read-only once signed


def test_a_new_danger_after_confirming_asks_again(qtbot, window, clinic_database, patient):
    editor = open_editor(qtbot, window, clinic_database, patient)
    row = editor.areas.rows[0]
    for name, text in BURN_ONE_PASS:
        qtbot.keyClicks(row.fields[name], text)
    row.confirm.setChecked(True)
    passes = row.fields["passes"]
    passes.selectAll()
    qtbot.keyClicks(passes, "2")  # now the burn-case rule too
    assert not row.confirm.isChecked()


def test_a_caution_only_row_asks_for_a_light_note_without_confirmation(
    qtbot, window, clinic_database, patient
):
    editor = open_editor(qtbot, window, clinic_database, patient)
    row = editor.areas.rows[0]
    for name, text in (("power_w", "25"), ("dwell_us", "600"), ("spacing_um", "500")):
        qtbot.keyClicks(row.fields[name], text)
    assert row.reason.isVisibleTo(editor) and row.reason.isEnabled()
    assert not row.confirm.isVisibleTo(editor)
    assert DANGER_COLOUR not in row.message.text()


def test_the_consultations_skin_type_reaches_the_rows(qtbot, window, clinic_database, patient):
    editor = open_editor(
        qtbot, window, clinic_database, patient, answers=all_no_answers(fitzpatrick="V")
    )
    row = editor.areas.rows[0]
    for name, text in (("power_w", "22"), ("dwell_us", "1000"), ("spacing_um", "450")):
        qtbot.keyClicks(row.fields[name], text)
    assert "Fitzpatrick V" in row.message.text()
    assert row.confirm.isVisibleTo(editor)


def test_the_recorded_intensity_is_checked_against_the_rows(
    qtbot, window, clinic_database, patient
):
    editor = open_editor(qtbot, window, clinic_database, patient, intensity="light")
    row = editor.areas.rows[0]
    for name, text in (("power_w", "30"), ("dwell_us", "1000"), ("spacing_um", "400")):
        qtbot.keyClicks(row.fields[name], text)
    assert "recorded as light" in row.message.text()
    editor.intensity.setCurrentIndex(editor.intensity.findData("deep"))
    assert "recorded as" not in row.message.text()


def test_copy_from_last_does_not_carry_last_times_confirmation(
    qtbot, window, actor, clinic_database, patient
):
    with clinic_database.session() as session:
        cid = add_consultation(session, patient, areas=("cheeks",)).id
    resources = load_resources()
    last = area(
        "cheeks",
        power_w=30.0,
        dwell_us=1800.0,
        spacing_um=450.0,
        stack=1,
        passes=1,
        caution_ack_reason=REASON,
        danger_confirmed=True,
    )
    when = dt.datetime.now(dt.UTC) - dt.timedelta(weeks=5)
    with clinic_database.session() as session:
        draft = session_drafts.save(
            session,
            actor,
            session_input(patient, consultation_id=cid, when=when, areas=(last,)),
            resources,
        )
        session_signing.sign(session, actor, draft.id, resources, expected_version=draft.version)
    window.open_patient(patient)
    qtbot.keyClick(window.patient_page.edit_button, Qt.Key.Key_S, Ctrl_Shift)
    editor = window.sessions.editor
    qtbot.waitUntil(editor.isActiveWindow)
    editor.copy_last()
    row = editor.areas.rows[0]
    assert row.fields["power_w"].text() == "30"
    assert row.confirm.isVisibleTo(editor) and not row.confirm.isChecked()
    assert row.reason.text() == "" and not row.reason.isEnabled()
