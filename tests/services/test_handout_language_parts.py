"""A Spanish patient's post-care handout of a signed session: the follow-up table (labels and
dates) and the face chart's words are Spanish too, and if any part lacks something in Spanish
the WHOLE handout is English with a notice; the calendar file (.ics) speaks Spanish as well
(docs/language.md)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import icalendar
import pytest
from pypdf import PdfReader
from session_factories import UTC, signed_first_session

from clinic_app.content import shipped
from clinic_app.db import Database
from clinic_app.services.followups import calendar_export
from clinic_app.services.handouts import handouts
from clinic_app.services.patients import patients
from clinic_app.services.security.identity import Actor
from clinic_app.services.sessions.session_resources import SessionResources, load_resources
from clinic_app.services.settings import clinic

DEC_15 = dt.datetime(2026, 12, 15, 10, 0, tzinfo=UTC)  # a Tuesday
PHONE = "+34 910 000 123"
# English words the follow-up table and the face chart printed before they spoke Spanish.
ENGLISH_WORDS = (
    "Your follow-up contacts", "What happens", "We phone you", "Review visit", "Keep these",
    "Areas treated today", "Right side", "Left side", "Front", "Dec 2026", "Tue ", "Thu ",
)  # fmt: skip


@pytest.fixture(scope="module")
def resources() -> SessionResources:
    return load_resources()


def text_of(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


@pytest.fixture
def spanish(database: Database, actor: Actor, resources: SessionResources) -> tuple[int, int]:
    """Lucía reads Spanish; her first session signed on 15 Dec 2026."""
    with database.session() as session:
        clinic.save(session, actor, clinic.ClinicDetails(name="Clínica Sol", phone=PHONE))
        patient_id, session_id = signed_first_session(
            session, actor, resources, when=DEC_15, first_name="Lucía", last_name="Pérez"
        )
        patient = patients.get(session, patient_id)
        fields = dataclasses.replace(patients.fields_of(patient), language="es")
        patients.update(session, actor, patient_id, fields, expected_version=patient.version)
    return patient_id, session_id


def test_the_follow_ups_and_the_face_chart_print_in_spanish(
    database: Database, spanish: tuple[int, int]
) -> None:
    _, session_id = spanish
    with database.session() as session:
        prepared = handouts.prepare_post_care_for_session(session, session_id, tz=UTC)
    assert prepared.language.used == "es" and prepared.language_notice == ""
    text = text_of(prepared.render())
    assert "Sus contactos de seguimiento" in text
    assert "Fecha Qué ocurre" in text  # the table's header
    # The stored follow-ups with Spanish dates (the compact form of the calendar's column).
    assert "jue 17 dic 2026 Le llamamos por teléfono" in text
    assert "mar 22 dic 2026 Visita de revisión en la clínica" in text
    assert "mar 12 ene 2027 A partir de este día puede pedir cita" in text
    assert "mar 26 ene 2027 Hoy termina su protección solar estricta" in text
    assert "llame a Clínica Sol al +34 910 000 123" in text
    assert "Zonas tratadas hoy" in text and "Lado derecho" in text
    assert "Mejillas" in text  # the session's area, as the Spanish post-care text names it
    assert [word for word in ENGLISH_WORDS if word in text] == []


def _override(data_dir: Path, room: str, name: str, drop: str) -> None:
    own = data_dir / "overrides" / room / "es"
    own.mkdir(parents=True)
    shipped_text = shipped(f"{room}/es/{name}").read_text(encoding="utf-8")
    without = shipped_text.replace(drop, "")
    assert without != shipped_text
    (own / name).write_text(without, encoding="utf-8")


@pytest.mark.parametrize(
    ("room", "name", "drop", "named"),
    [
        ("followups", "schedule.toml", 'date_column = "Fecha"\n', "labels.date_column: missing"),
        ("face_chart", "face_chart.toml", 'heading = "Zonas tratadas hoy"\n', "handout.heading"),
    ],
)
def test_a_part_missing_a_key_prints_the_whole_handout_in_english(
    database: Database,
    spanish: tuple[int, int],
    data_dir: Path,
    room: str,
    name: str,
    drop: str,
    named: str,
) -> None:
    _, session_id = spanish
    _override(data_dir, room, name, drop)
    with database.session() as session:
        prepared = handouts.prepare_post_care_for_session(
            session, session_id, data_dir=data_dir, tz=UTC
        )
    assert prepared.language.used == "en"
    assert "post-care handout is in English" in prepared.language_notice
    assert f"{name} {named}" in prepared.language_notice
    assert prepared.template_version.startswith("post_care/en ")
    text = text_of(prepared.render())
    assert "After your CO2 laser treatment" in text and "Your follow-up contacts" in text
    assert "Areas treated today" in text and "Thu 17 Dec 2026" in text
    assert not any(word in text for word in ("Página", "diciembre", " dic ", "Zonas", "Fecha"))


def test_the_calendar_file_is_in_the_patients_language(
    database: Database, actor: Actor, resources: SessionResources, spanish: tuple[int, int],
    tmp_path: Path, data_dir: Path,
) -> None:  # fmt: skip
    patient_id, _ = spanish
    target = tmp_path / "lucia.ics"
    with database.session() as session:
        count = calendar_export.export_patient_calendar(
            session, actor, patient_id, resources.followups, target
        )
    assert count == 4
    events = list(icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT"))
    assert [e.decoded("dtstart") for e in events][:2] == [
        dt.date(2026, 12, 17),
        dt.date(2026, 12, 22),
    ]
    assert str(events[0]["summary"]) == (
        "Clínica Sol: Le llamamos por teléfono para preguntarle cómo se está curando su piel."
    )
    assert all("llame a Clínica Sol al +34 910 000 123" in str(e["description"]) for e in events)
    assert not any("We " in str(e["summary"]) or "call " in str(e["description"]) for e in events)
    # The clinic's Spanish file lacks a text: the calendar is English, whole.
    _override(data_dir, "followups", "schedule.toml", 'date_column = "Fecha"\n')
    with database.session() as session:
        english = calendar_export.patient_calendar(
            session, patient_id, resources.followups, today=DEC_15.date(), data_dir=data_dir
        )
    [first, *_] = icalendar.Calendar.from_ical(english).walk("VEVENT")
    assert str(first["summary"]) == "Clínica Sol: We phone you to ask how your skin is healing."
