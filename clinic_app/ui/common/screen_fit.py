"""Windows that fit the screen they open on: a 1366×768 laptop shows every button."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room for the window's frame, title bar and the taskbar, which the geometry does not count.
FRAME_MARGIN = 60


def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    """Resize ``window`` to ``width`` × ``height``, or less where its screen is smaller."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        available = screen.availableGeometry()
        width = min(width, available.width() - FRAME_MARGIN)
        height = min(height, available.height() - FRAME_MARGIN)
    window.resize(width, height)
