"""The patient's session history: a table of sessions, charts across sessions, CSV export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinic_app.db import Database
from clinic_app.services import safe_files
from clinic_app.services.patients import patients
from clinic_app.services.security import audit
from clinic_app.services.security.identity import Actor
from clinic_app.services.sessions import session_history
from clinic_app.services.sessions.session_resources import SessionResources
from clinic_app.ui.common.screen_fit import resize_within_screen
from clinic_app.ui.common.widget_names import named
from clinic_app.ui.common.worker_wait import wait_in_worker
from clinic_app.ui.sessions.charts import SessionCharts, axis_label
from clinic_app.ui.sessions.history_face_chart import HistoryFaceChart
from clinic_app.ui.sessions.history_model import SESSION_ID_ROLE, SessionHistoryModel


class SessionHistoryDialog(QDialog):
    """Opened window-modal from the patient page; Enter opens the selected session."""

    open_requested = Signal(int)  # a session id

    def __init__(
        self,
        database: Database,
        resources: SessionResources,
        patient_id: int,
        parent: QWidget | None = None,
        *,
        tz: dt.tzinfo | None = None,
        actor: Actor | None = None,
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._actor = actor
        self._resources = resources
        self.patient_id = patient_id
        self._tz = tz
        self.patient_name = ""
        self.export_dialog: QFileDialog | None = None
        self.setObjectName("session_history")
        resize_within_screen(self, 1180, 780)

        self.title = named(QLabel(), "history_title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.model = SessionHistoryModel()
        self.table = named(QTableView(), "history_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate((150, 80, 220, 280, 260)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._show_areas())
        self.charts = named(SessionCharts(), "charts")
        self.face_chart = HistoryFaceChart(resources)  # the selected session's areas
        self.status = named(QLabel(), "history_status")

        self.open_button = named(QPushButton(self.tr("&Open session")), "open_session")
        self.export_button = named(QPushButton(self.tr("E&xport CSV…")), "export_csv")
        self.close_button = named(QPushButton(self.tr("Close")), "close")
        self.open_button.clicked.connect(self.open_selected)
        self.export_button.clicked.connect(self.choose_export_file)
        self.close_button.clicked.connect(self.reject)
        for button in (self.open_button, self.export_button, self.close_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        layout.addWidget(self.face_chart)
        layout.addWidget(self.charts, 1)
        layout.addLayout(buttons)
        self.reload()
        self.table.setFocus()

    def reload(self) -> None:
        """Read the patient's sessions again (after a save in the editor)."""
        with self._database.session() as session:
            patient = patients.get(session, self.patient_id)
            self.patient_name = f"{patient.first_name} {patient.last_name}"
            found = session_history.history(
                session, self.patient_id, self._resources.profiles, self._tz
            )
        self.setWindowTitle(
            self.tr("Session history — {patient_name}").format(patient_name=self.patient_name)
        )
        count = sum(1 for row in found.rows if row.amends_id is None)  # amendments correct one
        corrections = len(found.rows) - count
        self.title.setText(
            (
                self.tr("{patient_name}: 1 treatment recorded")
                if count == 1
                else self.tr("{patient_name}: {count} treatments recorded")
            ).format(patient_name=self.patient_name, count=count)
            + (
                (
                    self.tr(" (1 correction among them)")
                    if corrections == 1
                    else self.tr(" ({corrections} corrections among them)")
                ).format(corrections=corrections)
                if corrections
                else ""
            )
        )
        self.model.set_rows(found.rows)
        self.charts.set_charts(found.charts, [axis_label(day) for day in found.session_days])
        rows_height = sum(self.table.rowHeight(r) for r in range(min(len(found.rows), 6)))
        self.table.setFixedHeight(
            self.table.horizontalHeader().height()
            + max(rows_height, 30)
            + 2 * self.table.frameWidth()
            + 2
        )
        if found.rows:
            self.table.selectRow(0)
        self.open_button.setEnabled(bool(found.rows))
        self.export_button.setEnabled(bool(found.rows))

    def _show_areas(self) -> None:
        index = self.table.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        when = self.model.index(index.row(), 0).data() if index.isValid() else ""
        self.face_chart.show_row(row, str(when or ""))

    def selected_session_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.data(index, SESSION_ID_ROLE) if index.isValid() else None  # type: ignore[return-value]

    def _activated(self) -> None:
        self.open_selected()

    def open_selected(self) -> None:
        session_id = self.selected_session_id()
        if session_id is not None:
            self.open_requested.emit(session_id)

    def choose_export_file(self) -> None:
        """Ask where to save the CSV (a window-modal file dialog)."""
        dialog = QFileDialog(self, self.tr("Export sessions as CSV"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("CSV files (*.csv)"))
        dialog.setDefaultSuffix("csv")
        safe = "".join(c if c.isalnum() else "-" for c in self.patient_name).strip("-")
        dialog.selectFile(f"sessions-{safe}-{dt.date.today().isoformat()}.csv")
        dialog.fileSelected.connect(lambda name: self.export_to(Path(name)))
        self.export_dialog = dialog
        dialog.open()

    def export_to(self, path: Path) -> bool:
        """Write the patient's sessions to ``path`` (read, written, fsynced and audited in a
        worker, the window repainting meanwhile); the status line says how it went."""
        database, actor, patient_id = self._database, self._actor, self.patient_id
        profiles, tz = self._resources.profiles, self._tz

        def export() -> str:
            with database.session() as session:
                text = session_history.export_csv(session, patient_id, profiles, tz)
            safe_files.write_atomically(path, text.encode("utf-8"), "exporting the sessions")
            if actor is not None:  # an export of health information is audited
                with database.session() as session:
                    audit.record(
                        session,
                        actor,
                        "export",
                        "patient",
                        patient_id,
                        "treatment sessions exported to CSV",
                    )
            return text

        try:
            text = wait_in_worker(self, export)
        except safe_files.FileSaveError as exc:  # the older file of that name is kept whole
            self.status.setStyleSheet("color: #b3261e;")
            self.status.setText(self.tr("Not exported: {exc}").format(exc=exc))
            return False
        lines = text.count("\n") - 1
        self.status.setStyleSheet("")
        self.status.setText(
            (
                self.tr("Exported 1 line to {path}.")
                if lines == 1
                else self.tr("Exported {lines} lines to {path}.")
            ).format(lines=lines, path=path)
        )
        return True
