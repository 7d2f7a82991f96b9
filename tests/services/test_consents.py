"""Informed consent on both backends: frozen with its hash, refused when unsigned, withdrawn by
a new record, re-asked when the plan, the findings or the text's major version change, and a
row changed behind the app's back found by the audit check."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
import sqlalchemy as sa
from session_factories import add_consultation, all_no_answers, give_consent, scribble

from clinic_app.db import Database
from clinic_app.domain.consent.consent_document import load_document
from clinic_app.domain.consent.consent_record import Signature
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.domain.screening.screening import load_rules
from clinic_app.models import AuditEvent, Consent, TreatmentPlan
from clinic_app.services.consent import consent_drafts, consent_integrity, consents
from clinic_app.services.consent.consent_state import (
    FINDINGS_CHANGED,
    PLAN_CHANGED,
    ConsentState,
    state_for,
)
from clinic_app.services.consent.photo_permission import PhotoPermission, photo_permission
from clinic_app.services.errors import ValidationError
from clinic_app.services.patients import patients
from clinic_app.services.security.identity import Actor

NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
RULES = load_rules()
DOCUMENT = load_document()


@pytest.fixture
def patient_id(database: Database, actor: Actor) -> int:
    with database.session() as session:
        fields = PatientFields(
            first_name="Maya", last_name="Ortiz", date_of_birth=dt.date(1988, 1, 9)
        )
        pid = patients.create(session, actor, fields).id
        add_consultation(session, pid, consent=False)
        return pid


def _state(database: Database, patient_id: int) -> tuple[ConsentState, tuple[str, ...]]:
    with database.session() as session:
        status = state_for(session, patient_id, RULES, DOCUMENT)
        return status.state, status.reasons


def test_a_signed_consent_is_frozen_with_a_hash_that_verifies(database, actor, patient_id):
    assert _state(database, patient_id)[0] is ConsentState.MISSING
    with database.session() as session:
        view = give_consent(session, patient_id, actor=actor, when=NOW)
    with database.session() as session:
        row = session.get(Consent, view.id)
        assert row is not None
        assert row.sha256 == consents.row_hash(row) == view.sha256
        assert row.text.startswith("# " + DOCUMENT.title)
        assert row.patient_png.startswith(b"\x89PNG")
        assert row.signed_at == NOW
        event = session.scalars(
            sa.select(AuditEvent).where(AuditEvent.entity_type == "consent")
        ).one()
        assert event.action == "sign" and view.sha256 in event.summary
        assert consent_integrity.verify(session).ok
    assert _state(database, patient_id) == (ConsentState.VALID, ())


def test_an_empty_signature_or_a_dot_for_a_name_is_refused_at_its_field(
    database, actor, patient_id
):
    with database.session() as session:
        draft = consent_drafts.prepare(session, patient_id, RULES, DOCUMENT)
        with pytest.raises(ValidationError) as refused:
            consents.record(
                session,
                actor,
                draft,
                patient=consents.Signer(".", Signature(300, 100)),
                witness=consents.Signer("Dana Witness", scribble()),
                photo_clinical=False,
                photo_marketing=True,
                rules=RULES,
                document=DOCUMENT,
            )
    assert set(refused.value.errors) == {"patient_name", "patient_signature", "photo_marketing"}
    with database.session() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(Consent)) == 0


def test_a_draft_out_of_date_is_refused(database, actor, patient_id):
    with database.session() as session:
        draft = consent_drafts.prepare(session, patient_id, RULES, DOCUMENT)
        stale = dataclasses.replace(draft, text=draft.text + "extra")
        with pytest.raises(ValidationError) as refused:
            consents.record(
                session,
                actor,
                stale,
                patient=consents.Signer("Maya Ortiz", scribble()),
                witness=consents.Signer("Dana Witness", scribble()),
                photo_clinical=True,
                photo_marketing=False,
                rules=RULES,
                document=DOCUMENT,
            )
    assert set(refused.value.errors) == {"text"}


def test_editing_a_stored_consent_is_found_by_the_audit_check(database, actor, patient_id):
    with database.session() as session:
        view = give_consent(session, patient_id, actor=actor)
    assert not hasattr(consents, "update")  # the service offers no way to change one
    with database.session() as session:  # behind the app's back: plain SQL
        session.execute(
            sa.update(Consent).where(Consent.id == view.id).values(photo_marketing=True)
        )
    with database.session() as session:
        check = consent_integrity.verify(session)
    assert not check.ok and check.first_bad_id == view.id
    assert "changed after it was signed" in check.message


def test_withdrawal_is_a_new_dated_record_and_takes_the_photo_permission_back(
    database, actor, patient_id
):
    with database.session() as session:
        view = give_consent(session, patient_id, actor=actor, photo=True, marketing=True)
    with database.session() as session:
        assert photo_permission(session, patient_id) == PhotoPermission(
            clinical=True, marketing=True, consent_id=view.id, signed_at=view.signed_at
        )
        with pytest.raises(ValidationError):
            consents.withdraw(session, actor, patient_id, "  ")
    with database.session() as session:
        withdrawal_id = consents.withdraw(session, actor, patient_id, "changed her mind", now=NOW)
    with database.session() as session:
        assert photo_permission(session, patient_id) == PhotoPermission(False, False, None, None)
        stored = session.get(Consent, view.id)
        assert stored is not None and stored.kind == "consent"  # the signed row is unchanged
        withdrawal = session.get(Consent, withdrawal_id)
        assert withdrawal is not None
        assert (withdrawal.withdraws_id, withdrawal.reason) == (view.id, "changed her mind")
        assert consent_integrity.verify(session).checked == 2
    assert _state(database, patient_id)[0] is ConsentState.MISSING


def test_a_changed_plan_or_new_findings_ask_for_a_new_consent(database, actor, patient_id):
    with database.session() as session:
        give_consent(session, patient_id, actor=actor)
        plan = session.scalars(sa.select(TreatmentPlan)).one()
        plan.intensity = "deep"
    state, reasons = _state(database, patient_id)
    assert state is ConsentState.NEEDS_RECONSENT and PLAN_CHANGED in reasons
    with database.session() as session:
        give_consent(session, patient_id, actor=actor)
    assert _state(database, patient_id)[0] is ConsentState.VALID
    with database.session() as session:  # a later consultation finds skin type V
        add_consultation(
            session,
            patient_id,
            completed_at=dt.datetime(2026, 3, 1, 10, tzinfo=dt.UTC),
            intensity="deep",
            answers=all_no_answers(fitzpatrick="V"),
            findings=(("fitzpatrick_v_vi", "relative", "proceed", "Test spot healed well"),),
            consent=False,
        )
    state, reasons = _state(database, patient_id)
    assert state is ConsentState.NEEDS_RECONSENT and FINDINGS_CHANGED in reasons
    with database.session() as session:
        draft = consent_drafts.prepare(session, patient_id, RULES, DOCUMENT)
    assert any("Fitzpatrick IV to VI" in text for text in draft.particular)


def test_a_new_major_version_of_the_text_asks_again_a_minor_one_does_not(
    database, actor, patient_id
):
    with database.session() as session:
        give_consent(session, patient_id, actor=actor)
        minor = dataclasses.replace(DOCUMENT, version="1.4")
        major = dataclasses.replace(DOCUMENT, version="2.0")
        assert state_for(session, patient_id, RULES, minor).state is ConsentState.VALID
        status = state_for(session, patient_id, RULES, major)
    assert status.state is ConsentState.NEEDS_RECONSENT
    assert "version 1.0 signed, version 2.0 now" in status.message()


def test_no_consent_before_a_consultation(database, actor):
    with database.session() as session:
        fields = PatientFields(first_name="Ann", last_name="Lee", date_of_birth=dt.date(1990, 1, 1))
        pid = patients.create(session, actor, fields).id
        with pytest.raises(ValidationError) as refused:
            consent_drafts.prepare(session, pid, RULES, DOCUMENT)
        assert set(refused.value.errors) == {"consultation"}
        assert photo_permission(session, pid) == PhotoPermission(False, False, None, None)
