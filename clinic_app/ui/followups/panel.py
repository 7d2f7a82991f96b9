"""The "Follow-ups due" panel: today's and overdue contacts, "Done…", a double-click opens the
patient. It shows what it is given; the controller loads and saves."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QSize, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinic_app.ui.common import header_titles
from clinic_app.ui.common.widget_names import named
from clinic_app.ui.followups.table_model import FollowUpTableModel

if TYPE_CHECKING:
    from clinic_app.services.followups.followups import FollowUpItem


MINIMUM_WIDTH = 340  # the window still fits a 1366-pixel screen with the patient page
PREFERRED_WIDTH = 450  # date, name, contact and delay readable side by side


class FollowUpsPanel(QWidget):
    """The list of due contacts; Enter or "Done…" closes the selected one."""

    done_requested = Signal(object)  # FollowUpItem
    open_patient_requested = Signal(int)
    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = FollowUpTableModel()
        self.status = named(QLabel(self.tr("Loading…")), "followups_status")
        self.status.setWordWrap(True)
        self.table = named(QTableView(), "followups_table")
        # A selection model made here and held: selectionModel() returned by Qt was once
        # answered with a stale Python wrapper of another type (a freed QRunnable at the same
        # address), which crashed the panel's construction in CI.
        self.selection = QItemSelectionModel(self.model, self.table)
        self.table.verticalHeader().hide()  # before the model: see header_titles
        # The titles from a model of the header's own: Qt's namespace waits (header_titles).
        header_titles.set_model(self.table, self.model, self.model.headers, self.selection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FollowUpTableModel.CONTACT, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(self.tr("Follow-ups due"))
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        self.selection.selectionChanged.connect(self._update_buttons)
        self.done_button = named(QPushButton(self.tr("Do&ne…")), "followup_done")
        self.done_button.setToolTip(self.tr("Close the selected contact, with a note (Enter)"))
        self.done_button.clicked.connect(self.request_done)
        self.open_button = named(QPushButton(self.tr("Open pat&ient")), "followup_open")
        self.open_button.clicked.connect(lambda: self._open(self.current_row()))
        self.refresh_button = named(QPushButton(self.tr("Refresh")), "followup_refresh")
        self.refresh_button.clicked.connect(self.refresh_requested)
        self.table.installEventFilter(self)  # Enter on a row: "Done…"
        buttons = QHBoxLayout()
        buttons.addWidget(self.done_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        self.setMinimumWidth(MINIMUM_WIDTH)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    def sizeHint(self) -> QSize:
        return QSize(PREFERRED_WIDTH, super().sizeHint().height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter)
            and not event.modifiers() & ~QtCore.Qt.KeyboardModifier.KeypadModifier
        ):
            self.request_done()
            return True
        return super().eventFilter(watched, event)

    def focus_list(self) -> None:
        """Put the cursor in the list (the window's Ctrl+Shift+D)."""
        self.table.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        if self.current_row() < 0 and self.model.rowCount():
            self.table.selectRow(0)

    def current_row(self) -> int:
        rows = self.selection.selectedRows()
        return rows[0].row() if rows else -1

    def current_item(self) -> FollowUpItem | None:
        return self.model.item(self.current_row())

    def show_loading(self) -> None:
        self.status.setText(self.tr("Loading…"))

    def show_items(self, items: Sequence[FollowUpItem], today: dt.date) -> None:
        """Show ``items``; the selection stays on the same follow-up when it is still there."""
        kept = self.current_item()
        self.model.set_items(items, today)
        overdue = sum(1 for item in items if item.due_on < today)
        if not items:
            self.status.setText(self.tr("No follow-ups due today."))
        else:
            self.status.setText(
                self.tr("%n due today", "", len(items) - overdue)
                + (self.tr(", %n overdue", "", overdue) if overdue else "")
            )
        row = next((i for i, item in enumerate(items) if kept and item.id == kept.id), 0)
        if items:
            self.table.selectRow(min(row, len(items) - 1))
        self._update_buttons()

    def show_failure(self, message: str) -> None:
        self.model.set_items([], self.model.today)
        self.status.setText(
            self.tr("The follow-ups could not be read: {message}").format(message=message)
        )
        self._update_buttons()

    def request_done(self) -> None:
        item = self.current_item()
        if item is not None:
            self.done_requested.emit(item)

    def _open(self, row: int) -> None:
        item = self.model.item(row)
        if item is not None:
            self.open_patient_requested.emit(item.patient_id)

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.current_item() is not None
        self.done_button.setEnabled(chosen)
        self.open_button.setEnabled(chosen)
