"""The "New consultation" wizard: concerns, skin, history, medications, areas, screening
review, plan and summary. The draft is saved at every page change, when the wizard closes, and
while a page is typed on (a quiet autosave once the typing pauses); Finish checks and saves the
whole consultation once (services.consultation.consultation_completion.complete)."""

from __future__ import annotations

import copy
import datetime as dt
import enum
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QWidget, QWizard

from clinic_app.db import Database
from clinic_app.domain.consultation.consultation_document import ConsultationContent, normalised
from clinic_app.domain.consultation.consultation_form import QUESTION_PAGES
from clinic_app.services.consultation import (
    consultation_completion,
    consultation_drafts,
    consultations,
)
from clinic_app.services.consultation.consultations import ConsultationRecord
from clinic_app.services.errors import ServiceError, ValidationError
from clinic_app.services.security.identity import Actor
from clinic_app.ui.common.dialog_service import DialogService
from clinic_app.ui.common.screen_fit import resize_within_screen
from clinic_app.ui.common.worker_wait import wait_in_worker
from clinic_app.ui.consultation.drug_prompt import Asked, ask_about_mentions
from clinic_app.ui.consultation.intake_page import IntakePage
from clinic_app.ui.consultation.page_base import ConsultationPage
from clinic_app.ui.consultation.plan_page import PlanPage
from clinic_app.ui.consultation.questions_page import AreasPage, QuestionsPage, questions_for_page
from clinic_app.ui.consultation.review_page import ReviewPage
from clinic_app.ui.consultation.summary_page import SummaryPage


class PageId(enum.IntEnum):
    CONCERNS = 0
    SKIN = 1
    HISTORY = 2
    MEDICATIONS = 3
    AREAS = 4
    REVIEW = 5
    PLAN = 6
    SUMMARY = 7


AUTOSAVE_MS = 1500  # how often the current page is looked at for unsaved typing


class ConsultationWizard(QWizard):
    """One consultation (a draft); ``saved(id, status)`` once it is completed or closed as
    not a candidate now. Window-modal, opened with ``open()``: it never blocks the event loop."""

    saved = Signal(int, str)

    def __init__(
        self,
        database: Database,
        actor: Actor,
        dialogs: DialogService,
        content: ConsultationContent,
        record: ConsultationRecord,
        patient_name: str,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.actor = actor
        self.dialogs = dialogs
        self.content = content
        self.consultation_id = record.id
        self.version = record.version
        self.closed = False
        self._restoring = False
        self._asked: Asked = set()  # "did you mean...?" questions already put
        self._base = normalised(record.document)
        today = today or dt.date.today()
        what = self.tr("Amend consultation") if record.amends_id else self.tr("New consultation")
        self.setWindowTitle(f"{what} — {patient_name}")
        self.setObjectName("consultation_wizard")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Save consultation"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("C&lose (draft kept)"))

        form = content.form
        self.intake = IntakePage(form)
        question_pages: dict[str, QuestionsPage] = {}
        for name in QUESTION_PAGES:
            page_class = AreasPage if name == "areas" else QuestionsPage
            questions = questions_for_page(content.rules, form, name)
            question_pages[name] = page_class(name, form, questions, today)
        if isinstance(areas := question_pages.get("areas"), AreasPage):
            areas.show_face_chart(content.face_chart, content.face_chart_texts)
        self.review = ReviewPage(content, self.document, today=today)
        self.plan = PlanPage(content, self.document)
        self.summary = SummaryPage(content, self.document, self.complete, today=today)
        self.pages_by_id: dict[PageId, ConsultationPage] = {
            PageId.CONCERNS: self.intake,
            PageId.SKIN: question_pages["skin"],
            PageId.HISTORY: question_pages["history"],
            PageId.MEDICATIONS: question_pages["medications"],
            PageId.AREAS: question_pages["areas"],
            PageId.REVIEW: self.review,
            PageId.PLAN: self.plan,
            PageId.SUMMARY: self.summary,
        }
        for page_id, page in self.pages_by_id.items():
            self.setPage(page_id, page)
            page.load(self._base)
        self.review.not_candidate_requested.connect(self.save_not_candidate)
        self.currentIdChanged.connect(self._page_changed)
        self._last_saved = self.document(page=str(self._base.get("page", "")))
        # The current page's typing: saved once it has not changed for one tick (so a pause in
        # typing, not each key, writes a draft and its audit event).
        self._seen: dict[str, Any] | None = None
        self._autosave = QTimer(self)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self._autosave_tick)
        self._autosave.start()
        resize_within_screen(self, 1000, 780)

    # the document --------------------------------------------------------------------------
    def document(self, page: str | None = None) -> dict[str, Any]:
        """Everything typed so far, as the draft stores it."""
        document = copy.deepcopy(self._base)
        for wizard_page in self.pages_by_id.values():
            wizard_page.store(document)
        current = self.currentPage()
        if page is not None:
            document["page"] = page
        elif isinstance(current, ConsultationPage):
            document["page"] = current.page_id
        return document

    def page_of(self, page_id: str) -> ConsultationPage | None:
        return next((p for p in self.pages_by_id.values() if p.page_id == page_id), None)

    def validateCurrentPage(self) -> bool:
        """The page's own checks, then "did you mean…?" for medicines typed as text."""
        if not super().validateCurrentPage():
            return False
        if isinstance(self.currentPage(), QuestionsPage) and not self._restoring:
            widgets = {
                question_id: widget
                for page in self.pages_by_id.values()
                if isinstance(page, QuestionsPage)
                for question_id, widget in page.answers.items()
            }
            answers = self.document()["screening"]
            ask_about_mentions(
                self, self.dialogs, self.content.rules, answers, widgets, self._asked
            )
        return True

    # drafts --------------------------------------------------------------------------------
    def _page_changed(self, page_id: int) -> None:
        if page_id >= 0 and not self.closed and not self._restoring:
            self.save_draft()

    def _autosave_tick(self) -> None:
        if self.closed or self._restoring or not self.isVisible():
            return
        document = self.document()
        if document == self._last_saved:
            self._seen = None
        elif document != self._seen:
            self._seen = document  # still being typed: look again at the next tick
        else:
            self.save_draft(quiet=True)

    def save_draft(self, *, quiet: bool = False) -> bool:
        """Store what has been typed; False (after telling why, unless ``quiet``: the
        autosave, whose next page change or close tells) when it could not be."""
        if self.closed:
            return True
        document = self.document()
        if document == self._last_saved:
            return True
        database, actor, consultation_id, version = (
            self.database,
            self.actor,
            self.consultation_id,
            self.version,
        )

        def save() -> int:
            with database.session() as session:
                saved = consultation_drafts.save_draft(
                    session, actor, consultation_id, document, expected_version=version
                )
                return saved.version

        try:
            self.version = wait_in_worker(self, save)
        except ServiceError as exc:
            if not quiet:
                self.dialogs.error(self, self.tr("Draft not saved"), str(exc))
            return False
        self._last_saved = document
        return True

    def write_form_draft(self) -> None:
        """Store what has been typed now (Quit at the lock screen closes the wizard next)."""
        self._autosave.stop()
        self.save_draft(quiet=True)

    def resume_at(self, page_id: str) -> None:
        """Go forward through the answered pages to ``page_id`` (where the draft was left)."""
        target = self.page_of(page_id)
        if target is None:
            return
        self._restoring = True
        try:
            while self.currentPage() is not target:
                before = self.currentId()
                self.next()
                if self.currentId() == before:
                    break  # that page still lacks an answer: stay on it
        finally:
            self._restoring = False

    # closing -------------------------------------------------------------------------------
    def complete(self) -> bool:
        """Check and save the consultation (the summary page's Finish)."""
        document = self.document()

        def complete() -> None:
            with self.database.session() as session:
                consultation_completion.complete(
                    session,
                    self.actor,
                    self.consultation_id,
                    document,
                    self.content,
                    expected_version=self.version,
                )

        try:
            wait_in_worker(self, complete)
        except ValidationError as exc:
            self.dialogs.error(self, self.tr("Consultation not saved"), self._listing(exc))
            return False
        except ServiceError as exc:
            self.dialogs.error(self, self.tr("Consultation not saved"), str(exc))
            return False
        self._finished(consultations.COMPLETED)
        return True

    def save_not_candidate(self, reason: str) -> None:
        """Close the consultation as "not a candidate now" with ``reason``."""
        document = self.document()

        def save() -> None:
            with self.database.session() as session:
                consultation_completion.save_not_candidate(
                    session,
                    self.actor,
                    self.consultation_id,
                    document,
                    reason,
                    self.content,
                    expected_version=self.version,
                )

        try:
            wait_in_worker(self, save)
        except ServiceError as exc:
            message = self._listing(exc) if isinstance(exc, ValidationError) else str(exc)
            self.dialogs.error(self, self.tr("Consultation not saved"), message)
            return
        self._finished(consultations.NOT_CANDIDATE)
        # QDialog's done: QWizard's would validate the review page, which an absolute finding
        # (the usual reason to get here) refuses.
        QDialog.done(self, QDialog.DialogCode.Accepted.value)

    def _finished(self, status: str) -> None:
        self.closed = True
        self._autosave.stop()
        self.saved.emit(self.consultation_id, status)

    @staticmethod
    def _listing(exc: ValidationError) -> str:
        lines = "\n".join(f"• {message}" for message in exc.errors.values())
        return QCoreApplication.translate(
            "ConsultationWizard", "Nothing was saved as final; the draft is kept.\n\n{lines}"
        ).format(lines=lines)

    def reject(self) -> None:
        """Close: the draft is saved first, so nothing typed is lost."""
        draft_kept = self.closed or self.save_draft()
        if draft_kept or self.dialogs.confirm(
            self,
            self.tr("Close without saving?"),
            self.tr(
                "The draft could not be saved; what was typed since the last page change "
                "would be lost."
            ),
            yes=self.tr("Close anyway"),
        ):
            self._autosave.stop()
            super().reject()
