"""A patient's open follow-ups to come as an iCalendar file (.ics) for their phone or the clinic's
calendar: one all-day event per contact (they have a day, not an hour), its text and the
clinic's phone in the description, a UID that stays the same for a follow-up however often it
is exported (a calendar updates the event instead of adding a second one).

icalendar is imported only here, when a file is asked for (not at the window's start).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.orm import Session

from clinic_app.domain.care.care_text import fill
from clinic_app.domain.followups.followup_schedule import FollowUpSchedule
from clinic_app.models import FollowUp
from clinic_app.services.errors import ServiceError
from clinic_app.services.followups.followups import FollowUpItem, of_patient
from clinic_app.services.safe_files import write_atomically
from clinic_app.services.security import audit
from clinic_app.services.security.identity import Actor
from clinic_app.services.settings import clinic

UID_DOMAIN = "clinic-app.invalid"  # a name of our own, never resolved (RFC 2606)
PRODUCT_ID = "-//clinic-app//follow-ups//EN"


class NoFollowUpsError(ServiceError):
    """The patient has no open follow-up to come to put in a calendar."""


class ClinicDetailsMissingError(ServiceError):
    """No clinic details yet: every event tells the patient which number to call."""

    def __init__(self) -> None:
        super().__init__(
            "The clinic's details are not set up yet, and every event of the calendar file "
            "gives the clinic's name and phone number. Enter them (Settings › Clinic details, "
            "or clinic-app clinic), then export again."
        )


def uid_of(followup_id: int) -> str:
    """The event's UID: the same for a follow-up on every export."""
    return f"followup-{followup_id}@{UID_DOMAIN}"


def calendar_bytes(
    items: Sequence[FollowUpItem],
    schedule: FollowUpSchedule,
    *,
    clinic_name: str,
    clinic_phone: str,
    stamps: dict[int, dt.datetime],
) -> bytes:
    """The .ics text of ``items``; ``stamps`` gives each one's DTSTAMP (its creation instant,
    so that the same follow-ups always give the same file)."""
    import icalendar  # only when a file is asked for

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    for item in items:
        values = {
            "text": item.text,
            "clinic_name": clinic_name,
            "clinic_phone": clinic_phone,
            "patient_name": item.patient_name,
            "date": item.due_on.isoformat(),
        }
        event = icalendar.Event()
        event.add("uid", uid_of(item.id))
        event.add("dtstamp", stamps[item.id])
        event.add("dtstart", item.due_on)  # a date: an all-day event
        event.add("dtend", item.due_on + dt.timedelta(days=1))
        event.add("summary", fill(schedule.labels["calendar_summary"], values))
        event.add("description", fill(schedule.labels["calendar_description"], values))
        event.add("transp", "TRANSPARENT")  # a reminder, not time the patient is busy
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def patient_calendar(
    session: Session,
    patient_id: int,
    schedule: FollowUpSchedule,
    today: dt.date | None = None,
) -> bytes:
    """The .ics of the patient's open follow-ups due ``today`` (default: the computer's) or
    later; NoFollowUpsError when there are none, ClinicDetailsMissingError before the clinic's
    details are entered."""
    day = today or dt.date.today()
    items = [
        item
        for item in of_patient(session, patient_id, schedule)
        if item.is_open and item.due_on >= day
    ]
    if not items:
        raise NoFollowUpsError(
            f"Patient #{patient_id} has no open follow-up from {day.isoformat()} on: they are "
            "planned when a session is signed and locked."
        )
    details = clinic.letterhead(session)
    if details is None:
        raise ClinicDetailsMissingError()
    stamps = {item.id: _created(session, item.id) for item in items}
    return calendar_bytes(
        items,
        schedule,
        clinic_name=details.name,
        clinic_phone=details.phone,
        stamps=stamps,
    )


def _created(session: Session, followup_id: int) -> dt.datetime:
    row = session.get(FollowUp, followup_id)
    assert row is not None
    return row.created_at


def export_patient_calendar(
    session: Session,
    actor: Actor,
    patient_id: int,
    schedule: FollowUpSchedule,
    path: Path,
    today: dt.date | None = None,
) -> int:
    """Write the patient's .ics to ``path`` whole or not at all (FileSaveError says why), and
    record the export in the audit trail (patient data left the app); returns how many events
    it holds."""
    data = patient_calendar(session, patient_id, schedule, today)
    write_atomically(path, data, "saving the calendar file")
    events = data.count(b"BEGIN:VEVENT")
    audit.record(
        session, actor, "export", "patient", patient_id, f"{events} follow-ups exported (.ics)"
    )
    return events
