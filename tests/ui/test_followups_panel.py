"""The "Follow-ups due" panel of the main window: loaded in a worker, closed with a note from
the keyboard, a refusal at the note field, a double-click opens the patient; and the patient
page's "Export calendar…"."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QApplication
from session_factories import UTC, signed_first_session
from sqlalchemy import select

from clinic_app.db import Database
from clinic_app.models import AuditEvent, FollowUp
from clinic_app.services.security.identity import Actor
from clinic_app.services.sessions.session_resources import load_resources
from clinic_app.ui.followups.note_dialog import FollowUpNoteDialog
from clinic_app.ui.followups.table_model import FollowUpTableModel
from clinic_app.ui.main_window import MainWindow

pytestmark = pytest.mark.gui
DAY = dt.date(2026, 12, 22)


@pytest.fixture
def patient_ids(clinic_database: Database, actor: Actor) -> list[int]:
    resources = load_resources()
    with clinic_database.session() as session:
        ana, _ = signed_first_session(
            session, actor, resources, when=dt.datetime(2026, 12, 15, 10, 0, tzinfo=UTC)
        )
        bo, _ = signed_first_session(
            session,
            actor,
            resources,
            when=dt.datetime(2026, 12, 20, 10, 0, tzinfo=UTC),
            first_name="Bo",
            last_name="Li",
        )
    return [ana, bo]


@pytest.fixture
def panel_ready(qtbot, window: MainWindow, patient_ids: list[int]):  # type: ignore[no-untyped-def]
    controller = window.followups
    controller.today = lambda: DAY
    with qtbot.waitSignal(controller.loaded, timeout=10_000):
        controller.refresh()
    return controller


def _rows(model: FollowUpTableModel) -> list[tuple[str, ...]]:
    return [
        tuple(model.index(r, c).data() for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]


def test_the_panel_lists_todays_and_overdue_contacts(qtbot, qtmodeltester, panel_ready) -> None:
    panel = panel_ready.panel
    assert _rows(panel.model) == [
        ("Thu 17 Dec", "Ana Ruiz", "Day-2 phone call", "5 days late"),
        ("Tue 22 Dec", "Bo Li", "Day-2 phone call", "today"),
        ("Tue 22 Dec", "Ana Ruiz", "Day-7 review", "today"),
    ]
    assert panel.status.text() == "2 due today, 1 overdue"
    assert panel_ready.dock.isVisible()
    qtmodeltester.check(panel.model)


def test_done_from_the_keyboard_with_a_refused_note_then_saved_and_audited(
    qtbot, panel_ready, clinic_database: Database
) -> None:
    panel = panel_ready.panel
    panel.table.setFocus()
    panel.table.selectRow(2)  # Ana's day-7 review: a note is required
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    dialog = panel_ready.note_dialog
    assert isinstance(dialog, FollowUpNoteDialog)
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.note, "the note has the cursor"
    dialog.note.setPlainText(".")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible(), "refused: the dialog stays open with what was typed"
    assert "too short" in dialog.errors.message("note")
    assert dialog.note.toPlainText() == "."

    dialog.note.setPlainText("Healing well, mild redness on the cheeks")
    with qtbot.waitSignal(panel_ready.loaded, timeout=10_000):
        qtbot.keyClick(dialog.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [row[2] for row in _rows(panel.model)] == ["Day-2 phone call", "Day-2 phone call"]
    with clinic_database.session() as session:
        row = session.scalars(select(FollowUp).where(FollowUp.kind == "review_day_7")).first()
        assert row is not None and row.outcome == "done"
        assert row.note == "Healing well, mild redness on the cheeks"
        event = session.scalars(
            select(AuditEvent).where(
                AuditEvent.entity_type == "followup",
                AuditEvent.entity_id == row.id,
                AuditEvent.action == "update",
            )
        ).one()
        assert event.summary == "follow-up 'Day-7 review' done"


def test_not_reached_needs_a_note_and_the_contact_stays_listed(qtbot, panel_ready) -> None:
    panel = panel_ready.panel
    panel.table.selectRow(0)
    panel.done_button.click()
    dialog = panel_ready.note_dialog
    assert dialog is not None
    dialog.not_reached.setChecked(True)
    dialog.submit()
    assert "what was tried" in dialog.errors.message("note")
    dialog.note.setPlainText("Voicemail left, text sent")
    with qtbot.waitSignal(panel_ready.loaded, timeout=10_000):
        dialog.submit()
    assert panel.model.rowCount() == 3
    assert panel.model.index(0, FollowUpTableModel.STATE).data() == "5 days late, tried 1×"


def test_a_double_click_opens_the_patient(qtbot, panel_ready, window, patient_ids) -> None:
    panel = panel_ready.panel
    index = panel.model.index(1, 1)  # Bo Li
    rect = panel.table.visualRect(index)
    viewport = panel.table.viewport()
    # Qt 6's QTest sends a double-click as press, release, double-click: the first press too.
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_patient_id() == patient_ids[1]


def test_export_calendar_from_the_patient_page(
    qtbot, panel_ready, window, patient_ids, tmp_path: Path
) -> None:
    window.open_patient(patient_ids[0])
    target = tmp_path / "ana"
    panel_ready.ask_path = lambda suggested: str(target)
    with qtbot.waitSignal(panel_ready.exported, timeout=10_000) as written:
        panel_ready.export_calendar()
    assert written.args == [str(target) + ".ics"]
    events = list(icalendar.Calendar.from_ical(Path(written.args[0]).read_bytes()).walk("VEVENT"))
    assert len(events) == 4
    assert "+34 910 000 000" in str(events[0]["description"])
    QApplication.processEvents()


def test_ctrl_shift_d_shows_the_panel_again_and_puts_the_cursor_in_it(
    qtbot, panel_ready, window
) -> None:
    panel_ready.dock.close()
    assert not panel_ready.dock.isVisible()
    [shortcut] = [s for s in window.findChildren(QShortcut) if s.key().toString() == "Ctrl+Shift+D"]
    shortcut.activated.emit()
    assert panel_ready.dock.isVisible()
    assert panel_ready.panel.current_item() is not None
    assert window.focusWidget() is panel_ready.panel.table


def test_export_tells_when_the_calendar_falls_back_to_english(  # type: ignore[no-untyped-def]
    qtbot, panel_ready, window, patient_ids, clinic_database, dialogs, tmp_path: Path
) -> None:
    """A Spanish patient whose clinic's Spanish schedule lacks a sentence gets the calendar in
    English, and the practitioner is told so, as the command line warns."""
    from clinic_app.content import shipped
    from clinic_app.models import Patient

    with clinic_database.session() as session:
        patient = session.get(Patient, patient_ids[0])
        assert patient is not None
        patient.language = "es"
    data_dir = tmp_path / "data"
    own = data_dir / "overrides" / "followups" / "es"
    own.mkdir(parents=True)
    spanish = shipped("followups/es/schedule.toml").read_text(encoding="utf-8")
    (own / "schedule.toml").write_text(spanish.replace('date_column = "Fecha"\n', ""), "utf-8")
    panel_ready.data_dir = data_dir
    window.open_patient(patient_ids[0])
    panel_ready.ask_path = lambda suggested: str(tmp_path / "ana.ics")
    with qtbot.waitSignal(panel_ready.exported, timeout=10_000):
        panel_ready.export_calendar()
    [notice] = dialogs.infos
    assert notice.startswith("Calendar file in English: The calendar file is in English")
    assert "labels.date_column: missing" in notice
    events = icalendar.Calendar.from_ical((tmp_path / "ana.ics").read_bytes()).walk("VEVENT")
    summaries = [str(event["summary"]) for event in events]
    assert "Clínica Sol & Piel: We phone you to ask how your skin is healing." in summaries
