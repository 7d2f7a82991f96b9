"""The patient's language in the window: chosen on the patient form (saved, shown again when
editing), and the handout preview's notice when a handout could not be printed in it."""

from __future__ import annotations

import datetime as dt

import pytest
from handout_helpers import pdf_text, previews
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from clinic_app.domain.patient_rules import PatientFields
from clinic_app.models import Patient
from clinic_app.services.patients import patients

pytestmark = pytest.mark.gui
WAIT_MS = 30_000


def _save(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_patient_form_saves_the_language_and_shows_it_again(  # type: ignore[no-untyped-def]
    qtbot, typist, window, clinic_database
) -> None:
    window.new_patient()
    dialog = window.patient_dialog
    qtbot.waitExposed(dialog)
    assert [dialog.language.itemText(i) for i in range(dialog.language.count())] == [
        "English",
        "Español",
    ]
    assert dialog.language.currentData() == "en", "English unless chosen"
    typist(dialog.inputs["first_name"], "Lucía")
    typist(dialog.inputs["last_name"], "Pérez")
    typist(dialog.inputs["date_of_birth"], "1980-03-14")
    dialog.language.setCurrentIndex(dialog.language.findData("es"))
    assert dialog.is_modified()
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: window.patient_dialog is None)
    with clinic_database.session() as session:
        [row] = patients.find(session, "lucia perez")
        assert patients.get(session, row.id).language == "es"
    window.open_patient(row.id)
    qtbot.waitUntil(lambda: "Handouts and consent in Español" in window.patient_page.details.text())
    window.edit_patient()
    dialog = window.patient_dialog
    qtbot.waitExposed(dialog)
    assert dialog.language.currentText() == "Español" and not dialog.is_modified()
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: window.patient_dialog is None)
    with clinic_database.session() as session:
        assert patients.get(session, row.id).language == "en"
    qtbot.waitUntil(lambda: "Handouts" not in window.patient_page.details.text())


def test_the_preview_says_when_a_handout_is_not_in_the_patients_language(  # type: ignore[no-untyped-def]
    qtbot, window, clinic_database, actor
) -> None:
    with clinic_database.session() as session:
        fields = PatientFields("Léa", "Morel", dt.date(1980, 3, 14), language="es")
        patient_id = patients.create(session, actor, fields).id
        # A language with no care texts (a later release's, say): whole English, and a notice.
        session.get(Patient, patient_id).language = "fr"  # type: ignore[union-attr]
    controller = window.handouts
    controller.today = lambda: dt.date(2026, 11, 10)
    request_date = dt.date(2026, 12, 15)
    with qtbot.waitSignal(controller.handout_ready, timeout=WAIT_MS) as ready:
        controller.open_pre_care(patient_id, request_date)
    [result] = ready.args
    [preview] = previews()
    assert preview.language_notice.isVisible()
    notice = preview.language_notice.text()
    assert "pre-care handout is in English, not in the patient's language, fr" in notice
    assert "Before your CO2 laser treatment" in pdf_text(result.stored.pdf)
    assert controller.wait_for_workers(WAIT_MS)
    preview.close()


def test_a_spanish_patient_reads_the_consent_in_spanish(  # type: ignore[no-untyped-def]
    qtbot, clinic_database, actor, monkeypatch
) -> None:
    from session_factories import add_consultation, all_no_answers

    from clinic_app.services.sessions.session_resources import load_resources
    from clinic_app.ui.consent.consent_panel import ConsentPanel
    from clinic_app.ui.consent.signing_dialog import ConsentSigningDialog

    with clinic_database.session() as session:
        fields = PatientFields("Lucía", "Pérez", dt.date(1980, 3, 14), language="es")
        patient_id = patients.create(session, actor, fields).id
        add_consultation(session, patient_id, consent=False, answers=all_no_answers())
    panel = ConsentPanel(clinic_database, actor, load_resources(), patient_id, "Lucía Pérez")
    qtbot.addWidget(panel)
    shown: list[ConsentSigningDialog] = []

    def look(database, actor, draft, document, rules, name, parent=None, language_notice=""):  # type: ignore[no-untyped-def]
        dialog = ConsentSigningDialog(
            database, actor, draft, document, rules, name, parent, language_notice
        )
        shown.append(dialog)  # a child of the panel, deleted with it
        return None

    monkeypatch.setattr(ConsentSigningDialog, "ask", staticmethod(look))
    panel.button.click()
    [dialog] = shown
    assert dialog.text.toPlainText().startswith("Consentimiento para el rejuvenecimiento")
    assert dialog.photo.text().startswith("Acepto que la clínica tome fotografías")
    assert not dialog.language_notice.isVisibleTo(dialog)
