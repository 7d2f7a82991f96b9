"""The patient's sessions as a Qt table model (newest first); superseded originals are greyed."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from clinic_app.domain.sessions.session_record import area_label
from clinic_app.services.sessions.session_history import HistoryRow
from clinic_app.ui.common.formatting import format_instant
from clinic_app.ui.common.i18n import QT_TRANSLATE_NOOP

AnyIndex = QModelIndex | QPersistentModelIndex
STATUS_WORDS = {
    "signed": QT_TRANSLATE_NOOP("sessions.history_model", "Signed"),
    "draft": QT_TRANSLATE_NOOP("sessions.history_model", "Draft"),
}
COLUMNS = (
    QT_TRANSLATE_NOOP("sessions.history_model", "Date"),
    QT_TRANSLATE_NOOP("sessions.history_model", "Session"),
    QT_TRANSLATE_NOOP("sessions.history_model", "Device"),
    QT_TRANSLATE_NOOP("sessions.history_model", "Areas"),
    QT_TRANSLATE_NOOP("sessions.history_model", "Status"),
    QT_TRANSLATE_NOOP("sessions.history_model", "Signed by"),
)
SESSION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
GREY = QColor("#80868b")


def status_text(row: HistoryRow) -> str:
    """ "Signed", "Draft", "Superseded by a correction", "Signed · correction", with cautions
    counted (record numbers stay out of sight: the row's tooltip names them)."""
    superseded = row.status == "superseded"
    text = (
        QCoreApplication.translate("sessions.history_model", "Superseded by a correction")
        if superseded
        else QCoreApplication.translate(
            "sessions.history_model", STATUS_WORDS.get(row.status, row.status.capitalize())
        )
    )
    if row.amends_id is not None:
        text += QCoreApplication.translate(
            "sessions.history_model", " · correction of an earlier record"
        )
    if row.cautions:
        text += (
            QCoreApplication.translate("sessions.history_model", " · 1 caution acknowledged")
            if row.cautions == 1
            else QCoreApplication.translate(
                "sessions.history_model", " · {cautions} cautions acknowledged"
            ).format(cautions=row.cautions)
        )
    return text


class SessionHistoryModel(QAbstractTableModel):
    """Rows of :class:`HistoryRow`; ``SESSION_ID_ROLE`` gives a row's session id."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[HistoryRow] = []

    def set_rows(self, rows: Sequence[HistoryRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> HistoryRow:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(COLUMNS)
        ):
            return QCoreApplication.translate("sessions.history_model", COLUMNS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == SESSION_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and row.status == "superseded":
            return QBrush(GREY)
        if role == Qt.ItemDataRole.FontRole and row.status == "draft":
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            source = self.tr("Record #{id}").format(id=row.id) + (
                self.tr(", amends #{amends_id}").format(amends_id=row.amends_id)
                if row.amends_id
                else ""
            )
            if row.status == "superseded":
                return self.tr("Kept as it was signed; the amendment replaces it. {source}").format(
                    source=source
                )
            return source
        return None

    def _text(self, row: HistoryRow, column: int) -> str:
        if column == 0:
            return format_instant(row.performed_at)
        if column == 1:
            return row.series_label
        if column == 2:
            return row.device
        if column == 3:
            return ", ".join(area_label(a) for a in row.areas)
        if column == 4:
            return status_text(row)
        return row.signed_by
