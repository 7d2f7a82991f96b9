"""Signing in, lockout after failed attempts, and what each role may do.

:func:`sign_in` returns a :class:`LoginResult` rather than raising, so that the caller's
transaction commits the failed-attempt count and the audit event even when sign-in is refused.
Five wrong passwords in a row lock the account for five minutes. A password hash made with
earlier argon2 parameters is replaced, at the sign-in it let through, by one made with today's
(audited as an update of the user, like a password change).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic_app.domain.clock import minutes_text
from clinic_app.models import User, utc_now
from clinic_app.services.security import audit
from clinic_app.services.security.identity import Actor, LoginResult, SignedInUser
from clinic_app.services.security.identity import PermissionDeniedError as PermissionDeniedError
from clinic_app.services.security.identity import require as require
from clinic_app.services.security.passwords import hash_password, needs_rehash, password_matches
from clinic_app.services.security.users import normalise_username, username_problem

MAX_FAILED_LOGINS = 5
LOCKOUT = dt.timedelta(minutes=5)
ENTITY = "user"
REHASHED = "password hash renewed with today's argon2id parameters (same password)"


def format_local_time(instant: dt.datetime, now: dt.datetime) -> str:
    """'14:32 (in 5 minutes)' in the computer's time zone."""
    minutes = max(1, round((instant - now).total_seconds() / 60))
    return f"{instant.astimezone():%H:%M} (in {minutes_text(minutes)})"


def signed_in(user: User) -> SignedInUser:
    return SignedInUser(user.id, user.username, user.display_name, user.role)


def sign_in(
    session: Session,
    username: str,
    password: str,
    *,
    now: dt.datetime | None = None,
    purpose: str = "login",
) -> LoginResult:
    """Check a user name and password; count failures and lock after MAX_FAILED_LOGINS.

    ``purpose`` is "login" (start of the app) or "unlock" (the idle lock), which names the
    audit event and the wording: at the lock only the password is typed, so a refusal speaks of
    the password alone (at sign-in it never says which of the two was wrong). Commit the
    session whatever the result.
    """
    now = now or utc_now()
    name = normalise_username(username)
    user = None
    if username_problem(name) is None:  # a name no user can have is simply unknown
        user = session.scalars(
            select(User)
            .where(User.username == name)
            .with_for_update()
            .execution_options(populate_existing=True)
        ).one_or_none()
    if user is None:
        password_matches(None, password)  # same time as a real check
        audit.record(
            session, Actor("(unknown user)"), "login_failed", ENTITY, None, "unknown user name"
        )
        return LoginResult(None, "Unknown user name or wrong password.")
    actor = Actor(user.username, user.id)
    if user.locked_until is not None and user.locked_until > now:
        audit.record(session, actor, "login_refused", ENTITY, user.id, "account locked")
        return LoginResult(None, _locked_message(user, now), user.locked_until)
    if not password_matches(user.password_hash, password):
        return _failed(session, user, actor, now, purpose)
    if not user.active:
        audit.record(session, actor, "login_refused", ENTITY, user.id, "account disabled")
        return LoginResult(
            None, f"The account '{user.username}' is disabled; ask an administrator."
        )
    if user.failed_logins or user.locked_until is not None:
        user.failed_logins = 0
        user.locked_until = None
    rehashed = bool(user.password_hash) and needs_rehash(user.password_hash or "")
    if rehashed:  # made with earlier parameters: stored again with today's (passwords.py)
        user.password_hash = hash_password(password)
    session.flush()
    summary = "signed in" if purpose == "login" else "unlocked the screen"
    audit.record(session, actor, purpose, ENTITY, user.id, summary)
    if rehashed:  # a change of the users row, audited as a password change is (users.py)
        audit.record(session, actor, "update", ENTITY, user.id, REHASHED)
    return LoginResult(signed_in(user))


def _failed(
    session: Session, user: User, actor: Actor, now: dt.datetime, purpose: str
) -> LoginResult:
    user.failed_logins = (user.failed_logins or 0) + 1
    if user.failed_logins >= MAX_FAILED_LOGINS:
        user.failed_logins = 0
        user.locked_until = now + LOCKOUT
        session.flush()
        audit.record(
            session, actor, "lockout", ENTITY, user.id, f"{MAX_FAILED_LOGINS} wrong passwords"
        )
        return LoginResult(None, _locked_message(user, now), user.locked_until)
    session.flush()
    left = MAX_FAILED_LOGINS - user.failed_logins
    audit.record(
        session,
        actor,
        "login_failed",
        ENTITY,
        user.id,
        f"wrong password ({user.failed_logins} of {MAX_FAILED_LOGINS})",
    )
    attempts = "attempt" if left == 1 else "attempts"
    wrong = "Wrong password." if purpose == "unlock" else "Unknown user name or wrong password."
    return LoginResult(
        None,
        f"{wrong} {left} {attempts} left before the account is locked for "
        f"{minutes_text(int(LOCKOUT.total_seconds() // 60))}.",
    )


def _locked_message(user: User, now: dt.datetime) -> str:
    assert user.locked_until is not None
    return (
        f"Too many wrong passwords: the account '{user.username}' is locked until "
        f"{format_local_time(user.locked_until, now)}. Try again then, or ask an "
        "administrator to unlock it."
    )


def lock_summary(idle_minutes: int | None) -> str:
    """How the screen came to lock: after ``idle_minutes`` without input, or (None) at the
    user's own request (Account > Lock now, Ctrl+L)."""
    if idle_minutes is None:
        return "screen locked by its user (Lock now)"
    return f"screen locked after {minutes_text(idle_minutes)} without input"


def record_lock(session: Session, user: SignedInUser, idle_minutes: int | None) -> None:
    """Audit that the screen locked: by itself after ``idle_minutes`` without input, or on
    the user's request (``idle_minutes`` None)."""
    audit.record(session, user.actor, "lock", ENTITY, user.id, lock_summary(idle_minutes))


def sign_out(session: Session, user: SignedInUser) -> None:
    """Audit the end of a session (the window closed)."""
    audit.record(session, user.actor, "logout", ENTITY, user.id, "signed out")
