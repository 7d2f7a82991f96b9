"""The patient list as a Qt table model that fetches one page at a time as the view scrolls."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6 import QtCore
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from clinic_app.services.patients.patient_search import PatientRow
from clinic_app.ui.common.formatting import format_date
from clinic_app.ui.common.header_titles import (
    ACCESSIBLE_TEXT_ROLE,
    DISPLAY_ROLE,
    FOREGROUND_ROLE,
    TOOLTIP_ROLE,
    USER_ROLE,
)
from clinic_app.ui.common.i18n import QT_TRANSLATE_NOOP

# (search text, last row of the previous page or None, page size, include archived) -> next page
FetchPage = Callable[[str, PatientRow | None, int, bool], list[PatientRow]]
# Runs a job and calls back with its result or its exception: at once, or from a worker thread
# (clinic_app.ui.common.background.run_in_background), the callbacks arriving on the UI thread.
Runner = Callable[
    [Callable[[], list[PatientRow]], Callable[[Any], None], Callable[[BaseException], None]],
    object,
]
AnyIndex = QModelIndex | QPersistentModelIndex

COLUMNS = (
    QT_TRANSLATE_NOOP("patients.table_model", "Last name"),
    QT_TRANSLATE_NOOP("patients.table_model", "First name"),
    QT_TRANSLATE_NOOP("patients.table_model", "Date of birth"),
    QT_TRANSLATE_NOOP("patients.table_model", "Phone"),
    QT_TRANSLATE_NOOP("patients.table_model", "E-mail"),
)
PATIENT_ID_ROLE = USER_ROLE + 1
# The view asks for seven roles of every visible cell at each repaint; those not shown here
# are answered at once, and a row's texts are formatted once (a repaint stays within a frame).
# The roles are ints (Qt passes them so): the first screen does not build Qt's ``Qt`` namespace
# (clinic_app.ui.common.header_titles).
_ANSWERED_ROLES = frozenset(
    {DISPLAY_ROLE, TOOLTIP_ROLE, FOREGROUND_ROLE, ACCESSIBLE_TEXT_ROLE, PATIENT_ID_ROLE}
)


def run_now(
    job: Callable[[], list[PatientRow]],
    on_done: Callable[[Any], None],
    on_failed: Callable[[BaseException], None],
) -> None:
    """The simplest Runner: run the job on the calling thread."""
    try:
        result = job()
    except Exception as exc:
        on_failed(exc)
    else:
        on_done(result)


class PatientTableModel(QAbstractTableModel):
    """Rows of patients matching a search; never holds more than the pages the view asked for.

    Pages are fetched by ``runner``, normally in a worker thread, so typing never waits for the
    database; a page that arrives after a newer search started is dropped.
    """

    loading_changed = Signal(bool)
    load_failed = Signal(str)

    def __init__(
        self, fetch_page: FetchPage, page_size: int = 100, runner: Runner = run_now
    ) -> None:
        super().__init__()
        self._fetch_page = fetch_page
        self._page_size = page_size
        self._run = runner
        self._query = ""
        self._include_archived = False
        self._rows: list[PatientRow] = []
        self._shown: dict[int, tuple[str, ...]] = {}  # row number -> its texts, once shown
        self._has_more = False
        self._notifying = False
        self._loading = False
        self._generation = 0

    @property
    def query(self) -> str:
        """The search asked for last (its rows may still be on their way)."""
        return self._query

    @property
    def has_more(self) -> bool:
        """Whether rows beyond those loaded match the query."""
        return self._has_more

    @property
    def is_loading(self) -> bool:
        return self._loading

    @property
    def include_archived(self) -> bool:
        return self._include_archived

    def set_include_archived(self, include: bool) -> None:
        """Show archived patients too (greyed), or hide them."""
        self._include_archived = include
        self.refresh()

    def set_query(self, text: str) -> None:
        """Show the first page of patients matching ``text`` (when it arrives)."""
        self._query = text
        generation = self._start_loading()
        archived = self._include_archived
        self._run(
            lambda: self._fetch_page(text, None, self._page_size, archived),
            lambda rows: self._show_first_page(generation, rows),
            lambda exc: self._fail(generation, exc),
        )

    def refresh(self) -> None:
        """Run the current query again (after a patient was added, edited or archived)."""
        self.set_query(self._query)

    def _start_loading(self) -> int:
        self._generation += 1
        self._set_loading(True)
        return self._generation

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    def _show_first_page(self, generation: int, rows: list[PatientRow]) -> None:
        if generation != self._generation:
            return  # a newer search has started
        self._loading = False  # views reacting to the reset see the rows as arrived
        with self._notifying_views():
            self.beginResetModel()
            self._rows = rows
            self._shown = {}
            self._has_more = len(rows) == self._page_size
            self.endResetModel()
        self.loading_changed.emit(False)

    def _append_page(self, generation: int, rows: list[PatientRow]) -> None:
        if generation != self._generation:
            return
        self._has_more = len(rows) == self._page_size
        self._loading = False
        if rows:
            first = len(self._rows)
            with self._notifying_views():
                self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
                self._rows.extend(rows)
                self.endInsertRows()
        self.loading_changed.emit(False)

    def _fail(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._set_loading(False)
        self.load_failed.emit(str(exc))

    @contextmanager
    def _notifying_views(self) -> Iterator[None]:
        # Views and testers react to reset/insert signals, some by asking for more rows;
        # a change must finish before the next one starts.
        self._notifying = True
        try:
            yield
        finally:
            self._notifying = False

    def patient_id(self, row: int) -> int:
        return self._rows[row].id

    def row_of(self, patient_id: int) -> int | None:
        """The row showing ``patient_id`` among those loaded, or None."""
        for row, item in enumerate(self._rows):
            if item.id == patient_id:
                return row
        return None

    # Qt model interface ------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and self._has_more and not self._notifying and not self._loading

    def fetchMore(self, parent: AnyIndex) -> None:
        if not self.canFetchMore(parent):
            return
        after = self._rows[-1] if self._rows else None
        query, archived = self._query, self._include_archived
        generation = self._start_loading()
        self._run(
            lambda: self._fetch_page(query, after, self._page_size, archived),
            lambda rows: self._append_page(generation, rows),
            lambda exc: self._fail(generation, exc),
        )

    def data(self, index: AnyIndex, role: int = DISPLAY_ROLE) -> object:
        if role not in _ANSWERED_ROLES or not index.isValid():
            return None
        number = index.row()
        if not 0 <= number < len(self._rows):
            return None
        row = self._rows[number]
        if role == DISPLAY_ROLE:
            return self._texts(number, row)[index.column()]
        if role == PATIENT_ID_ROLE:
            return row.id
        if role == TOOLTIP_ROLE:
            if row.archived:
                return self.tr("Archived: open the patient to restore the record")
            return self.data(index, DISPLAY_ROLE)
        if role == FOREGROUND_ROLE and row.archived:
            return QBrush(QColor("gray"))
        if role == ACCESSIBLE_TEXT_ROLE:
            archived = self.tr(" (archived)") if row.archived else ""
            return self.tr("{first_name} {last_name}, born {born}{archived}").format(
                first_name=row.first_name,
                last_name=row.last_name,
                born=format_date(row.date_of_birth),
                archived=archived,
            )
        return None

    def _texts(self, number: int, row: PatientRow) -> tuple[str, ...]:
        texts = self._shown.get(number)
        if texts is None:
            born = format_date(row.date_of_birth)
            texts = (row.last_name, row.first_name, born, row.phone, row.email)
            self._shown[number] = texts
        return texts

    def headerData(
        self, section: int, orientation: QtCore.Qt.Orientation, role: int = DISPLAY_ROLE
    ) -> object:
        """The column titles (the view's header shows them from a model of its own, see
        :func:`titles`; screen readers ask here)."""
        if role == DISPLAY_ROLE and orientation == QtCore.Qt.Orientation.Horizontal:
            if 0 <= section < len(COLUMNS):
                return titles()[section]
            return None
        return None


def titles() -> list[str]:
    """The columns' titles, in the window's language."""
    return [QCoreApplication.translate("patients.table_model", column) for column in COLUMNS]
