"""``clinic-app consent`` prints the latest signed consent (text, names, hash read back from
the PDF, both signatures drawn), and ``clinic-app audit verify`` finds a consent row changed
behind the app's back."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from session_factories import add_consultation, all_no_answers
from sqlalchemy import update

from clinic_app.cli import main
from clinic_app.config import ENV_DATA_DIR, ENV_DB_URL
from clinic_app.db import Database
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.models import Consent
from clinic_app.services.consent import consents
from clinic_app.services.patients import patients
from clinic_app.services.settings import clinic
from clinic_app.services.settings.clinic import ClinicDetails

PHONE = "+44 20 7946 0018"


@pytest.fixture(autouse=True)
def _no_location_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_DATA_DIR, raising=False)
    monkeypatch.delenv(ENV_DB_URL, raising=False)


@pytest.fixture
def location(sqlite_database: Database, data_dir: Path) -> list[str]:
    return ["--db-url", sqlite_database.url, "--data-dir", str(data_dir)]


@pytest.fixture
def signed(sqlite_database: Database, actor) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    """(patient id, consent hash): Fitzpatrick V with cold sores, consent signed."""
    with sqlite_database.session() as session:
        clinic.save(session, actor, ClinicDetails(name="Hampstead Skin", phone=PHONE))
        fields = PatientFields(
            first_name="Siân", last_name="O'Neil <b>& Sons</b>", date_of_birth=dt.date(1985, 7, 9)
        )
        patient_id = patients.create(session, actor, fields).id
        add_consultation(
            session,
            patient_id,
            answers=all_no_answers(fitzpatrick="V", hsv_history=True),
            findings=(
                ("fitzpatrick_v_vi", "relative", "proceed", "Test spot healed well"),
                ("hsv_history", "caution", None, ""),
            ),
        )
    with sqlite_database.session() as session:
        view = consents.latest_signed(session, patient_id)
        assert view is not None
        return patient_id, view.sha256


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_the_printed_consent_has_the_text_the_names_and_the_hash(
    capsys, location, signed, tmp_path: Path
) -> None:
    patient_id, sha256 = signed
    output = tmp_path / "consent.pdf"
    status, out, err = run(
        capsys, "consent", "--patient", str(patient_id), "--output", str(output), *location
    )
    assert status == 0, err
    assert sha256 in out
    assert output.stat().st_mode & 0o777 == 0o600
    pages = PdfReader(io.BytesIO(output.read_bytes())).pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)
    assert "Consent to ablative fractional CO2 laser resurfacing" in text
    assert "Risks particular to you" in text and "Fitzpatrick IV to VI" in text
    assert "Maya Ortiz" in text and "Dana Witness" in text
    assert "Siân O'Neil <b>& Sons</b>" in text
    assert sha256 in text.replace(" ", "")
    assert f"Page 1 of {len(pages)}" in text and "Hampstead Skin" in text
    picture = tmp_path / "page"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", str(len(pages)), "-l", str(len(pages)),
         str(output), str(picture)],
        check=True,
    )  # fmt: skip
    assert list(tmp_path.glob("page*.png"))


def test_the_written_copy_is_audited_and_an_unwritable_one_is_not(  # type: ignore[no-untyped-def]
    capsys, location, signed, sqlite_database, tmp_path: Path
) -> None:
    from sqlalchemy import select

    from clinic_app.models import AuditEvent

    patient_id, sha256 = signed
    missing = tmp_path / "no such folder" / "consent.pdf"
    status, _out, _err = run(
        capsys, "consent", "--patient", str(patient_id), "--output", str(missing), *location
    )
    assert status != 0
    output = tmp_path / "consent.pdf"
    status, _out, err = run(
        capsys, "consent", "--patient", str(patient_id), "--output", str(output), *location
    )
    assert status == 0, err
    with sqlite_database.session() as session:
        [summary] = session.scalars(
            select(AuditEvent.summary).where(
                AuditEvent.action == "export", AuditEvent.entity_type == "consent"
            )
        ).all()
    assert "written" in summary and sha256 in summary


def test_no_consent_or_no_patient_exits_2(capsys, location, sqlite_database, actor) -> None:  # type: ignore[no-untyped-def]
    with sqlite_database.session() as session:
        fields = PatientFields(first_name="Ann", last_name="Lee", date_of_birth=dt.date(1990, 1, 1))
        patient_id = patients.create(session, actor, fields).id
    status, _, err = run(capsys, "consent", "--patient", str(patient_id), *location)
    assert status == 2 and "has not signed a consent" in err
    status, _, err = run(capsys, "consent", "--patient", "999", *location)
    assert status == 2 and "not found" in err


def test_audit_verify_finds_a_consent_changed_behind_the_apps_back(
    capsys, location, signed, sqlite_database
) -> None:
    status, out, err = run(capsys, "audit", "verify", *location)
    assert status == 0, err
    assert "1 consent(s) match their signed hash" in out
    with sqlite_database.session() as session:
        session.execute(update(Consent).values(witness_name="Someone Else"))
    status, _, err = run(capsys, "audit", "verify", *location)
    assert status == 3
    assert "Consent #1 was changed after it was signed" in err
