"""The Qt classes the workers' modules name are made on the UI thread first
(clinic_app.ui.common.page_modules): PySide6 makes a class's Python type at its first import,
and a worker making one while the UI thread made others crashed the app. Run in a fresh
interpreter, since this test process has long made them all."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fresh_python import run_python

# In a fresh interpreter: the first screen's modules, then what the workers import (the service
# loader's modules and the patient page's, the session editor's, the first handout's); the
# PySide6 classes that only the second step made, by module.
MADE_BY_WORKER_MODULES = """
import importlib, json, sys

def made():
    return {
        name: {key for key in vars(module) if key == "Qt" or key.startswith("Q")}
        for name, module in list(sys.modules.items())
        if name.startswith("PySide6.Qt") and module is not None
    }

import clinic_app.ui.app
from clinic_app.ui.common.page_modules import PAGE_MODULES, PAGE_QT_BINDINGS
for name in PAGE_QT_BINDINGS:
    importlib.import_module(name)
before = made()
from clinic_app.ui.handouts.controller import WARM_UP_MODULES
from clinic_app.ui.service_loader import SERVICES_LOADED_LATER
from clinic_app.ui.sessions.controller import EDITOR_MODULES
for name in SERVICES_LOADED_LATER + PAGE_MODULES + EDITOR_MODULES + WARM_UP_MODULES:
    importlib.import_module(name)
after = made()
print(json.dumps({name: sorted(after[name] - before.get(name, set())) for name in after}))
"""


def test_every_qt_class_the_workers_modules_name_is_made_on_the_ui_thread_first(
    tmp_path: Path,
) -> None:
    from clinic_app.ui.common.page_modules import PAGE_QT_CLASSES

    made = json.loads(run_python(MADE_BY_WORKER_MODULES, tmp_path).splitlines()[-1])
    listed = dict(PAGE_QT_CLASSES)
    missing = {
        module: [name for name in names if name not in listed.get(module, ())]
        for module, names in made.items()
    }
    assert {module: names for module, names in missing.items() if names} == {}, (
        "add these to PAGE_QT_CLASSES (clinic_app/ui/common/page_modules.py)"
    )


def test_the_steps_make_them_all_and_yield_between(qtbot) -> None:  # type: ignore[no-untyped-def]
    from clinic_app.ui.common.page_modules import (
        PAGE_QT_CLASSES,
        import_qt_bindings_then,
        qt_binding_steps,
    )

    assert sum(1 for _ in qt_binding_steps(budget_ms=0)) == sum(
        len(names) for _module, names in PAGE_QT_CLASSES
    )  # a zero budget: a step per class
    from PySide6.QtCore import QObject

    context = QObject()
    done: list[bool] = []
    import_qt_bindings_then(lambda: done.append(True), context)
    qtbot.waitUntil(lambda: done == [True], timeout=5000)
    for module, names in PAGE_QT_CLASSES:
        assert all(name in vars(sys.modules[module]) for name in names)
