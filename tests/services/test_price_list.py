"""The clinic's price list on both backends: an administrator's prices are checked, written as
the clinic's own, read by the estimates and audited; a practitioner may not."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from clinic_app.domain.consultation.pricing import load_price_list
from clinic_app.models import AuditEvent
from clinic_app.services.errors import ValidationError
from clinic_app.services.security import users
from clinic_app.services.security.identity import PermissionDeniedError, SignedInUser
from clinic_app.services.settings import price_list

PRACTITIONER = SignedInUser(2, "leo", "Leo Park", "practitioner")


@pytest.fixture
def admin(database, actor) -> SignedInUser:
    with database.session() as session:
        info = users.add(session, actor, "ana", "administrator", "secret-pass-1", "Ana Ruiz")
    return SignedInUser(info.id, "ana", "Ana Ruiz", "administrator")


def test_the_clinic_saves_its_own_prices(database, data_dir, admin):
    assert price_list.current(data_dir).placeholder
    with database.session() as session:
        saved = price_list.save(
            session, admin, data_dir, "eur", "€", {"moderate": {"cheeks": "1,250.50"}}
        )
    assert saved.currency == "EUR" and not saved.placeholder
    loaded = load_price_list(data_dir)
    assert loaded.prices["moderate"]["cheeks"] == Decimal("1250.50")
    assert loaded.format(Decimal("1250.5")) == "€1,250.50"
    assert "full_face" in loaded.includes, "the shipped 'includes' are kept"
    with database.session() as session:
        [event] = session.scalars(select(AuditEvent).where(AuditEvent.entity_type == "price_list"))
    assert event.summary == "price list saved (EUR)"


def test_a_wrong_price_is_named_and_nothing_is_written(database, data_dir, admin):
    with database.session() as session, pytest.raises(ValidationError) as refused:
        price_list.save(session, admin, data_dir, "US", "$", {"deep": {"neck": "a lot"}})
    assert set(refused.value.errors) == {"currency", "prices.deep.neck"}
    assert "'a lot' is not a price" in refused.value.errors["prices.deep.neck"]
    assert price_list.current(data_dir).placeholder


def test_a_practitioner_may_not_change_prices(database, data_dir):
    with database.session() as session, pytest.raises(PermissionDeniedError):
        price_list.save(session, PRACTITIONER, data_dir, "USD", "$", {"light": {"nose": "300"}})
