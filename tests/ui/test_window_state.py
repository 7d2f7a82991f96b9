"""Issue 17: the window starts where the clinic left it, on this workstation: place and size,
maximised, the follow-ups panel, the patient list's columns, and the session history's and
editor's sizes; a saved place on a screen that is gone, or a damaged value, is not used."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication, QStandardItemModel
from PySide6.QtWidgets import QTableView
from session_factories import add_consultation

from clinic_app.config import AppConfig
from clinic_app.db import Database
from clinic_app.services.security import auth, users
from clinic_app.services.security.identity import Actor
from clinic_app.ui.common import window_state
from clinic_app.ui.common.i18n import SETTINGS_FILENAME, store_language, stored_language
from clinic_app.ui.common.screen_fit import FRAME_MARGIN
from clinic_app.ui.main_window import DEFAULT_SIZE, MainWindow
from clinic_app.ui.security.account_menus import SecurityControls

Opener = Callable[[], MainWindow]


@pytest.fixture
def workstation(tmp_path: Path) -> Path:
    """This PC's data folder: where workstation.ini is kept (nothing global is touched)."""
    return tmp_path / "data"


@pytest.fixture
def open_window(
    qtbot, clinic_database: Database, actor: Actor, dialogs, workstation: Path, list_ready
) -> Iterator[Opener]:  # type: ignore[no-untyped-def]
    opened: list[MainWindow] = []

    def open_one() -> MainWindow:
        window = MainWindow(clinic_database, actor, dialogs, data_dir=workstation)
        window.show()
        qtbot.waitExposed(window)
        list_ready(window)
        opened.append(window)
        return window

    yield open_one
    for window in opened:
        dialogs.answers[:] = [True] * 3
        window.close()
        window.deleteLater()


def _settings(workstation: Path) -> QSettings:
    return QSettings(str(workstation / SETTINGS_FILENAME), QSettings.Format.IniFormat)


def _available() -> QRect:
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    return screen.availableGeometry()


def _default_size() -> QSize:
    available = _available()
    return QSize(
        min(DEFAULT_SIZE.width(), available.width() - FRAME_MARGIN),
        min(DEFAULT_SIZE.height(), available.height() - FRAME_MARGIN),
    )


def test_a_new_window_opens_where_the_last_one_was_closed(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    first = open_window()
    assert first.size() == _default_size(), "no saved place yet: the default, within the screen"
    first.resize(740, 500)
    first.move(37, 41)
    assert first.followups.dock is not None
    first.followups.dock.hide()
    first.list_page.table.setColumnWidth(0, 321)
    qtbot.wait(20)
    left = first.geometry()
    first.close()

    second = open_window()
    assert second.geometry() == left
    assert second.followups.dock is not None and second.followups.dock.isHidden()
    assert second.list_page.table.columnWidth(0) == 321
    assert second.list_page.table.columnWidth(1) == first.list_page.table.columnWidth(1)
    assert not second.list_page.show_archived.isChecked(), "a filter, not a view: not kept"


def test_a_maximised_window_opens_maximised(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    first = open_window()
    first.resize(750, 450)
    first.showMaximized()
    qtbot.waitUntil(first.isMaximized)
    first.close()

    second = open_window()
    qtbot.waitUntil(second.isMaximized)
    # un-maximised, it takes the size it had before
    assert second.normalGeometry().size() == QSize(750, 450)


def test_the_lock_screens_quit_keeps_where_the_window_was(  # type: ignore[no-untyped-def]
    qtbot, open_window, clinic_database, dialogs, workstation
) -> None:
    with clinic_database.session() as session:
        users.add(session, Actor("setup", role="administrator"), "eva", "administrator",
                  "correct horse 7", "Eva Lind")  # fmt: skip
    with clinic_database.session() as session:
        user = auth.sign_in(session, "eva", "correct horse 7").user
    assert user is not None
    window = open_window()
    config = AppConfig(data_dir=workstation, db_url=clinic_database.url)
    controls = SecurityControls(window, clinic_database, user, config, dialogs, idle_minutes=10)
    window.resize(745, 470)
    controls.lock_action.trigger()
    lock = controls.lock.dialog
    assert lock is not None
    lock.quit_button.click()
    assert not window.isVisible()
    controls.lock.stop()

    again = open_window()
    assert again.size() == QSize(745, 470)


def _left_off_screen(workstation: Path) -> bool:
    place = window_state.saved_place(_settings(workstation).value(window_state.MAIN_GEOMETRY_KEY))
    return place is not None and not window_state.on_some_screen(place.normal)


def test_a_place_on_a_screen_that_is_gone_falls_back_inside_the_screen(  # type: ignore[no-untyped-def]
    qtbot, open_window, workstation
) -> None:
    first = open_window()
    # As if it had been left on a second monitor, to the right, since unplugged.
    first.resize(900, 650)
    first.move(_available().right() + 2000, 300)
    qtbot.wait(20)
    first.close()
    assert _left_off_screen(workstation)

    second = open_window()
    assert _available().contains(second.geometry()), second.geometry()
    assert second.size() == _default_size(), "the default size, not the whole screen"


def test_a_window_maximised_on_a_screen_that_is_gone_opens_maximised_here(  # type: ignore[no-untyped-def]
    qtbot, open_window, workstation
) -> None:
    first = open_window()
    first.move(_available().right() + 2000, 300)
    first.showMaximized()
    qtbot.waitUntil(first.isMaximized)
    first.close()
    assert _left_off_screen(workstation)

    second = open_window()
    qtbot.waitUntil(second.isMaximized)
    assert _available().contains(second.normalGeometry())


def test_a_larger_screen_s_size_is_made_to_fit(qtbot, open_window, workstation) -> None:  # type: ignore[no-untyped-def]
    first = open_window()
    first.resize(_available().width() + 900, _available().height() + 700)
    first.move(10, 10)
    first.close()

    second = open_window()
    available = _available()
    assert second.width() <= available.width() and second.height() <= available.height()


@pytest.mark.parametrize(
    "value",
    [
        QByteArray(b"\x00\x01garbage, not a window"),
        QByteArray(b"\x01\xd9\xd0\xcb\x00\x03"),  # a geometry's magic, then cut short
        "a text where bytes belong",
        12345,
    ],
    ids=["garbage", "cut-short", "text", "number"],
)
def test_damaged_saved_values_are_ignored(qtbot, open_window, workstation, value) -> None:  # type: ignore[no-untyped-def]
    workstation.mkdir()
    settings = _settings(workstation)
    for key in (
        window_state.MAIN_GEOMETRY_KEY,
        window_state.MAIN_STATE_KEY,
        window_state.PATIENT_COLUMNS_KEY,
        window_state.DIALOG_SIZE_KEY.format(name="session_history"),
    ):
        settings.setValue(key, value)
    settings.sync()

    window = open_window()
    assert window.size() == _default_size()
    assert window.followups.dock is not None and window.followups.dock.isVisible()
    assert window.list_page.table.columnWidth(0) >= 200
    window.close()
    saved = _settings(workstation).value(window_state.MAIN_GEOMETRY_KEY)
    assert window_state.saved_place(saved) is not None, "the next close writes sound values"


def test_foreign_values_are_ignored(qtbot, open_window, workstation) -> None:  # type: ignore[no-untyped-def]
    """Values of another kind or layout: a header's state where the window's belongs, and a
    list of two columns where the patient list has four."""
    other = QTableView()
    other.setModel(QStandardItemModel(1, 2, other))
    other.setColumnWidth(0, 77)
    header_state = other.horizontalHeader().saveState()
    workstation.mkdir()
    settings = _settings(workstation)
    settings.setValue(window_state.MAIN_GEOMETRY_KEY, header_state)
    settings.setValue(window_state.MAIN_STATE_KEY, header_state)
    settings.setValue(window_state.PATIENT_COLUMNS_KEY, header_state)
    settings.setValue(window_state.PATIENT_COLUMN_COUNT_KEY, 2)
    settings.sync()

    window = open_window()
    assert window.size() == _default_size()
    header = window.list_page.table.horizontalHeader()
    assert header.count() == window.model.columnCount() > 2
    assert window.list_page.table.columnWidth(0) != 77


def test_a_damaged_settings_file_does_not_stop_the_start(qtbot, open_window, workstation) -> None:  # type: ignore[no-untyped-def]
    workstation.mkdir()
    (workstation / SETTINGS_FILENAME).write_bytes(b"\xff\xfe[window\x00main_geometry=@ByteArray(\n")
    window = open_window()
    assert window.size() == _default_size()
    window.close()
    assert stored_language(workstation) == "", "the language choice is unaffected (system)"
    store_language(workstation, "es")  # and both can be written again
    assert stored_language(workstation) == "es"


@pytest.fixture
def patient(clinic_database, add_patients) -> int:  # type: ignore[no-untyped-def]
    [patient_id] = add_patients(clinic_database, [("Camille", "Laurent")])
    with clinic_database.session() as session:
        add_consultation(session, patient_id)
    return patient_id


def test_the_session_history_and_editor_keep_their_size(qtbot, open_window, patient) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    window.open_patient(patient)
    window.sessions.show_history()
    history = window.sessions.history
    assert history is not None
    qtbot.waitExposed(history)
    history.resize(700, 520)
    history.reject()
    qtbot.waitUntil(lambda: window.sessions.history is None)
    window.sessions.show_history()
    history = window.sessions.history
    assert history is not None and history.size() == QSize(700, 520)
    history.reject()
    qtbot.waitUntil(lambda: window.sessions.history is None)

    window.sessions.record_session()
    editor = window.sessions.editor
    assert editor is not None
    qtbot.waitExposed(editor)
    wanted = QSize(editor.minimumWidth(), editor.minimumHeight() + 10)  # fits the screen
    assert wanted.height() <= _available().height() - FRAME_MARGIN
    editor.resize(wanted)
    editor.reject()  # nothing typed: closes without asking
    qtbot.waitUntil(lambda: window.sessions.editor is None)
    window.sessions.record_session()
    editor = window.sessions.editor
    assert editor is not None and editor.size() == wanted
    editor.reject()
    qtbot.waitUntil(lambda: window.sessions.editor is None)


def test_a_remembered_dialog_size_still_fits_the_screen(  # type: ignore[no-untyped-def]
    qtbot, open_window, patient, workstation
) -> None:
    workstation.mkdir()
    settings = _settings(workstation)
    settings.setValue(
        window_state.DIALOG_SIZE_KEY.format(name="session_history"), QSize(5000, 4000)
    )
    settings.sync()
    window = open_window()
    window.open_patient(patient)
    window.sessions.show_history()
    history = window.sessions.history
    assert history is not None
    available = _available()
    assert history.width() <= available.width() - FRAME_MARGIN
    assert history.height() <= available.height() - FRAME_MARGIN
    history.reject()
    qtbot.waitUntil(lambda: window.sessions.history is None)
