"""A patient's photos: which visit and view, add from files (dialog or drag and drop) or the
camera, the thumbnails (loaded lazily), remove one, compare two visits.

Nothing here waits: reading the list, importing (Pillow), thumbnails and removing run in
workers (photo_tasks.py, ui/common/background.py) and report back by signal. Photos are allowed
by the patient's consent: without its photo tick the window says so and adds nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic_app.ui.common.background import run_in_background
from clinic_app.ui.common.dialog_service import DialogService
from clinic_app.ui.common.formatting import format_date, format_instant
from clinic_app.ui.common.widget_names import named
from clinic_app.ui.photos.photo_tasks import ImportedPhoto, ImportItem, ImportTask, decode_all
from clinic_app.ui.photos.thumb_model import TILE, PhotoThumbModel

if TYPE_CHECKING:
    from clinic_app.db import Database
    from clinic_app.domain.photos.photo_views import PhotoViews
    from clinic_app.reports.render_process import RenderProcess
    from clinic_app.services.consent.photo_permission import PhotoPermission
    from clinic_app.services.photos.photos import PhotoLine, PhotoVisit
    from clinic_app.services.security.identity import Actor
    from clinic_app.ui.photos.compare_view import CompareWindow


class PhotosWindow(QWidget):
    """The photo window of one patient (a window of its own, beside the patient page)."""

    loaded = Signal()  # the list, the visits and the consent are shown
    import_finished = Signal(int)  # an import ended: how many photos were stored

    def __init__(
        self,
        database: Database,
        actor: Actor,
        patient_id: int,
        patient_name: str,
        *,
        data_dir: Path | None = None,
        dialogs: DialogService | None = None,
        parent: QWidget | None = None,
        renderer: RenderProcess | None = None,
    ) -> None:
        """``renderer`` lays out the comparison's page (the window's render process)."""
        super().__init__(parent, Qt.WindowType.Window)
        from clinic_app.domain.photos.photo_views import PhotoViews

        self.renderer = renderer
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.database, self.actor, self.patient_id = database, actor, patient_id
        self.data_dir = data_dir
        self.dialogs = dialogs or DialogService()
        self.views = PhotoViews((), "")  # read with the list, in the loading worker
        self.visits: list[PhotoVisit] = []
        self.permission: PhotoPermission | None = None
        self.importing: ImportTask | None = None
        self.refusals: list[str] = []
        self.compare: CompareWindow | None = None
        self.setWindowTitle(self.tr("Photos — %s") % patient_name)
        self.setAcceptDrops(True)
        self.resize(900, 640)

        self.consent_label = named(QLabel(self.tr("Reading the consent…")), "photo_consent")
        self.consent_label.setWordWrap(True)
        self.visit_box = named(QComboBox(), "photo_visit")
        self.view_box = named(QComboBox(), "photo_view")
        self.marketing_box = named(
            QCheckBox(self.tr("May be used for publicity (the patient's separate tick)")),
            "photo_marketing",
        )
        form = QFormLayout()
        form.addRow(self.tr("Visit:"), self.visit_box)
        form.addRow(self.tr("View:"), self.view_box)
        form.addRow("", self.marketing_box)

        self.add_button = QPushButton(self.tr("Add from &files…"))
        self.add_button.setToolTip(self.tr("JPEG, PNG or HEIC; or drop files on this window"))
        self.add_button.clicked.connect(self.ask_files)
        self.camera_button = QPushButton(self.tr("&Camera…"))
        self.camera_button.clicked.connect(self.open_camera)
        self.camera_button.setVisible(False)  # shown when a camera is found (_loaded)
        self.remove_button = QPushButton(self.tr("&Remove…"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.compare_button = QPushButton(self.tr("C&ompare visits…"))
        self.compare_button.clicked.connect(self.open_compare)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.camera_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.compare_button)

        self.model = PhotoThumbModel(self.views, self._fetch_thumbnails)
        self.grid = named(QListView(), "photo_grid")
        self.grid.setViewMode(QListView.ViewMode.IconMode)
        self.grid.setIconSize(TILE)
        self.grid.setGridSize(QSize(TILE.width() + 24, TILE.height() + 48))
        self.grid.setUniformItemSizes(True)  # only the rows on screen are asked for
        self.grid.setResizeMode(QListView.ResizeMode.Adjust)
        self.grid.setMovement(QListView.Movement.Static)
        self.grid.setWordWrap(True)
        self.grid.setModel(self.model)
        self.status = named(QLabel(self.tr("Loading…")), "photo_status")
        self.status.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.consent_label)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.status)
        self._set_enabled(False)
        self.reload()

    # Loading ---------------------------------------------------------------------------------

    def reload(self) -> None:
        from clinic_app.ui.photos.camera import multimedia_loads

        database, patient_id, data_dir = self.database, self.patient_id, self.data_dir
        # On the UI thread: a Qt module's first import (its C++ library, its types) must not
        # run in a worker while the UI thread runs Qt (clinic_app.ui.common.page_modules).
        multimedia = multimedia_loads()

        def load() -> tuple[PhotoViews, list[PhotoVisit], list[PhotoLine], PhotoPermission, bool]:
            from clinic_app.domain.photos.photo_views import load_views
            from clinic_app.services.consent.photo_permission import photo_permission
            from clinic_app.services.photos import photo_images, photos

            photo_images.warm_up()
            views = load_views(data_dir)
            with database.snapshot() as session:
                return (
                    views,
                    photos.visits(session, patient_id),
                    photos.photos_of(session, patient_id),
                    photo_permission(session, patient_id),
                    multimedia,
                )

        run_in_background(load, self._loaded, self._failed, receiver=self)

    def _loaded(self, result: tuple[Any, list[PhotoVisit], list[PhotoLine], Any, bool]) -> None:
        self.views, self.visits, lines, self.permission, multimedia = result
        self.model.views = self.views
        self.view_box.clear()
        for view in self.views.views:
            self.view_box.addItem(view.label, view.id)
            self.view_box.setItemData(
                self.view_box.count() - 1, view.guidance, Qt.ItemDataRole.ToolTipRole
            )
        self.visit_box.clear()
        for visit in self.visits:
            self.visit_box.addItem(f"{format_date(visit.day)} — {visit.label}", visit.ref)
        self.model.set_lines(lines)
        if multimedia:  # the libraries are in: asking for cameras is quick now
            from clinic_app.ui.photos.camera import camera_available

            self.camera_button.setVisible(camera_available())
        permission = self.permission
        if permission is None or not permission.clinical:
            self.consent_label.setText(
                self.tr(
                    "No photos can be added: the patient's informed consent does not allow "
                    "clinical photographs. Record a consent with the photo tick first."
                )
            )
        else:
            signed = format_instant(permission.signed_at) if permission.signed_at else ""
            publicity = (
                self.tr("publicity allowed") if permission.marketing else self.tr("no publicity")
            )
            self.consent_label.setText(
                self.tr("Clinical photos allowed by the consent of %1 (%2).")
                .replace("%1", signed)
                .replace("%2", publicity)
            )
        if not self.visits:
            self.status.setText(self.tr("Record a consultation first: photos belong to a visit."))
        else:
            self.status.setText(self.tr("%n photo(s).", "", len(lines)))
        self._set_enabled(True)
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(self.tr("The photos could not be read: %s") % exc)

    def _set_enabled(self, enabled: bool) -> None:
        allowed = enabled and self.permission is not None and self.permission.clinical
        can_add = allowed and bool(self.visits) and self.importing is None
        self.add_button.setEnabled(can_add)
        self.camera_button.setEnabled(can_add)
        self.marketing_box.setEnabled(
            allowed and bool(self.permission and self.permission.marketing)
        )
        if not self.marketing_box.isEnabled():
            self.marketing_box.setChecked(False)
        self.remove_button.setEnabled(enabled)
        self.compare_button.setEnabled(enabled)

    def _fetch_thumbnails(self, ids: list[int]) -> None:
        database = self.database

        def read() -> dict[int, Any]:
            from clinic_app.services.photos import photos

            with database.snapshot() as session:
                return decode_all(photos.thumbnails(session, ids))

        run_in_background(
            read, self.model.set_thumbnails, lambda _e: self.model.fetch_failed(ids), receiver=self
        )

    # Adding ----------------------------------------------------------------------------------

    def ask_files(self) -> None:
        from clinic_app.services.photos.photo_images import accepted_suffixes

        patterns = " ".join(f"*{suffix}" for suffix in accepted_suffixes())
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Add photos"), "", self.tr("Photos (%s)") % patterns
        )
        self.import_files([Path(name) for name in names])

    def import_files(self, paths: list[Path]) -> ImportTask | None:
        """Import ``paths`` in a worker as photos of the chosen visit and view."""
        items = [ImportItem(path.name, path=path) for path in paths]
        return self.import_items(items)

    def import_items(self, items: list[ImportItem]) -> ImportTask | None:
        from clinic_app.services.photos.photos import NewPhoto

        if not items:
            return None
        if self.importing is not None:
            self.status.setText(self.tr("Photos are being added; wait until it is done."))
            return None
        if not self.add_button.isEnabled() and self.importing is None:
            self.status.setText(self.consent_label.text())
            return None
        visit = self.visit_box.currentData()
        template = NewPhoto(
            view=str(self.view_box.currentData()),
            for_marketing=self.marketing_box.isChecked(),
        )
        task = ImportTask(
            self.database,
            self.actor,
            self.data_dir,
            self.patient_id,
            visit,
            template,
            items,
            self.views,
        )
        task.signals.imported.connect(self._imported)
        task.signals.refused.connect(self._refused)
        task.signals.finished.connect(self._import_done)
        self.importing = task
        self.refusals = []
        self._set_enabled(True)
        self.status.setText(self.tr("Adding %n photo(s)…", "", len(items)))
        task.start()
        return task

    def _imported(self, photo: ImportedPhoto) -> None:
        self.model.add(photo.line, photo.thumbnail)

    def _refused(self, name: str, reason: str) -> None:
        self.refusals.append(f"{name}: {reason}")

    def _import_done(self, count: int) -> None:
        self.importing = None
        self._set_enabled(True)
        text = self.tr("%n photo(s) added.", "", count)
        if self.refusals:
            text += " " + self.tr("Not added: ") + " ".join(self.refusals)
        self.status.setText(text)
        self.import_finished.emit(count)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        from clinic_app.services.photos.photo_images import accepted_suffixes

        suffixes = accepted_suffixes()
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        chosen = [path for path in paths if path.suffix.lower() in suffixes]
        if len(chosen) < len(paths):
            self.status.setText(self.tr("Only JPEG, PNG or HEIC photos can be added."))
        if chosen:
            event.acceptProposedAction()
            self.import_files(chosen)

    def open_camera(self) -> None:
        from clinic_app.ui.photos.camera import CameraDialog

        dialog = CameraDialog(self)
        dialog.captured.connect(
            lambda data: self.import_items([ImportItem("camera.jpg", data=data, source="camera")])
        )
        dialog.open()

    # Removing, comparing ---------------------------------------------------------------------

    def selected_photo(self) -> PhotoLine | None:
        index = self.grid.currentIndex()
        return self.model.line_at(index.row()) if index.isValid() else None

    def remove_selected(self) -> None:
        line = self.selected_photo()
        if line is None:
            self.status.setText(self.tr("Choose the photo to remove first."))
            return
        question = self.tr("Remove this %1 photo of %2? The removal is recorded.")
        question = question.replace("%1", self.views.label(line.view)).replace(
            "%2", format_date(line.visit_day)
        )
        if not self.dialogs.confirm(self, self.tr("Remove photo"), question, self.tr("Remove")):
            return
        database, actor, data_dir, photo_id = self.database, self.actor, self.data_dir, line.id

        def remove() -> int:
            from clinic_app.services.photos import photos
            from clinic_app.services.photos.photo_store import PhotoStore

            with database.session() as session:
                store = PhotoStore.for_session(session, data_dir)
                photos.remove(session, actor, store, photo_id)
            return photo_id

        run_in_background(remove, self.model.remove, self._failed, receiver=self)

    def open_compare(self) -> CompareWindow | None:
        from clinic_app.ui.photos.compare_view import CompareWindow

        if len({line.visit for line in self.model.lines}) < 2:
            self.status.setText(self.tr("Comparing needs photos of two visits."))
            return None
        self.compare = CompareWindow(
            self.database,
            self.actor,
            list(self.model.lines),
            self.views,
            data_dir=self.data_dir,
            dialogs=self.dialogs,
            parent=self,
            renderer=self.renderer,
        )
        self.compare.show()
        return self.compare

    def closeEvent(self, event: Any) -> None:
        if self.importing is not None:
            self.importing.cancelled = True  # the photo being stored finishes, the rest stop
        super().closeEvent(event)
