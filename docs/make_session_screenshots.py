"""Screenshots of the session editor and the session history, for docs/screens/.

Run under a virtual screen:
    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/make_session_screenshots.py

The editor keeps the size it gives itself on that screen (a 1366×768 laptop). SCREENS_OUT
names another folder (e.g. to compare with an older release).
It builds a throw-away database: one patient with a completed consultation (3 sessions planned,
every 4 weeks) and two signed sessions; the third is recorded in the editor by copying the
second, raising power on the cheeks (highlighted, last value under it) and on the neck (past
the neck's caution threshold, acknowledged with a reason), then signed for the history chart.
A second patient's first session shows a danger: the burn case with one pass on the cheeks,
confirmed as checked, with a reason too thin to pass.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy.orm import Session

from clinic_app.config import sqlite_url
from clinic_app.db import Database
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.domain.screening.screening import QuestionKind, load_rules
from clinic_app.domain.sessions.session_record import AreaSettings, SessionInput
from clinic_app.models import Consultation, ScreeningFinding, TreatmentPlan
from clinic_app.services.patients import patients
from clinic_app.services.security.identity import Actor
from clinic_app.services.sessions import session_drafts, session_signing
from clinic_app.services.sessions.session_resources import load_resources
from clinic_app.services.settings import clinic
from clinic_app.services.settings.clinic import ClinicDetails
from clinic_app.ui.main_window import MainWindow

OUT = Path(os.environ.get("SCREENS_OUT") or Path(__file__).resolve().parent / "screens")
TZ = ZoneInfo("America/New_York")
NOW = dt.datetime(2026, 1, 9, 10, 40, tzinfo=TZ)  # 3 weeks 4 days after session 2
DEVICE = "deka-smartxide-dot"


def _nothing_new() -> dict[str, object]:
    """Every re-check question answered: "no", or "nothing new" for a time window."""
    from clinic_app.domain.screening.screening import QuestionKind, load_rules
    from clinic_app.domain.sessions.session_content import load_session_content
    from clinic_app.domain.sessions.session_recheck import recheck_questions

    questions = recheck_questions(load_rules(), load_session_content())
    return {q.id: False if q.kind is QuestionKind.YES_NO else "no" for q in questions}


NOTHING_NEW = _nothing_new()


def _settle(app: QApplication, rounds: int = 8) -> None:
    for _ in range(rounds):
        app.processEvents()


def _save(widget: QWidget, name: str) -> None:
    path = OUT / name
    widget.grab().save(str(path))
    print(path)


def _answers() -> dict[str, object]:
    answers: dict[str, object] = {}
    for question in load_rules().questions:
        if question.kind is QuestionKind.CHOICE:
            answers[question.id] = "III" if question.id == "fitzpatrick" else "II"
        elif question.kind is QuestionKind.MULTI_CHOICE:
            areas = ["cheeks", "forehead", "perioral", "neck"]
            answers[question.id] = areas if question.id == "treatment_areas" else ["rolling"]
        else:
            answers[question.id] = False
    answers["hsv_history"] = True
    return answers


def _area(name: str, power: float, dwell: float, spacing: float, stack: int) -> AreaSettings:
    return AreaSettings(
        area=name,
        power_w=power,
        dwell_us=dwell,
        spacing_um=spacing,
        stack=stack,
        passes=1,
        scan_pattern="square",
        scan_size="10 x 10 mm",
        endpoint="Even erythema",
        reaction="Erythema, expected",
    )


SESSIONS = (
    (
        dt.datetime(2025, 11, 17, 9, 30, tzinfo=TZ),
        (
            _area("cheeks", 12, 600, 550, 1),
            _area("forehead", 10, 500, 500, 1),
            _area("perioral", 8, 500, 450, 2),
            _area("neck", 6, 400, 650, 1),
        ),
    ),
    (
        dt.datetime(2025, 12, 15, 9, 45, tzinfo=TZ),
        (
            _area("cheeks", 14, 700, 500, 1),
            _area("forehead", 12, 600, 500, 1),
            _area("perioral", 10, 600, 450, 2),
            _area("neck", 8, 500, 600, 1),
        ),
    ),
)


def _give_consent(session: Session, actor: Actor, patient_id: int, when: dt.datetime) -> None:
    """The patient signs the informed consent, as a session's signing requires (issue 14)."""
    from clinic_app.domain.consent.consent_document import load_document
    from clinic_app.domain.consent.consent_record import Signature
    from clinic_app.services.consent import consent_drafts, consents

    rules, document = load_rules(), load_document()
    strokes = (tuple((10.0 + i * 8, 50.0 + (i % 3) * 10) for i in range(12)),)
    consents.record(
        session,
        actor,
        consent_drafts.prepare(session, patient_id, rules, document),
        patient=consents.Signer("Camille Laurent-Núñez", Signature(300.0, 100.0, strokes)),
        witness=consents.Signer("Dr. Ana Ruiz", Signature(300.0, 100.0, strokes)),
        photo_clinical=True,
        photo_marketing=False,
        rules=rules,
        document=document,
        now=when,
    )


def _seed(database: Database, actor: Actor) -> int:
    resources = load_resources()
    with database.session() as session:
        clinic.save(
            session,
            actor,
            ClinicDetails(name="Clínica Piel Nueva", phone="+1 555 010 2030", paper_size="Letter"),
        )
        patient = patients.create(
            session,
            actor,
            PatientFields(
                first_name="Camille", last_name="Laurent-Núñez", date_of_birth=dt.date(1978, 6, 4)
            ),
        )
        consultation = Consultation(
            patient_id=patient.id,
            status="completed",
            treatment_date=dt.date(2025, 11, 17),
            answers=_answers(),
            started_at=dt.datetime(2025, 11, 3, 14, 0, tzinfo=TZ),
            completed_at=dt.datetime(2025, 11, 3, 14, 50, tzinfo=TZ),
        )
        consultation.plan = TreatmentPlan(
            intensity="moderate",
            sessions_planned=3,
            interval_weeks=4,
            device_profile_id=DEVICE,
            areas={"areas": ["cheeks", "forehead", "perioral", "neck"]},
        )
        consultation.findings.append(
            ScreeningFinding(
                rule_id="hsv_history",
                rule_version=1,
                severity="caution",
                message="Resurfacing can trigger a cold sore outbreak in the treated area.",
            )
        )
        session.add(consultation)
        session.flush()
        _give_consent(session, actor, patient.id, dt.datetime(2025, 11, 3, 14, 55, tzinfo=TZ))
        for when, areas in SESSIONS:
            data = SessionInput(
                patient_id=patient.id,
                performed_at=when,
                device_profile_id=DEVICE,
                areas=areas,
                consultation_id=consultation.id,
                intensity="moderate",
                anaesthetic_product="BLT cream (benzocaine 20 %, lidocaine 8 %, tetracaine 4 %)",
                anaesthetic_applied_at=when - dt.timedelta(minutes=50),
                anaesthetic_removed_at=when - dt.timedelta(minutes=5),
                recheck_answers=NOTHING_NEW,
            )
            draft = session_drafts.save(session, actor, data, resources, now=when)
            session_signing.sign(
                session, actor, draft.id, resources, expected_version=draft.version, now=when
            )
        return patient.id


def _seed_danger_patient(database: Database, actor: Actor) -> int:
    with database.session() as session:
        patient = patients.create(
            session,
            actor,
            PatientFields(first_name="Inès", last_name="Moreau", date_of_birth=dt.date(1981, 2, 9)),
        )
        consultation = Consultation(
            patient_id=patient.id,
            status="completed",
            treatment_date=NOW.date(),
            answers=_answers(),
            started_at=NOW - dt.timedelta(days=20, hours=1),
            completed_at=NOW - dt.timedelta(days=20),
        )
        consultation.plan = TreatmentPlan(
            intensity="deep",
            sessions_planned=1,
            interval_weeks=4,
            device_profile_id=DEVICE,
            areas={"areas": ["cheeks", "periorbital"]},
        )
        session.add(consultation)
        session.flush()
        return patient.id


def _danger(app: QApplication, window: MainWindow, patient_id: int) -> None:
    window.open_patient(patient_id)
    _settle(app)
    window.sessions.record_session()
    editor = window.sessions.editor
    assert editor is not None
    editor.move(10, 10)
    editor.recheck.set_answers(NOTHING_NEW)
    rows = editor.areas.rows
    typed = (("30", "1800", "450", "1", "1"), ("10", "400", "700", "1", "1"))
    for row, values in zip(rows, typed, strict=True):
        for edit, text in zip(row.fields.values(), values, strict=True):
            edit.setText(text)
        row.scans["scan_pattern"].setCurrentIndex(1)
        row.scans["scan_size"].setCurrentIndex(2)
    editor._refresh()
    editor.sign()  # refused before asking: the danger is not confirmed
    rows[0].confirm.setChecked(True)
    rows[0].reason.setText("Patient wants it")
    editor.sign()  # refused: too thin a reason for a danger
    _settle(app)
    _save(editor, "session-editor-danger.png")
    editor.done(0)
    _settle(app)


def main() -> int:
    os.environ["TZ"] = "America/New_York"  # the clinic's clock, whatever the machine's
    time.tzset()
    app = QApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    actor = Actor("Dr. Ana Ruiz", role="administrator")
    with tempfile.TemporaryDirectory() as folder:
        database = Database(sqlite_url(Path(folder) / "clinic.db"))
        patient_id = _seed(database, actor)
        danger_patient = _seed_danger_patient(database, actor)
        window = MainWindow(database, actor)
        window.sessions._clock = lambda: NOW
        window.show()
        window.open_patient(patient_id)
        _settle(app)

        window.sessions.record_session()
        editor = window.sessions.editor
        assert editor is not None
        editor.move(10, 10)
        editor.copy_last()
        editor.applied.setText("09:50")
        editor.removed.setText("10:35")
        editor.recheck.set_answers(NOTHING_NEW)
        rows = editor.areas.rows
        rows[0].fields["power_w"].setText("16")
        rows[0].fields["spacing_um"].setText("450")
        rows[3].fields["power_w"].setText("20")
        rows[3].reason.setText("Neck laxity improving slowly; test pass at 20 W tolerated")
        for index in range(len(rows)):
            editor.areas._refresh(index)
            rows[index].endpoint.setCurrentText("Even erythema")
            rows[index].reaction.setCurrentText("Erythema, expected")
        editor._refresh()
        _settle(app)
        rows[0].fields["power_w"].setFocus()
        _settle(app)
        _save(editor, "session-editor-difference-and-caution.png")

        editor._dialogs.confirm = lambda *args, **kwargs: True  # type: ignore[method-assign]
        editor.sign()
        _settle(app)
        _save(editor, "session-editor-signed.png")
        editor.done(0)
        _settle(app)

        window.sessions.show_history()
        history = window.sessions.history
        assert history is not None
        history.move(10, 10)
        history.resize(1260, 860)
        _settle(app, 20)
        _save(history, "session-history-chart.png")
        history.done(0)
        _settle(app)
        _danger(app, window, danger_patient)
        window.close()
        database.close()
    QTimer.singleShot(0, app.quit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
