"""The photos of an SQLite clinic inside its backups: one self-contained file.

On SQLite a photo's bytes are a file DATA_DIR/photos/<sha[:2]>/<sha>, not a row. A backup copies
every photo a ``photos`` row names into the ``photo_blobs`` table of the copy (before the copy
is checked and its checksum taken), so the one backup file holds them; a restore writes them back
as files (checked against their SHA-256) and empties ``photo_blobs`` of the live database again.
Plain sqlite3, like services/backup.py.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from clinic_app import storage


@dataclass(frozen=True)
class PackedPhotos:
    """How many photos went into a backup, their bytes, and the SHA-256s found missing."""

    count: int
    size: int
    missing: tuple[str, ...] = ()


def _has_tables(connection: sqlite3.Connection, *names: str) -> bool:
    found = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    return all(name in found for name in names)


def pack(connection: sqlite3.Connection, photos_dir: Path) -> PackedPhotos:
    """Copy the photo files ``photos`` names into ``photo_blobs`` of the database behind
    ``connection`` (the backup's copy); a missing or changed file is left out and named."""
    if not _has_tables(connection, "photos", "photo_blobs"):
        return PackedPhotos(0, 0)
    wanted = [row[0] for row in connection.execute("SELECT DISTINCT sha256 FROM photos")]
    there = {row[0] for row in connection.execute("SELECT sha256 FROM photo_blobs")}
    missing: list[str] = []
    for sha256 in wanted:
        if sha256 in there:
            continue
        try:
            data = storage.content_path(photos_dir, sha256).read_bytes()
        except (OSError, ValueError):
            missing.append(sha256)
            continue
        if hashlib.sha256(data).hexdigest() != sha256:
            missing.append(sha256)
            continue
        connection.execute(
            "INSERT INTO photo_blobs (sha256, size, content) VALUES (?, ?, ?)",
            (sha256, len(data), data),
        )
    connection.commit()
    count, size = connection.execute(
        "SELECT count(*), coalesce(sum(size), 0) FROM photo_blobs"
    ).fetchone()
    return PackedPhotos(int(count), int(size), tuple(missing))


def counted(connection: sqlite3.Connection) -> tuple[int, int]:
    """How many photos a backup holds, and their bytes (0, 0 before migration 0009)."""
    if not _has_tables(connection, "photo_blobs"):
        return 0, 0
    count, size = connection.execute(
        "SELECT count(*), coalesce(sum(size), 0) FROM photo_blobs"
    ).fetchone()
    return int(count), int(size)


def unpack(db_path: Path, photos_dir: Path, *, timeout: float = 5.0) -> int:
    """Write the photos a restored database carries in ``photo_blobs`` to ``photos_dir`` (a
    file already there with the right bytes is kept), then empty the table and give the space
    back (a damaged one stays in the table). Returns how many were written. Raises OSError
    or sqlite3.Error."""
    connection = sqlite3.connect(str(db_path), timeout=timeout)
    written = 0
    try:
        if not _has_tables(connection, "photo_blobs"):
            return 0
        shas = [row[0] for row in connection.execute("SELECT sha256 FROM photo_blobs")]
        for sha256 in shas:
            (data,) = connection.execute(
                "SELECT content FROM photo_blobs WHERE sha256 = ?", (sha256,)
            ).fetchone()
            data = bytes(data)
            if hashlib.sha256(data).hexdigest() != sha256:
                continue  # damaged in the backup: the file of that name, if any, stays
            path = storage.content_path(photos_dir, sha256)
            if not (path.is_file() and storage.sha256_of(path) == sha256):
                storage.make_private_dir(path.parent)
                storage.write_private_atomically(path, data)
                written += 1
            connection.execute("DELETE FROM photo_blobs WHERE sha256 = ?", (sha256,))
        connection.commit()
        with contextlib.suppress(sqlite3.OperationalError):  # another connection is reading
            connection.execute("VACUUM")
    finally:
        connection.close()
    return written
