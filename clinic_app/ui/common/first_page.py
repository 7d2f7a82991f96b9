"""Work that waits until the patient list's first page is on screen.

The first screen is the list with its first page of patients; whatever else the start does (the
services loaded in a worker, the count of registered patients, the patient page) competes with
it for the interpreter and, on a two-core PC, for the processor (a count of a million patients
keeps the database server busy), so it begins once the rows have had time to be painted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import shiboken6
from PySide6.QtCore import QObject, QTimer, SignalInstance

# After the first page arrives, the time left to paint it before loading begins (a paint takes
# some 15 ms; a zero timer would fire before it).
FIRST_PAINT_MS = 100


class LoadingModel(Protocol):
    """A model that loads its rows in a worker (clinic_app.ui.patients.table_model)."""

    @property
    def is_loading(self) -> bool: ...

    @property
    def loading_changed(self) -> SignalInstance: ...


def after_first_page(
    model: LoadingModel, callback: Callable[[], object], context: QObject | None = None
) -> None:
    """Call ``callback`` on the UI thread once ``model`` has its first page and its rows had
    FIRST_PAINT_MS to be painted (at once when it is not loading); with ``context`` (the
    window the callback works for), not once it has been deleted."""
    if not model.is_loading:
        callback()
        return

    def first_page(loading: bool) -> None:
        if not loading:
            model.loading_changed.disconnect(first_page)
            if context is None:
                QTimer.singleShot(FIRST_PAINT_MS, callback)
            elif shiboken6.isValid(context):  # the page can arrive after its window was closed
                QTimer.singleShot(FIRST_PAINT_MS, context, callback)

    model.loading_changed.connect(first_page)
