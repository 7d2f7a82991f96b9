"""``clinic-app handout``: pre-care and post-care PDFs from the command line."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from pathlib import Path

import pytest
from consultation_samples import complete_document
from pypdf import PdfReader
from sqlalchemy import select

from clinic_app.cli import main
from clinic_app.config import ENV_DATA_DIR, ENV_DB_URL
from clinic_app.db import Database
from clinic_app.domain.care.care_text import format_date
from clinic_app.domain.consultation.consultation_document import load_content
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.models import GeneratedDocument, SessionArea, TreatmentSession
from clinic_app.services.consultation import consultation_completion, consultation_drafts
from clinic_app.services.patients import patients
from clinic_app.services.settings import clinic
from clinic_app.services.settings.clinic import ClinicDetails

PHONE = "+44 20 7946 0018"
# Relative to today: the command has no "today" option, and pre-care refuses past dates.
T = dt.date.today() + dt.timedelta(days=30)


@pytest.fixture(autouse=True)
def _no_location_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_DATA_DIR, raising=False)
    monkeypatch.delenv(ENV_DB_URL, raising=False)


@pytest.fixture
def location(sqlite_database: Database, data_dir: Path) -> list[str]:
    return ["--db-url", sqlite_database.url, "--data-dir", str(data_dir)]


@pytest.fixture
def patient_id(sqlite_database: Database, actor) -> int:
    with sqlite_database.session() as session:
        clinic.save(session, actor, ClinicDetails(name="Hampstead Skin", phone=PHONE))
        patient = patients.create(
            session,
            actor,
            PatientFields(
                first_name="Siân",
                last_name="O'Neil <b>& Sons</b>",
                date_of_birth=dt.date(1985, 7, 9),
            ),
        )
        return patient.id


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def text_of(path: Path) -> str:
    pages = PdfReader(io.BytesIO(path.read_bytes())).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def test_pre_care_writes_the_pdf(capsys, location, patient_id, tmp_path: Path) -> None:
    output = tmp_path / "pre.pdf"
    status, out, err = run(
        capsys,
        "handout", "pre-care", "--patient", str(patient_id), "--treatment-date", T.isoformat(),
        "--treatment-time", "14:15", "--output", str(output), *location,
    )  # fmt: skip
    assert status == 0, err
    assert str(output) in out and "document #1" in out
    text = text_of(output)
    assert "Siân O'Neil <b>& Sons</b>" in text
    assert f"{format_date(T)} at 14:15" in text
    assert format_date(T - dt.timedelta(days=14)) in text
    assert format_date(T - dt.timedelta(days=7)) in text
    # No prescription recorded on a consultation (drug, start, days): no antiviral step, the
    # handout could not say what to take, nor from when.
    assert "antiviral" not in text.lower()
    assert PHONE in text


def test_the_handouts_carry_the_recorded_prescription(
    capsys, location, patient_id, sqlite_database: Database, actor, tmp_path: Path
) -> None:
    """A consultation completed with a cold-sore history and an antiviral prescribed two days
    before the treatment: both PDFs print its drug and its real dates."""
    content = load_content(None)
    doc = complete_document(content, treatment=T, hsv_history=True, fitzpatrick="IV")
    start = T - dt.timedelta(days=2)
    doc["plan"]["prescriptions"] = [
        {"kind": "antiviral", "drug": "Valaciclovir 500 mg twice daily",
         "start": start.isoformat(), "days": 7},
    ]  # fmt: skip
    with sqlite_database.session() as session:
        consultation = consultation_drafts.start(session, actor, patient_id, doc)
        consultation_completion.complete(session, actor, consultation.id, doc, content)
    pre, post = tmp_path / "pre.pdf", tmp_path / "post.pdf"
    status, _, err = run(
        capsys, "handout", "pre-care", "--patient", str(patient_id), "-o", str(pre), *location
    )
    assert status == 0, err
    text = text_of(pre)
    last = format_date(start + dt.timedelta(days=6))
    assert f"On {format_date(start)} Start your antiviral medicine today" in text
    assert "Valaciclovir 500 mg twice daily, for 7 days" in text and last in text
    status, _, err = run(
        capsys,
        "handout", "post-care", "--patient", str(patient_id), "--treatment-date", T.isoformat(),
        "-o", str(post), *location,
    )  # fmt: skip
    assert status == 0, err
    text = text_of(post)
    assert "Just for you (from your consultation)" in text
    assert f"Valaciclovir 500 mg twice daily, until {last}" in text
    assert "more likely to turn darker" in text  # Fitzpatrick IV


def test_post_care_for_a_patient_and_for_a_session(
    capsys, location, patient_id, sqlite_database: Database, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    status, out, err = run(
        capsys,
        "handout", "post-care", "--patient", str(patient_id), "--treatment-date", T.isoformat(),
        "--intensity", "light", *location,
    )  # fmt: skip
    assert status == 0, err
    default_name = tmp_path / f"post-care-{patient_id}-{T.isoformat()}.pdf"
    assert default_name.name in out
    text = text_of(default_name)
    assert "light intensity" in text
    assert f"Day 1 {format_date(T + dt.timedelta(days=1))}" in text
    assert f"Day 7 {format_date(T + dt.timedelta(days=7))}" in text

    with sqlite_database.session() as session:
        treatment = TreatmentSession(
            patient_id=patient_id,
            performed_at=dt.datetime.now(dt.UTC),
            device_profile_id="generic-fractional-co2",
            intensity="moderate",
            areas=[SessionArea(area="cheeks")],
        )
        session.add(treatment)
        session.flush()
        session_id = treatment.id
    output = tmp_path / "session.pdf"
    status, _, err = run(
        capsys,
        "handout", "post-care", "--session", str(session_id), "--output", str(output),
        "--next-appointment", "2030-01-08 10:30", *location,
    )  # fmt: skip
    assert status == 0, err
    text = text_of(output)
    assert "Cheeks" in text and "moderate intensity" in text
    assert "Tue 8 Jan 2030 at 10:30" in text
    with sqlite_database.session() as session:
        kinds = session.scalars(select(GeneratedDocument.session_id)).all()
    assert kinds == [None, session_id]


def test_reprint_and_list(capsys, location, patient_id, tmp_path: Path) -> None:
    first = tmp_path / "first.pdf"
    status, _, err = run(
        capsys,
        "handout", "post-care", "--patient", str(patient_id), "--treatment-date", T.isoformat(),
        "-o", str(first), *location,
    )  # fmt: skip
    assert status == 0, err
    again = tmp_path / "again.pdf"
    status, out, err = run(
        capsys, "handout", "reprint", "--document", "1", "--output", str(again), *location
    )
    assert status == 0, err
    assert again.read_bytes() == first.read_bytes()
    assert hashlib.sha256(again.read_bytes()).hexdigest() in out
    status, out, err = run(capsys, "handout", "list", "--patient", str(patient_id), *location)
    assert status == 0 and "post_care" in out and "1 handouts" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["pre-care", "--patient", "999", "--treatment-date", T.isoformat()], "no patient #999"),
        (["post-care", "--session", "999"], "no treatment session #999"),
        (["reprint", "--document", "999"], "no generated document #999"),
        (["list", "--patient", "999"], "no patient #999"),
        (["post-care", "--patient", "{id}"], "--patient ID together with --treatment-date"),
        (["post-care", "--session", "1", "--patient", "{id}"], "leave out --patient"),
        (["pre-care", "--patient", "{id}", "--treatment-date", "2020-01-01"], "in the past"),
        (
            [
                "post-care",
                "--patient",
                "{id}",
                "--treatment-date",
                T.isoformat(),
                "--next-appointment",
                (T - dt.timedelta(days=3)).isoformat(),
            ],
            "The next appointment must be after the treatment day",
        ),
    ],
)
def test_bad_input_exits_2_with_a_message(
    capsys, location, patient_id, argv: list[str], message: str
) -> None:
    argv = [arg.replace("{id}", str(patient_id)) for arg in argv]
    status, _, err = run(capsys, "handout", *argv, *location)
    assert status == 2
    assert message in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["pre-care", "--patient", "1", "--treatment-date", "2026-13-01"],
            "is not a day of the calendar",
        ),
        (["pre-care", "--patient", "x", "--treatment-date", "2026-12-01"], "not a whole number"),
        (["post-care", "--patient", "1", "--treatment-date", "1/12/2026"], "YYYY-MM-DD"),
        (["post-care", "--session", "1", "--intensity", "strong"], "invalid choice"),
        (["pre-care", "--patient", "1", "--treatment-time", "25:00"], "HH:MM"),
    ],
)
def test_malformed_arguments_exit_2(capsys, location, argv: list[str], message: str) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["handout", *argv, *location])
    assert caught.value.code == 2
    assert message in capsys.readouterr().err


def test_without_clinic_details_it_says_what_to_do(
    capsys, location, sqlite_database: Database, actor, tmp_path: Path
) -> None:
    with sqlite_database.session() as session:
        patient = patients.create(
            session,
            actor,
            PatientFields(first_name="Ann", last_name="Lee", date_of_birth=dt.date(1990, 1, 1)),
        )
    output = tmp_path / "never.pdf"
    status, _, err = run(
        capsys,
        "handout", "pre-care", "--patient", str(patient.id), "--treatment-date", T.isoformat(),
        "-o", str(output), *location,
    )  # fmt: skip
    assert status == 1
    assert "clinic's details are not set up yet" in err and "run clinic-app" in err
    assert not output.exists()


def test_an_unprintable_character_is_rejected(
    capsys, location, sqlite_database: Database, actor, tmp_path: Path
) -> None:
    with sqlite_database.session() as session:
        clinic.save(session, actor, ClinicDetails(name="Clinic", phone=PHONE))
        patient = patients.create(
            session,
            actor,
            PatientFields(first_name="はな", last_name="Sato", date_of_birth=dt.date(1990, 1, 1)),
        )
    status, _, err = run(
        capsys,
        "handout", "post-care", "--patient", str(patient.id), "--treatment-date", T.isoformat(),
        "-o", str(tmp_path / "x.pdf"), *location,
    )  # fmt: skip
    assert status == 2
    assert "'は' (U+306F HIRAGANA LETTER HA)" in err and "patient's first name" in err
    with sqlite_database.session() as session:
        assert session.scalars(select(GeneratedDocument)).all() == []


def test_an_unwritable_output_records_nothing(
    capsys, location, patient_id, sqlite_database: Database, tmp_path: Path
) -> None:
    status, _, err = run(
        capsys,
        "handout", "pre-care", "--patient", str(patient_id), "--treatment-date", T.isoformat(),
        "-o", str(tmp_path / "missing" / "folder" / "x.pdf"), *location,
    )  # fmt: skip
    assert status == 1 and "cannot write" in err
    with sqlite_database.session() as session:
        assert session.scalars(select(GeneratedDocument)).all() == []


def test_a_patient_found_not_a_candidate_is_refused_unless_a_reason_is_recorded(
    capsys, location, sqlite_database, patient_id, tmp_path: Path
) -> None:
    from clinic_app.models import AuditEvent, Consultation, GateOverride

    with sqlite_database.session() as session:
        session.add(
            Consultation(
                patient_id=patient_id,
                status="not_candidate",
                not_candidate_reason="Pregnant: defer until after the birth",
                treatment_date=T,
                answers={"pregnant": True, "active_infection": False},
                completed_at=dt.datetime.now(dt.UTC),
            )
        )
    output = tmp_path / "pre.pdf"
    command = ["handout", "pre-care", "--patient", str(patient_id), "--output", str(output)]
    status, _out, err = run(capsys, *command, *location)
    assert status == 2 and not output.exists()
    assert "not a candidate now: Pregnant: defer until after the birth" in err
    assert "--override-reason" in err

    status, _out, err = run(capsys, *command, "--override-reason", ".", *location)
    assert status == 2 and "too short to be a reason" in err and not output.exists()

    reason = "Pregnancy ended, obstetrician letter seen today, wants to plan for next year"
    status, _out, err = run(capsys, *command, "--override-reason", reason, *location)
    assert status == 0, err
    assert "Override recorded" in err and reason not in text_of(output)
    with sqlite_database.session() as session:
        assert [r.reason for r in session.scalars(select(GateOverride))] == [reason]
        assert session.scalars(select(AuditEvent).where(AuditEvent.action == "override")).first()


def test_a_handout_in_english_for_a_spanish_reader_warns_on_standard_error(
    capsys, sqlite_database: Database, actor, data_dir: Path, tmp_path: Path
) -> None:
    """The Spanish text lacks a key: the whole handout is English, and the command says so."""
    from clinic_app.content import shipped

    own = data_dir / "overrides" / "care" / "es"
    own.mkdir(parents=True)
    common = shipped("care/es/common.toml").read_text(encoding="utf-8")
    (own / "common.toml").write_text(common.replace('label = "Ligera"\n', ""), encoding="utf-8")
    with sqlite_database.session() as session:
        clinic.save(session, actor, ClinicDetails(name="Clínica Sol", phone=PHONE))
        fields = PatientFields("Lucía", "Pérez", dt.date(1980, 3, 14), language="es")
        patient_id = patients.create(session, actor, fields).id
    output = tmp_path / "pre.pdf"
    status, _out, err = run(
        capsys,
        "handout", "pre-care", "--patient", str(patient_id), "--treatment-date", T.isoformat(),
        "--output", str(output), "--db-url", sqlite_database.url, "--data-dir", str(data_dir),
    )  # fmt: skip
    assert status == 0, err
    assert "warning: The pre-care handout is in English" in err
    assert "common.toml intensities.light.label: missing" in err
    assert "Before your CO2 laser treatment" in text_of(output)
