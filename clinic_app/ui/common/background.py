"""Run slow work (backups, restores, verifying the audit trail) off the UI thread.

The function runs in a QThreadPool thread and must not touch widgets; its result or exception
comes back by signal, delivered on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class TaskSignals(QObject):
    finished = Signal(object)
    failed = Signal(object)


class BackgroundTask(QRunnable):
    """``function()`` in a worker thread; ``signals.finished(result)`` or ``failed(exc)``."""

    def __init__(self, function: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.function = function
        self.signals = TaskSignals()  # created on the UI thread, so its slots run there

    def run(self) -> None:
        try:
            result = self.function()
        except Exception as exc:  # reported to the window, which must never wait forever
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


_running: set[BackgroundTask] = set()


def _release(task: BackgroundTask) -> None:
    """A task that has reported lets go of its function, and with it of what the function
    named (a session editor's store, the rows it read).

    The task itself stays in memory: its signals' connections hold the two slots of
    :func:`run_in_background` and the slots hold the task, a cycle through Qt's connection list
    that Python's collector cannot see (a few hundred bytes a task). Before, each task also
    kept its function, so that every session editor opened since the start stayed in memory.
    The connections and the callbacks are left alone: the worker thread may still be inside
    the emit, and letting go of the callbacks too (which name the windows they update) crashed
    the deletion of a closed consent preview (tests/ui/test_consent_print_ui.py), not
    understood yet.
    """
    _running.discard(task)
    task.function = _done


def _done() -> None:
    """What a task that has reported holds instead of its function."""


def run_in_background(
    function: Callable[[], Any],
    on_finished: Callable[[Any], None],
    on_failed: Callable[[BaseException], None],
    pool: QThreadPool | None = None,
    receiver: QObject | None = None,
) -> BackgroundTask:
    """Start ``function`` in ``pool`` (the global pool by default) and report back; with
    ``receiver`` (the window that shows the result), not once it has been deleted."""
    task = BackgroundTask(function)
    _running.add(task)

    def gone() -> bool:
        return receiver is not None and not shiboken6.isValid(receiver)

    def finished(result: object) -> None:
        _release(task)
        if not gone():
            on_finished(result)

    def failed(exc: object) -> None:
        _release(task)
        if not gone():
            on_failed(exc)  # type: ignore[arg-type]

    task.signals.finished.connect(finished)
    task.signals.failed.connect(failed)
    (pool or QThreadPool.globalInstance()).start(task)
    return task
