"""Check every stored consent against its own hash and the hash its audit event recorded.

``clinic-app audit verify`` runs this after the audit chain: a consent row changed behind the
app's back (text, signature, name, tick, date) no longer matches the SHA-256 the signing's
audit event carries, and the chain itself proves that event unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic_app.models import AuditEvent, Consent
from clinic_app.services.consent.consents import ENTITY, row_hash


@dataclass(frozen=True)
class ConsentCheck:
    """How many consents were checked; the first that fails, and why."""

    ok: bool
    checked: int
    message: str
    first_bad_id: int | None = None


def verify(session: Session) -> ConsentCheck:
    """Every consent row hashes to the SHA-256 stored with it and named by its audit event."""
    recorded: dict[int, str] = {}
    for entity_id, summary in session.execute(
        select(AuditEvent.entity_id, AuditEvent.summary)
        .where(AuditEvent.entity_type == ENTITY)
        .order_by(AuditEvent.id)
    ):
        if entity_id is not None and entity_id not in recorded:
            recorded[entity_id] = summary.rsplit("sha256 ", 1)[-1].strip()
    checked = 0
    for row in session.scalars(select(Consent).order_by(Consent.id)):
        checked += 1
        problem = ""
        if recorded.get(row.id) is None:
            problem = "has no audit event of its signing"
        elif row_hash(row) != recorded[row.id] or row.sha256 != recorded[row.id]:
            problem = "was changed after it was signed: its content no longer matches its hash"
        if problem:
            return ConsentCheck(False, checked, f"Consent #{row.id} {problem}.", row.id)
    return ConsentCheck(True, checked, f"{checked} consent(s) match their signed hash.")
