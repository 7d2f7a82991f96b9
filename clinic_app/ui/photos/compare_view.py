"""Two visits compared: the same view side by side, or one over the other with a slider, with
zoom and pan kept in step; the date and the days since the first treatment under each; the
pair exported as a PDF page for the patient (reports/photo_compare.py).

Both photos are scaled in their scenes to the same height, so one transform and one pair of
scroll positions fit both views. The photos are read and decoded in a worker.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QImage, QPixmap, QWheelEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSlider,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clinic_app.ui.common.background import run_in_background
from clinic_app.ui.common.dialog_service import DialogService
from clinic_app.ui.common.formatting import format_date
from clinic_app.ui.common.widget_names import named

if TYPE_CHECKING:
    from clinic_app.db import Database
    from clinic_app.domain.photos.photo_views import PhotoViews
    from clinic_app.reports.render_process import RenderProcess
    from clinic_app.services.photos.photo_compare import CompareSide
    from clinic_app.services.photos.photos import PhotoLine, VisitRef
    from clinic_app.services.security.identity import Actor

SCENE_HEIGHT = 1000.0  # every photo is scaled to this height in its scene
ZOOM_STEP = 1.25
MAX_ZOOM = 16.0


class SyncedView(QGraphicsView):
    """A view whose zoom (wheel, or :meth:`zoom_by`) and pan are mirrored to its partners."""

    zoomed = Signal(float)

    def __init__(self, scene: QGraphicsScene) -> None:
        super().__init__(scene)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setRenderHints(self.renderHints())
        self.partners: list[SyncedView] = []
        self._syncing = False
        self.horizontalScrollBar().valueChanged.connect(self._scrolled)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)

    def link(self, other: SyncedView) -> None:
        self.partners.append(other)
        other.partners.append(self)

    def wheelEvent(self, event: QWheelEvent) -> None:
        factor = ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP
        self.zoom_by(factor)

    def zoom_by(self, factor: float) -> None:
        current = self.transform().m11()
        factor = max(min(factor, MAX_ZOOM / current), 0.05 / current)
        for view in (self, *self.partners):
            view.scale(factor, factor)
        self._scrolled()
        self.zoomed.emit(self.transform().m11())

    def fit(self) -> None:
        rect = self.scene().itemsBoundingRect()
        for view in (self, *self.partners):
            view.resetTransform()
            view.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)

    def _scrolled(self, _value: int = 0) -> None:
        if self._syncing:
            return
        for view in self.partners:
            view._syncing = True
            view.horizontalScrollBar().setValue(self.horizontalScrollBar().value())
            view.verticalScrollBar().setValue(self.verticalScrollBar().value())
            view._syncing = False


def _pixmap_item(image: QImage) -> QGraphicsPixmapItem:
    item = QGraphicsPixmapItem(QPixmap.fromImage(image))
    item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
    if image.height() > 0:
        item.setScale(SCENE_HEIGHT / image.height())
    return item


class CompareWindow(QWidget):
    """Pick two visits and a view; see them side by side or with a slider; export the page."""

    shown = Signal()  # a pair is on screen
    exported = Signal(object)  # the path of the PDF written

    def __init__(
        self,
        database: Database,
        actor: Actor,
        lines: list[PhotoLine],
        views: PhotoViews,
        *,
        data_dir: Path | None = None,
        dialogs: DialogService | None = None,
        parent: QWidget | None = None,
        renderer: RenderProcess | None = None,
    ) -> None:
        """``renderer`` lays out the exported page (None: in this process's worker)."""
        super().__init__(parent, Qt.WindowType.Window)
        self.renderer = renderer
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.database, self.actor, self.data_dir = database, actor, data_dir
        self.lines, self.views = lines, views
        self.dialogs = dialogs or DialogService()
        self.pair: tuple[CompareSide, CompareSide] | None = None
        self.setWindowTitle(self.tr("Compare visits"))
        self.resize(1200, 720)

        visits: dict[VisitRef, Any] = {}
        for line in sorted(lines, key=lambda line: line.visit_day):
            visits.setdefault(line.visit, line.visit_day)
        self.before_box = named(QComboBox(), "compare_before")
        self.after_box = named(QComboBox(), "compare_after")
        for ref, day in visits.items():
            kind = self.tr("Consultation") if ref.kind == "consultation" else self.tr("Session")
            text = f"{format_date(day)} — {kind} #{ref.id}"
            self.before_box.addItem(text, ref)
            self.after_box.addItem(text, ref)
        self.after_box.setCurrentIndex(self.after_box.count() - 1)
        self.view_box = named(QComboBox(), "compare_view")
        present = {line.view for line in lines}
        for view in views.views:
            if view.id in present:
                self.view_box.addItem(view.label, view.id)
        self.side_by_side = QRadioButton(self.tr("Side by side"))
        self.overlay = QRadioButton(self.tr("Slider"))
        self.side_by_side.setChecked(True)
        modes = QButtonGroup(self)
        modes.addButton(self.side_by_side)
        modes.addButton(self.overlay)
        self.side_by_side.toggled.connect(self._mode_changed)
        fit = QPushButton(self.tr("&Fit"))
        fit.clicked.connect(self.fit)
        self.export_button = QPushButton(self.tr("&Export PDF for the patient…"))
        self.export_button.clicked.connect(self.ask_export)
        self.export_button.setEnabled(False)
        for box in (self.before_box, self.after_box, self.view_box):
            box.currentIndexChanged.connect(self.load_pair)
        choose = QHBoxLayout()
        for label, widget in (
            (self.tr("Before:"), self.before_box),
            (self.tr("After:"), self.after_box),
            (self.tr("View:"), self.view_box),
        ):
            choose.addWidget(QLabel(label))
            choose.addWidget(widget)
        choose.addWidget(self.side_by_side)
        choose.addWidget(self.overlay)
        choose.addStretch(1)
        choose.addWidget(fit)
        choose.addWidget(self.export_button)

        # Side by side: two linked views, a caption under each.
        self.scenes = (QGraphicsScene(self), QGraphicsScene(self))
        self.left_view = named(SyncedView(self.scenes[0]), "compare_left")
        self.right_view = named(SyncedView(self.scenes[1]), "compare_right")
        self.left_view.link(self.right_view)
        self.captions = (named(QLabel(), "caption_before"), named(QLabel(), "caption_after"))
        pair_page = QWidget()
        grid = QGridLayout(pair_page)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.left_view, 0, 0)
        grid.addWidget(self.right_view, 0, 1)
        for column, caption in enumerate(self.captions):
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setTextFormat(Qt.TextFormat.RichText)
            grid.addWidget(caption, 1, column)

        # Slider: the after photo over the before one, uncovered up to the slider.
        self.overlay_scene = QGraphicsScene(self)
        self.overlay_view = named(SyncedView(self.overlay_scene), "compare_overlay")
        self.slider = named(QSlider(Qt.Orientation.Horizontal), "compare_slider")
        self.slider.setRange(0, 1000)
        self.slider.setValue(500)
        self.slider.valueChanged.connect(self._wipe)
        self.overlay_caption = named(QLabel(), "caption_overlay")
        self.overlay_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.overlay_caption.setTextFormat(Qt.TextFormat.RichText)
        self.clip: QGraphicsRectItem | None = None
        overlay_page = QWidget()
        overlay_layout = QVBoxLayout(overlay_page)
        overlay_layout.setContentsMargins(0, 0, 0, 0)
        overlay_layout.addWidget(self.overlay_view, 1)
        overlay_layout.addWidget(self.slider)
        overlay_layout.addWidget(self.overlay_caption)

        self.pages = QStackedWidget()
        self.pages.addWidget(pair_page)
        self.pages.addWidget(overlay_page)
        self.status = named(QLabel(), "compare_status")
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.status)
        self.load_pair()

    def _photo_for(self, visit: VisitRef, view: str) -> PhotoLine | None:
        chosen = [line for line in self.lines if line.visit == visit and line.view == view]
        return max(chosen, key=lambda line: line.taken_at, default=None)

    def load_pair(self) -> None:
        """Read and decode the chosen pair in a worker, then show it."""
        view = self.view_box.currentData()
        before_ref, after_ref = self.before_box.currentData(), self.after_box.currentData()
        before = self._photo_for(before_ref, view) if before_ref else None
        after = self._photo_for(after_ref, view) if after_ref else None
        self.export_button.setEnabled(False)
        if before is None or after is None or before.id == after.id:
            missing = self.tr("Choose two visits that both have a photo of this view.")
            self.status.setText(missing)
            return
        self.status.setText(self.tr("Loading…"))
        database, data_dir, ids = self.database, self.data_dir, (before.id, after.id)

        def read() -> tuple[tuple[CompareSide, CompareSide], tuple[QImage, QImage]]:
            from clinic_app.services.photos import photo_compare
            from clinic_app.services.photos.photo_store import PhotoStore

            with database.snapshot() as session:
                store = PhotoStore.for_session(session, data_dir)
                sides = photo_compare.pair(session, store, *ids)
            return sides, (QImage.fromData(sides[0].image), QImage.fromData(sides[1].image))

        run_in_background(read, self._show_pair, self._failed, receiver=self)

    def _caption(self, side: CompareSide, *, inline: bool = False) -> str:
        import html

        return (
            f"<b>{html.escape(format_date(side.line.visit_day))}</b>"
            + (" (" if inline else "<br>")
            + html.escape(side.days_label)
            + (")" if inline else "")
        )

    def _show_pair(self, result: tuple[tuple[CompareSide, CompareSide], tuple[QImage, QImage]]):  # type: ignore[no-untyped-def]
        self.pair, images = result
        for scene, image in zip(self.scenes, images, strict=True):
            scene.clear()
            scene.addItem(_pixmap_item(image))
            scene.setSceneRect(scene.itemsBoundingRect())
        for caption, side in zip(self.captions, self.pair, strict=True):
            caption.setText(self._caption(side))
        self.overlay_scene.clear()
        below, above = _pixmap_item(images[0]), _pixmap_item(images[1])
        self.overlay_scene.addItem(below)
        bounds = below.sceneBoundingRect().united(above.sceneBoundingRect())
        self.clip = QGraphicsRectItem(QRectF(bounds))
        self.clip.setPen(Qt.PenStyle.NoPen)
        self.clip.setFlag(QGraphicsRectItem.GraphicsItemFlag.ItemClipsChildrenToShape)
        above.setParentItem(self.clip)
        self.overlay_scene.addItem(self.clip)
        self.overlay_scene.setSceneRect(bounds)
        self._wipe(self.slider.value())
        before, after = self.pair
        left = self.tr("Left of the line:")  # plain calls: lupdate reads no f-string
        right = self.tr("right of the line:")
        self.overlay_caption.setText(
            f"{left} {self._caption(after, inline=True)} &nbsp;·&nbsp; "
            f"{right} {self._caption(before, inline=True)}"
        )
        self.status.setText(self.tr("Wheel to zoom, drag to pan: both photos follow."))
        self.export_button.setEnabled(True)
        self.fit()
        self.shown.emit()

    def _wipe(self, value: int) -> None:
        if self.clip is None:
            return
        bounds = self.overlay_scene.sceneRect()
        width = bounds.width() * value / self.slider.maximum()
        self.clip.setRect(QRectF(bounds.left(), bounds.top(), width, bounds.height()))

    def _mode_changed(self) -> None:
        self.pages.setCurrentIndex(0 if self.side_by_side.isChecked() else 1)
        self.fit()

    def fit(self) -> None:
        view = self.left_view if self.side_by_side.isChecked() else self.overlay_view
        if view.scene().items():
            view.fit()

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(self.tr("The photos could not be shown: %s") % exc)

    # Export ----------------------------------------------------------------------------------

    def ask_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export comparison"), "photo-comparison.pdf", self.tr("PDF (*.pdf)")
        )
        if name:
            self.export(Path(name))

    def export(self, path: Path) -> None:
        """Render the page for the patient and write it to ``path``, in a worker."""
        if self.pair is None:
            return

        database, actor, data_dir = self.database, self.actor, self.data_dir
        renderer = self.renderer
        ids = (self.pair[0].line.id, self.pair[1].line.id)
        views: PhotoViews = self.views

        def work() -> Path:
            from clinic_app.services.photos import photo_compare
            from clinic_app.services.photos.photo_store import PhotoStore
            from clinic_app.ui.common.pdf_saving import write_atomically

            with database.session() as session:
                store = PhotoStore.for_session(session, data_dir)
                data = photo_compare.export_pdf(
                    session, actor, store, *ids, views, renderer=renderer
                )
            write_atomically(path, data)
            return path

        def failed(exc: BaseException) -> None:
            from clinic_app.ui.common.pdf_saving import save_problem

            text = save_problem(exc, path) if isinstance(exc, OSError) else str(exc)
            self.dialogs.error(self, self.tr("Export failed"), text)

        self.status.setText(self.tr("Writing the PDF…"))
        run_in_background(work, self._exported, failed, receiver=self)

    def _exported(self, path: Path) -> None:
        self.status.setText(self.tr("Saved %s") % path)
        self.exported.emit(path)
