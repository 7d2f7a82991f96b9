"""Sign a treatment session: every check once more, the day's re-check recorded, then locked.

A treatment (not an amendment) is signed only while the patient's informed consent covers the
plan (services/consent/consent_state.py): without one the refusal names the field "consent".

A signed session is never changed again; a correction is an amendment
(:mod:`.session_amendments`). The signing is audited in the caller's transaction, and a
treatment's signing plans its follow-ups there too (services/followups, docs/followups.md).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from clinic_app.domain.sessions.session_recheck import RecheckResult, run_recheck
from clinic_app.domain.sessions.session_record import SessionInput, check_area
from clinic_app.models import Consultation, utc_now
from clinic_app.services.consent.consent_state import state_for
from clinic_app.services.errors import ValidationError
from clinic_app.services.followups import followups
from clinic_app.services.security import audit
from clinic_app.services.security.identity import Actor
from clinic_app.services.sessions.session_context import SIGNED, PlanSummary, plan_summary
from clinic_app.services.sessions.session_gate import require_session_gate
from clinic_app.services.sessions.session_resources import SessionResources
from clinic_app.services.sessions.session_writes import (
    check_context,
    confirmed_as_stored,
    editable_row,
    flush_guarded,
    grounds_of,
    series_of_row,
    validated,
)
from clinic_app.services.sessions.treatment_sessions import (
    DANGER_CONFIRMED,
    SessionRecord,
    record_of,
)


def recheck(
    session: Session,
    data: SessionInput,
    resources: SessionResources,
    tz: dt.tzinfo | None = None,
) -> RecheckResult:
    """The screening rules run again for the session's day, with the re-check's answers."""
    consultation = session.get(Consultation, data.consultation_id) if data.consultation_id else None
    plan = plan_summary(consultation) if consultation is not None else None
    return recheck_with_plan(resources, plan, data, tz)


def recheck_with_plan(
    resources: SessionResources,
    plan: PlanSummary | None,
    data: SessionInput,
    tz: dt.tzinfo | None = None,
) -> RecheckResult:
    """The re-check of ``data`` against the consultation ``plan`` summarises (the editor runs
    it as the form is typed; signing runs it once more from the database)."""
    return run_recheck(
        resources.rules,
        resources.content,
        plan.answers if plan else {},
        data.recheck_answers,
        data.performed_at.astimezone(tz).date(),
        settled=plan.settled if plan else (),
        known=plan.known if plan else (),
        prescriptions=plan.prescriptions if plan else (),
    )


def sign(
    session: Session,
    actor: Actor,
    session_id: int,
    resources: SessionResources,
    *,
    expected_version: int,
    now: dt.datetime | None = None,
    tz: dt.tzinfo | None = None,
) -> SessionRecord:
    """Check the draft once more (for the skin type as the consultation now has it: a danger
    that appeared since the draft was saved must be confirmed), record the re-check's findings
    and lock it."""
    moment = now or utc_now()
    row = editable_row(session, session_id, expected_version)
    record = record_of(session, row, resources)
    amending = row.amends_id is not None
    errors: dict[str, str] = {}
    picture = None
    if not amending:  # a correction of a signed record is not a new treatment
        picture = require_session_gate(session, row.patient_id, resources)
        consent = state_for(session, row.patient_id, resources.rules, resources.consent)
        if not consent.valid:
            errors["consent"] = consent.message()
    extra = dict(row.recheck or {})
    grounds = grounds_of(session, record.data, resources, picture)
    context = check_context(record.data, grounds)
    data = confirmed_as_stored(record.data, extra.get(DANGER_CONFIRMED), resources, context)
    try:
        validated(data, resources, moment, grounds, signing=True, amending=amending)
    except ValidationError as exc:
        errors.update(exc.errors)
    result = recheck(session, record.data, resources, tz)
    if problem := result.problem(record.data.recheck_reason):
        errors["recheck"] = problem
    if errors:
        raise ValidationError(errors)
    profile = resources.profile(row.device_profile_id)
    assert profile is not None
    extra["screening"] = result.as_dict(record.data.recheck_answers, record.data.recheck_reason)
    extra["signed_by"] = actor.name
    extra["cautions"] = [
        {
            "area": c.area,
            "rule_id": c.rule_id,
            "level": c.level,
            "message": c.message,
            **({"confirmed": area.danger_confirmed} if c.is_danger else {}),
        }
        for area in data.areas
        for c in check_area(profile, area, context).cautions
    ]
    row.recheck = extra
    row.status = SIGNED
    row.signed_at = moment
    row.signed_by_id = actor.user_id
    series = series_of_row(session, row, resources)
    row.sequence_number = series.number
    flush_guarded(session, session_id, expected_version)
    summary = "session signed and locked"
    if amending:
        summary = f"amendment of session #{row.amends_id} signed and locked"
    audit.record(session, actor, "sign", "treatment_session", row.id, summary)
    if not amending:  # the amended session's follow-ups stand (docs/followups.md)
        consultation = (
            session.get(Consultation, row.consultation_id) if row.consultation_id else None
        )
        planned = consultation.plan.intensity if consultation and consultation.plan else ""
        contacts = followups.plan_for_session(
            row,
            schedule=resources.followups,
            post_care=resources.post_care,
            series=series,
            picture=picture,
            planned_intensity=planned,
            tz=tz,
        )
        followups.create_for_session(session, actor, row, contacts)
    return record_of(session, row, resources)
