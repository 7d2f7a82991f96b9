"""Screenshots of the photo window and the comparison (docs/photos.md).

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1366x768x24" python docs/make_photo_screenshots.py

A demo patient (services/demo) signs the consent with the photo tick; drawn "photos" (Pillow,
no real person) are added to the consultation and to a later session through the real window,
then compared. Writes docs/screens/photos-window.png and docs/screens/photos-compare.png.
"""

from __future__ import annotations

import io
import random
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter
from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QApplication

SCREENS = Path(__file__).resolve().parent / "screens"


def face(spots: int, redness: int, seed: int, turned: bool = False) -> bytes:
    """A drawn face (an oval, eyes, brows, nose, mouth) with ``spots`` marks on the cheeks."""
    rng = random.Random(seed)
    width, height = 1200, 1500
    image = Image.new("RGB", (width, height), (206, 210, 214))
    draw = ImageDraw.Draw(image)
    skin = (226, 184 - redness // 3, 160 - redness // 2)
    draw.ellipse((240, 200, 960, 1260), fill=skin)
    draw.rectangle((470, 1180, 730, 1500), fill=skin)
    for x in (420, 780):
        draw.ellipse((x - 70, 580, x + 70, 650), fill=(250, 250, 250))
        draw.ellipse((x - 28, 590, x + 28, 642), fill=(70, 50, 40))
        draw.arc((x - 90, 510, x + 90, 580), 200, 340, fill=(90, 60, 40), width=14)
    draw.line((600, 640, 570, 860, 630, 870), fill=(180, 130, 110), width=8)
    draw.arc((480, 920, 720, 1040), 20, 160, fill=(170, 80, 80), width=16)
    for _ in range(spots):
        x = rng.choice((rng.randint(330, 500), rng.randint(700, 870)))
        y = rng.randint(700, 1000)
        r = rng.randint(6, 16)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(190, 120 - redness // 4, 110))
    image = image.filter(ImageFilter.GaussianBlur(2))
    if turned:  # stored as a phone held upright stores it: sideways, with the EXIF to turn it
        image = image.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6 if turned else 1
    exif.get_ifd(0x8825)[2] = (48.0, 51.0, 24.0)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92, exif=exif.tobytes())
    return out.getvalue()


def wait(condition, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from benchmarks.photos import consenting_clinic
    from clinic_app.ui.photos.photos_window import PhotosWindow

    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        database, actor, patient_id = consenting_clinic(folder)
        window = PhotosWindow(database, actor, patient_id, "Demo patient", data_dir=folder)
        window.resize(980, 640)
        window.show()
        wait(lambda: window.visit_box.count() > 0)
        files = []
        for number, (spots, redness, turned) in enumerate(((70, 60, False), (14, 10, True))):
            path = folder / f"IMG_{number}.JPG"
            path.write_bytes(face(spots, redness, seed=number, turned=turned))
            files.append(path)
        # The consultation first (the oldest visit is last in the list), then the session.
        visits = window.visits
        for path, index in ((files[0], len(visits) - 1), (files[1], 0)):
            window.visit_box.setCurrentIndex(index)
            done: list[int] = []
            window.import_finished.connect(done.append)
            window.import_files([path])
            wait(lambda done=done: bool(done))
            window.import_finished.disconnect()
        for view_index, spots in ((1, 40), (2, 38)):
            window.view_box.setCurrentIndex(view_index)
            done = []
            window.import_finished.connect(done.append)
            extra = folder / f"side_{view_index}.JPG"
            extra.write_bytes(face(spots, 40, seed=10 + view_index))
            window.import_files([extra])
            wait(lambda done=done: bool(done))
            window.import_finished.disconnect()
        wait(lambda: window.model.thumbnails_shown() == window.model.rowCount())
        app.processEvents()
        SCREENS.mkdir(exist_ok=True)
        window.grab().save(str(SCREENS / "photos-window.png"))
        compare = window.open_compare()
        assert compare is not None, window.status.text()
        compare.resize(1200, 700)
        shown: list[bool] = []
        compare.shown.connect(lambda: shown.append(True))
        wait(lambda: bool(shown))
        compare.left_view.zoom_by(1.0)
        for _ in range(10):
            app.processEvents()
            time.sleep(0.02)
        compare.fit()
        app.processEvents()
        compare.grab().save(str(SCREENS / "photos-compare.png"))
        compare.overlay.setChecked(True)
        compare.slider.setValue(520)
        for _ in range(10):
            app.processEvents()
            time.sleep(0.02)
        compare.fit()
        app.processEvents()
        compare.grab().save(str(SCREENS / "photos-compare-slider.png"))
        pdf = folder / "pair.pdf"
        exported: list[object] = []
        compare.exported.connect(exported.append)
        compare.export(pdf)
        wait(lambda: bool(exported))
        (SCREENS.parent / "samples").mkdir(exist_ok=True)
        (SCREENS.parent / "samples" / "photo-comparison.pdf").write_bytes(pdf.read_bytes())
        compare.close()
        window.close()
        app.processEvents()
        database.close()
    print("written:", *sorted(p.name for p in SCREENS.glob("photos-*.png")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
