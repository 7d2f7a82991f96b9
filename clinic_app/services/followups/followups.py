"""Follow-ups: planned when a session is signed, listed when due, closed once with a note.

The contacts and their timing are data (``resources/followups/<lang>/schedule.toml``, read by
:mod:`clinic_app.domain.followups.followup_schedule`). :func:`plan_for_session` computes a
signed session's contacts, :func:`create_for_session` stores them in the signing's transaction,
:func:`mark_done` closes one. Every change is audited in the caller's transaction.

A note: a contact whose schedule entry says ``note_required`` (a review) needs one, and so does
an attempt *not reached* (what was tried: a voicemail, a message), which is counted and kept in
the note while the follow-up stays open and due. A plain call that reached the patient may be
closed without one. A note must say something: "." or "ok" is
refused at the field (the caution floor of resources/clinical/gates.toml).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic_app.domain.care.care_handout import FollowUpBlock, FollowUpLine
from clinic_app.domain.care.care_personal import area_flags, flags_of
from clinic_app.domain.care.care_schedule import sun_protection_weeks
from clinic_app.domain.care.care_templates import PostCareTemplate
from clinic_app.domain.care.care_text import fill, format_date
from clinic_app.domain.clinical_picture import ClinicalPicture
from clinic_app.domain.followups.followup_schedule import (
    DueContact,
    FollowUpSchedule,
    schedule_for,
)
from clinic_app.domain.reasons import ReasonLevel, ReasonPolicy
from clinic_app.domain.sessions.session_series import Series
from clinic_app.models import FollowUp, Patient, TreatmentSession, utc_now
from clinic_app.services.errors import NotFoundError, ValidationError
from clinic_app.services.security import audit
from clinic_app.services.security.identity import Actor

DONE, NOT_REACHED = "done", "not_reached"  # NOT_REACHED is an attempt: the row stays open
OUTCOMES = (DONE, NOT_REACHED)


@dataclass(frozen=True)
class FollowUpItem:
    """One follow-up as the window, the CLI and the calendar file show it."""

    id: int
    patient_id: int
    patient_name: str
    session_id: int
    kind: str
    label: str  # the staff's label (schedule file)
    text: str  # what the patient reads (schedule file)
    due_on: dt.date
    outcome: str
    done_at: dt.datetime | None
    done_by: str
    note: str
    note_required: bool
    version: int
    attempts: int = 0  # contacts tried and not reached

    @property
    def is_open(self) -> bool:
        return not self.outcome

    def overdue_on(self, day: dt.date) -> bool:
        return self.is_open and self.due_on < day


def _item(row: FollowUp, patient: Patient, schedule: FollowUpSchedule) -> FollowUpItem:
    spec = schedule.contact(row.kind)
    return FollowUpItem(
        id=row.id,
        patient_id=row.patient_id,
        patient_name=f"{patient.first_name} {patient.last_name}".strip(),
        session_id=row.session_id,
        kind=row.kind,
        label=schedule.label_of(row.kind),
        text=schedule.text_of(row.kind),
        due_on=row.due_on,
        outcome=row.outcome,
        done_at=row.done_at,
        done_by=row.done_by,
        note=row.note,
        note_required=spec.note_required if spec else False,
        version=row.version,
        attempts=row.attempts,
    )


# Planning -------------------------------------------------------------------------------------


def plan_for_session(
    row: TreatmentSession,
    *,
    schedule: FollowUpSchedule,
    post_care: PostCareTemplate,
    series: Series,
    picture: ClinicalPicture | None,
    planned_intensity: str = "",
    tz: dt.tzinfo | None = None,
) -> tuple[DueContact, ...]:
    """The dated contacts after the session ``row``: its local day, its intensity (else the
    plan's, else the post-care file's default), the sun protection the post-care handout prints
    for this patient, and the series (``series.number`` of ``series.planned``)."""
    intensities = post_care.intensities
    intensity = next(
        (i for i in (row.intensity, planned_intensity) if i in intensities),
        post_care.default_intensity,
    )
    flags = flags_of(picture) | area_flags(area.area for area in row.areas)
    return schedule_for(
        schedule,
        treatment_date=row.performed_at.astimezone(tz).date(),
        intensity=intensity,
        sun_protection_weeks=sun_protection_weeks(post_care, intensity, flags),
        session_number=series.number,
        sessions_planned=series.planned,
        interval_weeks=series.interval_weeks,
    )


def create_for_session(
    session: Session,
    actor: Actor,
    row: TreatmentSession,
    contacts: Iterable[DueContact],
) -> list[FollowUp]:
    """Store the contacts of the signed session ``row`` in the caller's transaction, each with
    its audit event."""
    rows = [
        FollowUp(patient_id=row.patient_id, session_id=row.id, kind=c.kind, due_on=c.due_on)
        for c in contacts
    ]
    if not rows:
        return rows
    session.add_all(rows)
    session.flush()
    audit.record_many(
        session,
        actor,
        [
            audit.Change(
                "create",
                "followup",
                r.id,
                f"follow-up {r.kind} due {r.due_on.isoformat()} planned for session #{row.id}",
            )
            for r in rows
        ],
    )
    return rows


# Reading --------------------------------------------------------------------------------------


def due(session: Session, day: dt.date, schedule: FollowUpSchedule) -> list[FollowUpItem]:
    """The open follow-ups due on ``day`` or before it (overdue first, then by patient): the
    staff's tasks, of patients not archived (a date for the patient alone, such as the end of
    sun protection, is printed and exported but asks nothing of the staff)."""
    query = (
        select(FollowUp, Patient)
        .join(Patient, Patient.id == FollowUp.patient_id)
        .where(
            FollowUp.outcome == "",
            FollowUp.due_on <= day,
            FollowUp.kind.not_in(sorted(schedule.patient_only)),
            Patient.archived_at.is_(None),
        )
        .order_by(FollowUp.due_on, Patient.last_name, Patient.first_name, FollowUp.id)
    )
    return [_item(row, patient, schedule) for row, patient in session.execute(query)]


def of_patient(session: Session, patient_id: int, schedule: FollowUpSchedule) -> list[FollowUpItem]:
    """Every follow-up of a patient, open or closed, by due day."""
    patient = session.get(Patient, patient_id)
    if patient is None:
        raise NotFoundError(f"There is no patient #{patient_id}.")
    rows = session.scalars(
        select(FollowUp)
        .where(FollowUp.patient_id == patient_id)
        .order_by(FollowUp.due_on, FollowUp.id)
    )
    return [_item(row, patient, schedule) for row in rows]


def of_session(
    session: Session, session_id: int, schedule: FollowUpSchedule
) -> Sequence[FollowUpItem]:
    """The follow-ups of one session, by due day (the post-care handout prints them)."""
    rows = session.scalars(
        select(FollowUp).where(FollowUp.session_id == session_id).order_by(FollowUp.due_on)
    ).all()
    if not rows:
        return []
    patient = session.get(Patient, rows[0].patient_id)
    assert patient is not None
    return [_item(row, patient, schedule) for row in rows]


# The post-care handout -------------------------------------------------------------------------


def handout_block(
    dated: Iterable[tuple[dt.date, str]],
    schedule: FollowUpSchedule,
    *,
    clinic_name: str,
    clinic_phone: str,
) -> FollowUpBlock:
    """The handout's follow-up section: ``dated`` (day, contact id) pairs with the schedule
    file's texts, by date."""
    values = {"clinic_name": clinic_name, "clinic_phone": clinic_phone}
    labels = schedule.labels
    return FollowUpBlock(
        heading=fill(labels["heading"], values),
        intro=fill(labels["intro"], values),
        columns=(fill(labels["date_column"], values), fill(labels["contact_column"], values)),
        lines=tuple(
            FollowUpLine(day, format_date(day), fill(schedule.text_of(kind), values))
            for day, kind in sorted(dated, key=lambda pair: pair[0])
        ),
    )


def printed_contacts(
    session: Session,
    treatment: TreatmentSession | None,
    schedule: FollowUpSchedule,
    *,
    treatment_date: dt.date,
    intensity: str,
    sun_protection_until: dt.date,
) -> list[tuple[dt.date, str]]:
    """What the post-care handout lists: the stored follow-ups of a signed ``treatment`` (of
    the session it amends, for an amendment); otherwise (a draft, or a handout for a date
    alone) the schedule computed for the day, the intensity and the handout's own sun
    protection, without the next session (the series is not known yet)."""
    seen: set[int] = set()
    while treatment is not None and treatment.id not in seen:  # an amendment: the original's
        seen.add(treatment.id)
        stored = of_session(session, treatment.id, schedule)
        if stored:
            return [(item.due_on, item.kind) for item in stored]
        amended = treatment.amends_id
        treatment = session.get(TreatmentSession, amended) if amended is not None else None
    contacts = schedule_for(
        schedule,
        treatment_date=treatment_date,
        intensity=intensity,
        sun_protection_weeks=(sun_protection_until - treatment_date).days // 7,
        session_number=1,
        sessions_planned=1,
        interval_weeks=0,
    )
    return [(c.due_on, c.kind) for c in contacts]


# Closing --------------------------------------------------------------------------------------


def note_problem(
    note: str, *, outcome: str, note_required: bool, policy: ReasonPolicy
) -> str | None:
    """Why ``note`` cannot record a contact with ``outcome``, or None."""
    needed = note_required or outcome == NOT_REACHED
    if not note.strip():
        if not needed:
            return None
        if outcome == NOT_REACHED:
            return "Write what was tried (e.g. a voicemail left, a text sent)."
        return "Write a note: what was seen or said at this contact."
    problem = policy.problem(note, ReasonLevel.CAUTION)
    if problem is None:
        return None
    return "The note is too short to say anything: write a few words of what happened."


def _with_line(note: str, line: str) -> str:
    return f"{note}\n{line}" if note else line


def mark_done(
    session: Session,
    actor: Actor,
    followup_id: int,
    *,
    note: str,
    schedule: FollowUpSchedule,
    policy: ReasonPolicy,
    outcome: str = DONE,
    now: dt.datetime | None = None,
) -> FollowUpItem:
    """Record a contact: ``done`` closes the follow-up; ``not_reached`` records the attempt
    (counted, its note kept) and leaves it open, still due. Audited either way.

    ValidationError names the field ("note", "outcome") when it cannot be recorded so, or when
    someone closed it meanwhile (nothing is overwritten)."""
    row = session.get(FollowUp, followup_id)
    if row is None:
        raise NotFoundError(f"There is no follow-up #{followup_id}.")
    if outcome not in OUTCOMES:
        raise ValidationError({"outcome": f"Outcome must be one of {', '.join(OUTCOMES)}."})
    if row.outcome:
        closed = row.done_at.date().isoformat() if row.done_at else "earlier"
        by = f" by {row.done_by}" if row.done_by else ""
        raise ValidationError({"outcome": f"This follow-up was already closed{by} ({closed})."})
    spec = schedule.contact(row.kind)
    cleaned = note.strip()
    problem = note_problem(
        cleaned, outcome=outcome, note_required=bool(spec and spec.note_required), policy=policy
    )
    if problem:
        raise ValidationError({"note": problem})
    moment = now or utc_now()
    label = schedule.label_of(row.kind)
    if outcome == NOT_REACHED:
        row.attempts += 1
        stamp = moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        row.note = _with_line(row.note, f"Not reached {stamp} ({actor.name}): {cleaned}")
        summary = f"follow-up '{label}' not reached (attempt {row.attempts}), still open"
    else:
        row.outcome = DONE
        if cleaned:
            row.note = _with_line(row.note, cleaned)
        row.done_at = moment
        row.done_by_id = actor.user_id
        row.done_by = actor.name
        summary = f"follow-up '{label}' done"
    session.flush()
    audit.record(session, actor, "update", "followup", row.id, summary)
    patient = session.get(Patient, row.patient_id)
    assert patient is not None
    return _item(row, patient, schedule)
