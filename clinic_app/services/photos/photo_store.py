"""Where the bytes of a photo are kept, addressed by their SHA-256.

On SQLite (one workstation): a private file DATA_DIR/photos/<sha[:2]>/<sha> (mode 0600, written
through a partial file and renamed), so that the database stays small and quick to back up; the
backup copies the files into the backup (services/backup_photos.py). On PostgreSQL (several
workstations): a row of ``photo_blobs``, which every workstation reads and pg_dump backs up.
Reading checks the SHA-256, so a damaged or exchanged file is never shown as the photo.
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from clinic_app import storage
from clinic_app.config import photos_dir as data_photos_dir
from clinic_app.models import Photo, PhotoBlob
from clinic_app.services.errors import ServiceError


class PhotoMissingError(ServiceError):
    """The bytes of a photo are missing or no longer match their SHA-256."""


class PhotoStore:
    """The photos of one database: in ``folder`` (SQLite) or in ``photo_blobs`` (None)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    @classmethod
    def for_session(cls, session: Session, data_dir: Path | None) -> PhotoStore:
        """Files under DATA_DIR/photos for SQLite (beside the database file when no data
        folder is given), the database for PostgreSQL."""
        bind = session.get_bind()
        if bind.dialect.name != "sqlite":
            return cls(None)
        if data_dir is None:
            database = bind.engine.url.database
            if not database or database == ":memory:":
                raise ServiceError("Photos need a data folder for an in-memory database.")
            data_dir = Path(database).resolve().parent
        return cls(data_photos_dir(data_dir))

    def put(self, session: Session, sha256: str, data: bytes) -> None:
        """Keep ``data`` (whose SHA-256 is ``sha256``); a copy already there is kept."""
        if self.folder is None:
            if session.get(PhotoBlob, sha256) is None:
                session.add(PhotoBlob(sha256=sha256, size=len(data), content=data))
            return
        path = storage.content_path(self.folder, sha256)
        if path.is_file() and path.stat().st_size == len(data):
            return
        storage.make_private_dir(path.parent)
        storage.write_private_atomically(path, data)

    def get(self, session: Session, sha256: str) -> bytes:
        """The bytes of ``sha256``, checked; PhotoMissingError when missing or changed."""
        data: bytes | None = None
        if self.folder is not None:
            with contextlib.suppress(FileNotFoundError):
                data = storage.content_path(self.folder, sha256).read_bytes()
        if data is None:  # PostgreSQL, or a file not yet unpacked from a restored backup
            data = session.scalar(select(PhotoBlob.content).where(PhotoBlob.sha256 == sha256))
        if data is None:
            where = self.folder if self.folder is not None else "the database"
            raise PhotoMissingError(f"The photo {sha256[:12]}… is missing from {where}.")
        if hashlib.sha256(data).hexdigest() != sha256:
            raise PhotoMissingError(
                f"The photo {sha256[:12]}… no longer matches its checksum (damaged or changed)."
            )
        return data

    def discard(self, session: Session, sha256: str) -> None:
        """Forget ``sha256`` once no photo row names it: the blob row in this transaction, the
        file after the commit (a rollback keeps it)."""
        others = session.scalar(select(func.count()).where(Photo.sha256 == sha256))
        if others:
            return
        if self.folder is None:
            blob = session.get(PhotoBlob, sha256)
            if blob is not None:
                session.delete(blob)
            return
        path = storage.content_path(self.folder, sha256)

        def remove_file(_session: Session) -> None:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)

        event.listen(session, "after_commit", remove_file, once=True)
