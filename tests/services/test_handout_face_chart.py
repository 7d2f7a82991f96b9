"""Issue 15: the post-care handout of a recorded session prints "Areas treated today", the face
chart with the session's areas shaded and named (read back from the PDF)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader
from reportlab.lib.colors import HexColor
from reportlab.lib.rl_accel import fp_str
from test_handouts import PHONE, T, text_of

from clinic_app.domain.face_chart import INTENSITY_SHADES, load_face_chart_texts
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.models import SessionArea, TreatmentSession
from clinic_app.services.handouts import handout_documents, handouts
from clinic_app.services.patients import patients
from clinic_app.services.settings import clinic
from clinic_app.services.settings.clinic import ClinicDetails


@pytest.fixture
def patient(database, actor) -> int:
    with database.session() as session:
        clinic.save(session, actor, ClinicDetails(name="Clínica Piel", phone=PHONE))
        fields = PatientFields(
            first_name="Zoë", last_name="Núñez", date_of_birth=dt.date(1980, 3, 14)
        )
        return patients.create(session, actor, fields).id


def _session(session, patient_id: int, intensity: str, *areas: SessionArea) -> int:
    treatment = TreatmentSession(
        patient_id=patient_id,
        performed_at=dt.datetime(2026, 12, 1, 15, 30, tzinfo=dt.UTC),
        device_profile_id="generic-fractional-co2",
        intensity=intensity,
    )
    treatment.areas = list(areas)
    session.add(treatment)
    session.flush()
    return treatment.id


def test_the_post_care_handout_prints_the_chart_of_the_areas_treated_today(
    database, actor, patient
) -> None:
    heading = load_face_chart_texts().handout_heading
    with database.session() as session:
        treatment_id = _session(
            session,
            patient,
            "moderate",
            SessionArea(area="periorbital", position=0),
            SessionArea(area="neck", position=1),
            SessionArea(area="hands", position=2),
        )
        prepared = handouts.prepare_post_care_for_session(session, treatment_id, today=T, tz=dt.UTC)
        handout = handout_documents.generate(session, actor, prepared)
    chart = prepared.content.face_chart
    assert chart is not None and chart.heading == heading == "Areas treated today"
    assert chart.areas == (
        ("neck", "Neck", "moderate"),
        ("hands", "Backs of the hands", "moderate"),
        ("periorbital", "Around the eyes", "moderate"),
    )
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(handout.pdf)).pages]
    [page] = [text for text in pages if heading in text]
    for name in ("Around the eyes", "Neck", "Backs of the hands", "Right side", "Front"):
        assert name in page
    assert "Forehead" not in page  # only the treated areas are named
    # The region is filled in the intensity's shade: its colour is in the page's drawing.
    number = pages.index(page)
    stream = PdfReader(io.BytesIO(handout.pdf)).pages[number].get_contents().get_data()
    shade = HexColor(INTENSITY_SHADES["moderate"])
    assert f"{fp_str(shade.red, shade.green, shade.blue)} rg".encode() in stream


def test_a_full_face_session_shades_each_face_area_and_no_area_prints_no_chart(
    database, actor, patient
) -> None:
    with database.session() as session:
        full = _session(session, patient, "", SessionArea(area="full_face", position=0,
                                                              energy_mj=None))  # fmt: skip
        none = _session(session, patient, "deep")
        with_face = handouts.prepare_post_care_for_session(session, full, today=T, tz=dt.UTC)
        without = handouts.prepare_post_care_for_session(session, none, today=T, tz=dt.UTC)
    chart = with_face.content.face_chart
    assert chart is not None
    assert {area for area, _name, _shade in chart.areas} == {
        "forehead", "cheeks", "nose", "chin", "perioral"
    }  # fmt: skip
    assert {shade for _area, _name, shade in chart.areas} == {"treated"}  # no intensity, no energy
    assert without.content.face_chart is None
    assert "Areas treated today" not in text_of(without.render())
