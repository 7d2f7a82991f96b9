"""The system's fonts, read in a worker thread while the start goes on.

The first widget that lays out text makes Qt read fontconfig's configuration and cache and
open the default font's face: some 75 million instructions (callgrind, docs/startup.md), on
the UI thread, before the first paint. Qt's font database may be used from any thread (it
holds its own lock; QFont and QFontMetrics work in worker threads), and PySide6 lets other
Python threads run while a worker is inside Qt, so the start reads the fonts in a worker while
the UI thread opens the database and builds the window; the first text then finds them loaded.
"""

from __future__ import annotations

from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication


def load_font(font: QFont) -> int:
    """Load ``font``'s face (and, the first time, the font database); its line height."""
    return QFontMetrics(font).height()


def load_fonts_in_background() -> None:
    """Start loading the application's default font in a worker of the global thread pool
    (which the app waits for before it quits)."""
    font = QFont(QGuiApplication.font())
    QThreadPool.globalInstance().start(lambda: load_font(font))
