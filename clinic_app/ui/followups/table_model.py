"""The rows of the "Follow-ups due" panel: plain FollowUpItem values, read-only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QBrush, QColor

from clinic_app.ui.common.formatting import format_date, format_weekday
from clinic_app.ui.common.header_titles import (
    ACCESSIBLE_TEXT_ROLE,
    DISPLAY_ROLE,
    FOREGROUND_ROLE,
    TOOLTIP_ROLE,
)

if TYPE_CHECKING:
    from clinic_app.services.followups.followups import FollowUpItem

Index = QModelIndex | QPersistentModelIndex
OVERDUE = QColor("#9B2C2C")


def short_date(day: dt.date) -> str:
    """'Thu 26 Nov' ('jue 26 nov' in a Spanish window): the contacts shown are of the last
    days and today."""
    return format_weekday(day)


class FollowUpTableModel(QAbstractTableModel):
    """Due day, patient, contact and how late: one row per open follow-up."""

    DUE, PATIENT, CONTACT, STATE = range(4)

    def __init__(self, today: dt.date | None = None) -> None:
        super().__init__()
        self.items: list[FollowUpItem] = []
        self.today = today or dt.date.today()
        self.headers = (self.tr("Due"), self.tr("Patient"), self.tr("Contact"), self.tr("When"))

    def set_items(self, items: Sequence[FollowUpItem], today: dt.date) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.today = today
        self.endResetModel()

    def item(self, row: int) -> FollowUpItem | None:
        return self.items[row] if 0 <= row < len(self.items) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: QtCore.Qt.Orientation, role: int = DISPLAY_ROLE
    ) -> Any:
        """The column titles (the panel's header shows them from a model of its own,
        clinic_app.ui.common.header_titles; screen readers ask here)."""
        if orientation == QtCore.Qt.Orientation.Horizontal and role == DISPLAY_ROLE:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return None

    def state_text(self, item: FollowUpItem) -> str:
        late = (self.today - item.due_on).days
        if late <= 0:
            text = self.tr("today")
        elif late == 1:
            text = self.tr("1 day late")
        else:
            text = self.tr("%n days late", "", late)
        if item.attempts:
            text += self.tr(", tried %n×", "", item.attempts)
        return text

    def data(self, index: Index, role: int = DISPLAY_ROLE) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        column = index.column()
        if role in (DISPLAY_ROLE, ACCESSIBLE_TEXT_ROLE):
            if column == self.DUE:
                return short_date(item.due_on)
            if column == self.PATIENT:
                return item.patient_name
            if column == self.CONTACT:
                return item.label
            if column == self.STATE:
                return self.state_text(item)
        if role == TOOLTIP_ROLE:
            about = f"{item.patient_name}: {item.label} ({format_date(item.due_on)})"
            return f"{about}\n{item.note}" if item.note else about
        if role == FOREGROUND_ROLE and item.due_on < self.today:
            return QBrush(OVERDUE) if column in (self.DUE, self.STATE) else None
        return None
