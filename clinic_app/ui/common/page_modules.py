"""The modules behind the patient page and its commands, named once for the two that need them:
the service loader imports them in its thread after the first screen, and the main window
imports them in a worker when a patient is opened before the loader has (its build then only
makes widgets). Named here as strings: nothing is imported by this module until
:func:`import_qt_bindings` is called.

The Qt bindings those modules (and the session editor's, imported ahead in a worker too) use
are imported first, on the UI thread: a PySide6 module's first import loads its C++ library
and registers its types with Qt, and done in a worker while the UI thread ran Qt's event loop
it crashed the app (a segmentation fault in some runs of a handout clicked at once after the
start, with the faulthandler's trace in that import). Once loaded, a worker's import of them
is a look-up; tests/ui/test_first_screen_start.py checks that no worker imports one first.
"""

from __future__ import annotations

import importlib

PAGE_MODULES = (
    "clinic_app.ui.patients.page",
    "clinic_app.ui.consultation.controller",
    "clinic_app.ui.handouts.controller",
    "clinic_app.ui.sessions.controller",
    "clinic_app.ui.photos.controller",
    "clinic_app.ui.handouts.preview",  # with QtPdf: the first handout's import otherwise
)

# What PAGE_MODULES and the session editor's modules import of Qt beyond the first screen's
# QtCore, QtGui and QtWidgets (some 6 ms on the UI thread, once).
PAGE_QT_BINDINGS = (
    "PySide6.QtPrintSupport",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtSvg",
)


def import_qt_bindings() -> None:
    """Import PAGE_QT_BINDINGS; on the UI thread, before a worker imports the modules that
    use them."""
    for name in PAGE_QT_BINDINGS:
        importlib.import_module(name)
