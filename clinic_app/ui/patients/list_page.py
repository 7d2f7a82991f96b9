"""The first thing on screen: a search field over the patient list; Enter opens a patient."""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QModelIndex, QObject, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinic_app.ui.common.header_titles import set_model
from clinic_app.ui.common.widget_names import named
from clinic_app.ui.patients.table_model import PatientTableModel, titles

# Each keystroke starts its search at once, without waiting for a pause in the typing: the
# search runs in a worker and answers within a frame even among 100 000 patients
# (docs/search.md), and the rows of a search overtaken by a newer keystroke are dropped.
# "Searching…" shows only when the rows take longer than this: a fast answer does not flicker.
BUSY_NOTICE_MS = 300


class _SameLookWhenInactive(QObject):
    """Keeps a view from repainting itself when its window gains or loses the focus.

    Qt repaints every visible row of an item view on activation changes (to switch the
    selection's colours), and each cell of this list is read from Python: with a handout
    rendering in a worker, that repaint held the UI thread for 45-80 ms each time a preview
    window opened. The view keeps its active colours instead (see :func:`_one_palette`)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return event.type() in (QEvent.Type.WindowActivate, QEvent.Type.WindowDeactivate)


def _one_palette(widget: QWidget) -> None:
    """The widget's inactive colours made its active ones (a repaint never changes them)."""
    palette = widget.palette()
    for number in range(QPalette.ColorRole.NColorRoles.value):
        role = QPalette.ColorRole(number)
        palette.setColor(
            QPalette.ColorGroup.Inactive, role, palette.color(QPalette.ColorGroup.Active, role)
        )
    widget.setPalette(palette)


class PatientListPage(QWidget):
    """Search as you type over name, date of birth and phone; emits ``open_requested(id)``."""

    open_requested = Signal(int)

    def __init__(self, model: PatientTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.search = named(QLineEdit(), "search")
        self.search.setPlaceholderText(
            self.tr("Find a patient: name, date of birth (1984-03-27) or phone   —   Ctrl+F")
        )
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Find a patient")
        self.table = named(QTableView(), "patients")
        # No row numbers; hidden before the model is set, which the header would otherwise ask
        # for them, building Qt's namespace (clinic_app.ui.common.header_titles).
        self.table.verticalHeader().setVisible(False)
        set_model(self.table, model, titles())  # likewise the column titles
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        _one_palette(self.table)
        self._same_look = _SameLookWhenInactive(self)
        self.table.installEventFilter(self._same_look)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((200, 170, 120, 170)):
            # at least as wide as the column's title, longer in some languages
            self.table.setColumnWidth(column, max(width, header.sectionSizeHint(column)))
        self.summary = named(QLabel(), "summary")
        self.show_archived = named(QCheckBox(self.tr("Show arc&hived patients")), "show_archived")
        self.show_archived.toggled.connect(model.set_include_archived)

        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.show_archived)
        layout = QVBoxLayout(self)
        layout.addLayout(search_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)

        self.search.textChanged.connect(lambda _text: self.apply_search())
        self.search.returnPressed.connect(self._open_from_search)
        self.search.installEventFilter(self)
        self.table.activated.connect(self._open_index)
        self._pending_selection: int | None = None
        self._open_when_loaded = False
        model.modelReset.connect(self._after_reset)
        model.rowsInserted.connect(lambda *_: self._update_summary())
        self._busy_timer = QTimer(self, singleShot=True, interval=BUSY_NOTICE_MS)
        self._busy_timer.timeout.connect(self._update_summary)
        model.loading_changed.connect(self._loading_changed)
        model.load_failed.connect(self._show_failure)
        self._after_reset()

    def apply_search(self) -> None:
        """Search for the field's text unless that search is already shown or on its way."""
        if self.search.text() != self.model.query:
            self.model.set_query(self.search.text())

    def focus_search(self) -> None:
        self.search.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def selected_patient_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.patient_id(rows[0].row()) if rows else None

    def select_patient(self, patient_id: int) -> None:
        """Select ``patient_id`` among the loaded rows (once they have arrived)."""
        if self.model.is_loading:
            self._pending_selection = patient_id
            return
        row = self.model.row_of(patient_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _loading_changed(self, loading: bool) -> None:
        if loading:
            self._busy_timer.start()
        else:
            self._busy_timer.stop()
            self._update_summary()

    def _show_failure(self, reason: str) -> None:
        self.summary.setText(
            self.tr("The search could not be run: {reason}. Try again in a moment.").format(
                reason=reason
            )
        )

    def _after_reset(self) -> None:
        pending, self._pending_selection = self._pending_selection, None
        if pending is not None and self.model.row_of(pending) is not None:
            self.select_patient(pending)
        elif self.model.rowCount() and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)
        self._update_summary()
        if self._open_when_loaded:
            self._open_when_loaded = False
            patient_id = self.selected_patient_id()
            if patient_id is not None:
                self.open_requested.emit(patient_id)

    def _update_summary(self) -> None:
        shown = self.model.rowCount()
        query = self.model.query.strip()
        if self.model.is_loading:
            self.summary.setText(
                self.tr("Searching…") if query else self.tr("Loading the patient list…")
            )
        elif shown == 0:
            self.summary.setText(
                self.tr(
                    "No patient matches “{query}”. Press Ctrl+N to register a new patient."
                ).format(query=query)
                if query
                else self.tr("No patients yet. Press Ctrl+N to register the first one.")
            )
        elif self.model.has_more:
            self.summary.setText(
                (
                    self.tr("First {shown} matches shown; scroll for more or keep typing.")
                    if query
                    else self.tr("First {shown} patients shown; scroll for more or keep typing.")
                ).format(shown=shown)
            )
        elif query:
            self.summary.setText(
                self.tr("1 match") if shown == 1 else self.tr("{shown} matches").format(shown=shown)
            )
        else:
            self.summary.setText(
                self.tr("1 patient")
                if shown == 1
                else self.tr("{shown} patients").format(shown=shown)
            )

    def _open_from_search(self) -> None:
        self.apply_search()
        if self.model.is_loading:
            self._open_when_loaded = True  # Enter typed before the results arrived
            return
        patient_id = self.selected_patient_id()
        if patient_id is not None:
            self.open_requested.emit(patient_id)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(self.model.patient_id(index.row()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Up/Down in the search field move the selection in the list without leaving the field.
        if watched is self.search and isinstance(event, QKeyEvent):
            key = event.key()
            if event.type() == QEvent.Type.KeyPress and key in (
                QtCore.Qt.Key.Key_Down,
                QtCore.Qt.Key.Key_Up,
                QtCore.Qt.Key.Key_PageDown,
                QtCore.Qt.Key.Key_PageUp,
            ):
                self.apply_search()
                self._move_selection(key)
                return True
        return super().eventFilter(watched, event)

    def _move_selection(self, key: int) -> None:
        count = self.model.rowCount()
        if count == 0:
            return
        current = self.table.currentIndex().row()
        steps = {
            QtCore.Qt.Key.Key_Down: 1,
            QtCore.Qt.Key.Key_Up: -1,
            QtCore.Qt.Key.Key_PageDown: 10,
        }
        step = steps.get(QtCore.Qt.Key(key), -10)
        target = max(0, min(count - 1, (current if current >= 0 else -1) + step))
        if target == count - 1 and self.model.canFetchMore(QModelIndex()):
            self.model.fetchMore(QModelIndex())
        self.table.selectRow(target)
        self.table.scrollTo(self.model.index(target, 0))
