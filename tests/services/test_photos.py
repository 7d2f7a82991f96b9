"""Photos of a visit through the real services on both backends: real JPEGs made here with
Pillow, with an EXIF orientation and a GPS position, stored upright and without EXIF."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from pathlib import Path

import pytest
import sqlalchemy as sa
from photo_samples import photo_jpeg
from PIL import Image
from session_factories import add_consultation, give_consent

from clinic_app import storage
from clinic_app.db import Database
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.domain.photos.photo_views import load_views
from clinic_app.models import AuditEvent, PhotoBlob
from clinic_app.services.errors import ValidationError
from clinic_app.services.patients import patients
from clinic_app.services.photos import photo_images, photos
from clinic_app.services.photos.photo_store import PhotoStore
from clinic_app.services.security import audit_trail
from clinic_app.services.security.identity import Actor

VIEWS = load_views()


def assert_no_exif(data: bytes) -> None:
    stored = Image.open(io.BytesIO(data))
    assert dict(stored.getexif()) == {}
    assert "exif" not in stored.info
    assert b"Exif\x00\x00" not in data and b"Phone 12" not in data


@pytest.fixture
def patient_id(database: Database, actor: Actor) -> int:
    with database.session() as session:
        fields = PatientFields(
            first_name="Ana", last_name="Lima", date_of_birth=dt.date(1985, 5, 2)
        )
        pid = patients.create(session, actor, fields).id
        add_consultation(session, pid)  # signs the consent, with the photo tick
        return pid


def _add(
    database: Database,
    actor: Actor,
    data_dir: Path,
    patient_id: int,
    data: bytes,
    *,
    view: str = "front",
    marketing: bool = False,
) -> photos.PhotoLine:
    prepared = photo_images.prepare(data)
    with database.session() as session:
        (visit, *_) = photos.visits(session, patient_id)
        store = PhotoStore.for_session(session, data_dir)
        new = photos.NewPhoto(view=view, original_name="IMG_0001.JPG", for_marketing=marketing)
        return photos.add(session, actor, store, patient_id, visit.ref, prepared, new, VIEWS)


def _stored(database: Database, data_dir: Path, photo_id: int) -> bytes:
    with database.session() as session:
        return photos.image(session, PhotoStore.for_session(session, data_dir), photo_id)[1]


def test_a_turned_jpeg_is_stored_upright_without_gps_and_its_hash_is_stable(
    database: Database, actor: Actor, data_dir: Path, patient_id: int
) -> None:
    original = photo_jpeg(orientation=6)  # "turn 90° clockwise to show"
    line = _add(database, actor, data_dir, patient_id, original)
    stored = _stored(database, data_dir, line.id)
    assert (line.width, line.height) == (480, 640)
    upright = Image.open(io.BytesIO(stored))
    assert upright.size == (480, 640)
    red = upright.getpixel((480 - 5, 5))  # the red block is now top-right
    assert red[0] > 200 and red[1] < 60 and red[2] < 60
    assert upright.getpixel((5, 5))[1] > 200  # and no longer top-left
    assert_no_exif(stored)
    assert line.sha256 == hashlib.sha256(stored).hexdigest()
    # The same file gives the same bytes and hash every time (another import, another run).
    assert photo_images.prepare(original).sha256 == line.sha256
    assert photo_images.prepare(original).data == stored
    with database.session() as session:
        if session.get_bind().dialect.name == "sqlite":
            path = storage.content_path(data_dir / "photos", line.sha256)
            assert path.read_bytes() == stored
            assert path.stat().st_mode & 0o077 == 0
            assert session.scalar(sa.select(sa.func.count()).select_from(PhotoBlob)) == 0
        else:
            assert session.get(PhotoBlob, line.sha256).content == stored  # type: ignore[union-attr]
            assert not (data_dir / "photos").exists()
        event = session.scalars(
            sa.select(AuditEvent).where(AuditEvent.entity_type == "photo")
        ).one()
        assert event.action == "create" and event.entity_id == line.id
        assert line.sha256 in event.summary
        assert audit_trail.verify(session).ok


def test_an_upright_jpeg_keeps_its_image_data_and_loses_its_metadata(
    database: Database, actor: Actor, data_dir: Path, patient_id: int
) -> None:
    original = photo_jpeg(orientation=1)
    line = _add(database, actor, data_dir, patient_id, original)
    stored = _stored(database, data_dir, line.id)
    assert_no_exif(stored)
    assert len(stored) < len(original)
    # Not encoded again: the compressed scan is the original's, bit for bit.
    scan = original[original.index(b"\xff\xda") :]
    assert stored.endswith(scan)
    assert Image.open(io.BytesIO(stored)).tobytes() == Image.open(io.BytesIO(original)).tobytes()


def test_a_duplicate_import_is_detected(
    database: Database, actor: Actor, data_dir: Path, patient_id: int
) -> None:
    original = photo_jpeg(orientation=3)
    first = _add(database, actor, data_dir, patient_id, original)
    with pytest.raises(photos.DuplicatePhotoError) as refused:
        _add(database, actor, data_dir, patient_id, original, view="left_45")
    assert refused.value.existing == first.id
    assert "already stored" in str(refused.value)
    with database.session() as session:
        assert [p.id for p in photos.photos_of(session, patient_id)] == [first.id]


def test_a_photo_is_refused_without_the_photo_consent(
    database: Database, actor: Actor, data_dir: Path
) -> None:
    with database.session() as session:
        fields = PatientFields(
            first_name="Noa", last_name="Berg", date_of_birth=dt.date(1990, 1, 1)
        )
        pid = patients.create(session, actor, fields).id
        add_consultation(session, pid, consent=False)
    with pytest.raises(photos.PhotoConsentError, match="no signed consent"):
        _add(database, actor, data_dir, pid, photo_jpeg())
    with database.session() as session:
        give_consent(session, pid, photo=False)
    with pytest.raises(photos.PhotoConsentError, match="does not allow"):
        _add(database, actor, data_dir, pid, photo_jpeg())
    with database.session() as session:
        assert photos.photos_of(session, pid) == []
        count = (
            sa.select(sa.func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.entity_type == "photo")
        )
        assert session.scalar(count) == 0
    assert not (data_dir / "photos").exists()


def test_publicity_needs_its_own_tick(
    database: Database, actor: Actor, data_dir: Path, patient_id: int
) -> None:
    with pytest.raises(photos.PhotoConsentError, match="publicity"):
        _add(database, actor, data_dir, patient_id, photo_jpeg(), marketing=True)
    with database.session() as session:
        give_consent(session, patient_id, photo=True, marketing=True)
    line = _add(database, actor, data_dir, patient_id, photo_jpeg(), marketing=True)
    assert line.for_marketing


def test_removing_a_photo_is_audited_and_frees_its_bytes(
    database: Database, actor: Actor, data_dir: Path, patient_id: int
) -> None:
    line = _add(database, actor, data_dir, patient_id, photo_jpeg(seed=7))
    with database.session() as session:
        store = PhotoStore.for_session(session, data_dir)
        photos.remove(session, actor, store, line.id, "wrong patient")
    with database.session() as session:
        assert photos.photos_of(session, patient_id) == []
        assert session.get(PhotoBlob, line.sha256) is None
        event = session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "delete")).one()
        assert event.entity_type == "photo" and "wrong patient" in event.summary
    assert not storage.content_path(data_dir / "photos", line.sha256).exists()


def test_bad_files_and_views_are_refused_with_a_reason(
    database: Database, actor: Actor, data_dir: Path, patient_id: int
) -> None:
    with pytest.raises(photo_images.PhotoFormatError, match="not a JPEG, PNG or HEIC"):
        photo_images.prepare(b"%PDF-1.7 not a photo")
    truncated = photo_jpeg()[:400]
    with pytest.raises(photo_images.PhotoFormatError):
        photo_images.prepare(truncated)
    gif = io.BytesIO()
    Image.new("RGB", (8, 8)).save(gif, "GIF")
    with pytest.raises(photo_images.PhotoFormatError, match="GIF"):
        photo_images.prepare(gif.getvalue())
    with pytest.raises(ValidationError) as refused:
        _add(database, actor, data_dir, patient_id, photo_jpeg(), view="selfie")
    assert "view" in refused.value.errors


def test_a_png_is_stored_upright_without_its_exif() -> None:
    image = Image.new("RGBA", (60, 40), (0, 0, 255, 255))
    exif = Image.Exif()
    exif[0x0112] = 8
    out = io.BytesIO()
    image.save(out, "PNG", exif=exif.tobytes())
    prepared = photo_images.prepare(out.getvalue())
    assert prepared.media_type == "image/png" and (prepared.width, prepared.height) == (40, 60)
    assert dict(Image.open(io.BytesIO(prepared.data)).getexif()) == {}
    assert Image.open(io.BytesIO(prepared.thumbnail)).format == "JPEG"


def test_a_heic_photo_becomes_a_jpeg_when_the_plugin_is_there() -> None:
    pillow_heif = pytest.importorskip("pillow_heif")
    pillow_heif.register_heif_opener()
    image = Image.new("RGB", (64, 48), (200, 10, 10))
    exif = Image.Exif()
    exif.get_ifd(0x8825)[2] = (48.0, 51.0, 24.0)
    out = io.BytesIO()
    image.save(out, "HEIF", exif=exif.tobytes())
    assert ".heic" in photo_images.accepted_suffixes()
    prepared = photo_images.prepare(out.getvalue())
    assert prepared.media_type == "image/jpeg" and (prepared.width, prepared.height) == (64, 48)
    assert_no_exif(prepared.data)
