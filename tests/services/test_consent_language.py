"""The informed consent in the patient's language: read and signed in Spanish by a patient who
reads Spanish, printed in Spanish (labels and dates too), and printed in the language it was
signed in when that is not the patient's (one language a page, and the practitioner is told)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from session_factories import add_consultation, all_no_answers, scribble

from clinic_app.cli import main
from clinic_app.config import ENV_DATA_DIR, ENV_DB_URL
from clinic_app.content import shipped
from clinic_app.db import Database
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.services.consent import consent_drafts, consent_print, consent_state, consents
from clinic_app.services.patients import patients
from clinic_app.services.sessions.session_resources import load_resources
from clinic_app.services.settings import clinic
from clinic_app.services.settings.clinic import ClinicDetails

SIGNED = dt.datetime(2026, 12, 15, 9, 30, tzinfo=dt.UTC)  # a Tuesday
RESOURCES = load_resources()


@pytest.fixture(autouse=True)
def _no_location_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_DATA_DIR, raising=False)
    monkeypatch.delenv(ENV_DB_URL, raising=False)


def text_of(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def _patient(database: Database, actor, language: str) -> int:  # type: ignore[no-untyped-def]
    with database.session() as session:
        clinic.save(session, actor, ClinicDetails(name="Clínica Sol", phone="+34 910 000 123"))
        fields = PatientFields("Lucía", "Pérez", dt.date(1980, 3, 14), language=language)
        patient_id = patients.create(session, actor, fields).id
        add_consultation(
            session,
            patient_id,
            answers=all_no_answers(fitzpatrick="V", hsv_history=True),
            findings=(("hsv_history", "caution", None, ""),),
            consent=False,
        )
        return patient_id


def _sign(database: Database, actor, patient_id: int, resources=RESOURCES):  # type: ignore[no-untyped-def]
    with database.session() as session:
        language = consent_drafts.patient_language(session, patient_id)
        document, use = resources.consent_for(language)
        draft = consent_drafts.prepare(session, patient_id, resources.rules, document)
        view = consents.record(
            session,
            actor,
            draft,
            patient=consents.Signer("Lucía Pérez", scribble()),
            witness=consents.Signer("Dana Witness", scribble(40.0)),
            photo_clinical=True,
            photo_marketing=False,
            rules=resources.rules,
            document=document,
            now=SIGNED,
        )
    return view, use


def test_a_spanish_patient_signs_and_gets_the_consent_printed_in_spanish(database, actor) -> None:
    patient_id = _patient(database, actor, "es")
    view, use = _sign(database, actor, patient_id)
    assert use.used == "es" and use.notice("consent") == ""
    assert view.text.startswith("# Consentimiento para el rejuvenecimiento")
    assert "Riesgos particulares en su caso" in view.text and "herpes labial" in view.text
    with database.session() as session:
        # The English document in force decides whether the consent still covers the plan.
        status = consent_state.state_for(session, patient_id, RESOURCES.rules, RESOURCES.consent)
        assert status.valid
        spanish = [doc for doc, _use in RESOURCES.consent_translations.values()]
        prepared = consent_print.prepare_latest(
            session, patient_id, RESOURCES.consent, translations=spanish, tz=dt.UTC
        )
    assert prepared.language.used == "es" and prepared.language_notice == ""
    text = text_of(prepared.render())
    assert "Acepto que la clínica tome fotografías" in text
    assert "Firmado el martes 15 de diciembre de 2026 a las 09:30" in text
    assert "Firma del paciente" in text and "Página 1 de" in text
    assert "Lucía Pérez, 14 de marzo de 1980" in text
    assert "Page " not in text and "Signed on" not in text and "Risks" not in text


def test_a_consent_signed_in_english_prints_in_english_with_a_notice(database, actor) -> None:
    """Signed before the patient's language was set to Spanish: the frozen text is English, so
    its labels are English too, never a half-Spanish page."""
    patient_id = _patient(database, actor, "en")
    _sign(database, actor, patient_id)
    with database.session() as session:
        stored = patients.get(session, patient_id)
        fields = patients.fields_of(stored)
        patients.update(
            session,
            actor,
            patient_id,
            PatientFields(**{**fields.__dict__, "language": "es"}),
            expected_version=stored.version,
        )
    with database.session() as session:
        spanish = [doc for doc, _use in RESOURCES.consent_translations.values()]
        prepared = consent_print.prepare_latest(
            session, patient_id, RESOURCES.consent, translations=spanish, tz=dt.UTC
        )
    assert prepared.language.used == "en"
    assert "it was signed in English" in prepared.language_notice
    text = text_of(prepared.render())
    assert "Signed on Tue 15 Dec 2026 at 09:30" in text and "Firma" not in text


def test_an_incomplete_spanish_consent_is_read_and_signed_in_english(
    database, actor, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    own = data_dir / "overrides" / "consent" / "es"
    own.mkdir(parents=True)
    text = shipped("consent/es/co2_resurfacing.toml").read_text(encoding="utf-8")
    head, _sep, _rest = text.partition('[[particular]]\nid = "photosensitisers"')
    (own / "co2_resurfacing.toml").write_text(head, encoding="utf-8")
    resources = load_resources(data_dir)
    patient_id = _patient(database, actor, "es")
    view, use = _sign(database, actor, patient_id, resources)
    assert use.used == "en"
    assert "particular: 9 items expected, 8 found" in use.notice("consent")
    assert view.text.startswith("# Consent to ablative fractional CO2 laser resurfacing")


def test_the_consent_command_prints_the_spanish_consent(
    capsys: pytest.CaptureFixture[str], sqlite_database: Database, actor, tmp_path: Path
) -> None:
    patient_id = _patient(sqlite_database, actor, "es")
    _sign(sqlite_database, actor, patient_id)
    output = tmp_path / "consent.pdf"
    status = main(
        ["consent", "--patient", str(patient_id), "--output", str(output), "--db-url",
         sqlite_database.url, "--data-dir", str(tmp_path / "data")]
    )  # fmt: skip
    _out, err = capsys.readouterr()
    assert status == 0, err
    assert "warning" not in err
    text = text_of(output.read_bytes())
    assert "Consentimiento para el rejuvenecimiento" in text and "Firmado el" in text


def test_a_spanish_consent_prints_in_spanish_after_its_translation_fell_behind(
    capsys: pytest.CaptureFixture[str], sqlite_database: Database, actor, tmp_path: Path
) -> None:
    """Signed in Spanish; the clinic's Spanish file then lacks a risk (new consents would be
    English): the signed one still prints with its own language's labels, one language a page."""
    patient_id = _patient(sqlite_database, actor, "es")
    _sign(sqlite_database, actor, patient_id)
    data_dir = tmp_path / "data"
    own = data_dir / "overrides" / "consent" / "es"
    own.mkdir(parents=True)
    text = shipped("consent/es/co2_resurfacing.toml").read_text(encoding="utf-8")
    head, _sep, _rest = text.partition('[[particular]]\nid = "photosensitisers"')
    (own / "co2_resurfacing.toml").write_text(head, encoding="utf-8")
    assert load_resources(data_dir).consent_for("es")[1].fell_back
    output = tmp_path / "consent.pdf"
    status = main(
        ["consent", "--patient", str(patient_id), "--output", str(output), "--db-url",
         sqlite_database.url, "--data-dir", str(data_dir)]
    )  # fmt: skip
    _out, err = capsys.readouterr()
    assert status == 0, err
    assert "warning" not in err
    printed = text_of(output.read_bytes())
    assert "Firmado el" in printed and "de diciembre de 2026" in printed  # local time
    assert "Signed on" not in printed
