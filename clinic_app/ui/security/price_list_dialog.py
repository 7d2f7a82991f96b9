"""Administration > Price list…: the clinic's prices per area and intensity, per session.

Opens on the prices the estimates use now (the shipped placeholders until the clinic saves its
own); Save writes them as the clinic's price list through services/settings/price_list.py, and
a wrong cell is named under the table and marked, with nothing written.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clinic_app.db import Database
from clinic_app.services.errors import ValidationError
from clinic_app.services.security.identity import SignedInUser
from clinic_app.services.settings import price_list
from clinic_app.ui.common.field_errors import error_label

INVALID = QBrush(QColor("#f9dedc"))


class PriceListDialog(QDialog):
    """A table of prices (areas down, intensities across), the currency and its symbol."""

    def __init__(
        self, database: Database, user: SignedInUser, data_dir: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("priceListDialog")
        self.setWindowTitle(self.tr("Price list"))
        self._database, self._user, self._data_dir = database, user, data_dir
        prices = price_list.current(data_dir)
        self.intensities = list(prices.prices)
        self.areas = list(dict.fromkeys(a for table in prices.prices.values() for a in table))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("Prices per session, for the estimate on the consultation's plan page.")
            + (
                self.tr(
                    " These are placeholder prices, not this clinic's: enter your own and save."
                )
                if prices.placeholder
                else ""
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.currency = QLineEdit(prices.currency)
        self.currency.setObjectName("currency")
        self.currency.setMaxLength(3)
        self.symbol = QLineEdit(prices.symbol)
        self.symbol.setObjectName("symbol")
        form.addRow(self.tr("&Currency (e.g. USD, EUR):"), self.currency)
        form.addRow(self.tr("&Symbol:"), self.symbol)
        layout.addLayout(form)
        self.table = QTableWidget(len(self.areas), len(self.intensities))
        self.table.setObjectName("prices")
        self.table.setHorizontalHeaderLabels([i.capitalize() for i in self.intensities])
        self.table.setVerticalHeaderLabels([a.replace("_", " ").capitalize() for a in self.areas])
        for row, area in enumerate(self.areas):
            for column, intensity in enumerate(self.intensities):
                amount = prices.prices[intensity].get(area)
                item = QTableWidgetItem(
                    "" if amount is None else f"{amount:f}".rstrip("0").rstrip(".")
                )
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 520)

    def typed(self) -> dict[str, dict[str, str]]:
        """The prices as typed, by intensity and area (empty cells left out)."""
        found: dict[str, dict[str, str]] = {intensity: {} for intensity in self.intensities}
        for row, area in enumerate(self.areas):
            for column, intensity in enumerate(self.intensities):
                item = self.table.item(row, column)
                text = item.text().strip() if item is not None else ""
                if text:
                    found[intensity][area] = text
        return found

    def save(self) -> bool:
        """Save the prices as the clinic's; on a wrong cell say which and keep the dialog."""
        for row in range(self.table.rowCount()):
            for column in range(self.table.columnCount()):
                item = self.table.item(row, column)
                if item is not None:
                    item.setBackground(QBrush())
        try:
            with self._database.session() as session:
                price_list.save(
                    session,
                    self._user,
                    self._data_dir,
                    self.currency.text(),
                    self.symbol.text(),
                    self.typed(),
                )
        except ValidationError as exc:
            for key in exc.errors:
                parts = key.split(".")
                if len(parts) == 3 and parts[1] in self.intensities and parts[2] in self.areas:
                    cell = self.table.item(
                        self.areas.index(parts[2]), self.intensities.index(parts[1])
                    )
                    if cell is not None:
                        cell.setBackground(INVALID)
            self.error.setText(" ".join(exc.errors.values()))
            self.error.setVisible(True)
            return False
        self.accept()
        return True
