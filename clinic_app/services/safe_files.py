"""Writing files so that a crash or a full disk never leaves half a file under the real name.

They hold patient details (drafts, checksums, PDFs): each is created 0600 whatever the umask
(clinic_app.storage).
"""

from __future__ import annotations

import errno
from pathlib import Path

from clinic_app.services.errors import ServiceError
from clinic_app.storage import fsync_directory as fsync_directory
from clinic_app.storage import write_private_atomically


class FileSaveError(ServiceError):
    """A file could not be written; the message says why and what to do."""


def describe_os_error(exc: OSError, path: Path, doing: str) -> str:
    """A sentence a person can act on, for ``exc`` raised while ``doing`` (e.g. 'saving the
    PDF') at ``path``."""
    folder = path.parent
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return (
            f"The disk holding {folder} is full, so {doing} failed. Nothing already saved was "
            "lost. Free some space or choose another place, then try again."
        )
    if code == errno.EROFS:
        return f"{folder} is on a read-only disk, so {doing} failed. Choose another place."
    if code in (errno.EACCES, errno.EPERM):
        return (
            f"This account may not write in {folder}, so {doing} failed. Choose another "
            "place, or ask whoever manages this computer to fix the folder's permissions."
        )
    if code == errno.ENOENT:
        return f"The folder {folder} does not exist (any more), so {doing} failed."
    if code in (errno.ENOTDIR, errno.EEXIST):
        return f"Part of {folder} is a file, not a folder, so {doing} failed. Choose another place."
    if code == errno.EISDIR:
        return f"{path} is a folder, so {doing} failed; choose a file name."
    return f"{doing[:1].upper()}{doing[1:]} failed at {path}: {exc.strerror or exc}."


def write_atomically(path: Path, data: bytes, doing: str = "saving the file") -> None:
    """Write ``data`` to ``path`` (mode 0600) through a temporary file, fsync, then rename over
    ``path``.

    On any failure the temporary file is removed, ``path`` keeps its previous content, and
    FileSaveError explains what happened. (The window's PDF saving calls the same
    storage.write_private_atomically through ui/common/pdf_saving.py, keeping the OSError
    for a message in the window's language.)
    """
    path = Path(path)
    try:
        write_private_atomically(path, data)
    except OSError as exc:
        raise FileSaveError(describe_os_error(exc, path, doing)) from exc
