"""Races between two workstations (two engines on one database), 20 rounds on each backend:
two administrators disabling each other at the same moment always leave one active
administrator; wrong passwords typed at the same moment are each counted and audited.

The window between reading and writing is widened (a short sleep where a unit of work has read
what it decides on), so that an interleaving that is possible at all happens in every round."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

import pytest
from sqlalchemy import func, select

from clinic_app.db import Database
from clinic_app.models import AuditEvent, User
from clinic_app.services.security import auth, passwords, users
from clinic_app.services.security.identity import Actor

ROUNDS = 20
PASSWORD = "the right one 1"
WIDEN = 0.02  # seconds between a decision's read and its write


@pytest.fixture
def second(database: Database) -> Iterator[Database]:
    """The other workstation: its own engine and connections to the same database."""
    other = Database(database.url)
    yield other
    other.close()


def _together(*work: Callable[[], Any]) -> list[Any]:
    """Run each function in its own thread, started at the same moment; their results (or the
    exception each raised)."""
    start = threading.Barrier(len(work))
    results: list[Any] = [None] * len(work)

    def run(index: int, function: Callable[[], Any]) -> None:
        start.wait()
        try:
            results[index] = function()
        except Exception as exc:  # the test looks at what each one got
            results[index] = exc

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(work)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def _disable(db: Database, who: users.UserInfo, whom: users.UserInfo) -> object:
    with db.session() as session:
        return users.set_active(session, Actor(who.username, who.id, who.role), whom.id, False)


def _wrong(db: Database, attempt: str) -> object:
    with db.session() as session:
        return auth.sign_in(session, "maria", f"wrong {attempt}")


def test_two_administrators_disabling_each_other_leave_one_active(
    database: Database, second: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    counted = users._active_administrators

    def slow_count(session: Any) -> int:
        found = counted(session)
        time.sleep(WIDEN)  # the other workstation counts meanwhile, if it can
        return found

    monkeypatch.setattr(users, "_active_administrators", slow_count)
    setup = Actor("setup", role="administrator")
    failures: list[str] = []
    for number in range(ROUNDS):
        with database.session() as session:
            one = users.add(session, setup, f"ana{number}", users.ADMINISTRATOR, PASSWORD)
            two = users.add(session, setup, f"ben{number}", users.ADMINISTRATOR, PASSWORD)
            for earlier in users.list_all(session):  # only these two are active administrators
                if earlier.id not in (one.id, two.id) and earlier.active:
                    users.set_active(session, setup, earlier.id, False)

        results = _together(
            partial(_disable, database, one, two), partial(_disable, second, two, one)
        )
        with database.session() as session:
            active = session.scalar(
                select(func.count())
                .select_from(User)
                .where(User.role == users.ADMINISTRATOR, User.active)
            )
        refused = [r for r in results if isinstance(r, users.LastAdministratorError)]
        others = [r for r in results if isinstance(r, Exception) and r not in refused]
        if active != 1 or len(refused) != 1 or others:
            failures.append(f"round {number}: {active} active administrators; {results!r}")
    print(
        f"\nadministrators disabling each other ({database.dialect}): {ROUNDS} rounds, "
        f"{len(failures)} failed"
    )
    assert not failures, "\n".join(failures)


def test_wrong_passwords_at_the_same_moment_are_each_counted_and_audited(
    database: Database, second: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = passwords.password_matches

    def slow_check(stored: str | None, password: str) -> bool:
        time.sleep(WIDEN)  # argon2 takes its time; the other sign-in reads meanwhile, if it can
        return checked(stored, password)

    monkeypatch.setattr(auth, "password_matches", slow_check)
    with database.session() as session:
        user = users.add(
            session, Actor("setup", role="administrator"), "maria", users.PRACTITIONER, PASSWORD
        )

    failures: list[str] = []
    for number in range(ROUNDS):
        with database.session() as session:
            users.unlock(session, Actor("setup", role="administrator"), user.id)
            before = session.scalar(
                select(func.count())
                .select_from(AuditEvent)
                .where(AuditEvent.action == "login_failed")
            )
        results = _together(
            partial(_wrong, database, f"{number}a"), partial(_wrong, second, f"{number}b")
        )
        with database.session() as session:
            stored = session.get(User, user.id)
            assert stored is not None
            audited = session.scalar(
                select(func.count())
                .select_from(AuditEvent)
                .where(AuditEvent.action == "login_failed")
            )
        errors = [r for r in results if isinstance(r, Exception)]
        if errors or stored.failed_logins != 2 or (audited or 0) - (before or 0) != 2:
            failures.append(
                f"round {number}: failed_logins={stored.failed_logins}, "
                f"{(audited or 0) - (before or 0)} events; {errors!r}"
            )
    print(
        f"\nwrong passwords at once ({database.dialect}): {ROUNDS} rounds, {len(failures)} failed"
    )
    assert not failures, "\n".join(failures)
