"""The test-spot dialog on a real database: a wrong field is named, a spot is recorded, and it
is judged on its check day."""

from __future__ import annotations

import datetime as dt

import pytest

from clinic_app.services.clinical import test_spots
from clinic_app.ui.sessions.test_spot_dialog import TestSpotDialog

TODAY = dt.date(2026, 12, 2)


@pytest.fixture
def patient(clinic_database, add_patients) -> int:
    return add_patients(clinic_database, [("Keiko", "Tanaka")])[0]


def test_record_a_test_spot_then_judge_it(qtbot, clinic_database, actor, patient):
    devices = {"deka-smartxide-dot": "SmartXide DOT (DEKA)"}
    dialog = TestSpotDialog(clinic_database, actor, patient, devices, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.settings["power_w"].setText("ten")
    assert not dialog.record()
    assert "not a number" in dialog.errors._fields["settings"][1].text()
    dialog.settings["power_w"].setText("10")
    dialog.settings["spacing_um"].setText("700")
    assert dialog.record()
    assert dialog.spots.count() == 1 and "to be checked" in dialog.spots.item(0).text()
    assert not dialog.judge(test_spots.HEALED_WELL), "not before its check day"
    assert "check day" in dialog.result_error.text()
    dialog.result_notes.setText("Dark patch at day 5")
    assert dialog.judge(test_spots.REACTION)
    assert "reaction" in dialog.spots.item(0).text()


def test_the_patient_page_opens_it(qtbot, window, patient):
    window.open_patient(patient)
    window.sessions.test_spot_button.click()
    qtbot.waitUntil(lambda: window.sessions.test_spot_dialog.isVisible())
    window.sessions.test_spot_dialog.reject()
