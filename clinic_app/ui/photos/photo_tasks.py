"""The photo window's work off the UI thread: importing files (Pillow, the store, the audit) one
by one, reporting each photo as it is stored, and decoding thumbnails and photos into QImages.

QImage may be made in any thread (QPixmap may not); widgets are only touched by the slots the
signals reach, on the UI thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage

from clinic_app.ui.common.background import retire

if TYPE_CHECKING:
    from clinic_app.db import Database
    from clinic_app.domain.photos.photo_views import PhotoViews
    from clinic_app.services.photos.photos import NewPhoto, PhotoLine, VisitRef
    from clinic_app.services.security.identity import Actor


@dataclass(frozen=True)
class ImportItem:
    """A photo to import: a file to read (in the worker), or bytes from the camera."""

    name: str
    path: Path | None = None
    data: bytes | None = None
    source: str = "file"


@dataclass(frozen=True)
class ImportedPhoto:
    """A stored photo and its thumbnail, decoded."""

    line: PhotoLine
    thumbnail: QImage


class ImportSignals(QObject):
    imported = Signal(object)  # ImportedPhoto
    refused = Signal(str, str)  # the file's name, why
    finished = Signal(int)  # how many were stored


_running: set[QRunnable] = set()


class ImportTask(QRunnable):
    """Prepare and store ``items`` in turn; a refused file does not stop the others."""

    def __init__(
        self,
        database: Database,
        actor: Actor,
        data_dir: Path | None,
        patient_id: int,
        visit: VisitRef,
        template: NewPhoto,
        items: Sequence[ImportItem],
        views: PhotoViews,
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.database, self.actor, self.data_dir = database, actor, data_dir
        self.patient_id, self.visit, self.template = patient_id, visit, template
        self.items, self.views = tuple(items), views
        self.cancelled = False
        self.signals = ImportSignals()  # made on the UI thread: its slots run there

    def start(self, pool: QThreadPool | None = None) -> None:
        """Run in ``pool``; once finished, the task lets go of its photos and of itself (the
        slot below held the task and the task its signals: a cycle through Qt that kept every
        import, with a camera's photos in bytes, in memory)."""
        _running.add(self)

        def finished(_count: int) -> None:
            _running.discard(self)
            retire(self)
            self.items = ()
            self.signals.finished.disconnect(finished)

        self.signals.finished.connect(finished)
        (pool or QThreadPool.globalInstance()).start(self)

    def run(self) -> None:
        import dataclasses

        from clinic_app.services.errors import ServiceError
        from clinic_app.services.photos import photo_images, photos
        from clinic_app.services.photos.photo_store import PhotoStore
        from clinic_app.services.safe_files import describe_os_error

        stored = 0
        for item in self.items:
            if self.cancelled:
                break
            try:
                data = item.data if item.data is not None else Path(item.path or "").read_bytes()
                prepared = photo_images.prepare(data)
                new = dataclasses.replace(
                    self.template, source=item.source, original_name=item.name
                )
                with self.database.session() as session:
                    store = PhotoStore.for_session(session, self.data_dir)
                    line = photos.add(
                        session,
                        self.actor,
                        store,
                        self.patient_id,
                        self.visit,
                        prepared,
                        new,
                        self.views,
                    )
            except ServiceError as exc:
                self.signals.refused.emit(item.name, str(exc))
                continue
            except OSError as exc:
                where = item.path or Path(item.name)
                self.signals.refused.emit(item.name, describe_os_error(exc, where, "reading it"))
                continue
            except Exception as exc:  # reported: the window must never wait for ever
                self.signals.refused.emit(
                    item.name,
                    QCoreApplication.translate(
                        "photos.photo_tasks", "It could not be imported ({exc})."
                    ).format(exc=exc),
                )
                continue
            stored += 1
            self.signals.imported.emit(ImportedPhoto(line, QImage.fromData(prepared.thumbnail)))
        self.signals.finished.emit(stored)


def decode_all(images: dict[int, bytes]) -> dict[int, QImage]:
    """JPEG/PNG bytes by id as QImages (in a worker)."""
    return {key: QImage.fromData(data) for key, data in images.items()}
