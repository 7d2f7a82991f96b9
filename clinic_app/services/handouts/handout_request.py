"""What the window asks for: one handout to make, as a plain frozen value (no Qt, no ORM).

Kept apart from :mod:`clinic_app.services.handouts.handout_requests` (which re-exports it) so
that the window builds a request on the UI thread without importing the ORM, the care content
and the renderer's services: a handout clicked at once after sign-in imports them in the render
thread, not while the window waits.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from clinic_app.domain.care.care_kinds import POST_CARE, PRE_CARE


@dataclass(frozen=True)
class HandoutRequest:
    """One handout to make; ``session_id`` set means "post-care of that recorded session"."""

    kind: str
    patient_id: int | None = None
    treatment_date: dt.date | None = None
    treatment_time: dt.time | None = None
    intensity: str | None = None
    session_id: int | None = None
    next_appointment: dt.datetime | dt.date | None = None

    @classmethod
    def pre_care(
        cls,
        patient_id: int,
        treatment_date: dt.date | None = None,
        treatment_time: dt.time | None = None,
    ) -> HandoutRequest:
        """Pre-care; no date means the date planned by the latest consultation. An antiviral
        step is printed only for a prescription recorded on the consultation's plan."""
        return cls(PRE_CARE, patient_id, treatment_date, treatment_time)

    @classmethod
    def post_care(
        cls,
        patient_id: int,
        treatment_date: dt.date,
        intensity: str | None = None,
        *,
        next_appointment: dt.datetime | dt.date | None = None,
    ) -> HandoutRequest:
        """Post-care for a treatment day; no intensity means the plan's, else the default."""
        return cls(
            POST_CARE,
            patient_id,
            treatment_date,
            intensity=intensity,
            next_appointment=next_appointment,
        )

    @classmethod
    def post_care_for_session(
        cls, session_id: int, *, next_appointment: dt.datetime | dt.date | None = None
    ) -> HandoutRequest:
        """Post-care of a recorded treatment session (its date, intensity and areas)."""
        return cls(POST_CARE, session_id=session_id, next_appointment=next_appointment)
