"""Wizard page: the summary to confirm with the patient; Finish saves the consultation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QTextBrowser, QWidget

from clinic_app.domain.consultation.consultation_document import (
    ConsultationContent,
    reasons_of,
    screen,
)
from clinic_app.domain.screening.screening import Severity
from clinic_app.ui.common.widget_names import named
from clinic_app.ui.consultation.page_base import ConsultationPage
from clinic_app.ui.consultation.summary import SummaryFinding, decision_text, summary_html


class SummaryPage(ConsultationPage):
    """Everything on one page; ``save()`` (the wizard's) runs when Finish is chosen."""

    page_id = "summary"

    def __init__(
        self,
        content: ConsultationContent,
        current_document: Callable[[], dict[str, Any]],
        save: Callable[[], bool],
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(content.form.page("summary"), parent)
        self.content = content
        self.today = today
        self.current_document = current_document
        self.save = save
        self.text = named(QTextBrowser(), "summary_text")
        self.text.setOpenLinks(False)
        self.body.addWidget(self.text, 1)
        self.setFinalPage(True)

    def initializePage(self) -> None:
        document = self.current_document()
        result = screen(document, self.content.rules, self.today)
        reasons = reasons_of(document)
        findings = [
            SummaryFinding(
                f.severity.value,
                f.title,
                f.advice,
                self.tr("{rule_id} v{rule_version}").format(
                    rule_id=f.rule_id, rule_version=f.rule_version
                ),
                decision_text("proceed", reasons.get(f.rule_id, ""))
                if f.severity is Severity.RELATIVE
                else decision_text("noted", ""),
            )
            for f in result.findings
        ]
        self.text.setHtml(summary_html(self.content, document, findings))
        self.clear_problems()
        self.text.setFocus()

    def validatePage(self) -> bool:
        return self.save()
