"""One treated area's widgets: built for a device profile, laid out, locked, and read back.

The row knows nothing of the other rows: what it calls back when a value is edited, left or the
row removed is passed in by the table of rows (clinic_app.ui.sessions.area_rows).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from clinic_app.domain.sessions.acknowledgement import CONFIRM_LABEL
from clinic_app.domain.sessions.device_profile import DeviceProfile, format_number
from clinic_app.domain.sessions.session_record import AreaSettings, area_label
from clinic_app.domain.sessions.settings_check import SCAN_FIELDS
from clinic_app.ui.common.widget_names import named
from clinic_app.ui.sessions.styles import set_locked, set_role

FIELD_WIDTH = 70
ROW_SPAN = 7  # grid rows per area: settings, 'was', endpoint, messages, confirm, reason, rule


def parse_number(text: str) -> float | None:
    """ "12,5" -> 12.5; "" -> None; ValueError for anything else."""
    cleaned = text.strip().replace(",", ".")
    if not cleaned:
        return None
    return float(cleaned)


def shown(value: object) -> str:
    """A stored value as the editor writes it: 12.0 -> "12", None -> "" ."""
    if value is None:
        return ""
    if isinstance(value, float | int) and not isinstance(value, bool):
        return format_number(float(value))
    return str(value)


def _lock(widget: QWidget, read_only: bool) -> None:
    """Line edits stay readable and selectable when locked; drop-downs are disabled."""
    set_locked(widget, read_only)


class RowChoices(NamedTuple):
    """What a row offers to pick from: area wordings, endpoint and reaction suggestions."""

    descriptions: Mapping[str, str]  # area -> the wording of the screening form
    endpoints: Sequence[str]
    reactions: Sequence[str]


class RowActions(NamedTuple):
    """What a row's widgets call on the table of rows (each gets the row's index)."""

    edited: Callable[[int], None]  # a setting, scan choice, area, reason or confirmation changed
    left: Callable[[int, str], None]  # the person left a setting's field
    remove: Callable[[int], None]  # the row's remove button
    changed: Callable[[], None]  # an endpoint or reaction was edited


@dataclass
class AreaRow:
    """The widgets of one treated area."""

    area: QComboBox
    fields: dict[str, QLineEdit]  # device settings and scan choices below
    scans: dict[str, QComboBox]
    endpoint: QComboBox
    reaction: QComboBox
    reason: QLineEdit
    remove: QToolButton
    message: QLabel
    reason_label: QLabel
    confirm: QCheckBox  # "I have checked these settings", shown for a danger
    was: dict[str, QLabel] = field(default_factory=dict)
    # The dangers the ticked confirmation covers (None: take the ones shown next).
    confirmed_for: frozenset[str] | None = None
    touched: set[str] = field(default_factory=set)
    parse_errors: dict[str, str] = field(default_factory=dict)
    service_errors: dict[str, str] = field(default_factory=dict)

    def inputs(self) -> list[QWidget]:
        """The row's widgets in tab order."""
        return [
            self.area,
            *self.fields.values(),
            *self.scans.values(),
            self.endpoint,
            self.reaction,
            self.confirm,
            self.reason,
        ]

    def set_read_only(self, read_only: bool) -> None:
        """Lock the inputs (a signed session) and hide the remove button, or the reverse."""
        for widget in self.inputs():
            _lock(widget, read_only)
        self.remove.setVisible(not read_only)

    def read(self, profile: DeviceProfile | None) -> tuple[AreaSettings, dict[str, str]]:
        """The row as typed, and the settings that are not numbers (field -> message)."""
        values: dict[str, object] = {}
        errors: dict[str, str] = {}
        for name, edit in self.fields.items():
            try:
                number = parse_number(edit.text())
            except ValueError:
                label = profile.parameters[name].label  # type: ignore[union-attr]
                errors[name] = QCoreApplication.translate(
                    "AreaRow", "{label}: '{text}' is not a number."
                ).format(label=label, text=edit.text().strip())
                continue
            if number is not None and name in ("stack", "passes") and number.is_integer():
                values[name] = int(number)
            else:
                values[name] = number
        settings = AreaSettings(
            area=str(self.area.currentData() or ""),
            scan_pattern=str(self.scans["scan_pattern"].currentData() or ""),
            scan_size=str(self.scans["scan_size"].currentData() or ""),
            endpoint=self.endpoint.currentText().strip(),
            reaction=self.reaction.currentText().strip(),
            caution_ack_reason=self.reason.text().strip(),
            danger_confirmed=self.confirm.isChecked(),
            **values,  # type: ignore[arg-type]
        )
        return settings, errors

    def raw(self) -> dict[str, object]:
        """The row as shown, texts as typed, valid or not (for a form draft)."""
        return {
            "area": str(self.area.currentData() or ""),
            "fields": {name: edit.text() for name, edit in self.fields.items()},
            "scan_pattern": str(self.scans["scan_pattern"].currentData() or ""),
            "scan_size": str(self.scans["scan_size"].currentData() or ""),
            "endpoint": self.endpoint.currentText(),
            "reaction": self.reaction.currentText(),
            "reason": self.reason.text(),
            "confirmed": self.confirm.isChecked(),
        }

    def place(self, grid: QGridLayout, base: int, columns: int) -> None:
        """Lay the row out on ``grid`` from grid row ``base``, over ``ROW_SPAN`` grid rows."""
        grid.addWidget(self.area, base, 0)
        for column, edit in enumerate(self.fields.values(), start=1):
            grid.addWidget(edit, base, column)
        grid.addWidget(self.scans["scan_pattern"], base, columns - 2)
        grid.addWidget(self.scans["scan_size"], base, columns - 1)
        grid.addWidget(self.remove, base, columns)
        for column, name in enumerate([*self.fields, *self.scans], start=1):
            was = QLabel()
            set_role(was, "was")
            was.setVisible(False)
            self.was[name] = was
            grid.addWidget(was, base + 1, column)
        split = max(2, columns // 2)
        grid.addWidget(self.endpoint, base + 2, 0, 1, split)
        grid.addWidget(self.reaction, base + 2, split, 1, columns - split)
        grid.addWidget(self.message, base + 3, 0, 1, columns)
        grid.addWidget(self.confirm, base + 4, 1, 1, columns - 1)
        grid.addWidget(self.reason_label, base + 5, 0, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.reason, base + 5, 1, 1, columns - 1)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        grid.addWidget(line, base + 6, 0, 1, columns + 1)


def settings_from_raw(row: Mapping[str, object]) -> AreaSettings:
    """The choices and texts of a ``AreaRow.raw`` row; its setting texts are put back apart."""
    return AreaSettings(
        area=str(row.get("area", "")),
        scan_pattern=str(row.get("scan_pattern", "")),
        scan_size=str(row.get("scan_size", "")),
        endpoint=str(row.get("endpoint", "")),
        reaction=str(row.get("reaction", "")),
        caution_ack_reason=str(row.get("reason", "")),
        danger_confirmed=row.get("confirmed") is True,
    )


def build_area_row(
    index: int,
    values: AreaSettings,
    profile: DeviceProfile | None,
    settings: Sequence[str],
    choices: RowChoices,
    actions: RowActions,
) -> AreaRow:
    """The widgets of row ``index`` showing ``values``, with the ``settings`` of ``profile``."""
    area = named(QComboBox(), f"area_{index}")
    area.addItem(QCoreApplication.translate("sessions.area_row", "— area —"), "")
    for key, description in choices.descriptions.items():
        area.addItem(area_label(key), key)
        area.setItemData(area.count() - 1, description, Qt.ItemDataRole.ToolTipRole)
    if values.area and area.findData(values.area) < 0:
        area.addItem(area_label(values.area), values.area)
    area.setCurrentIndex(max(0, area.findData(values.area)))
    area.setMinimumWidth(120)
    area.setAccessibleName(f"Area of row {index + 1}")
    fields: dict[str, QLineEdit] = {}
    for name in settings:
        parameter = profile.parameters[name]  # type: ignore[union-attr]
        edit = named(QLineEdit(shown(getattr(values, name))), f"{name}_{index}")
        edit.setFixedWidth(FIELD_WIDTH)
        edit.setPlaceholderText(
            f"{format_number(parameter.minimum)}–{format_number(parameter.maximum)}"
        )
        edit.setAccessibleName(f"{parameter.label} ({parameter.unit}), row {index + 1}")
        edit.textEdited.connect(lambda _t, i=index: actions.edited(i))
        edit.editingFinished.connect(lambda i=index, n=name: actions.left(i, n))
        fields[name] = edit
    scans: dict[str, QComboBox] = {}
    for name, options in (
        ("scan_pattern", profile.scan.shapes if profile else ()),
        ("scan_size", profile.scan.sizes if profile else ()),
    ):
        combo = named(QComboBox(), f"{name}_{index}")
        combo.addItem("", "")
        for option in options:
            combo.addItem(option, option)
        current = getattr(values, name)
        if current and combo.findData(current) < 0:
            combo.addItem(current, current)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.setAccessibleName(f"{SCAN_FIELDS[name]}, row {index + 1}")
        combo.currentIndexChanged.connect(lambda _i, i=index: actions.edited(i))
        scans[name] = combo
    endpoint = _suggestions(f"endpoint_{index}", choices.endpoints, values.endpoint, actions)
    endpoint.lineEdit().setPlaceholderText(  # type: ignore[union-attr]
        QCoreApplication.translate("sessions.area_row", "Clinical endpoint")
    )
    reaction = _suggestions(f"reaction_{index}", choices.reactions, values.reaction, actions)
    reaction.lineEdit().setPlaceholderText(  # type: ignore[union-attr]
        QCoreApplication.translate("sessions.area_row", "Immediate skin reaction")
    )
    reason = named(QLineEdit(values.caution_ack_reason), f"reason_{index}")
    reason.setPlaceholderText(
        QCoreApplication.translate(
            "sessions.area_row", "Reason for going past the caution threshold (required)"
        )
    )
    reason.textEdited.connect(lambda _t, i=index: actions.edited(i))
    remove = named(QToolButton(), f"remove_{index}")
    remove.setText("✕")
    remove.setToolTip(QCoreApplication.translate("sessions.area_row", "Remove this area"))
    remove.setAccessibleName(f"Remove row {index + 1}")
    remove.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    remove.clicked.connect(lambda _c=False, i=index: actions.remove(i))
    area.currentIndexChanged.connect(lambda _i, i=index: actions.edited(i))

    message = named(QLabel(), f"message_{index}")
    message.setWordWrap(True)
    message.setTextFormat(Qt.TextFormat.RichText)
    message.setVisible(False)
    reason_label = QLabel(QCoreApplication.translate("sessions.area_row", "Reason:"))
    reason_label.setBuddy(reason)
    confirm = named(QCheckBox(CONFIRM_LABEL), f"confirm_{index}")
    confirm.setChecked(values.danger_confirmed)
    confirm.setAccessibleName(f"{CONFIRM_LABEL}, row {index + 1}")
    confirm.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    confirm.setVisible(False)
    row = AreaRow(
        area, fields, scans, endpoint, reaction, reason, remove, message, reason_label, confirm
    )

    def toggled(_checked: bool) -> None:
        row.confirmed_for = None  # the dangers shown now are the ones confirmed
        actions.edited(index)

    confirm.toggled.connect(toggled)
    return row


def _suggestions(name: str, items: Sequence[str], current: str, actions: RowActions) -> QComboBox:
    """An editable drop-down of suggested texts (endpoint, reaction); any text may be typed."""
    combo = named(QComboBox(), name)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItem("")
    combo.addItems(list(items))
    combo.setCurrentText(current)
    combo.lineEdit().textEdited.connect(lambda _t: actions.changed())  # type: ignore[union-attr]
    combo.currentIndexChanged.connect(lambda _i: actions.changed())
    return combo
