"""The consultation wizard on a real SQLite database, driven the way the esthetician uses it."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from consultation_samples import complete_document
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from sqlalchemy import func, select

from clinic_app.domain.consultation.consultation_document import load_content
from clinic_app.models import AuditEvent, Consultation, ScreeningFinding, TreatmentPlan
from clinic_app.services.consultation import consultation_completion, consultation_drafts
from clinic_app.ui.consultation.wizard import ConsultationWizard

TODAY = dt.date(2026, 11, 20)
CHILD = Path(__file__).with_name("consultation_child.py")


# ---- helpers ---------------------------------------------------------------------------------


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def tab_to(qtbot, target: QWidget, limit: int = 200) -> QWidget:
    """Press Tab until the focus is on ``target`` or inside it."""
    for _ in range(limit):
        widget = focused()
        if widget is target or target.isAncestorOf(widget):
            return widget
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target.objectName()}")


def key(qtbot, key_or_text) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(focused(), key_or_text)


def enter(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(focused(), Qt.Key.Key_Return)


def open_wizard(qtbot, window, patient_id: int) -> ConsultationWizard:  # type: ignore[no-untyped-def]
    window.consultations.today = TODAY
    window.open_patient(patient_id)
    qtbot.keyClick(window.patient_page, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    wizard = window.consultations.wizard
    assert isinstance(wizard, ConsultationWizard)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    return wizard


def fill_to(wizard: ConsultationWizard, document: dict, page_id: str) -> None:
    """Load ``document`` into each page and press Next until ``page_id`` shows."""
    while wizard.currentPage().page_id != page_id:
        wizard.currentPage().load(document)
        before = wizard.currentId()
        wizard.next()
        assert wizard.currentId() != before, wizard.currentPage().message.text()


def stored(database, consultation_id: int) -> Consultation:
    with database.session() as session:
        consultation = session.get(Consultation, consultation_id)
        session.expunge(consultation)
        return consultation


@pytest.fixture
def patient_id(clinic_database, add_patients) -> int:
    return add_patients(clinic_database, [("Zoë", "Núñez-Ørsted")])[0]


@pytest.fixture
def content():
    return load_content(None)


# ---- the whole wizard by keyboard -------------------------------------------------------------


def test_keyboard_ticks_hit_the_row_under_the_cursor(qtbot, window, patient_id):
    """Ticking does not move rows: the rank shows as a number, so the next Down and Space
    tick the concern the cursor is on (issue 19: ticked concerns jumped to the top)."""
    wizard = open_wizard(qtbot, window, patient_id)
    concerns = wizard.intake.concerns
    order = [concerns.item(row).data(Qt.ItemDataRole.UserRole) for row in range(concerns.count())]
    assert focused() is concerns
    for step in ("down", "down", "tick", "down", "tick", "down", "down", "tick"):
        if step == "tick":
            key(qtbot, Qt.Key.Key_Space)
        else:
            key(qtbot, Qt.Key.Key_Down)
    assert concerns.value() == ["acne_scars", "hyperpigmentation", "uneven_texture"]
    rows = [concerns.item(row).data(Qt.ItemDataRole.UserRole) for row in range(concerns.count())]
    assert rows == order, "no row moved"
    assert concerns.currentRow() == 5
    assert [concerns.item(row).text() for row in (2, 3, 5)] == [
        "1.  Acne scars", "2.  Hyperpigmentation", "3.  Uneven texture"
    ]  # fmt: skip
    qtbot.keyClick(concerns, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert concerns.value() == ["acne_scars", "uneven_texture", "hyperpigmentation"]
    assert concerns.currentRow() == 5 and concerns.item(5).text() == "2.  Uneven texture"
    key(qtbot, Qt.Key.Key_Up)
    key(qtbot, Qt.Key.Key_Space)  # sun damage, ranked last
    key(qtbot, Qt.Key.Key_Up)
    key(qtbot, Qt.Key.Key_Up)
    key(qtbot, Qt.Key.Key_Space)  # acne scars unticked: the others move up a rank
    assert concerns.value() == ["uneven_texture", "hyperpigmentation", "sun_damage"]
    assert concerns.item(2).text() == "Acne scars"
    wizard.reject()


def test_the_draft_keeps_the_current_page_typing_too(
    qtbot, typist, window, clinic_database, patient_id
):
    """Typing on a page, without leaving it, reaches the stored draft within seconds: a
    crash (or kill -9) on page 1 loses at most the last few seconds."""
    wizard = open_wizard(qtbot, window, patient_id)
    typist(tab_to(qtbot, wizard.intake.goals), "Menos arrugas")
    assert wizard.currentPage() is wizard.intake

    def goals_stored() -> bool:
        answers = stored(clinic_database, wizard.consultation_id).answers
        intake = (answers or {}).get("_consultation", {}).get("intake", {})
        return intake.get("goals") == "Menos arrugas"

    qtbot.waitUntil(goals_stored, timeout=6000)
    assert wizard.currentPage() is wizard.intake, "still on page 1"
    wizard.reject()


def test_walk_the_whole_wizard_by_keyboard_and_save(
    qtbot, typist, window, clinic_database, patient_id
):
    wizard = open_wizard(qtbot, window, patient_id)
    consultation_id = wizard.consultation_id

    # Concerns: tick two, rank the second first; goals in the patient's words; downtime.
    intake = wizard.intake
    assert focused() is intake.concerns
    for step in (Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Space):  # Acne scars
        key(qtbot, step)
    key(qtbot, Qt.Key.Key_Up)
    key(qtbot, Qt.Key.Key_Up)
    key(qtbot, Qt.Key.Key_Space)  # Fine lines, ranked second...
    qtbot.keyClick(intake.concerns, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert intake.concerns.value() == ["fine_lines", "acne_scars"]  # ...then first
    enter(qtbot)
    assert wizard.currentPage() is intake, "Next is refused while goals are missing"
    assert "Goals, in the patient's words" in intake.message.text()
    typist(tab_to(qtbot, intake.goals), "Piel más lisa — «sin cicatrices»")
    tab_to(qtbot, intake.downtime)
    key(qtbot, "3")  # up to 2 weeks
    enter(qtbot)

    # Skin: Fitzpatrick IV (a caution), Glogau II, rolling scars, no PIH.
    skin = wizard.currentPage()
    assert skin.page_id == "skin"
    tab_to(qtbot, skin.answers["fitzpatrick"])
    key(qtbot, "4")
    tab_to(qtbot, skin.answers["glogau"])
    key(qtbot, "2")
    tab_to(qtbot, skin.answers["scar_types"].boxes["rolling"])
    key(qtbot, Qt.Key.Key_Space)
    tab_to(qtbot, skin.answers["pih_history"])
    key(qtbot, "n")
    enter(qtbot)

    # History: every question answered; "no" by N, a yes by Y, allergies in words.
    history = wizard.currentPage()
    assert history.page_id == "history"
    for question_id, answer in history.answers.items():
        tab_to(qtbot, answer)
        if question_id == "hsv_history":
            key(qtbot, "y")
        elif question_id == "allergies":
            key(qtbot, "y")
            typist(focused(), "Látex")
        else:
            key(qtbot, "n")
    enter(qtbot)

    # Medications and treatments: still using AHA/BHA, isotretinoin last taken on a date.
    medications = wizard.currentPage()
    assert medications.page_id == "medications"
    for question_id, answer in medications.answers.items():
        tab_to(qtbot, answer)
        if question_id == "aha_bha":
            key(qtbot, "c")
        elif question_id == "isotretinoin":
            key(qtbot, "d")
            typist(focused(), "2026-03-01")
        else:
            key(qtbot, "n")
    enter(qtbot)

    # Areas and date.
    areas = wizard.currentPage()
    assert areas.page_id == "areas"
    tab_to(qtbot, areas.answers["treatment_areas"].boxes["cheeks"])
    key(qtbot, Qt.Key.Key_Space)
    typist(tab_to(qtbot, areas.date_edit), "2026-12-15")
    assert "Tue 15 Dec 2026" in areas.date_hint.text()
    enter(qtbot)

    # Review: two relative findings need a reason; Enter is refused until both are written.
    review = wizard.currentPage()
    assert review is wizard.review
    assert set(review.cards) == {"isotretinoin", "aha_bha", "hsv_history", "fitzpatrick_iv"}
    card_text = " ".join(label.text() for label in review.cards["aha_bha"].findChildren(QLabel))
    assert "Stop AHA/BHA products by Tue 1 Dec 2026" in card_text
    enter(qtbot)
    assert wizard.currentPage() is review
    assert "Isotretinoin in the last 12 months" in review.message.text()
    for rule_id in ("isotretinoin", "aha_bha"):
        typist(tab_to(qtbot, review.cards[rule_id].reason), f"Agreed with Dr Ávila ({rule_id})")
    enter(qtbot)

    # Plan: moderate, two sessions, the first device profile.
    plan = wizard.currentPage()
    assert plan is wizard.plan
    tab_to(qtbot, plan.intensity)
    key(qtbot, "2")
    assert plan.downtime.value() == 7, "the intensity's downtime is proposed"
    tab_to(qtbot, plan.sessions)
    key(qtbot, "2")
    tab_to(qtbot, plan.device)
    key(qtbot, Qt.Key.Key_Down)
    assert plan.price.text().startswith("Placeholder: $")  # the shipped list is placeholders
    enter(qtbot)

    # Summary, then Enter saves.
    assert wizard.currentPage() is wizard.summary
    assert "Piel más lisa" in wizard.summary.text.toPlainText()
    enter(qtbot)
    qtbot.waitUntil(lambda: window.consultations.wizard is None)

    consultation = stored(clinic_database, consultation_id)
    assert consultation.status == "completed"
    answers = consultation.answers
    assert answers["pregnant"] is False and answers["hsv_history"] is True
    assert answers["allergies"] == "Látex" and answers["isotretinoin"] == "2026-03-01"
    assert answers["_consultation"]["intake"]["concerns"] == ["fine_lines", "acne_scars"]
    with clinic_database.session() as session:
        findings = {f.rule_id: (f.decision, f.reason) for f in session.scalars(
            select(ScreeningFinding))}  # fmt: skip
        plan_row = session.scalars(select(TreatmentPlan)).one()
        drafts = session.scalar(
            select(func.count()).where(
                AuditEvent.entity_type == "consultation", AuditEvent.action == "update"
            )
        )
    assert findings["aha_bha"] == ("proceed", "Agreed with Dr Ávila (aha_bha)")
    assert findings["hsv_history"] == ("noted", "")
    assert (plan_row.intensity, plan_row.sessions_planned) == ("moderate", 2)
    assert drafts >= 7, "the draft is saved at every page change"
    assert "completed" in window.patient_page.consultations.item(0).text()


# ---- nothing typed is lost ---------------------------------------------------------------------


def test_closing_mid_way_keeps_the_draft_and_it_resumes_with_every_answer(
    qtbot, typist, window, clinic_database, dialogs, patient_id, content
):
    wizard = open_wizard(qtbot, window, patient_id)
    document = complete_document(content)
    fill_to(wizard, document, "history")
    history = wizard.currentPage()
    history.answers["pregnant"].set_value(False)
    typist(history.answers["allergies"].edit, "Níquel")  # typed, page not left yet
    wizard.reject()  # Close (draft kept)
    qtbot.waitUntil(lambda: window.consultations.wizard is None)
    assert "draft kept" in window.statusBar().currentMessage()

    dialogs.answers = [True]  # "Resume the unfinished consultation?" -> Resume
    window.activateWindow()  # the offscreen platform does not give it back by itself
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.patient_page, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    resumed = window.consultations.wizard
    assert resumed is not None and resumed.consultation_id == wizard.consultation_id
    assert "Resume the unfinished consultation?" in dialogs.asked[-1]
    assert resumed.currentPage().page_id == "history", "resumes where it was left"
    again = resumed.document()
    assert again["intake"] == document["intake"]
    assert again["screening"]["pregnant"] is False
    assert again["screening"]["allergies"] == "Níquel"
    assert "breastfeeding" not in again["screening"], "unanswered stays unanswered"
    resumed.reject()


def test_killed_after_a_draft_save_resumes_with_every_answer(
    qtbot, window, clinic_database, dialogs, patient_id, tmp_path
):
    db_path = Path(clinic_database.url.removeprefix("sqlite:///"))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with subprocess.Popen(
        [sys.executable, str(CHILD), str(db_path), str(patient_id), TODAY.isoformat()],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as child:
        assert child.stdout is not None and child.stderr is not None
        try:
            line = child.stdout.readline()
            if not line.startswith("DRAFT SAVED"):
                child.kill()
                pytest.fail(f"the child did not save a draft: {line}{child.stderr.read()}")
        finally:
            child.send_signal(signal.SIGKILL)  # no clean-up, no last save: a crash
            child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    dialogs.answers = [True]  # opening the patient offers to resume the draft
    window.consultations.today = TODAY
    window.open_patient(patient_id)
    qtbot.waitUntil(lambda: window.consultations.wizard is not None)
    assert "Resume the unfinished consultation?" in dialogs.asked[-1]
    wizard = window.consultations.wizard
    assert wizard.currentPage().page_id == "medications"
    document = wizard.document()
    assert document["intake"]["goals"] == "Quitar las cicatrices de acné — ¡ya!"
    assert document["intake"]["concerns"] == ["acne_scars", "enlarged_pores"]
    assert document["screening"]["fitzpatrick"] == "III"
    assert document["screening"]["scar_types"] == []
    assert document["screening"]["hsv_history"] is True
    assert document["screening"]["allergies"] is False
    assert wizard.currentPage().answers["aha_bha"].value() is None, "not answered yet"
    wizard.reject()
    qtbot.waitUntil(lambda: window.consultations.wizard is None)


def test_new_consultation_can_set_the_draft_aside(
    qtbot, window, clinic_database, dialogs, patient_id
):
    first = open_wizard(qtbot, window, patient_id)
    first.reject()
    qtbot.waitUntil(lambda: window.consultations.wizard is None)
    dialogs.answers = [False, True]  # not resume; set aside and start new
    window.consultations.new_consultation()
    second = window.consultations.wizard
    assert second is not None and second.consultation_id != first.consultation_id
    assert stored(clinic_database, first.consultation_id).status == "abandoned"
    second.reject()


# ---- the screening review ----------------------------------------------------------------------


def test_relative_finding_is_refused_without_a_reason(
    qtbot, typist, window, clinic_database, patient_id, content
):
    wizard = open_wizard(qtbot, window, patient_id)
    document = complete_document(content, keloid_history=True)
    fill_to(wizard, document, "review")
    review = wizard.review
    card = review.cards["keloid_history"]
    assert card.reason is not None
    qtbot.waitUntil(lambda: focused() is card.reason)

    enter(qtbot)
    assert wizard.currentPage() is review
    message = "'History of keloid or hypertrophic scars' is a relative contraindication"
    assert message in review.message.text()
    assert message in card.error.text() and card.error.isVisibleTo(card)
    typist(card.reason, "   ")
    enter(qtbot)
    assert wizard.currentPage() is review, "blank is no reason"

    typist(card.reason, "Test spot on 2 Nov healed flat; patient informed.")
    assert not card.error.isVisibleTo(card)
    enter(qtbot)
    assert wizard.currentPage() is wizard.plan
    wizard.reject()


def test_absolute_finding_blocks_the_plan_and_saves_not_a_candidate(
    qtbot, typist, window, clinic_database, dialogs, patient_id, content
):
    wizard = open_wizard(qtbot, window, patient_id)
    consultation_id = wizard.consultation_id
    fill_to(wizard, complete_document(content, pregnant=True), "review")
    review = wizard.review
    enter(qtbot)
    assert wizard.currentPage() is review
    assert "'Pregnancy' blocks the plan" in review.message.text()
    box = review.not_candidate
    assert box is not None
    box.button.click()
    assert "write it first" in box.error.text()
    typist(box.reason, "Embarazada: volver a evaluar después del parto.")
    box.button.click()
    qtbot.waitUntil(lambda: window.consultations.wizard is None)

    consultation = stored(clinic_database, consultation_id)
    assert consultation.status == "not_candidate"
    assert consultation.not_candidate_reason.startswith("Embarazada")
    assert "not a candidate now" in window.patient_page.consultations.item(0).text()
    assert dialogs.errors == []


# ---- read-only view and amendments -------------------------------------------------------------


def test_completed_consultation_opens_read_only_and_amends_into_a_new_one(
    qtbot, window, clinic_database, actor, patient_id, content
):
    with clinic_database.session() as session:
        original = consultation_drafts.start(session, actor, patient_id).id
        consultation_completion.complete(
            session, actor, original, complete_document(content), content
        )
    window.consultations.today = TODAY
    window.open_patient(patient_id)
    listing = window.patient_page.consultations
    listing.setFocus()
    listing.setCurrentRow(0)
    qtbot.keyClick(listing, Qt.Key.Key_Return)  # Enter (or double-click) opens it
    view = window.consultations.view
    assert view is not None and view.isVisible()
    text = view.text.toPlainText()
    assert "Completed" in text and "Smoother cheeks" in text
    assert view.text.isReadOnly()

    view.amend_button.click()
    wizard = window.consultations.wizard
    assert wizard is not None and wizard.windowTitle().startswith("Amend consultation")
    assert wizard.document()["intake"]["goals"].startswith("Smoother cheeks")
    amendment = wizard.consultation_id
    wizard.reject()
    qtbot.waitUntil(lambda: window.consultations.wizard is None)
    assert stored(clinic_database, amendment).amends_id == original
    assert stored(clinic_database, original).status == "completed"
    assert (
        "(amendment of an earlier consultation)" in window.patient_page.consultations.item(0).text()
    )


def test_closing_the_main_window_saves_the_open_draft(
    qtbot, typist, window, clinic_database, dialogs, patient_id
):
    wizard = open_wizard(qtbot, window, patient_id)
    typist(wizard.intake.goals, "Menos manchas")  # typed, no page change yet
    dialogs.answers = [True] * 3
    window.close()
    saved = stored(clinic_database, wizard.consultation_id)
    assert saved.answers["_consultation"]["intake"]["goals"] == "Menos manchas"


# ---- words a clinic should not see --------------------------------------------------------


def visible_texts(page: QWidget) -> list[str]:
    """The text of every label and button the page shows (tooltips are not shown text)."""
    from PySide6.QtWidgets import QAbstractButton

    widgets = [*page.findChildren(QLabel), *page.findChildren(QAbstractButton)]
    return [w.text() for w in widgets if w.isVisibleTo(page) and w.text()]


def test_no_source_files_gk_marks_or_raw_ids_on_screen(qtbot, window, patient_id, content):
    """The review and plan pages show no "domain.md", no "[GK]" and no device profile id:
    sources are in tooltips. The shipped prices say on screen that they are placeholders."""
    wizard = open_wizard(qtbot, window, patient_id)
    document = complete_document(content, hsv_history=True, retinoids="current")
    banned = ["domain.md", "[GK", *content.devices]
    for page_id in ("review", "plan"):
        fill_to(wizard, document, page_id)
        page = wizard.currentPage()
        page.load(document)
        page.initializePage()
        shown = " | ".join(visible_texts(page))
        for word in banned:
            assert word not in shown, f"{word!r} on the {page_id} page: {shown}"
    plan = wizard.plan
    assert "Placeholder" in plan.price.text()
    assert "placeholder" in plan.price_detail.text().lower()
    review_tips = [w.toolTip() for w in wizard.review.findChildren(QWidget) if w.toolTip()]
    assert any("domain.md" in tip or "Source" in tip for tip in review_tips), "sources kept"
    wizard.reject()


def test_the_wizard_fits_the_screen_it_opens_on(qtbot, window, patient_id):
    """A 1366×768 laptop shows Next and Close: the window is no larger than the screen."""
    wizard = open_wizard(qtbot, window, patient_id)
    available = wizard.screen().availableGeometry()
    assert wizard.frameGeometry().height() <= available.height()
    assert wizard.frameGeometry().width() <= available.width()
