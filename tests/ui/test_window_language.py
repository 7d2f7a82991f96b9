"""The window in Spanish: Qt's translators from the shipped .qm, the choice kept per
workstation, Spanish menus, and Qt's own buttons (qtbase_es.qm) in Spanish too."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QDialogButtonBox

from clinic_app.config import AppConfig
from clinic_app.db import Database
from clinic_app.services.security import auth, users
from clinic_app.services.security.identity import Actor
from clinic_app.ui.common import i18n
from clinic_app.ui.main_window import MainWindow
from clinic_app.ui.security.account_menus import SecurityControls
from clinic_app.ui.security.settings_dialog import SecuritySettingsDialog

PASSWORD = "correct horse 7"


@pytest.fixture
def spanish(qapp) -> Iterator[list[object]]:  # type: ignore[no-untyped-def]
    """The Spanish translators installed for one test, then removed (English is the default)."""
    loaded = i18n.install_translators(i18n.SPANISH)
    yield loaded
    i18n.remove_translators()


@pytest.fixture
def admin(clinic_database: Database) -> auth.SignedInUser:
    with clinic_database.session() as session:
        users.add(session, Actor("setup", role="administrator"), "maria", "administrator",
                  PASSWORD, "María López")  # fmt: skip
    with clinic_database.session() as session:
        user = auth.sign_in(session, "maria", PASSWORD).user
    assert user is not None
    return user


def _menu_titles(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def test_the_window_starts_with_spanish_menus_and_actions(  # type: ignore[no-untyped-def]
    qtbot, spanish, clinic_database, actor, admin, dialogs, list_ready, tmp_path: Path
) -> None:
    assert len(spanish) == 2, "the app's translator and Qt's own (qtbase_es.qm) are loaded"
    window = MainWindow(clinic_database, actor, dialogs)
    qtbot.addWidget(window)
    config = AppConfig(data_dir=tmp_path / "data", db_url=clinic_database.url)
    controls = SecurityControls(window, clinic_database, admin, config, dialogs, idle_minutes=10)
    window.show()
    list_ready(window)
    try:
        titles = _menu_titles(window)
        for title in ("&Archivo", "&Paciente", "A&justes", "Ay&uda", "Cuen&ta", "A&dministración"):
            assert title in titles
        assert window.new_action.text() == "&Nuevo paciente…"
        assert window.find_action.text() == "&Buscar paciente"
        assert window.quit_action.text() == "&Salir"
        assert controls.lock_action.text() == "&Bloquear ahora"
        assert window.patient_page.back_button.text() == "← Lista de pacientes"
        assert "Consulta de rejuvenecimiento con láser CO2" in window.windowTitle()
        assert window.list_page.show_archived.text() == "Mostrar pacientes arc&hivados"
        # Qt's own texts: the standard buttons of dialogs, file and print dialogs.
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert cancel.text().replace("&", "") == "Cancelar"
    finally:
        controls.lock.stop()


def test_the_window_writes_its_dates_in_its_language(spanish) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from clinic_app.ui.common.formatting import format_date

    assert format_date(dt.date(2026, 12, 15)) == "15 dic 2026"
    i18n.remove_translators()
    assert format_date(dt.date(2026, 12, 15)) == "15 Dec 2026"


def test_english_stays_the_default_without_a_translator(  # type: ignore[no-untyped-def]
    qtbot, clinic_database, actor, dialogs
) -> None:
    window = MainWindow(clinic_database, actor, dialogs)
    qtbot.addWidget(window)
    assert "&File" in _menu_titles(window)
    assert window.new_action.text() == "&New patient…"


def test_the_choice_is_kept_per_workstation_and_else_the_system_decides(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    assert i18n.stored_language(data_dir) == i18n.SYSTEM
    assert i18n.stored_language(None) == i18n.SYSTEM
    assert i18n.system_language(QLocale("es_MX")) == "es"
    assert i18n.system_language(QLocale("de_DE")) == "en", "a language the window lacks"
    i18n.store_language(data_dir, "es")
    assert i18n.stored_language(data_dir) == "es"
    assert i18n.window_language(data_dir) == "es"
    i18n.store_language(data_dir, "en")
    assert i18n.window_language(data_dir) == "en"
    with pytest.raises(ValueError):
        i18n.store_language(data_dir, "fr")
    other = tmp_path / "other"  # (a file QSettings has not read yet in this process)
    other.mkdir()
    (other / i18n.SETTINGS_FILENAME).write_text("[window]\nlanguage=xx\n")
    assert i18n.stored_language(other) == i18n.SYSTEM, "an unknown stored value is ignored"


def test_a_stored_choice_installs_the_translators_at_start(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    i18n.store_language(tmp_path, "es")
    try:
        assert i18n.install_window_language(tmp_path) == "es"
        title = QCoreApplication.translate("main_window", "CO2 Resurfacing Consultation")
        assert title == "Consulta de rejuvenecimiento con láser CO2"
    finally:
        i18n.remove_translators()
    assert QCoreApplication.translate("main_window", "CO2 Resurfacing Consultation") == (
        "CO2 Resurfacing Consultation"
    )


def test_the_settings_dialog_keeps_the_language_for_the_next_start(  # type: ignore[no-untyped-def]
    qtbot, clinic_database, admin, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    dialog = SecuritySettingsDialog(clinic_database, admin.actor, data_dir=data_dir)
    qtbot.addWidget(dialog)
    assert dialog.language.currentData() == i18n.SYSTEM
    dialog.language.setCurrentIndex(dialog.language.findData("es"))
    assert dialog.language.currentText() == "Español"
    dialog.save()
    assert dialog.result() == SecuritySettingsDialog.DialogCode.Accepted
    assert i18n.window_language(data_dir) == "es"
    again = SecuritySettingsDialog(clinic_database, admin.actor, data_dir=data_dir)
    qtbot.addWidget(again)
    assert again.language.currentData() == "es"


def test_longer_spanish_labels_wrap_instead_of_widening_the_window(  # type: ignore[no-untyped-def]
    qtbot, spanish, clinic_database, actor, dialogs, list_ready, add_patients
) -> None:
    (patient_id,) = add_patients(clinic_database, [("Lucía", "Ferrer")])
    window = MainWindow(clinic_database, actor, dialogs)
    qtbot.addWidget(window)
    window.show()
    list_ready(window)
    window.open_patient(patient_id)
    assert window.minimumSizeHint().width() <= 1024, "the window fits a 1024-pixel screen"
    window.resize(860, 560)
    qtbot.waitUntil(lambda: window.patient_page.width() <= 860)
    buttons = [
        window.patient_page.commands.itemAt(i).widget()
        for i in range(window.patient_page.commands.count())
    ]
    qtbot.waitUntil(lambda: buttons[-1].y() > buttons[0].y())  # a second line of buttons
    for button in buttons:
        assert button.width() >= button.sizeHint().width(), f"{button.text()} is cut"
        assert button.geometry().right() <= window.patient_page.width()
