"""First start: the clinic's details, validated at each field, stored for the handouts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QColor, QImage

from clinic_app.services.settings import clinic
from clinic_app.ui.main_window import MainWindow


def _png() -> bytes:
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def test_first_start_details_are_validated_then_saved(qtbot, sqlite_database, actor, dialogs):
    window = MainWindow(sqlite_database, actor, dialogs)
    qtbot.addWidget(window)
    assert window.clinic_details_missing()
    assert "Clinic details not set" in window.windowTitle()

    window.edit_clinic_details(first_start=True)
    dialog = window.settings_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.name, "Skin & Laser <Studio>")
    qtbot.keyClicks(dialog.phone, "call us")
    dialog.set_logo(b"GIF89a not a png", "logo.gif")
    dialog.save()
    assert dialog.isVisible()
    assert "digits" in dialog.errors.message("phone")
    assert "PNG or JPEG" in dialog.errors.message("logo")

    dialog.phone.clear()
    qtbot.keyClicks(dialog.phone, "+1 555 010 2030")
    png = _png()
    dialog.set_logo(png, "logo.png")
    dialog.paper_size.setCurrentText("Letter")
    dialog.save()
    assert window.settings_dialog is None, "a valid form closes"

    with sqlite_database.session() as session:
        stored = clinic.load(session)
        assert stored is not None
        assert (stored.name, stored.phone, stored.paper_size) == (
            "Skin & Laser <Studio>",
            "+1 555 010 2030",
            "Letter",
        )
        assert stored.logo == png
    assert window.windowTitle().startswith("Skin & Laser <Studio>")
    assert not window.clinic_details_missing()


# The paper follows the clinic's country (issue 19: A4 for a Montréal address) -----------------

MONTREAL = "1234 rue Sherbrooke Ouest\nMontréal (Québec) H3G 1K4"


@pytest.fixture
def french_computer(monkeypatch):  # type: ignore[no-untyped-def]
    """A computer set to France, so that only the address can say Letter."""
    from clinic_app.ui.security import clinic_settings_dialog

    monkeypatch.setattr(clinic_settings_dialog, "locale_country", lambda: "FR")


def _type_address(qtbot, typist, dialog, address: str) -> None:  # type: ignore[no-untyped-def]
    for number, line in enumerate(address.split("\n")):
        if number:
            qtbot.keyClick(dialog.address, Qt.Key.Key_Return)
        typist(dialog.address, line)


def _first_start(qtbot, sqlite_database, actor, dialogs):  # type: ignore[no-untyped-def]
    window = MainWindow(sqlite_database, actor, dialogs)
    qtbot.addWidget(window)
    window.show()
    window.edit_clinic_details(first_start=True)
    dialog = window.settings_dialog
    qtbot.waitExposed(dialog)
    return window, dialog


def test_a_montreal_address_proposes_letter(  # type: ignore[no-untyped-def]
    qtbot, typist, sqlite_database, actor, dialogs, french_computer
) -> None:
    _window, dialog = _first_start(qtbot, sqlite_database, actor, dialogs)
    assert dialog.paper_size.currentText() == "A4"  # a French computer, nothing typed yet
    typist(dialog.name, "Clinique Peau Neuve")
    _type_address(qtbot, typist, dialog, MONTREAL)
    typist(dialog.phone, "514 555 0100")
    assert dialog.paper_size.currentText() == "Letter"
    assert "the address is in Canada" in dialog.paper_hint.text()
    dialog.save()
    with sqlite_database.session() as session:
        assert clinic.load(session).paper_size == "Letter"


def test_a_size_the_person_chose_is_kept_and_only_a_hint_disagrees(  # type: ignore[no-untyped-def]
    qtbot, typist, sqlite_database, actor, dialogs, french_computer
) -> None:
    _window, dialog = _first_start(qtbot, sqlite_database, actor, dialogs)
    typist(dialog.name, "Clinique Peau Neuve")
    typist(dialog.phone, "+1 514 555 0100")
    assert dialog.paper_size.currentText() == "Letter"
    dialog.paper_size.setFocus()
    qtbot.keyClick(dialog.paper_size, Qt.Key.Key_Up)  # the person picks A4 themselves
    assert dialog.paper_size.currentText() == "A4"
    _type_address(qtbot, typist, dialog, MONTREAL)
    assert dialog.paper_size.currentText() == "A4", "a choice is never overridden"
    assert "Letter is usual" in dialog.paper_hint.text()
    dialog.save()
    with sqlite_database.session() as session:
        assert clinic.load(session).paper_size == "A4"


def test_stored_details_keep_their_paper_size(  # type: ignore[no-untyped-def]
    qtbot, sqlite_database, actor, dialogs, french_computer
) -> None:
    with sqlite_database.session() as session:
        clinic.save(
            session,
            actor,
            clinic.ClinicDetails(
                name="Clinique", phone="+1 514 555 0100", address=MONTREAL, paper_size="A4"
            ),
        )
    window = MainWindow(sqlite_database, actor, dialogs)
    qtbot.addWidget(window)
    window.edit_clinic_details()
    dialog = window.settings_dialog
    assert dialog.paper_size.currentText() == "A4"
    assert dialog.paper_hint.text() == "Letter is usual here: the address is in Canada."
    dialog.reject()


def test_an_address_elsewhere_proposes_a4(  # type: ignore[no-untyped-def]
    qtbot, typist, sqlite_database, actor, dialogs, monkeypatch
) -> None:
    from clinic_app.ui.security import clinic_settings_dialog

    monkeypatch.setattr(clinic_settings_dialog, "locale_country", lambda: "US")
    _window, dialog = _first_start(qtbot, sqlite_database, actor, dialogs)
    assert dialog.paper_size.currentText() == "Letter"  # a US computer, nothing typed yet
    typist(dialog.phone, "+34 910 000 000")
    assert dialog.paper_size.currentText() == "A4"
    dialog.reject()


def test_a_practitioner_is_told_before_a_form_the_service_would_refuse(
    qtbot, sqlite_database, actor, dialogs
):
    from clinic_app.services.security.identity import Actor

    with sqlite_database.session() as session:
        clinic.save(session, actor, clinic.ClinicDetails(name="Skin Studio", phone="+1 555 0100"))
    window = MainWindow(sqlite_database, Actor("leo", None, "practitioner"), dialogs)
    qtbot.addWidget(window)
    assert not window.clinic_details_missing()
    window.settings_action.trigger()
    assert window.settings_dialog is None
    assert dialogs.infos == [
        "Clinic details: Only an administrator can change the clinic's details; ask an "
        "administrator."
    ]
    window.actor = actor  # an administrator gets the form
    window.settings_action.trigger()
    assert window.settings_dialog is not None
    window.settings_dialog.reject()
