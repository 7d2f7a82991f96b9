"""The audit trail: who did what to which record, written in the caller's transaction."""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from sqlalchemy.orm import Session

from clinic_app.models import AuditEvent


@dataclass(frozen=True)
class Actor:
    """Who is acting: a signed-in user, or the operating-system account for command-line work."""

    name: str
    user_id: int | None = None

    @classmethod
    def from_os(cls) -> Actor:
        """The account running the process (used until users sign in)."""
        try:
            return cls(name=f"os:{getpass.getuser()}")
        except (KeyError, OSError):
            return cls(name="os:unknown")


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity_type: str,
    entity_id: int | None,
    summary: str = "",
) -> AuditEvent:
    """Append an event; it commits or rolls back with the change it describes."""
    event = AuditEvent(
        actor=actor.name,
        user_id=actor.user_id,
        action=action,
        entity_type=entity_type,
        entity_id=entity_id,
        summary=summary,
    )
    session.add(event)
    return event
