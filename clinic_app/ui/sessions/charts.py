"""Charts (Qt Charts) of power, density and pulses per area across the signed sessions."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence

from PySide6.QtCharts import QBarCategoryAxis, QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from clinic_app.dates_format import day_month
from clinic_app.domain.sessions.session_record import area_label
from clinic_app.services.sessions.session_history import Chart
from clinic_app.ui.common.widget_names import named

# One colour per area, the same in every chart (Okabe-Ito: told apart with colour-blindness).
PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#f0e442")
COUNTS = frozenset({"stack", "passes"})


def axis_label(day: dt.date) -> str:
    """ "17 Nov<br>2025": a session's day under its point (axis labels take rich text)."""
    return f"{day_month(day)}<br>{day.year}"


def _value_axis(chart: Chart) -> QValueAxis:
    axis = QValueAxis()
    top = max((v for s in chart.series for v in s.values if v is not None), default=1.0)
    if chart.setting in COUNTS:
        upper = max(2, math.ceil(top) + 1)
        axis.setRange(0, upper)
        axis.setTickCount(upper + 1)
        axis.setLabelFormat("%d")
    else:
        axis.setRange(0, top * 1.15 if top > 0 else 1)
        axis.setTickCount(6)
        axis.applyNiceNumbers()
        axis.setLabelFormat("%g")
    return axis


def build_chart(chart: Chart, labels: Sequence[str], colours: Mapping[str, str]) -> QChart:
    """One chart: a line per area, the sessions along the bottom."""
    qchart = QChart()
    qchart.setTitle(chart.title)
    qchart.setMargins(QMargins(4, 4, 4, 4))
    qchart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    axis_x = QBarCategoryAxis()
    axis_x.append(list(labels))
    axis_y = _value_axis(chart)
    qchart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    qchart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    for series in chart.series:
        line = QLineSeries()
        line.setName(area_label(series.area))
        for position, value in enumerate(series.values):
            if value is not None:
                line.append(position, value)
        pen = QPen(QColor(colours[series.area]))
        pen.setWidth(2)
        line.setPen(pen)
        line.setPointsVisible(True)
        line.setMarkerSize(5)
        qchart.addSeries(line)
        line.attachAxis(axis_x)
        line.attachAxis(axis_y)
    return qchart


class SessionCharts(QWidget):
    """The three charts side by side, or a line saying there is nothing to draw yet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.views: list[QChartView] = []
        self.empty = named(QLabel(self.tr("No signed session to chart yet.")), "charts_empty")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.empty)

    def set_charts(self, charts: Sequence[Chart], labels: Sequence[str]) -> None:
        for view in self.views:
            self._layout.removeWidget(view)
            view.deleteLater()
        self.views = []
        drawable = [chart for chart in charts if chart.series] if labels else []
        self.empty.setVisible(not drawable)
        areas: list[str] = []
        for chart in drawable:
            for series in chart.series:
                if series.area not in areas:
                    areas.append(series.area)
        colours = {area: PALETTE[i % len(PALETTE)] for i, area in enumerate(areas)}
        for chart in drawable:
            view = named(QChartView(build_chart(chart, labels, colours)), f"chart_{chart.setting}")
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(300)
            self._layout.addWidget(view, 1)
            self.views.append(view)
