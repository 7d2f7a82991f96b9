"""The handouts recorded for a patient, newest first, to open or print again identically."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clinic_app.services.handouts.handout_documents import DocumentInfo
from clinic_app.ui.common.formatting import format_instant
from clinic_app.ui.common.i18n import QT_TRANSLATE_NOOP
from clinic_app.ui.common.widget_names import named
from clinic_app.ui.handouts.handout_messages import kind_label

COLUMNS = (
    QT_TRANSLATE_NOOP("handouts.documents_dialog", "Made"),
    QT_TRANSLATE_NOOP("handouts.documents_dialog", "Handout"),
    QT_TRANSLATE_NOOP("handouts.documents_dialog", "Content version"),
    QT_TRANSLATE_NOOP("handouts.documents_dialog", "Document"),
    QT_TRANSLATE_NOOP("handouts.documents_dialog", "SHA-256"),
)


class HandoutDocumentsDialog(QDialog):
    """Lists DocumentInfo rows; the controller reads them and acts on the signals."""

    open_requested = Signal(int)  # document id
    print_requested = Signal(int)  # document id

    def __init__(self, patient_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Handouts of {patient_name}").format(patient_name=patient_name))
        self.documents: list[DocumentInfo] = []
        intro = QLabel(
            self.tr(
                "Every handout made for this patient, newest first, kept exactly as it "
                "was made. “Print again” prints that stored file itself, unchanged."
            )
        )
        intro.setWordWrap(True)
        self.table = named(QTableWidget(0, len(COLUMNS)), "documents_table")
        self.table.setHorizontalHeaderLabels(
            [QCoreApplication.translate("handouts.documents_dialog", c) for c in COLUMNS]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self._emit(self.open_requested))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.empty = QLabel(self.tr("No handout has been made for this patient yet."))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = named(QPushButton(self.tr("&Open…")), "open_document")
        self.print_button = named(QPushButton(self.tr("Print &again…")), "print_again")
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(lambda: self._emit(self.open_requested))
        self.print_button.clicked.connect(lambda: self._emit(self.print_requested))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.resize(760, 380)

    def show_documents(self, documents: list[DocumentInfo]) -> None:
        """Fill the list (newest first, as given) and select the newest."""
        self.documents = list(documents)
        self.table.setRowCount(len(self.documents))
        for row, info in enumerate(self.documents):
            values = (
                format_instant(info.created_at),
                kind_label(info.kind),
                info.template_version,
                f"#{info.id}",
                f"{info.sha256[:16]}…",
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, info.id)
                if column == 4:
                    item.setToolTip(info.sha256)
                self.table.setItem(row, column, item)
        self.empty.setVisible(not self.documents)
        self.table.setVisible(bool(self.documents))
        if self.documents:
            self.table.selectRow(0)
        self._update_buttons()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.documents[rows[0].row()].id if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        self.open_button.setEnabled(chosen)
        self.print_button.setEnabled(chosen)

    def _emit(self, signal: SignalInstance) -> None:
        document_id = self.selected_id()
        if document_id is not None:
            signal.emit(document_id)
