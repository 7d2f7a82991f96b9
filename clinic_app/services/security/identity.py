"""Who is acting: the signed-in user, their role and what it allows, the audit trail's actor.

Plain values without the ORM: the window and its idle lock hold them from the first screen on,
before the models are loaded (docs/startup.md). clinic_app.services.security.auth signs people
in and clinic_app.services.security.audit records what they do.
"""

from __future__ import annotations

import datetime as dt
import getpass
from dataclasses import dataclass

from clinic_app.services.errors import ServiceError

ADMINISTRATOR, PRACTITIONER = "administrator", "practitioner"
ROLES = (ADMINISTRATOR, PRACTITIONER)

# What each role may do. Administrators may also do everything practitioners do: in a small
# clinic the owner is often both.
PERMISSIONS: dict[str, frozenset[str]] = {
    "manage_users": frozenset({ADMINISTRATOR}),
    "manage_device_profiles": frozenset({ADMINISTRATOR}),
    "manage_templates": frozenset({ADMINISTRATOR}),
    "manage_settings": frozenset({ADMINISTRATOR}),
    "manage_backups": frozenset({ADMINISTRATOR}),
    "view_audit": frozenset({ADMINISTRATOR}),
    "consult": frozenset({ADMINISTRATOR, PRACTITIONER}),
    "record_sessions": frozenset({ADMINISTRATOR, PRACTITIONER}),
    "print": frozenset({ADMINISTRATOR, PRACTITIONER}),
}


@dataclass(frozen=True)
class Actor:
    """Who is acting: a signed-in user, or the operating-system account for command-line work."""

    name: str
    user_id: int | None = None

    @classmethod
    def from_os(cls) -> Actor:
        """The account running the process (command-line work)."""
        try:
            return cls(name=f"os:{getpass.getuser()}")
        except (KeyError, OSError):
            return cls(name="os:unknown")


@dataclass(frozen=True)
class SignedInUser:
    """Who is using the app; becomes the Actor of every audit event."""

    id: int
    username: str
    display_name: str
    role: str

    @property
    def actor(self) -> Actor:
        """This user as the author of audit events."""
        return Actor(name=self.username, user_id=self.id)

    @property
    def is_administrator(self) -> bool:
        """Whether the user has the administrator role."""
        return self.role == ADMINISTRATOR

    def can(self, permission: str) -> bool:
        """Whether the role allows ``permission`` (a key of PERMISSIONS)."""
        return self.role in PERMISSIONS.get(permission, frozenset())


@dataclass(frozen=True)
class LoginResult:
    """The signed-in user, or why sign-in was refused (and until when, when locked)."""

    user: SignedInUser | None
    message: str = ""
    locked_until: dt.datetime | None = None

    @property
    def ok(self) -> bool:
        """Whether sign-in succeeded."""
        return self.user is not None


class PermissionDeniedError(ServiceError):
    """The signed-in user's role does not allow this."""


def require(user: SignedInUser, permission: str) -> None:
    """PermissionDeniedError unless ``user`` may do ``permission``."""
    if not user.can(permission):
        allowed = " or ".join(sorted(PERMISSIONS.get(permission, frozenset()))) or "nobody"
        raise PermissionDeniedError(
            f"{user.display_name} signed in as {user.role}; this needs the {allowed} role. "
            "Ask an administrator."
        )
