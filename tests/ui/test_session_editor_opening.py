"""Opening the session editor keeps the window alive: its code and resources are prepared in a
worker, its widgets are built in steps with the event loop turning between them (the window
taking no input meanwhile), and its fields are marked without a style sheet over the whole
form (which made Qt match every rule against every widget)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit
from session_factories import GENTLE_FACE, add_consultation, area
from test_session_editor import open_editor, signed_session

from clinic_app.services.sessions import session_resources
from clinic_app.ui.sessions import styles
from clinic_app.ui.sessions.editor import SessionEditor

Ctrl_Shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
THREE_AREAS = (
    area("cheeks", **GENTLE_FACE),
    area("forehead", **GENTLE_FACE),
    area("neck", **GENTLE_FACE),
)


@pytest.fixture
def patient(clinic_database, add_patients) -> int:
    [patient_id] = add_patients(clinic_database, [("Camille", "Laurent")])
    return patient_id


@pytest.fixture
def consultation(clinic_database, patient) -> int:
    with clinic_database.session() as session:
        return add_consultation(session, patient).id


def _colour_inside(field: QLineEdit) -> QColor:
    """The colour a few pixels in from the field's right edge, half-way down (no text there)."""
    image = field.grab().toImage()
    return QColor(image.pixel(image.width() - 8, image.height() // 2))


def test_the_editor_is_built_in_steps_while_the_event_loop_turns(
    qtbot, window, actor, clinic_database, patient, consultation
):
    signed_session(clinic_database, actor, patient, consultation, areas=THREE_AREAS)
    window.open_patient(patient)
    turns_while_built: list[int] = []

    def tick() -> None:
        building = window.findChildren(SessionEditor) and window.sessions.editor is None
        if building:
            turns_while_built.append(1)
            # a second Ctrl+Shift+S meanwhile is dropped: one editor opens, not two
            QTest.keyClick(window.patient_page, Qt.Key.Key_S, Ctrl_Shift)

    timer = QTimer(interval=0)
    timer.timeout.connect(tick)
    timer.start()
    try:
        window.sessions.record_session()
    finally:
        timer.stop()
    editor = window.sessions.editor
    assert isinstance(editor, SessionEditor)
    # the form in several parts, the rows (here the plan's areas), the checks: each a step
    assert len(turns_while_built) >= 5
    assert len(window.findChildren(SessionEditor)) == 1
    copy = editor.copy_button
    copy.click()  # and once open, it is an ordinary form again
    assert [row.area.currentData() for row in editor.areas.rows] == [
        "cheeks",
        "forehead",
        "neck",
    ]


def test_prepare_loads_the_resources_and_the_editors_code_in_a_worker(qtbot, window, monkeypatch):
    threads: list[str] = []
    real = session_resources.load_resources

    def noting_thread(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(session_resources, "load_resources", noting_thread)
    window.sessions.prepare()
    qtbot.waitUntil(lambda: window.sessions._resources is not None, timeout=10_000)
    assert threads and threading.main_thread().name not in threads
    window.sessions.prepare()  # a second time: nothing is loaded again
    qtbot.wait(50)
    assert window.sessions.resources is window.sessions._resources
    assert len(threads) == 1


def test_record_session_before_prepare_loads_in_its_worker(
    qtbot, window, monkeypatch, patient, consultation
):
    threads: list[str] = []
    real = session_resources.load_resources

    def noting_thread(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(session_resources, "load_resources", noting_thread)
    window.sessions._resources = None
    editor = open_editor(qtbot, window, patient)
    assert editor.isVisible()
    assert threads and threading.main_thread().name not in threads


def test_fields_are_marked_each_by_its_own_sheet_and_drawn_in_their_colours(
    qtbot, window, actor, clinic_database, patient, consultation
):
    signed_session(clinic_database, actor, patient, consultation, areas=THREE_AREAS)
    editor = open_editor(qtbot, window, patient)
    assert editor.styleSheet() == ""  # no sheet over the whole form: it made opening slow
    editor.copy_button.click()
    power = editor.areas.rows[0].fields["power_w"]
    dwell = editor.areas.rows[0].fields["dwell_us"]
    assert power.styleSheet() == ""
    power.selectAll()
    qtbot.keyClicks(power, "14")
    assert power.property("changed") is True
    assert styles.CHANGED_BACKGROUND in power.styleSheet()
    assert _colour_inside(power) == QColor(styles.CHANGED_BACKGROUND)
    assert _colour_inside(dwell) != QColor(styles.CHANGED_BACKGROUND)
    was = editor.areas.rows[0].was["power_w"]
    assert was.palette().windowText().color() == QColor(styles.CAUTION_COLOUR)
    power.selectAll()
    qtbot.keyClicks(power, "12")  # back to last session's value: the mark goes with its sheet
    assert not power.property("changed")
    assert power.styleSheet() == ""


def test_a_locked_field_is_grey_and_keeps_dark_text():
    field = QLineEdit("16")
    styles.set_locked(field, True)
    assert field.isReadOnly()
    assert _colour_inside(field) == QColor(styles.LOCKED_BACKGROUND)
    styles.set_locked(field, False)
    assert not field.isReadOnly()
    assert _colour_inside(field) != QColor(styles.LOCKED_BACKGROUND)
