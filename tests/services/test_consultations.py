"""Consultation use cases on both backends: drafts, completion, not a candidate, amendments."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from consultation_samples import TREATMENT, complete_document
from sqlalchemy import select

from clinic_app.db import Database
from clinic_app.domain.consultation.consultation_document import ConsultationContent, load_content
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.models import AuditEvent, Consultation, ScreeningFinding, TreatmentPlan
from clinic_app.services.consultation import (
    consultation_amendments,
    consultation_completion,
    consultation_drafts,
    consultations,
)
from clinic_app.services.errors import StaleRecordError, ValidationError
from clinic_app.services.patients import patient_overview, patients
from clinic_app.services.security.identity import Actor


@pytest.fixture(scope="module")
def content() -> ConsultationContent:
    return load_content(None)


@pytest.fixture
def patient_id(database: Database, actor: Actor) -> int:
    fields = PatientFields(first_name="Zoë", last_name="Ñúñez", date_of_birth=dt.date(1984, 3, 27))
    with database.session() as session:
        return patients.create(session, actor, fields).id


def start(database: Database, actor: Actor, patient_id: int, doc=None) -> int:
    with database.session() as session:
        return consultation_drafts.start(session, actor, patient_id, doc).id


def audit_trail(database: Database, consultation_id: int) -> list[tuple[str, str]]:
    with database.session() as session:
        rows = session.scalars(
            select(AuditEvent)
            .where(
                AuditEvent.entity_type == "consultation", AuditEvent.entity_id == consultation_id
            )
            .order_by(AuditEvent.id)
        )
        return [(e.action, e.summary) for e in rows]


# ---- drafts ----------------------------------------------------------------------------------


def test_draft_is_saved_found_and_resumed_with_every_answer(database, actor, patient_id):
    consultation_id = start(database, actor, patient_id)
    doc = {
        "intake": {"concerns": ["wrinkles"], "goals": "Menos arrugas, «por favor»"},
        "screening": {"pregnant": False, "fitzpatrick": "III", "treatment_date": "2026-12-15"},
        "page": "history",
    }
    with database.session() as session:
        saved = consultation_drafts.save_draft(
            session, actor, consultation_id, doc, expected_version=1
        )
        assert saved.version == 2
    with database.session() as session:
        draft = consultations.find_open_draft(session, patient_id)
        assert draft is not None
        assert (draft.id, draft.page, draft.version) == (consultation_id, "history", 2)
        record = consultations.load(session, consultation_id)
    assert record.status == "draft" and not record.read_only
    assert record.treatment_date == dt.date(2026, 12, 15)
    assert record.document["screening"]["pregnant"] is False, "no is stored as no"
    assert "breastfeeding" not in record.document["screening"], "not asked stays not asked"
    assert record.document["intake"]["goals"] == "Menos arrugas, «por favor»"
    assert audit_trail(database, consultation_id) == [
        ("create", "consultation started"),
        ("update", "draft saved (page history)"),
    ]


def test_saving_an_unchanged_draft_writes_nothing(database, actor, patient_id):
    consultation_id = start(database, actor, patient_id, {"page": "skin"})
    with database.session() as session:
        doc = consultations.load(session, consultation_id).document
        consultation_drafts.save_draft(session, actor, consultation_id, doc)
    assert [a for a, _ in audit_trail(database, consultation_id)] == ["create"]


def test_a_stale_draft_save_is_refused(database, actor, patient_id):
    consultation_id = start(database, actor, patient_id)
    with database.session() as session:
        consultation_drafts.save_draft(session, actor, consultation_id, {"page": "skin"})
    with pytest.raises(StaleRecordError), database.session() as session:
        consultation_drafts.save_draft(
            session, actor, consultation_id, {"page": "history"}, expected_version=1
        )


def test_one_open_draft_per_patient(database, actor, patient_id):
    first = start(database, actor, patient_id)
    with pytest.raises(consultations.DraftExistsError) as caught, database.session() as session:
        consultation_drafts.start(session, actor, patient_id)
    assert caught.value.draft_id == first
    with database.session() as session:
        consultation_drafts.abandon(session, actor, first)
    second = start(database, actor, patient_id)
    with database.session() as session:
        assert consultations.find_open_draft(session, patient_id).id == second
        assert consultations.load(session, first).status == "abandoned"


# ---- completing ------------------------------------------------------------------------------


def test_complete_stores_findings_with_decisions_and_the_plan(database, actor, patient_id, content):
    actor = Actor("test:esthetician")
    doc = complete_document(content, aha_bha="current", hsv_history=True)
    doc["reasons"] = {"aha_bha": "Patient stops AHA/BHA today; 3 weeks before the date."}
    consultation_id = start(database, actor, patient_id)
    with database.session() as session:
        consultation_completion.complete(
            session, actor, consultation_id, doc, content, expected_version=1,
            today=dt.date(2026, 11, 24),  # three weeks before: time to stop by 1 Dec
        )  # fmt: skip
    with database.session() as session:
        consultation = session.get(Consultation, consultation_id)
        assert consultation.status == "completed" and consultation.completed_at is not None
        assert consultation.treatment_date == TREATMENT
        rows = {f.rule_id: f for f in session.scalars(select(ScreeningFinding))}
        plan = session.scalars(select(TreatmentPlan)).one()
    aha = rows["aha_bha"]
    assert (aha.rule_version, aha.severity, aha.decision) == (1, "relative", "proceed")
    assert aha.reason.startswith("Patient stops AHA/BHA today")
    assert aha.advice == "Stop AHA/BHA products by Tue 1 Dec 2026."
    assert aha.due_date == dt.date(2026, 12, 1)
    assert "domain.md" in aha.source and aha.decided_at is not None
    hsv = rows["hsv_history"]
    assert (hsv.severity, hsv.decision, hsv.reason) == ("caution", "noted", "")
    assert "Sun 13 Dec 2026" in hsv.advice
    assert (plan.intensity, plan.sessions_planned, plan.interval_weeks) == ("moderate", 2, 6)
    assert plan.device_profile_id == "deka-smartxide-dot"
    # Placeholder price list: cheeks 1 300 + perioral 800 per moderate session, two sessions.
    assert plan.price_estimate == Decimal("4200.00") and plan.currency == "USD"
    assert plan.areas["areas"] == ["cheeks", "perioral"]
    assert plan.areas["price"]["placeholder"] is True
    # The answers column is an answers document (docs/screening.md) that sessions and handouts
    # read; the rest of the consultation sits under one reserved key.
    stored = consultation.answers
    assert stored["aha_bha"] == "current" and stored["treatment_date"] == "2026-12-15"
    assert stored["_consultation"]["finding_titles"]["aha_bha"] == "AHA/BHA products within 14 days"
    assert stored["_consultation"]["intake"]["concerns"] == ["acne_scars", "fine_lines"]
    assert audit_trail(database, consultation_id)[-1] == ("complete", "consultation completed")


def test_relative_finding_without_a_reason_is_refused_naming_it(
    database, actor, patient_id, content
):
    doc = complete_document(content, keloid_history=True)
    consultation_id = start(database, actor, patient_id)
    with pytest.raises(ValidationError) as caught, database.session() as session:
        consultation_completion.complete(session, actor, consultation_id, doc, content)
    assert set(caught.value.errors) == {"reasons.keloid_history"}
    assert (
        "History of keloid or hypertrophic scars" in caught.value.errors["reasons.keloid_history"]
    )
    doc["reasons"] = {"keloid_history": "   "}
    with pytest.raises(ValidationError), database.session() as session:
        consultation_completion.complete(session, actor, consultation_id, doc, content)
    with database.session() as session:
        assert consultations.load(session, consultation_id).status == "draft"
        assert session.scalars(select(ScreeningFinding)).all() == []


def test_unanswered_question_and_missing_plan_are_refused(database, actor, patient_id, content):
    doc = complete_document(content)
    del doc["screening"]["smoker"]
    doc["plan"] = {"intensity": "extreme", "sessions_planned": 4}
    consultation_id = start(database, actor, patient_id)
    with pytest.raises(ValidationError) as caught, database.session() as session:
        consultation_completion.complete(session, actor, consultation_id, doc, content)
    errors = caught.value.errors
    assert errors["screening.smoker"] == "Smokes: not answered."
    assert {"plan.intensity", "plan.sessions_planned", "plan.device_profile_id"} <= set(errors)


def test_absolute_finding_blocks_completion_but_not_candidate_is_saved(
    database, actor, patient_id, content
):
    doc = complete_document(content, pregnant=True, hsv_history=True)
    consultation_id = start(database, actor, patient_id)
    with pytest.raises(ValidationError) as caught, database.session() as session:
        consultation_completion.complete(session, actor, consultation_id, doc, content)
    assert "blocks the plan" in caught.value.errors["findings.pregnancy"]
    with pytest.raises(ValidationError) as caught, database.session() as session:
        consultation_completion.save_not_candidate(
            session, actor, consultation_id, doc, "  ", content
        )
    assert set(caught.value.errors) == {"not_candidate_reason"}

    reason = "Pregnant: screen again after the pregnancy."
    with database.session() as session:
        consultation_completion.save_not_candidate(
            session, actor, consultation_id, doc, reason, content
        )
    with database.session() as session:
        record = consultations.load(session, consultation_id)
        assert session.scalars(select(TreatmentPlan)).all() == []
    assert record.status == "not_candidate" and record.read_only
    assert record.not_candidate_reason == reason
    decisions = {f.rule_id: (f.severity, f.decision, f.reason) for f in record.findings}
    assert decisions["pregnancy"] == ("absolute", "not_candidate", reason)
    assert decisions["hsv_history"] == ("caution", "noted", "")
    assert audit_trail(database, consultation_id)[-1] == (
        "complete",
        "saved: not a candidate now",
    )


def test_completed_consultation_is_read_only(database, actor, patient_id, content):
    consultation_id = start(database, actor, patient_id)
    doc = complete_document(content)
    with database.session() as session:
        consultation_completion.complete(session, actor, consultation_id, doc, content)
    for change in (
        lambda s: consultation_drafts.save_draft(s, actor, consultation_id, {"page": "skin"}),
        lambda s: consultation_completion.complete(s, actor, consultation_id, doc, content),
        lambda s: consultation_completion.save_not_candidate(
            s, actor, consultation_id, doc, "x", content
        ),
        lambda s: consultation_drafts.abandon(s, actor, consultation_id),
    ):
        with pytest.raises(consultations.ConsultationClosedError), database.session() as s:
            change(s)


# ---- amendments ------------------------------------------------------------------------------


def test_amendment_is_a_new_consultation_and_keeps_the_original(
    database, actor, patient_id, content
):
    original_id = start(database, actor, patient_id)
    doc = complete_document(content)
    with database.session() as session:
        consultation_completion.complete(session, actor, original_id, doc, content)
        before = consultations.load(session, original_id)

    with database.session() as session:
        amendment_id = consultation_amendments.amend(session, actor, original_id).id
    with database.session() as session:
        draft = consultations.load(session, amendment_id)
    assert draft.amends_id == original_id and draft.status == "draft"
    assert draft.document["screening"] == before.document["screening"], "answers carried over"

    corrected = dict(draft.document)
    corrected["screening"] = dict(draft.document["screening"], smoker=True)
    with database.session() as session:
        consultation_completion.complete(session, actor, amendment_id, corrected, content)
    with database.session() as session:
        after = consultations.load(session, original_id)
        amended = consultations.load(session, amendment_id)
        overview = patient_overview.load(session, patient_id)
    assert after == dataclasses.replace(before, amended_by=(amendment_id,))
    assert {f.rule_id for f in amended.findings} == {"smoking"}
    assert [f.rule_id for f in after.findings] == []
    assert [(line.id, line.status) for line in overview.consultations] == [
        (amendment_id, "completed"),
        (original_id, "completed"),
    ]
    assert audit_trail(database, amendment_id)[0] == (
        "amend",
        f"amendment of consultation #{original_id} started",
    )


def test_a_draft_cannot_be_amended(database, actor, patient_id):
    consultation_id = start(database, actor, patient_id)
    with pytest.raises(consultations.ConsultationClosedError), database.session() as session:
        consultation_amendments.amend(session, actor, consultation_id)
