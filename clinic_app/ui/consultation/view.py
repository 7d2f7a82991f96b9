"""A saved consultation, read-only, with "Amend…" to correct it (the original is kept)."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from clinic_app.domain.consultation.consultation_document import FINDING_TITLES, ConsultationContent
from clinic_app.services.consultation import consultations
from clinic_app.services.consultation.consultations import ConsultationRecord
from clinic_app.ui.common.formatting import format_date, format_instant
from clinic_app.ui.common.i18n import QT_TRANSLATE_NOOP
from clinic_app.ui.common.widget_names import named
from clinic_app.ui.consultation.summary import SummaryFinding, decision_text, summary_html

STATUS_WORDS = {
    consultations.DRAFT: QT_TRANSLATE_NOOP("consultation.view", "Unfinished draft"),
    consultations.COMPLETED: QT_TRANSLATE_NOOP("consultation.view", "Completed"),
    consultations.NOT_CANDIDATE: QT_TRANSLATE_NOOP("consultation.view", "Not a candidate now"),
    consultations.ABANDONED: QT_TRANSLATE_NOOP("consultation.view", "Set aside (unfinished)"),
}


def header_html(record: ConsultationRecord) -> str:
    """Status, dates and the amendment links of a consultation."""
    status = QCoreApplication.translate(
        "consultation.view", STATUS_WORDS.get(record.status, record.status)
    )
    lines = [f"<b>{html.escape(status)}</b>"]
    if record.completed_at is not None:
        lines[0] += QCoreApplication.translate("consultation.view", " on {completed}").format(
            completed=html.escape(format_instant(record.completed_at))
        )
    lines.append(
        QCoreApplication.translate("consultation.view", "Started {started}").format(
            started=html.escape(format_instant(record.started_at))
        )
    )
    if record.treatment_date is not None:
        lines.append(
            QCoreApplication.translate("consultation.view", "Planned treatment: {date}").format(
                date=html.escape(format_date(record.treatment_date))
            )
        )
    if record.not_candidate_reason:
        lines.append(
            QCoreApplication.translate("consultation.view", "Reason: {reason}").format(
                reason=html.escape(record.not_candidate_reason)
            )
        )
    if record.amends_id is not None:
        lines.append(
            QCoreApplication.translate(
                "consultation.view", "Amends consultation #{amends_id}"
            ).format(amends_id=record.amends_id)
        )
    if record.amended_by:
        newer = ", ".join(f"#{i}" for i in record.amended_by)
        amended = QCoreApplication.translate(
            "consultation.view", "Amended by consultation {numbers}"
        ).format(numbers=newer)
        lines.append(f"<span style='color: #6b3d00;'>{amended}</span>")
    return "<br>".join(lines)


def summary_findings(record: ConsultationRecord) -> list[SummaryFinding]:
    titles = record.document.get(FINDING_TITLES, {})
    return [
        SummaryFinding(
            f.severity,
            str(titles.get(f.rule_id, f.rule_id)),
            f.advice,
            QCoreApplication.translate("consultation.view", "{rule_id} v{rule_version}").format(
                rule_id=f.rule_id, rule_version=f.rule_version
            ),
            decision_text(f.decision, f.reason),
        )
        for f in record.findings
    ]


class ConsultationView(QDialog):
    """Shows ``record``; ``amend_requested(id)`` when the person chooses Amend."""

    amend_requested = Signal(int)

    def __init__(
        self,
        content: ConsultationContent,
        record: ConsultationRecord,
        patient_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.record = record
        self.setObjectName("consultation_view")
        self.setWindowTitle(
            self.tr("Consultation #{id} — {patient_name} (read-only)").format(
                id=record.id, patient_name=patient_name
            )
        )
        self.text = named(QTextBrowser(), "consultation_text")
        self.text.setHtml(
            summary_html(content, record.document, summary_findings(record), header_html(record))
        )
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.amend_button = None
        if record.status in (consultations.COMPLETED, consultations.NOT_CANDIDATE):
            self.amend_button = self.buttons.addButton(
                self.tr("&Amend…"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.amend_button.setToolTip(
                self.tr(
                    "Correct this consultation: a new one is made from it; this one is kept as "
                    "it is"
                )
            )
            self.amend_button.clicked.connect(self._amend)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.buttons)
        self.resize(860, 720)
        self.text.setFocus()

    def _amend(self) -> None:
        self.amend_requested.emit(self.record.id)
        self.accept()
