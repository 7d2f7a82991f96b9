"""The audit trail: who did what to which record, written in the caller's transaction.

Events form a hash chain: each stores the SHA-256 of the previous event's hash together with its
own content (:func:`event_hash`), so an edited, inserted or deleted row is found by
:func:`verify`. Appending first updates the single ``audit_chain_head`` row, which takes the
write lock on SQLite and a row lock on PostgreSQL: concurrent writers append one after another,
never forking the chain. Summaries name the record, never clinical detail.

A missing head row is never rebuilt silently: every append is refused (AuditChainError, with
what to do) until an administrator repairs it deliberately (:func:`repair_head`, ``clinic-app
audit repair-head``), which is itself recorded. Anchors outside the database:
audit_anchor.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from clinic_app.models import AuditChainHead, AuditEvent, utc_now
from clinic_app.services.errors import ServiceError
from clinic_app.services.security.identity import Actor, admin_use_case

GENESIS_HASH = "0" * 64
HASH_FORMAT = 1
HEAD_ID = 1


class AuditChainError(ServiceError):
    """The audit trail cannot be appended to as it is; nothing of the change was saved."""


HEAD_MISSING = (
    "The audit trail's record of its newest event (the table audit_chain_head) is missing: the "
    "database was changed outside the app. Nothing was saved, and nothing will be until an "
    "administrator has checked the trail ('clinic-app audit verify', and its newest hash "
    "against one noted earlier or a backup) and repaired it with 'clinic-app audit "
    "repair-head', which records the repair in the trail."
)


@dataclass(frozen=True)
class Change:
    """One event to append: what was done to which record, summarised without clinical detail."""

    action: str
    entity_type: str
    entity_id: int | None
    summary: str = ""


def _instant(value: dt.datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def event_hash(
    *,
    occurred_at: dt.datetime,
    user_id: int | None,
    actor: str,
    action: str,
    entity_type: str,
    entity_id: int | None,
    summary: str,
    prev_hash: str,
) -> str:
    """SHA-256 (hex) of an event's content and the previous event's hash (format 1).

    Migration 0002 keeps a frozen copy of this function; change both or neither.
    """
    content = {
        "format": HASH_FORMAT,
        "occurred_at": _instant(occurred_at),
        "user_id": user_id,
        "actor": actor,
        "action": action,
        "entity_type": entity_type,
        "entity_id": entity_id,
        "summary": summary,
        "prev_hash": prev_hash,
    }
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _lock_head(session: Session) -> str:
    """Take the append lock and return the hash of the newest event, in one statement: the
    UPDATE locks the head row (on PostgreSQL, waiting for a concurrent append to commit and then
    returning the row as it left it) and RETURNING reads it."""
    last_hash = session.execute(
        update(AuditChainHead)
        .where(AuditChainHead.id == HEAD_ID)
        .values(last_hash=AuditChainHead.last_hash)
        .returning(AuditChainHead.last_hash)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()
    if last_hash is None:
        raise AuditChainError(HEAD_MISSING)  # never rebuilt from whatever is newest, silently
    return str(last_hash)


def _move_head(session: Session, last_event_id: int, last_hash: str) -> None:
    session.execute(
        update(AuditChainHead)
        .where(AuditChainHead.id == HEAD_ID)
        .values(last_event_id=last_event_id, last_hash=last_hash)
        .execution_options(synchronize_session=False)
    )


def _chained(actor: Actor, changes: Iterable[Change], prev_hash: str) -> list[dict[str, object]]:
    now = utc_now()
    rows: list[dict[str, object]] = []
    for change in changes:
        values: dict[str, object] = {
            "occurred_at": now,
            "user_id": actor.user_id,
            "actor": actor.name,
            "action": change.action,
            "entity_type": change.entity_type,
            "entity_id": change.entity_id,
            "summary": change.summary,
            "prev_hash": prev_hash,
        }
        prev_hash = event_hash(**values)  # type: ignore[arg-type]
        values["event_hash"] = prev_hash
        rows.append(values)
    return rows


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity_type: str,
    entity_id: int | None,
    summary: str = "",
) -> AuditEvent:
    """Append an event; it commits or rolls back with the change it describes."""
    prev_hash = _lock_head(session)
    (values,) = _chained(actor, [Change(action, entity_type, entity_id, summary)], prev_hash)
    event = AuditEvent(**values)
    session.add(event)
    session.flush()
    _move_head(session, event.id, event.event_hash)
    return event


def record_many(session: Session, actor: Actor, changes: Sequence[Change]) -> int:
    """Append many events at once (bulk work such as demo data); returns how many."""
    if not changes:
        return 0
    rows = _chained(actor, changes, _lock_head(session))
    ids = session.scalars(
        insert(AuditEvent).returning(AuditEvent.id, sort_by_parameter_order=True), rows
    ).all()
    _move_head(session, ids[-1], str(rows[-1]["event_hash"]))
    return len(ids)


@admin_use_case("repair_audit")
def repair_head(session: Session, actor: Actor) -> tuple[int | None, str]:
    """Recreate a missing head row from the newest event, and record that in the trail.

    The deliberate way out of :data:`HEAD_MISSING`, for an administrator who has checked the
    trail. Returns the newest event's id and hash the chain continues from. ValueError when the
    head row is there (nothing to repair).
    """
    if session.get(AuditChainHead, HEAD_ID) is not None:
        raise ValueError("the head of the audit trail is there; nothing to repair")
    newest = session.execute(
        select(AuditEvent.id, AuditEvent.event_hash).order_by(AuditEvent.id.desc()).limit(1)
    ).first()
    last_id, last_hash = (newest.id, newest.event_hash) if newest else (None, GENESIS_HASH)
    session.add(AuditChainHead(id=HEAD_ID, last_event_id=last_id, last_hash=last_hash))
    session.flush()
    where = f"event #{last_id}" if last_id is not None else "the start"
    record(
        session,
        actor,
        "audit_repair",
        "audit_trail",
        None,
        f"the record of the newest event was missing; the chain continues from {where}",
    )
    return last_id, last_hash
