"""What a patient is asked to sign now: the text rendered for their clinical picture.

The draft carries the fingerprints of the plan and of the findings the text was rendered for;
a consent stays valid while they, and the document's major version, stay the same
(:mod:`.consent_state`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from clinic_app.domain.care.care_personal import flags_of
from clinic_app.domain.clinical_picture import ClinicalPicture
from clinic_app.domain.consent.consent_document import (
    ConsentDocument,
    particular_risks,
    render,
)
from clinic_app.domain.consent.consent_record import findings_fingerprint, plan_fingerprint
from clinic_app.domain.screening.screening_model import RuleSet
from clinic_app.domain.translations import ENGLISH
from clinic_app.models import Consultation, Patient
from clinic_app.services.clinical.clinical_picture import picture_of
from clinic_app.services.errors import ValidationError

NO_CONSULTATION = (
    "There is no completed consultation for this patient: the consent is given for the plan "
    "of a consultation, so complete the consultation first."
)


@dataclass(frozen=True)
class ConsentDraft:
    """The consent text for one patient and plan, before anyone signs it."""

    patient_id: int
    consultation_id: int
    content_id: str
    content_version: str
    text: str
    particular: tuple[str, ...]  # the texts of the risks particular to this patient
    plan_fingerprint: str
    findings_fingerprint: str


def fingerprints(
    session: Session, picture: ClinicalPicture, document: ConsentDocument
) -> tuple[str, str]:
    """(plan, findings) fingerprints of the picture: what a consent is given for."""
    consultation = (
        session.get(Consultation, picture.consultation_id) if picture.consultation_id else None
    )
    planned = consultation.plan.sessions_planned if consultation and consultation.plan else 0
    plan = plan_fingerprint(
        picture.intensity, picture.plan_areas, picture.device_profile_id, planned
    )
    mine = particular_risks(document, flags_of(picture))
    findings = findings_fingerprint(
        picture.skin_type, picture.finding_ids, [item.id for item in mine]
    )
    return plan, findings


def patient_language(session: Session, patient_id: int) -> str:
    """The language the patient reads their consent in (ISO code; English when unknown)."""
    patient = session.get(Patient, patient_id)
    return patient.language if patient is not None else ENGLISH


def prepare(
    session: Session, patient_id: int, rules: RuleSet, document: ConsentDocument
) -> ConsentDraft:
    """The consent the patient would sign now; ValidationError when there is no plan yet."""
    picture = picture_of(session, patient_id, rules)
    if picture.consultation_id is None:
        raise ValidationError({"consultation": NO_CONSULTATION})
    flags = flags_of(picture)
    plan, findings = fingerprints(session, picture, document)
    return ConsentDraft(
        patient_id=patient_id,
        consultation_id=picture.consultation_id,
        content_id=document.content_id,
        content_version=document.version,
        text=render(document, flags, picture.intensity),
        particular=tuple(item.text for item in particular_risks(document, flags)),
        plan_fingerprint=plan,
        findings_fingerprint=findings,
    )
