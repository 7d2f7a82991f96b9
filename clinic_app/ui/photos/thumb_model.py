"""The patient's photos as a list model whose thumbnails load lazily.

The view asks for the decoration of the rows it paints; a row without its thumbnail yet shows a
grey tile and joins a batch that ``fetch`` (the window's worker) reads and decodes off the UI
thread. A patient with hundreds of photos loads only the thumbnails on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QIcon, QImage, QPixmap

from clinic_app.ui.common.formatting import format_date

if TYPE_CHECKING:
    from clinic_app.domain.photos.photo_views import PhotoViews
    from clinic_app.services.photos.photos import PhotoLine

TILE = QSize(160, 160)
BATCH = 24
PHOTO_ID_ROLE = Qt.ItemDataRole.UserRole
Index = QModelIndex | QPersistentModelIndex


class PhotoThumbModel(QAbstractListModel):
    """Rows of ``PhotoLine``; ``fetch(ids)`` is asked for thumbnails, answered by
    :meth:`set_thumbnails`."""

    def __init__(self, views: PhotoViews, fetch: Callable[[list[int]], None]) -> None:
        super().__init__()
        self.views = views
        self.fetch = fetch
        self.lines: list[PhotoLine] = []
        self.images: dict[int, QIcon] = {}  # made on the UI thread from the worker's QImages
        self.pending: set[int] = set()  # asked for, not yet answered
        self.wanted: list[int] = []  # to ask for at the next turn of the event loop
        grey = QPixmap(TILE)
        grey.fill(QColor("#d9d9d9"))
        self.placeholder = QIcon(grey)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._ask)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.lines):
            return None
        line = self.lines[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{self.views.label(line.view)}\n{format_date(line.visit_day)}"
        if role == Qt.ItemDataRole.DecorationRole:
            image = self.images.get(line.id)
            if image is None:
                self._want(line.id)
                return self.placeholder
            return image
        if role == Qt.ItemDataRole.ToolTipRole:
            marketing = self.tr("; publicity allowed") if line.for_marketing else ""
            taken = self.tr("Taken by %1").replace("%1", line.taken_by)
            return (
                f"{self.views.label(line.view)} · {line.visit.kind} #{line.visit.id}\n"
                f"{taken}; {line.width}×{line.height}{marketing}"
            )
        if role == PHOTO_ID_ROLE:
            return line.id
        return None

    def _want(self, photo_id: int) -> None:
        if photo_id in self.pending or photo_id in self.wanted:
            return
        self.wanted.append(photo_id)
        self._timer.start()

    def _ask(self) -> None:
        while self.wanted:
            batch, self.wanted = self.wanted[:BATCH], self.wanted[BATCH:]
            self.pending.update(batch)
            self.fetch(batch)

    # Changes ---------------------------------------------------------------------------------

    def set_lines(self, lines: Iterable[PhotoLine]) -> None:
        self.beginResetModel()
        self.lines = list(lines)
        self.endResetModel()

    def add(self, line: PhotoLine, thumbnail: QImage | None = None) -> None:
        """A photo just stored, shown first."""
        self.beginInsertRows(QModelIndex(), 0, 0)
        self.lines.insert(0, line)
        if thumbnail is not None and not thumbnail.isNull():
            self.images[line.id] = QIcon(QPixmap.fromImage(thumbnail))
        self.endInsertRows()

    def remove(self, photo_id: int) -> None:
        for row, line in enumerate(self.lines):
            if line.id == photo_id:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.lines[row]
                self.images.pop(photo_id, None)
                self.endRemoveRows()
                return

    def set_thumbnails(self, images: dict[int, QImage]) -> None:
        for photo_id, image in images.items():
            self.images[photo_id] = QIcon(QPixmap.fromImage(image))
        self.pending.difference_update(images)
        rows = [row for row, line in enumerate(self.lines) if line.id in images]
        if rows:
            self.dataChanged.emit(
                self.index(min(rows)), self.index(max(rows)), [Qt.ItemDataRole.DecorationRole]
            )

    def fetch_failed(self, ids: Iterable[int]) -> None:
        self.pending.difference_update(ids)

    def line_at(self, row: int) -> PhotoLine | None:
        return self.lines[row] if 0 <= row < len(self.lines) else None

    def thumbnails_shown(self) -> int:
        """How many rows have their real thumbnail (the benchmark's "shown")."""
        return sum(1 for line in self.lines if line.id in self.images)
