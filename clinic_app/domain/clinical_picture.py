"""One clinical picture per patient: what the latest signed consultation established.

Sessions and handouts read the picture instead of asking again: the verdict (candidate or not),
the findings with their decisions, the skin type, the plan (areas, intensity), prescriptions
(e.g. the antiviral: drug, first day, days), test spots and every recorded override of a gate.
The services build it from the database (``services/consultation/clinical_picture.py``); this
module only holds the values and the pure rules on them. Standard library only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

ANTIVIRAL = "antiviral"
PRESCRIPTION_KINDS = (ANTIVIRAL,)
MAX_PRESCRIPTION_DAYS = 30  # a prophylactic course is days, not months: a typo guard
DARK_SKIN_TYPES = frozenset({"IV", "V", "VI"})


class Verdict(Enum):
    """What the latest consultation concluded, as far as going on is concerned."""

    NO_CONSULTATION = "no_consultation"  # nothing signed yet
    NOT_CANDIDATE = "not_candidate"  # saved as "not a candidate now"
    BLOCKED = "blocked"  # an absolute finding, or an absolute question left unanswered
    CANDIDATE = "candidate"


class Gate(Enum):
    """What must be passed, or overridden with a recorded reason, before a session or handout."""

    NO_CONSULTATION = "no_consultation"
    NOT_CANDIDATE = "not_candidate"
    ABSOLUTE_FINDING = "absolute_finding"
    UNANSWERED_ABSOLUTE = "unanswered_absolute"
    UNDECIDED_RELATIVE = "undecided_relative"
    TEST_SPOT = "test_spot"


class Purpose(Enum):
    """What the gate is checked for."""

    SESSION = "session"
    HANDOUT = "handout"


@dataclass(frozen=True)
class Prescription:
    """A medicine prescribed for the treatment, e.g. the antiviral prophylaxis."""

    kind: str  # "antiviral"
    drug: str  # as written on the prescription, e.g. "valaciclovir 500 mg twice daily"
    start: dt.date  # the first day of the course
    days: int  # how many days, the first included

    @property
    def last_day(self) -> dt.date:
        """The last day of the course."""
        return self.start + dt.timedelta(days=self.days - 1)

    def to_stored(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "drug": self.drug,
            "start": self.start.isoformat(),
            "days": self.days,
        }


@dataclass(frozen=True)
class PictureFinding:
    """A finding of the consultation, with the decision taken on it."""

    rule_id: str
    severity: str  # "absolute", "relative", "caution"
    title: str
    message: str
    decision: str | None = None
    reason: str = ""


@dataclass(frozen=True)
class TestSpot:
    """A test spot: where, when, with what, and how it healed (result None until checked)."""

    __test__ = False  # not a pytest test class, despite its name

    id: int
    performed_on: dt.date
    area: str
    settings: Mapping[str, Any]
    check_on: dt.date
    result: str | None = None  # "healed_well" or "reaction"; None while not checked
    result_notes: str = ""

    @property
    def healed_well(self) -> bool:
        return self.result == "healed_well"


@dataclass(frozen=True)
class Override:
    """A recorded reason to go on despite a gate: who, when, for what."""

    gate: str  # a Gate value
    purpose: str  # a Purpose value
    reason: str
    by: str
    at: dt.datetime
    consultation_id: int | None = None


@dataclass(frozen=True)
class GateProblem:
    """One gate a session or handout would pass: which, and why (for the practitioner)."""

    gate: Gate
    message: str


@dataclass(frozen=True)
class ClinicalPicture:
    """What is known of the patient for the next session or handout."""

    patient_id: int
    consultation_id: int | None = None
    completed_on: dt.date | None = None
    treatment_date: dt.date | None = None
    not_candidate_reason: str = ""
    status: str = ""
    skin_type: str | None = None  # "I".."VI"
    intensity: str | None = None  # "light", "moderate", "deep"
    plan_areas: tuple[str, ...] = ()  # as planned, e.g. ("full_face", "neck")
    areas: tuple[str, ...] = ()  # as sessions treat them: full face expanded
    device_profile_id: str = ""
    sessions_planned: int | None = None  # the plan's; None without a plan
    interval_weeks: int | None = None  # the plan's minimum interval; None without a plan
    findings: tuple[PictureFinding, ...] = ()
    unanswered_absolute: tuple[str, ...] = ()  # labels of absolute questions left unanswered
    prescriptions: tuple[Prescription, ...] = ()
    test_spots: tuple[TestSpot, ...] = ()
    test_spot_rules: tuple[str, ...] = ()  # titles of the findings that ask for a test spot
    overrides: tuple[Override, ...] = ()
    answers: Mapping[str, Any] = field(default_factory=dict)

    @property
    def finding_ids(self) -> frozenset[str]:
        return frozenset(f.rule_id for f in self.findings)

    def prescription(self, kind: str) -> Prescription | None:
        """The prescription of ``kind`` (e.g. ANTIVIRAL), or None when none is recorded."""
        return next((p for p in self.prescriptions if p.kind == kind), None)

    @property
    def dark_skin(self) -> bool:
        """Fitzpatrick IV to VI: the pigment-risk types."""
        return self.skin_type in DARK_SKIN_TYPES

    @property
    def verdict(self) -> Verdict:
        if self.consultation_id is None:
            return Verdict.NO_CONSULTATION
        if self.status == "not_candidate" or self.not_candidate_reason.strip():
            return Verdict.NOT_CANDIDATE
        if self.unanswered_absolute or any(f.severity == "absolute" for f in self.findings):
            return Verdict.BLOCKED
        return Verdict.CANDIDATE

    def healed_test_spot(self) -> TestSpot | None:
        """The test spot that clears a full session, or None: the newest one judged, on one of
        the planned areas (any area when the plan names none), when it healed well. A newer
        reaction closes the gate again; a spot on the hands does not clear the face."""
        judged = [
            spot
            for spot in self.test_spots
            if spot.result is not None and (not self.areas or spot.area in self.areas)
        ]
        if not judged:
            return None
        newest = max(judged, key=lambda spot: (spot.performed_on, spot.id))
        return newest if newest.healed_well else None


def prescriptions_from(raw: Any) -> tuple[Prescription, ...]:
    """The prescriptions of a stored plan (``plan["prescriptions"]``); unusable entries skipped
    (the wizard refuses them, see :func:`prescription_errors`)."""
    found: list[Prescription] = []
    for entry in raw if isinstance(raw, list) else []:
        if not isinstance(entry, Mapping) or prescription_entry_errors(entry):
            continue
        found.append(
            Prescription(
                kind=str(entry["kind"]),
                drug=str(entry["drug"]).strip(),
                start=dt.date.fromisoformat(str(entry["start"])),
                days=int(entry["days"]),
            )
        )
    return tuple(found)


def prescription_entry_errors(entry: Mapping[str, Any]) -> dict[str, str]:
    """What is wrong with one prescription entry, by field (drug, start, days)."""
    errors: dict[str, str] = {}
    if entry.get("kind") not in PRESCRIPTION_KINDS:
        errors["kind"] = f"kind: one of {', '.join(PRESCRIPTION_KINDS)}"
    if not str(entry.get("drug") or "").strip():
        errors["drug"] = "write the medicine and dose as prescribed"
    try:
        dt.date.fromisoformat(str(entry.get("start")))
    except ValueError:
        errors["start"] = "the first day, as a date such as 13/12/2026 or 2026-12-13"
    days = entry.get("days")
    if (
        isinstance(days, bool)
        or not isinstance(days, int)
        or not 1 <= days <= MAX_PRESCRIPTION_DAYS
    ):
        errors["days"] = f"how many days: a whole number from 1 to {MAX_PRESCRIPTION_DAYS}"
    return errors


def overridden(picture: ClinicalPicture, gate: Gate, purpose: Purpose) -> Override | None:
    """The override recorded for ``gate`` and ``purpose`` on the picture's consultation."""
    for item in picture.overrides:
        if (
            item.gate == gate.value
            and item.purpose == purpose.value
            and item.consultation_id == picture.consultation_id
        ):
            return item
    return None
