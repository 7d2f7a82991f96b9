"""Issue 19, safety cross-checks through the real window: an anaesthetic allergy meets the
product, the sign question counts only what was acknowledged, and the date is refused at its
field (in the future, or before the consultation) before anything is asked."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QDateTime, QTime
from session_factories import add_consultation, all_no_answers, nothing_new
from test_session_editor import open_editor

from clinic_app.services.sessions import treatment_sessions

EMLA = "EMLA cream (lidocaine 2.5 %, prilocaine 2.5 %)"
GENTLE = ("12", "600", "500", "1", "1")


@pytest.fixture
def patient(clinic_database, add_patients) -> int:
    [patient_id] = add_patients(clinic_database, [("Camille", "Laurent")])
    return patient_id


@pytest.fixture
def allergic(clinic_database, patient) -> int:
    answers = all_no_answers(allergies="Lidocaine: hives at the dentist, 2019")
    with clinic_database.session() as session:
        return add_consultation(session, patient, answers=answers).id


@pytest.fixture
def consultation(clinic_database, patient) -> int:
    with clinic_database.session() as session:
        return add_consultation(session, patient).id


def one_gentle_area(qtbot, editor) -> None:
    editor.recheck.set_answers(nothing_new())
    editor.areas.remove_area(2)
    editor.areas.remove_area(1)
    row = editor.areas.rows[0]
    for name, text in zip(row.fields, GENTLE, strict=False):
        qtbot.keyClicks(row.fields[name], text)


def set_day(editor, day: dt.date) -> None:
    editor.when.setDateTime(QDateTime(QDate(day.year, day.month, day.day), QTime(9, 30)))


def test_a_lidocaine_allergy_warns_at_emla_and_needs_a_reason(
    qtbot,
    window,
    dialogs,
    clinic_database,
    patient,
    allergic,
) -> None:
    editor = open_editor(qtbot, window, patient)
    one_gentle_area(qtbot, editor)
    assert not editor.allergy_warning.isVisibleTo(editor)
    editor.product.setCurrentText("LMX4 (lidocaine 4 %)")
    assert editor.allergy_warning.isVisibleTo(editor)
    editor.product.setCurrentText(EMLA)
    warning = editor.allergy_warning.text()
    assert "Lidocaine: hives" in warning and "contains lidocaine" in warning
    assert "prilocaine" not in warning.split("contains")[1], "only what the allergy names"
    assert editor.allergy_reason.isVisibleTo(editor)

    editor.sign()  # refused at the field, before any question
    assert not dialogs.asked and not editor.locked
    assert "write the reason" in editor.errors.message("anaesthetic_ack_reason")
    qtbot.keyClicks(editor.allergy_reason, ".")
    editor.sign()
    assert not dialogs.asked and "too short" in editor.errors.message("anaesthetic_ack_reason")
    editor.allergy_reason.clear()
    qtbot.keyClicks(editor.allergy_reason, "Patch test tolerated, allergist letter on file")
    dialogs.answers = [True]
    editor.sign()
    assert editor.locked
    assert "1 caution is acknowledged with a reason" in dialogs.asked[-1]
    with clinic_database.session() as session:
        stored = treatment_sessions.get(session, editor.record.id)
    assert stored.data.anaesthetic_ack_reason.startswith("Patch test tolerated")
    assert editor.allergy_reason.isReadOnly()


def test_a_product_without_the_allergen_is_quiet(
    qtbot,
    window,
    clinic_database,
    patient,
    allergic,
) -> None:
    editor = open_editor(qtbot, window, patient)
    editor.product.setCurrentText("Benzocaine 20 % gel")
    assert not editor.allergy_warning.isVisibleTo(editor)


def test_an_empty_caution_reason_is_never_counted_as_acknowledged(
    qtbot,
    window,
    dialogs,
    clinic_database,
    patient,
    consultation,
) -> None:
    editor = open_editor(qtbot, window, patient)
    one_gentle_area(qtbot, editor)
    row = editor.areas.rows[0]
    row.fields["power_w"].clear()
    qtbot.keyClicks(row.fields["power_w"], "26")  # at the caution threshold of 25 W
    assert "caution threshold" in row.message.text()
    from clinic_app.ui.sessions.sign_and_lock import acknowledged_cautions

    assert acknowledged_cautions(editor.areas) == 0
    editor.sign()
    assert not dialogs.asked, "not asked to sign with the reason empty"
    qtbot.keyClicks(row.reason, "Thick skin, informed")
    assert acknowledged_cautions(editor.areas) == 1


def test_a_future_date_is_refused_before_the_question(
    qtbot,
    window,
    dialogs,
    clinic_database,
    patient,
    consultation,
) -> None:
    editor = open_editor(qtbot, window, patient)
    one_gentle_area(qtbot, editor)
    set_day(editor, dt.date.today() + dt.timedelta(days=2))
    editor.sign()
    assert not dialogs.asked and not editor.locked
    assert "in the future" in editor.errors.message("performed_at")


def test_a_session_before_its_consultation_is_refused_at_the_date(
    qtbot,
    window,
    dialogs,
    clinic_database,
    patient,
    consultation,
) -> None:
    editor = open_editor(qtbot, window, patient)
    one_gentle_area(qtbot, editor)
    set_day(editor, dt.date(2026, 1, 5))  # the consultation was completed on 2026-01-10
    editor.save_draft()
    assert editor.record is None
    assert "before the consultation" in editor.errors.message("performed_at")
    assert "2026-01-10" in editor.errors.message("performed_at")
    set_day(editor, dt.date(2026, 1, 10))
    assert not editor.errors.message("performed_at"), "the message goes once the date is right"
