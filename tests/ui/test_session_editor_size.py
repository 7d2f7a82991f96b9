"""Issue 19: the session editor fits a 1366×768 laptop, by default and after signing; at its
minimum size the screening column scrolls, its questions do not overlap and its drop-downs keep
their height; locked fields look read-only."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QScrollArea
from session_factories import add_consultation, nothing_new
from test_session_editor import open_editor


@pytest.fixture
def patient(clinic_database, add_patients) -> int:
    [patient_id] = add_patients(clinic_database, [("Camille", "Laurent")])
    with clinic_database.session() as session:
        add_consultation(session, patient_id)
    return patient_id


def test_the_editor_fits_the_screen_and_its_column_scrolls(
    qtbot, window, dialogs, clinic_database, patient
) -> None:
    editor = open_editor(qtbot, window, patient)
    available = editor.screen().availableGeometry()
    assert editor.height() <= available.height() and editor.width() <= available.width()
    assert editor.minimumHeight() <= available.height()
    scroll = editor.findChild(QScrollArea, "left_column")
    assert scroll is not None and scroll.widget().isAncestorOf(editor.recheck)

    editor.resize(editor.minimumSize())
    qtbot.wait(50)
    combos = list(editor.recheck.combos.values())
    for combo in combos:
        assert combo.height() >= combo.minimumSizeHint().height(), "a drop-down collapsed"
    tops = [combo.mapTo(editor.recheck, combo.rect().topLeft()).y() for combo in combos]
    for above, below, combo in zip(tops, tops[1:], combos, strict=False):
        assert below >= above + combo.height(), "questions overlap"

    editor.recheck.set_answers(nothing_new())
    editor.areas.remove_area(2)
    editor.areas.remove_area(1)
    row = editor.areas.rows[0]
    for name, text in zip(row.fields, ("12", "600", "500", "1", "1"), strict=False):
        qtbot.keyClicks(row.fields[name], text)
    editable = editor.applied.grab().toImage().pixelColor(4, 4)
    middle = editor.device.height() // 2
    open_device = editor.device.grab().toImage().pixelColor(6, middle)
    dialogs.answers = [True]
    editor.sign()
    assert editor.locked
    assert editor.height() <= available.height(), "no taller than the screen after signing"
    qtbot.wait(20)
    locked = editor.applied.grab().toImage().pixelColor(4, 4)
    assert locked != editable, "a locked field looks read-only"
    device = editor.device.grab().toImage().pixelColor(6, middle)
    assert device != open_device, "a locked drop-down is greyed too"
