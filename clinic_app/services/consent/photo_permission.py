"""What the patient allowed for photographs, from their latest valid (not withdrawn) consent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from clinic_app.services.consent.consents import latest_valid


@dataclass(frozen=True)
class PhotoPermission:
    """Clinical photographs, publicity photographs, and the consent that says so."""

    clinical: bool
    marketing: bool
    consent_id: int | None
    signed_at: datetime | None


def photo_permission(s: Session, patient_id: int) -> PhotoPermission:
    """The photo ticks of the patient's latest valid consent; all False/None without one.

    A consent that needs renewing for a changed plan still states the patient's photo
    choice; only a withdrawal (or no consent) takes it back."""
    consent = latest_valid(s, patient_id)
    if consent is None:
        return PhotoPermission(clinical=False, marketing=False, consent_id=None, signed_at=None)
    return PhotoPermission(
        clinical=consent.photo_clinical,
        marketing=consent.photo_clinical and consent.photo_marketing,
        consent_id=consent.id,
        signed_at=consent.signed_at,
    )
