"""The treated areas of a session: one row per area with the device's settings.

Each value is checked as it is typed: a value the device refuses is marked at its field with the
allowed range; a value past the area's caution threshold is marked and asks for a reason; a value
that differs from last session is highlighted, with last session's value under it and in its
tooltip.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from clinic_app.domain.sessions.device_profile import AREAS, DeviceProfile, Parameter, format_number
from clinic_app.domain.sessions.session_record import (
    SETTINGS,
    AreaSettings,
    area_label,
    changed_from,
    check_area,
)
from clinic_app.domain.sessions.settings_check import SCAN_FIELDS, SettingsCheck
from clinic_app.services.sessions.session_resources import SessionResources
from clinic_app.ui.common.widget_names import named
from clinic_app.ui.sessions.styles import (
    CAUTION_COLOUR,
    DANGER_COLOUR,
    ERROR_COLOUR,
    escape,
    set_flag,
)

FIELD_WIDTH = 70
ROW_SPAN = 6  # grid rows per area: settings, 'was', endpoint, messages, reason, rule


def area_descriptions(resources: SessionResources) -> dict[str, str]:
    """Area -> the wording of the screening form ("Perioral (around the mouth)")."""
    question = resources.rules.question("treatment_areas")
    if question is None:
        return {}
    return {choice.value: choice.label for choice in question.choices}


def parse_number(text: str) -> float | None:
    """ "12,5" -> 12.5; "" -> None; ValueError for anything else."""
    cleaned = text.strip().replace(",", ".")
    if not cleaned:
        return None
    return float(cleaned)


def shown(value: object, parameter: Parameter | None = None) -> str:
    """A stored value as the editor writes it: 12.0 -> "12", None -> "" ."""
    if value is None:
        return ""
    if isinstance(value, float | int) and not isinstance(value, bool):
        return format_number(float(value))
    return str(value)


def quantity(value: object, parameter: Parameter | None) -> str:
    if value is None or value == "":
        return "empty"
    if parameter is not None and isinstance(value, float | int):
        return parameter.quantity(float(value))
    return str(value)


def _lock(widget: QWidget, read_only: bool) -> None:
    """Line edits stay readable and selectable when locked; drop-downs are disabled."""
    if isinstance(widget, QLineEdit):
        widget.setReadOnly(read_only)
    else:
        widget.setEnabled(not read_only)


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
    was: dict[str, QLabel] = field(default_factory=dict)
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
            self.reason,
        ]


class AreasEditor(QWidget):
    """The area rows of one device profile; emits ``changed`` on every edit."""

    changed = Signal()
    rebuilt = Signal()  # rows were recreated: the tab order must be set again

    def __init__(
        self,
        descriptions: Mapping[str, str],
        endpoints: Sequence[str] = (),
        reactions: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._descriptions = {area: descriptions.get(area, area_label(area)) for area in AREAS}
        self._endpoints = tuple(endpoints)
        self._reactions = tuple(reactions)
        self.profile: DeviceProfile | None = None
        self.rows: list[AreaRow] = []
        self.read_only = False
        self._baseline: dict[str, AreaSettings] = {}
        self._baseline_name = "last session"
        self._show_all = False
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(6)
        self._grid.setVerticalSpacing(2)
        self._filling = False

    # ---- structure -------------------------------------------------------------------------
    @property
    def settings(self) -> list[str]:
        return [name for name in SETTINGS if self.profile and name in self.profile.parameters]

    def set_profile(self, profile: DeviceProfile | None) -> None:
        """Show the settings of ``profile``; values of settings it lacks are dropped."""
        values = self.values()[0] if self.rows else []
        self.profile = profile
        self._rebuild(values)

    def set_areas(self, areas: Sequence[AreaSettings]) -> None:
        self._rebuild(list(areas))

    def set_baseline(self, areas: Sequence[AreaSettings], name: str) -> None:
        """Compare every value with ``areas`` (last session, or the amended original)."""
        self._baseline = {a.area: a for a in areas}
        self._baseline_name = name
        for index in range(len(self.rows)):
            self._refresh(index)

    def add_area(self, area: str = "") -> AreaRow:
        values = self.values()[0]
        values.append(AreaSettings(area=area))
        self._rebuild(values)
        row = self.rows[-1]
        row.area.setFocus()
        self.changed.emit()
        return row

    def remove_area(self, index: int) -> None:
        values = self.values()[0]
        del values[index]
        self._rebuild(values)
        if self.rows:
            self.rows[min(index, len(self.rows) - 1)].area.setFocus()
        self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        for row in self.rows:
            for widget in row.inputs():
                _lock(widget, read_only)
            row.remove.setVisible(not read_only)
            self._refresh(self.rows.index(row))

    def _clear(self) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.rows = []

    def _rebuild(self, values: Sequence[AreaSettings]) -> None:
        self._filling = True
        self._clear()
        columns = self.settings
        headers = ["Area"]
        for name in columns:
            parameter = self.profile.parameters[name]  # type: ignore[union-attr]
            unit = "per spot" if name == "stack" else parameter.unit
            headers.append(parameter.label if name == "passes" else f"{parameter.label}\n{unit}")
        headers += ["Scan\npattern", "Scan\nsize"]
        for column, text in enumerate(headers):
            label = QLabel(text)
            label.setProperty("role", "header")
            self._grid.addWidget(label, 0, column, Qt.AlignmentFlag.AlignBottom)
        for index, area in enumerate(values):
            self._add_row(index, area)
        self._grid.setColumnStretch(len(headers) + 1, 1)
        self._filling = False
        for index in range(len(self.rows)):
            self._refresh(index)
        self.rebuilt.emit()

    def _add_row(self, index: int, values: AreaSettings) -> None:
        profile = self.profile
        base = 1 + index * ROW_SPAN
        area = named(QComboBox(), f"area_{index}")
        area.addItem("— area —", "")
        for key, description in self._descriptions.items():
            area.addItem(area_label(key), key)
            area.setItemData(area.count() - 1, description, Qt.ItemDataRole.ToolTipRole)
        if values.area and area.findData(values.area) < 0:
            area.addItem(area_label(values.area), values.area)
        area.setCurrentIndex(max(0, area.findData(values.area)))
        area.setMinimumWidth(120)
        area.setAccessibleName(f"Area of row {index + 1}")
        fields: dict[str, QLineEdit] = {}
        for name in self.settings:
            parameter = profile.parameters[name]  # type: ignore[union-attr]
            edit = named(QLineEdit(shown(getattr(values, name))), f"{name}_{index}")
            edit.setFixedWidth(FIELD_WIDTH)
            edit.setPlaceholderText(
                f"{format_number(parameter.minimum)}–{format_number(parameter.maximum)}"
            )
            edit.setAccessibleName(f"{parameter.label} ({parameter.unit}), row {index + 1}")
            edit.textEdited.connect(lambda _t, i=index: self._edited(i))
            edit.editingFinished.connect(lambda i=index, n=name: self._left(i, n))
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
            combo.currentIndexChanged.connect(lambda _i, i=index: self._edited(i))
            scans[name] = combo
        endpoint = self._suggestions(f"endpoint_{index}", self._endpoints, values.endpoint)
        endpoint.lineEdit().setPlaceholderText("Clinical endpoint")  # type: ignore[union-attr]
        reaction = self._suggestions(f"reaction_{index}", self._reactions, values.reaction)
        reaction.lineEdit().setPlaceholderText("Immediate skin reaction")  # type: ignore[union-attr]
        reason = named(QLineEdit(values.caution_ack_reason), f"reason_{index}")
        reason.setPlaceholderText("Reason for going past the caution threshold (required)")
        reason.textEdited.connect(lambda _t, i=index: self._edited(i))
        remove = named(QToolButton(), f"remove_{index}")
        remove.setText("✕")
        remove.setToolTip("Remove this area")
        remove.setAccessibleName(f"Remove row {index + 1}")
        remove.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        remove.clicked.connect(lambda _c=False, i=index: self.remove_area(i))
        area.currentIndexChanged.connect(lambda _i, i=index: self._edited(i))

        message = named(QLabel(), f"message_{index}")
        message.setWordWrap(True)
        message.setTextFormat(Qt.TextFormat.RichText)
        message.setVisible(False)
        reason_label = QLabel("Reason:")
        reason_label.setBuddy(reason)
        row = AreaRow(
            area, fields, scans, endpoint, reaction, reason, remove, message, reason_label
        )
        columns = len(self.settings) + 3
        self._grid.addWidget(area, base, 0)
        for column, edit in enumerate(fields.values(), start=1):
            self._grid.addWidget(edit, base, column)
        self._grid.addWidget(scans["scan_pattern"], base, columns - 2)
        self._grid.addWidget(scans["scan_size"], base, columns - 1)
        self._grid.addWidget(remove, base, columns)
        for column, name in enumerate([*fields, *scans], start=1):
            was = QLabel()
            was.setProperty("role", "was")
            was.setVisible(False)
            row.was[name] = was
            self._grid.addWidget(was, base + 1, column)
        split = max(2, columns // 2)
        self._grid.addWidget(endpoint, base + 2, 0, 1, split)
        self._grid.addWidget(reaction, base + 2, split, 1, columns - split)
        self._grid.addWidget(row.message, base + 3, 0, 1, columns)
        self._grid.addWidget(row.reason_label, base + 4, 0, Qt.AlignmentFlag.AlignRight)
        self._grid.addWidget(reason, base + 4, 1, 1, columns - 1)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        self._grid.addWidget(line, base + 5, 0, 1, columns + 1)
        for widget in row.inputs():
            _lock(widget, self.read_only)
        remove.setVisible(not self.read_only)
        self.rows.append(row)

    def _suggestions(self, name: str, items: Sequence[str], current: str) -> QComboBox:
        combo = named(QComboBox(), name)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItem("")
        combo.addItems(list(items))
        combo.setCurrentText(current)
        combo.lineEdit().textEdited.connect(lambda _t: self.changed.emit())  # type: ignore[union-attr]
        combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        return combo

    # ---- reading ---------------------------------------------------------------------------
    def _row_values(self, row: AreaRow) -> tuple[AreaSettings, dict[str, str]]:
        values: dict[str, object] = {}
        errors: dict[str, str] = {}
        for name, edit in row.fields.items():
            try:
                number = parse_number(edit.text())
            except ValueError:
                label = self.profile.parameters[name].label  # type: ignore[union-attr]
                errors[name] = f"{label}: '{edit.text().strip()}' is not a number."
                continue
            if number is not None and name in ("stack", "passes") and number.is_integer():
                values[name] = int(number)
            else:
                values[name] = number
        settings = AreaSettings(
            area=str(row.area.currentData() or ""),
            scan_pattern=str(row.scans["scan_pattern"].currentData() or ""),
            scan_size=str(row.scans["scan_size"].currentData() or ""),
            endpoint=row.endpoint.currentText().strip(),
            reaction=row.reaction.currentText().strip(),
            caution_ack_reason=row.reason.text().strip(),
            **values,  # type: ignore[arg-type]
        )
        return settings, errors

    def values(self) -> tuple[list[AreaSettings], dict[str, str]]:
        """The rows as typed, and the fields that are not numbers (key ``areas.<i>.<field>``)."""
        areas: list[AreaSettings] = []
        errors: dict[str, str] = {}
        for index, row in enumerate(self.rows):
            settings, row_errors = self._row_values(row)
            areas.append(settings)
            errors.update({f"areas.{index}.{name}": text for name, text in row_errors.items()})
        return areas, errors

    def raw_rows(self) -> list[dict[str, object]]:
        """Every row as shown, texts as typed, valid or not (for a form draft)."""
        return [
            {
                "area": str(row.area.currentData() or ""),
                "fields": {name: edit.text() for name, edit in row.fields.items()},
                "scan_pattern": str(row.scans["scan_pattern"].currentData() or ""),
                "scan_size": str(row.scans["scan_size"].currentData() or ""),
                "endpoint": row.endpoint.currentText(),
                "reaction": row.reaction.currentText(),
                "reason": row.reason.text(),
            }
            for row in self.rows
        ]

    def set_raw_rows(self, rows: Sequence[Mapping[str, object]]) -> None:
        """Show rows that ``raw_rows`` returned (for the current profile); emits ``changed``."""
        self._rebuild(
            [
                AreaSettings(
                    area=str(row.get("area", "")),
                    scan_pattern=str(row.get("scan_pattern", "")),
                    scan_size=str(row.get("scan_size", "")),
                    endpoint=str(row.get("endpoint", "")),
                    reaction=str(row.get("reaction", "")),
                    caution_ack_reason=str(row.get("reason", "")),
                )
                for row in rows
            ]
        )
        self._filling = True
        for widgets, row in zip(self.rows, rows, strict=True):
            fields = row.get("fields")
            for name, text in fields.items() if isinstance(fields, Mapping) else ():
                if name in widgets.fields:
                    widgets.fields[name].setText(str(text))
                    if str(text).strip():
                        widgets.touched.add(name)  # an invalid value shows its message
        self._filling = False
        for index in range(len(self.rows)):
            self._refresh(index)
        self.changed.emit()

    def has_values(self) -> bool:
        return any(a.settings() for a in self.values()[0])

    # ---- feedback --------------------------------------------------------------------------
    def _edited(self, index: int) -> None:
        if self._filling:
            return
        self._refresh(index)
        self.changed.emit()

    def _left(self, index: int, name: str) -> None:
        if index < len(self.rows):
            self.rows[index].touched.add(name)
            self._refresh(index)

    def show_errors(self, errors: Mapping[str, str]) -> None:
        """Show messages from a save attempt (keys ``areas.<i>.<field>``) on every row."""
        self._show_all = True
        for index, row in enumerate(self.rows):
            prefix = f"areas.{index}."
            row.service_errors = {
                key[len(prefix) :]: text for key, text in errors.items() if key.startswith(prefix)
            }
            self._refresh(index)

    def first_error_widget(self) -> QWidget | None:
        for row in self.rows:
            for name in row.service_errors:
                if name in row.fields:
                    return row.fields[name]
                if name == "caution_ack_reason":
                    return row.reason
                if name == "area":
                    return row.area
        return None

    def check(self, index: int) -> SettingsCheck | None:
        if self.profile is None or index >= len(self.rows):
            return None
        settings, _errors = self._row_values(self.rows[index])
        if not settings.area:
            return None
        return check_area(self.profile, settings)

    def _refresh(self, index: int) -> None:
        if self._filling or index >= len(self.rows):
            return
        row = self.rows[index]
        settings, parse_errors = self._row_values(row)
        check = self.check(index)
        visible = set(row.fields) if self._show_all else row.touched
        refusals: dict[str, str] = {}
        for name, text in parse_errors.items():
            if name in visible:
                refusals[name] = text
        if check is not None:
            for refusal in check.refusals:
                if refusal.field in visible or refusal.field in SCAN_FIELDS:
                    refusals.setdefault(refusal.field, refusal.message)
        for name, text in row.service_errors.items():
            if name in row.fields and name not in parse_errors:
                # a later edit may have fixed it: keep only what the check still refuses
                still = check is not None and check.refusals_for(name)
                if still:
                    refusals.setdefault(name, text)
        cautions = check.cautions if check is not None else ()
        caution_fields = {f for c in cautions for f in c.fields}
        for name, widget in [*row.fields.items(), *row.scans.items()]:
            set_flag(widget, "invalid", name in refusals)
            set_flag(widget, "caution", name in caution_fields and name not in refusals)
        lines = [
            f'<span style="color:{ERROR_COLOUR}">✖ {escape(text)}</span>'
            for text in refusals.values()
        ]
        if row.service_errors.get("area"):
            lines.append(
                f'<span style="color:{ERROR_COLOUR}">✖ {escape(row.service_errors["area"])}</span>'
            )
        for caution in cautions:
            if caution.level == "danger":
                lines.append(
                    f'<span style="color:{DANGER_COLOUR}; font-weight:bold">⚠ '
                    f"{escape(caution.text)}</span>"
                )
            else:
                lines.append(
                    f'<span style="color:{CAUTION_COLOUR}">▲ {escape(caution.message)}</span>'
                )
        reason_missing = bool(cautions) and not settings.caution_ack_reason
        if reason_missing and (self._show_all or "caution_ack_reason" in row.service_errors):
            lines.append(
                f'<span style="color:{ERROR_COLOUR}">✖ Write the reason for going past '
                f"{'this caution' if len(cautions) == 1 else 'these cautions'} below.</span>"
            )
        row.message.setText("<br>".join(lines))
        row.message.setVisible(bool(lines))
        row.reason.setVisible(bool(cautions) or bool(settings.caution_ack_reason))
        row.reason_label.setVisible(row.reason.isVisibleTo(self))
        set_flag(row.reason, "invalid", reason_missing and self._show_all)
        self._highlight(row, settings)

    def _highlight(self, row: AreaRow, settings: AreaSettings) -> None:
        previous = self._baseline.get(settings.area)
        changed = changed_from(previous, settings)
        for name, widget in [*row.fields.items(), *row.scans.items()]:
            parameter = self.profile.parameters.get(name) if self.profile else None
            differs = name in changed
            set_flag(widget, "changed", differs)
            tip = self._field_tip(name, parameter)
            was = row.was[name]
            if differs:
                old = quantity(changed[name], parameter)
                was.setText(f"was {old}")
                tip += f"\nDiffers from the {self._baseline_name}: {old} then."
            elif previous is not None:
                tip += f"\nSame as the {self._baseline_name}."
            was.setVisible(differs)
            widget.setToolTip(tip)

    def _field_tip(self, name: str, parameter: Parameter | None) -> str:
        if parameter is None:
            return SCAN_FIELDS.get(name, name)
        return (
            f"{parameter.label}: {parameter.range_text} in steps of "
            f"{format_number(parameter.step)}; default {parameter.quantity(parameter.default)}.\n"
            f"Source: {parameter.source}"
        )

    def changed_count(self) -> int:
        """How many values differ from the baseline (all rows)."""
        return sum(len(changed_from(self._baseline.get(a.area), a)) for a in self.values()[0])

    def tab_chain(self) -> list[QWidget]:
        return [widget for row in self.rows for widget in row.inputs()]
