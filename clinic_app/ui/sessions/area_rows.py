"""The treated areas of a session: the table of area rows, one row per area.

Rows are rebuilt for the device's settings; each value is checked as it is typed. One row's
widgets are built in clinic_app.ui.sessions.area_row, what its check says is shown by
area_feedback, and the values that differ from last session are highlighted by area_differences.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from clinic_app.domain.reasons import ReasonPolicy
from clinic_app.domain.sessions.device_profile import AREAS, DeviceProfile
from clinic_app.domain.sessions.session_record import (
    SETTINGS,
    AreaSettings,
    area_label,
    changed_from,
    check_area,
)
from clinic_app.domain.sessions.settings_check import CheckContext, SettingsCheck
from clinic_app.services.sessions.session_resources import SessionResources
from clinic_app.ui.sessions.area_differences import highlight_differences
from clinic_app.ui.sessions.area_feedback import show_check
from clinic_app.ui.sessions.area_row import (
    ROW_SPAN,
    AreaRow,
    RowActions,
    RowChoices,
    build_area_row,
    settings_from_raw,
)
from clinic_app.ui.sessions.styles import set_role


def area_descriptions(resources: SessionResources) -> dict[str, str]:
    """Area -> the wording of the screening form ("Perioral (around the mouth)")."""
    question = resources.rules.question("treatment_areas")
    if question is None:
        return {}
    return {choice.value: choice.label for choice in question.choices}


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
        self._choices = RowChoices(
            {area: descriptions.get(area, area_label(area)) for area in AREAS},
            tuple(endpoints),
            tuple(reactions),
        )
        self.profile: DeviceProfile | None = None
        self.rows: list[AreaRow] = []
        self.read_only = False
        self._baseline: dict[str, AreaSettings] = {}
        self._baseline_name = self.tr("last session")
        self._show_all = False
        self._context = CheckContext()
        self._policy: ReasonPolicy | None = None
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(6)
        self._grid.setVerticalSpacing(2)
        self._filling = False
        # Called after each row is built (the editor's responsive_steps while it opens).
        self.pause: Callable[[], None] = lambda: None

    @property
    def is_filling(self) -> bool:
        """Whether the rows are being built (a form draft written now would miss some)."""
        return self._filling

    # ---- structure -------------------------------------------------------------------------
    @property
    def settings(self) -> list[str]:
        """The device settings shown as columns, in the order of the session record."""
        return [name for name in SETTINGS if self.profile and name in self.profile.parameters]

    def set_profile(self, profile: DeviceProfile | None) -> None:
        """Show the settings of ``profile``; values of settings it lacks are dropped."""
        values = self.values()[0] if self.rows else []
        self.profile = profile
        self._rebuild(values)

    def set_checking(self, context: CheckContext, policy: ReasonPolicy | None = None) -> None:
        """Check every row for ``context`` (the skin type, the recorded intensity) and the
        reason floors of ``policy``."""
        if context == self._context and policy is self._policy:
            return
        self._context = context
        self._policy = policy
        for index in range(len(self.rows)):
            self._refresh(index)

    def set_areas(self, areas: Sequence[AreaSettings]) -> None:
        """Show one row per area of ``areas``, replacing the rows shown."""
        self._rebuild(list(areas))

    def set_baseline(self, areas: Sequence[AreaSettings], name: str) -> None:
        """Compare every value with ``areas`` (last session, or the amended original)."""
        self._baseline = {a.area: a for a in areas}
        self._baseline_name = name
        for index in range(len(self.rows)):
            self._refresh(index)

    def add_area(self, area: str = "") -> AreaRow:
        """Add an empty row (for ``area``, if given) and move the focus to it."""
        values = self.values()[0]
        values.append(AreaSettings(area=area))
        self._rebuild(values)
        row = self.rows[-1]
        row.area.setFocus()
        self.changed.emit()
        return row

    def remove_area(self, index: int) -> None:
        """Remove row ``index``; the focus moves to the row now in its place."""
        values = self.values()[0]
        del values[index]
        self._rebuild(values)
        if self.rows:
            self.rows[min(index, len(self.rows) - 1)].area.setFocus()
        self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        """Lock every row (a signed session), or unlock them."""
        self.read_only = read_only
        for row in self.rows:
            row.set_read_only(read_only)
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
        headers = [self.tr("Area")]
        for name in columns:
            parameter = self.profile.parameters[name]  # type: ignore[union-attr]
            unit = self.tr("per spot") if name == "stack" else parameter.unit
            headers.append(parameter.label if name == "passes" else f"{parameter.label}\n{unit}")
        headers += [self.tr("Scan\npattern"), self.tr("Scan\nsize")]
        for column, text in enumerate(headers):
            label = QLabel(text)
            set_role(label, "header")
            self._grid.addWidget(label, 0, column, Qt.AlignmentFlag.AlignBottom)
        for index, area in enumerate(values):
            self._add_row(index, area)
            self.pause()
        self._grid.setColumnStretch(len(headers) + 1, 1)
        self._filling = False
        for index in range(len(self.rows)):
            self._refresh(index)
        self.rebuilt.emit()

    def _add_row(self, index: int, values: AreaSettings) -> None:
        actions = RowActions(self._edited, self._left, self.remove_area, self.changed.emit)
        row = build_area_row(index, values, self.profile, self.settings, self._choices, actions)
        row.place(self._grid, 1 + index * ROW_SPAN, len(self.settings) + 3)
        row.set_read_only(self.read_only)
        self.rows.append(row)

    # ---- reading ---------------------------------------------------------------------------
    def values(self) -> tuple[list[AreaSettings], dict[str, str]]:
        """The rows as typed, and the fields that are not numbers (key ``areas.<i>.<field>``)."""
        areas: list[AreaSettings] = []
        errors: dict[str, str] = {}
        for index, row in enumerate(self.rows):
            settings, row_errors = row.read(self.profile)
            areas.append(settings)
            errors.update({f"areas.{index}.{name}": text for name, text in row_errors.items()})
        return areas, errors

    def raw_rows(self) -> list[dict[str, object]]:
        """Every row as shown, texts as typed, valid or not (for a form draft)."""
        return [row.raw() for row in self.rows]

    def set_raw_rows(self, rows: Sequence[Mapping[str, object]]) -> None:
        """Show rows that ``raw_rows`` returned (for the current profile); emits ``changed``."""
        self._rebuild([settings_from_raw(row) for row in rows])
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
        """Whether any row has a setting typed in."""
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
        """The first field a save attempt refused, to put the focus on."""
        for row in self.rows:
            for name in row.service_errors:
                if name in row.fields:
                    return row.fields[name]
                if name == "danger_confirmed":
                    return row.confirm
                if name == "caution_ack_reason":
                    return row.reason if row.reason.isEnabled() else row.confirm
                if name == "area":
                    return row.area
        return None

    def check(self, index: int) -> SettingsCheck | None:
        """The device's check of row ``index``; None before an area is chosen."""
        if self.profile is None or index >= len(self.rows):
            return None
        settings, _errors = self.rows[index].read(self.profile)
        if not settings.area:
            return None
        return check_area(self.profile, settings, self._context)

    def _refresh(self, index: int) -> None:
        if self._filling or index >= len(self.rows):
            return
        row = self.rows[index]
        settings, parse_errors = row.read(self.profile)
        check = self.check(index)
        show_check(
            row,
            settings,
            parse_errors,
            check,
            show_all=self._show_all,
            owner=self,
            policy=self._policy,
        )
        previous = self._baseline.get(settings.area)
        highlight_differences(row, settings, previous, self.profile, self._baseline_name)

    def changed_count(self) -> int:
        """How many values differ from the baseline (all rows)."""
        return sum(len(changed_from(self._baseline.get(a.area), a)) for a in self.values()[0])

    def tab_chain(self) -> list[QWidget]:
        """The inputs of every row, in tab order."""
        return [widget for row in self.rows for widget in row.inputs()]
