"""Whether a patient's consent covers their next session: valid, missing or needs re-consent.

A consent covers the sessions of one plan: the consultation it was signed for (or an amendment
of it) while the plan, the consent document's major version and the findings its particular
risks came from stay the same.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from sqlalchemy.orm import Session

from clinic_app.domain.consent.consent_document import ConsentDocument, major_of
from clinic_app.domain.screening.screening_model import RuleSet
from clinic_app.models import Consent, Consultation
from clinic_app.services.clinical.clinical_picture import picture_of
from clinic_app.services.consent.consent_drafts import fingerprints
from clinic_app.services.consent.consents import latest_valid

PLAN_CHANGED = "the treatment plan changed since the consent was signed"
MAJOR_CHANGED = "the consent text changed (version {old} signed, version {new} now)"
FINDINGS_CHANGED = "the patient's findings changed since the consent was signed"
NEW_CONSULTATION = "a new consultation was completed since the consent was signed"


class ConsentState(Enum):
    VALID = "valid"
    MISSING = "missing"
    NEEDS_RECONSENT = "needs_reconsent"


@dataclass(frozen=True)
class ConsentStatus:
    """The state, why (for re-consent), and the consent it is about (None when missing)."""

    state: ConsentState
    reasons: tuple[str, ...] = ()
    consent_id: int | None = None
    signed_at: dt.datetime | None = None

    @property
    def valid(self) -> bool:
        return self.state is ConsentState.VALID

    def message(self) -> str:
        """One sentence for the practitioner."""
        if self.state is ConsentState.VALID:
            return "Consent signed and valid for this plan."
        if self.state is ConsentState.MISSING:
            return "No valid informed consent: the patient must sign one before the treatment."
        return "A new consent is needed: " + "; ".join(self.reasons) + "."


def _descends_from(session: Session, consultation_id: int | None, ancestor: int | None) -> bool:
    seen: set[int] = set()
    while consultation_id is not None and consultation_id not in seen:
        if consultation_id == ancestor:
            return True
        seen.add(consultation_id)
        row = session.get(Consultation, consultation_id)
        consultation_id = row.amends_id if row is not None else None
    return False


def reasons_for(
    session: Session, consent: Consent, rules: RuleSet, document: ConsentDocument
) -> tuple[str, ...]:
    """Why ``consent`` no longer covers the patient's current plan (empty: it does)."""
    picture = picture_of(session, consent.patient_id, rules)
    plan, findings = fingerprints(session, picture, document)
    reasons: list[str] = []
    if not _descends_from(session, picture.consultation_id, consent.consultation_id):
        reasons.append(NEW_CONSULTATION)
    if plan != consent.plan_fingerprint:
        reasons.append(PLAN_CHANGED)
    if major_of(consent.content_version) != document.major:
        reasons.append(MAJOR_CHANGED.format(old=consent.content_version, new=document.version))
    if findings != consent.findings_fingerprint:
        reasons.append(FINDINGS_CHANGED)
    return tuple(reasons)


def state_for(
    session: Session, patient_id: int, rules: RuleSet, document: ConsentDocument
) -> ConsentStatus:
    """Whether the patient's latest valid consent covers their current plan."""
    consent = latest_valid(session, patient_id)
    if consent is None:
        return ConsentStatus(ConsentState.MISSING)
    reasons = reasons_for(session, consent, rules, document)
    state = ConsentState.NEEDS_RECONSENT if reasons else ConsentState.VALID
    return ConsentStatus(state, reasons, consent.id, consent.signed_at)
