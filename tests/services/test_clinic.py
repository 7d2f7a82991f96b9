"""The clinic's own details, printed on every handout."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from clinic_app.models import AuditEvent
from clinic_app.services.errors import StaleRecordError, ValidationError
from clinic_app.services.settings import clinic
from clinic_app.services.settings.clinic import ClinicDetails

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
DETAILS = ClinicDetails(
    name="  Clínica Piel Nueva ",
    phone=" +34 912 345 678 ",
    address="Calle Mayor 1\n28013 Madrid",
    email="hola@pielnueva.es",
)


def test_nothing_stored_before_the_first_start(database) -> None:
    with database.session() as session:
        assert clinic.load(session) is None


def test_save_creates_then_updates_with_audit(database, actor) -> None:
    with database.session() as session:
        settings = clinic.save(session, actor, dataclasses.replace(DETAILS, logo=PNG))
        assert (settings.name, settings.phone, settings.version) == (
            "Clínica Piel Nueva",
            "+34 912 345 678",
            1,
        )
    with database.session() as session:
        stored = clinic.load(session)
        assert stored is not None
        details = clinic.details_of(stored)
        assert details.logo == PNG and details.paper_size == "A4"
        clinic.save(
            session,
            actor,
            dataclasses.replace(details, paper_size="Letter", logo=JPEG),
            expected_version=1,
        )
    with database.session() as session:
        stored = clinic.load(session)
        assert stored is not None
        assert (stored.paper_size, stored.logo, stored.version) == ("Letter", JPEG, 2)
        actions = session.scalars(
            select(AuditEvent.action).where(AuditEvent.entity_type == "clinic_settings")
        ).all()
    assert actions == ["create", "update"]


@pytest.mark.parametrize(
    ("logo", "message"),
    [
        pytest.param(b"GIF89a" + b"\x00" * 10, "must be a PNG or JPEG image", id="gif"),
        pytest.param(b"<svg/>", "must be a PNG or JPEG image", id="svg"),
        pytest.param(b"", "must be a PNG or JPEG image", id="empty"),
        pytest.param(PNG + b"\x00" * (2 * 1024 * 1024), "use an image under 2 MB", id="too-big"),
    ],
)
def test_logo_must_be_a_small_png_or_jpeg(database, actor, logo: bytes, message: str) -> None:
    with pytest.raises(ValidationError) as caught, database.session() as session:
        clinic.save(session, actor, dataclasses.replace(DETAILS, logo=logo))
    assert list(caught.value.errors) == ["logo"]
    assert message in caught.value.errors["logo"]
    with database.session() as session:
        assert clinic.load(session) is None
        assert session.scalars(select(AuditEvent)).all() == []


@pytest.mark.parametrize("paper", ["a4", "Legal", ""])
def test_paper_size_must_be_a4_or_letter(paper: str) -> None:
    errors = clinic.validate_details(dataclasses.replace(DETAILS, paper_size=paper))
    assert errors == {"paper_size": "Paper size must be one of A4, Letter."}


def test_name_and_phone_are_required_and_checked() -> None:
    errors = clinic.validate_details(ClinicDetails(name=" ", phone=""))
    assert "clinic's name" in errors["name"]
    assert "phone number" in errors["phone"]
    errors = clinic.validate_details(dataclasses.replace(DETAILS, phone="call us", email="x@y"))
    assert "clinic's phone number 'call us'" in errors["phone"]
    assert "'x@y'" in errors["email"]


def test_stale_save_is_refused(database, actor) -> None:
    with database.session() as session:
        clinic.save(session, actor, DETAILS)
    with database.session() as session:
        clinic.save(
            session, actor, dataclasses.replace(DETAILS, name="Piel Nueva"), expected_version=1
        )
    with (
        pytest.raises(StaleRecordError, match=r"version 1, it is now version 2"),
        database.session() as session,
    ):
        clinic.save(session, actor, dataclasses.replace(DETAILS, name="Other"), expected_version=1)
    with database.session() as session:
        stored = clinic.load(session)
        assert stored is not None and stored.name == "Piel Nueva"


def test_first_entry_refused_when_another_workstation_entered_the_details_first(database, actor):
    with database.session() as session:
        clinic.save(session, actor, ClinicDetails(name="First PC", phone="+1 555 010 2030"))
    with pytest.raises(StaleRecordError) as refused, database.session() as session:
        clinic.save(
            session,
            actor,
            ClinicDetails(name="Second PC", phone="+1 555 010 9999"),
            expect_new=True,
        )
    assert "First PC" in str(refused.value)
    with database.session() as session:
        assert clinic.load(session).name == "First PC"
