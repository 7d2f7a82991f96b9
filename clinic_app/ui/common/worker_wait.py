"""Run one unit of work (a save, a sign) in a worker while the window stays alive.

A save is short but, on PostgreSQL, it waits on the network; run on the UI thread, every repaint,
timer and other window would wait with it. ``wait_in_worker`` runs the function in the thread
pool and keeps the event loop turning until it returns, so that the caller still reads the
result in order (the form's code stays a straight line) while the window repaints. Meanwhile
the form that asked takes no input: clicks, keys and a close aimed at it are dropped, so nothing
is typed into a form whose values are being saved, and the same save cannot start twice. A busy
cursor appears only when the work outlasts a glance (so a 20 ms save does not flicker).

Work that must run on the UI thread (building a large form's widgets) is cut into steps with
``responsive_steps``: between two steps the event loop runs what is pending (a repaint, a timer,
another window), and the form drops input meanwhile in the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import shiboken6
from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from clinic_app.ui.common.background import run_in_background
from clinic_app.ui.common.foreground import foreground

T = TypeVar("T")

BUSY_CURSOR_AFTER_MS = 150

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.Shortcut,
        QEvent.Type.Wheel,
        QEvent.Type.TabletPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.Drop,
    }
)


class _InputBlocker(QObject):
    """Drops the person's input to ``form`` and its children, and a request to close it.

    It watches the form's own widgets, not the whole application: an application-wide Python
    filter sees every event of every object, and the first time it was handed one of Qt's
    private objects (a style animation, a window's internals) PySide6 built the Python types of
    some 180 Qt classes to find the object's type, some 30 ms on the UI thread and 6.6 MB that
    stayed (docs/performance.md, "Peak memory"). Widgets added to the form meanwhile are
    watched from the next :meth:`cover` (each step of ``responsive_steps``).
    """

    def __init__(self, form: QWidget) -> None:
        super().__init__()
        self._form = form
        self.cover()

    def cover(self) -> None:
        """Watch the form and every widget now in it (installing twice changes nothing)."""
        self._form.installEventFilter(self)
        for widget in self._form.findChildren(QWidget):
            widget.installEventFilter(self)

    def release(self) -> None:
        """Stop watching: Qt drops a deleted filter from every object it watched."""
        shiboken6.delete(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Close:
            if watched is not self._form:
                return False
            event.ignore()  # refused: a close event is accepted unless ignored, filtered or not
            return True
        return kind in _INPUT_EVENTS


def wait_in_worker(form: QWidget, function: Callable[[], T]) -> T:
    """``function()`` run in a worker thread; its result, or its exception raised here.

    The event loop keeps running meanwhile; ``form`` ignores input until the work is done.
    """
    app = QApplication.instance()
    assert isinstance(app, QApplication), "wait_in_worker needs the window's QApplication"
    outcome: dict[str, object] = {}
    loop = QEventLoop()

    def finished(result: object) -> None:
        outcome["result"] = result
        loop.quit()

    def failed(exc: BaseException) -> None:
        outcome["error"] = exc
        loop.quit()

    blocker = _InputBlocker(form)
    cursor = QTimer(singleShot=True, interval=BUSY_CURSOR_AFTER_MS)
    busy = False

    def show_busy() -> None:
        nonlocal busy
        busy = True
        QGuiApplication.setOverrideCursor(QtCore.Qt.CursorShape.BusyCursor)

    cursor.timeout.connect(show_busy)
    cursor.start()
    try:
        run_in_background(lambda: _first(function), finished, failed)
        if not outcome:  # always, in practice: the reply is queued for this loop
            loop.exec()
    finally:
        cursor.stop()
        blocker.release()
        if busy:
            QGuiApplication.restoreOverrideCursor()
    if "error" in outcome:
        error = outcome["error"]
        assert isinstance(error, BaseException)
        raise error
    return outcome["result"]  # type: ignore[return-value]


def _first(function: Callable[[], T]) -> T:
    """``function``, with the service loader stepping aside (a person is waiting for it)."""
    with foreground():
        return function()


@contextmanager
def responsive_steps(form: QWidget) -> Iterator[Callable[[], None]]:
    """A ``pause()`` to call between steps of long work on the UI thread: each call lets the
    event loop run what is pending. ``form`` (and its children) take no input until the block
    ends; the cursor is busy throughout."""
    app = QApplication.instance()
    assert isinstance(app, QApplication), "responsive_steps needs the window's QApplication"
    blocker = _InputBlocker(form)
    QGuiApplication.setOverrideCursor(QtCore.Qt.CursorShape.BusyCursor)

    def pause() -> None:
        blocker.cover()  # the widgets the last step added
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)

    try:
        yield pause
    finally:
        blocker.release()
        QGuiApplication.restoreOverrideCursor()
