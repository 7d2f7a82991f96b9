"""The face chart on the consultation's areas page: the plan's areas shaded, a click ticks or
unticks an area of the "treatment_areas" question (docs/face-chart.md).

"Full face" stands for its areas: they show shaded while it is ticked, and a click on one of them
unticks "Full face" and ticks the others, so the click always removes what it points at.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from clinic_app.domain.face_chart import FaceChart, FaceChartTexts
from clinic_app.domain.sessions.device_profile import AREA_GROUPS, area_members
from clinic_app.ui.common.face_chart import FaceChartWidget
from clinic_app.ui.consultation.answer_widgets import MultiChoiceAnswer


class AreasChart(FaceChartWidget):
    """The chart bound to the multiple choice of the plan's areas."""

    def __init__(
        self,
        chart: FaceChart,
        texts: FaceChartTexts,
        answer: MultiChoiceAnswer,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(chart, texts, parent)
        self.setObjectName("consultation_face_chart")
        self.answer = answer
        self.setMaximumHeight(220)
        answer.changed.connect(self.refresh)
        self.area_clicked.connect(self.toggle)
        self.refresh()

    def ticked(self) -> list[str]:
        return [value for value, box in self.answer.boxes.items() if box.isChecked()]

    def refresh(self) -> None:
        areas = {member for value in self.ticked() for member in area_members(value)}
        self.set_shades(dict.fromkeys(areas, "planned"))

    def toggle(self, area: str) -> None:
        boxes = self.answer.boxes
        if not self.answer.isEnabled():
            return
        groups = [g for g, members in AREA_GROUPS.items() if area in members and g in boxes]
        for group in groups:
            if boxes[group].isChecked():  # the click takes this area out of the group
                boxes[group].setChecked(False)
                for member in AREA_GROUPS[group]:
                    if member in boxes:
                        boxes[member].setChecked(member != area)
                return
        if area in boxes:
            boxes[area].toggle()
