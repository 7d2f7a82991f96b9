"""What a care handout says, ready to lay out: the patient and clinic it is for, and the computed
pre-care and post-care content with real dates.

:mod:`clinic_app.domain.care.care_schedule` computes it; :mod:`clinic_app.reports` lays it out.
Standard library only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from clinic_app.domain.care.care_text import fill, format_date
from clinic_app.domain.face_chart import TreatedAreas


@dataclass(frozen=True)
class Person:
    """The patient as printed: name and date of birth exactly as typed."""

    first_name: str
    last_name: str
    date_of_birth: dt.date

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class ClinicContact:
    """What the content text may say about the clinic."""

    name: str
    phone: str


@dataclass(frozen=True)
class Fact:
    """A labelled line of the summary at the top of a handout."""

    label: str
    value: str


@dataclass(frozen=True)
class ChecklistEntry:
    """One dated step of the pre-care checklist."""

    item_id: str
    date: dt.date
    when_text: str  # "By", "From" or "On"
    date_text: str
    text: str
    personal: bool
    overdue: bool


@dataclass(frozen=True)
class CalendarDay:
    """One row of the post-care calendar."""

    day: int
    date: dt.date
    day_text: str
    date_text: str
    expect: tuple[str, ...]
    do: tuple[str, ...]
    milestones: tuple[str, ...]


@dataclass(frozen=True)
class FollowUpLine:
    """One dated contact after the treatment, as the post-care handout prints it (the
    follow-up schedule, resources/followups/<lang>/schedule.toml, says what and when)."""

    date: dt.date
    date_text: str
    text: str


@dataclass(frozen=True)
class FollowUpBlock:
    """The follow-up contacts section of the post-care handout: its texts and its lines."""

    heading: str
    intro: str
    columns: tuple[str, str]
    lines: tuple[FollowUpLine, ...]


@dataclass(frozen=True)
class Footer:
    """What every page carries: who the handout is for, the template version, page X of Y."""

    patient_line: str
    version_line: str
    page_label: str  # still holding {page} and {pages}

    @classmethod
    def of(
        cls,
        labels: Mapping[str, str],
        person: Person,
        version: str,
        issued: dt.date,
        language: str = "en",
    ) -> Footer:
        """The footer lines, from labels whose content placeholders are already filled."""
        return cls(
            patient_line=fill(
                labels["footer_patient"],
                {
                    "patient_name": person.full_name,
                    "date_of_birth": format_date(
                        person.date_of_birth, weekday=False, language=language
                    ),
                },
            ),
            version_line=fill(
                labels["footer"],
                {
                    "template_version": version,
                    "prepared_on": format_date(issued, language=language),
                },
            ),
            page_label=labels["page"],
        )


@dataclass(frozen=True)
class PreCareContent:
    """A pre-care handout as it will be printed: dated steps, this patient's items first."""

    kind: str
    template_version: str
    title: str
    intro: str
    person: Person
    facts: tuple[Fact, ...]
    personal_heading: str
    personal_items: tuple[ChecklistEntry, ...]
    personal_notes: tuple[str, ...]
    general_heading: str
    general_items: tuple[ChecklistEntry, ...]
    # Steps dated before the day the handout was prepared: listed calmly, never "do it now".
    done_heading: str
    done_items: tuple[ChecklistEntry, ...]
    day_of_heading: str
    day_of: tuple[str, ...]
    week_heading: str
    week_text: str
    contact_text: str
    footer: Footer


@dataclass(frozen=True)
class PostCareContent:
    """A post-care handout as it will be printed: the dated recovery calendar and warnings."""

    kind: str
    template_version: str
    title: str
    intro: str
    person: Person
    intensity: str
    facts: tuple[Fact, ...]
    personal_heading: str
    personal: tuple[str, ...]  # "just for you" lines from the clinical picture; may be empty
    calendar_heading: str
    calendar_columns: tuple[str, str, str]
    days: tuple[CalendarDay, ...]
    warning_heading: str
    warning_signs: tuple[str, ...]
    warning_call: str
    warning_after: str
    after_heading: str
    after: tuple[str, ...]
    sun_protection_until: dt.date
    footer: Footer
    face_chart: TreatedAreas | None = None  # "Areas treated today" (a recorded session's)
    # The follow-up contacts with their dates (added by the handout service; none: no section).
    followups: FollowUpBlock | None = None
