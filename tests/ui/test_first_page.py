"""Work that waits for the patient list's first page (clinic_app/ui/common/first_page.py)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from clinic_app.ui.common.first_page import FIRST_PAINT_MS, after_first_page


class Loading(QObject):
    """Stands for a model that loads its first page in a worker."""

    loading_changed = Signal(bool)

    def __init__(self) -> None:
        super().__init__()
        self.is_loading = True

    def arrive(self) -> None:
        self.is_loading = False
        self.loading_changed.emit(False)


def test_the_callback_waits_for_the_first_page_and_its_paint(qtbot) -> None:  # type: ignore[no-untyped-def]
    model, calls = Loading(), []
    after_first_page(model, lambda: calls.append("called"))
    qtbot.wait(FIRST_PAINT_MS + 50)
    assert calls == []  # still loading
    model.arrive()
    assert calls == []  # the rows are painted first
    qtbot.waitUntil(lambda: calls == ["called"])


def test_a_model_already_loaded_calls_at_once(qtbot) -> None:  # type: ignore[no-untyped-def]
    model, calls = Loading(), []
    model.is_loading = False
    after_first_page(model, lambda: calls.append("called"))
    assert calls == ["called"]


def test_nothing_is_called_for_a_window_deleted_meanwhile(qtbot) -> None:  # type: ignore[no-untyped-def]
    model, calls, window = Loading(), [], QWidget()
    after_first_page(model, lambda: calls.append("called"), context=window)
    model.arrive()
    window.deleteLater()
    qtbot.wait(FIRST_PAINT_MS + 100)
    assert calls == []
