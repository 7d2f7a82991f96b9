"""The session history's face chart: the areas of the session selected in the table, shaded
as the editor shades them (intensity, else energy; docs/face-chart.md). Read-only."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from clinic_app.domain.face_chart import SHADE_COLOURS
from clinic_app.services.sessions.session_history import HistoryRow
from clinic_app.services.sessions.session_resources import SessionResources
from clinic_app.ui.common.face_chart import FaceChartWidget
from clinic_app.ui.common.widget_names import named
from clinic_app.ui.sessions.styles import set_role

HEIGHT = 170


class HistoryFaceChart(QWidget):
    """The chart of one session of the history, with a line saying which one."""

    def __init__(self, resources: SessionResources, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("history_face_chart")
        texts = resources.face_chart_texts
        self.chart = FaceChartWidget(resources.face_chart, texts, self)
        self.chart.set_read_only(True)
        chart = resources.face_chart
        self.chart.setFixedSize(int(HEIGHT * chart.width / chart.height), HEIGHT)
        self.legend = named(QLabel(), "history_face_chart_legend")
        set_role(self.legend, "hint")
        self.legend.setWordWrap(True)
        self._texts = texts
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.chart)
        layout.addSpacing(16)
        layout.addWidget(self.legend, 1)

    def show_row(self, row: HistoryRow | None, when: str = "") -> None:
        """Shade the areas of ``row`` (None: nothing selected)."""
        shades = dict(row.shades) if row is not None else {}
        self.chart.set_shades(shades)
        legend = self._texts.legend
        keys = list(dict.fromkeys(shades.values()))
        lines = [
            f'<span style="color:{SHADE_COLOURS.get(key, SHADE_COLOURS["treated"])}; '
            f'font-size: 14pt;">■</span>&nbsp;{legend.get(key, key)}'
            for key in keys
        ]
        title = self.tr("Areas of the session of {when}").format(when=when) if when else ""
        self.legend.setText("<br>".join([f"<b>{title}</b>", *lines]) if row else "")
