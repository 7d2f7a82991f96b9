"""The photo window through the main window: opened from the patient page, photos dropped in
are stored by a worker and their thumbnails shown, the compare window shows the pair with zoom
in step and exports the page; without the photo consent nothing can be added."""

from __future__ import annotations

import threading
from pathlib import Path

import pypdf
import pytest
from photo_samples import photo_jpeg
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from session_factories import add_consultation
from thread_notes import note_threads

from clinic_app.ui.photos.photos_window import PhotosWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def patient(clinic_database, add_patients) -> int:  # type: ignore[no-untyped-def]
    [patient_id] = add_patients(clinic_database, [("Lea", "Moreau")])
    with clinic_database.session() as session:
        add_consultation(session, patient_id)
    return patient_id


def _open(qtbot, window, patient_id: int) -> PhotosWindow:  # type: ignore[no-untyped-def]
    window.open_patient(patient_id)
    qtbot.waitUntil(lambda: window.current_patient_id() == patient_id, timeout=5000)
    photos_window = window.photos.open_photos()
    assert photos_window is not None
    qtbot.waitUntil(lambda: photos_window.visit_box.count() > 0, timeout=5000)
    return photos_window


def _drop(widget, paths: list[Path]) -> None:  # type: ignore[no-untyped-def]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    event = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    widget.dropEvent(event)  # what Qt calls when files are dropped on the window


def test_dropped_photos_are_stored_and_shown_then_compared_and_exported(
    qtbot, window, patient, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    photos_window = _open(qtbot, window, patient)
    assert photos_window.add_button.isEnabled()
    assert not photos_window.marketing_box.isEnabled()  # no publicity tick
    from clinic_app.ui.photos.camera import camera_available

    # Shown only where QtMultimedia loads and lists a camera (this build server has none).
    assert photos_window.camera_button.isVisibleTo(photos_window) == camera_available()
    files = []
    for number in range(3):
        path = tmp_path / f"IMG_{number}.jpg"
        path.write_bytes(photo_jpeg(orientation=(1, 6, 8)[number], seed=number))
        files.append(path)
    (tmp_path / "notes.txt").write_text("not a photo")
    with qtbot.waitSignal(photos_window.import_finished, timeout=20_000) as done:
        _drop(photos_window, [*files, tmp_path / "notes.txt"])
    assert done.args == [3]
    assert photos_window.model.rowCount() == 3
    assert photos_window.model.thumbnails_shown() == 3
    # The same file again: refused as a duplicate, said in the status line.
    with qtbot.waitSignal(photos_window.import_finished, timeout=20_000) as again:
        photos_window.import_files([files[0]])
    assert again.args == [0] and "already stored" in photos_window.status.text()

    # Removing the selected photo asks first, and the grid follows.
    dialogs = window.dialogs
    dialogs.answers[:] = [True]
    photos_window.grid.setCurrentIndex(photos_window.model.index(0))
    photos_window.remove_selected()
    qtbot.waitUntil(lambda: photos_window.model.rowCount() == 2, timeout=5000)
    assert "Remove photo" in dialogs.asked[-1]
    # Reopened, the thumbnails load lazily from the database.
    photos_window.close()
    qtbot.waitUntil(lambda: patient not in window.photos.windows, timeout=5000)
    reopened = window.photos.open_photos()
    qtbot.waitUntil(lambda: reopened.model.rowCount() == 2, timeout=5000)
    qtbot.waitUntil(lambda: reopened.model.thumbnails_shown() == 2, timeout=5000)
    reopened.close()


def test_no_photo_can_be_added_without_the_photo_consent(
    qtbot, window, clinic_database, add_patients, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    [patient_id] = add_patients(clinic_database, [("Ines", "Faure")])
    with clinic_database.session() as session:
        add_consultation(session, patient_id, consent=False)
    photos_window = _open(qtbot, window, patient_id)
    qtbot.waitUntil(lambda: "does not allow" in photos_window.consent_label.text(), timeout=5000)
    assert not photos_window.add_button.isEnabled()
    path = tmp_path / "face.jpg"
    path.write_bytes(photo_jpeg())
    assert photos_window.import_files([path]) is None
    assert photos_window.model.rowCount() == 0
    photos_window.close()


def test_the_compare_window_keeps_zoom_in_step_and_exports_the_pdf(
    qtbot, window, patient, clinic_database, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from session_factories import session_input

    from clinic_app.services.sessions import session_drafts
    from clinic_app.services.sessions.session_resources import load_resources

    with clinic_database.session() as session:
        session_drafts.save(session, window.actor, session_input(patient), load_resources())
    photos_window = _open(qtbot, window, patient)
    qtbot.waitUntil(lambda: photos_window.visit_box.count() == 2, timeout=5000)
    for index, seed in ((1, 1), (0, 2)):  # the consultation, then the session
        photos_window.visit_box.setCurrentIndex(index)
        path = tmp_path / f"v{seed}.jpg"
        path.write_bytes(photo_jpeg(seed=seed))
        with qtbot.waitSignal(photos_window.import_finished, timeout=20_000):
            photos_window.import_files([path])
    compare = photos_window.open_compare()
    assert compare is not None, photos_window.status.text()
    qtbot.waitSignal(compare.shown, timeout=10_000).wait()
    compare.left_view.zoom_by(2.0)
    assert compare.right_view.transform().m11() == pytest.approx(
        compare.left_view.transform().m11()
    )
    compare.left_view.horizontalScrollBar().setValue(
        compare.left_view.horizontalScrollBar().maximum()
    )
    assert (compare.right_view.horizontalScrollBar().value()
            == compare.left_view.horizontalScrollBar().value())  # fmt: skip
    assert "after the first treatment" in compare.captions[1].text() or "Day of" in (
        compare.captions[1].text()
    )
    compare.overlay.setChecked(True)
    compare.slider.setValue(250)
    assert compare.clip is not None and compare.clip.rect().width() == pytest.approx(
        compare.overlay_scene.sceneRect().width() / 4
    )
    target = tmp_path / "pair.pdf"
    with qtbot.waitSignal(compare.exported, timeout=20_000):
        compare.export(target)
    reader = pypdf.PdfReader(target)
    assert len(reader.pages) == 1 and len(reader.pages[0].images) == 2
    assert "Lea Moreau" in reader.pages[0].extract_text()
    # Laid out by the window's render process: ReportLab stays out of the window.
    renderer = window.handouts.renderer
    assert compare.renderer is renderer
    assert "clinic_app.reports.photo_compare" in renderer.status().modules
    compare.close()
    photos_window.close()


def test_only_the_thumbnails_on_screen_are_read(qtbot) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QListView

    from clinic_app.domain.photos.photo_views import load_views
    from clinic_app.services.photos.photos import PhotoLine, VisitRef
    from clinic_app.ui.photos.thumb_model import TILE, PhotoThumbModel

    asked: list[list[int]] = []
    model = PhotoThumbModel(load_views(), asked.append)
    when = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    model.set_lines(
        PhotoLine(
            n,
            1,
            VisitRef("session", 1),
            when.date(),
            "front",
            "0" * 64,
            "image/jpeg",
            1,
            10,
            10,
            False,
            "file",
            "",
            when,
            "t",
        )
        for n in range(1, 501)
    )
    view = QListView()
    view.setViewMode(QListView.ViewMode.IconMode)
    view.setIconSize(TILE)
    view.setUniformItemSizes(True)
    view.setModel(model)
    view.resize(600, 400)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    wanted = [photo_id for batch in asked for photo_id in batch]
    assert 0 < len(wanted) < 60  # a screenful, not 500
    assert all(len(batch) <= 24 for batch in asked)
    tile = QImage(8, 8, QImage.Format.Format_RGB32)
    model.set_thumbnails({photo_id: tile for photo_id in wanted})
    assert model.thumbnails_shown() == len(wanted) and not model.pending


def test_the_camera_libraries_are_tried_on_the_ui_thread(qtbot, window, patient, monkeypatch):  # type: ignore[no-untyped-def]
    """QtMultimedia's first import loads its C++ libraries and types: done in the photo
    window's loading worker while the UI thread ran Qt, it risked crashing the app (a Qt
    module imported in a worker did, clinic_app.ui.common.page_modules)."""
    from clinic_app.ui.photos import camera

    threads = note_threads(monkeypatch, camera, "multimedia_loads")
    photos_window = _open(qtbot, window, patient)
    photos_window.reload()
    qtbot.waitUntil(lambda: photos_window.visit_box.count() > 0, timeout=5000)
    assert threads and set(threads) == {threading.main_thread().name}


def test_a_finished_import_lets_go_of_its_photos(qtbot, window, patient) -> None:  # type: ignore[no-untyped-def]
    # A camera's photo comes as bytes in the import's items; the task and its slot held each
    # other through Qt, so every import stayed in memory with its photos.
    import gc
    import weakref

    from clinic_app.ui.photos.photo_tasks import ImportItem

    photos_window = _open(qtbot, window, patient)
    item = ImportItem("camera.jpg", data=photo_jpeg(seed=7), source="camera")
    gone = weakref.ref(item)
    with qtbot.waitSignal(photos_window.import_finished, timeout=20_000) as done:
        photos_window.import_items([item])
    assert done.args == [1]
    del item
    qtbot.wait(10)  # the task's own slot runs after the window's
    gc.collect()
    assert gone() is None
    photos_window.close()
