"""The modules behind the patient page and its commands, named once for the two that need them:
the service loader imports them in its thread after the first screen, and the main window
imports them in a worker when a patient is opened before the loader has (its build then only
makes widgets). Named here as strings: nothing is imported by this module until
:func:`import_qt_bindings` is called.

What those modules (and the session editor's, imported ahead in a worker too) take from Qt is
made first, on the UI thread: the PySide6 modules (their first import loads a C++ library and
registers its types with Qt) and the Python types of the Qt classes they name at their top,
which PySide6 makes lazily, at the first ``from PySide6.QtX import Name``. Either made in a
worker while the UI thread runs Qt's event loop, which makes types of its own as events reach
Python (a dialog's mouse events, the Qt namespace after the first paint), crashed the app: a
segmentation fault inside PySide6's type creation, in some starts (faulthandler traces: a
handout clicked at once after the start, in the module import; the first-start dialog open
while the loader imported the preview, in the creation of QPrinter's enums). Once made, a
worker's import of them is a look-up. tests/ui/test_first_screen_start.py checks that no worker
imports a PySide6 module first, tests/ui/test_page_modules.py that PAGE_QT_CLASSES names every
class the workers' modules would make.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

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


# The Qt classes those modules name at their top that the first screen has not made (some
# 45 ms of type creation on the UI thread, once; ServiceLoader.start spreads it over turns of
# the event loop).
PAGE_QT_CLASSES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "PySide6.QtCore",
        (
            "QBuffer",
            "QDate",
            "QDateTime",
            "QIODevice",
            "QMargins",
            "QRectF",
            "QSizeF",
            "QStandardPaths",
            "QTime",
            "Qt",
        ),
    ),
    (
        "PySide6.QtGui",
        (
            "QFontMetricsF",
            "QImage",
            "QMouseEvent",
            "QPageLayout",
            "QPageSize",
            "QPagedPaintDevice",
            "QPaintEvent",
            "QPainter",
            "QPainterPath",
            "QPen",
            "QPointerEvent",
            "QSinglePointEvent",
            "QTabletEvent",
            "QTouchEvent",
            "QTransform",
        ),
    ),
    (
        "PySide6.QtWidgets",
        (
            "QAbstractSpinBox",
            "QComboBox",
            "QDateEdit",
            "QDateTimeEdit",
            "QDialogButtonBox",
            "QFileDialog",
            "QFormLayout",
            "QGridLayout",
            "QGroupBox",
            "QListView",
            "QListWidget",
            "QListWidgetItem",
            "QPlainTextEdit",
            "QProgressBar",
            "QScrollArea",
            "QSizePolicy",
            "QStatusBar",
            "QStyle",
            "QTextBrowser",
            "QTextEdit",
            "QTimeEdit",
            "QToolButton",
            "QToolTip",
        ),
    ),
    (
        "PySide6.QtPrintSupport",
        (
            "QAbstractPrintDialog",
            "QPrintDialog",
            "QPrinter",
        ),
    ),
    (
        "PySide6.QtPdf",
        (
            "QPdfDocument",
            "QPdfDocumentRenderOptions",
        ),
    ),
    (
        "PySide6.QtPdfWidgets",
        ("QPdfView",),
    ),
    (
        "PySide6.QtSvg",
        ("QSvgRenderer",),
    ),
)

STEP_MS = 5.0  # the longest a step of qt_binding_steps runs before the event loop's next turn


def import_qt_bindings() -> None:
    """Import PAGE_QT_BINDINGS and make PAGE_QT_CLASSES, all at once; on the UI thread, before
    a worker imports the modules that use them (once made, a look-up)."""
    for _step in qt_binding_steps(budget_ms=float("inf")):
        pass


def qt_binding_steps(budget_ms: float = STEP_MS) -> Iterator[None]:
    """What :func:`import_qt_bindings` does, yielding whenever ``budget_ms`` have gone by (the
    caller lets the event loop run between steps)."""
    started = time.perf_counter()
    for name in PAGE_QT_BINDINGS:
        importlib.import_module(name)
    for module_name, names in PAGE_QT_CLASSES:
        module = importlib.import_module(module_name)
        for name in names:
            getattr(module, name)
            if (time.perf_counter() - started) * 1000 >= budget_ms:
                yield
                started = time.perf_counter()


def import_qt_bindings_then(done: Callable[[], None], context: QObject) -> None:
    """Make what :func:`import_qt_bindings` makes in steps of STEP_MS on the UI thread, the
    event loop running between them, then call ``done`` (on the UI thread); nothing more once
    ``context`` is deleted."""
    from PySide6.QtCore import QTimer

    steps = qt_binding_steps()

    def step() -> None:
        if next(steps, StopIteration) is StopIteration:
            done()
        else:
            QTimer.singleShot(0, context, step)

    step()
