"""Wizard page: the screening review. Every finding with its severity (colour, icon and words),
why it matters, what to do with real dates, and its source; absolute findings block the plan
(the consultation can be saved as "not a candidate now"), relative ones need a written reason."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from clinic_app.domain.consultation.consultation_document import (
    ConsultationContent,
    reasons_of,
    screen,
)
from clinic_app.domain.consultation.consultation_document import screening_errors as answer_errors
from clinic_app.domain.reasons import ReasonLevel
from clinic_app.domain.screening.screening import Finding, ScreeningResult, Severity
from clinic_app.ui.common.widget_names import named
from clinic_app.ui.consultation.page_base import ConsultationPage, MessageFrame, Problem, wrapped

_ICON = QStyle.StandardPixmap
# Severity -> (text colour, background, border colour, standard icon).
SEVERITY_LOOK = {
    Severity.ABSOLUTE: ("#8c1d18", "#fdecea", "#b3261e", _ICON.SP_MessageBoxCritical),
    Severity.RELATIVE: ("#6b3d00", "#fff3dc", "#c77700", _ICON.SP_MessageBoxWarning),
    Severity.CAUTION: ("#0b4a80", "#e9f2fc", "#1565c0", _ICON.SP_MessageBoxInformation),
}


def severity_badge(severity: Severity, text: str, parent: QWidget | None = None) -> QWidget:
    """Icon and words in the severity's colour: never colour alone."""
    colour, _background, _border, icon = SEVERITY_LOOK[severity]
    badge = QWidget(parent)
    line = QHBoxLayout(badge)
    line.setContentsMargins(0, 0, 0, 0)
    picture = QLabel()
    picture.setPixmap(badge.style().standardIcon(icon).pixmap(22, 22))
    words = QLabel(text)
    words.setObjectName("severity_text")
    words.setStyleSheet(f"color: {colour}; font-weight: bold;")
    line.addWidget(picture)
    line.addWidget(words, 1)
    return badge


class FindingCard(MessageFrame):
    """One finding; a relative one carries the field for the reason to proceed."""

    def __init__(self, finding: Finding, severity_text: str, reason: str = "") -> None:
        super().__init__()
        self.finding = finding
        self.setObjectName(f"finding_{finding.rule_id}")
        colour, background, border, _icon = SEVERITY_LOOK[finding.severity]
        self.setStyleSheet(
            f"FindingCard {{ background: {background}; border: 1px solid {border};"
            f" border-left: 6px solid {border}; border-radius: 4px; }}"
            " FindingCard QLabel { background: transparent; border: none; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(4)
        layout.addWidget(severity_badge(finding.severity, severity_text))
        title = wrapped(finding.title)
        title.setStyleSheet(f"font-weight: bold; font-size: 12pt; color: {colour};")
        layout.addWidget(title)
        # The rule's source and id are for who asks (the tooltip), not in the text read.
        self.setToolTip(
            self.tr("Source: {source} (rule {rule_id}, version {rule_version})").format(
                source=finding.source, rule_id=finding.rule_id, rule_version=finding.rule_version
            )
        )
        for caption, text, role in (
            (self.tr("Why it matters"), finding.message, ""),
            (self.tr("What to do"), finding.advice, ""),
        ):
            label = QLabel(f"<b>{caption}:</b> {html.escape(text)}")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            if role:
                label.setProperty("role", role)
            layout.addWidget(label)
        self.reason: QLineEdit | None = None
        if finding.severity is Severity.RELATIVE:
            self.reason = named(QLineEdit(reason), f"reason_{finding.rule_id}")
            self.reason.setPlaceholderText(
                self.tr("Why the treatment can go ahead despite this finding")
            )
            reason_label = QLabel(self.tr("&Reason to proceed (required):"))
            reason_label.setBuddy(self.reason)
            line = QHBoxLayout()
            line.addWidget(reason_label)
            line.addWidget(self.reason, 1)
            layout.addLayout(line)
            self.described = self.reason
        layout.addWidget(self.error)


class NotCandidateBox(MessageFrame):
    """The reason and the button that close the consultation as "not a candidate now"."""

    requested = Signal(str)

    def __init__(self, label: str, help_text: str) -> None:
        super().__init__()
        self.setObjectName("not_candidate_box")
        self.setStyleSheet(
            "NotCandidateBox { border: 1px solid palette(mid); border-radius: 4px; }"
            " NotCandidateBox QLabel { border: none; }"
        )
        self.reason = named(QLineEdit(), "not_candidate_reason")
        self.reason.setPlaceholderText(help_text)
        self.button = named(
            QPushButton(self.tr("Save as not a &candidate now")), "not_candidate_save"
        )
        self.button.setAutoDefault(False)
        self.button.clicked.connect(self._save)
        caption = QLabel(label)
        caption.setBuddy(self.reason)
        caption.setStyleSheet("font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(caption)
        line = QHBoxLayout()
        line.addWidget(self.reason, 1)
        line.addWidget(self.button)
        layout.addLayout(line)
        layout.addWidget(self.error)
        self.described = self.reason
        self.label = label

    def _save(self) -> None:
        text = self.reason.text().strip()
        if not text:
            self.set_error(self.tr("{label}: write it first.").format(label=self.label))
            self.reason.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.set_error("")
        self.requested.emit(text)


def unanswered_absolute_text(content: ConsultationContent, result: ScreeningResult) -> str:
    """ "The plan is blocked until these are answered: ..." for the absolute questions left
    unanswered, or "" when there are none."""
    if not result.unanswered_absolute:
        return ""
    labels = []
    for question_id in result.unanswered_absolute:
        question = content.rules.question(question_id)
        labels.append(question.label if question else question_id)
    return (
        QCoreApplication.translate(
            "consultation.review_page", "The plan is blocked until these are answered: "
        )
        + "; ".join(labels)
        + "."
    )


class ReviewPage(ConsultationPage):
    """Screening review; ``not_candidate_requested(reason)`` asks the wizard to close it so."""

    page_id = "review"
    not_candidate_requested = Signal(str)

    def __init__(
        self,
        content: ConsultationContent,
        current_document: Callable[[], dict[str, Any]],
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(content.form.page("review"), parent)
        self.content = content
        self.current_document = current_document
        self.today = today
        self.reasons: dict[str, str] = {}
        self.not_candidate_text = ""
        self.result: ScreeningResult | None = None
        self.cards: dict[str, FindingCard] = {}
        self.banner = named(QLabel(), "review_banner")
        self.not_candidate: NotCandidateBox | None = None
        self.show_not_candidate: QPushButton | None = None

    # data ----------------------------------------------------------------------------------
    def load(self, document: dict[str, Any]) -> None:
        self.reasons = reasons_of(document)
        self.not_candidate_text = str(document.get("not_candidate_reason", "") or "")

    def store(self, document: dict[str, Any]) -> None:
        self._remember()
        document["reasons"] = {k: v for k, v in self.reasons.items() if v.strip()}
        document["not_candidate_reason"] = self.not_candidate_text.strip()

    def _remember(self) -> None:
        for rule_id, card in self.cards.items():
            if card.reason is not None:
                self.reasons[rule_id] = card.reason.text()
        if self.not_candidate is not None:
            self.not_candidate_text = self.not_candidate.reason.text()

    # building ------------------------------------------------------------------------------
    def initializePage(self) -> None:
        """Screen the answers given so far and show the findings."""
        self._remember()
        self.result = screen(self.current_document(), self.content.rules, self.today)
        self._rebuild(self.result)

    def _clear(self) -> None:
        while self.body.count():
            item = self.body.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget is not self.banner:
                widget.hide()
                widget.deleteLater()
        self.rows = []
        self.cards = {}
        self.not_candidate = None
        self.show_not_candidate = None
        self.clear_problems()

    def _rebuild(self, result: ScreeningResult) -> None:
        self._clear()
        form = self.content.form
        self.banner.setText(self._banner_text(result))
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("font-size: 11pt; padding: 4px 0;")
        self.body.addWidget(self.banner)
        missing = answer_errors(result, self.content.rules, form.treatment_date.label)
        if missing:
            warning = wrapped(self.tr("Go back and correct: ") + " ".join(missing.values()))
            warning.setObjectName("review_missing")
            warning.setStyleSheet("color: #b3261e; font-weight: bold;")
            self.body.addWidget(warning)
        for finding in result.findings:
            card = FindingCard(
                finding,
                form.severities[finding.severity.value].label,
                self.reasons.get(finding.rule_id, ""),
            )
            self.cards[finding.rule_id] = card
            self.rows.append(card)
            self.body.addWidget(card)
            if card.reason is not None:
                card.reason.textEdited.connect(lambda _t, c=card: c.set_error(""))
        absolute_count = len(result.of_severity(Severity.ABSOLUTE))
        box = NotCandidateBox(form.not_candidate.label, form.not_candidate.help)
        box.reason.setText(self.not_candidate_text)
        box.requested.connect(self.not_candidate_requested)
        self.not_candidate = box
        self.rows.append(box)
        if absolute_count:
            self.body.insertWidget(1 + bool(missing) + absolute_count, box)
        else:
            toggle = named(QPushButton(self.tr("Not a candidate now…")), "show_not_candidate")
            toggle.setAutoDefault(False)
            toggle.setCheckable(True)
            toggle.toggled.connect(box.setVisible)
            box.setVisible(bool(self.not_candidate_text))
            toggle.setChecked(bool(self.not_candidate_text))
            self.show_not_candidate = toggle
            self.body.addWidget(toggle, 0, Qt.AlignmentFlag.AlignLeft)
            self.body.addWidget(box)
        self.body.addStretch(1)
        first_reason = next((c.reason for c in self.cards.values() if c.reason), None)
        target = box.reason if absolute_count else first_reason
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            # QWizard may move the focus to Next once the page shows (it did when the plan page
            # gained its prescription fields): put it back on the reason once the switch ends.
            QTimer.singleShot(0, target, lambda: target.setFocus(Qt.FocusReason.OtherFocusReason))

    def _severity_count(self, severity: Severity, count: int) -> str:
        """'2 relative', in the window's language."""
        one, many = {
            Severity.ABSOLUTE: (self.tr("1 absolute"), self.tr("{count} absolute")),
            Severity.RELATIVE: (self.tr("1 relative"), self.tr("{count} relative")),
            Severity.CAUTION: (self.tr("1 caution"), self.tr("{count} caution")),
        }.get(severity, (f"1 {severity.value}", f"{{count}} {severity.value}"))
        return one if count == 1 else many.format(count=count)

    def _banner_text(self, result: ScreeningResult) -> str:
        counts = {s: len(result.of_severity(s)) for s in Severity}
        unanswered = unanswered_absolute_text(self.content, result)
        if not result.findings:
            if unanswered:
                return self.tr("No finding among the answers given. ") + unanswered
            return self.tr("No contraindication found for the planned treatment date.")
        parts = [self._severity_count(s, counts[s]) for s in Severity if counts[s]]  # "1 absolute"
        head = (
            self.tr("1 finding: ")
            if len(result.findings) == 1
            else self.tr("{count} findings: ").format(count=len(result.findings))
        )
        head += ", ".join(parts) + "."
        if result.has_absolute_finding:
            head += (
                self.tr(" The plan is blocked: ") + self.content.form.severities["absolute"].effect
            )
            return head + (" " + unanswered if unanswered else "")
        if unanswered:
            return head + " " + unanswered
        if counts[Severity.RELATIVE]:
            return head + " " + self.content.form.severities["relative"].effect
        return head

    # leaving -------------------------------------------------------------------------------
    def problems(self) -> list[Problem]:
        result = self.result
        if result is None:
            return []
        found: list[Problem] = []
        missing = answer_errors(result, self.content.rules, self.content.form.treatment_date.label)
        for message in missing.values():
            found.append(Problem(self.banner, message))
        for finding in result.findings:
            card = self.cards[finding.rule_id]
            if finding.severity is Severity.ABSOLUTE and self.not_candidate is not None:
                message = self.tr(
                    "'{title}' blocks the plan: write the reason below and choose \"Save as "
                    'not a candidate now".'
                ).format(title=finding.title)
                found.append(Problem(self.not_candidate.reason, message, card))
            elif card.reason is not None:
                policy = self.content.reason_policy
                problem = policy.problem(card.reason.text(), ReasonLevel.RELATIVE)
                if problem is not None:
                    message = self.tr(
                        "'{title}' is a relative contraindication: {problem}."
                    ).format(title=finding.title, problem=problem)
                    found.append(Problem(card.reason, message, card))
        return found
