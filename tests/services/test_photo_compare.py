"""Comparing the same view of two visits, and the page for the patient read back with pypdf."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pypdf
import pytest
import sqlalchemy as sa
from photo_samples import photo_jpeg
from session_factories import add_consultation, session_input

from clinic_app.db import Database
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.domain.photos.photo_views import load_views
from clinic_app.models import AuditEvent
from clinic_app.services.errors import ValidationError
from clinic_app.services.patients import patients
from clinic_app.services.photos import photo_compare, photo_images, photos
from clinic_app.services.photos.photo_store import PhotoStore
from clinic_app.services.security.identity import Actor
from clinic_app.services.sessions import session_drafts
from clinic_app.services.sessions.session_resources import load_resources

VIEWS = load_views()
TREATED = dt.datetime(2026, 2, 1, 9, 30, tzinfo=dt.UTC)


def _photo(database: Database, actor: Actor, data_dir: Path, pid: int, ref: photos.VisitRef,
           data: bytes) -> int:  # fmt: skip
    prepared = photo_images.prepare(data)
    with database.session() as session:
        store = PhotoStore.for_session(session, data_dir)
        new = photos.NewPhoto(view="front")
        return photos.add(session, actor, store, pid, ref, prepared, new, VIEWS).id


@pytest.fixture
def two_visits(database: Database, actor: Actor, data_dir: Path) -> tuple[int, int, int]:
    """A patient <Zoë & Co> with a front photo at the consultation and at the session."""
    with database.session() as session:
        born = dt.date(1984, 7, 1)
        fields = PatientFields(first_name="Zoë <&>", last_name="Kat", date_of_birth=born)
        pid = patients.create(session, actor, fields).id
        consultation = add_consultation(session, pid)
        consultation_id = consultation.id
    data = session_input(pid, consultation_id=consultation_id, when=TREATED)
    with database.session() as session:
        record = session_drafts.save(session, actor, data, load_resources(), now=TREATED)
    before = _photo(database, actor, data_dir, pid, photos.VisitRef("consultation",
                    consultation_id), photo_jpeg(seed=1))  # fmt: skip
    after = _photo(database, actor, data_dir, pid, photos.VisitRef("session", record.id),
                   photo_jpeg(orientation=8, seed=2))  # fmt: skip
    return pid, before, after


def test_the_pair_is_ordered_by_visit_with_days_since_the_first_treatment(
    database: Database, data_dir: Path, two_visits: tuple[int, int, int]
) -> None:
    _pid, before, after = two_visits
    with database.session() as session:
        store = PhotoStore.for_session(session, data_dir)
        first, second = photo_compare.pair(session, store, after, before)  # either order
        assert (first.line.id, second.line.id) == (before, after)
        assert first.days is not None and first.days < 0 and "before the first" in first.days_label
        assert second.days == 0 and second.days_label == "Day of the first treatment"
        with pytest.raises(ValidationError):
            photo_compare.pair(session, store, before, before)
    assert photo_compare.days_label(30) == "Day 30 after the first treatment"


def test_the_compare_page_is_a_pdf_with_both_photos_and_their_dates(
    database: Database, actor: Actor, data_dir: Path, two_visits: tuple[int, int, int]
) -> None:
    _pid, before, after = two_visits
    with database.session() as session:
        store = PhotoStore.for_session(session, data_dir)
        pdf = photo_compare.export_pdf(
            session, actor, store, before, after, VIEWS, today=dt.date(2026, 3, 1)
        )
        event = session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "export")).one()
        assert event.entity_type == "photo" and f"#{before}" in event.summary
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Zoë <&> Kat" in text and "Front" in text
    assert "1 February 2026" in text and "Day of the first treatment" in text
    assert "before the first treatment" in text and "Printed 1 March 2026" in text
    images = reader.pages[0].images
    assert len(images) == 2
    sizes = sorted(image.image.size for image in images)  # type: ignore[union-attr]
    assert sizes == [(480, 640), (640, 480)]  # the session's photo was turned upright
