"""One signature: the pad, Undo stroke and Clear, the typed name under it, and its messages."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic_app.services.consent.consents import Signer
from clinic_app.ui.common.field_errors import FieldErrors
from clinic_app.ui.common.widget_names import named
from clinic_app.ui.consent.signature_pad import SignaturePad


class SignerBox(QGroupBox):
    """A titled box: pad, its buttons and the signer's typed name."""

    def __init__(
        self, title: str, prefix: str, name: str, errors: FieldErrors, parent: QWidget | None = None
    ) -> None:
        super().__init__(title, parent)
        self.pad = named(SignaturePad(), f"{prefix}_pad")
        self.undo_button = named(QPushButton(self.tr("&Undo stroke")), f"{prefix}_undo")
        self.clear_button = named(QPushButton(self.tr("Clea&r")), f"{prefix}_clear")
        for button in (self.undo_button, self.clear_button):
            button.setAutoDefault(False)
        self.name = named(QLineEdit(name), f"{prefix}_name")
        self.name.setPlaceholderText(self.tr("Full name, typed"))
        self.undo_button.clicked.connect(self.pad.undo_stroke)
        self.clear_button.clicked.connect(self.pad.clear)
        tools = QHBoxLayout()
        tools.addWidget(QLabel(self.tr("Sign inside the box")))
        tools.addStretch(1)
        tools.addWidget(self.undo_button)
        tools.addWidget(self.clear_button)
        caption = QLabel(self.tr("&Name:"))
        caption.setBuddy(self.name)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pad)
        layout.addWidget(errors.add(f"{prefix}_signature", self.pad))
        layout.addLayout(tools)
        layout.addWidget(caption)
        layout.addWidget(self.name)
        layout.addWidget(errors.add(f"{prefix}_name", self.name))

    def signer(self) -> Signer:
        return Signer(self.name.text().strip(), self.pad.signature())
