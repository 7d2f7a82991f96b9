"""Record and withdraw informed consents; read the latest valid one. Never update one.

A consent row is frozen when it is written: this module has no update, and the SHA-256 of the
row's content (:func:`row_hash`) goes into the audit event of the signing, where
``clinic-app audit verify`` compares it with the row (:mod:`.consent_integrity`). A
withdrawal is a new row naming the consent and the reason.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic_app.domain.consent.consent_document import ConsentDocument
from clinic_app.domain.consent.consent_record import (
    Signature,
    SignedContent,
    name_problem,
    signature_problem,
)
from clinic_app.domain.consent.signature_png import render_png
from clinic_app.domain.reasons import DEFAULT_RULES, ReasonLevel, ReasonPolicy
from clinic_app.domain.screening.screening_model import RuleSet
from clinic_app.models import Consent, Patient, utc_now
from clinic_app.services.consent.consent_drafts import ConsentDraft, prepare
from clinic_app.services.errors import NotFoundError, ValidationError
from clinic_app.services.security import audit
from clinic_app.services.security.identity import Actor

CONSENT, WITHDRAWAL = "consent", "withdrawal"
ENTITY = "consent"
CHANGED_WHILE_OPEN = (
    "The consultation or the consent text changed while the consent was open: nothing was "
    "saved. Read the new text with the patient and sign again."
)


@dataclass(frozen=True)
class Signer:
    """A typed name and the signature drawn above it."""

    name: str
    signature: Signature


@dataclass(frozen=True)
class ConsentView:
    """A stored consent as plain values (the dialog, the printed copy, the command)."""

    id: int
    patient_id: int
    consultation_id: int | None
    content_id: str
    content_version: str
    text: str
    patient: Signer
    witness: Signer
    photo_clinical: bool
    photo_marketing: bool
    signed_at: dt.datetime
    sha256: str


def row_hash(row: Consent) -> str:
    """SHA-256 of what the row says, computed as at signing (withdrawals: of the reason)."""
    text = row.text if row.kind == CONSENT else f"withdraws #{row.withdraws_id}: {row.reason}"
    return SignedContent(
        text=text,
        content_id=row.content_id,
        content_version=row.content_version,
        patient_name=row.patient_name,
        witness_name=row.witness_name,
        patient_signature=Signature.from_stored(row.patient_strokes),
        witness_signature=Signature.from_stored(row.witness_strokes),
        photo_clinical=row.photo_clinical,
        photo_marketing=row.photo_marketing,
        signed_at=row.signed_at,
        extra={
            "kind": row.kind,
            "patient_id": row.patient_id,
            "consultation_id": row.consultation_id,
            "withdraws_id": row.withdraws_id,
            "plan": row.plan_fingerprint,
            "findings": row.findings_fingerprint,
        },
    ).sha256()


def _signer_errors(prefix: str, signer: Signer) -> dict[str, str]:
    errors: dict[str, str] = {}
    if problem := name_problem(signer.name):
        errors[f"{prefix}_name"] = problem
    if problem := signature_problem(signer.signature):
        errors[f"{prefix}_signature"] = problem
    return errors


def record(
    session: Session,
    actor: Actor,
    draft: ConsentDraft,
    *,
    patient: Signer,
    witness: Signer,
    photo_clinical: bool,
    photo_marketing: bool,
    rules: RuleSet,
    document: ConsentDocument,
    now: dt.datetime | None = None,
) -> ConsentView:
    """Freeze a signed consent; ValidationError by field (``patient_name``,
    ``patient_signature``, ``witness_name``, ``witness_signature``, ``photo_marketing``,
    ``text``) and nothing saved when something is missing or the draft is out of date."""
    errors = _signer_errors("patient", patient) | _signer_errors("witness", witness)
    if photo_marketing and not photo_clinical:
        errors["photo_marketing"] = "publicity photographs need the clinical photographs ticked too"
    if session.get(Patient, draft.patient_id) is None:
        raise NotFoundError(f"patient #{draft.patient_id} not found")
    if prepare(session, draft.patient_id, rules, document) != draft:
        errors["text"] = CHANGED_WHILE_OPEN
    if errors:
        raise ValidationError(errors)
    row = Consent(
        kind=CONSENT,
        patient_id=draft.patient_id,
        consultation_id=draft.consultation_id,
        content_id=draft.content_id,
        content_version=draft.content_version,
        text=draft.text,
        plan_fingerprint=draft.plan_fingerprint,
        findings_fingerprint=draft.findings_fingerprint,
        patient_name=patient.name.strip(),
        witness_name=witness.name.strip(),
        patient_strokes=patient.signature.to_stored(),
        witness_strokes=witness.signature.to_stored(),
        patient_png=render_png(patient.signature),
        witness_png=render_png(witness.signature),
        photo_clinical=photo_clinical,
        photo_marketing=photo_marketing,
        reason="",
        signed_at=(now or utc_now()).replace(microsecond=0),
        recorded_by_id=actor.user_id,
    )
    return _freeze(session, actor, row, "sign", "consent signed")


def withdraw(
    session: Session,
    actor: Actor,
    patient_id: int,
    reason: str,
    *,
    policy: ReasonPolicy | None = None,
    now: dt.datetime | None = None,
) -> int:
    """Record that the patient withdrew their latest valid consent; the new row's id.

    The reason must say something, as any reason (``policy``, a caution's floor): "." is
    refused; "patient's wish" is enough when the patient gave none."""
    if withdrawal_reason_problem(reason, policy) is not None:
        raise ValidationError({"reason": "write why, or 'patient's wish' if no reason given"})
    current = latest_valid(session, patient_id)
    if current is None:
        raise ValidationError({"reason": "there is no valid consent to withdraw"})
    empty = Signature(0.0, 0.0).to_stored()
    row = Consent(
        kind=WITHDRAWAL,
        patient_id=patient_id,
        consultation_id=current.consultation_id,
        withdraws_id=current.id,
        content_id=current.content_id,
        content_version=current.content_version,
        text="",
        plan_fingerprint=current.plan_fingerprint,
        findings_fingerprint=current.findings_fingerprint,
        patient_name=current.patient_name,
        witness_name=actor.name,
        patient_strokes=empty,
        witness_strokes=empty,
        patient_png=b"",
        witness_png=b"",
        photo_clinical=False,
        photo_marketing=False,
        reason=reason.strip(),
        signed_at=(now or utc_now()).replace(microsecond=0),
        recorded_by_id=actor.user_id,
    )
    return _freeze(session, actor, row, "withdraw", f"consent #{current.id} withdrawn").id


def withdrawal_reason_problem(reason: str, policy: ReasonPolicy | None = None) -> str | None:
    """Why ``reason`` cannot record a withdrawal, or None (the reasons' policy, caution level)."""
    return (policy or ReasonPolicy(dict(DEFAULT_RULES))).problem(reason, ReasonLevel.CAUTION)


def _freeze(session: Session, actor: Actor, row: Consent, action: str, what: str) -> ConsentView:
    row.sha256 = row_hash(row)
    session.add(row)
    session.flush()
    audit.record(session, actor, action, ENTITY, row.id, f"{what}; sha256 {row.sha256}")
    return view_of(row)


def latest_valid(session: Session, patient_id: int) -> Consent | None:
    """The patient's newest consent that no withdrawal names, or None."""
    withdrawn = select(Consent.withdraws_id).where(
        Consent.patient_id == patient_id, Consent.withdraws_id.is_not(None)
    )
    return session.scalars(
        select(Consent)
        .where(
            Consent.patient_id == patient_id,
            Consent.kind == CONSENT,
            Consent.id.not_in(withdrawn),
        )
        .order_by(Consent.signed_at.desc(), Consent.id.desc())
        .limit(1)
    ).first()


def has_signed(session: Session, patient_id: int) -> bool:
    """Whether the patient has ever signed a consent (withdrawn or not): one can be printed."""
    found = session.scalars(
        select(Consent.id).where(Consent.patient_id == patient_id, Consent.kind == CONSENT).limit(1)
    ).first()
    return found is not None


def latest_signed(session: Session, patient_id: int) -> ConsentView | None:
    """The patient's newest signed consent (withdrawn or not) as plain values, or None."""
    row = session.scalars(
        select(Consent)
        .where(Consent.patient_id == patient_id, Consent.kind == CONSENT)
        .order_by(Consent.signed_at.desc(), Consent.id.desc())
        .limit(1)
    ).first()
    return view_of(row) if row is not None else None


def view_of(row: Consent) -> ConsentView:
    """The row as plain values."""
    return ConsentView(
        id=row.id,
        patient_id=row.patient_id,
        consultation_id=row.consultation_id,
        content_id=row.content_id,
        content_version=row.content_version,
        text=row.text,
        patient=Signer(row.patient_name, Signature.from_stored(row.patient_strokes)),
        witness=Signer(row.witness_name, Signature.from_stored(row.witness_strokes)),
        photo_clinical=row.photo_clinical,
        photo_marketing=row.photo_marketing,
        signed_at=row.signed_at,
        sha256=row.sha256,
    )
