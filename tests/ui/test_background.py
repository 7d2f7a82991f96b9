"""run_in_background: a reply for a window deleted meanwhile is dropped, not a crash (it was,
under load: the audit window's count label was written after the window was gone)."""

from __future__ import annotations

import gc
import threading
import weakref

import shiboken6
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QLabel

from clinic_app.ui.common.background import run_in_background


def test_a_reply_to_a_deleted_receiver_is_dropped(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = QLabel()
    release = threading.Event()
    shown: list[str] = []

    def work() -> str:
        release.wait(5)
        return "done"

    run_in_background(work, lambda text: label.setText(text), shown.append, receiver=label)
    shiboken6.delete(label)  # the window closes while the worker reads
    release.set()
    QThreadPool.globalInstance().waitForDone()
    qtbot.wait(20)  # the reply is delivered (and dropped) here; setText would raise
    assert shown == []


def test_a_reply_to_a_live_receiver_arrives(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = QLabel()
    qtbot.addWidget(label)
    run_in_background(lambda: "done", label.setText, lambda exc: None, receiver=label)
    qtbot.waitUntil(lambda: label.text() == "done")


class _Held:
    """Something a task's function names (as a session editor's store was)."""


def _run_and_forget(qtbot) -> weakref.ref[_Held]:  # type: ignore[no-untyped-def]
    held = _Held()
    seen: list[object] = []
    run_in_background(lambda: held and "done", seen.append, seen.append)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == ["done"]
    return weakref.ref(held)


def test_a_task_that_has_reported_lets_go_of_its_function(qtbot) -> None:  # type: ignore[no-untyped-def]
    # Each task stays in memory (its signals' connections and its slots hold each other through
    # Qt, where Python's collector cannot see), and it kept its function: every session editor
    # opened since the start stayed in memory with it.
    held = _run_and_forget(qtbot)
    gc.collect()
    assert held() is None


def _report_to(qtbot, fail: bool) -> weakref.ref[_Held]:  # type: ignore[no-untyped-def]
    held = _Held()  # what a callback names, as the window it updates
    seen: list[object] = []

    def work() -> str:
        if fail:
            raise ValueError("no")
        return "done"

    def shown(value: object) -> None:
        seen.append((held, value))

    run_in_background(work, shown, shown)
    qtbot.waitUntil(lambda: bool(seen))
    seen.clear()
    return weakref.ref(held)


def test_a_task_that_has_reported_lets_go_of_its_callbacks(qtbot) -> None:  # type: ignore[no-untyped-def]
    # The callbacks name the windows they update (a consent panel, its preview): they stayed in
    # memory with the task, through its signals' connections, after every window was closed.
    after_result = _report_to(qtbot, fail=False)
    after_failure = _report_to(qtbot, fail=True)
    QThreadPool.globalInstance().waitForDone()
    gc.collect()
    assert after_result() is None
    assert after_failure() is None
