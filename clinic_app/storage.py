"""Files and folders that hold patient data: private to the account, written whole or not at all.

Everything the app writes under the data folder, and every backup, holds patient details (the
database, its ``-wal``/``-shm`` journals, backups, form drafts, PDFs). Folders the app creates
are made ``0700`` and files ``0600``, whatever the process's umask; the app's own files and
folders found with wider modes (from earlier versions) are narrowed when they are next used.

Also here, below the database layer so that ``clinic_app.db`` can use it: SQLite's online
backup into a private file (the copy taken before a schema upgrade, and every backup), and the
removal of ``.partial`` files left behind by a process killed while writing one.
Standard library only.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
PARTIAL_SUFFIX = ".partial"
STALE_PARTIAL_SECONDS = 3600  # a live writer touches its partial file far more often than this
SQLITE_JOURNALS = ("-wal", "-shm", "-journal")


def make_private_dir(folder: Path, *, narrow: bool = False) -> Path:
    """Create ``folder`` (and any missing parent) with mode 0700; returns it.

    Folders that exist already keep their mode unless ``narrow`` is set (the app's own
    sub-folders: backups, drafts), which makes them 0700 too.
    """
    folder = Path(folder)
    missing: list[Path] = []
    probe = folder
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for created in reversed(missing):
        with contextlib.suppress(FileExistsError):  # another process made it meanwhile
            created.mkdir(mode=PRIVATE_DIR_MODE)
            os.chmod(created, PRIVATE_DIR_MODE)  # mkdir's mode is filtered by the umask
    if narrow and not missing:
        narrow_mode(folder)
    if not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(folder))
    return folder


def narrow_mode(path: Path) -> None:
    """Take group and other access away from ``path`` (a no-op where it is not ours)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    wanted = PRIVATE_DIR_MODE if stat.S_ISDIR(mode) else PRIVATE_FILE_MODE
    if stat.S_IMODE(mode) & 0o077:
        with contextlib.suppress(OSError):
            os.chmod(path, wanted)


def narrow_sqlite_files(path: Path) -> None:
    """Make an SQLite database and its journal files 0600 (SQLite gives its journals the mode
    of the database file, so journals created later follow)."""
    for suffix in ("", *SQLITE_JOURNALS):
        narrow_mode(path.with_name(path.name + suffix))


def create_private_file(path: Path, *, exclusive: bool = False) -> int:
    """Open ``path`` for writing, created (or truncated) with mode 0600; returns the descriptor."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC)
    descriptor = os.open(path, flags | getattr(os, "O_BINARY", 0), PRIVATE_FILE_MODE)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(descriptor, PRIVATE_FILE_MODE)  # whatever the umask or an older file
    except OSError:
        os.close(descriptor)
        raise
    return descriptor


def fsync_directory(folder: Path) -> None:
    """Make a rename inside ``folder`` durable (a no-op where directories cannot be opened)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def partial_path(path: Path) -> Path:
    """The temporary name ``path`` is written under before it is renamed into place."""
    return path.with_name(f".{path.name}{PARTIAL_SUFFIX}")


def write_private_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (mode 0600) through a partial file, fsync, rename.

    Raises OSError; the partial file is removed and ``path`` keeps its previous content.
    """
    path = Path(path)
    partial = partial_path(path)
    try:
        with os.fdopen(create_private_file(partial), "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
        fsync_directory(path.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise


def remove_stale_partials(
    folder: Path, *, prefix: str = ".", older_than: float = STALE_PARTIAL_SECONDS
) -> list[Path]:
    """Delete the ``.NAME.partial`` files (and their SQLite journals) in ``folder`` whose name
    starts with ``prefix`` and that nobody has written for ``older_than`` seconds: what a
    process killed while writing one left behind."""
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        base = name
        for suffix in SQLITE_JOURNALS:
            base = base.removesuffix(suffix)
        if not (name.startswith(prefix) and base.endswith(PARTIAL_SUFFIX)):
            continue
        try:
            if now - entry.stat().st_mtime < older_than or not entry.is_file():
                continue
            entry.unlink()
        except OSError:
            continue
        removed.append(entry)
    return removed


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class DamagedCopyError(Exception):
    """The copy of an SQLite database failed its integrity check (the source is damaged)."""


@contextlib.contextmanager
def _connect(path: Path, timeout: float) -> Iterator[sqlite3.Connection]:
    import sqlite3  # here: a window on PostgreSQL never needs it

    connection = sqlite3.connect(str(path), timeout=timeout)
    try:
        yield connection
    finally:
        connection.close()


def online_copy(
    source: Path,
    destination: Path,
    *,
    timeout: float = 5.0,
    fill: Callable[[sqlite3.Connection], object] | None = None,
) -> str:
    """Copy the SQLite database ``source`` to ``destination`` with SQLite's online backup API.

    The copy is one consistent snapshot even while others write, a single self-contained file
    (no ``-wal``), checked with ``PRAGMA integrity_check``, written privately (0600) under a
    partial name, fsynced and renamed into place, with its SHA-256 in ``NAME.sha256`` beside it
    (the checksum of an earlier file of that name is removed first). ``fill`` may add rows to
    the copy before it is checked (the photos of a backup). Returns the SHA-256.
    Raises DamagedCopyError (the source is damaged; nothing is left behind), sqlite3.Error or
    OSError.
    """
    source, destination = Path(source), Path(destination)
    partial = partial_path(destination)
    try:
        os.close(create_private_file(partial))  # SQLite opens the private, empty file
        with _connect(source, timeout) as live, _connect(partial, timeout) as copy:
            live.backup(copy)  # one step: a single consistent snapshot
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            if fill is not None:
                fill(copy)
            rows = [row[0] for row in copy.execute("PRAGMA integrity_check(20)")]
            copy.commit()
        if rows != ["ok"]:
            raise DamagedCopyError("; ".join(str(row) for row in rows[:5]))
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        digest = sha256_of(partial)
        checksum_sidecar(destination).unlink(missing_ok=True)  # never a new file, old checksum
        os.replace(partial, destination)
        fsync_directory(destination.parent)
        write_checksum(destination, digest)
    except BaseException:
        for suffix in ("", "-journal"):
            with contextlib.suppress(OSError):
                partial.with_name(partial.name + suffix).unlink(missing_ok=True)
        raise
    return digest


def checksum_sidecar(path: Path) -> Path:
    """Where the SHA-256 of ``path`` is kept (``sha256sum`` format)."""
    return path.with_name(path.name + ".sha256")


def write_checksum(path: Path, digest: str) -> None:
    write_private_atomically(checksum_sidecar(path), f"{digest}  {path.name}\n".encode())


def content_path(folder: Path, sha256: str) -> Path:
    """Where content-addressed bytes of SHA-256 ``sha256`` live under ``folder``:
    ``folder/<sha[:2]>/<sha>`` (photos: DATA_DIR/photos/)."""
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError(f"not a SHA-256 in hex: {sha256!r}")
    return Path(folder) / sha256[:2] / sha256
