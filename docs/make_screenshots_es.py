"""The window in Spanish, for docs/screens/*-es.png: the main window, a patient's page, the
consultation wizard, the session editor and the photos, made by the English screenshot scripts
with the Spanish translators installed (docs/language.md).

Run under a virtual screen:
    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/make_screenshots_es.py
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
import tempfile
from pathlib import Path
from types import ModuleType

from PySide6.QtWidgets import QApplication

from clinic_app.ui.common import i18n

DOCS = Path(__file__).resolve().parent
OUT = DOCS / "screens"
# (script, the picture it saves, the Spanish picture's name)
PICTURES = (
    ("make_screenshots.py", "main-window.png", "main-window-es.png"),
    ("make_screenshots.py", "patient-page.png", "patient-page-es.png"),
    ("make_screenshots.py", "patient-dialog-validation.png", "patient-dialog-es.png"),
    ("make_screenshots.py", "first-start-clinic-details.png", "clinic-details-es.png"),
    ("make_consultation_screenshots.py", "consultation-7-plan.png", "consultation-plan-es.png"),
    (
        "make_consultation_screenshots.py",
        "consultation-6-review-reason-required.png",
        "consultation-review-es.png",
    ),
    (
        "make_session_screenshots.py",
        "session-editor-difference-and-caution.png",
        "session-editor-es.png",
    ),
    ("make_session_screenshots.py", "session-editor-danger.png", "session-editor-danger-es.png"),
    ("make_photo_screenshots.py", "photos-window.png", "photos-window-es.png"),
    ("make_photo_screenshots.py", "photos-compare.png", "photos-compare-es.png"),
)


def _script(name: str, app: QApplication, out: Path) -> ModuleType:
    """The screenshot script ``name``, writing into ``out`` and using the running ``app``."""
    spec = importlib.util.spec_from_file_location(name.removesuffix(".py"), DOCS / name)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.OUT = module.SCREENS = out  # type: ignore[attr-defined]
    # the scripts' QApplication(...) and QApplication.instance() give the running one
    module.QApplication = type(  # type: ignore[attr-defined]
        "QApplication",
        (),
        {
            "__new__": lambda _cls, *_args: app,
            "instance": staticmethod(lambda: app),
            "processEvents": staticmethod(QApplication.processEvents),
        },
    )
    return module


def _settings_dialog(folder: Path) -> None:
    """Administration › Security and backups, where the window's language is chosen."""
    from clinic_app.config import sqlite_url
    from clinic_app.db import Database
    from clinic_app.services.security.identity import Actor
    from clinic_app.ui.security.settings_dialog import SecuritySettingsDialog

    database = Database(sqlite_url(folder / "settings.db"))
    actor = Actor("docs:screenshots", role="administrator")
    dialog = SecuritySettingsDialog(database, actor, data_dir=folder / "data")
    dialog.language.setCurrentIndex(dialog.language.findData(i18n.SPANISH))
    dialog.show()
    for _ in range(5):
        QApplication.processEvents()
    dialog.grab().save(str(OUT / "settings-language-es.png"))
    print(OUT / "settings-language-es.png")
    dialog.close()
    database.close()


def main() -> int:
    app = QApplication(sys.argv[:1])
    loaded = i18n.install_translators(i18n.SPANISH)
    assert len(loaded) == 2, "clinic_es.qm and qtbase_es.qm"
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        for script in dict.fromkeys(script for script, _, _ in PICTURES):
            _script(script, app, out).main()
        for _script_name, made, name in PICTURES:
            shutil.copyfile(out / made, OUT / name)
            print(OUT / name)
        _settings_dialog(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
