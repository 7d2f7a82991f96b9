"""Screens of the face chart (docs/face-chart.md): the chart in the session editor and in the
session history, and the post-care handout's "areas treated today" page as PNG.

Run under a virtual screen, with pdftoppm (poppler-utils) installed:
    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/make_face_chart_screens.py

It seeds the throw-away database of docs/make_session_screenshots.py (two signed sessions of
cheeks, forehead, around the mouth and neck), records the third in the editor from the chart
(nose and around the eyes clicked on, the last session's settings copied), signs it and prints
its post-care handout.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_session_screenshots as screens

from clinic_app.config import sqlite_url
from clinic_app.db import Database
from clinic_app.reports.handouts.handouts import render_handout
from clinic_app.services.handouts import handouts
from clinic_app.services.security.identity import Actor
from clinic_app.ui.main_window import MainWindow

OUT = screens.OUT


def main() -> int:
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    app = QApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    actor = Actor("Dr. Ana Ruiz", role="administrator")
    with tempfile.TemporaryDirectory() as folder:
        database = Database(sqlite_url(Path(folder) / "clinic.db"))
        patient_id = screens._seed(database, actor)
        window = MainWindow(database, actor)
        window.sessions._clock = lambda: screens.NOW
        window.show()
        window.open_patient(patient_id)
        screens._settle(app)
        window.sessions.record_session()
        editor = window.sessions.editor
        assert editor is not None
        editor.move(10, 10)
        editor.copy_last()
        editor.applied.setText("09:50")
        editor.removed.setText("10:35")
        editor.recheck.set_answers(screens.NOTHING_NEW)
        panel = editor.face_chart
        panel.toggle("periorbital")
        rows = editor.areas.rows
        for name, text in zip(rows[-1].fields, ("8", "400", "700", "1", "1"), strict=True):
            rows[-1].fields[name].setText(text)
        for index in range(len(rows)):
            editor.areas._refresh(index)
        editor.areas.changed.emit()
        screens._settle(app)
        chart = panel.chart
        chart.hovered = "nose"  # the pointer over the nose: outlined, ready to be clicked
        chart.update()
        editor._refresh()
        screens._settle(app)
        screens._save(editor, "face-chart-editor.png")

        editor._dialogs.confirm = lambda *args, **kwargs: True  # type: ignore[method-assign]
        editor.sign()
        screens._settle(app)
        record = editor.record
        assert record is not None and record.locked
        editor.done(0)
        screens._settle(app)
        window.sessions.show_history()
        history = window.sessions.history
        assert history is not None
        history.move(10, 10)
        history.resize(1260, 860)
        screens._settle(app, 20)
        screens._save(history, "face-chart-history.png")
        history.done(0)
        screens._settle(app)
        with database.session() as session:
            prepared = handouts.prepare_post_care_for_session(
                session, record.id, today=screens.NOW.date(), tz=screens.TZ
            )
        pdf = render_handout(prepared.letterhead, prepared.content)
        path = Path(folder) / "post-care.pdf"
        path.write_bytes(pdf)
        heading = prepared.content.face_chart.heading  # type: ignore[union-attr]
        pages = PdfReader(path).pages
        number = next(i for i, page in enumerate(pages, 1) if heading in page.extract_text())
        prefix = Path(folder) / "page"
        pages_arg = ["-f", str(number), "-l", str(number), "-singlefile"]
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", *pages_arg, str(path), str(prefix)], check=True
        )
        (OUT / "handout-face-chart.png").write_bytes(prefix.with_suffix(".png").read_bytes())
        print(OUT / "handout-face-chart.png")
        window.close()
        database.close()
    QTimer.singleShot(0, app.quit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
