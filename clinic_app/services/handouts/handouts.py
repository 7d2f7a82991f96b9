"""Pre-care and post-care handouts: from the database to a prepared handout, ready to render.

Three steps, so that the window can render in a worker thread without sharing a database
session across threads:

1. ``prepare_pre_care`` / ``prepare_post_care`` / ``prepare_post_care_for_session`` (here) read
   the patient, the clinic's details, the patient's clinical picture (the one sessions read:
   :mod:`clinic_app.services.clinical.clinical_picture`) and the session, and compute the
   content (plain frozen dataclasses; fast, on the caller's session);
2. :meth:`PreparedHandout.render` lays it out as PDF bytes (no database; any thread);
3. :func:`~clinic_app.services.handouts.handout_documents.record` stores the bytes as a
   GeneratedDocument (kind, template version, SHA-256, who, when) with an audit event, in the
   caller's transaction.

:func:`~clinic_app.services.handouts.handout_documents.generate` does all three, and
:func:`~clinic_app.services.handouts.handout_documents.reprint` returns a stored document's exact
bytes (checked against its SHA-256), so a reprint is identical to what the patient was given.

When the clinic's details have never been entered, handouts are refused
(:class:`ClinicNotConfiguredError`) rather than printed with demo values: every handout tells a
worried patient which number to call, and a made-up number there would be dangerous.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from clinic_app.domain.care import care_loader, care_schedule
from clinic_app.domain.care.care_handout import (
    ClinicContact,
    Person,
    PostCareContent,
    PreCareContent,
)
from clinic_app.domain.care.care_kinds import INTENSITIES, POST_CARE, PRE_CARE
from clinic_app.domain.care.care_text import format_appointment, format_date
from clinic_app.domain.clinical_picture import ClinicalPicture, Purpose
from clinic_app.domain.clock import utc_now
from clinic_app.domain.followups.followup_schedule import FollowUpSchedule
from clinic_app.domain.screening.screening import load_rules
from clinic_app.domain.translations import ENGLISH, LanguageUse
from clinic_app.models import Consultation, Patient, TreatmentSession
from clinic_app.reports.inputs import Letterhead
from clinic_app.services.clinical import gates
from clinic_app.services.clinical.clinical_picture import latest_completed, picture_of
from clinic_app.services.errors import NotFoundError, ServiceError, ValidationError, is_record_id
from clinic_app.services.followups import followups
from clinic_app.services.handouts import handout_face_chart
from clinic_app.services.handouts.handout_language import post_care_texts
from clinic_app.services.patients import patients
from clinic_app.services.settings import clinic

if TYPE_CHECKING:
    from clinic_app.reports.render_process import RenderProcess


class ClinicNotConfiguredError(ServiceError):
    """No clinic details yet: a handout needs the clinic's name and phone number."""

    def __init__(self) -> None:
        super().__init__(
            "The clinic's details are not set up yet, and every handout prints the clinic's "
            "name and the phone number patients call when worried. Open the app once (run "
            "clinic-app without a sub-command) and enter the clinic's details, then try again."
        )


@dataclass(frozen=True)
class PreparedHandout:
    """A handout computed from the database, ready to render (safe to pass to a worker)."""

    kind: str
    patient_id: int
    consultation_id: int | None
    session_id: int | None
    treatment_date: dt.date
    letterhead: Letterhead
    content: PreCareContent | PostCareContent
    # When it was prepared: the PDF's creation date (a rendering again of this one repeats it).
    prepared_at: dt.datetime = field(default_factory=utc_now)
    # The patient's language and the one printed: English, whole, when the translation lacks
    # something (language_notice then says so for the practitioner).
    language: LanguageUse = field(default_factory=lambda: LanguageUse(ENGLISH, ENGLISH))

    @property
    def language_notice(self) -> str:
        """What to tell the practitioner about the language ('' when it is the patient's)."""
        what = "pre-care handout" if self.kind == PRE_CARE else "post-care handout"
        return self.language.notice(what)

    @property
    def template_version(self) -> str:
        return self.content.template_version

    @property
    def suggested_filename(self) -> str:
        """E.g. ``pre-care-12-2026-12-01.pdf`` (no name: file names end up in many places)."""
        kind = self.kind.replace("_", "-")
        return f"{kind}-{self.patient_id}-{self.treatment_date.isoformat()}.pdf"

    def render(self, renderer: RenderProcess | None = None) -> bytes:
        """The PDF bytes (no database access; raises UnsupportedCharacterError and the like),
        laid out here, or by ``renderer``'s process (the window's: ReportLab stays out of it)."""
        if renderer is not None:
            return renderer.render_handout(self.letterhead, self.content, created=self.prepared_at)
        from clinic_app.reports.handouts.handouts import render_handout  # ReportLab: only to render

        return render_handout(self.letterhead, self.content, created=self.prepared_at)


# ---------------------------------------------------------------------------------------------
# Reading what a handout needs


def letterhead_of(session: Session) -> Letterhead:
    """The clinic's letterhead; ClinicNotConfiguredError before the details are entered."""
    head = clinic.letterhead(session)
    if head is None:
        raise ClinicNotConfiguredError()
    return head


def _person(patient: Patient) -> Person:
    return Person(patient.first_name, patient.last_name, patient.date_of_birth)


def latest_consultation(session: Session, patient_id: int) -> Consultation | None:
    """The consultation the patient's clinical picture comes from (the newest completed one), or
    None: a draft's answers are not yet agreed with the patient and must not personalise what
    they take home."""
    return latest_completed(session, patient_id)


def _check_intensity(intensity: str | None) -> None:
    if intensity is not None and intensity not in INTENSITIES:
        raise ValidationError(
            {"intensity": f"Intensity must be one of {', '.join(INTENSITIES)} (got '{intensity}')."}
        )


def _check_next_appointment(
    next_appointment: dt.datetime | dt.date | None,
    treatment_date: dt.date,
    tz: dt.tzinfo | None = None,
) -> None:
    """ValidationError on ``next_appointment`` unless it falls on a day after the treatment:
    a handout must not send the patient back before (or on the day of) the treatment."""
    if next_appointment is None:
        return
    if isinstance(next_appointment, dt.datetime):
        moment = next_appointment
        day = (moment.astimezone(tz) if moment.tzinfo is not None else moment).date()
    else:
        day = next_appointment
    if day <= treatment_date:
        raise ValidationError(
            {
                "next_appointment": (
                    "The next appointment must be after the treatment day "
                    f"({format_date(treatment_date)}); {format_appointment(next_appointment)} "
                    "is not. Correct the next appointment or leave it out."
                )
            }
        )


def _planned_intensity(picture: ClinicalPicture) -> str | None:
    return picture.intensity if picture.intensity in INTENSITIES else None


def require_handout_gate(
    session: Session, patient_id: int, data_dir: Path | None
) -> ClinicalPicture:
    """The patient's clinical picture; GateClosedError when the latest consultation does not
    clear the patient for a handout (not a candidate, an absolute finding or question) and no
    override is recorded. One read: the picture that passed the gate personalises the handout."""
    rules = load_rules(data_dir)
    picture = picture_of(session, patient_id, rules)
    return gates.require_open(
        session, patient_id, Purpose.HANDOUT, rules, data_dir=data_dir, picture=picture
    )


def _with_followups(
    session: Session,
    content: PostCareContent,
    treatment: TreatmentSession | None,
    letterhead: Letterhead,
    treatment_date: dt.date,
    schedule: FollowUpSchedule,
) -> PostCareContent:
    """``content`` with its follow-up contacts and their dates (services/followups), in the
    schedule's language."""
    dated = followups.printed_contacts(
        session,
        treatment,
        schedule,
        treatment_date=treatment_date,
        intensity=content.intensity,
        sun_protection_until=content.sun_protection_until,
    )
    block = followups.handout_block(
        dated, schedule, clinic_name=letterhead.name, clinic_phone=letterhead.phone
    )
    return dataclasses.replace(content, followups=block)


# ---------------------------------------------------------------------------------------------
# Preparing


def prepare_pre_care(
    session: Session,
    patient_id: int,
    treatment_date: dt.date | None = None,
    *,
    treatment_time: dt.time | None = None,
    data_dir: Path | None = None,
    today: dt.date | None = None,
    extra_flags: frozenset[str] = frozenset(),
) -> PreparedHandout:
    """The pre-care handout of a patient, personalised by their clinical picture.

    ``treatment_date`` defaults to the consultation's planned date; ``extra_flags`` adds flags
    to those of the picture (a prescription counts only when recorded on the consultation).
    """
    patient = patients.get(session, patient_id)
    letterhead = letterhead_of(session)
    picture = require_handout_gate(session, patient_id, data_dir)
    when = treatment_date or picture.treatment_date
    if when is None:
        missing = "Enter the treatment date: no consultation of this patient plans one."
        raise ValidationError({"treatment_date": missing})
    issued = today or dt.date.today()
    if date_problem := care_schedule.pre_care_date_problem(when, issued):
        raise ValidationError({"treatment_date": date_problem})
    template, language = care_loader.load_pre_care_in(patient.language, data_dir)
    content = care_schedule.build_pre_care(
        template,
        person=_person(patient),
        clinic=ClinicContact(letterhead.name, letterhead.phone),
        treatment_date=when,
        treatment_time=treatment_time,
        picture=picture,
        flags=extra_flags,
        issued_on=issued,
    )
    return PreparedHandout(
        kind=PRE_CARE,
        patient_id=patient.id,
        consultation_id=picture.consultation_id,
        session_id=None,
        treatment_date=when,
        letterhead=letterhead,
        content=content,
        language=language,
    )


def prepare_post_care(
    session: Session,
    patient_id: int,
    treatment_date: dt.date,
    *,
    intensity: str | None = None,
    areas: list[str] | None = None,
    next_appointment: dt.datetime | dt.date | None = None,
    data_dir: Path | None = None,
    today: dt.date | None = None,
) -> PreparedHandout:
    """The post-care handout of a patient treated (or to be treated) on ``treatment_date``.

    Intensity and areas come from the arguments, else the clinical picture's plan, else the
    content's default intensity and "as discussed" for the areas; the "just for you" lines
    come from the picture.
    """
    _check_intensity(intensity)
    _check_next_appointment(next_appointment, treatment_date)
    patient = patients.get(session, patient_id)
    letterhead = letterhead_of(session)
    picture = require_handout_gate(session, patient_id, data_dir)
    texts = post_care_texts(patient.language, data_dir)  # every part in one language
    content = care_schedule.build_post_care(
        texts.template,
        person=_person(patient),
        clinic=ClinicContact(letterhead.name, letterhead.phone),
        treatment_date=treatment_date,
        intensity=intensity or _planned_intensity(picture),
        areas=areas if areas is not None else picture.plan_areas,
        picture=picture,
        next_appointment=next_appointment,
        issued_on=today or dt.date.today(),
    )
    content = _with_followups(session, content, None, letterhead, treatment_date, texts.schedule)
    return PreparedHandout(
        kind=POST_CARE,
        patient_id=patient.id,
        consultation_id=picture.consultation_id,
        session_id=None,
        treatment_date=treatment_date,
        letterhead=letterhead,
        content=content,
        language=texts.language,
    )


def prepare_post_care_for_session(
    session: Session,
    session_id: int,
    *,
    next_appointment: dt.datetime | dt.date | None = None,
    data_dir: Path | None = None,
    today: dt.date | None = None,
    tz: dt.tzinfo | None = None,
) -> PreparedHandout:
    """The post-care handout of a recorded treatment session: its date, intensity and areas,
    personalised by the patient's clinical picture (whose plan fills in what the session lacks).

    The treatment day is the session's instant in local time (``tz``, default the computer's).
    """
    treatment = session.get(TreatmentSession, session_id) if is_record_id(session_id) else None
    if treatment is None:
        raise NotFoundError(f"There is no treatment session #{session_id}.")
    treatment_date = treatment.performed_at.astimezone(tz).date()
    _check_next_appointment(next_appointment, treatment_date, tz)
    letterhead = letterhead_of(session)
    picture = require_handout_gate(session, treatment.patient_id, data_dir)
    intensity = treatment.intensity if treatment.intensity in INTENSITIES else None
    areas = [area.area for area in treatment.areas] or list(picture.plan_areas)
    texts = post_care_texts(treatment.patient.language, data_dir)  # every part in one language
    content = care_schedule.build_post_care(
        texts.template,
        person=_person(treatment.patient),
        clinic=ClinicContact(letterhead.name, letterhead.phone),
        treatment_date=treatment_date,
        intensity=intensity or _planned_intensity(picture),
        areas=areas,
        picture=picture,
        next_appointment=next_appointment,
        issued_on=today or dt.date.today(),
    )
    # "Areas treated today": the face chart of the session's areas (docs/face-chart.md).
    chart = handout_face_chart.treated_areas(texts.template, treatment, texts.face_chart, data_dir)
    content = dataclasses.replace(content, face_chart=chart)
    content = _with_followups(
        session, content, treatment, letterhead, treatment_date, texts.schedule
    )
    return PreparedHandout(
        kind=POST_CARE,
        patient_id=treatment.patient_id,
        consultation_id=treatment.consultation_id,
        session_id=treatment.id,
        treatment_date=treatment_date,
        letterhead=letterhead,
        content=content,
        language=texts.language,
    )
