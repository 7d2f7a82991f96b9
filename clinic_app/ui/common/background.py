"""Run slow work (backups, restores, verifying the audit trail) off the UI thread.

The function runs in a QThreadPool thread and must not touch widgets; its result or exception
comes back by signal, delivered on the UI thread.
"""

from __future__ import annotations

from collections import deque
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
# Tasks that have reported, kept a little longer: the worker thread may still be returning from
# run() (its C++ side touches the runnable after the Python method) when the UI thread's slot
# has already let go of the task; a later task's report pushes the oldest out.
_reported: deque[QRunnable] = deque(maxlen=16)


def retire(task: QRunnable) -> None:
    """Keep a runnable that has reported a little longer, then let it go (see _reported)."""
    _reported.append(task)


def _release(task: BackgroundTask, *slots: Callable[[object], None]) -> None:
    """A task that has reported lets go of its function and of its callbacks, and with them of
    what they named (a session editor's store, the rows it read, the window it updated).

    Its signals' connections held the slots of :func:`run_in_background`, and the slots held
    the task: a cycle through Qt's connection list that Python's collector cannot see, so that
    every task ever run stayed in memory with everything its function and callbacks named.
    Disconnecting the slots breaks the cycle; the slot being run keeps itself alive until it
    returns. (Deleting the signals' QObject instead, with deleteLater, crashed the deletion of
    a closed consent preview: the worker thread could still be inside the emit.)
    """
    _running.discard(task)
    retire(task)
    task.function = _done
    task.signals.finished.disconnect(slots[0])
    task.signals.failed.disconnect(slots[1])


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
        _release(task, finished, failed)
        if not gone():
            on_finished(result)

    def failed(exc: object) -> None:
        _release(task, finished, failed)
        if not gone():
            on_failed(exc)  # type: ignore[arg-type]

    task.signals.finished.connect(finished)
    task.signals.failed.connect(failed)
    (pool or QThreadPool.globalInstance()).start(task)
    return task
