"""Users and signing in: argon2 hashes, five wrong passwords lock for five minutes, roles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from clinic_app.db import Database
from clinic_app.models import AuditEvent, User
from clinic_app.services.errors import ValidationError
from clinic_app.services.security import audit_trail, auth, users
from clinic_app.services.security.auth import MAX_FAILED_LOGINS, PermissionDeniedError
from clinic_app.services.security.identity import Actor, SignedInUser
from clinic_app.services.security.users import LastAdministratorError
from clinic_app.services.settings import app_settings

PASSWORD = "correct horse 7"
T0 = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def maria(database: Database, actor: Actor) -> users.UserInfo:
    with database.session() as session:
        return users.add(session, actor, "Maria", "administrator", PASSWORD, "María López")


def _sign_in(database: Database, name: str, password: str, now: dt.datetime = T0):  # type: ignore[no-untyped-def]
    with database.session() as session:
        return auth.sign_in(session, name, password, now=now)


def _actions(database: Database) -> list[str]:
    with database.session() as session:
        return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_a_user_is_stored_with_an_argon2_hash_only(database: Database, maria) -> None:  # type: ignore[no-untyped-def]
    assert maria.username == "maria"
    assert maria.display_name == "María López"
    with database.session() as session:
        stored = session.scalars(select(User)).one()
    assert stored.password_hash is not None
    assert stored.password_hash.startswith("$argon2id$")
    assert PASSWORD not in stored.password_hash
    assert _actions(database) == ["create"]


def test_user_input_is_checked_field_by_field(database: Database, actor: Actor, maria) -> None:  # type: ignore[no-untyped-def]
    with database.session() as session:
        with pytest.raises(ValidationError) as caught:
            users.add(session, actor, "bad name", "owner", "short", "")
        assert set(caught.value.errors) == {"username", "role", "password"}
        assert "at least 8 characters" in caught.value.errors["password"]
        with pytest.raises(ValidationError, match="already taken"):
            users.add(session, actor, "MARIA", "practitioner", "another pass 9")
        with pytest.raises(ValidationError, match="must not be the user name"):
            users.add(session, actor, "longusername", "practitioner", "LongUserName")


def test_sign_in_succeeds_and_is_audited(database: Database, maria) -> None:  # type: ignore[no-untyped-def]
    result = _sign_in(database, "  MARIA ", PASSWORD)
    assert result.ok
    assert result.user is not None
    assert result.user.actor == Actor("maria", maria.id, maria.role)
    assert result.user.is_administrator
    assert _actions(database)[-1] == "login"


def test_unknown_user_and_wrong_password_say_the_same(database: Database, maria) -> None:  # type: ignore[no-untyped-def]
    unknown = _sign_in(database, "nobody", PASSWORD)
    wrong = _sign_in(database, "maria", "wrong password")
    assert not unknown.ok and not wrong.ok
    assert unknown.message.startswith("Unknown user name or wrong password.")
    assert wrong.message.startswith("Unknown user name or wrong password.")
    assert "4 attempts left" in wrong.message
    assert _actions(database)[-2:] == ["login_failed", "login_failed"]


def test_at_the_lock_a_wrong_password_is_called_so(database: Database, maria) -> None:  # type: ignore[no-untyped-def]
    """The lock asks for the password only: its refusal does not mention a user name."""
    with database.session() as session:
        wrong = auth.sign_in(session, "maria", "wrong password", now=T0, purpose="unlock")
    assert wrong.message == (
        "Wrong password. 4 attempts left before the account is locked for 5 minutes."
    )


def test_a_lock_is_audited_with_its_cause(database: Database, maria) -> None:  # type: ignore[no-untyped-def]
    user = SignedInUser(maria.id, maria.username, maria.display_name, maria.role)
    with database.session() as session:
        auth.record_lock(session, user, 1)
        auth.record_lock(session, user, 10)
        auth.record_lock(session, user, None)
    with database.session() as session:
        summaries = session.scalars(
            select(AuditEvent.summary).where(AuditEvent.action == "lock").order_by(AuditEvent.id)
        ).all()
    assert summaries == [
        "screen locked after 1 minute without input",
        "screen locked after 10 minutes without input",
        "screen locked by its user (Lock now)",
    ]


def test_five_wrong_passwords_lock_the_account_for_five_minutes(
    database: Database,
    maria,  # type: ignore[no-untyped-def]
) -> None:
    for attempt in range(1, MAX_FAILED_LOGINS):
        result = _sign_in(database, "maria", f"wrong {attempt}", T0 + dt.timedelta(seconds=attempt))
        assert not result.ok and result.locked_until is None
    locked = _sign_in(database, "maria", "wrong 5", T0 + dt.timedelta(seconds=5))
    assert locked.locked_until == T0 + dt.timedelta(seconds=5, minutes=5)
    until = locked.locked_until.astimezone().strftime("%H:%M")
    assert f"locked until {until} (in 5 minutes)" in locked.message
    assert "ask an administrator" in locked.message

    # The right password does not help while locked, and is not even checked.
    refused = _sign_in(database, "maria", PASSWORD, T0 + dt.timedelta(minutes=4))
    assert not refused.ok
    assert "in 1 minute" in refused.message
    assert _sign_in(database, "maria", PASSWORD, T0 + dt.timedelta(minutes=5, seconds=6)).ok
    actions = _actions(database)
    assert actions.count("login_failed") == 4
    assert actions[-3:] == ["lockout", "login_refused", "login"]


def test_a_success_resets_the_count_of_failures(database: Database, maria) -> None:  # type: ignore[no-untyped-def]
    for attempt in range(MAX_FAILED_LOGINS - 1):
        assert not _sign_in(database, "maria", f"wrong {attempt}").ok
    assert _sign_in(database, "maria", PASSWORD).ok
    assert "4 attempts left" in _sign_in(database, "maria", "wrong again").message


def test_an_administrator_lifts_a_lockout(database: Database, actor: Actor, maria) -> None:  # type: ignore[no-untyped-def]
    for attempt in range(MAX_FAILED_LOGINS):
        _sign_in(database, "maria", f"wrong {attempt}", dt.datetime.now(dt.UTC))
    assert _sign_in(database, "maria", PASSWORD, dt.datetime.now(dt.UTC)).locked_until
    with database.session() as session:
        users.unlock(session, actor, maria.id)
    assert _sign_in(database, "maria", PASSWORD, dt.datetime.now(dt.UTC)).ok


def test_a_disabled_user_cannot_sign_in(database: Database, actor: Actor, maria) -> None:  # type: ignore[no-untyped-def]
    with database.session() as session:
        nurse = users.add(session, actor, "nurse", "practitioner", "nurse pass 1")
        users.set_active(session, actor, nurse.id, False)
    result = _sign_in(database, "nurse", "nurse pass 1")
    assert not result.ok
    assert "disabled" in result.message


def test_the_last_administrator_stays(database: Database, actor: Actor, maria) -> None:  # type: ignore[no-untyped-def]
    with database.session() as session:
        with pytest.raises(LastAdministratorError):
            users.set_active(session, actor, maria.id, False)
        with pytest.raises(LastAdministratorError):
            users.set_role(session, actor, maria.id, "practitioner")
        other = users.add(session, actor, "boss", "administrator", "boss pass 12")
        users.set_role(session, actor, maria.id, "practitioner")
        with pytest.raises(LastAdministratorError):
            users.set_active(session, actor, other.id, False)


def test_a_new_password_replaces_the_old(database: Database, actor: Actor, maria) -> None:  # type: ignore[no-untyped-def]
    with database.session() as session:
        with pytest.raises(ValidationError):
            users.set_password(session, actor, maria.id, "aaaaaaaaaa")
        users.set_password(session, actor, maria.id, "a new passphrase")
    assert not _sign_in(database, "maria", PASSWORD).ok
    assert _sign_in(database, "maria", "a new passphrase").ok


def test_roles_decide_what_a_user_may_do(database: Database, actor: Actor, maria) -> None:  # type: ignore[no-untyped-def]
    with database.session() as session:
        users.add(session, actor, "nurse", "practitioner", "nurse pass 1")
    nurse = _sign_in(database, "nurse", "nurse pass 1").user
    admin = _sign_in(database, "maria", PASSWORD).user
    assert nurse is not None and admin is not None
    for permission in ("consult", "record_sessions", "print"):
        assert nurse.can(permission) and admin.can(permission)
    for permission in ("manage_users", "view_audit", "manage_device_profiles", "manage_templates"):
        assert admin.can(permission) and not nurse.can(permission)
        with pytest.raises(PermissionDeniedError, match="administrator role"):
            auth.require(nurse, permission)


def test_settings_have_defaults_and_ranges(database: Database, actor: Actor) -> None:
    with database.session() as session:
        assert app_settings.get(session, app_settings.IDLE_LOCK_MINUTES) == 10
        assert app_settings.get(session, app_settings.BACKUPS_KEPT) == 14
        app_settings.set_value(session, actor, app_settings.IDLE_LOCK_MINUTES, 3)
        with pytest.raises(ValidationError, match="from 1 to 240"):
            app_settings.set_value(session, actor, app_settings.IDLE_LOCK_MINUTES, 0)
        with pytest.raises(ValidationError, match="Unknown setting"):
            app_settings.get(session, "colour")
    with database.session() as session:
        assert app_settings.all_values(session) == {"idle_lock_minutes": 3, "backups_kept": 14}
        assert audit_trail.verify(session).ok


def test_production_hashes_use_argon2id_with_owasp_costs() -> None:
    """OWASP Password Storage Cheat Sheet, argon2id: m=19456 (19 MiB), t=2, p=1."""
    from argon2 import extract_parameters

    from clinic_app.services.security import passwords

    cheap = passwords.use_parameters(**passwords.PRODUCTION_PARAMETERS)
    try:
        params = extract_parameters(passwords.hash_password("a passphrase"))
    finally:
        passwords.use_parameters(**cheap)
    assert cheap["memory_cost"] < 19456  # the suite's cheap setting was in force around it
    assert params.type.name == "ID"
    assert (params.memory_cost, params.time_cost, params.parallelism) == (19456, 2, 1)


@pytest.fixture
def production_hashing() -> Iterator[None]:
    """Today's real argon2 parameters in force (the suite hashes cheaply otherwise)."""
    from clinic_app.services.security import passwords

    cheap = passwords.use_parameters(**passwords.PRODUCTION_PARAMETERS)
    yield
    passwords.use_parameters(**cheap)


def _store_earlier_hash(database: Database, user_id: int, password: str) -> str:
    """The user's hash replaced by one made as the app made them before (64 MiB, t=3, p=4)."""
    from argon2 import PasswordHasher

    from clinic_app.services.security import passwords

    earlier = PasswordHasher(**passwords.EARLIER_PARAMETERS).hash(password)
    with database.session() as session:
        user = session.get(User, user_id)
        assert user is not None
        user.password_hash = earlier
    return earlier


def _stored_hash(database: Database, user_id: int) -> str:
    with database.session() as session:
        user = session.get(User, user_id)
        assert user is not None and user.password_hash is not None
        return user.password_hash


def test_an_earlier_64_mib_hash_signs_in_and_is_rehashed(
    database: Database,
    maria,  # type: ignore[no-untyped-def]
    production_hashing: None,
) -> None:
    from argon2 import PasswordHasher, extract_parameters

    _store_earlier_hash(database, maria.id, PASSWORD)
    before = _actions(database)
    assert _sign_in(database, "maria", PASSWORD).ok
    renewed = _stored_hash(database, maria.id)
    params = extract_parameters(renewed)
    assert (params.memory_cost, params.time_cost, params.parallelism) == (19456, 2, 1)
    assert PasswordHasher().verify(renewed, PASSWORD)  # the same password, a new hash
    with database.session() as session:
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()[len(before) :]
    assert [(e.action, e.summary) for e in events] == [
        ("login", "signed in"),
        ("update", auth.REHASHED),
    ]
    assert all(e.entity_id == maria.id for e in events)
    assert PASSWORD not in auth.REHASHED
    # Renewed once: the next sign-in keeps the hash and records only itself.
    assert _sign_in(database, "maria", PASSWORD).ok
    assert _stored_hash(database, maria.id) == renewed
    assert _actions(database)[-1] == "login"
    with database.session() as session:
        assert audit_trail.verify(session).ok


def test_a_wrong_password_against_an_earlier_hash_is_refused_and_counted_once(
    database: Database,
    maria,  # type: ignore[no-untyped-def]
    production_hashing: None,
) -> None:
    earlier = _store_earlier_hash(database, maria.id, PASSWORD)
    before = _actions(database)
    wrong = _sign_in(database, "maria", "not the password")
    assert not wrong.ok
    assert "4 attempts left" in wrong.message
    assert _stored_hash(database, maria.id) == earlier  # nothing renewed on a refusal
    assert _actions(database)[len(before) :] == ["login_failed"]
    with database.session() as session:
        user = session.get(User, maria.id)
        assert user is not None and user.failed_logins == 1
