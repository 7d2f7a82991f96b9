"""The session editor and history, driven as the esthetician does, on a real SQLite database."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import errno
import io
import os
import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from session_factories import GENTLE_FACE, add_consultation, area, nothing_new, session_input
from sqlalchemy import select
from thread_notes import note_threads

from clinic_app import storage
from clinic_app.models import AuditEvent
from clinic_app.services.sessions import (
    session_drafts,
    session_resources,
    session_signing,
    treatment_sessions,
)
from clinic_app.services.sessions.session_resources import load_resources
from clinic_app.ui.common.gate_dialog import GateDialog
from clinic_app.ui.sessions import styles
from clinic_app.ui.sessions.editor import SessionEditor
from clinic_app.ui.sessions.history import SessionHistoryDialog

Ctrl_Shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def patient(clinic_database, add_patients) -> int:
    [patient_id] = add_patients(clinic_database, [("Camille", "Laurent")])
    return patient_id


@pytest.fixture
def consultation(clinic_database, patient) -> int:
    with clinic_database.session() as session:
        return add_consultation(session, patient).id


def signed_session(database, actor, patient_id, consultation_id, **kwargs):
    resources = load_resources()
    when = dt.datetime.now(dt.UTC) - dt.timedelta(weeks=5)
    with database.session() as session:
        draft = session_drafts.save(
            session,
            actor,
            session_input(patient_id, consultation_id=consultation_id, when=when, **kwargs),
            resources,
        )
        return session_signing.sign(
            session, actor, draft.id, resources, expected_version=draft.version
        )


def open_editor(qtbot, window, patient_id) -> SessionEditor:
    window.open_patient(patient_id)
    qtbot.keyClick(window.patient_page.edit_button, Qt.Key.Key_S, Ctrl_Shift)
    editor = window.sessions.editor
    assert isinstance(editor, SessionEditor)
    qtbot.waitUntil(editor.isActiveWindow)
    return editor


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def alt(qtbot, key: Qt.Key) -> None:
    """Press a mnemonic; a button "clicks" it after a short animation."""
    qtbot.keyClick(focused(), key, Qt.KeyboardModifier.AltModifier)
    qtbot.wait(200)


def tab(qtbot) -> QWidget:
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    return focused()


def test_record_three_areas_by_keyboard_sign_and_find_it_locked(
    qtbot, window, dialogs, clinic_database, patient, consultation
):
    editor = open_editor(qtbot, window, patient)
    assert editor.isModal() and editor.windowModality() == Qt.WindowModality.WindowModal
    assert "Session 1 of 3" in editor.subtitle.text()
    assert [row.area.currentData() for row in editor.areas.rows] == ["cheeks", "forehead", "neck"]

    # The re-check: every answer explicit; "N" picks "No" in each drop-down.
    first_question = next(iter(editor.recheck.combos.values()))
    first_question.setFocus()
    for _ in editor.recheck.combos:
        widget = focused()
        qtbot.keyClicks(widget, "N")
        widget = tab(qtbot)
        for _ in range(3):  # past a date field, when the question has one
            if widget.objectName().startswith(("recheck_", "add_area")):
                break
            widget = tab(qtbot)
    assert set(editor.recheck.answers().values()) <= {False, "no"}
    assert len(editor.recheck.answers()) == len(editor.recheck.combos)

    settings = {
        "cheeks": ["12", "600", "500", "1", "1"],
        "forehead": ["10", "500", "500", "1", "1"],
        "neck": ["8", "400", "600", "1", "1"],
    }
    editor.areas.rows[0].area.setFocus()
    for index, values in enumerate(settings.values()):
        row = editor.areas.rows[index]
        assert focused() is row.area
        for name, text in zip(row.fields, values, strict=True):
            assert tab(qtbot) is row.fields[name]
            qtbot.keyClicks(focused(), text)
        assert tab(qtbot) is row.scans["scan_pattern"]
        qtbot.keyClicks(focused(), "s")  # square
        assert tab(qtbot) is row.scans["scan_size"]
        qtbot.keyClicks(focused(), "1")  # 10 x 10 mm
        assert tab(qtbot) is row.endpoint
        qtbot.keyClicks(focused(), "Even erythema")
        assert tab(qtbot) is row.reaction
        qtbot.keyClicks(focused(), "Erythema, expected")
        tab(qtbot)
    assert focused() is editor.notes

    dialogs.answers = [True]  # "Sign and lock this session?"
    alt(qtbot, Qt.Key.Key_S)
    assert dialogs.asked and dialogs.asked[-1].startswith("Sign and lock this session?")
    assert editor.locked, editor.recheck.error.text() or [
        r.message.text() for r in editor.areas.rows
    ]
    assert "Signed and locked" in editor.banner.text()
    assert not editor.sign_button.isVisible() and not editor.save_button.isVisible()
    assert all(edit.isReadOnly() for row in editor.areas.rows for edit in row.fields.values())
    assert not editor.areas.rows[0].area.isEnabled()

    with clinic_database.session() as session:
        record = treatment_sessions.get(session, editor.record.id)
    assert record.locked and record.signed_by == "test:esthetician"
    assert [(a.area, a.power_w, a.scan_pattern, a.scan_size) for a in record.areas] == [
        ("cheeks", 12.0, "square", "10 x 10 mm"),
        ("forehead", 10.0, "square", "10 x 10 mm"),
        ("neck", 8.0, "square", "10 x 10 mm"),
    ]
    assert record.areas[0].endpoint == "Even erythema"
    # The patient page lists it; the editor closes with Escape.
    assert "signed" in window.patient_page.sessions.item(0).text()
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.sessions.editor is None)


def test_out_of_range_is_refused_at_the_field_naming_the_range(
    qtbot, window, clinic_database, patient, consultation
):
    editor = open_editor(qtbot, window, patient)
    row = editor.areas.rows[0]
    power = row.fields["power_w"]
    power.setFocus()
    qtbot.keyClicks(power, "45")
    qtbot.keyClick(power, Qt.Key.Key_Tab)
    assert power.property("invalid") is True
    assert "Power 45 W is outside this device's range of 0.5–30 W." in row.message.text()
    assert "0.5–30 W" in power.toolTip() and power.placeholderText() == "0.5–30"

    alt(qtbot, Qt.Key.Key_F)  # Save draft
    assert editor.record is None, "nothing is saved while a value is refused"
    assert focused() is power
    assert power.text() == "45", "what was typed is kept"
    power.selectAll()
    qtbot.keyClicks(power, "12")
    assert not power.property("invalid")
    assert "outside" not in row.message.text()


def test_the_burn_case_needs_a_confirmed_reason(
    qtbot, window, dialogs, clinic_database, patient, consultation
):
    editor = open_editor(qtbot, window, patient)
    editor.recheck.set_answers(nothing_new())
    row = editor.areas.rows[0]  # cheeks: the published burn case, mid-face
    for name, text in (("power_w", "30"), ("dwell_us", "1800"), ("spacing_um", "450"),
                       ("stack", "1"), ("passes", "2")):  # fmt: skip
        qtbot.keyClicks(row.fields[name], text)
    editor.areas.remove_area(2)
    editor.areas.remove_area(1)
    row = editor.areas.rows[0]
    assert "Burn-case intensity on cheeks" in row.message.text()
    assert "third-degree burn" in row.message.text()
    assert row.fields["power_w"].property("danger") is True  # a danger: red, not amber
    assert row.reason.isVisibleTo(editor) and row.confirm.isVisibleTo(editor)

    editor.sign()  # refused before asking: the danger is neither confirmed nor explained
    assert not editor.locked
    assert row.confirm.property("invalid") is True
    assert focused() is row.confirm
    qtbot.keyClick(row.confirm, Qt.Key.Key_Space)
    assert focused() is row.confirm and row.reason.isEnabled()
    qtbot.keyClicks(row.reason, "Deep boxcar scars; test spot healed well")
    dialogs.answers = [True]
    editor.sign()
    assert editor.locked
    assert "caution" in dialogs.asked[-1] and "danger" in dialogs.asked[-1]
    with clinic_database.session() as session:
        stored = treatment_sessions.get(session, editor.record.id)
    assert stored.areas[0].caution_ack_reason == "Deep boxcar scars; test spot healed well"


def test_copy_from_last_highlights_each_difference_with_the_old_value(
    qtbot, window, actor, clinic_database, patient, consultation
):
    last = signed_session(
        clinic_database,
        actor,
        patient,
        consultation,
        areas=(
            area("cheeks", **GENTLE_FACE, scan_pattern="square"),
            area("forehead", **GENTLE_FACE),
        ),
    )
    editor = open_editor(qtbot, window, patient)
    assert "last session" in editor.legend.text()
    alt(qtbot, Qt.Key.Key_Y)  # Copy settings
    rows = editor.areas.rows
    assert [r.area.currentData() for r in rows] == ["cheeks", "forehead"]
    assert rows[0].fields["power_w"].text() == "12"
    assert editor.areas.changed_count() == 0
    assert focused() is rows[0].fields["power_w"]

    power = rows[0].fields["power_w"]
    power.selectAll()
    qtbot.keyClicks(power, "14")
    assert power.property("changed") is True
    assert rows[0].was["power_w"].isVisibleTo(editor)
    assert rows[0].was["power_w"].text() == "was 12 W"
    assert "12 W then" in power.toolTip()
    assert not rows[0].fields["dwell_us"].property("changed")
    assert "Same as the last session" in rows[0].fields["dwell_us"].toolTip()
    assert not rows[1].fields["power_w"].property("changed")
    assert editor.areas.changed_count() == 1
    assert last.id != (editor.record.id if editor.record else None)


def test_a_signed_session_is_amended_and_the_original_kept(
    qtbot, window, dialogs, actor, clinic_database, patient, consultation
):
    original = signed_session(clinic_database, actor, patient, consultation)
    window.open_patient(patient)
    window.sessions.open_session(original.id)
    editor = window.sessions.editor
    qtbot.waitUntil(editor.isActiveWindow)
    assert editor.locked and editor.amend_button.isVisible()

    dialogs.answers = [True]  # "Amend this signed session?"
    alt(qtbot, Qt.Key.Key_A)
    assert not editor.locked and editor.record.amends_id == original.id
    assert "correction (amendment) of a signed session" in editor.banner.text()
    assert "#" not in editor.banner.text(), "no record numbers on screen"
    assert editor.amendment.isVisibleTo(editor) and focused() is editor.amendment
    power = editor.areas.rows[0].fields["power_w"]
    power.selectAll()
    qtbot.keyClicks(power, "12.5")
    assert power.property("changed") is True, "compared with the original"

    dialogs.answers = [True]
    editor.sign()
    assert not editor.locked, "an amendment needs its reason"
    qtbot.keyClicks(editor.amendment, "Power misread on the device display")
    dialogs.answers = [True]
    editor.sign()
    assert editor.locked
    with clinic_database.session() as session:
        kept = treatment_sessions.get(session, original.id)
    assert kept.superseded and kept.areas[0].power_w == 12.0


def test_without_a_completed_consultation_the_gate_asks_for_a_reason_first(
    qtbot, window, dialogs, clinic_database, patient, monkeypatch
):
    shown: list[list[str]] = []

    def cancel(cls, parent, title, problems, submit):
        shown.append(list(problems))
        return False

    monkeypatch.setattr(GateDialog, "ask", classmethod(cancel))
    window.open_patient(patient)
    window.sessions.record_session()
    assert "No completed consultation" in shown[-1][0]
    assert window.sessions.editor is None

    def go_on(cls, parent, title, problems, submit):
        assert "too short" in submit("ok")  # refused: shown under the reason field
        return submit("Consultation done on paper at the other clinic, copy scanned today") is None

    monkeypatch.setattr(GateDialog, "ask", classmethod(go_on))
    window.sessions.record_session()
    editor = window.sessions.editor
    assert editor is not None and editor.banner.isVisibleTo(editor)
    assert "no completed consultation" in editor.banner.text()
    assert "Session 1" in editor.subtitle.text()
    with clinic_database.session() as session:
        [event] = session.scalars(select(AuditEvent).where(AuditEvent.action == "override"))
    assert event.entity_id == patient


def test_an_unsigned_draft_is_offered_again(
    qtbot, window, dialogs, clinic_database, patient, consultation
):
    editor = open_editor(qtbot, window, patient)
    qtbot.keyClicks(editor.notes, "Patient arrived late")
    editor.save_draft()
    assert editor.record is not None and editor.record.status == "draft"
    editor.reject()
    qtbot.waitUntil(lambda: window.sessions.editor is None)

    dialogs.answers = [True]  # "Continue the draft"
    window.sessions.record_session()
    assert window.sessions.editor.record.id == editor.record.id
    assert window.sessions.editor.notes.toPlainText() == "Patient arrived late"


def test_history_table_charts_and_csv_export(
    qtbot,
    qtmodeltester,
    window,
    actor,
    clinic_database,
    patient,
    consultation,
    tmp_path,
    monkeypatch,
):
    first = signed_session(clinic_database, actor, patient, consultation)
    resources = load_resources()
    later = dt.datetime.now(dt.UTC) - dt.timedelta(days=2)
    with clinic_database.session() as session:
        data = session_input(
            patient,
            consultation_id=consultation,
            when=later,
            areas=(
                area("cheeks", **{**GENTLE_FACE, "power_w": 14.0}),
                area("neck", power_w=8.0, dwell_us=400.0, spacing_um=600.0),
            ),
        )
        draft = session_drafts.save(session, actor, data, resources)
        session_signing.sign(session, actor, draft.id, resources, expected_version=draft.version)

    window.open_patient(patient)
    qtbot.keyClick(window.patient_page.edit_button, Qt.Key.Key_H, Ctrl_Shift)
    history = window.sessions.history
    assert isinstance(history, SessionHistoryDialog)
    qtmodeltester.check(history.model, force_py=True)
    assert history.model.rowCount() == 2
    assert history.model.index(0, 1).data() == "2 of 3"
    assert history.model.index(1, 4).data() == "Signed"
    assert len(history.charts.views) == 3
    power_chart = history.charts.views[0].chart()
    assert power_chart.title() == "Power (W)"
    cheeks = next(s for s in power_chart.series() if s.name() == "Cheeks")
    assert [(p.x(), p.y()) for p in cheeks.points()] == [(0, 12.0), (1, 14.0)]

    path = tmp_path / "sessions.csv"
    assert history.export_to(path)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert [(r["session_id"], r["area"]) for r in rows] == [
        (str(first.id), "cheeks"),
        (str(draft.id), "cheeks"),
        (str(draft.id), "neck"),
    ]
    assert "Exported 3 lines" in history.status.text()
    with clinic_database.session() as session:  # an export of health data is audited
        exports = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "export", AuditEvent.entity_id == patient)
        ).all()
        assert [event.summary for event in exports] == ["treatment sessions exported to CSV"]

    # A disk that fills up midway keeps the earlier export whole and audits nothing new.
    exported = path.read_bytes()

    def disk_full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(storage.os, "fsync", disk_full)
    assert not history.export_to(path)
    monkeypatch.undo()
    assert "Not exported" in history.status.text() and "full" in history.status.text()
    assert path.read_bytes() == exported and list(tmp_path.glob(".sessions.csv*")) == []

    # Enter on the table opens the selected (newest) session, read-only.
    history.table.setFocus()
    qtbot.keyClick(history.table, Qt.Key.Key_Return)
    editor = window.sessions.editor
    assert editor is not None and editor.locked and editor.record.id == draft.id
    editor.done(0)
    assert dataclasses.is_dataclass(editor.record)
    assert isinstance(editor.areas.rows[0].fields["power_w"], QLineEdit)


def test_save_and_sign_write_in_a_worker_not_on_the_ui_thread(
    qtbot, window, dialogs, clinic_database, patient, consultation
):
    """The editor's writes wait on the database (the network, on PostgreSQL) in a worker."""
    import threading

    from sqlalchemy import event

    writers: set[str] = set()

    def note_writer(_conn, _cursor, statement: str, *_args) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE")):
            writers.add(threading.current_thread().name)

    editor = open_editor(qtbot, window, patient)
    qtbot.keyClicks(editor.notes, "Saved from a worker")
    event.listen(clinic_database.engine, "before_cursor_execute", note_writer)
    try:
        editor.save_draft()
    finally:
        event.remove(clinic_database.engine, "before_cursor_execute", note_writer)
    assert editor.record is not None and editor.record.status == "draft"
    assert writers and threading.main_thread().name not in writers


# ---- opening without freezing the window --------------------------------------------------
# Its code and resources are prepared in a worker, its widgets are built in steps with the event
# loop turning between them (the window taking no input meanwhile), and its fields are marked
# without a style sheet over the whole form (which made Qt match every rule against every widget).
THREE_AREAS = (
    area("cheeks", **GENTLE_FACE),
    area("forehead", **GENTLE_FACE),
    area("neck", **GENTLE_FACE),
)


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


@pytest.fixture
def loading_threads(monkeypatch) -> list[str]:
    """The threads that load the session resources."""
    return note_threads(monkeypatch, session_resources, "load_resources")


def test_prepare_loads_the_resources_and_the_editors_code_in_a_worker(
    qtbot, window, loading_threads
):
    threads = loading_threads
    window.sessions.prepare()
    qtbot.waitUntil(lambda: window.sessions._resources is not None, timeout=10_000)
    assert threads and threading.main_thread().name not in threads
    window.sessions.prepare()  # a second time: nothing is loaded again
    qtbot.wait(50)
    assert window.sessions.resources is window.sessions._resources
    assert len(threads) == 1


def test_record_session_before_prepare_loads_in_its_worker(
    qtbot, window, loading_threads, patient, consultation
):
    threads = loading_threads
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


def test_the_csv_export_reads_writes_and_audits_in_a_worker(
    qtbot, window, actor, clinic_database, patient, consultation, tmp_path, monkeypatch
):
    """The history's export waits on the disk (fsync) and the database off the UI thread."""
    from clinic_app.services import safe_files

    signed_session(clinic_database, actor, patient, consultation)
    writers = note_threads(monkeypatch, safe_files, "write_atomically")
    window.open_patient(patient)
    qtbot.keyClick(window.patient_page.edit_button, Qt.Key.Key_H, Ctrl_Shift)
    history = window.sessions.history
    assert isinstance(history, SessionHistoryDialog)
    path = tmp_path / "sessions.csv"
    assert history.export_to(path)
    assert path.read_text(encoding="utf-8").count("\n") >= 2
    assert writers and threading.main_thread().name not in writers
    assert "Exported" in history.status.text()
