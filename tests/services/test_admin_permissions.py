"""The services, not the window, decide who may do an administrator's task: every use case in
identity.ADMIN_USE_CASES refuses a practitioner, says why, and writes nothing (issue 18).

A new administrator's service is registered with ``@admin_use_case(...)``; the registry test
below then fails until a call for it is added to CALLS."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

import clinic_app.services
from clinic_app.db import Database
from clinic_app.models import AuditEvent
from clinic_app.services import backup_jobs
from clinic_app.services.security import audit, audit_anchor, audit_trail, users
from clinic_app.services.security.identity import (
    ADMIN_USE_CASES,
    Actor,
    PermissionDeniedError,
    SignedInUser,
)
from clinic_app.services.settings import app_settings, clinic, price_list

LEO = SignedInUser(2, "leo", "Leo Park", "practitioner")
PRACTITIONER = LEO.actor


class Seeded:
    """What the calls need: the database, an administrator to act upon, folders."""

    __test__ = False

    def __init__(self, database: Database, admin_id: int, data_dir: Path, tmp: Path) -> None:
        self.database, self.admin_id, self.data_dir, self.tmp = database, admin_id, data_dir, tmp


def _in_session(call: Callable[..., object]) -> Callable[[Seeded], object]:
    def run(seeded: Seeded) -> object:
        with seeded.database.session() as session:
            return call(session, seeded)

    return run


CALLS: dict[str, Callable[[Seeded], object]] = {
    "clinic_app.services.security.users.add": _in_session(
        lambda s, _: users.add(s, PRACTITIONER, "newcomer", "administrator", "a passphrase 9")
    ),
    "clinic_app.services.security.users.set_password": _in_session(
        lambda s, x: users.set_password(s, PRACTITIONER, x.admin_id, "a passphrase 2")
    ),
    "clinic_app.services.security.users.set_role": _in_session(
        lambda s, x: users.set_role(s, PRACTITIONER, x.admin_id, "practitioner")
    ),
    "clinic_app.services.security.users.set_active": _in_session(
        lambda s, x: users.set_active(s, PRACTITIONER, x.admin_id, False)
    ),
    "clinic_app.services.security.users.unlock": _in_session(
        lambda s, x: users.unlock(s, PRACTITIONER, x.admin_id)
    ),
    "clinic_app.services.settings.clinic.save": _in_session(
        lambda s, _: clinic.save(s, PRACTITIONER, clinic.ClinicDetails("Mine", "+1 555 0199"))
    ),
    "clinic_app.services.settings.app_settings.set_value": _in_session(
        lambda s, _: app_settings.set_value(s, PRACTITIONER, app_settings.BACKUPS_KEPT, 3)
    ),
    "clinic_app.services.settings.price_list.save": _in_session(
        lambda s, x: price_list.save(s, LEO, x.data_dir, "USD", "$", {"light": {"nose": "1"}})
    ),
    "clinic_app.services.backup_jobs.back_up": lambda x: backup_jobs.back_up(
        x.database, PRACTITIONER, x.tmp / "copy.db", x.data_dir
    ),
    "clinic_app.services.backup_jobs.restore": lambda x: backup_jobs.restore(
        x.database.url, PRACTITIONER, x.tmp / "copy.db", x.tmp / "clinic.db", x.data_dir
    ),
    "clinic_app.services.security.audit.repair_head": _in_session(
        lambda s, _: audit.repair_head(s, PRACTITIONER)
    ),
    "clinic_app.services.security.audit_anchor.accept": _in_session(
        lambda s, x: audit_anchor.accept(s, PRACTITIONER, x.data_dir, "key")
    ),
    "clinic_app.services.security.audit_trail.export_events": _in_session(
        lambda s, _: audit_trail.export_events(s, PRACTITIONER)
    ),
}


def test_every_registered_admin_use_case_is_called_below():
    for module in pkgutil.walk_packages(clinic_app.services.__path__, "clinic_app.services."):
        importlib.import_module(module.name)  # each registers its use cases on import
    assert set(ADMIN_USE_CASES) == set(CALLS)


@pytest.fixture
def seeded(database: Database, actor: Actor, data_dir: Path, tmp_path: Path) -> Seeded:
    with database.session() as session:
        admin = users.add(session, actor, "ana", "administrator", "a passphrase 1", "Ana Ruiz")
        clinic.save(session, actor, clinic.ClinicDetails("Clinic", "+1 555 0100"))
    return Seeded(database, admin.id, data_dir, tmp_path)


def _events(database: Database) -> int:
    with database.session() as session:
        return int(session.scalar(select(func.count()).select_from(AuditEvent)) or 0)


@pytest.mark.parametrize("name", sorted(CALLS))
def test_a_practitioner_is_refused_by_every_admin_service(seeded: Seeded, name: str):
    before = _events(seeded.database)
    with pytest.raises(PermissionDeniedError) as refused:
        CALLS[name](seeded)
    message = str(refused.value)
    assert "practitioner" in message and "administrator role" in message, message
    assert "Ask an administrator" in message
    assert _events(seeded.database) == before, "a refused use case records nothing"
    assert not (seeded.tmp / "copy.db").exists()


def test_a_role_less_actor_is_refused_and_the_os_account_is_an_administrator(seeded: Seeded):
    with seeded.database.session() as session, pytest.raises(PermissionDeniedError) as refused:
        app_settings.set_value(session, Actor("clinic-app:search-index"), "backups_kept", 3)
    assert "acting without a role" in str(refused.value)
    with seeded.database.session() as session:
        assert app_settings.set_value(session, Actor.from_os(), app_settings.BACKUPS_KEPT, 3) == 3


def test_the_first_clinic_details_may_be_entered_by_whoever_signs_in(database: Database):
    nurse = Actor("nurse", None, "practitioner")  # no user row needed here
    with database.session() as session:
        clinic.save(session, nurse, clinic.ClinicDetails("First", "+1 555 0100"))
    with database.session() as session, pytest.raises(PermissionDeniedError):
        clinic.save(session, nurse, clinic.ClinicDetails("Second", "+1 555 0100"))


def test_anyone_changes_their_own_password(seeded: Seeded):
    with seeded.database.session() as session:
        leo = users.add(
            session, Actor.from_os(), "leo", "practitioner", "a passphrase 3", "Leo Park"
        )
        users.change_own_password(session, Actor("leo", leo.id, "practitioner"), "new phrase 4")
