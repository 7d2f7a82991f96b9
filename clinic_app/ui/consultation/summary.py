"""The consultation as one readable page (HTML for a QTextBrowser): the wizard's last page and
the read-only view of a saved consultation. Every text a person typed is escaped."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication

from clinic_app.domain.consultation.consultation_document import (
    AREAS_QUESTION,
    TREATMENT_DATE,
    ConsultationContent,
    price_of,
    screen,
    treatment_date_of,
)
from clinic_app.domain.consultation.consultation_form import QUESTION_PAGES
from clinic_app.domain.screening.screening import (
    CURRENT,
    Question,
    QuestionKind,
    Severity,
    format_date,
    parse_date,
)
from clinic_app.ui.common.i18n import QT_TRANSLATE_NOOP
from clinic_app.ui.consultation.questions_page import questions_for_page
from clinic_app.ui.consultation.review_page import SEVERITY_LOOK, unanswered_absolute_text

DECISION_TEXT = {
    "proceed": QT_TRANSLATE_NOOP("consultation.summary", "proceed; reason: {reason}"),
    "noted": QT_TRANSLATE_NOOP("consultation.summary", "noted"),
    "not_candidate": QT_TRANSLATE_NOOP("consultation.summary", "not a candidate now{reason_part}"),
}


@dataclass(frozen=True)
class SummaryFinding:
    """A finding as the summary lists it."""

    severity: str
    title: str
    advice: str
    rule: str  # "aha_bha v1"
    decision: str  # "" while not decided


def _e(text: object) -> str:
    return html.escape(str(text))


def answer_text(question: Question, value: object) -> str:
    """An answer in words: "Yes", "No", "currently", "last on Tue 1 Dec 2026", labels."""
    if value is None:
        return QCoreApplication.translate("consultation.summary", "not answered")
    labels = {c.value: c.label for c in question.choices}
    kind = question.kind
    if kind is QuestionKind.YES_NO:
        return (
            QCoreApplication.translate("consultation.summary", "Yes")
            if value is True
            else QCoreApplication.translate("consultation.summary", "No")
        )
    if kind is QuestionKind.CHOICE:
        return labels.get(str(value), str(value))
    if kind is QuestionKind.MULTI_CHOICE:
        chosen = value if isinstance(value, list) else []
        return ", ".join(labels.get(str(v), str(v)) for v in chosen) or QCoreApplication.translate(
            "consultation.summary", "None"
        )
    if value is False:
        return (
            QCoreApplication.translate("consultation.summary", "No")
            if kind is QuestionKind.EXPOSURE
            else QCoreApplication.translate("consultation.summary", "None")
        )
    if kind is QuestionKind.EXPOSURE:
        if value == CURRENT:
            return QCoreApplication.translate("consultation.summary", "Currently")
        try:
            return QCoreApplication.translate("consultation.summary", "Last on {date}").format(
                date=format_date(parse_date(str(value)))
            )
        except ValueError:
            return str(value)
    return str(value)


def _is_no(value: object) -> bool:
    return value is False or value == []


def summary_html(
    content: ConsultationContent,
    document: dict[str, Any],
    findings: Sequence[SummaryFinding],
    header: str = "",
) -> str:
    """The whole consultation, section by section."""
    form = content.form
    parts = ["<html><body style='font-size: 10.5pt;'>"]
    if header:
        parts.append(f"<p style='font-size: 11pt;'>{header}</p>")
    intake = document.get("intake", {})
    concerns = intake.get("concerns") or []
    ranked = "".join(
        f"<li>{_e(form.concern_label(v))}"
        + (f": {_e(intake.get('concern_other', ''))}" if v == "other" else "")
        + "</li>"
        for v in concerns
    )
    downtime = form.downtime_choice(str(intake.get("downtime_accepted", "")))
    parts.append(f"<h3>{_e(form.page('concerns').title)}</h3>")
    parts.append(f"<ol style='margin-top: 0;'>{ranked}</ol>" if ranked else "<p>—</p>")
    parts.append(f"<p><b>{_e(form.goals.label)}:</b> “{_e(intake.get('goals', ''))}”<br>")
    parts.append(f"<b>{_e(form.downtime.label)}:</b> {_e(downtime.label if downtime else '—')}</p>")
    answers = document.get("screening", {})
    for page_id in QUESTION_PAGES:
        parts.append(f"<h3>{_e(form.page(page_id).title)}</h3>")
        parts.append(_answers_table(questions_for_page(content.rules, form, page_id), answers))
    date = treatment_date_of(document)
    raw_date = answers.get(TREATMENT_DATE, "")
    parts.append(
        f"<p><b>{_e(form.treatment_date.label)}:</b> "
        f"{_e(format_date(date) if date else raw_date or '—')}</p>"
    )
    parts.append(f"<h3>{_e(form.page('review').title)}</h3>")
    blocked = unanswered_absolute_text(content, screen(document, content.rules))
    if blocked:
        parts.append(f"<p style='color: #b3261e;'><b>{_e(blocked)}</b></p>")
    parts.append(_findings_html(content, findings, bool(blocked)))
    parts.append(f"<h3>{_e(form.page('plan').title)}</h3>")
    parts.append(_plan_html(content, document))
    parts.append("</body></html>")
    return "".join(parts)


def _answers_table(questions: list[Question], answers: dict[str, Any]) -> str:
    rows = []
    noes = []
    for question in questions:
        value = answers.get(question.id)
        if _is_no(value) and question.kind is not QuestionKind.CHOICE:
            # "Antibiotics: date last taken" reads "Antibiotics" in a list of noes.
            short = question.label.split(":")[0] if question.kind is QuestionKind.EXPOSURE else ""
            noes.append(short or question.label)
            continue
        shown = answer_text(question, value)
        style = " style='color: #b3261e;'" if value is None else ""
        rows.append(
            f"<tr><td style='padding-right: 14px;'>{_e(question.label)}</td>"
            f"<td{style}><b>{_e(shown)}</b></td></tr>"
        )
    text = f"<table cellspacing='2'>{''.join(rows)}</table>" if rows else ""
    if noes:
        text += QCoreApplication.translate("consultation.summary", "<p><b>No:</b> {e}.</p>").format(
            e=_e("; ".join(noes))
        )
    return text or "<p>—</p>"


def _findings_html(
    content: ConsultationContent, findings: Sequence[SummaryFinding], blocked: bool = False
) -> str:
    if not findings:
        return (
            QCoreApplication.translate(
                "consultation.summary", "<p>No finding among the answers given.</p>"
            )
            if blocked
            else (
                QCoreApplication.translate(
                    "consultation.summary", "<p>No contraindication found.</p>"
                )
            )
        )
    items = []
    for finding in findings:
        severity = Severity(finding.severity)
        colour = SEVERITY_LOOK[severity][0]
        label = content.form.severities[finding.severity].label
        decision = (
            QCoreApplication.translate("consultation.summary", "<br><i>Decision: {e}</i>").format(
                e=_e(finding.decision)
            )
            if finding.decision
            else ""
        )
        items.append(
            f"<li><span style='color: {colour}; font-weight: bold;'>{_e(label)}</span> — "
            f"<b>{_e(finding.title)}</b> <small>[{_e(finding.rule)}]</small><br>"
            f"{_e(finding.advice)}{decision}</li>"
        )
    return f"<ul>{''.join(items)}</ul>"


def _plan_html(content: ConsultationContent, document: dict[str, Any]) -> str:
    plan = document.get("plan", {})
    tier = content.form.intensity(str(plan.get("intensity", "")))
    if tier is None:
        return "<p>—</p>"
    prices = content.price_list
    estimate = price_of(document, prices)
    area_question = content.rules.question(AREAS_QUESTION)
    areas = document.get("screening", {}).get(AREAS_QUESTION, [])
    area_text = answer_text(area_question, areas) if area_question else ", ".join(areas)
    sessions = plan.get("sessions_planned")
    interval = (
        QCoreApplication.translate("consultation.summary", ", every {weeks} weeks").format(
            weeks=plan.get("interval_weeks")
        )
        if sessions and sessions > 1
        else ""
    )
    device = content.devices.get(str(plan.get("device_profile_id")), "—")
    price = "—"
    if estimate is not None and estimate.total is not None:
        price = prices.format(estimate.total)
        if prices.placeholder:
            price += QCoreApplication.translate("consultation.summary", " (placeholder price list)")
    rows = [
        (
            QCoreApplication.translate("consultation.summary", "Intensity"),
            f"{tier.label}: {tier.description}",
        ),
        (QCoreApplication.translate("consultation.summary", "Areas"), area_text),
        (QCoreApplication.translate("consultation.summary", "Sessions"), f"{sessions}{interval}"),
        (
            QCoreApplication.translate("consultation.summary", "Expected downtime"),
            QCoreApplication.translate("consultation.summary", "{days} days").format(
                days=plan.get("expected_downtime_days")
            ),
        ),
        (QCoreApplication.translate("consultation.summary", "Device profile"), device),
        (QCoreApplication.translate("consultation.summary", "Price estimate"), price),
    ]
    if plan.get("notes"):
        rows.append(
            (QCoreApplication.translate("consultation.summary", "Notes"), str(plan["notes"]))
        )
    cells = "".join(
        f"<tr><td style='padding-right: 14px;'>{_e(k)}</td><td><b>{_e(v)}</b></td></tr>"
        for k, v in rows
    )
    return f"<table cellspacing='2'>{cells}</table>"


def decision_text(decision: str | None, reason: str) -> str:
    """ "proceed; reason: ..." etc."""
    if not decision:
        return ""
    template = QCoreApplication.translate(
        "consultation.summary", DECISION_TEXT.get(decision, decision)
    )
    return template.format(reason=reason, reason_part=f": {reason}" if reason else "")
