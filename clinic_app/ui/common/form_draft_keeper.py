"""Keeps what is typed in an open form on disk, so that a crash loses nothing.

A change reaches the disk at most DRAFT_DELAY_MS after it is made (a burst of keystrokes is
written once). A form draft that cannot be written is logged once; the form itself works on.
Used by the session editor and the patient dialog.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from clinic_app.services import form_drafts
from clinic_app.services.safe_files import FileSaveError
from clinic_app.ui.common.dialog_service import DialogService
from clinic_app.ui.common.i18n import QT_TRANSLATE_NOOP

DRAFT_DELAY_MS = 500  # a change reaches the disk at most this long after it is made
RESTORE_QUESTION = QT_TRANSLATE_NOOP(
    "common.form_draft_keeper", "Restore what was typed before the app closed?"
)
log = logging.getLogger(__name__)


class FormDraftKeeper:
    """The form draft of one editor: its timer, the data folder, and whether writing failed."""

    def __init__(
        self, parent: QObject, data_dir: Path | None, write: Callable[[], None], *, form: str
    ) -> None:
        """``write`` is called when the timer runs out; ``data_dir`` None keeps nothing.
        ``form`` names the form in the log ("session editor")."""
        self.data_dir = data_dir
        self._form = form
        self._failed = False
        self._timer = QTimer(parent)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DRAFT_DELAY_MS)
        self._timer.timeout.connect(write)

    def schedule(self) -> None:
        """Start the timer, unless it runs already."""
        if self.data_dir is not None and not self._timer.isActive():
            self._timer.start()

    def stop(self) -> None:
        """Stop the timer: nothing is written until the next change."""
        self._timer.stop()

    def keep(self, key: str, values: dict[str, str] | None) -> None:
        """Write ``values`` as form draft ``key``; None removes it (nothing to keep)."""
        if self.data_dir is None:
            return
        try:
            if values is not None:
                form_drafts.save(self.data_dir, key, values)
            else:
                form_drafts.discard(self.data_dir, key)
        except (FileSaveError, OSError) as exc:
            if not self._failed:  # once, not at every keystroke; saving still works
                log.warning("The %s's form draft is not kept: %s", self._form, exc)
            self._failed = True
            return
        self._failed = False

    def discard(self, key: str) -> None:
        """Forget form draft ``key`` (saved in the database, deleted, or thrown away)."""
        self._timer.stop()
        if self.data_dir is None:
            return
        try:
            form_drafts.discard(self.data_dir, key)
        except OSError as exc:
            log.warning("The %s's form draft is not removed: %s", self._form, exc)

    def offer(
        self,
        dialogs: DialogService,
        parent: QWidget,
        key: str,
        *,
        title: str,
        question: str | None = None,
        unchanged: Mapping[str, str] | None = None,
        ask: bool = True,
    ) -> Mapping[str, str] | None:
        """Form draft ``key`` if there is one, it differs from ``unchanged`` (what the form
        shows untouched) and the person wants it back; No throws it away. ``ask`` False: the
        person already chose to restore it (at the start, after a crash)."""
        if self.data_dir is None:
            return None
        values = form_drafts.load(self.data_dir, key)
        if values is None or values == unchanged:
            return None
        if question is None:
            question = QCoreApplication.translate(
                "FormDraftKeeper", "{question} (No throws it away.)"
            ).format(
                question=QCoreApplication.translate("common.form_draft_keeper", RESTORE_QUESTION)
            )
        if ask and not dialogs.confirm(
            parent, title, question, yes=QCoreApplication.translate("FormDraftKeeper", "Restore")
        ):
            self.discard(key)
            return None
        return values


def close_keeping_drafts() -> int:
    """Write the form draft of every open form (a dialog with ``write_form_draft``) and close
    it without asking, its draft left on disk to be offered back at the next start or opening.
    Used by Quit at the lock screen, where nobody can answer "Discard changes?". Returns how
    many forms were closed."""
    closed = 0
    for widget in QApplication.topLevelWidgets():
        write = getattr(widget, "write_form_draft", None)
        if isinstance(widget, QDialog) and widget.isVisible() and callable(write):
            write()
            QDialog.done(widget, QDialog.DialogCode.Rejected)  # not reject(): it would ask
            closed += 1
    return closed
