"""Work a person waits for goes first: the service loader steps aside while it runs
(clinic_app/ui/common/foreground.py)."""

from __future__ import annotations

import threading
import time

from clinic_app.ui.common import foreground as fg


def test_step_aside_waits_while_foreground_work_runs_then_goes_on() -> None:
    order: list[str] = []
    started, release = threading.Event(), threading.Event()

    def person_waits() -> None:
        with fg.foreground():
            started.set()
            release.wait(5)
            order.append("foreground done")

    worker = threading.Thread(target=person_waits)
    worker.start()
    started.wait(5)
    assert fg.foreground_running()

    def loader() -> None:
        fg.step_aside()
        order.append("loader goes on")

    background = threading.Thread(target=loader)
    background.start()
    time.sleep(0.05)
    assert order == []  # the loader is waiting
    release.set()
    worker.join(5)
    background.join(5)
    assert order == ["foreground done", "loader goes on"]
    assert not fg.foreground_running()


def test_step_aside_waits_no_longer_than_it_is_told() -> None:
    with fg.foreground():
        began = time.monotonic()
        fg.step_aside(longest_s=0.05)
        assert time.monotonic() - began < 1.0  # not held up for good


def test_without_foreground_work_step_aside_returns_at_once() -> None:
    began = time.monotonic()
    fg.step_aside()
    assert time.monotonic() - began < 1.0
