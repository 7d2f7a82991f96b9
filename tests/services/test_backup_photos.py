"""Backups carry the photos of an SQLite clinic (one self-contained file) and a restore gives
every photo back byte for byte, through the real backup use cases."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from photo_samples import photo_jpeg
from session_factories import add_consultation

from clinic_app import storage
from clinic_app.config import sqlite_url
from clinic_app.db import Database
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.domain.photos.photo_views import load_views
from clinic_app.services import backup, backup_jobs
from clinic_app.services.patients import patients
from clinic_app.services.photos import photo_images, photos
from clinic_app.services.photos.photo_store import PhotoStore
from clinic_app.services.security.identity import Actor

VIEWS = load_views()
ADMIN = Actor("ana", None, "administrator")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def live(data_dir: Path) -> Database:
    database = Database(sqlite_url(data_dir / "clinic.db"))
    yield database  # type: ignore[misc]
    database.close()


def _with_photos(database: Database, data_dir: Path, count: int) -> dict[int, bytes]:
    with database.session() as session:
        fields = PatientFields(
            first_name="Ivo", last_name="Sand", date_of_birth=dt.date(1979, 3, 4)
        )
        pid = patients.create(session, ADMIN, fields).id
        add_consultation(session, pid)
    stored: dict[int, bytes] = {}
    for number in range(count):
        prepared = photo_images.prepare(photo_jpeg(orientation=(1, 6, 3)[number % 3], seed=number))
        with database.session() as session:
            store = PhotoStore.for_session(session, data_dir)
            visit = photos.visits(session, pid)[0].ref
            view = VIEWS.ids()[number % len(VIEWS.ids())]
            line = photos.add(
                session, ADMIN, store, pid, visit, prepared, photos.NewPhoto(view), VIEWS
            )
            stored[line.id] = prepared.data
    return stored


def _read_all(database: Database, data_dir: Path, ids: list[int]) -> dict[int, bytes]:
    with database.session() as session:
        store = PhotoStore.for_session(session, data_dir)
        return {photo_id: photos.image(session, store, photo_id)[1] for photo_id in ids}


def test_backup_and_restore_keep_every_photo_byte_identical(
    live: Database, data_dir: Path, tmp_path: Path
) -> None:
    stored = _with_photos(live, data_dir, 5)
    done = backup_jobs.back_up(live, ADMIN, tmp_path / "copy.db", data_dir)
    info = done.info
    assert info.photos == 5 and info.photos_missing == ()
    assert info.photos_size == sum(len(data) for data in stored.values())
    assert "5 photos" in info.describe() and ("KB" in info.describe() or "MB" in info.describe())
    with sqlite3.connect(data_dir / "clinic.db") as connection:  # the live database stays small
        assert connection.execute("SELECT count(*) FROM photo_blobs").fetchone() == (0,)
    # The backup is one file: it alone holds the photos.
    shutil.rmtree(data_dir / "photos")
    result = backup_jobs.restore(live.url, ADMIN, info.path, live.sqlite_path, data_dir, live)
    assert result.photos_written == 5
    assert _read_all(live, data_dir, list(stored)) == stored
    for data in stored.values():
        path = storage.content_path(data_dir / "photos", hashlib.sha256(data).hexdigest())
        assert path.read_bytes() == data and path.stat().st_mode & 0o077 == 0
    with sqlite3.connect(data_dir / "clinic.db") as connection:
        assert connection.execute("SELECT count(*) FROM photo_blobs").fetchone() == (0,)
    # The backup file itself was not changed by the restore and still checks.
    assert backup.inspect(info.path).sha256 == info.sha256


def test_a_photo_file_missing_at_backup_time_is_named_not_fatal(
    live: Database, data_dir: Path, tmp_path: Path
) -> None:
    stored = _with_photos(live, data_dir, 2)
    lost = hashlib.sha256(next(iter(stored.values()))).hexdigest()
    storage.content_path(data_dir / "photos", lost).unlink()
    done = backup_jobs.back_up(live, ADMIN, tmp_path / "copy.db", data_dir)
    assert done.info.photos == 1 and done.info.photos_missing == (lost,)
    assert "missing" in done.info.describe()


def test_the_daily_backup_carries_the_photos_too(live: Database, data_dir: Path) -> None:
    _with_photos(live, data_dir, 1)
    done = backup_jobs.back_up_daily(live, data_dir)
    assert done is not None and done.info.photos == 1
