"""The size of Qt's pixmap cache (QPixmapCache), set at the start.

Qt keeps the pixmaps its style draws (button faces, frames, gradients, at each size and state)
and the icons' pixmaps in one process-wide cache of 10 MiB by default, and a long day of opened
and closed forms fills it: in the stall benchmark (docs/performance.md, "Peak memory"), some
4-5 MB of the window's peak were this cache, every one of them a picture that can be drawn again
in microseconds. 1 MiB keeps what the open window repaints; the least recently used go first.
"""

from __future__ import annotations

from PySide6.QtGui import QPixmapCache

PIXMAP_CACHE_KB = 1024


def limit_pixmap_cache() -> None:
    """Set the cache's size (on the UI thread, once the QApplication exists)."""
    QPixmapCache.setCacheLimit(PIXMAP_CACHE_KB)
