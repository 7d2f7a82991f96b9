"""A session's place in its series: "session 2 of 3", the interval since the last one and the
suggested date of the next.

Standard library only. The default interval comes from resources/sessions/sessions.toml.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from clinic_app.domain.screening.screening_model import format_date


@dataclass(frozen=True)
class Series:
    """Where a session stands among the sessions of its plan."""

    number: int  # 1 for the first session of the series
    planned: int | None  # sessions_planned of the consultation's plan; None without a plan
    interval_weeks: int  # the plan's minimum interval (or the default)
    previous_date: dt.date | None = None  # the day of the session before this one

    @property
    def label(self) -> str:
        """ "Session 2 of 3", "Session 4 (3 planned)", "Session 1"."""
        if self.planned is None:
            return f"Session {self.number}"
        if self.number > self.planned:
            return f"Session {self.number} ({self.planned} planned)"
        return f"Session {self.number} of {self.planned}"

    def days_since_previous(self, day: dt.date) -> int | None:
        if self.previous_date is None:
            return None
        return (day - self.previous_date).days

    def interval_warning(self, day: dt.date) -> str | None:
        """A warning when ``day`` comes sooner after the previous session than the plan allows."""
        days = self.days_since_previous(day)
        if days is None or days >= self.interval_weeks * 7:
            return None
        weeks, rest = divmod(days, 7)
        span = f"{weeks} week{'s' if weeks != 1 else ''}" + (
            f" {rest} day{'s' if rest != 1 else ''}" if rest else ""
        )
        if days < 7:
            span = f"{days} day{'s' if days != 1 else ''}"
        assert self.previous_date is not None
        earliest = self.previous_date + dt.timedelta(weeks=self.interval_weeks)
        return (
            f"Only {span} since the last session on {format_date(self.previous_date)}; "
            f"the plan's minimum interval is {self.interval_weeks} weeks "
            f"(earliest {format_date(earliest)})."
        )

    def next_date(self, day: dt.date) -> dt.date | None:
        """The suggested day of the next session, or None when the plan is complete."""
        if self.planned is not None and self.number >= self.planned:
            return None
        return day + dt.timedelta(weeks=self.interval_weeks)
