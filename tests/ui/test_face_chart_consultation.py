"""Issue 15: the face chart on the consultation's areas page. A real click on a region ticks
the plan's area, a click again unticks it; "Full face" shades its areas, and a click on one of
them keeps the others."""

from __future__ import annotations

from consultation_samples import complete_document
from PySide6.QtCore import Qt
from test_consultation_wizard import fill_to, open_wizard, patient_id  # noqa: F401

from clinic_app.ui.consultation.areas_chart import AreasChart


def click(qtbot, chart: AreasChart, area: str) -> None:
    point = chart.area_point(area).toPoint()
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=point)


def test_a_click_on_the_chart_ticks_and_unticks_the_plan_s_area(
    qtbot,
    window,
    patient_id,  # noqa: F811
) -> None:
    wizard = open_wizard(qtbot, window, patient_id)
    document = complete_document(wizard.content, treatment_areas=["neck"])
    fill_to(wizard, document, "areas")
    page = wizard.currentPage()
    page.load(document)
    chart = page.face_chart
    assert isinstance(chart, AreasChart) and chart.isVisible()
    boxes = page.answers["treatment_areas"].boxes
    assert chart.shades == {"neck": "planned"}

    click(qtbot, chart, "periorbital")
    assert boxes["periorbital"].isChecked()
    assert set(chart.shades) == {"neck", "periorbital"}
    click(qtbot, chart, "neck")
    assert not boxes["neck"].isChecked() and set(chart.shades) == {"periorbital"}

    boxes["full_face"].setChecked(True)
    assert set(chart.shades) == {"periorbital", "forehead", "cheeks", "nose", "chin", "perioral"}
    click(qtbot, chart, "nose")  # out of the full face: the other face areas stay
    ticked = {value for value, box in boxes.items() if box.isChecked()}
    assert ticked == {"periorbital", "forehead", "cheeks", "chin", "perioral"}
    assert "nose" not in chart.shades
