"""Who is acting: the signed-in user, their role and what it allows, the audit trail's actor.

Plain values without the ORM: the window and its idle lock hold them from the first screen on,
before the models are loaded (docs/startup.md). clinic_app.services.security.auth signs people
in and clinic_app.services.security.audit records what they do.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

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
    "repair_audit": frozenset({ADMINISTRATOR}),
    "consult": frozenset({ADMINISTRATOR, PRACTITIONER}),
    "record_sessions": frozenset({ADMINISTRATOR, PRACTITIONER}),
    "print": frozenset({ADMINISTRATOR, PRACTITIONER}),
}
# How a refusal names what was asked for.
PERMISSION_LABELS = {
    "manage_users": "managing users",
    "manage_device_profiles": "changing device profiles",
    "manage_templates": "changing templates",
    "manage_settings": "changing the clinic's settings",
    "manage_backups": "backing up and restoring the database",
    "view_audit": "reading the audit trail",
    "repair_audit": "repairing the audit trail",
    "consult": "consulting",
    "record_sessions": "recording treatment sessions",
    "print": "printing",
}


@dataclass(frozen=True)
class Actor:
    """Who is acting: a signed-in user, or the operating-system account for command-line work.

    ``role`` is what the services check (:func:`require`); an actor without one (a background
    job such as the search index) may do nothing that needs a permission.
    """

    name: str
    user_id: int | None = None
    role: str = ""

    @classmethod
    def from_os(cls) -> Actor:
        """The account running the process (command-line work, and the window before anyone
        has signed in): trusted as an administrator of its own machine (docs/security.md)."""
        try:
            import getpass  # here, when first asked: the first screen does not ask

            return cls(name=f"os:{getpass.getuser()}", role=ADMINISTRATOR)
        except (KeyError, OSError):
            return cls(name="os:unknown", role=ADMINISTRATOR)

    def can(self, permission: str) -> bool:
        """Whether the role allows ``permission`` (a key of PERMISSIONS)."""
        return self.role in PERMISSIONS.get(permission, frozenset())


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
        return Actor(name=self.username, user_id=self.id, role=self.role)

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


def require(who: SignedInUser | Actor, permission: str) -> None:
    """PermissionDeniedError unless ``who`` may do ``permission``: the services call it for every
    administrator's use case (see :func:`admin_use_case`); the window's checks only come first."""
    if who.can(permission):
        return
    allowed = " or ".join(sorted(PERMISSIONS.get(permission, frozenset()))) or "nobody"
    name = who.display_name if isinstance(who, SignedInUser) else who.name
    acting = f"signed in as {who.role}" if who.role else "acting without a role"
    what = PERMISSION_LABELS.get(permission, permission)
    raise PermissionDeniedError(
        f"{name} is {acting}; {what} needs the {allowed} role. Ask an administrator."
    )


_P = ParamSpec("_P")
_R = TypeVar("_R")
# Every administrator's use case, by "module.function": the permission it needs. Filled by
# admin_use_case; tests/services/test_admin_permissions.py calls each one as a practitioner.
ADMIN_USE_CASES: dict[str, str] = {}


def admin_use_case(
    permission: str, *, checks_itself: bool = False
) -> Callable[[Callable[_P, _R]], Callable[_P, _R]]:
    """Register a service function as an administrator's use case and, unless it
    ``checks_itself`` (e.g. a first-start exemption), refuse its ``actor`` (or ``user``)
    argument before the body runs unless it may do ``permission``."""
    if permission not in PERMISSIONS:
        raise ValueError(f"unknown permission {permission!r}")

    def register(func: Callable[_P, _R]) -> Callable[_P, _R]:
        ADMIN_USE_CASES[f"{func.__module__}.{func.__qualname__}"] = permission
        if checks_itself:
            return func
        names = func.__code__.co_varnames[: func.__code__.co_argcount]
        name = "actor" if "actor" in names else "user"
        index = names.index(name)

        @functools.wraps(func)
        def guarded(*args: _P.args, **kwargs: _P.kwargs) -> _R:
            who = kwargs[name] if name in kwargs else args[index]
            require(who, permission)  # type: ignore[arg-type]
            return func(*args, **kwargs)

        return guarded

    return register
