"""Close a consultation draft: completed with its findings and plan, or "not a candidate now".

Either way the consultation is read-only from then on; the findings that fired are stored with
what was decided about them, and the closing is audited in the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from clinic_app.domain.consultation import consultation_document as document_rules
from clinic_app.domain.consultation.consultation_document import ConsultationContent
from clinic_app.domain.screening.screening import Finding, Severity
from clinic_app.models import Consultation, ScreeningFinding, TreatmentPlan, utc_now
from clinic_app.services.consultation.consultation_drafts import flush_guarded, open_for_change
from clinic_app.services.consultation.consultations import (
    COMPLETED,
    NOT_CANDIDATE,
    NOT_NOW,
    NOTED,
    PROCEED,
)
from clinic_app.services.errors import ValidationError
from clinic_app.services.security import audit
from clinic_app.services.security.identity import Actor


def complete(
    session: Session,
    actor: Actor,
    consultation_id: int,
    document: Mapping[str, Any],
    content: ConsultationContent,
    *,
    expected_version: int | None = None,
    today: dt.date | None = None,
) -> Consultation:
    """Check and save the consultation with its findings and plan; read-only from then on.

    ValidationError (nothing saved) names each unanswered question, an absolute finding that
    blocks the plan, each relative finding without a written reason, and each plan field.
    ``today`` (default: the local date) is the day the findings' advice counts from."""
    consultation = open_for_change(session, consultation_id, expected_version)
    doc = document_rules.normalised(document)
    result, errors = document_rules.completion_errors(doc, content, today)
    if errors:
        raise ValidationError(errors)
    reasons = document_rules.reasons_of(doc)
    now = utc_now()
    _store_document(consultation, doc, result.findings)
    consultation.status = COMPLETED
    consultation.completed_at = now
    consultation.practitioner_id = consultation.practitioner_id or actor.user_id
    for finding in result.findings:
        if finding.severity is Severity.RELATIVE:
            consultation.findings.append(
                _finding_row(finding, PROCEED, reasons[finding.rule_id], actor, now)
            )
        else:
            consultation.findings.append(_finding_row(finding, NOTED, "", actor, now))
    plan = doc["plan"]
    price = document_rules.price_of(doc, content.price_list)
    consultation.plan = TreatmentPlan(
        intensity=plan["intensity"],
        sessions_planned=plan["sessions_planned"],
        interval_weeks=plan["interval_weeks"],
        expected_downtime_days=plan["expected_downtime_days"],
        device_profile_id=plan["device_profile_id"],
        areas={
            "areas": list(doc["screening"].get(document_rules.AREAS_QUESTION, [])),
            "price": price.as_dict() if price is not None else None,
        },
        price_estimate=price.total if price is not None else None,
        currency=content.price_list.currency,
        notes=str(plan.get("notes", "") or "").strip(),
    )
    flush_guarded(session, consultation_id, expected_version)
    summary = "consultation completed"
    if consultation.amends_id is not None:
        summary += f" (amends #{consultation.amends_id})"
    audit.record(session, actor, "complete", "consultation", consultation.id, summary)
    return consultation


def save_not_candidate(
    session: Session,
    actor: Actor,
    consultation_id: int,
    document: Mapping[str, Any],
    reason: str,
    content: ConsultationContent,
    *,
    expected_version: int | None = None,
) -> Consultation:
    """Close the consultation as "not a candidate now", with the written ``reason``.

    Meant for an absolute finding, but a clinician may decide it for any finding; the findings
    that fired are stored with the decision and, for absolute ones, the reason."""
    consultation = open_for_change(session, consultation_id, expected_version)
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"not_candidate_reason": f"{content.form.not_candidate.label}: write it first."}
        )
    doc = document_rules.normalised(document)
    doc["not_candidate_reason"] = reason
    result = document_rules.screen(doc, content.rules)
    reasons = document_rules.reasons_of(doc)
    now = utc_now()
    _store_document(consultation, doc, result.findings)
    consultation.status = NOT_CANDIDATE
    consultation.not_candidate_reason = reason
    consultation.completed_at = now
    for finding in result.findings:
        if finding.severity is Severity.ABSOLUTE:
            row = _finding_row(finding, NOT_NOW, reason, actor, now)
        elif finding.severity is Severity.RELATIVE:
            row = _finding_row(finding, NOT_NOW, reasons.get(finding.rule_id, ""), actor, now)
        else:
            row = _finding_row(finding, NOTED, "", actor, now)
        consultation.findings.append(row)
    flush_guarded(session, consultation_id, expected_version)
    audit.record(
        session, actor, "complete", "consultation", consultation.id, "saved: not a candidate now"
    )
    return consultation


def _store_document(
    consultation: Consultation, doc: dict[str, Any], findings: tuple[Finding, ...]
) -> None:
    # ScreeningFinding has no title column: the titles shown at the time are kept here.
    doc[document_rules.FINDING_TITLES] = {f.rule_id: f.title for f in findings}
    consultation.answers = document_rules.to_stored(doc)
    consultation.treatment_date = document_rules.treatment_date_of(doc)


def _finding_row(
    finding: Finding, decision: str, reason: str, actor: Actor, now: dt.datetime
) -> ScreeningFinding:
    return ScreeningFinding(
        rule_id=finding.rule_id,
        rule_version=finding.rule_version,
        severity=finding.severity.value,
        message=finding.message,
        advice=finding.advice,
        source=finding.source,
        due_date=finding.due_date,
        decision=decision,
        reason=reason,
        decided_by_id=actor.user_id,
        decided_at=now,
    )
