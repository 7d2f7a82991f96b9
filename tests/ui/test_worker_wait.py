"""wait_in_worker: the work runs in another thread, the event loop turns meanwhile, the form
that asked takes no input until it is done, and the work's exception reaches the caller."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from clinic_app.ui.common.worker_wait import wait_in_worker


class Form(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.name = QLineEdit()
        QVBoxLayout(self).addWidget(self.name)


def test_the_work_runs_in_a_worker_while_timers_keep_firing(qtbot) -> None:  # type: ignore[no-untyped-def]
    form = Form()
    qtbot.addWidget(form)
    ticks: list[float] = []
    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()

    def work() -> str:
        time.sleep(0.3)
        return threading.current_thread().name

    worker = wait_in_worker(form, work)
    timer.stop()
    assert worker != threading.main_thread().name
    assert len(ticks) >= 10  # the UI thread went on turning its loop during the 0.3 s


def test_typing_into_the_form_while_it_saves_is_dropped(qtbot) -> None:  # type: ignore[no-untyped-def]
    form = Form()
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.name.setFocus()
    QTimer.singleShot(50, lambda: qtbot.keyClicks(form.name, "late"))

    wait_in_worker(form, lambda: time.sleep(0.3))
    assert form.name.text() == ""
    qtbot.keyClicks(form.name, "after")  # and it takes input again once the work is done
    assert form.name.text() == "after"


def test_the_works_exception_is_raised_to_the_caller(qtbot) -> None:  # type: ignore[no-untyped-def]
    form = Form()
    qtbot.addWidget(form)

    def work() -> None:
        raise ValueError("refused at the service")

    with pytest.raises(ValueError, match="refused at the service"):
        wait_in_worker(form, work)
    assert wait_in_worker(form, lambda: 42) == 42  # and the next unit of work runs as usual


def test_steps_on_the_ui_thread_let_timers_fire_and_drop_the_forms_input(qtbot) -> None:  # type: ignore[no-untyped-def]
    from clinic_app.ui.common.worker_wait import responsive_steps

    form = Form()
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.name.setFocus()
    ticks: list[int] = []
    timer = QTimer(interval=0)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    with responsive_steps(form) as pause:
        for _step in range(3):
            time.sleep(0.02)  # a step of work on the UI thread
            qtbot.keyClicks(form.name, "x")  # typed meanwhile: dropped
            pause()
    timer.stop()
    assert len(ticks) >= 3  # the loop turned between the steps, not only after them
    assert form.name.text() == ""
    qtbot.keyClicks(form.name, "after")
    assert form.name.text() == "after"


def test_a_click_and_a_close_aimed_at_the_form_are_dropped_others_are_not(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    form = Form()
    button = QPushButton("Save", form)
    form.layout().addWidget(button)
    other = QLineEdit()  # another window: the wait is the form's alone
    for widget in (form, other):
        qtbot.addWidget(widget)
        widget.show()
        qtbot.waitExposed(widget)
    clicked: list[bool] = []
    button.clicked.connect(lambda: clicked.append(True))

    def meanwhile() -> None:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        form.close()
        qtbot.keyClicks(other, "typed")

    QTimer.singleShot(50, meanwhile)
    wait_in_worker(form, lambda: time.sleep(0.3))
    assert clicked == [] and form.isVisible()
    assert other.text() == "typed"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # the form's own again once done
    assert len(clicked) == 1


def test_a_widget_added_between_steps_drops_input_too(qtbot) -> None:  # type: ignore[no-untyped-def]
    from clinic_app.ui.common.worker_wait import responsive_steps

    form = Form()
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    with responsive_steps(form) as pause:
        added = QLineEdit()
        form.layout().addWidget(added)  # a step builds a row of the form
        pause()
        qtbot.keyClicks(added, "x")  # typed into it before the next step: dropped
        pause()
    assert added.text() == ""
    qtbot.keyClicks(added, "after")
    assert added.text() == "after"
