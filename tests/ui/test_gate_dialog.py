"""The gate dialog: Cancel is the default; going on needs the tick, then a reason the service
accepts; a refused reason is shown under the field and the dialog stays open."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from clinic_app.ui.common.gate_dialog import GateDialog


def test_going_on_needs_the_tick_then_an_accepted_reason(qtbot):
    submitted: list[str] = []

    def submit(reason: str) -> str | None:
        submitted.append(reason)
        return "Reason to go on: too short to be a reason" if len(reason) < 20 else None

    dialog = GateDialog(None, "Not cleared", ["Pregnant: defer until after the birth"], submit)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.reason_edit.isEnabled() and not dialog.go_on.isEnabled()
    qtbot.keyClick(dialog.confirm_box, Qt.Key.Key_Space)
    assert dialog.reason_edit.isEnabled() and not dialog.go_on.isEnabled()
    qtbot.keyClicks(dialog.reason_edit, "ok")
    dialog.go_on.click()
    assert submitted == ["ok"]
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    assert "too short" in dialog.error.text() and dialog.error.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.reason_edit, " - obstetrician letter on file, test negative")
    dialog.go_on.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert submitted[-1].startswith("ok - obstetrician")


def test_escape_cancels_and_records_nothing(qtbot):
    submitted: list[str] = []
    dialog = GateDialog(None, "Not cleared", ["x"], lambda r: submitted.append(r))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected and submitted == []
