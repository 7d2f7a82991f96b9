"""What the window asks for a handout, and the defaults it proposes (no Qt).

A :class:`HandoutRequest` is a plain, frozen description of one handout to make (pre-care for a
date, post-care for a date and intensity, or post-care for a recorded session). The window
builds it on the UI thread and a worker thread turns it into a PDF with its own database
session (:func:`prepare`), so that no session is ever shared between threads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from clinic_app.domain.care import care_loader
from clinic_app.domain.care.care_kinds import PRE_CARE
from clinic_app.domain.clinical_picture import ANTIVIRAL, Gate, Prescription, Purpose
from clinic_app.domain.screening.screening import load_rules
from clinic_app.models import TreatmentSession
from clinic_app.services.clinical import gates
from clinic_app.services.clinical.clinical_picture import picture_of
from clinic_app.services.errors import NotFoundError, is_record_id
from clinic_app.services.handouts import handout_documents, handouts
from clinic_app.services.handouts.handout_documents import StoredHandout
from clinic_app.services.handouts.handout_request import HandoutRequest as HandoutRequest
from clinic_app.services.handouts.handouts import PreparedHandout
from clinic_app.services.patients import patients
from clinic_app.services.security.identity import Actor


@dataclass(frozen=True)
class HandoutDefaults:
    """What the request dialog proposes for a patient."""

    patient_name: str
    pre_care_date: dt.date
    pre_care_date_planned: bool  # True: the latest consultation planned that date
    post_care_date: dt.date
    intensity: str
    intensity_planned: bool  # True: the latest consultation's plan chose that intensity
    intensity_labels: dict[str, str]  # intensity -> label, in the content's order
    antiviral: Prescription | None = None  # recorded on the latest consultation's plan


def prepare(
    session: Session,
    request: HandoutRequest,
    *,
    data_dir: Path | None = None,
    today: dt.date | None = None,
) -> PreparedHandout:
    """The content of the requested handout, read with ``session`` (the caller's thread's)."""
    if request.kind == PRE_CARE:
        assert request.patient_id is not None, "a pre-care request names the patient"
        return handouts.prepare_pre_care(
            session,
            request.patient_id,
            request.treatment_date,
            treatment_time=request.treatment_time,
            data_dir=data_dir,
            today=today,
        )
    if request.session_id is not None:
        return handouts.prepare_post_care_for_session(
            session,
            request.session_id,
            next_appointment=request.next_appointment,
            data_dir=data_dir,
            today=today,
        )
    assert request.patient_id is not None and request.treatment_date is not None
    return handouts.prepare_post_care(
        session,
        request.patient_id,
        request.treatment_date,
        intensity=request.intensity,
        next_appointment=request.next_appointment,
        data_dir=data_dir,
        today=today,
    )


def gate_problems(
    session: Session, patient_id: int, *, data_dir: Path | None = None
) -> tuple[str, ...]:
    """Why the patient gets no handout now (empty when cleared or overridden)."""
    rules = load_rules(data_dir)
    problems = gates.open_problems(session, patient_id, Purpose.HANDOUT, rules, data_dir=data_dir)
    return tuple(problem.message for problem in problems)


def record_override(
    session: Session, actor: Actor, patient_id: int, reason: str, *, data_dir: Path | None = None
) -> tuple[Gate, ...]:
    """Record the reason to give the patient a handout despite the closed gates (audited);
    the gates passed (none when none was closed). ValidationError when the reason is thin."""
    rules = load_rules(data_dir)
    return gates.record_override(
        session, actor, patient_id, Purpose.HANDOUT, reason, rules, data_dir=data_dir
    )


def patient_of(session: Session, request: HandoutRequest) -> int:
    """The patient the handout is for (a session's patient for a session's post-care)."""
    if request.session_id is None:
        assert request.patient_id is not None, "a request names a patient or a session"
        return request.patient_id
    treatment = (
        session.get(TreatmentSession, request.session_id)
        if is_record_id(request.session_id)
        else None
    )
    if treatment is None:
        raise NotFoundError(f"There is no treatment session #{request.session_id}.")
    return treatment.patient_id


@dataclass(frozen=True)
class MadeHandout:
    """A handout rendered and recorded, the file name to propose for it, and the gates a
    recorded override passed for it."""

    handout: StoredHandout
    suggested_filename: str
    overridden: tuple[Gate, ...] = ()
    # Why the handout is printed in English rather than the patient's language ('' when not).
    language_notice: str = ""


def make(
    session: Session,
    actor: Actor,
    request: HandoutRequest,
    *,
    override_reason: str = "",
    data_dir: Path | None = None,
    today: dt.date | None = None,
) -> MadeHandout:
    """The whole use case in the caller's transaction: record ``override_reason`` for the closed
    gates (when given), prepare, render and record the handout (GateClosedError while a gate is
    closed without one). The window does the same steps apart, rendering in a worker."""
    overridden: tuple[Gate, ...] = ()
    if override_reason:
        patient_id = patient_of(session, request)
        overridden = record_override(session, actor, patient_id, override_reason, data_dir=data_dir)
    prepared = prepare(session, request, data_dir=data_dir, today=today)
    handout = handout_documents.generate(session, actor, prepared)
    return MadeHandout(handout, prepared.suggested_filename, overridden, prepared.language_notice)


def defaults_for(
    session: Session, patient_id: int, *, today: dt.date, data_dir: Path | None = None
) -> HandoutDefaults:
    """The dates and intensity to propose: the latest consultation's plan where it has them.

    Without a planned date still to come, pre-care proposes the earliest day on which every
    dated step of the pre-care content is still ahead (today + its longest lead time).
    """
    patient = patients.get(session, patient_id)
    consultation = handouts.latest_consultation(session, patient_id)
    picture = picture_of(session, patient_id, load_rules(data_dir))
    pre_template = care_loader.load_pre_care(data_dir)
    post_template = care_loader.load_post_care(data_dir)
    planned_date = consultation.treatment_date if consultation is not None else None
    lead_days = max((-offset for offset in pre_template.dates.values()), default=0)
    pre_date_planned = planned_date is not None and planned_date >= today
    plan = consultation.plan if consultation is not None else None
    planned_intensity = plan.intensity if plan is not None else None
    intensity_planned = planned_intensity in post_template.intensities
    return HandoutDefaults(
        patient_name=f"{patient.first_name} {patient.last_name}".strip(),
        pre_care_date=planned_date
        if pre_date_planned and planned_date
        else today + dt.timedelta(days=max(lead_days, 0)),
        pre_care_date_planned=pre_date_planned,
        post_care_date=today,
        intensity=planned_intensity
        if intensity_planned and planned_intensity
        else post_template.default_intensity,
        intensity_planned=intensity_planned,
        intensity_labels={key: value.label for key, value in post_template.intensities.items()},
        antiviral=picture.prescription(ANTIVIRAL),
    )


def clinic_ready(session: Session) -> bool:
    """True when the clinic's name and phone are entered (every handout prints them)."""
    try:
        handouts.letterhead_of(session)
    except handouts.ClinicNotConfiguredError:
        return False
    return True
