"""GUI fixtures: a main window on a fresh SQLite database, with scripted message boxes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from clinic_app.db import Database
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.services.patients import patients
from clinic_app.services.security.identity import Actor
from clinic_app.services.settings import clinic
from clinic_app.services.settings.clinic import ClinicDetails
from clinic_app.ui.common.dialog_service import DialogService
from clinic_app.ui.main_window import MainWindow


class ScriptedDialogs(DialogService):
    """Answers confirmations from a list and records every message instead of showing it."""

    def __init__(self) -> None:
        self.answers: list[bool] = []
        self.asked: list[str] = []
        self.errors: list[str] = []
        self.infos: list[str] = []

    def confirm(self, parent, title, text, yes="Yes"):  # type: ignore[no-untyped-def]
        self.asked.append(f"{title}: {text}")
        if not self.answers:
            raise AssertionError(f"unexpected question: {title}: {text}")
        return self.answers.pop(0)

    def error(self, parent, title, text):  # type: ignore[no-untyped-def]
        self.errors.append(f"{title}: {text}")

    def info(self, parent, title, text):  # type: ignore[no-untyped-def]
        self.infos.append(f"{title}: {text}")


def type_text(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type ``text`` into ``widget`` key by key. QTest only knows ASCII keys, so other
    characters (accents) arrive as key events carrying their text, as a keyboard layout sends."""
    widget.setFocus()
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
                )


def wait_for_list(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Wait until the patient list (loaded in a worker thread) shows its rows."""
    qtbot.waitUntil(lambda: not window.model.is_loading, timeout=10_000)


@pytest.fixture
def list_ready(qtbot):  # type: ignore[no-untyped-def]
    """``list_ready(window)`` waits for the patient list's rows to arrive."""
    return lambda window: wait_for_list(qtbot, window)


@pytest.fixture
def typist(qtbot):  # type: ignore[no-untyped-def]
    """``typist(widget, text)`` types text, accents included, into a widget."""
    return lambda widget, text: type_text(qtbot, widget, text)


@pytest.fixture
def dialogs() -> ScriptedDialogs:
    return ScriptedDialogs()


@pytest.fixture
def clinic_database(sqlite_database: Database, actor: Actor) -> Database:
    """A SQLite database whose clinic details are already entered."""
    with sqlite_database.session() as session:
        clinic.save(
            session,
            actor,
            ClinicDetails(name="Clínica Sol & Piel", phone="+34 910 000 000", paper_size="A4"),
        )
    return sqlite_database


@pytest.fixture
def add_patients(actor: Actor):  # type: ignore[no-untyped-def]
    """A function registering patients named (first, last), born on successive days of 1980."""

    def add(database: Database, names: list[tuple[str, str]]) -> list[int]:
        ids = []
        with database.session() as session:
            for offset, (first, last) in enumerate(names):
                dob = dt.date(1980, 1, 1) + dt.timedelta(days=offset)
                fields = PatientFields(first_name=first, last_name=last, date_of_birth=dob)
                ids.append(patients.create(session, actor, fields).id)
        return ids

    return add


@pytest.fixture
def window(
    qtbot, clinic_database: Database, actor: Actor, dialogs: ScriptedDialogs
) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    main = MainWindow(clinic_database, actor, dialogs)
    main.show()
    qtbot.waitExposed(main)
    wait_for_list(qtbot, main)
    yield main
    # Closed here rather than by qtbot, so that the question about discarding a form left
    # open by the test can be answered.
    dialogs.answers[:] = [True] * 3
    main.close()
    main.deleteLater()
