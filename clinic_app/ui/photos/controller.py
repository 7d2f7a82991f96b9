"""Photos on the patient page: the "Photos…" command opens the patient's photo window.

Exists from start-up and stays light: the window, Pillow and the photo services are imported
when the command is first used (tests/ui/test_start_imports.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QPushButton

if TYPE_CHECKING:
    from clinic_app.db import Database
    from clinic_app.reports.render_process import RenderProcess
    from clinic_app.services.security.identity import Actor
    from clinic_app.ui.common.dialog_service import DialogService
    from clinic_app.ui.patients.page import PatientPage
    from clinic_app.ui.photos.photos_window import PhotosWindow


class PhotoHost(Protocol):
    """What the controller needs from the main window."""

    database: Database
    actor: Actor
    dialogs: DialogService

    @property
    def patient_page(self) -> PatientPage: ...  # built after the first screen

    def current_patient_id(self) -> int | None: ...


class PhotoController(QObject):
    """Opens one photo window per patient (shown again when asked twice)."""

    def __init__(
        self,
        host: PhotoHost,
        *,
        data_dir: Path | None = None,
        renderer: RenderProcess | None = None,
    ) -> None:
        """``renderer``: the window's render process, for the comparison's page."""
        super().__init__(host if isinstance(host, QObject) else None)
        self.host = host
        self.data_dir = data_dir
        self.renderer = renderer
        self.windows: dict[int, PhotosWindow] = {}
        self.button: QPushButton = host.patient_page.add_command(
            self.tr("Photos…"),  # every letter of it is a mnemonic already: Ctrl+Shift+P
            self.tr(
                "Photos of this patient's visits: add, compare two visits, print the comparison"
            ),
            self.open_photos,
            shortcut="Ctrl+Shift+P",
        )

    def open_photos(self) -> PhotosWindow | None:
        """The photo window of the patient shown (None when no patient is shown)."""
        patient_id = self.host.current_patient_id()
        if patient_id is None:
            return None
        window = self.windows.get(patient_id)
        if window is not None:
            window.raise_()
            window.activateWindow()
        else:
            from clinic_app.ui.photos.photos_window import PhotosWindow

            overview = self.host.patient_page.overview
            name = f"{overview.fields.first_name} {overview.fields.last_name}" if overview else ""
            window = PhotosWindow(
                self.host.database,
                self.host.actor,
                patient_id,
                name,
                data_dir=self.data_dir,
                dialogs=self.host.dialogs,
                parent=self.host.patient_page.window(),
                renderer=self.renderer,
            )
            window.destroyed.connect(lambda *_: self.windows.pop(patient_id, None))
            self.windows[patient_id] = window
        window.show()
        return window
