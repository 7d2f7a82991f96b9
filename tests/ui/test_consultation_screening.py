"""The wizard's screening edges (issue 13): unanswered absolute questions, reasons of substance,
and medicines typed as free text."""

from __future__ import annotations

import pytest
from consultation_samples import complete_document
from PySide6.QtWidgets import QLabel
from test_consultation_wizard import TODAY, fill_to, focused, open_wizard

from clinic_app.domain.consultation.consultation_document import load_content
from clinic_app.ui.consultation.review_page import ReviewPage
from clinic_app.ui.consultation.summary import summary_html

pytestmark = pytest.mark.gui


@pytest.fixture
def patient_id(clinic_database, add_patients) -> int:
    return add_patients(clinic_database, [("Zoë", "Núñez-Ørsted")])[0]


@pytest.fixture(scope="module")
def content():
    return load_content(None)


def test_unanswered_absolute_questions_say_the_plan_is_blocked(qtbot, content) -> None:
    document = complete_document(content)
    for question_id in ("pregnant", "active_infection"):
        del document["screening"][question_id]
    page = ReviewPage(content, lambda: document, today=TODAY)
    qtbot.addWidget(page)
    page.initializePage()
    banner = page.banner.text()
    assert "No contraindication found" not in banner
    assert "The plan is blocked until these are answered" in banner
    assert "Pregnant, or may be pregnant" in banner
    assert not page.validatePage()
    html = summary_html(content, document, [])
    assert "No contraindication found" not in html and "blocked until these are answered" in html


def test_a_one_character_reason_is_refused_at_the_field(
    qtbot, typist, window, patient_id, content
) -> None:
    wizard = open_wizard(qtbot, window, patient_id)
    fill_to(wizard, complete_document(content, keloid_history=True), "review")
    review = wizard.review
    card = review.cards["keloid_history"]
    assert card.reason is not None
    qtbot.waitUntil(lambda: focused() is card.reason)  # QWizard may move it once the page shows
    typist(card.reason, "x")
    assert not review.validatePage()
    assert wizard.currentPage() is review
    assert "too short to be a reason" in card.error.text() and card.error.isVisibleTo(card)
    assert "at least 3 different words" in card.error.text()
    card.reason.clear()
    typist(card.reason, "Test spot on 2 Nov healed flat; patient informed.")
    assert review.validatePage()
    wizard.reject()


# ---- medicines typed as text --------------------------------------------------------------------


def test_warfarin_typed_as_text_asks_did_you_mean_and_answers_only_on_yes(
    qtbot, window, dialogs, patient_id, content
) -> None:
    wizard = open_wizard(qtbot, window, patient_id)
    document = complete_document(content, medications="Warfarin 5mg daily")
    dialogs.answers = [True]
    fill_to(wizard, document, "medications")
    [asked] = dialogs.asked
    assert asked.startswith("Did you mean…?: ")
    assert "warfarin (an anticoagulant)" in asked and "not answered yet" in asked
    page = wizard.currentPage()
    assert page.answers["anticoagulants"].value() == "current"  # type: ignore[attr-defined]
    assert page.answers["photosensitisers"].value() is None  # type: ignore[attr-defined]
    wizard.reject()


def test_a_dismissed_contradiction_blocks_the_review(
    qtbot, window, dialogs, patient_id, content
) -> None:
    wizard = open_wizard(qtbot, window, patient_id)
    document = complete_document(content, medications="warfarin")
    dialogs.answers = [False, False]  # leaving the history page, then the medications page
    fill_to(wizard, document, "review")
    assert len(dialogs.asked) == 2 and "answered No" in dialogs.asked[1]
    assert wizard.document()["screening"]["anticoagulants"] is False  # never changed silently
    review = wizard.review
    missing = review.findChild(QLabel, "review_missing")
    assert missing is not None and "warfarin (an anticoagulant)" in missing.text()
    assert not review.validatePage()
    assert "warfarin" in review.message.text()
    wizard.reject()
