"""The people who sign in: add them, list them, change passwords, roles and access.

Passwords are stored only as argon2id hashes (services/security/auth.py). Every change is audited.
There is always at least one active administrator: the last one cannot be disabled or demoted.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clinic_app.models import User
from clinic_app.services.errors import (
    NotFoundError,
    ServiceError,
    ValidationError,
    is_record_id,
)
from clinic_app.services.security import audit

# The roles are part of this module's face (users.ADMINISTRATOR): re-exported explicitly.
from clinic_app.services.security.identity import ADMINISTRATOR as ADMINISTRATOR
from clinic_app.services.security.identity import PRACTITIONER as PRACTITIONER
from clinic_app.services.security.identity import ROLES as ROLES
from clinic_app.services.security.identity import Actor, admin_use_case
from clinic_app.services.security.passwords import hash_password

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 256
MAX_USERNAME_LENGTH = 60
MAX_DISPLAY_NAME_LENGTH = 200
_USERNAME = re.compile(r"[^\W_][\w.\-]*")
ENTITY = "user"


@dataclass(frozen=True)
class UserInfo:
    """A user as lists show them (never the password hash)."""

    id: int
    username: str
    display_name: str
    role: str
    active: bool
    locked_until: dt.datetime | None
    created_at: dt.datetime
    version: int


def _info(user: User) -> UserInfo:
    return UserInfo(
        user.id,
        user.username,
        user.display_name,
        user.role,
        user.active,
        user.locked_until,
        user.created_at,
        user.version,
    )


def normalise_username(username: str) -> str:
    """User names are compared without regard to case or Unicode form."""
    return unicodedata.normalize("NFKC", username).strip().casefold()


def username_problem(username: str) -> str | None:
    """Why ``username`` (already normalised) cannot be used, or None."""
    if not username:
        return "Enter a user name."
    if len(username) > MAX_USERNAME_LENGTH:
        return f"A user name has at most {MAX_USERNAME_LENGTH} characters."
    if not _USERNAME.fullmatch(username):
        return (
            "A user name starts with a letter or digit and contains only letters, digits, "
            "dots, hyphens and underscores (no spaces)."
        )
    return None


def password_problem(password: str, username: str = "") -> str | None:
    """Why ``password`` is too weak or unusable, or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"A password has at least {MIN_PASSWORD_LENGTH} characters."
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"A password has at most {MAX_PASSWORD_LENGTH} characters."
    if "\x00" in password:
        return "A password cannot contain a NUL character."
    if username and normalise_username(password) == normalise_username(username):
        return "The password must not be the user name."
    if len(set(password)) < 3:
        return "The password repeats too few characters; choose something harder to guess."
    return None


def _display_name_problem(display_name: str) -> str | None:
    if len(display_name) > MAX_DISPLAY_NAME_LENGTH:
        return f"A name has at most {MAX_DISPLAY_NAME_LENGTH} characters."
    if any(unicodedata.category(char) == "Cc" for char in display_name):
        return "The name contains a control character; retype it."
    return None


def _role_problem(role: str) -> str | None:
    return None if role in ROLES else f"The role must be one of: {', '.join(ROLES)}."


def find(session: Session, username: str) -> User | None:
    """The user with this name (any case), or None."""
    name = normalise_username(username)
    if username_problem(name):
        return None  # no such user can exist (and NUL cannot even be compared on PostgreSQL)
    return session.scalars(select(User).where(User.username == name)).one_or_none()


def get(session: Session, user_id: int) -> User:
    """The user with this id, or NotFoundError."""
    user = session.get(User, user_id) if is_record_id(user_id) else None
    if user is None:
        raise NotFoundError(f"There is no user #{user_id}.")
    return user


def count(session: Session) -> int:
    """How many users exist (0 before the first start has created the administrator)."""
    return int(session.scalar(select(func.count()).select_from(User)) or 0)


def list_all(session: Session) -> list[UserInfo]:
    """Every user, by user name."""
    return [_info(user) for user in session.scalars(select(User).order_by(User.username))]


@admin_use_case("manage_users")
def add(
    session: Session,
    actor: Actor,
    username: str,
    role: str,
    password: str,
    display_name: str = "",
) -> UserInfo:
    """Create a user; ValidationError names each field that cannot be used."""
    name = normalise_username(username)
    display = " ".join(display_name.split()) or name
    errors = {
        field: problem
        for field, problem in (
            ("username", username_problem(name)),
            ("role", _role_problem(role)),
            ("password", password_problem(password, name)),
            ("display_name", _display_name_problem(display)),
        )
        if problem
    }
    if not errors and find(session, name) is not None:
        errors["username"] = f"The user name '{name}' is already taken; choose another."
    if errors:
        raise ValidationError(errors)
    user = User(
        username=name,
        display_name=display,
        role=role,
        password_hash=hash_password(password),
        active=True,
        failed_logins=0,
    )
    session.add(user)
    session.flush()
    audit.record(session, actor, "create", ENTITY, user.id, f"user '{name}' added as {role}")
    return _info(user)


@admin_use_case("manage_users")
def set_password(session: Session, actor: Actor, user_id: int, password: str) -> None:
    """Reset a user's password (and lift a lockout): an administrator's task."""
    _set_password(session, actor, get(session, user_id), password)


def change_own_password(session: Session, actor: Actor, password: str) -> None:
    """The signed-in ``actor`` replaces their own password (any role)."""
    if actor.user_id is None:
        raise NotFoundError(f"{actor.name} is not a user of the app; there is no password.")
    _set_password(session, actor, get(session, actor.user_id), password)


def _set_password(session: Session, actor: Actor, user: User, password: str) -> None:
    if problem := password_problem(password, user.username):
        raise ValidationError({"password": problem})
    user.password_hash = hash_password(password)
    user.failed_logins = 0
    user.locked_until = None
    session.flush()
    audit.record(session, actor, "update", ENTITY, user.id, "password changed")


def _active_administrators(session: Session) -> int:
    """How many administrators may sign in, their rows locked until the transaction ends.

    Two administrators disabling (or demoting) each other at the same moment are then decided
    one after the other: on PostgreSQL the second waits for the first's row lock and counts
    again once it has committed; on SQLite the session's write lock does the same.
    """
    stmt = (
        select(User.id)
        .where(User.role == ADMINISTRATOR, User.active)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return len(session.scalars(stmt).all())


class LastAdministratorError(ServiceError):
    """The change would leave nobody able to manage users."""

    def __init__(self) -> None:
        super().__init__(
            "This is the only active administrator; add another administrator first, "
            "or nobody could manage users any more."
        )


@admin_use_case("manage_users")
def set_role(session: Session, actor: Actor, user_id: int, role: str) -> UserInfo:
    """Make a user an administrator or a practitioner."""
    if problem := _role_problem(role):
        raise ValidationError({"role": problem})
    user = get(session, user_id)
    if user.role == role:
        return _info(user)
    if user.role == ADMINISTRATOR and user.active and _active_administrators(session) <= 1:
        raise LastAdministratorError()
    user.role = role
    session.flush()
    audit.record(session, actor, "update", ENTITY, user.id, f"role changed to {role}")
    return _info(user)


@admin_use_case("manage_users")
def set_active(session: Session, actor: Actor, user_id: int, active: bool) -> UserInfo:
    """Allow or stop a user signing in (users are never deleted: the trail names them)."""
    user = get(session, user_id)
    if user.active == active:
        return _info(user)
    if not active and user.role == ADMINISTRATOR and _active_administrators(session) <= 1:
        raise LastAdministratorError()
    user.active = active
    session.flush()
    audit.record(
        session, actor, "update", ENTITY, user.id, "access enabled" if active else "disabled"
    )
    return _info(user)


@admin_use_case("manage_users")
def unlock(session: Session, actor: Actor, user_id: int) -> UserInfo:
    """Lift a lockout after failed sign-ins before it expires."""
    user = get(session, user_id)
    user.failed_logins = 0
    user.locked_until = None
    session.flush()
    audit.record(session, actor, "update", ENTITY, user.id, "lockout lifted")
    return _info(user)
