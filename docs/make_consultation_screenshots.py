"""Screenshots of the consultation wizard, page by page, for docs/screens/consultation-*.png.

Run under a virtual screen:
    xvfb-run -a -s "-screen 0 1280x900x24" .venv/bin/python docs/make_consultation_screenshots.py
It builds a throw-away database with one patient, walks the wizard with realistic answers
(relative findings with reasons, cautions), saves it, shows it read-only, and then opens a
second consultation whose review shows findings of all three severities.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from clinic_app.config import sqlite_url
from clinic_app.db import Database
from clinic_app.domain.consultation.consultation_document import load_content, new_document
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.domain.screening.screening import QuestionKind
from clinic_app.services.patients import patients
from clinic_app.services.security.identity import Actor
from clinic_app.services.settings import clinic
from clinic_app.services.settings.clinic import ClinicDetails
from clinic_app.ui.consultation.wizard import ConsultationWizard
from clinic_app.ui.main_window import MainWindow

OUT = Path(__file__).resolve().parent / "screens"
TODAY = dt.date(2026, 11, 20)
TREATMENT = dt.date(2026, 12, 15)


def _settle(app: QApplication, rounds: int = 8) -> None:
    for _ in range(rounds):
        app.processEvents()


def _save(widget: QWidget, name: str) -> None:
    path = OUT / f"consultation-{name}.png"
    widget.grab().save(str(path))
    print(path)


def _document(**screening: Any) -> dict[str, Any]:
    content = load_content()
    answers: dict[str, Any] = {}
    for question in content.rules.questions:
        if question.kind is QuestionKind.MULTI_CHOICE:
            answers[question.id] = []
        elif question.kind is not QuestionKind.CHOICE:
            answers[question.id] = False
    answers |= {
        "fitzpatrick": "IV",
        "glogau": "II",
        "scar_types": ["rolling", "boxcar"],
        "allergies": "Penicillin (rash)",
        "medications": "Levothyroxine 50 µg daily",
        "hsv_history": True,
        "aha_bha": "current",
        "isotretinoin": "2026-02-20",
        "retinoids": "current",
        "fillers": "2026-06-10",
        "treatment_areas": ["cheeks", "perioral", "periorbital"],
        "treatment_date": TREATMENT.isoformat(),
    }
    answers |= screening
    doc = new_document()
    doc["screening"] = answers
    doc["intake"] = {
        "concerns": ["acne_scars", "uneven_texture", "fine_lines"],
        "concern_other": "",
        "goals": "Smoother cheeks before my daughter's wedding in March; "
        "I'd like to wear less make-up.",
        "downtime_accepted": "up_to_1_week",
    }
    doc["plan"] = {
        "intensity": "moderate",
        "sessions_planned": 2,
        "interval_weeks": 6,
        "expected_downtime_days": 7,
        "device_profile_id": "cynosure-smartskin-co2",
        "notes": "Test spot on the jawline at the pre-treatment visit.",
    }
    return doc


def _walk(app: QApplication, wizard: ConsultationWizard, doc: dict[str, Any], shots: bool):
    names = ["1-concerns", "2-skin", "3-history", "4-medications", "5-areas"]
    for name in names:
        page = wizard.currentPage()
        assert page is not None
        page.load(doc)  # type: ignore[attr-defined]
        _settle(app)
        if shots:
            _save(wizard, name)
        wizard.next()
        _settle(app)


def main() -> int:
    app = QApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    actor = Actor("docs:screenshots", role="administrator")
    with tempfile.TemporaryDirectory() as folder:
        database = Database(sqlite_url(Path(folder) / "clinic.db"))
        with database.session() as session:
            clinic.save(
                session, actor, ClinicDetails(name="Clínica Piel Nueva", phone="+1 555 010")
            )
            people = [
                PatientFields(
                    first_name="María José",
                    last_name="Núñez O'Brien",
                    date_of_birth=dt.date(1984, 3, 27),
                ),
                PatientFields(
                    first_name="Aoife", last_name="Ní Bhriain", date_of_birth=dt.date(1991, 8, 2)
                ),
            ]
            ids = [patients.create(session, actor, person).id for person in people]
        window = MainWindow(database, actor)
        window.consultations.today = TODAY
        window.resize(1100, 700)
        window.show()
        _settle(app)

        # 1. A consultation walked to the end: relative findings with reasons, cautions.
        window.open_patient(ids[0])
        window.consultations.new_consultation()
        wizard = window.consultations.wizard
        assert wizard is not None
        wizard.resize(1040, 860)
        doc = _document()
        _walk(app, wizard, doc, shots=True)
        review = wizard.review
        _save(wizard, "6-review-reason-required")
        reasons = {
            "aha_bha": "Stops AHA/BHA today; 25 days before the treatment.",
            "isotretinoin": "Dermatologist's letter: course ended Feb 2026, skin healed well.",
        }
        for rule_id, card in review.cards.items():
            if card.reason is not None:
                card.reason.setText(reasons.get(rule_id, "Discussed with the patient."))
        wizard.next()
        _settle(app)
        assert wizard.currentPage() is wizard.plan, "review refused"
        wizard.plan.load(doc)
        wizard.plan.initializePage()
        _settle(app)
        _save(wizard, "7-plan")
        wizard.next()
        _settle(app)
        _save(wizard, "8-summary")
        wizard.accept()  # Finish: checks and saves the consultation
        _settle(app)

        window.open_patient(ids[0])
        _settle(app)
        _save(window, "9-patient-page")
        item = window.patient_page.consultations.item(0)
        window.patient_page.consultations.itemActivated.emit(item)
        _settle(app)
        view = window.consultations.view
        assert view is not None
        _save(view, "10-read-only")
        view.reject()
        _settle(app)

        # 2. Findings of all three severities: the plan is blocked.
        window.open_patient(ids[1])
        window.consultations.new_consultation()
        wizard = window.consultations.wizard
        assert wizard is not None
        wizard.resize(1040, 860)
        blocked = _document(
            pregnant=True, keloid_history=True, fitzpatrick="V", aha_bha=False, isotretinoin=False
        )
        _walk(app, wizard, blocked, shots=False)
        _save(wizard, "review-all-severities")
        wizard.next()
        _settle(app)
        _save(wizard, "review-blocked-refused")
        wizard.reject()
        _settle(app)

        # 3. Next refused on the history page, naming the unanswered question.
        window.open_patient(ids[0])
        window.consultations.new_consultation()
        wizard = window.consultations.wizard
        assert wizard is not None
        wizard.resize(1040, 860)
        partial = _document()
        del partial["screening"]["diabetes"]
        for _ in range(2):
            wizard.currentPage().load(partial)  # type: ignore[union-attr]
            wizard.next()
        wizard.currentPage().load(partial)  # type: ignore[union-attr]
        wizard.next()
        _settle(app)
        _save(wizard, "3-history-refused")
        wizard.reject()
        _settle(app)
        window.close()
        database.close()
    QTimer.singleShot(0, app.quit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
