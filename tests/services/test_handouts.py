"""Handouts from the database: personalised, recorded with an audit event, reprinted exactly."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pytest
from consultation_samples import complete_document
from pypdf import PdfReader
from sqlalchemy import func, select

from clinic_app.domain.consultation.consultation_document import load_content
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.domain.screening.screening import load_rules
from clinic_app.models import (
    AuditEvent,
    Consultation,
    GeneratedDocument,
    ScreeningFinding,
    SessionArea,
    TreatmentPlan,
    TreatmentSession,
)
from clinic_app.reports.fonts import UnsupportedCharacterError
from clinic_app.services.clinical.clinical_picture import picture_of
from clinic_app.services.consultation import consultation_completion, consultation_drafts
from clinic_app.services.errors import NotFoundError, ValidationError
from clinic_app.services.handouts import handout_documents, handouts
from clinic_app.services.patients import patients
from clinic_app.services.settings import clinic
from clinic_app.services.settings.clinic import ClinicDetails

TODAY = dt.date(2026, 11, 10)
T = dt.date(2026, 12, 1)
PHONE = "+1 555 014 2290"
NAME = "D'Arcy-<b>Núñez</b> & Co"


def text_of(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


@pytest.fixture
def patient_id(database, actor) -> int:
    with database.session() as session:
        clinic.save(
            session,
            actor,
            ClinicDetails(name="Clínica Piel & Co", phone=PHONE, address="Calle Mayor 1"),
        )
        patient = patients.create(
            session,
            actor,
            PatientFields(first_name="Zoë", last_name=NAME, date_of_birth=dt.date(1980, 3, 14)),
        )
        return patient.id


def add_consultation(
    database,
    patient_id: int,
    *,
    started_at: dt.datetime = dt.datetime(2026, 11, 2, 14, 0, tzinfo=dt.UTC),
    completed_at: dt.datetime = dt.datetime(2026, 11, 2, 15, 0, tzinfo=dt.UTC),
    **plan: object,
) -> int:
    with database.session() as session:
        consultation = Consultation(
            patient_id=patient_id,
            status="completed",
            treatment_date=T,
            answers={
                "hsv_history": True,
                "retinoids": "current",
                "pregnant": False,
                "active_infection": False,
            },
            started_at=started_at,
            completed_at=completed_at,
        )
        consultation.findings = [
            ScreeningFinding(
                rule_id="retinoids",
                rule_version=1,
                severity="caution",
                message="Topical retinoids are stopped before resurfacing.",
            ),
            ScreeningFinding(
                rule_id="fitzpatrick_iv", rule_version=1, severity="caution", message="PIH risk."
            ),
        ]
        if plan:
            consultation.plan = TreatmentPlan(**plan)
        session.add(consultation)
        session.flush()
        return consultation.id


T15 = dt.date(2026, 12, 15)  # the treatment date of consultation_samples.complete_document
VALACICLOVIR = {
    "kind": "antiviral",
    "drug": "Valaciclovir 500 mg twice daily",
    "start": "2026-12-13",
    "days": 7,
}


def complete(
    database, actor, patient_id: int, *, prescriptions=(), plan=None, **screening: object
) -> int:
    """A consultation completed as the wizard completes it, with ``prescriptions`` recorded."""
    content = load_content(None)
    doc = complete_document(content, **screening)
    doc["plan"].update(plan or {})
    if prescriptions:
        doc["plan"]["prescriptions"] = [dict(item) for item in prescriptions]
    with database.session() as session:
        consultation = consultation_drafts.start(session, actor, patient_id, doc)
        consultation_completion.complete(session, actor, consultation.id, doc, content)
        return consultation.id


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


# ---- pre-care ------------------------------------------------------------------------------


def test_pre_care_is_generated_recorded_and_audited(database, actor, patient_id) -> None:
    with database.session() as session:
        prepared = handouts.prepare_pre_care(session, patient_id, T, today=TODAY)
        assert prepared.suggested_filename == f"pre-care-{patient_id}-2026-12-01.pdf"
        handout = handout_documents.generate(session, actor, prepared)
    info = handout.info
    assert info.kind == "pre_care" and info.patient_id == patient_id
    assert info.consultation_id is None and info.session_id is None
    assert info.template_version.startswith("pre_care/en 2026.2 ")
    assert info.sha256 == hashlib.sha256(handout.pdf).hexdigest()
    text = text_of(handout.pdf)
    assert f"Zoë {NAME}" in text
    assert "Tue 17 Nov 2026" in text and "Tue 24 Nov 2026" in text
    assert PHONE in text and "Just for you" not in text
    with database.session() as session:
        document = session.get(GeneratedDocument, info.id)
        assert document is not None
        assert document.content == handout.pdf and document.sha256 == info.sha256
        assert document.template_version == info.template_version
        assert document.created_at is not None and document.created_by_id is None
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.entity_type == "generated_document")
        ).all()
        assert [(e.action, e.entity_id, e.actor) for e in events] == [
            ("generate", info.id, actor.name)
        ]
        assert NAME not in events[0].summary  # no personal detail in the audit trail


def test_pre_care_is_personalised_by_the_latest_consultation(database, actor, patient_id) -> None:
    consultation_id = add_consultation(database, patient_id)
    with database.session() as session:
        # The treatment date comes from the consultation when none is given.
        prepared = handouts.prepare_pre_care(session, patient_id, today=TODAY)
        handout = handout_documents.generate(session, actor, prepared)
    assert handout.info.consultation_id == consultation_id
    assert prepared.treatment_date == T
    personal = [entry.item_id for entry in prepared.content.personal_items]
    assert personal == ["stop_retinoids", "ask_about_cold_sores"]  # no antiviral prescribed
    assert prepared.content.personal_notes  # fitzpatrick_iv
    text = text_of(handout.pdf)
    assert text.index("Just for you") < text.index("Stop retinoid") < text.index("For everyone")


def test_handouts_are_personalised_from_the_clinical_picture(database, actor, patient_id) -> None:
    """The handouts read the one clinical picture (services/clinical) that sessions read: the
    consultation completed last, even when another was started after it."""
    day = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
    completed_last = add_consultation(
        database, patient_id, started_at=day, completed_at=day + dt.timedelta(hours=8)
    )
    started_last = add_consultation(
        database,
        patient_id,
        started_at=day + dt.timedelta(hours=1),
        completed_at=day + dt.timedelta(hours=2),
        intensity="light",
    )
    with database.session() as session:
        rules = load_rules()
        picture = picture_of(session, patient_id, rules)
        pre = handouts.prepare_pre_care(session, patient_id, T, today=TODAY)
        post = handouts.prepare_post_care(session, patient_id, T, today=TODAY)
    assert picture.consultation_id == completed_last != started_last
    assert pre.consultation_id == post.consultation_id == picture.consultation_id
    assert post.content.intensity == "moderate"  # not the light plan of the other one


def test_pre_care_plans_the_downtime_of_the_planned_intensity(database, actor, patient_id) -> None:
    add_consultation(database, patient_id, intensity="deep")
    with database.session() as session:
        pre = handouts.prepare_pre_care(session, patient_id, T, today=TODAY)
        post = handouts.prepare_post_care(session, patient_id, T, today=TODAY)
    assert "deep treatment" in pre.content.week_text
    assert "Plan 10 to 14 days" in pre.content.week_text
    assert "10 to 14 days" in post.content.facts[2].value


def test_pre_care_needs_a_future_treatment_date(database, patient_id) -> None:
    with database.session() as session:
        with pytest.raises(ValidationError) as caught:
            handouts.prepare_pre_care(session, patient_id, today=TODAY)
        assert "treatment_date" in caught.value.errors
        with pytest.raises(ValidationError, match="in the past"):
            handouts.prepare_pre_care(session, patient_id, dt.date(2026, 11, 1), today=TODAY)


def test_unknown_ids_are_reported(database, patient_id) -> None:
    with database.session() as session:
        with pytest.raises(NotFoundError, match="no patient #9999"):
            handouts.prepare_pre_care(session, 9999, T, today=TODAY)
        with pytest.raises(NotFoundError, match="no treatment session #9999"):
            handouts.prepare_post_care_for_session(session, 9999)
        with pytest.raises(NotFoundError, match="no generated document #9999"):
            handout_documents.stored(session, 9999)


def test_missing_clinic_details_are_explained(database, actor) -> None:
    with database.session() as session:
        patient = patients.create(
            session,
            actor,
            PatientFields(first_name="Ann", last_name="Lee", date_of_birth=dt.date(1990, 1, 1)),
        )
        with pytest.raises(handouts.ClinicNotConfiguredError, match="enter the clinic's details"):
            handouts.prepare_post_care(session, patient.id, T)


# ---- the antiviral: only a recorded prescription prints it ---------------------------------


def test_a_cold_sore_history_without_a_prescription_gets_no_antiviral_line(
    database, actor, patient_id
) -> None:
    complete(database, actor, patient_id, hsv_history=True)
    with database.session() as session:
        pre = handouts.prepare_pre_care(session, patient_id, today=TODAY)
        post = handouts.prepare_post_care(session, patient_id, T15, today=T15)
    text = text_of(pre.render())
    assert "antiviral" not in text.lower()
    assert "By Tue 8 Dec 2026" in text and "whether you should take a medicine" in text
    assert "antiviral" not in text_of(post.render()).lower()


def test_a_recorded_prescription_prints_its_drug_start_and_days(
    database, actor, patient_id
) -> None:
    complete(database, actor, patient_id, hsv_history=True, prescriptions=[VALACICLOVIR])
    with database.session() as session:
        pre = handouts.prepare_pre_care(session, patient_id, today=TODAY)
        post = handouts.prepare_post_care(session, patient_id, T15, today=T15)
    assert pre.treatment_date == T15
    text = text_of(pre.render())
    assert "On Sun 13 Dec 2026 Start your antiviral medicine today" in text
    assert "Valaciclovir 500 mg twice daily, for 7 days" in text
    assert "up to and including Sat 19 Dec 2026" in text
    assert "whether you should take a medicine" not in text
    after = text_of(post.render())
    assert "Day 4 Sat 19 Dec 2026" in after
    assert "Last day of your antiviral medicine (Valaciclovir 500 mg twice daily)" in after


def test_post_care_is_personalised_for_the_patient(database, actor, patient_id) -> None:
    """Skin type IV, a deep full-face plan, cold sores with a recorded antiviral, diabetes and
    smoking: the PDF carries their own section, with the drug and the real dates."""
    complete(
        database,
        actor,
        patient_id,
        fitzpatrick="IV",
        hsv_history=True,
        diabetes=True,
        smoker=True,
        treatment_areas=["full_face"],
        plan={"intensity": "deep", "expected_downtime_days": 14},
        prescriptions=[VALACICLOVIR],
    )
    with database.session() as session:
        prepared = handouts.prepare_post_care(session, patient_id, T15, today=T15)
    pages = [
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(prepared.render())).pages
    ]
    first, text = pages[0], " ".join(pages)
    # The section starts on page 1, under the warning box, and may run onto page 2.
    assert first.index("Call us straight away") < first.index("Just for you (from your consult")
    assert "Keep taking your antiviral medicine, Valaciclovir 500 mg twice daily, until" in first
    assert "Sat 19 Dec 2026, the last day of the course" in first
    assert "more likely to turn darker, or sometimes lighter" in first
    assert "until Tue 9 Mar 2027" in first  # the stricter sun plan: 12 weeks, not 6
    assert "deep intensity (expected recovery 10 to 14 days)" in first
    assert "Areas treated Full face" in first
    assert "Diabetes can slow healing" in text and "Smoking slows healing" in text
    assert "Around your mouth" in text  # the full face includes it
    # With the antiviral prescribed, the "call us about a cold sore" line gives way to it.
    assert not any("cold sore" in line for line in prepared.content.personal)


# ---- post-care -----------------------------------------------------------------------------


def test_post_care_for_a_session(database, actor, patient_id) -> None:
    with database.session() as session:
        treatment = TreatmentSession(
            patient_id=patient_id,
            performed_at=dt.datetime(2026, 12, 1, 15, 30, tzinfo=dt.UTC),
            device_profile_id="generic-fractional-co2",
            intensity="deep",
        )
        treatment.areas = [
            SessionArea(area="full_face", position=0),
            SessionArea(area="neck", position=1),
        ]
        session.add(treatment)
        session.flush()
        prepared = handouts.prepare_post_care_for_session(
            session,
            treatment.id,
            next_appointment=dt.datetime(2027, 1, 12, 10, 30),
            today=T,
            tz=dt.UTC,
        )
        handout = handout_documents.generate(session, actor, prepared)
    assert handout.info.session_id == treatment.id and handout.info.kind == "post_care"
    assert prepared.content.intensity == "deep"
    text = text_of(handout.pdf)
    assert "deep intensity" in text and "Full face, neck" in text
    assert "Day 1 Wed 2 Dec 2026" in text and "Day 7 Tue 8 Dec 2026" in text
    assert "Tue 12 Jan 2027 at 10:30" in text
    assert f"Call Clínica Piel & Co on {PHONE}" in text


def test_post_care_for_a_patient_uses_the_plan(database, actor, patient_id) -> None:
    add_consultation(database, patient_id, intensity="light", areas={"areas": ["periorbital"]})
    with database.session() as session:
        planned = handouts.prepare_post_care(session, patient_id, T, today=T)
        chosen = handouts.prepare_post_care(session, patient_id, T, intensity="deep", today=T)
        with pytest.raises(ValidationError, match="light, moderate, deep"):
            handouts.prepare_post_care(session, patient_id, T, intensity="strong")
    assert planned.content.intensity == "light"
    assert chosen.content.intensity == "deep"
    facts = {fact.label: fact.value for fact in planned.content.facts}
    assert facts["Areas treated"] == "Around the eyes"


def test_post_care_without_a_consultation_is_generic(database, patient_id) -> None:
    with database.session() as session:
        prepared = handouts.prepare_post_care(session, patient_id, T, today=T)
    assert prepared.consultation_id is None
    assert prepared.content.intensity == "moderate"


# ---- recording and reprinting --------------------------------------------------------------


def test_reprint_gives_the_identical_bytes(database, actor, patient_id) -> None:
    with database.session() as session:
        prepared = handouts.prepare_post_care(session, patient_id, T, today=T)
        first = handout_documents.generate(session, actor, prepared)
    with database.session() as session:
        again = handout_documents.reprint(session, actor, first.info.id)
    # Rendering the same prepared handout again (same data, same instant) gives the same bytes.
    regenerated = prepared.render()
    assert again.pdf == first.pdf == regenerated
    assert hashlib.sha256(again.pdf).hexdigest() == first.info.sha256 == again.info.sha256
    with database.session() as session:
        actions = session.scalars(
            select(AuditEvent.action)
            .where(AuditEvent.entity_type == "generated_document")
            .order_by(AuditEvent.id)
        ).all()
        assert actions == ["generate", "reprint"]
        rows = handout_documents.documents_of(session, patient_id)
        assert [row.id for row in rows] == [first.info.id]
        assert rows[0].size == len(first.pdf)


def test_a_tampered_document_is_not_reprinted(database, actor, patient_id) -> None:
    with database.session() as session:
        handout = handout_documents.generate(
            session, actor, handouts.prepare_pre_care(session, patient_id, T, today=TODAY)
        )
    with database.session() as session:
        document = session.get(GeneratedDocument, handout.info.id)
        assert document is not None
        document.content = handout.pdf.replace(b"Zo", b"Jo", 1)
    with (
        database.session() as session,
        pytest.raises(handout_documents.DocumentIntegrityError, match="checksum"),
    ):
        handout_documents.reprint(session, actor, handout.info.id)


def test_an_unprintable_name_records_nothing(database, actor) -> None:
    with database.session() as session:
        clinic.save(session, actor, ClinicDetails(name="Clinic", phone=PHONE))
        patient = patients.create(
            session,
            actor,
            PatientFields(first_name="Mei", last_name="Li 漢", date_of_birth=dt.date(1990, 1, 2)),
        )
        prepared = handouts.prepare_pre_care(session, patient.id, T, today=TODAY)
        with pytest.raises(UnsupportedCharacterError, match="patient's last name"):
            handout_documents.generate(session, actor, prepared)
        assert count(session, GeneratedDocument) == 0


def test_a_draft_consultation_does_not_personalise_the_handout(database, patient_id) -> None:
    """A draft's answers are not agreed with the patient yet: generic content only."""
    consultation_id = add_consultation(database, patient_id)
    with database.session() as session:
        draft = session.get(Consultation, consultation_id)
        draft.status, draft.completed_at = "draft", None
    with database.session() as session:
        prepared = handouts.prepare_pre_care(session, patient_id, T, today=TODAY)
    assert list(prepared.content.personal_items) == []


def test_the_pregnant_patient_gets_no_handout_until_an_override_is_recorded(
    database, actor, patient_id
) -> None:
    from clinic_app.domain.clinical_picture import Purpose
    from clinic_app.domain.screening.screening import load_rules
    from clinic_app.services.clinical import gates

    with database.session() as session:
        session.add(
            Consultation(
                patient_id=patient_id,
                status="not_candidate",
                not_candidate_reason="Pregnant: defer until after the birth",
                treatment_date=T,
                answers={"pregnant": True, "active_infection": False},
                completed_at=dt.datetime(2026, 11, 2, 15, 0, tzinfo=dt.UTC),
            )
        )
    for prepare in (
        lambda s: handouts.prepare_pre_care(s, patient_id, T, today=TODAY),
        lambda s: handouts.prepare_post_care(s, patient_id, T, today=TODAY),
    ):
        with database.session() as session, pytest.raises(gates.GateClosedError) as refused:
            prepare(session)
        assert "not a candidate now: Pregnant: defer until after the birth" in str(refused.value)
    reason = "Miscarriage confirmed by her obstetrician last month, patient wants the leaflet"
    with database.session() as session:
        gates.record_override(session, actor, patient_id, Purpose.HANDOUT, reason, load_rules())
        prepared = handouts.prepare_pre_care(session, patient_id, T, today=TODAY)
        handout = handout_documents.generate(session, actor, prepared)
    assert reason.split()[0] not in extract_text(handout.pdf), "the reason is never printed"


def extract_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize(
    "next_appointment",
    [dt.datetime(2026, 11, 20, 10, 30), dt.date(2026, 11, 30), dt.datetime(2026, 12, 1, 17, 0)],
)
def test_a_next_appointment_not_after_the_treatment_is_refused(
    database, patient_id, next_appointment
) -> None:
    with database.session() as session, pytest.raises(ValidationError) as caught:
        handouts.prepare_post_care(
            session, patient_id, dt.date(2026, 12, 1), next_appointment=next_appointment,
            today=dt.date(2026, 12, 1),
        )  # fmt: skip
    assert set(caught.value.errors) == {"next_appointment"}
    message = caught.value.errors["next_appointment"]
    assert "after the treatment day" in message and "Tue 1 Dec 2026" in message


def test_a_next_appointment_before_a_sessions_treatment_is_refused(database, patient_id) -> None:
    with database.session() as session:
        treatment = TreatmentSession(
            patient_id=patient_id,
            performed_at=dt.datetime(2026, 12, 1, 15, 30, tzinfo=dt.UTC),
            device_profile_id="generic-fractional-co2",
            intensity="deep",
        )
        session.add(treatment)
        session.flush()
        with pytest.raises(ValidationError) as caught:
            handouts.prepare_post_care_for_session(
                session, treatment.id, next_appointment=dt.datetime(2026, 11, 1, 9, 0),
                today=T, tz=dt.UTC,
            )  # fmt: skip
    assert set(caught.value.errors) == {"next_appointment"}
