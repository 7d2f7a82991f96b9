"""Administrators set the idle time before the screen locks and how many daily backups to keep;
and the language of the window on this workstation (applied at the next start)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clinic_app.db import Database
from clinic_app.services.errors import ValidationError
from clinic_app.services.security.identity import Actor
from clinic_app.services.settings import app_settings
from clinic_app.ui.common import i18n
from clinic_app.ui.common.field_errors import ERROR_STYLE
from clinic_app.ui.common.i18n import QT_TRANSLATE_NOOP
from clinic_app.ui.common.widget_names import named

# The settings' captions in the window's language (the service names them in English).
SETTING_CAPTIONS = {
    app_settings.IDLE_LOCK_MINUTES: QT_TRANSLATE_NOOP(
        "security.settings_dialog", "Minutes without input before the screen locks"
    ),
    app_settings.BACKUPS_KEPT: QT_TRANSLATE_NOOP(
        "security.settings_dialog", "Automatic daily backups kept"
    ),
}


class SecuritySettingsDialog(QDialog):
    """One spin box per setting, limited to the range the service accepts; the window's language
    on this workstation when ``data_dir`` is given (kept there, not in the shared database)."""

    def __init__(
        self,
        database: Database,
        actor: Actor,
        parent: QWidget | None = None,
        data_dir: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._actor = actor
        self._data_dir = data_dir
        self.setWindowTitle(self.tr("Security and backups"))
        with database.session() as session:
            values = app_settings.all_values(session)
        self.boxes: dict[str, QSpinBox] = {}
        form = QFormLayout()
        for key, spec in app_settings.SPECS.items():
            box = named(QSpinBox(), key)
            box.setRange(spec.minimum, spec.maximum)
            box.setValue(values[key])
            self.boxes[key] = box
            caption = SETTING_CAPTIONS.get(key)
            form.addRow(
                QCoreApplication.translate("security.settings_dialog", caption)
                if caption
                else spec.label.capitalize(),
                box,
            )
        self.language = named(QComboBox(), "window_language")
        system = i18n.LANGUAGES[i18n.system_language()]
        self.language.addItem(
            self.tr("The system's language ({language})").format(language=system), i18n.SYSTEM
        )
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(
            max(0, self.language.findData(i18n.stored_language(data_dir)))
        )
        self.language.setEnabled(data_dir is not None)
        language_note = QLabel(self.tr("Applied at the next start, on this workstation."))
        language_note.setWordWrap(True)
        form.addRow(self.tr("&Language of the window"), self.language)
        form.addRow("", language_note)
        self.message = named(QLabel(), "settings_message")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setVisible(False)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def values(self) -> dict[str, int]:
        return {key: box.value() for key, box in self.boxes.items()}

    def save(self) -> None:
        try:
            with self._database.session() as session:
                current = app_settings.all_values(session)
                for key, value in self.values().items():
                    if current[key] != value:
                        app_settings.set_value(session, self._actor, key, value)
        except ValidationError as exc:
            self.message.setText(str(exc))
            self.message.setVisible(True)
            return
        if self._data_dir is not None:
            try:
                i18n.store_language(self._data_dir, str(self.language.currentData()))
            except OSError as exc:
                self.message.setText(
                    self.tr("The language could not be kept: {reason}").format(reason=exc)
                )
                self.message.setVisible(True)
                return
        self.accept()
