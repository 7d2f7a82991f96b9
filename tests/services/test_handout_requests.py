"""What the window asks before a handout: defaults from the latest consultation, and dispatch."""

from __future__ import annotations

import datetime as dt

import pytest

from clinic_app.domain.patient_rules import PatientFields
from clinic_app.models import Consultation, TreatmentPlan, TreatmentSession
from clinic_app.services.handouts import handout_requests
from clinic_app.services.handouts.handout_requests import HandoutRequest
from clinic_app.services.patients import patients
from clinic_app.services.settings import clinic
from clinic_app.services.settings.clinic import ClinicDetails

TODAY = dt.date(2026, 11, 10)
T = dt.date(2026, 12, 1)


@pytest.fixture
def patient_id(database, actor) -> int:
    with database.session() as session:
        fields = PatientFields(
            first_name="Ana", last_name="Alba", date_of_birth=dt.date(1980, 1, 1)
        )
        return patients.create(session, actor, fields).id


def plan(database, patient_id: int, treatment_date: dt.date, intensity: str) -> None:
    with database.session() as session:
        consultation = Consultation(
            patient_id=patient_id,
            status="completed",
            treatment_date=treatment_date,
            completed_at=dt.datetime(2026, 11, 2, 15, 0, tzinfo=dt.UTC),  # as completing sets it
        )
        consultation.plan = TreatmentPlan(intensity=intensity)
        session.add(consultation)


def test_without_a_consultation_every_pre_care_step_is_still_ahead(database, patient_id) -> None:
    with database.session() as session:
        defaults = handout_requests.defaults_for(session, patient_id, today=TODAY)
    assert defaults.patient_name == "Ana Alba"
    assert defaults.pre_care_date == TODAY + dt.timedelta(days=14)  # T-14 is the earliest step
    assert not defaults.pre_care_date_planned
    assert defaults.post_care_date == TODAY
    assert (defaults.intensity, defaults.intensity_planned) == ("moderate", False)
    assert defaults.intensity_labels == {"light": "Light", "moderate": "Moderate", "deep": "Deep"}


def test_the_plan_gives_the_date_and_intensity(database, patient_id) -> None:
    plan(database, patient_id, T, "deep")
    with database.session() as session:
        defaults = handout_requests.defaults_for(session, patient_id, today=TODAY)
        later = handout_requests.defaults_for(session, patient_id, today=T + dt.timedelta(days=1))
    assert (defaults.pre_care_date, defaults.pre_care_date_planned) == (T, True)
    assert (defaults.intensity, defaults.intensity_planned) == ("deep", True)
    # A planned date already past is not proposed for pre-care.
    assert not later.pre_care_date_planned and later.pre_care_date > T


def test_clinic_ready_needs_the_details(database, actor) -> None:
    with database.session() as session:
        assert not handout_requests.clinic_ready(session)
        clinic.save(session, actor, ClinicDetails(name="Skin Studio", phone="020 7946 0000"))
        assert handout_requests.clinic_ready(session)


def test_prepare_dispatches_each_kind(database, actor, patient_id) -> None:
    with database.session() as session:
        clinic.save(session, actor, ClinicDetails(name="Skin Studio", phone="020 7946 0000"))
        treatment = TreatmentSession(
            patient_id=patient_id,
            performed_at=dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC),
            device_profile_id="generic-fractional-co2",
            intensity="deep",
        )
        session.add(treatment)
        session.flush()
        pre = handout_requests.prepare(session, HandoutRequest.pre_care(patient_id, T), today=TODAY)
        post = handout_requests.prepare(
            session, HandoutRequest.post_care(patient_id, T, "light"), today=TODAY
        )
        for_session = handout_requests.prepare(
            session, HandoutRequest.post_care_for_session(treatment.id), today=TODAY
        )
    assert pre.kind == "pre_care" and pre.treatment_date == T
    # Only a prescription recorded on the consultation prints the antiviral step.
    assert [entry.item_id for entry in pre.content.personal_items] == []
    assert post.kind == "post_care" and post.content.intensity == "light"
    assert for_session.session_id == treatment.id and for_session.content.intensity == "deep"


def test_make_is_the_whole_use_case_for_the_command_line(database, actor, patient_id) -> None:
    """Prepared as the window prepares it, rendered and recorded in the caller's transaction."""
    from clinic_app.services.errors import NotFoundError
    from clinic_app.services.handouts import handout_documents

    with database.session() as session:
        clinic.save(session, actor, ClinicDetails(name="Skin Studio", phone="020 7946 0000"))
        treatment = TreatmentSession(
            patient_id=patient_id,
            performed_at=dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC),
            device_profile_id="generic-fractional-co2",
            intensity="deep",
        )
        session.add(treatment)
        session.flush()
        request = HandoutRequest.post_care_for_session(treatment.id)
        assert handout_requests.patient_of(session, request) == patient_id
        made = handout_requests.make(session, actor, request, today=TODAY)
        with pytest.raises(NotFoundError, match="no treatment session #2147483649"):
            handout_requests.patient_of(session, HandoutRequest.post_care_for_session(2**31 + 1))
    assert made.overridden == ()
    assert made.suggested_filename.endswith(".pdf") and made.handout.pdf.startswith(b"%PDF")
    with database.session() as session:
        [stored] = handout_documents.documents_of(session, patient_id)
    assert (stored.id, stored.kind) == (made.handout.info.id, "post_care")
