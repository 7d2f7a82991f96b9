"""run_in_background: a reply for a window deleted meanwhile is dropped, not a crash (it was,
under load: the audit window's count label was written after the window was gone)."""

from __future__ import annotations

import threading

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
