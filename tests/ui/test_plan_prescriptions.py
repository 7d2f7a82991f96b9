"""The antiviral prescription on the plan page: recorded with the plan (medicine, first day,
days), checked against the treatment day at its field, read back by the clinical picture."""

from __future__ import annotations

import datetime as dt

import pytest
from consultation_samples import complete_document
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from clinic_app.domain.clinical_picture import ANTIVIRAL
from clinic_app.domain.consultation.consultation_document import load_content
from clinic_app.services.clinical.clinical_picture import picture_of
from clinic_app.ui.consultation.wizard import ConsultationWizard


@pytest.fixture
def content():
    return load_content(None)


@pytest.fixture
def patient_id(clinic_database, add_patients) -> int:
    return add_patients(clinic_database, [("Nerea", "Etxeberria")])[0]


def _wizard_on_plan(qtbot, window, patient_id, document) -> ConsultationWizard:
    window.consultations.today = dt.date(2026, 12, 2)
    window.open_patient(patient_id)
    window.consultations.new_consultation()
    wizard = window.consultations.wizard
    assert isinstance(wizard, ConsultationWizard)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    while wizard.currentPage().page_id != "plan":
        wizard.currentPage().load(document)
        before = wizard.currentId()
        wizard.next()
        assert wizard.currentId() != before, wizard.currentPage().message.text()
    return wizard


def test_the_antiviral_is_recorded_with_its_days_and_read_by_the_picture(
    qtbot, window, clinic_database, patient_id, content
):
    document = complete_document(content, hsv_history=True)  # treatment 2026-12-15
    wizard = _wizard_on_plan(qtbot, window, patient_id, document)
    plan = wizard.plan
    plan.load(document)
    fields = plan.antiviral
    assert fields is not None
    assert fields.hint.isVisibleTo(plan), "a cold-sore history suggests recording the antiviral"
    assert not fields.details.isEnabled()
    qtbot.keyClick(fields.prescribed, Qt.Key.Key_Space)
    assert fields.details.isEnabled()
    assert not fields.hint.isVisibleTo(plan), "recorded: the hint has done its job"
    assert fields.start.text() == "2026-12-13", "two days before the treatment by default"
    fields.drug.setCurrentText("")
    wizard.next()
    assert wizard.currentPage() is plan, "a ticked antiviral needs its medicine"
    assert "medicine and dose" in plan.message.text()

    fields.drug.setCurrentText("Valaciclovir 500 mg twice daily")
    fields.start.setText("2026-12-16")  # after the treatment day: no prophylaxis
    wizard.next()
    assert wizard.currentPage() is plan
    assert "must include the treatment day" in plan.message.text()

    fields.start.setText("13/12/2026")  # day first, as the patient form takes it
    wizard.next()
    assert wizard.currentPage().page_id == "summary"
    wizard.complete()
    with clinic_database.session() as session:
        antiviral = picture_of(session, patient_id, content.rules).prescription(ANTIVIRAL)
    assert antiviral is not None
    assert (antiviral.drug, antiviral.start, antiviral.days) == (
        "Valaciclovir 500 mg twice daily",
        dt.date(2026, 12, 13),
        7,
    )
