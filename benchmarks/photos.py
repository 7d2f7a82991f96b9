"""``photos_*``: adding 20 phone photos of 12 MP to a visit through the app's photo window, the
time until every thumbnail is shown, and the longest the UI thread is blocked meanwhile.

The photos are JPEGs made here (noise, so that they compress like real ones, a few MB each),
each with an EXIF orientation (every fourth turned, as a phone held upright writes them), a
camera model and a GPS position. The window is given the files as a drop would give them; the
clock runs from the drop until the last thumbnail is in the grid (the worker has stripped,
turned, hashed, stored, audited and made the thumbnail of each), and the UI thread's heartbeat
(benchmarks/stall.py) runs meanwhile. The baseline, measured in the same run on the same files:
Pillow's own ``Image.thumbnail`` of each file, saved as a JPEG, in one thread, nothing stored.
``photos_idle_stall_max_ms``: the same window left idle for as long (at most 5 s) right after,
the stall this machine's other load alone causes (a shared machine shows tens of ms).

Measured on a clinic of its own (an SQLite file in a temporary folder, one patient who signed
the consent with the photo tick): photos are per patient, and a second run must not find the
first run's photos as duplicates in the cached benchmark clinic.
"""

from __future__ import annotations

import io
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.context import BenchContext

COUNT = 20
FULL_MEGAPIXELS = 12.0
THUMBNAIL_PX = 320


def _make_files(folder: Path, count: int, megapixels: float) -> list[Path]:
    from PIL import Image

    width = max(64, int((megapixels * 1_000_000 * 4 / 3) ** 0.5))
    height = max(48, width * 3 // 4)
    noise = Image.effect_noise((width, height), 40).convert("L")
    paths = []
    for number in range(count):
        shade = Image.new("L", (width, height), 90 + number * 5)
        image = Image.merge("RGB", (noise, shade, Image.blend(noise, shade, 0.5)))
        exif = Image.Exif()
        exif[0x0112] = 6 if number % 4 == 3 else 1
        exif[0x0110] = "Bench Phone 12"
        gps = exif.get_ifd(0x8825)
        gps[1], gps[2] = "N", (48.0, 51.0, float(number))
        path = folder / f"IMG_{number:04d}.JPG"
        image.save(path, "JPEG", quality=90, exif=exif.tobytes())
        paths.append(path)
    return paths


def _baseline_ms(paths: list[Path]) -> float:
    from PIL import Image

    started = time.perf_counter()
    for path in paths:
        with Image.open(path) as image:
            image.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
            image.save(io.BytesIO(), "JPEG", quality=85)
    return (time.perf_counter() - started) * 1000


def consenting_clinic(folder: Path) -> tuple[Any, Any, int]:
    """A database with one patient who consented to clinical photos."""
    from clinic_app.config import sqlite_url
    from clinic_app.db import Database
    from clinic_app.domain.consent.consent_document import load_document
    from clinic_app.domain.consent.consent_record import Signature
    from clinic_app.domain.screening.screening import load_rules
    from clinic_app.services.consent import consent_drafts, consents
    from clinic_app.services.demo import demo, demo_history
    from clinic_app.services.photos import photos
    from clinic_app.services.security.identity import Actor

    database = Database(sqlite_url(folder / "clinic.db"))
    actor = Actor("bench:photos", role="administrator")
    with database.session() as session:
        demo.seed_patients(session, actor, 1, seed=1)
    with database.session() as session:
        demo_history.seed_history(session, actor, seed=1, sessions_each=1)
    rules, document = load_rules(), load_document()
    strokes = (tuple((10.0 + i * 8, 50.0 + (i % 3) * 10) for i in range(12)),)
    with database.session() as session:
        patient_id = 1
        draft = consent_drafts.prepare(session, patient_id, rules, document)
        consents.record(
            session,
            actor,
            draft,
            patient=consents.Signer("Bench Patient", Signature(300.0, 100.0, strokes)),
            witness=consents.Signer("Bench Witness", Signature(300.0, 100.0, strokes)),
            photo_clinical=True,
            photo_marketing=False,
            rules=rules,
            document=document,
        )
        assert photos.visits(session, patient_id), "the bench patient has no visit"
    return database, actor, patient_id


def run(ctx: BenchContext) -> dict[str, float]:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from benchmarks.stall import measure
    from clinic_app.ui.photos.photos_window import PhotosWindow

    _app = QApplication.instance() or QApplication([])
    megapixels = ctx.photo_megapixels
    with tempfile.TemporaryDirectory(prefix="clinic-bench-photos-") as name:
        folder = Path(name)
        (folder / "in").mkdir()
        paths = _make_files(folder / "in", COUNT, megapixels)
        baseline = min(_baseline_ms(paths) for _ in range(2))  # the second: files in the cache
        database, actor, patient_id = consenting_clinic(folder)
        window = PhotosWindow(database, actor, patient_id, "Bench Patient", data_dir=folder)
        try:
            window.show()
            loaded: list[bool] = []
            window.loaded.connect(lambda: loaded.append(True))
            _wait_for(lambda: bool(loaded))
            timing: dict[str, float] = {}

            def start(done: Any) -> None:
                began = time.perf_counter()

                def finished(count: int) -> None:
                    if count != COUNT or window.model.thumbnails_shown() != COUNT:
                        raise RuntimeError(f"{count} of {COUNT} photos were added: "
                                           f"{window.status.text()}")  # fmt: skip
                    timing["ms"] = (time.perf_counter() - began) * 1000
                    done()

                window.import_finished.connect(finished)
                if window.import_files(paths) is None:
                    raise RuntimeError(f"the import did not start: {window.status.text()}")

            gaps = measure(start)
            # The same window, idle, for as long: what this machine's load alone stalls.
            idle_ms = min(timing["ms"], 5000.0)
            idle = measure(lambda done: QTimer.singleShot(int(idle_ms), done))
        finally:
            window.close()
            window.deleteLater()
            QApplication.processEvents()
            database.close()
    return {
        "photos_ms": round(timing["ms"], 1),
        "photos_baseline_ms": round(baseline, 1),
        "photos_ratio": round(timing["ms"] / baseline, 2),
        "photos_megapixels": megapixels,
        "ui_stall_photos_max_ms": round(max(gaps), 1),
        "photos_idle_stall_max_ms": round(max(idle), 1),
    }


def _wait_for(condition: Any, timeout_s: float = 60.0) -> None:
    from benchmarks.stall import _wait

    _wait(condition, timeout_s)
