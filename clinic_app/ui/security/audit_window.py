"""Administrators browse and filter the audit trail, and check its hash chain. Close or
Escape closes the window; a patient event shows the patient's name (audit_trail.find_events)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinic_app.db import Database
from clinic_app.services.errors import ValidationError
from clinic_app.services.security import audit_trail
from clinic_app.services.security.audit_trail import AuditFilter, AuditRow, Verification
from clinic_app.ui.common.background import run_in_background
from clinic_app.ui.common.field_errors import ERROR_STYLE
from clinic_app.ui.common.i18n import QT_TRANSLATE_NOOP
from clinic_app.ui.common.widget_names import named
from clinic_app.ui.security.audit_table_model import AuditTableModel

EVERYONE = QT_TRANSLATE_NOOP("security.audit_window", "Everyone")
ALL_ACTIONS = QT_TRANSLATE_NOOP("security.audit_window", "All actions")
ALL_RECORDS = QT_TRANSLATE_NOOP("security.audit_window", "All records")
NO_DATE = QDate(2000, 1, 1)


class AuditWindow(QWidget):
    """A window of its own: filters above, the events (newest first) below, lazily fetched.

    Every query runs in a worker; ``filtered`` is emitted once the rows of a filter are shown.
    """

    filtered = Signal()

    def __init__(
        self, database: Database, parent: QWidget | None = None, data_dir: Path | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._database = database
        self._data_dir = data_dir  # where the audit anchor is noted (None: the chain only)
        self.setWindowTitle(self.tr("Audit trail"))
        self.resize(1000, 600)
        self.model = AuditTableModel(self._fetch, start=self._fetch_in_background)
        self._asked = 0  # the last filter asked for: an older reply is not shown

        self.who = named(QComboBox(), "who")
        self.action = named(QComboBox(), "action")
        self.record_type = named(QComboBox(), "record_type")
        self.record_id = named(QLineEdit(placeholderText=self.tr("record #")), "record_id")
        self.record_id.setMaximumWidth(90)
        self.since = self._date_edit("since")
        self.until = self._date_edit("until")
        self.text = named(QLineEdit(placeholderText=self.tr("words in the summary")), "text")
        self.text.setClearButtonEnabled(True)
        self.problem = named(QLabel(), "filter_problem")
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setVisible(False)
        self.count = named(QLabel(), "event_count")
        self.verify_button = QPushButton(self.tr("&Verify the chain"))
        self.verify_button.setToolTip(
            self.tr(
                "Recompute every event's hash: shows the first event that was altered or deleted"
            )
        )
        self.verify_button.clicked.connect(self.verify)
        self.verification = named(QLabel(), "verification")
        self.verification.setWordWrap(True)

        filters = QHBoxLayout()
        for caption, widget in (
            (self.tr("Who"), self.who),
            (self.tr("Action"), self.action),
            (self.tr("Record"), self.record_type),
            ("", self.record_id),
            (self.tr("From"), self.since),
            (self.tr("To"), self.until),
        ):
            if caption:
                label = QLabel(caption)
                label.setBuddy(widget)
                filters.addWidget(label)
            filters.addWidget(widget)
        filters.addWidget(self.text, 1)

        self.table = named(QTableView(), "audit_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addStretch(1)
        bottom.addWidget(self.verification, 2)
        bottom.addWidget(self.verify_button)
        self.close_button = named(QPushButton(self.tr("Close")), "close_audit")
        self.close_button.clicked.connect(self.close)
        bottom.addWidget(self.close_button)
        # Escape closes it from any of its fields, as it does a dialog (it is a window of its
        # own, beside the main window, so that both can be looked at).
        close_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        close_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        close_shortcut.activated.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.problem)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.apply_filter)
        self._fill_choices()
        for combo in (self.who, self.action, self.record_type):
            combo.currentIndexChanged.connect(self._debounce.start)
        for edit in (self.record_id, self.text):
            edit.textChanged.connect(self._debounce.start)
        for date in (self.since, self.until):
            date.dateChanged.connect(self._debounce.start)
        self.apply_filter()

    def _date_edit(self, name: str) -> QDateEdit:
        edit = named(QDateEdit(), name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(self.tr("any day"))
        edit.setDate(NO_DATE)
        return edit

    def _fill_choices(self) -> None:
        with self._database.snapshot() as session:
            choices = {
                column: audit_trail.distinct_values(session, column)
                for column in ("actor", "action", "entity_type")
            }
        for combo, first, values in (
            (self.who, EVERYONE, choices["actor"]),
            (self.action, ALL_ACTIONS, choices["action"]),
            (self.record_type, ALL_RECORDS, choices["entity_type"]),
        ):
            combo.blockSignals(True)
            current = combo.currentText()
            combo.clear()
            combo.addItem(QCoreApplication.translate("security.audit_window", first), "")
            for value in values:
                combo.addItem(value, value)
            combo.setCurrentIndex(max(0, combo.findText(current)))
            combo.blockSignals(False)

    # data --------------------------------------------------------------------------------
    def _fetch(self, flt: AuditFilter, before: int | None, limit: int) -> list[AuditRow]:
        with self._database.snapshot() as session:
            return audit_trail.find_events(session, flt, limit=limit, before_id=before)

    def _fetch_in_background(
        self, work: Callable[[], list[AuditRow]], done: Callable[[list[AuditRow]], None]
    ) -> None:
        run_in_background(work, done, self._query_failed, receiver=self)

    def _first_page(self, flt: AuditFilter) -> tuple[list[AuditRow], int]:
        """In a worker: the newest page of ``flt`` and how many events match it in all."""
        with self._database.snapshot() as session:
            rows = audit_trail.find_events(session, flt, limit=self.model.page_size)
            return rows, audit_trail.count_events(session, flt)

    @staticmethod
    def _day_start(date: QDate) -> dt.datetime | None:
        if date == NO_DATE:
            return None
        return dt.datetime(date.year(), date.month(), date.day()).astimezone()

    def current_filter(self) -> AuditFilter:
        """The filter the fields describe; ValidationError for a record number that is not one."""
        record_text = self.record_id.text().strip().lstrip("#")
        if record_text and not record_text.isdigit():
            raise ValidationError(
                {"entity_id": self.tr("A record number is a whole number, e.g. 12.")}
            )
        until = self._day_start(self.until.date())
        return AuditFilter(
            actor=self.who.currentData() or "",
            action=self.action.currentData() or "",
            entity_type=self.record_type.currentData() or "",
            entity_id=int(record_text) if record_text else None,
            since=self._day_start(self.since.date()),
            until=until + dt.timedelta(days=1) if until else None,
            text=self.text.text(),
        )

    def apply_filter(self) -> None:
        """Show the newest events matching the fields (fetched in a worker), or say what is
        wrong with them."""
        try:
            flt = self.current_filter()
        except ValidationError as exc:
            self.problem.setText(str(exc))
            self.problem.setVisible(True)
            return
        self.problem.setVisible(False)
        self._asked += 1
        asked = self._asked
        self.count.setText(self.tr("Searching…"))
        run_in_background(
            lambda: self._first_page(flt),
            lambda reply: self._show(asked, flt, *reply),
            self._query_failed,
            receiver=self,  # a reply after the window was closed and deleted is dropped
        )

    def _show(self, asked: int, flt: AuditFilter, rows: list[AuditRow], total: int) -> None:
        if asked != self._asked:
            return  # the fields changed meanwhile: their own reply follows
        self.model.show_first_page(flt, rows)
        count = f"{total:,}".replace(",", " ")
        self.count.setText(
            self.tr("1 event") if total == 1 else self.tr("{count} events").format(count=count)
        )
        self.filtered.emit()

    def _query_failed(self, exc: BaseException) -> None:
        self.count.setText("")
        self.problem.setText(self.tr("The audit trail could not be read: {exc}").format(exc=exc))
        self.problem.setVisible(True)

    def verify(self) -> None:
        """Check the whole chain in a worker thread; the result appears beside the button."""
        self.verify_button.setEnabled(False)
        self.verification.setText(self.tr("Checking every event…"))
        database, data_dir = self._database, self._data_dir

        def check() -> Verification:
            from clinic_app.services.security import audit_anchor

            with database.snapshot() as session:
                result = audit_trail.verify(session)
                if not result.ok or data_dir is None:
                    return result
                key = audit_anchor.database_key(database.url)
                anchored = audit_anchor.advance(session, data_dir, key)
            if not anchored.ok:
                return Verification(result.checked, None, anchored.problem)
            return result

        run_in_background(check, self._verified, self._verify_failed, receiver=self)

    def _verified(self, result: Verification) -> None:
        self.verify_button.setEnabled(True)
        self.verification.setStyleSheet("" if result.ok else ERROR_STYLE)
        self.verification.setText(result.message)

    def _verify_failed(self, exc: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self.verification.setStyleSheet(ERROR_STYLE)
        self.verification.setText(self.tr("The check could not run: {exc}").format(exc=exc))
