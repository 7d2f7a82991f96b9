"""The audit trail as a Qt table model that fetches one page of events at a time, newest first."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from clinic_app.services.security.audit_trail import AuditFilter, AuditRow
from clinic_app.ui.common.formatting import format_instant
from clinic_app.ui.common.i18n import QT_TRANSLATE_NOOP

# (filter, id of the last event shown or None, page size) -> next page, newest first
FetchEvents = Callable[[AuditFilter, int | None, int], list[AuditRow]]
# Runs a page's fetch somewhere (a worker, for the window) and hands its rows to the callback.
StartFetch = Callable[[Callable[[], list[AuditRow]], Callable[[list[AuditRow]], None]], None]


def fetch_here(work: Callable[[], list[AuditRow]], done: Callable[[list[AuditRow]], None]) -> None:
    """The plain way: fetch now, in the caller's thread."""
    done(work())


AnyIndex = QModelIndex | QPersistentModelIndex

COLUMNS = (
    QT_TRANSLATE_NOOP("security.audit_table_model", "When"),
    QT_TRANSLATE_NOOP("security.audit_table_model", "Who"),
    QT_TRANSLATE_NOOP("security.audit_table_model", "Action"),
    QT_TRANSLATE_NOOP("security.audit_table_model", "Record"),
    QT_TRANSLATE_NOOP("security.audit_table_model", "Summary"),
)
EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def record_label(row: AuditRow) -> str:
    """'patient #12 · Eva Lind' (the patient's name today), 'user #3', or the record type
    alone when the event names no record."""
    kind = row.entity_type.replace("_", " ")
    label = f"{kind} #{row.entity_id}" if row.entity_id is not None else kind
    return f"{label} · {row.record_name}" if row.record_name else label


class AuditTableModel(QAbstractTableModel):
    """Events matching a filter; holds only the pages the view has asked for.

    ``start`` runs each further page's fetch (the window passes a worker); while one is on its
    way no other is asked for, and a page that arrives after the filter changed is dropped.
    """

    def __init__(
        self, fetch: FetchEvents, page_size: int = 200, start: StartFetch = fetch_here
    ) -> None:
        super().__init__()
        self._fetch = fetch
        self._start = start
        self._page_size = page_size
        self._filter = AuditFilter()
        self._rows: list[AuditRow] = []
        self._has_more = False
        self._notifying = False
        self._fetching = False
        self._generation = 0

    @property
    def filter(self) -> AuditFilter:
        return self._filter

    @property
    def page_size(self) -> int:
        return self._page_size

    def set_filter(self, flt: AuditFilter) -> None:
        """Fetch and show the newest events matching ``flt`` (ValidationError leaves the model
        as it was)."""
        self.show_first_page(flt, self._fetch(flt, None, self._page_size))

    def show_first_page(self, flt: AuditFilter, rows: list[AuditRow]) -> None:
        """Show ``rows``, the first page of ``flt`` fetched elsewhere (by the window's worker)."""
        with self._notifying_views():
            self.beginResetModel()
            self._generation += 1
            self._fetching = False
            self._filter = flt
            self._rows = rows
            self._has_more = len(rows) == self._page_size
            self.endResetModel()

    def refresh(self) -> None:
        self.set_filter(self._filter)

    @contextmanager
    def _notifying_views(self) -> Iterator[None]:
        self._notifying = True
        try:
            yield
        finally:
            self._notifying = False

    def audit_row(self, row: int) -> AuditRow:
        return self._rows[row]

    # Qt model interface ------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return (
            not parent.isValid() and self._has_more and not self._notifying and not self._fetching
        )

    def fetchMore(self, parent: AnyIndex) -> None:
        if not self.canFetchMore(parent):
            return
        before = self._rows[-1].id if self._rows else None
        flt, generation, fetch, size = self._filter, self._generation, self._fetch, self._page_size
        self._fetching = True
        self._start(lambda: fetch(flt, before, size), lambda rows: self._arrived(generation, rows))

    def _arrived(self, generation: int, rows: list[AuditRow]) -> None:
        if generation != self._generation:
            return  # asked for under a filter no longer shown
        self._fetching = False
        self._has_more = len(rows) == self._page_size
        if rows:
            first = len(self._rows)
            with self._notifying_views():
                self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
                self._rows.extend(rows)
                self.endInsertRows()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == EVENT_ID_ROLE:
            return row.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = (
                format_instant(row.occurred_at),
                row.actor,
                row.action,
                record_label(row),
                row.summary,
            )
            return values[index.column()]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(COLUMNS):
                return QCoreApplication.translate("security.audit_table_model", COLUMNS[section])
            return None
        return str(self._rows[section].id) if 0 <= section < len(self._rows) else None
