"""Handouts and the printed consent in the patient's language: text and dates in Spanish for a
patient who reads Spanish, and whole in English, with a notice, when the translation lacks
something (docs/language.md)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from clinic_app.content import shipped
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.models import Patient
from clinic_app.services.errors import ValidationError
from clinic_app.services.handouts import handout_requests, handouts
from clinic_app.services.handouts.handout_requests import HandoutRequest
from clinic_app.services.patients import patients
from clinic_app.services.settings import clinic
from clinic_app.services.settings.clinic import ClinicDetails

TODAY = dt.date(2026, 11, 10)
T15 = dt.date(2026, 12, 15)  # a Tuesday
PHONE = "+34 910 000 123"
ENGLISH_WORDS = ("Page ", "Before your", "After your", "Tue ", "Dec 2026", "Prepared", "born ")


def text_of(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def register(database, actor, language: str) -> int:
    with database.session() as session:
        clinic.save(
            session, actor, ClinicDetails(name="Clínica Sol", phone=PHONE, address="Calle Mayor 1")
        )
        fields = PatientFields(
            first_name="Lucía",
            last_name="Pérez",
            date_of_birth=dt.date(1980, 3, 14),
            language=language,
        )
        return patients.create(session, actor, fields).id


def test_a_spanish_patient_gets_the_pre_care_handout_in_spanish(database, actor) -> None:
    patient_id = register(database, actor, "es")
    with database.session() as session:
        prepared = handouts.prepare_pre_care(session, patient_id, T15, today=TODAY)
    assert prepared.language.used == "es" and prepared.language_notice == ""
    assert prepared.template_version.startswith("pre_care/es 2026.2 ")
    text = text_of(prepared.render())
    assert "Antes de su tratamiento con láser CO2" in text
    assert "Tratamiento martes 15 de diciembre de 2026 (a la hora que acordamos)" in text
    assert "14 de marzo de 1980" in text  # the date of birth, without the weekday
    # Fourteen days before: stop the exfoliants, as a Spanish date in the checklist.
    assert "Como tarde el martes 1 de diciembre de 2026" in text
    assert "Página 1 de" in text and "Preparadas el martes 10 de noviembre de 2026" in text
    assert [word for word in ENGLISH_WORDS if word in text] == []


def test_a_spanish_patient_gets_the_post_care_handout_in_spanish(database, actor) -> None:
    patient_id = register(database, actor, "es")
    appointment = dt.datetime(2027, 1, 12, 10, 30)
    with database.session() as session:
        prepared = handouts.prepare_post_care(
            session, patient_id, T15, intensity="deep", next_appointment=appointment, today=TODAY
        )
    assert prepared.language.used == "es"
    text = text_of(prepared.render())
    assert "Después de su tratamiento con láser CO2" in text
    assert "martes 15 de diciembre de 2026, intensidad profunda" in text
    assert "de 10 a 14 días" in text
    assert "Próxima cita martes 12 de enero de 2027 a las 10:30" in text
    assert "Día 1 mié 16 dic 2026" in text  # the calendar's narrow column
    assert "Llámenos enseguida si nota" in text and PHONE in text
    assert [word for word in ENGLISH_WORDS if word in text] == []


def test_the_handout_request_of_the_window_and_the_command_carries_the_notice(
    database, actor, data_dir: Path
) -> None:
    """A Spanish text a key short: the whole handout is English, and the practitioner is told
    (the service returns it; the window's preview and the command show it)."""
    patient_id = register(database, actor, "es")
    own = data_dir / "overrides" / "care" / "es"
    own.mkdir(parents=True)
    shipped_text = shipped("care/es/post_care.toml").read_text(encoding="utf-8")
    without = shipped_text.replace('after_heading = "En las semanas siguientes"\n', "")
    assert without != shipped_text
    (own / "post_care.toml").write_text(without, encoding="utf-8")
    with database.session() as session:
        made = handout_requests.make(
            session,
            actor,
            HandoutRequest.post_care(patient_id, T15),
            data_dir=data_dir,
            today=TODAY,
        )
        pre = handouts.prepare_pre_care(session, patient_id, T15, data_dir=data_dir, today=TODAY)
    assert "post-care handout is in English" in made.language_notice
    assert "labels.after_heading: missing" in made.language_notice
    assert made.handout.info.template_version.startswith("post_care/en ")
    text = text_of(made.handout.pdf)
    assert "After your CO2 laser treatment" in text and "Tue 15 Dec 2026" in text
    assert "Página" not in text and "diciembre" not in text and "Día" not in text  # whole
    assert pre.language.used == "es" and pre.language_notice == ""  # its files are complete


def test_a_placeholder_lost_in_translation_falls_back_too(database, actor, data_dir) -> None:
    patient_id = register(database, actor, "es")
    own = data_dir / "overrides" / "care" / "es"
    own.mkdir(parents=True)
    text = shipped("care/es/pre_care.toml").read_text(encoding="utf-8")
    (own / "pre_care.toml").write_text(
        text.replace("Llame a {clinic_name} al {clinic_phone}.", "Llame a la clínica."),
        encoding="utf-8",
    )
    with database.session() as session:
        prepared = handouts.prepare_pre_care(
            session, patient_id, T15, data_dir=data_dir, today=TODAY
        )
    assert prepared.language.used == "en"
    assert "labels.contact_text: placeholders none instead of clinic_name" in (
        prepared.language_notice
    )
    assert "Before your CO2 laser treatment" in text_of(prepared.render())


def test_a_language_without_a_folder_prints_english_with_a_notice(database, actor) -> None:
    """A code stored by a later release (or typed in the database) with no care texts."""
    patient_id = register(database, actor, "es")
    with database.session() as session:
        row = session.scalars(select(Patient).where(Patient.id == patient_id)).one()
        row.language = "fr"
    with database.session() as session:
        prepared = handouts.prepare_pre_care(session, patient_id, T15, today=TODAY)
    assert prepared.language.wanted == "fr" and prepared.language.used == "en"
    assert "No care_common content is shipped for the language 'fr'" in prepared.language_notice
    text = text_of(prepared.render())
    assert "Before your CO2 laser treatment" in text and "Tue 15 Dec 2026" in text


def test_an_english_patient_is_unchanged(database, actor) -> None:
    patient_id = register(database, actor, "en")
    with database.session() as session:
        prepared = handouts.prepare_pre_care(session, patient_id, T15, today=TODAY)
    assert prepared.language.used == "en" and prepared.language_notice == ""
    text = text_of(prepared.render())
    assert "Before your CO2 laser treatment" in text and "Tue 15 Dec 2026" in text


def test_the_language_is_checked_and_audited_like_the_other_fields(database, actor) -> None:
    patient_id = register(database, actor, "en")
    with database.session() as session:
        with pytest.raises(ValidationError) as refused:
            patients.create(
                session,
                actor,
                PatientFields("Ana", "Ruiz", dt.date(1990, 1, 1), language="xx"),
            )
        assert "choose en (English), es (Español)" in refused.value.errors["language"]
    with database.session() as session:
        stored = patients.get(session, patient_id)
        fields = patients.fields_of(stored)
        assert fields.language == "en"
        updated = patients.update(
            session,
            actor,
            patient_id,
            PatientFields(**{**fields.__dict__, "language": "es"}),
            expected_version=stored.version,
        )
        assert updated.language == "es"
    from clinic_app.models import AuditEvent

    with database.session() as session:
        summaries = session.scalars(
            select(AuditEvent.summary).where(AuditEvent.entity_type == "patient")
        ).all()
    assert "changed language" in summaries
