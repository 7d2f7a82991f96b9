"""The session editor's face chart: the treated areas shaded, a click adds or removes a row.

A click on an area without a row adds one for it (the focus goes to its first setting); a click
on an area whose row is empty removes that row; a row that holds anything typed (a setting, a
scan choice, an endpoint, a reaction, a reason) is removed only after the person confirms, so
typed settings are never lost silently. Areas are shaded by the session's intensity, else by
each area's energy within the device's range (clinic_app.domain.sessions.face_chart.area_shades;
docs/face-chart.md). Read-only for a signed session.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from clinic_app.domain.care.care_kinds import INTENSITIES
from clinic_app.domain.face_chart import ENERGY_SHADES, SHADE_COLOURS, FaceChartTexts
from clinic_app.domain.sessions.face_chart import area_shades
from clinic_app.services.sessions.session_resources import SessionResources
from clinic_app.ui.common.face_chart import FaceChartWidget
from clinic_app.ui.common.widget_names import named
from clinic_app.ui.sessions.area_row import AreaRow
from clinic_app.ui.sessions.area_rows import AreasEditor
from clinic_app.ui.sessions.styles import set_role

# Asked before a row with typed values is removed: (title, text, yes) -> True to remove.
Confirm = Callable[[str, str, str], bool]

CHART_HEIGHT = 200


def typed_values(row: AreaRow) -> list[str]:
    """What the person typed or chose in ``row`` besides its area (empty: nothing to lose)."""
    raw = row.raw()
    fields = raw.get("fields")
    texts = [str(v).strip() for v in fields.values()] if isinstance(fields, dict) else []
    texts += [str(raw.get(name, "")).strip() for name in ("scan_pattern", "scan_size")]
    texts += [str(raw.get(name, "")).strip() for name in ("endpoint", "reaction", "reason")]
    if raw.get("confirmed") is True:
        texts.append("confirmed")
    return [text for text in texts if text]


class FaceChartPanel(QWidget):
    """The chart over the area rows of ``areas``, shaded for the session's ``intensity``."""

    def __init__(
        self,
        areas: AreasEditor,
        intensity: QComboBox,
        resources: SessionResources,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("face_chart_panel")
        self.areas = areas
        self.intensity = intensity
        self.confirm: Confirm | None = None  # without one, a row with typed values stays
        self.texts: FaceChartTexts = resources.face_chart_texts
        self.chart = FaceChartWidget(resources.face_chart, self.texts, self)
        self.chart.setMinimumHeight(CHART_HEIGHT - 40)
        self.chart.setMaximumHeight(CHART_HEIGHT)
        self.legend = named(QLabel(), "face_chart_legend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        set_role(self.legend, "hint")
        self.hint = named(QLabel(self.texts.legend.get("hint", "")), "face_chart_hint")
        set_role(self.hint, "hint")
        under = QHBoxLayout()
        under.addWidget(self.legend, 1)
        under.addWidget(self.hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.chart, 1)
        layout.addLayout(under)
        self.chart.area_clicked.connect(self.toggle)
        areas.changed.connect(self.refresh)
        areas.rebuilt.connect(self.refresh)
        intensity.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh()

    def set_read_only(self, read_only: bool) -> None:
        self.chart.set_read_only(read_only)
        self.hint.setVisible(not read_only)

    # ---- what the chart shows --------------------------------------------------------------
    def shades(self) -> dict[str, str]:
        """Area -> shade key, for the rows as typed."""
        rows = [(a.area, a.settings()) for a in self.areas.values()[0]]
        return area_shades(str(self.intensity.currentData() or ""), rows, self.areas.profile)

    def refresh(self) -> None:
        shades = self.shades()
        self.chart.set_shades(shades)
        intensity = str(self.intensity.currentData() or "")
        keys = [intensity] if intensity in INTENSITIES else list(ENERGY_SHADES)
        if any(key == "treated" for key in shades.values()):
            keys.append("treated")
        legend = self.texts.legend
        self.legend.setText(
            "&nbsp;&nbsp;".join(
                f'<span style="color:{SHADE_COLOURS[key]}; font-size: 14pt;">■</span>&nbsp;'
                f"{legend.get(key, key)}"
                for key in keys
            )
        )

    # ---- clicks ----------------------------------------------------------------------------
    def row_index(self, area: str) -> int | None:
        """The index of the first row for ``area``, or None."""
        for index, settings in enumerate(self.areas.values()[0]):
            if settings.area == area:
                return index
        return None

    def toggle(self, area: str) -> None:
        """Add a row for ``area``, or remove its row (asking first if it holds typed values)."""
        if self.areas.read_only:
            return
        index = self.row_index(area)
        if index is None:
            row = self.areas.add_area(area)
            first = next(iter(row.fields.values()), None)
            # The new row is shown by the next turn of the event loop; focus it then.
            QTimer.singleShot(0, (first or row.area).setFocus)
            return
        typed = typed_values(self.areas.rows[index])
        if typed:
            name = self.texts.label(area)
            confirm = self.confirm
            if confirm is None or not confirm(
                self.tr("Remove {area}?").format(area=name),
                self.tr(
                    "The row of {area} holds values you typed ({values}). Remove the row and "
                    "lose them?"
                ).format(area=name, values=", ".join(typed)),
                self.tr("Remove"),
            ):
                return
        self.areas.remove_area(index)
