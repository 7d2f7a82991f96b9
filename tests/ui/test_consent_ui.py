"""The consent signing dialog driven as in the clinic: scroll to the end, tick, sign twice with
mouse strokes, save; the editor's consent panel shows the state and opens the dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from session_factories import add_consultation, all_no_answers
from sqlalchemy import select

from clinic_app.domain.consent.consent_document import load_document
from clinic_app.domain.screening.screening import load_rules
from clinic_app.models import Consent
from clinic_app.services.consent import consent_drafts, consent_integrity
from clinic_app.services.security.identity import Actor
from clinic_app.services.sessions.session_resources import load_resources
from clinic_app.ui.consent.consent_panel import ConsentPanel
from clinic_app.ui.consent.signature_pad import SignaturePad
from clinic_app.ui.consent.signing_dialog import ConsentSigningDialog

pytestmark = pytest.mark.gui
RULES = load_rules()
DOCUMENT = load_document()


@pytest.fixture
def patient(clinic_database, add_patients) -> int:  # type: ignore[no-untyped-def]
    [patient_id] = add_patients(clinic_database, [("Camille", "Laurent")])
    with clinic_database.session() as session:
        add_consultation(
            session,
            patient_id,
            consent=False,
            answers=all_no_answers(fitzpatrick="V", hsv_history=True),
            findings=(
                ("fitzpatrick_v_vi", "relative", "proceed", "Test spot healed well"),
                ("hsv_history", "caution", None, ""),
            ),
        )
    return patient_id


def draw(qtbot, pad: SignaturePad, points: list[tuple[int, int]]) -> None:  # type: ignore[no-untyped-def]
    """One stroke as a person draws it with the mouse: press, moves, release."""
    first = QPoint(*points[0])
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=first)
    for x, y in points[1:]:
        qtbot.mouseMove(pad, QPoint(x, y))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))


def scribble(qtbot, pad: SignaturePad, x: int = 20) -> None:  # type: ignore[no-untyped-def]
    draw(qtbot, pad, [(x + i * 12, 60 + (15 if i % 2 else -15)) for i in range(14)])
    draw(qtbot, pad, [(x + 30, 95), (x + 80, 85), (x + 140, 92), (x + 200, 80)])


def make_dialog(qtbot, database, patient: int) -> ConsentSigningDialog:  # type: ignore[no-untyped-def]
    with database.session() as session:
        draft = consent_drafts.prepare(session, patient, RULES, DOCUMENT)
    dialog = ConsentSigningDialog(
        database, Actor("Dana Witness"), draft, DOCUMENT, RULES, "Camille Laurent"
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_signing_is_enabled_at_the_end_and_saves_both_signatures(
    qtbot, clinic_database, patient
) -> None:
    dialog = make_dialog(qtbot, clinic_database, patient)
    assert not dialog.sign_button.isEnabled()
    assert "For you:" in dialog.text.toHtml() or "Fitzpatrick IV to VI" in dialog.text.toPlainText()
    bar = dialog.text.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    assert dialog.sign_button.isEnabled()

    dialog.sign_button.click()  # nothing drawn yet: refused at the pads
    assert dialog.isVisible()
    assert dialog.errors._fields["patient_signature"][1].text()
    scribble(qtbot, dialog.patient.pad)
    assert dialog.patient.pad.stroke_count == 2
    dialog.patient.undo_button.click()
    assert dialog.patient.pad.stroke_count == 1
    scribble(qtbot, dialog.witness.pad, 40)
    dialog.witness.name.setText(".")
    dialog.photo.setChecked(True)
    dialog.marketing.setChecked(True)
    dialog.sign_button.click()
    assert dialog.isVisible()  # "." is not a name: the drawn strokes are kept
    assert dialog.errors._fields["witness_name"][1].text()
    assert dialog.witness.pad.stroke_count == 2
    dialog.witness.name.setText("Dana Witness")
    dialog.sign_button.click()
    assert dialog.result() == ConsentSigningDialog.DialogCode.Accepted
    assert dialog.saved is not None
    with clinic_database.session() as session:
        row = session.scalars(select(Consent)).one()
        assert (row.patient_name, row.witness_name) == ("Camille Laurent", "Dana Witness")
        assert len(row.patient_strokes["strokes"]) == 1
        assert len(row.witness_strokes["strokes"]) == 2
        assert row.photo_clinical and row.photo_marketing
        assert consent_integrity.verify(session).ok


def test_the_pad_clears_and_ignores_other_buttons(qtbot) -> None:  # type: ignore[no-untyped-def]
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(400, 130)
    pad.show()
    qtbot.waitExposed(pad)
    scribble(qtbot, pad)
    assert pad.signature().points > 10
    pad.clear()
    assert pad.signature().strokes == ()
    qtbot.mousePress(pad, Qt.MouseButton.RightButton, pos=QPoint(10, 10))
    assert pad.stroke_count == 0


def test_the_panel_shows_missing_then_valid(qtbot, clinic_database, patient, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    resources = load_resources()
    panel = ConsentPanel(clinic_database, Actor("Dana Witness"), resources, patient, "Camille")
    qtbot.addWidget(panel)
    assert "No valid informed consent" in panel.state.text()

    def sign_in_dialog(
        database, actor, draft, document, rules, name, parent=None, language_notice=""
    ):  # type: ignore[no-untyped-def]
        assert language_notice == ""  # the patient reads English, the text is English
        dialog = ConsentSigningDialog(database, actor, draft, document, rules, name, parent)
        qtbot.addWidget(dialog)
        dialog.show()
        bar = dialog.text.verticalScrollBar()
        bar.setValue(bar.maximum())
        scribble(qtbot, dialog.patient.pad)
        scribble(qtbot, dialog.witness.pad)
        dialog.sign()
        return dialog.saved

    monkeypatch.setattr(ConsentSigningDialog, "ask", staticmethod(sign_in_dialog))
    with qtbot.waitSignal(panel.signed):
        panel.button.click()
    assert panel.status is not None and panel.status.valid
    assert "valid" in panel.state.text()
