"""Demo patients: realistic, accented, audited and reproducible."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from clinic_app.db import Database
from clinic_app.domain.text import fold, patient_terms
from clinic_app.models import AuditEvent, Patient, PatientSearchTerm
from clinic_app.services.demo import demo
from clinic_app.services.patients import patients
from clinic_app.services.security.identity import Actor

TODAY = dt.date(2026, 6, 15)


def names_of(database: Database) -> list[tuple[str, str, dt.date]]:
    with database.session() as session:
        return [
            (p.first_name, p.last_name, p.date_of_birth)
            for p in session.scalars(select(Patient).order_by(Patient.id))
        ]


def test_seed_adds_n_searchable_patients_each_with_an_audit_event(database, actor) -> None:
    progress: list[tuple[int, int]] = []
    with database.session() as session:
        added = demo.seed_patients(
            session, actor, 300, seed=7, today=TODAY, progress=lambda d, t: progress.append((d, t))
        )
    assert added == 300
    assert progress[-1] == (300, 300)
    with database.session() as session:
        assert patients.count(session) == 300
        created = session.execute(
            select(AuditEvent.entity_id, AuditEvent.actor).where(
                AuditEvent.action == "create", AuditEvent.entity_type == "patient"
            )
        ).all()
        ids = set(session.scalars(select(Patient.id)))
        assert sorted(entity_id for entity_id, _ in created) == sorted(ids)
        assert {name for _, name in created} == {actor.name}
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == 300
        every = session.scalars(select(Patient)).all()
        for patient in every:
            assert patient.sort_key == f"{fold(patient.last_name)} {fold(patient.first_name)}"
            assert 21 <= (TODAY - patient.date_of_birth).days / 365.25 <= 79
        # The stored search keys work with the ordinary search.
        sample = every[0]
        found = patients.find(session, f"{sample.first_name} {sample.last_name}", limit=1000)
        assert sample.id in {row.id for row in found}


def test_demo_patients_are_indexed_like_registered_ones(database, actor) -> None:
    with database.session() as session:
        demo.seed_patients(session, actor, 120, seed=3, today=TODAY)
    with database.session() as session:
        index = PatientSearchTerm
        rows = session.execute(select(index.term, index.sort_key, index.patient_id))
        stored = {(term, key, patient_id) for term, key, patient_id in rows}
        expected = set()
        for p in session.scalars(select(Patient)):
            terms = patient_terms(p.first_name, p.last_name, p.date_of_birth, p.phone, p.email)
            assert p.search_key == " ".join(terms)
            expected |= {(term, p.sort_key, p.id) for term in terms}
    assert stored == expected


def test_names_include_accents(database, actor) -> None:
    with database.session() as session:
        demo.seed_patients(session, actor, 300, seed=7, today=TODAY)
    full_names = [f"{first} {last}" for first, last, _ in names_of(database)]
    accented = [name for name in full_names if fold(name) != name.lower()]
    assert len(accented) >= 30, accented


def test_same_seed_same_patients_other_seed_other_patients(tmp_path, actor: Actor) -> None:
    def seeded(name: str, seed: int) -> list[tuple[str, str, dt.date]]:
        database = Database(f"sqlite:///{tmp_path / name}")
        try:
            with database.session() as session:
                demo.seed_patients(session, actor, 50, seed=seed, today=TODAY)
            return names_of(database)
        finally:
            database.close()

    first = seeded("a.db", 11)
    assert seeded("b.db", 11) == first
    assert seeded("c.db", 12) != first


def test_more_than_one_batch(sqlite_database: Database, actor: Actor, monkeypatch) -> None:
    monkeypatch.setattr(demo, "BATCH_SIZE", 40)
    with sqlite_database.session() as session:
        assert demo.seed_patients(session, actor, 95, today=TODAY) == 95
    with sqlite_database.session() as session:
        assert patients.count(session) == 95
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == 95
