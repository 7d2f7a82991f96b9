"""Administrators set the idle time before the screen locks and how many daily backups to keep."""

from __future__ import annotations

from PySide6.QtWidgets import (
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
from clinic_app.ui.common.field_errors import ERROR_STYLE
from clinic_app.ui.common.widget_names import named


class SecuritySettingsDialog(QDialog):
    """One spin box per setting, limited to the range the service accepts."""

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._actor = actor
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
            form.addRow(spec.label.capitalize(), box)
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
        self.accept()
