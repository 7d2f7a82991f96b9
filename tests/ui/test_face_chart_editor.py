"""Issue 15: the face chart in the session editor and the session history. A real click on an
area's region adds its row; a click again removes it when it is empty, and asks first when it
holds typed settings;
the shades follow the intensity, else the area's energy; the history shows the chart of the
selected session, read-only."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPointF, Qt
from session_factories import add_consultation, area, session_input
from sqlalchemy import select
from test_session_editor import Ctrl_Shift, open_editor, signed_session

from clinic_app.models import Consultation
from clinic_app.services.sessions import session_drafts, session_signing
from clinic_app.services.sessions.session_resources import load_resources
from clinic_app.ui.common.face_chart import FaceChartWidget
from clinic_app.ui.sessions.history import SessionHistoryDialog


@pytest.fixture
def patient(clinic_database, add_patients) -> int:
    [patient_id] = add_patients(clinic_database, [("Camille", "Laurent")])
    with clinic_database.session() as session:
        add_consultation(session, patient_id)
    return patient_id


def click(qtbot, chart: FaceChartWidget, area: str) -> None:
    point = chart.area_point(area).toPoint()
    assert chart.area_at(chart.area_point(area)) == area
    qtbot.mouseMove(chart, point)
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=point)


def row_areas(editor) -> list[str]:
    return [row.area.currentData() for row in editor.areas.rows]


def test_a_click_on_a_region_adds_its_row_and_a_click_again_removes_it(
    qtbot, window, dialogs, clinic_database, patient
) -> None:
    editor = open_editor(qtbot, window, patient)
    chart = editor.face_chart.chart
    assert chart.isVisible() and chart.height() >= 120
    assert row_areas(editor) == ["cheeks", "forehead", "neck"]
    assert set(chart.shades) == {"cheeks", "forehead", "neck"}

    click(qtbot, chart, "nose")
    assert row_areas(editor) == ["cheeks", "forehead", "neck", "nose"]
    assert chart.shades["nose"] == "moderate"  # the plan's intensity, shown in the editor
    first_setting = next(iter(editor.areas.rows[-1].fields.values()))
    qtbot.waitUntil(lambda: editor.focusWidget() is first_setting)

    click(qtbot, chart, "nose")  # nothing typed in it: removed without a question
    assert row_areas(editor) == ["cheeks", "forehead", "neck"]
    assert "nose" not in chart.shades
    assert dialogs.asked == []


def test_a_row_with_typed_settings_is_removed_only_when_the_person_confirms(
    qtbot, window, dialogs, clinic_database, patient
) -> None:
    editor = open_editor(qtbot, window, patient)
    chart = editor.face_chart.chart
    power = editor.areas.rows[0].fields["power_w"]
    qtbot.keyClicks(power, "12")

    dialogs.answers = [False]
    click(qtbot, chart, "cheeks")
    assert row_areas(editor) == ["cheeks", "forehead", "neck"]
    assert editor.areas.rows[0].fields["power_w"].text() == "12"
    assert "Remove Cheeks?" in dialogs.asked[0] and "12" in dialogs.asked[0]

    dialogs.answers = [True]
    click(qtbot, chart, "cheeks")
    assert row_areas(editor) == ["forehead", "neck"]
    assert len(dialogs.asked) == 2


def test_without_an_intensity_the_shades_follow_each_areas_energy(
    qtbot, window, dialogs, clinic_database, patient
) -> None:
    editor = open_editor(qtbot, window, patient)
    editor.intensity.setCurrentIndex(editor.intensity.findData(""))
    profile = editor.areas.profile
    assert profile is not None
    parameter = profile.parameters.get("energy_mj") or profile.parameters["power_w"]
    low, high = parameter.minimum, parameter.maximum
    editor.areas.rows[0].fields[parameter.name].setText(f"{low:g}")
    editor.areas.rows[1].fields[parameter.name].setText(f"{high:g}")
    editor.areas.changed.emit()
    assert editor.face_chart.chart.shades == {
        "cheeks": "energy_low",
        "forehead": "energy_high",
        "neck": "treated",  # nothing typed yet
    }
    assert "Low energy" in editor.face_chart.legend.text()

    editor.intensity.setCurrentIndex(editor.intensity.findData("deep"))
    assert set(editor.face_chart.chart.shades.values()) == {"deep"}
    assert "Deep" in editor.face_chart.legend.text()


def test_every_region_is_hit_where_it_is_drawn(qtbot, window, patient) -> None:
    editor = open_editor(qtbot, window, patient)
    chart = editor.face_chart.chart
    for name in chart.chart.areas:
        assert chart.area_at(chart.area_point(name)) == name
    corner = chart.drawing_transform().map(QPointF(0, 0))
    assert chart.area_at(corner) is None  # the background is no area


def test_the_history_shows_the_chart_of_the_selected_session(
    qtbot, window, actor, clinic_database, patient
) -> None:
    with clinic_database.session() as session:
        consultation = session.scalars(select(Consultation.id)).one()
    signed_session(clinic_database, actor, patient, consultation, intensity="deep")
    later = dt.datetime.now(dt.UTC) - dt.timedelta(days=2)
    resources = load_resources()
    with clinic_database.session() as session:
        data = session_input(
            patient,
            consultation_id=consultation,
            when=later,
            areas=(area("neck", power_w=8.0, dwell_us=400.0, spacing_um=600.0),),
        )
        draft = session_drafts.save(session, actor, data, resources)
        session_signing.sign(session, actor, draft.id, resources, expected_version=draft.version)

    window.open_patient(patient)
    qtbot.keyClick(window.patient_page.edit_button, Qt.Key.Key_H, Ctrl_Shift)
    history = window.sessions.history
    assert isinstance(history, SessionHistoryDialog)
    chart = history.face_chart.chart
    assert chart.isVisible() and chart.read_only
    assert chart.shades == {"neck": "energy_low"}  # no intensity: the neck's power, low
    assert "Low energy" in history.face_chart.legend.text()
    qtbot.keyClick(history.table, Qt.Key.Key_Down)
    assert chart.shades == {"cheeks": "deep"}
    assert "Deep" in history.face_chart.legend.text()
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=chart.area_point("nose").toPoint())
    assert chart.shades == {"cheeks": "deep"}  # read-only: a click changes nothing
