"""The care content as checked templates: what one pre-care or post-care file says, before any
patient's dates are filled in.

Reading and checking the files is :mod:`clinic_app.domain.care.care_loader`'s job; turning a
template into one patient's handout is :mod:`clinic_app.domain.care.care_schedule`'s.
Standard library only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from clinic_app.domain.care.care_kinds import POST_CARE, PRE_CARE

# The recovery milestones of each intensity (keys of IntensityTemplate.days), in calendar order.
MILESTONES = ("sunscreen_from_day", "moisturiser_from_day", "makeup_from_day", "actives_from_day")


@dataclass(frozen=True)
class RecoveryTemplate:
    """What one treatment intensity means for recovery, on both handouts (common.toml)."""

    label: str
    downtime: str  # as printed: "5 to 7 days"
    downtime_days: tuple[int, int]  # first and last day the skin may still crust and flake


@dataclass(frozen=True)
class CommonTemplate:
    """The checked content of common.toml: what both handouts say alike."""

    language: str
    version: str
    text: str  # the file as read: the handouts' checksums cover it
    origin: str
    intensities: Mapping[str, RecoveryTemplate]
    medicines: Mapping[str, str]  # placeholder name -> printed name, e.g. pain_reliever

    def downtime_values(self) -> dict[str, str]:
        """``downtime_light``, ``downtime_moderate``, ... for the texts that compare them."""
        return {f"downtime_{key}": tier.downtime for key, tier in self.intensities.items()}


@dataclass(frozen=True)
class ChecklistTemplate:
    """One step of the pre-care checklist, dated relative to the treatment by ``date_key``."""

    id: str
    date_key: str
    when: str  # "by", "from" or "on"
    text: str
    personal_when: frozenset[str]
    only_when: bool
    source: str
    unless: frozenset[str] = frozenset()  # left out when the patient has one of these flags
    # Left out when the consultation answered "No" to every one of these questions (a drug or
    # product the patient does not use); printed when one is unanswered or not "No".
    unless_answered_no: frozenset[str] = frozenset()


@dataclass(frozen=True)
class PrescriptionStepTemplate:
    """The pre-care step of a recorded prescription: dated on its first day."""

    kind: str  # "antiviral"
    when: str  # "by", "from" or "on"
    text: str  # may use the prescription's placeholders, e.g. {antiviral_drug}


@dataclass(frozen=True)
class PreCareTemplate:
    """The checked content of a pre-care file."""

    language: str
    version: str
    checksum: str
    origin: str
    labels: Mapping[str, str]
    dates: Mapping[str, int]
    checklist: tuple[ChecklistTemplate, ...]
    notes: Mapping[str, str]  # flag -> undated note for this patient
    day_of: tuple[str, ...]
    common: CommonTemplate
    prescriptions: Mapping[str, PrescriptionStepTemplate]  # kind -> its step

    @property
    def template_version(self) -> str:
        """What is printed and stored: kind, language, version and a checksum of the file."""
        return f"{PRE_CARE}/{self.language} {self.version} {self.checksum}"


@dataclass(frozen=True)
class IntensityTemplate:
    """What one treatment intensity changes: its wording, its downtime (from common.toml) and
    the day of each milestone of the recovery calendar."""

    label: str
    downtime: str
    downtime_days: tuple[int, int]
    days: Mapping[str, int]  # milestone name -> day
    sun_protection_weeks: int


@dataclass(frozen=True)
class PhaseTemplate:
    """A stretch of recovery days per intensity, with what to expect and what to do."""

    id: str
    days: Mapping[str, tuple[int, int]]
    expect: Mapping[str, str]
    do: Mapping[str, tuple[str, ...]]

    def covers(self, intensity: str, day: int) -> bool:
        """Whether this phase spans ``day`` of a treatment of ``intensity``."""
        span = self.days.get(intensity)
        return span is not None and span[0] <= day <= span[1]


@dataclass(frozen=True)
class PersonalTemplate:
    """A "just for you" line of the post-care handout, printed when its flags match."""

    id: str
    when: frozenset[str]  # printed when the patient has one of these flags ...
    unless: frozenset[str]  # ... and none of these
    text: str

    def applies(self, flags: frozenset[str]) -> bool:
        return bool(self.when & flags) and not self.unless & flags


@dataclass(frozen=True)
class PostCareTemplate:
    """The checked content of a post-care file."""

    language: str
    version: str
    checksum: str
    origin: str
    calendar_days: int
    default_intensity: str
    labels: Mapping[str, str]
    intensities: Mapping[str, IntensityTemplate]
    milestones: Mapping[str, str]
    phases: tuple[PhaseTemplate, ...]
    warning_signs: tuple[str, ...]
    after: tuple[str, ...]
    areas: Mapping[str, str]
    common: CommonTemplate
    course_ends: Mapping[str, str]  # prescription kind -> calendar text on the course's last day
    personal: tuple[PersonalTemplate, ...]
    stricter_sun_when: frozenset[str]  # flags of the skin that needs the longer sun plan
    stricter_sun_weeks: int

    @property
    def template_version(self) -> str:
        return f"{POST_CARE}/{self.language} {self.version} {self.checksum}"
