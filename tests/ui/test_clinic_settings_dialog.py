"""First start: the clinic's details, validated at each field, stored for the handouts."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QIODevice
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
