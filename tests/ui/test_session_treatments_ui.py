"""Issue 19: an amendment is a correction, not a treatment. The patient page lists one entry per
treatment, the history counts treatments, and double-clicking an entry opens it."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from session_factories import add_consultation
from test_session_editor import signed_session

from clinic_app.services.sessions import session_amendments, session_signing
from clinic_app.services.sessions.session_resources import load_resources
from clinic_app.ui.sessions.editor import SessionEditor


@pytest.fixture
def patient(clinic_database, add_patients) -> int:
    [patient_id] = add_patients(clinic_database, [("Camille", "Laurent")])
    return patient_id


def amended(database, actor, patient_id) -> tuple[int, int]:
    with database.session() as session:
        consultation = add_consultation(session, patient_id).id
    original = signed_session(database, actor, patient_id, consultation)
    resources = load_resources()
    with database.session() as session:
        draft = session_amendments.amend(session, actor, original.id, resources)
    from clinic_app.services.sessions import session_drafts

    data = dataclasses.replace(draft.data, amendment_reason="Power misread on the display")
    with database.session() as session:
        saved = session_drafts.save(
            session, actor, data, resources, session_id=draft.id, expected_version=draft.version
        )
        session_signing.sign(session, actor, saved.id, resources, expected_version=saved.version)
    return original.id, saved.id


def test_one_entry_per_treatment_and_double_click_opens_it(
    qtbot, window, actor, clinic_database, patient
) -> None:
    _original, amendment_id = amended(clinic_database, actor, patient)
    window.open_patient(patient)
    sessions = window.patient_page.sessions
    texts = [sessions.item(i).text() for i in range(sessions.count())]
    assert len(texts) == 1, texts
    assert "corrected" in texts[0] and texts[0].count("signed") <= 1
    assert "deka-smartxide-dot" not in texts[0] and "SmartXide DOT" in texts[0]
    assert "#" not in texts[0], "no raw ids on screen"

    item = sessions.item(0)
    rect = sessions.visualItemRect(item)
    # A real double-click: press, release, then the second press as a double-click, release.
    QTest.mouseClick(sessions.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(sessions.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseRelease(sessions.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: isinstance(window.sessions.editor, SessionEditor))
    assert window.sessions.editor.record.id == amendment_id, "the version in force"
    window.sessions.editor.reject()
    qtbot.waitUntil(lambda: window.sessions.editor is None)

    window.sessions.show_history()
    history = window.sessions.history
    qtbot.waitUntil(lambda: history is not None and history.isVisible())
    assert "1 treatment recorded" in history.title.text()
    assert "2 sessions" not in history.title.text()
