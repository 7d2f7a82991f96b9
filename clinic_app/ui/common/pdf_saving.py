"""Save bytes to a file the safe way, and say clearly why it failed when it does.

The bytes go to a temporary file in the same folder, are flushed to disk, and only then take
the chosen name: a full disk or a read-only folder never leaves a half-written PDF behind, and
an existing file of that name is only replaced by a complete one.
"""

from __future__ import annotations

import errno
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from clinic_app import storage
from clinic_app.ui.common.i18n import QT_TRANSLATE_NOOP

KEPT = QT_TRANSLATE_NOOP(
    "common.pdf_saving", "The handout is still open here and already recorded: nothing is lost."
)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` completely or not at all (OSError when it cannot); the file is
    0600 like every file holding patient details (clinic_app.storage).

    The same write as services.safe_files.write_atomically (both are
    storage.write_private_atomically), but it lets the OSError through: :func:`save_problem`
    reads its errno to say, in the window's language, what to do, where the service's
    FileSaveError carries an English sentence for the command line and the services."""
    storage.write_private_atomically(path, data)


def save_problem(error: OSError, path: Path, kept: str = "") -> str:
    """What to tell the person when ``path`` could not be saved, and what to do instead;
    ``kept`` says that nothing is lost (by default: of a handout)."""
    folder = path.parent
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        reason = QCoreApplication.translate(
            "common.pdf_saving",
            "There is not enough free space on the disk of {folder} to save {name}. "
            "Free some space, or save to another drive or a USB stick.",
        ).format(folder=folder, name=path.name)
    elif error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = QCoreApplication.translate(
            "common.pdf_saving",
            "The folder {folder} cannot be written to: it is read-only or you do not "
            "have permission. Choose another folder, such as your Documents folder.",
        ).format(folder=folder)
    elif error.errno == errno.ENOENT:
        reason = QCoreApplication.translate(
            "common.pdf_saving",
            "The folder {folder} does not exist (any more). Choose another folder.",
        ).format(folder=folder)
    else:
        reason = QCoreApplication.translate(
            "common.pdf_saving", "{name} could not be saved in {folder}: {reason}."
        ).format(name=path.name, folder=folder, reason=error.strerror or error)
    return f"{reason}\n\n{kept or QCoreApplication.translate('common.pdf_saving', KEPT)}"
