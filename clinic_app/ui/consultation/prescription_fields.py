"""The antiviral prescription on the plan page: prescribed or not, the medicine, first day, days.

Unticked, nothing is recorded and the handouts print no antiviral line. Ticked, the medicine
(a suggestion or typed), the first day (default: the days before the treatment of
resources/consultation/prescriptions.toml) and the number of days are stored in the plan as
``{"kind": "antiviral", "drug": ..., "start": "YYYY-MM-DD", "days": n}``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clinic_app.domain.clinical_picture import ANTIVIRAL, MAX_PRESCRIPTION_DAYS
from clinic_app.domain.consultation.prescription_options import AntiviralOptions
from clinic_app.domain.patient_rules import parse_date_of_birth
from clinic_app.ui.common.widget_names import named


def _as_iso(text: str) -> str:
    """A date as people write it (13/12/2026, 13.12.2026, 2026-12-13) as YYYY-MM-DD; text
    that is no date is kept as typed, and the plan's check says what is wrong with it."""
    try:
        return parse_date_of_birth(text).isoformat()
    except ValueError:
        return text.strip()


class AntiviralFields(QWidget):
    """Tick, medicine, first day and days of the antiviral course."""

    changed = Signal()

    def __init__(self, options: AntiviralOptions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.options = options
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.prescribed = named(
            QCheckBox(self.tr("{label}: prescribed").format(label=options.label)),
            "antiviral_prescribed",
        )
        self.hint = QLabel(options.hint)
        self.hint.setWordWrap(True)
        self.hint.setProperty("role", "help")
        self.hint.setVisible(False)
        self.drug = named(QComboBox(), "antiviral_drug")
        self.drug.setEditable(True)
        self.drug.addItems(list(options.suggestions))
        self.drug.setCurrentIndex(-1)
        self.drug.setPlaceholderText(self.tr("medicine and dose, as prescribed"))
        line = self.drug.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("medicine and dose, as prescribed"))
        # Typed as YYYY-MM-DD like the planned treatment date (a QDateEdit here took the focus
        # from the review page's first reason when the wizard moved on).
        self.start = named(QLineEdit(), "antiviral_start")
        self.start.setPlaceholderText(self.tr("e.g. 13/12/2026 or 2026-12-13"))
        self.days = named(QSpinBox(), "antiviral_days")
        self.days.setRange(1, MAX_PRESCRIPTION_DAYS)
        self.days.setValue(options.default_days)
        self.days.setSuffix(self.tr(" days"))
        details = QWidget()
        form = QFormLayout(details)
        form.setContentsMargins(24, 0, 0, 0)
        form.addRow(self.tr("&Medicine"), self.drug)
        form.addRow(self.tr("&First day"), self.start)
        form.addRow(self.tr("&Days"), self.days)
        self.details = details
        layout.addWidget(self.hint)
        layout.addWidget(self.prescribed)
        layout.addWidget(details)
        self.prescribed.toggled.connect(self._toggled)
        self.drug.currentTextChanged.connect(self.changed)
        self.start.textChanged.connect(self.changed)
        self.days.valueChanged.connect(self.changed)
        self._start_typed = False
        self._hsv_history = False
        self.start.textEdited.connect(self._start_changed)
        self._toggled(False)

    def _toggled(self, on: bool) -> None:
        self.details.setEnabled(on)
        self.hint.setVisible(self._hsv_history and not on)
        self.changed.emit()

    def _start_changed(self) -> None:
        self._start_typed = True

    def show_hint(self, hsv_history: bool) -> None:
        """Show the cold-sore hint when the screening found a cold-sore history."""
        self._hsv_history = hsv_history
        self.hint.setVisible(hsv_history and not self.prescribed.isChecked())

    def suggest_start(self, treatment: dt.date | None) -> None:
        """Default the first day from the treatment day, unless one was chosen already."""
        if treatment is None or self._start_typed:
            return
        first = treatment - dt.timedelta(days=self.options.start_days_before)
        self.start.setText(first.isoformat())

    def load(self, prescriptions: Any) -> None:
        """Show the stored antiviral prescription, if any."""
        entry = next(
            (
                p
                for p in (prescriptions if isinstance(prescriptions, list) else [])
                if isinstance(p, dict) and p.get("kind") == ANTIVIRAL
            ),
            None,
        )
        self.prescribed.setChecked(entry is not None)
        if entry is None:
            return
        self.drug.setCurrentText(str(entry.get("drug", "")))
        self.start.setText(str(entry.get("start") or ""))
        self._start_typed = True
        if isinstance(entry.get("days"), int):
            self.days.setValue(entry["days"])

    def value(self) -> list[dict[str, Any]]:
        """The plan's prescriptions: empty when the antiviral is not ticked."""
        if not self.prescribed.isChecked():
            return []
        return [
            {
                "kind": ANTIVIRAL,
                "drug": self.drug.currentText().strip(),
                "start": _as_iso(self.start.text()),
                "days": self.days.value(),
            }
        ]
