"""A start of the window brings search terms stored by an older release up to date, in a
worker thread once the services are loaded (docs/search.md), and the list then finds them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import delete, select, update

from clinic_app.config import resolve_config
from clinic_app.db import Database
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.models import AppSetting, Patient, PatientSearchTerm
from clinic_app.services.patients import patients, search_index
from clinic_app.services.security import auth, users
from clinic_app.services.security.identity import Actor
from clinic_app.services.settings import clinic
from clinic_app.services.settings.clinic import ClinicDetails
from clinic_app.ui import app as app_module
from clinic_app.ui.security.login_dialog import LoginDialog

PASSWORD = "correct horse 7"
# What release 0003 stored for María Núñez-O'Brien born 1984-03-27 (no "obrien", no "o'brien").
OLD_TERMS = ["1984-03-27", "brien", "maria", "nunez-o'brien", "nunezobrien", "o"]


def _older_release_database(url: str) -> int:
    database = Database(url)
    setup = Actor("setup", role="administrator")
    with database.session() as session:
        users.add(session, setup, "maria", "administrator", PASSWORD, "María López")
        clinic.save(session, setup, ClinicDetails(name="Clinic", phone="+1 555 010 2030"))
        fields = PatientFields("María", "Núñez-O'Brien", dt.date(1984, 3, 27))
        patient = patients.create(session, setup, fields)
        session.flush()
        patient_id, key = patient.id, patient.sort_key
    with database.session() as session:
        session.execute(
            update(Patient).where(Patient.id == patient_id).values(search_key=" ".join(OLD_TERMS))
        )
        session.execute(delete(PatientSearchTerm))
        session.add_all(
            PatientSearchTerm(term=t, sort_key=key, patient_id=patient_id) for t in OLD_TERMS
        )
        session.execute(delete(AppSetting).where(AppSetting.key == search_index.VERSION_KEY))
    database.close()
    return patient_id


def test_a_start_recomputes_the_terms_of_an_older_release(
    qtbot, dialogs, monkeypatch, tmp_path: Path, list_ready
) -> None:  # type: ignore[no-untyped-def]
    config = resolve_config(tmp_path / "data", None, environ={})
    patient_id = _older_release_database(config.db_url)

    def login(cls, db, parent=None):  # type: ignore[no-untyped-def]
        with db.session() as session:
            return auth.sign_in(session, "maria", PASSWORD).user

    monkeypatch.setattr(LoginDialog, "ask", classmethod(login))
    started = app_module.start(config, dialogs)
    assert not isinstance(started, int)
    try:
        window = started.window

        def current() -> bool:
            with started.database.reading() as reader:
                return search_index.is_current(reader)

        qtbot.waitUntil(current, timeout=30_000)
        window.list_page.search.setText("obrien")
        qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)
        list_ready(window)
        assert window.model.rowCount() == 1
        with started.database.session() as session:
            assert patient_id in {row.id for row in patients.find(session, "nunez o'brien")}
            assert "o'brien" in session.scalar(select(Patient.search_key))
    finally:
        started.window.close()
        started.close()
