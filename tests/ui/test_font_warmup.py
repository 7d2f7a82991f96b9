"""The start reads the system's fonts in a worker while it opens the database and builds the
window (clinic_app/ui/common/font_warmup.py)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication
from thread_notes import note_threads

from clinic_app.ui.common import font_warmup


def test_the_default_font_is_loaded_in_a_worker(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    threads = note_threads(monkeypatch, font_warmup, "load_font")
    font_warmup.load_fonts_in_background()
    QThreadPool.globalInstance().waitForDone()
    assert len(threads) == 1
    assert threading.main_thread().name not in threads


def test_the_worker_measures_the_font_the_ui_thread_measures(qtbot) -> None:  # type: ignore[no-untyped-def]
    font = QGuiApplication.font()
    assert font_warmup.load_font(font) == QFontMetrics(QFont(font)).height() > 0
