"""Demo follow-ups: the contacts of the demo sessions of the last weeks, as signing plans them,
those due more than two days ago already closed, so the "Follow-ups due" panel shows a few.

Rows for ``demo_history``'s bulk insert; the schedule and its dates are the real ones
(``domain/followups``), without the patient's stricter sun plan (a demo needs no more).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from clinic_app.domain.care.care_schedule import sun_protection_weeks
from clinic_app.domain.care.care_templates import PostCareTemplate
from clinic_app.domain.followups.followup_schedule import FollowUpSchedule, schedule_for
from clinic_app.services.security.identity import Actor

RECENT_DAYS = 45  # older demo sessions get none: their contacts would all be long closed
OPEN_FOR_DAYS = 2  # contacts due this many days ago or less are still open
DEMO_NOTE = "Demo: healing as expected."


def followup_rows(
    sessions: Iterable[tuple[int, Mapping[str, Any], Mapping[str, Any]]],
    schedule: FollowUpSchedule,
    post_care: PostCareTemplate,
    actor: Actor,
    today: dt.date,
) -> list[dict[str, Any]]:
    """The follow-up rows of ``sessions`` (session id, session row, plan row) of the last
    RECENT_DAYS."""
    rows: list[dict[str, Any]] = []
    for session_id, treatment, plan in sessions:
        performed: dt.datetime = treatment["performed_at"]
        day = performed.date()
        if (today - day).days > RECENT_DAYS:
            continue
        intensity = treatment.get("intensity") or plan.get("intensity") or ""
        if intensity not in post_care.intensities:
            intensity = post_care.default_intensity
        contacts = schedule_for(
            schedule,
            treatment_date=day,
            intensity=intensity,
            sun_protection_weeks=sun_protection_weeks(post_care, intensity),
            session_number=int(treatment["sequence_number"]),
            sessions_planned=plan.get("sessions_planned"),
            interval_weeks=int(plan.get("interval_weeks") or 4),
        )
        for contact in contacts:
            closed = (today - contact.due_on).days > OPEN_FOR_DAYS
            done_at = dt.datetime.combine(contact.due_on, dt.time(11, 0), tzinfo=dt.UTC)
            rows.append(
                {
                    "patient_id": treatment["patient_id"],
                    "session_id": session_id,
                    "kind": contact.kind,
                    "due_on": contact.due_on,
                    "outcome": "done" if closed else "",
                    "attempts": 0,
                    "done_at": done_at if closed else None,
                    "done_by_id": actor.user_id if closed else None,
                    "done_by": actor.name if closed else "",
                    "note": DEMO_NOTE if closed else "",
                    "created_at": performed,
                    "version": 1,
                }
            )
    return rows
