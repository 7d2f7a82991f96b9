"""Run by tests/ui/test_first_screen_start.py in a fresh interpreter: start the window (the
user looked up by name instead of the sign-in dialog) and print, as JSON lines, what was loaded
when the first page was painted and once the service loader was done."""

from __future__ import annotations

import json
import os
import sys

os.environ["QT_QPA_PLATFORM"] = "offscreen"


def main(data_dir: str, username: str) -> int:
    from clinic_app.cli import window_config
    from clinic_app.ui import app as app_module

    config = window_config(["--data-dir", data_dir])
    assert config is not None
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import text

    from clinic_app.services.security.identity import SignedInUser
    from clinic_app.ui.common.dialog_service import DialogService
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
        for role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
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
                }
            ),
            flush=True,
        )

    def first_page(loading: bool) -> None:
        if not loading:
            model.loading_changed.disconnect(first_page)  # the first one only
            state("first page")

    model.loading_changed.connect(first_page)

    def loaded() -> None:
        state("loaded")
        QTimer.singleShot(0, app.quit)

    started.services.when_loaded(loaded)
    QTimer.singleShot(60_000, app.quit)  # a test that fails, not one that hangs
    app.exec()
    started.window.close()
    started.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
