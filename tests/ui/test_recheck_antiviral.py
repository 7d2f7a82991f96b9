"""The session editor asks "antiviral started?" only when the consultation recorded one, and
shows "no" as a finding like the other re-check findings (issue 13)."""

from __future__ import annotations

import pytest
from session_factories import add_consultation, all_no_answers, nothing_new
from test_session_editor import open_editor

pytestmark = pytest.mark.gui

ANTIVIRAL = {"kind": "antiviral", "drug": "aciclovir 400 mg", "start": "2026-01-30", "days": 5}


@pytest.fixture
def patient(clinic_database, add_patients) -> int:
    [patient_id] = add_patients(clinic_database, [("Camille", "Laurent")])
    return patient_id


def consultation_with(database, patient_id: int, *prescriptions: dict[str, object]) -> None:
    answers = all_no_answers(hsv_history=True)
    answers["_consultation"] = {"plan": {"prescriptions": list(prescriptions)}}
    with database.session() as session:
        add_consultation(session, patient_id, answers=answers)


def test_without_a_prescription_the_question_is_not_asked(
    qtbot, window, clinic_database, patient
) -> None:
    consultation_with(clinic_database, patient)
    editor = open_editor(qtbot, window, patient)
    assert "antiviral_started" not in editor.recheck.combos
    assert {"retinoids", "aha_bha", "waxing", "chemical_peel"} <= set(editor.recheck.combos)
    editor.reject()


def test_antiviral_not_started_is_shown_with_the_other_findings(
    qtbot, window, dialogs, clinic_database, patient
) -> None:
    consultation_with(clinic_database, patient, ANTIVIRAL)
    editor = open_editor(qtbot, window, patient)
    combo = editor.recheck.combos["antiviral_started"]
    assert "aciclovir 400 mg" in combo.accessibleName()
    editor.recheck.set_answers(nothing_new(antiviral_started=False))
    editor.recheck.changed.emit()
    text = editor.recheck.findings.text()
    assert "Antiviral prophylaxis not started" in text and "new since the consultation" in text
    assert editor.recheck.reason.isVisibleTo(editor.recheck)
    assert editor.recheck_result is not None
    assert "Antiviral prophylaxis not started" in (editor.recheck_result.problem("") or "")
    dialogs.answers[:] = [True]  # discard what was typed
    editor.reject()
