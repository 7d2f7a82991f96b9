"""The "Test spot…" dialog: record a test spot (date, area, device, settings, check day) and,
on its check day, how it healed. Reads and writes through services/clinical/test_spots.py;
each field says what is wrong at the field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic_app.db import Database
from clinic_app.domain.patient_rules import parse_date_of_birth
from clinic_app.domain.sessions.device_profile import AREAS
from clinic_app.services.clinical import test_spots
from clinic_app.services.errors import ServiceError, ValidationError
from clinic_app.services.security.identity import Actor
from clinic_app.ui.common.field_errors import INVALID_FIELD_STYLE, FieldErrors
from clinic_app.ui.common.formatting import format_date
from clinic_app.ui.common.i18n import QT_TRANSLATE_NOOP
from clinic_app.ui.common.widget_names import named

SETTING_CAPTIONS = {
    "power_w": QT_TRANSLATE_NOOP("sessions.test_spot_dialog", "Power (W)"),
    "dwell_us": QT_TRANSLATE_NOOP("sessions.test_spot_dialog", "Dwell (µs)"),
    "spacing_um": QT_TRANSLATE_NOOP("sessions.test_spot_dialog", "Spacing (µm)"),
    "energy_mj": QT_TRANSLATE_NOOP("sessions.test_spot_dialog", "Energy (mJ)"),
    "stack": QT_TRANSLATE_NOOP("sessions.test_spot_dialog", "Stack"),
    "passes": QT_TRANSLATE_NOOP("sessions.test_spot_dialog", "Passes"),
}
RESULT_LABELS = {
    None: QT_TRANSLATE_NOOP("sessions.test_spot_dialog", "to be checked"),
    "healed_well": QT_TRANSLATE_NOOP("sessions.test_spot_dialog", "healed well"),
    "reaction": QT_TRANSLATE_NOOP("sessions.test_spot_dialog", "reaction"),
}


class TestSpotDialog(QDialog):
    """Record a test spot for a patient, and the result of one recorded earlier."""

    __test__ = False  # not a pytest test class, despite its name

    def __init__(
        self,
        database: Database,
        actor: Actor,
        patient_id: int,
        devices: Mapping[str, str],
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("testSpotDialog")
        self.setWindowTitle(self.tr("Test spot"))
        self.setStyleSheet(INVALID_FIELD_STYLE)
        self._database, self._actor, self._patient_id = database, actor, patient_id
        self._today = today or dt.date.today()
        self.errors = FieldErrors()
        layout = QVBoxLayout(self)
        self.spots = named(QListWidget(), "test_spots")
        layout.addWidget(QLabel(self.tr("Test spots of this patient:")))
        layout.addWidget(self.spots)
        judge = QHBoxLayout()
        self.result_notes = named(QLineEdit(), "result_notes")
        self.result_notes.setPlaceholderText(self.tr("for a reaction: what was seen"))
        self.healed = named(QPushButton(self.tr("&Healed well")), "healed_well")
        self.reaction = named(QPushButton(self.tr("Re&action…")), "reaction")
        for widget in (self.result_notes, self.healed, self.reaction):
            judge.addWidget(widget)
        layout.addLayout(judge)
        self.result_error = self.errors.add("result", self.spots)
        self.notes_error = self.errors.add("result_notes", self.result_notes)
        layout.addWidget(self.result_error)
        layout.addWidget(self.notes_error)

        box = QGroupBox(self.tr("New test spot"))
        form = QFormLayout(box)
        self.performed_on = named(QLineEdit(self._today.isoformat()), "performed_on")
        self.area = named(QComboBox(), "area")
        for area in AREAS:
            self.area.addItem(area.replace("_", " ").capitalize(), area)
        self.device = named(QComboBox(), "device_profile_id")
        for profile_id, title in sorted(devices.items(), key=lambda item: item[1]):
            self.device.addItem(title, profile_id)
        self.settings = {name: named(QLineEdit(), name) for name in SETTING_CAPTIONS}
        self.check_on = named(QLineEdit(), "check_on")
        self.check_on.setPlaceholderText(
            self.tr("e.g. 16/12/2026 (default: {check_after_days} days later)").format(
                check_after_days=test_spots.check_after_days()
            )
        )
        self.errors.add_row(form, "performed_on", self.tr("&Date"), self.performed_on)
        self.errors.add_row(form, "area", self.tr("A&rea"), self.area)
        self.errors.add_row(form, "device_profile_id", self.tr("De&vice"), self.device)
        for name, caption in SETTING_CAPTIONS.items():
            form.addRow(
                QCoreApplication.translate("sessions.test_spot_dialog", caption),
                self.settings[name],
            )
        settings_error = self.errors.add("settings", self.settings["power_w"])
        form.addRow("", settings_error)
        self.errors.add_row(form, "check_on", self.tr("&Check on"), self.check_on)
        layout.addWidget(box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.record_button = buttons.addButton(
            self.tr("&Record test spot"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.record_button.setObjectName("record_test_spot")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.record_button.clicked.connect(self.record)
        self.healed.clicked.connect(lambda: self.judge(test_spots.HEALED_WELL))
        self.reaction.clicked.connect(lambda: self.judge(test_spots.REACTION))
        self.reload()
        self.resize(560, 640)

    def reload(self) -> None:
        """List the patient's test spots, newest first; the pending one selected."""
        with self._database.session() as session:
            spots = test_spots.spots_of(session, self._patient_id)
        listed = [(s.id, s.performed_on, s.area, s.check_on, s.result) for s in spots]
        self.spots.clear()
        for spot_id, performed, area, check_on, result in listed:
            text = self.tr("{performed} · {area} · check on {check_on}: {result}").format(
                performed=format_date(performed),
                area=area.replace("_", " ").capitalize(),
                check_on=format_date(check_on),
                result=QCoreApplication.translate(
                    "sessions.test_spot_dialog", RESULT_LABELS.get(result, result or "")
                ),
            )
            item = QListWidgetItem(text)
            item.setData(256, (spot_id, result))
            self.spots.addItem(item)
            if result is None and self.spots.currentRow() < 0:
                self.spots.setCurrentItem(item)

    def _parsed(self) -> tuple[test_spots.TestSpotInput | None, dict[str, str]]:
        errors: dict[str, str] = {}
        dates: dict[str, dt.date | None] = {}
        for name, edit in (("performed_on", self.performed_on), ("check_on", self.check_on)):
            text = edit.text().strip()
            try:
                dates[name] = parse_date_of_birth(text) if text else None
            except ValueError as exc:
                errors[name] = f"{exc}."
        values: dict[str, float] = {}
        for name, edit in self.settings.items():
            text = edit.text().strip().replace(",", ".")
            if not text:
                continue
            try:
                values[name] = float(text)
            except ValueError:
                errors["settings"] = self.tr("{caption}: '{text}' is not a number.").format(
                    caption=QCoreApplication.translate(
                        "sessions.test_spot_dialog", SETTING_CAPTIONS[name]
                    ),
                    text=text,
                )
        if dates.get("performed_on") is None and "performed_on" not in errors:
            errors["performed_on"] = self.tr("Date of the test spot: write it as YYYY-MM-DD.")
        if errors:
            return None, errors
        performed = dates["performed_on"]
        assert performed is not None
        return (
            test_spots.TestSpotInput(
                patient_id=self._patient_id,
                performed_on=performed,
                area=str(self.area.currentData()),
                device_profile_id=str(self.device.currentData() or ""),
                settings=values,
                check_on=dates.get("check_on"),
            ),
            {},
        )

    def record(self) -> bool:
        """Record the new test spot; the fields say what is wrong."""
        data, errors = self._parsed()
        if data is None:
            self.errors.show(errors)
            return False
        try:
            with self._database.session() as session:
                test_spots.record(session, self._actor, data, today=self._today)
        except ValidationError as exc:
            self.errors.show(exc.errors)
            return False
        self.errors.show({})
        self.reload()
        return True

    def judge(self, result: str) -> bool:
        """Record how the selected test spot healed."""
        item = self.spots.currentItem()
        if item is None:
            self.errors.show({"result": self.tr("Choose the test spot to judge in the list.")})
            return False
        spot_id, _old = item.data(256)
        try:
            with self._database.session() as session:
                test_spots.record_result(
                    session,
                    self._actor,
                    spot_id,
                    result,
                    self.result_notes.text(),
                    today=self._today,
                )
        except ValidationError as exc:
            self.errors.show(exc.errors)
            return False
        except ServiceError as exc:
            self.errors.show({"result": str(exc)})
            return False
        self.errors.show({})
        self.result_notes.clear()
        self.reload()
        return True
