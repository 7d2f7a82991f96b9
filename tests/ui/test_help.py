"""Help: a keyboard-shortcut list and a short manual (issue 19: Help had only About), their text
read from resources/help/, and the list kept true to the window's own shortcuts."""

from __future__ import annotations

import tomllib

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication

from clinic_app.config import AppConfig
from clinic_app.content import shipped
from clinic_app.services.security import auth, users
from clinic_app.services.security.identity import Actor
from clinic_app.ui.security.account_menus import SecurityControls

PASSWORD = "correct horse 7"


def _listed() -> dict[str, list[dict[str, str]]]:
    data = tomllib.loads(shipped("help/shortcuts.toml").read_text(encoding="utf-8"))
    return {group["title"]: group for group in data["group"]}


def _portable(keys: str) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.PortableText)


@pytest.fixture
def signed_in_window(window, clinic_database, dialogs, tmp_path):  # type: ignore[no-untyped-def]
    """The main window with what signing in adds (the Account menu and its Ctrl+L)."""
    with clinic_database.session() as session:
        users.add(
            session,
            Actor("setup", role="administrator"),
            "maria",
            "administrator",
            PASSWORD,
            "María López",
        )
    with clinic_database.session() as session:
        user = auth.sign_in(session, "maria", PASSWORD).user
    config = AppConfig(data_dir=tmp_path / "data", db_url=clinic_database.url)
    security = SecurityControls(window, clinic_database, user, config, dialogs, idle_minutes=10)
    yield window
    security.lock.stop()


def test_the_help_menu_offers_shortcuts_a_manual_and_about(window) -> None:  # type: ignore[no-untyped-def]
    [help_menu] = [a.menu() for a in window.menuBar().actions() if a.text() == "&Help"]
    texts = [action.text() for action in help_menu.actions() if not action.isSeparator()]
    assert texts == ["&Manual", "&Keyboard shortcuts", "&About"]
    assert window.manual_action.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)


def test_the_shortcut_list_comes_from_resources_and_escape_closes_it(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.shortcuts_action.trigger()
    shown = window.help_windows["shortcuts"]
    qtbot.waitExposed(shown)
    text = shown.browser.toPlainText()
    for group in _listed().values():
        assert group["title"] in text
        for shortcut in group["shortcuts"]:
            assert shortcut["does"] in text
    assert "Ctrl+Shift+C" in text and "New consultation" in text
    shown.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shown)
    qtbot.keyClick(shown.browser, Qt.Key.Key_Escape)
    assert not shown.isVisible()
    window.shortcuts_action.trigger()  # the same window again, not a second one
    assert window.help_windows["shortcuts"] is shown and shown.isVisible()
    shown.close_button.click()
    assert not shown.isVisible()


def test_the_manual_comes_from_resources(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    manual = tomllib.loads(shipped("help/manual.toml").read_text(encoding="utf-8"))
    window.manual_action.trigger()
    shown = window.help_windows["manual"]
    qtbot.waitExposed(shown)
    text = shown.browser.toPlainText()
    assert manual["title"] in text
    for section in manual["section"]:
        assert section["title"] in text
    assert "27/03/1984" in text and "Ctrl+L" in text
    assert shown.windowTitle() == "Manual"


def test_every_shortcut_of_the_window_is_listed_and_every_one_listed_exists(  # type: ignore[no-untyped-def]
    signed_in_window,
) -> None:
    window = signed_in_window
    window.build_patient_page()  # as the start does once the services are in
    have = {
        action.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
        for action in window.findChildren(QAction)
        if not action.shortcut().isEmpty()
    } | {
        shortcut.key().toString(QKeySequence.SequenceFormat.PortableText)
        for shortcut in window.findChildren(QShortcut)
    }
    checked = [group for group in _listed().values() if group.get("checked")]
    listed = {_portable(item["keys"]) for group in checked for item in group["shortcuts"]}
    assert listed == have
