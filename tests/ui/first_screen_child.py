"""Run by tests/ui/test_first_screen_start.py in a fresh interpreter: start the window (the
user looked up by name instead of the sign-in dialog) and print, as JSON lines, what was loaded
when the first page was painted, once the service loader was done, and once the patient page,
the session editor's code and the first handout's had been loaded ahead ("page"). With
``--page-at-once`` the patient page is built as soon as the first page arrives, before the
loader (a patient opened at once). Each line also names the Qt modules (PySide6.*) that a
thread other than the UI thread imported first."""

from __future__ import annotations

import json
import os
import sys
import threading
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType

os.environ["QT_QPA_PLATFORM"] = "offscreen"
QT_OFF_UI_THREAD: list[str] = []


class QtImportWatcher:
    """Notes the PySide6 modules first imported by a thread other than the main one (asked
    first by the import system, it finds nothing itself)."""

    def find_spec(
        self, name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if (
            name.startswith("PySide6.")
            and threading.current_thread() is not threading.main_thread()
        ):
            QT_OFF_UI_THREAD.append(f"{name} in {threading.current_thread().name}")
        return None


sys.meta_path.insert(0, QtImportWatcher())  # type: ignore[arg-type]


def main(data_dir: str, username: str, page_at_once: bool = False) -> int:
    from clinic_app.cli import window_config
    from clinic_app.ui import app as app_module

    config = window_config(["--data-dir", data_dir])
    assert config is not None
    from PySide6 import QtCore
    from PySide6.QtCore import QThreadPool, QTimer
    from PySide6.QtGui import QPixmapCache
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import text

    from clinic_app.services.security.identity import SignedInUser
    from clinic_app.ui.common.dialog_service import DialogService
    from clinic_app.ui.common.header_titles import ACCESSIBLE_TEXT_ROLE, TOOLTIP_ROLE
    from clinic_app.ui.common.i18n import install_window_language

    app = QApplication(sys.argv[:1])
    install_window_language(config.data_dir)  # as run_gui does

    def as_user(database):  # type: ignore[no-untyped-def]
        query = "SELECT id, username, display_name, role FROM users WHERE username = :name"
        with database.reading() as reader:
            row = reader.execute(text(query), {"name": username}).one()
        return SignedInUser(*row)

    started = app_module.start(config, DialogService(), authenticate=as_user)
    assert not isinstance(started, int)
    model = started.window.model

    def state(step: str) -> None:
        # What the first paint reads: every cell's text, the tooltips and accessible names.
        texts = [
            [model.index(row, column).data() for column in range(model.columnCount())]
            for row in range(model.rowCount())
        ]
        for role in (TOOLTIP_ROLE, ACCESSIBLE_TEXT_ROLE):
            model.index(0, 0).data(role)
        print(
            json.dumps(
                {
                    "step": step,
                    "rows": model.rowCount(),
                    "first": texts[0][0] if texts else None,
                    "born": texts[0][2] if texts else None,
                    "modules": list(sys.modules),
                    "title": started.window.windowTitle(),
                    "orm": "sqlalchemy.orm" in sys.modules,
                    "models": "clinic_app.models" in sys.modules,
                    "loaded": started.services.done,
                    "qt_off_ui_thread": list(QT_OFF_UI_THREAD),
                    "pixmap_cache_kb": QPixmapCache.cacheLimit(),
                    # PySide6 adds a class to its module once it has built its Python type
                    "qt_namespace": "Qt" in vars(QtCore),
                }
            ),
            flush=True,
        )

    def first_page(loading: bool) -> None:
        if not loading:
            model.loading_changed.disconnect(first_page)  # the first one only
            state("first page")
            if page_at_once:
                started.window.build_patient_page()

    model.loading_changed.connect(first_page)

    def loaded() -> None:
        state("loaded")
        window = started.window
        window.build_patient_page()
        window.sessions.prepare()  # the session editor's code, in a worker
        window.handouts.warm_up()  # the first handout's, in the render thread
        QTimer.singleShot(0, page_loaded)

    def page_loaded() -> None:
        QThreadPool.globalInstance().waitForDone()
        started.window.handouts.render_pool.waitForDone()
        state("page")
        QTimer.singleShot(0, app.quit)

    started.services.when_loaded(loaded)
    QTimer.singleShot(60_000, app.quit)  # a test that fails, not one that hangs
    app.exec()
    started.window.close()
    started.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], page_at_once="--page-at-once" in sys.argv[3:]))
