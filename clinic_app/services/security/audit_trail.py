"""Reading the audit trail: verify its hash chain, and browse it a page at a time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from clinic_app.models import AuditChainHead, AuditEvent, Patient
from clinic_app.services.errors import ValidationError
from clinic_app.services.security.audit import GENESIS_HASH, HEAD_ID, event_hash
from clinic_app.services.security.identity import Actor, admin_use_case

MAX_PAGE = 1000


@dataclass(frozen=True)
class Verification:
    """The result of checking the chain: how many events, and the first one that is wrong."""

    checked: int
    first_bad_id: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem

    @property
    def message(self) -> str:
        if self.ok:
            return f"The audit trail is intact: {self.checked} events, none altered or missing."
        return f"The audit trail has been tampered with. {self.problem}"


def verify(
    session: Session, progress: Callable[[int], None] | None = None, batch: int = 5000
) -> Verification:
    """Recompute every event's hash in id order and compare with the stored chain.

    One streamed statement reads the events and the chain head together, so the check sees one
    consistent snapshot while other workstations keep appending.
    """
    head_hash = select(AuditChainHead.last_hash).where(AuditChainHead.id == HEAD_ID)
    head_id = select(AuditChainHead.last_event_id).where(AuditChainHead.id == HEAD_ID)
    stmt = (
        select(
            AuditEvent.id,
            AuditEvent.occurred_at,
            AuditEvent.user_id,
            AuditEvent.actor,
            AuditEvent.action,
            AuditEvent.entity_type,
            AuditEvent.entity_id,
            AuditEvent.summary,
            AuditEvent.prev_hash,
            AuditEvent.event_hash,
            head_hash.scalar_subquery().label("head_hash"),
            head_id.scalar_subquery().label("head_id"),
        )
        .order_by(AuditEvent.id)
        .execution_options(yield_per=batch)
    )
    rows = session.execute(stmt)
    try:
        return _walk(session, rows, progress, batch)
    finally:
        rows.close()  # an early answer leaves no server-side cursor open on PostgreSQL


def _walk(
    session: Session, rows: Any, progress: Callable[[int], None] | None, batch: int
) -> Verification:
    expected, previous_id, checked = GENESIS_HASH, None, 0
    head: tuple[str | None, int | None] | None = None
    for row in rows:
        head = (row.head_hash, row.head_id)
        if row.prev_hash != expected:
            before = f"event #{previous_id}" if previous_id is not None else "the start"
            return Verification(
                checked,
                row.id,
                f"Event #{row.id} does not follow {before}: an event between them was deleted, "
                "or an earlier event was altered together with its hash.",
            )
        digest = event_hash(
            occurred_at=row.occurred_at,
            user_id=row.user_id,
            actor=row.actor,
            action=row.action,
            entity_type=row.entity_type,
            entity_id=row.entity_id,
            summary=row.summary,
            prev_hash=row.prev_hash,
        )
        if digest != row.event_hash:
            return Verification(
                checked,
                row.id,
                f"Event #{row.id} was altered after it was written: its content no longer "
                "matches its hash.",
            )
        expected, previous_id, checked = digest, row.id, checked + 1
        if progress is not None and checked % batch == 0:
            progress(checked)
    if head is None:
        stored = session.execute(
            select(AuditChainHead.last_hash, AuditChainHead.last_event_id).where(
                AuditChainHead.id == HEAD_ID
            )
        ).first()
        head = (stored.last_hash, stored.last_event_id) if stored else (None, None)
    return _check_head(checked, previous_id, expected, *head)


def _check_head(
    checked: int, last_id: int | None, last_hash: str, head_hash: str | None, head_id: int | None
) -> Verification:
    if head_hash is None:
        return Verification(
            checked, None, "The record of the newest event (audit_chain_head) is missing."
        )
    if head_hash == last_hash and head_id == last_id:
        return Verification(checked)
    if head_id is not None and (last_id is None or head_id > last_id):
        return Verification(
            checked,
            head_id,
            f"Event #{head_id} was the newest event recorded, but the trail ends at "
            f"{'event #' + str(last_id) if last_id is not None else 'nothing'}: events at the "
            "end of the trail were deleted.",
        )
    return Verification(
        checked,
        last_id,
        f"Event #{last_id} was added without being recorded as the newest event "
        f"(that is event #{head_id}): it was inserted outside the application.",
    )


# Browsing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditFilter:
    """What the administrator narrows the trail to; empty values match everything."""

    actor: str = ""
    action: str = ""
    entity_type: str = ""
    entity_id: int | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    text: str = ""


@dataclass(frozen=True)
class AuditRow:
    """One event as the audit window lists it."""

    id: int
    occurred_at: dt.datetime
    actor: str
    user_id: int | None
    action: str
    entity_type: str
    entity_id: int | None
    summary: str
    record_name: str = ""  # the patient's name today, for a patient event; else ""


PATIENT_ENTITY = "patient"


def _conditions(flt: AuditFilter) -> list[ColumnElement[bool]]:
    errors: dict[str, str] = {}
    for name in ("since", "until"):
        value = getattr(flt, name)
        if value is not None and value.tzinfo is None:
            errors[name] = f"'{name}' must be a timezone-aware instant."
    if flt.since and flt.until and not errors and flt.since > flt.until:
        errors["until"] = "The end of the period is before its start."
    if flt.entity_id is not None and not 0 <= flt.entity_id < 2**63:
        errors["entity_id"] = "A record number is a whole number from 0 upwards."
    if any("\x00" in value for value in (flt.actor, flt.action, flt.entity_type, flt.text)):
        errors["text"] = "The filter contains a control character; remove it."
    if errors:
        raise ValidationError(errors)
    found: list[ColumnElement[bool]] = []
    if flt.actor:
        found.append(AuditEvent.actor == flt.actor)
    if flt.action:
        found.append(AuditEvent.action == flt.action)
    if flt.entity_type:
        found.append(AuditEvent.entity_type == flt.entity_type)
    if flt.entity_id is not None:
        found.append(AuditEvent.entity_id == flt.entity_id)
    if flt.since is not None:
        found.append(AuditEvent.occurred_at >= flt.since)
    if flt.until is not None:
        found.append(AuditEvent.occurred_at < flt.until)
    if flt.text.strip():
        escaped = flt.text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        found.append(func.lower(AuditEvent.summary).like(f"%{escaped.lower()}%", escape="\\"))
    return found


def find_events(
    session: Session,
    flt: AuditFilter = AuditFilter(),
    *,
    limit: int = 200,
    before_id: int | None = None,
) -> list[AuditRow]:
    """One page of events matching ``flt``, newest first; pass the last id for the next page.
    A patient event carries the patient's current name (``record_name``)."""
    if not 1 <= limit <= MAX_PAGE:
        raise ValidationError({"limit": f"A page holds 1 to {MAX_PAGE} events."})
    if before_id is not None and not 0 <= before_id < 2**63:
        raise ValidationError({"before_id": "An event number is a whole number from 0 upwards."})
    stmt = (
        select(
            AuditEvent.id,
            AuditEvent.occurred_at,
            AuditEvent.actor,
            AuditEvent.user_id,
            AuditEvent.action,
            AuditEvent.entity_type,
            AuditEvent.entity_id,
            AuditEvent.summary,
            Patient.first_name,
            Patient.last_name,
        )
        .outerjoin(  # the name is read, never stored in the trail (no patient detail there)
            Patient,
            and_(AuditEvent.entity_type == PATIENT_ENTITY, Patient.id == AuditEvent.entity_id),
        )
        .where(*_conditions(flt))
    )
    if before_id is not None:
        stmt = stmt.where(AuditEvent.id < before_id)
    stmt = stmt.order_by(AuditEvent.id.desc()).limit(limit)
    return [
        AuditRow(*row[:8], record_name=f"{row[8]} {row[9]}" if row[8] is not None else "")
        for row in session.execute(stmt)
    ]


@admin_use_case("view_audit")
def export_events(
    session: Session, actor: Actor, flt: AuditFilter = AuditFilter(), *, limit: int = 200
) -> list[AuditRow]:
    """The newest ``limit`` events matching ``flt`` for ``actor`` to take away (the command
    line's ``audit list``); the audit window pages through :func:`find_events` once open."""
    return find_events(session, flt, limit=limit)


def count_events(session: Session, flt: AuditFilter = AuditFilter()) -> int:
    """How many events match ``flt``."""
    stmt = select(func.count()).select_from(AuditEvent).where(*_conditions(flt))
    return int(session.scalar(stmt) or 0)


def distinct_values(session: Session, column: str) -> list[str]:
    """The values found in ``actor``, ``action`` or ``entity_type`` (for filter choices)."""
    columns = {
        "actor": AuditEvent.actor,
        "action": AuditEvent.action,
        "entity_type": AuditEvent.entity_type,
    }
    if column not in columns:
        raise ValidationError({"column": f"Choose one of {', '.join(columns)}."})
    attribute = columns[column]
    return list(session.scalars(select(attribute).distinct().order_by(attribute)))
