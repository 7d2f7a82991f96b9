"""Message boxes behind one small object, so tests can answer them without a modal loop."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


class DialogService:
    """Asks and tells the person at the screen; replace or patch its methods in tests."""

    def confirm(
        self, parent: QWidget | None, title: str, text: str, yes: str | None = None
    ) -> bool:
        """Ask a yes/no question; True when the person chose ``yes`` (default: Yes)."""
        yes = yes or QCoreApplication.translate("DialogService", "Yes")
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
        yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(
            QCoreApplication.translate("DialogService", "Cancel"), QMessageBox.ButtonRole.RejectRole
        )
        box.setDefaultButton(yes_button)
        box.exec()
        return box.clickedButton() is yes_button

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        """Tell the person something failed and what to do."""
        QMessageBox.warning(parent, title, text)

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        """Tell the person something worth knowing."""
        QMessageBox.information(parent, title, text)
