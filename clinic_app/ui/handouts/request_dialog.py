"""Asks what a handout needs when no plan or session gives it: the date, the time, intensity."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from clinic_app.domain.care.care_kinds import PRE_CARE
from clinic_app.domain.care.care_schedule import pre_care_date_problem
from clinic_app.services.handouts.handout_requests import HandoutDefaults, HandoutRequest
from clinic_app.ui.common.field_errors import FieldErrors
from clinic_app.ui.common.formatting import format_date
from clinic_app.ui.common.widget_names import named

DATE_FORMAT = "ddd d MMM yyyy"
DEFAULT_TIME = QTime(9, 0)


def _qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class HandoutRequestDialog(QDialog):
    """Pre-care: treatment date, time (optional); the plan's antiviral shown. Post-care: date
    and intensity."""

    requested = Signal(object)  # HandoutRequest, emitted when the person accepts

    def __init__(
        self,
        kind: str,
        patient_id: int,
        defaults: HandoutDefaults,
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.patient_id = patient_id
        self.today = today
        pre = kind == PRE_CARE
        self.setWindowTitle(self.tr("Pre-care handout") if pre else self.tr("Post-care handout"))
        self.errors = FieldErrors()

        intro = QLabel(
            self.tr("For <b>{name}</b>. ").format(name=html.escape(defaults.patient_name))
            + (
                self.tr("The steps are dated back from the treatment day.")
                if pre
                else self.tr("The recovery calendar starts on the treatment day.")
            )
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        self.date = named(QDateEdit(), "treatment_date")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(DATE_FORMAT)
        self.date.setDate(_qdate(defaults.pre_care_date if pre else defaults.post_care_date))
        self.date.dateChanged.connect(lambda _date: self.errors.show({}, {"treatment_date"}))
        date_label = self.errors.add("treatment_date", self.date)
        form.addRow(self.tr("Treatment &date:"), self.date)
        form.addRow("", date_label)
        if pre and defaults.pre_care_date_planned:
            form.addRow("", QLabel(self.tr("As planned in the latest consultation.")))

        self.print_time = named(QCheckBox(self.tr("Print the &time:")), "print_time")
        self.time = named(QTimeEdit(DEFAULT_TIME), "treatment_time")
        self.time.setDisplayFormat("HH:mm")
        self.time.setEnabled(False)
        self.print_time.toggled.connect(self.time.setEnabled)
        course = defaults.antiviral
        self.antiviral = named(
            QLabel(
                self.tr(
                    "Antiviral: {drug}, {days} days from {start} (recorded on the plan)"
                ).format(drug=course.drug, days=course.days, start=format_date(course.start))
                if course is not None
                else self.tr(
                    "No antiviral recorded on the plan: the handout prints no antiviral step."
                )
            ),
            "antiviral",
        )
        self.antiviral.setWordWrap(True)
        self.intensity = named(QComboBox(), "intensity")
        for key, label in defaults.intensity_labels.items():
            self.intensity.addItem(label, key)
        self.intensity.setCurrentIndex(max(0, self.intensity.findData(defaults.intensity)))
        if pre:
            time_row = QHBoxLayout()
            time_row.addWidget(self.print_time)
            time_row.addWidget(self.time)
            time_row.addStretch(1)
            form.addRow(self.tr("Time:"), time_row)
            form.addRow("", self.antiviral)
        else:
            form.addRow(self.tr("&Intensity:"), self.intensity)
            if defaults.intensity_planned:
                form.addRow("", QLabel(self.tr("As planned in the latest consultation.")))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Preview"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)

    def request(self) -> HandoutRequest:
        """What the form says now."""
        when = _date(self.date.date())
        if self.kind == PRE_CARE:
            moment = self.time.time()
            at = dt.time(moment.hour(), moment.minute()) if self.print_time.isChecked() else None
            return HandoutRequest.pre_care(self.patient_id, when, at)
        return HandoutRequest.post_care(self.patient_id, when, self.intensity.currentData())

    def problems(self) -> dict[str, str]:
        """Messages per field; empty when the request can be made."""
        if self.kind != PRE_CARE:
            return {}
        problem = pre_care_date_problem(_date(self.date.date()), self.today)
        if problem is None:
            return {}
        return {
            "treatment_date": self.tr("{problem} Today is {today}.").format(
                problem=problem, today=format_date(self.today)
            )
        }

    def submit(self) -> None:
        """Emit the request and close, or show what to correct under the field."""
        problems = self.problems()
        self.errors.show(problems)
        if problems:
            self.errors.focus_first(problems)
            return
        self.requested.emit(self.request())
        self.accept()
