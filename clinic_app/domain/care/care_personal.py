"""What personalises a care handout, read from the patient's clinical picture.

The clinical picture (:mod:`clinic_app.domain.clinical_picture`) holds what the latest completed
consultation established; this module turns it into the flags the care files match on (see the
headers of ``resources/care/en/*.toml``) and into the values of a recorded prescription that a
handout prints (drug, first day, days, last day). It says nothing itself: every sentence is in
the care files. Standard library and the domain's top-level modules only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from clinic_app.domain.care.care_text import format_date
from clinic_app.domain.clinical_picture import PRESCRIPTION_KINDS, ClinicalPicture, Prescription

DARK_SKIN = "dark_skin"  # Fitzpatrick IV to VI (ClinicalPicture.dark_skin)
AREAS_RECORDED = "areas_recorded"
PRESCRIPTION_FIELDS = ("drug", "start", "days", "last_day")


def prescribed(kind: str) -> str:
    """The flag of a recorded prescription of ``kind``: ``prescribed:antiviral``."""
    return f"prescribed:{kind}"


def area_flag(area: str) -> str:
    """The flag of a treated area: ``area:periorbital``."""
    return f"area:{area.strip().lower()}"


def skin_type_flag(skin_type: str) -> str:
    """The flag of a Fitzpatrick type: ``skin_type:IV``."""
    return f"skin_type:{skin_type}"


def prescription_placeholders() -> frozenset[str]:
    """The placeholders a prescription fills: ``{antiviral_drug}``, ``{antiviral_start}``, ..."""
    return frozenset(
        f"{kind}_{name}" for kind in PRESCRIPTION_KINDS for name in PRESCRIPTION_FIELDS
    )


def prescription_kind_of(placeholder: str) -> str | None:
    """The prescription kind whose value ``placeholder`` is, or None for any other name."""
    for kind in PRESCRIPTION_KINDS:
        if placeholder in {f"{kind}_{name}" for name in PRESCRIPTION_FIELDS}:
            return kind
    return None


def flags_from_answers(answers: Mapping[str, Any]) -> frozenset[str]:
    """Flags of consultation answers: ``key`` when true, ``key:value`` for text and lists."""
    flags: set[str] = set()
    for key, value in answers.items():
        if value is True:
            flags.add(key)
        elif isinstance(value, str) and value.strip():
            flags.add(f"{key}:{value.strip()}")
        elif isinstance(value, list | tuple):
            flags.update(f"{key}:{item.strip()}" for item in value if isinstance(item, str))
    return frozenset(flags)


def flags_of(picture: ClinicalPicture | None) -> frozenset[str]:
    """What the care files match on for this patient.

    The rule id of every finding, every answer (:func:`flags_from_answers`), the skin type
    (``skin_type:IV`` and, for IV to VI, ``dark_skin``) and each recorded prescription
    (``prescribed:antiviral``)."""
    if picture is None:
        return frozenset()
    flags = set(picture.finding_ids) | flags_from_answers(picture.answers)
    if picture.skin_type:
        flags.add(skin_type_flag(picture.skin_type))
    if picture.dark_skin:
        flags.add(DARK_SKIN)
    flags.update(prescribed(p.kind) for p in picture.prescriptions)
    return frozenset(flags)


def answered_no(picture: ClinicalPicture | None) -> frozenset[str]:
    """The questions the consultation answered "No" (``false``, or ``[]`` for "None of
    these"): what the patient does not take or use, as far as the picture knows."""
    if picture is None:
        return frozenset()
    return frozenset(key for key, value in picture.answers.items() if value is False or value == [])


def area_flags(areas: Iterable[str]) -> frozenset[str]:
    """``area:<name>`` for each treated area, and ``areas_recorded`` when there is one."""
    flags = {area_flag(area) for area in areas if area.strip()}
    return frozenset(flags | {AREAS_RECORDED}) if flags else frozenset()


def prescription_values(
    prescriptions: Iterable[Prescription], language: str = "en"
) -> dict[str, str]:
    """The printed values of each recorded prescription, by placeholder name."""
    values: dict[str, str] = {}
    for item in prescriptions:
        values[f"{item.kind}_drug"] = item.drug
        values[f"{item.kind}_start"] = format_date(item.start, language=language)
        values[f"{item.kind}_days"] = str(item.days)
        values[f"{item.kind}_last_day"] = format_date(item.last_day, language=language)
    return values


def prescriptions_of(picture: ClinicalPicture | None) -> tuple[Prescription, ...]:
    """The recorded prescriptions, one per kind (the first recorded of each)."""
    if picture is None:
        return ()
    found = [picture.prescription(kind) for kind in PRESCRIPTION_KINDS]
    return tuple(item for item in found if item is not None)


def course_day(prescription: Prescription, treatment_date: dt.date) -> int:
    """The day of the post-care calendar (0 = treatment day) of a course's last day."""
    return (prescription.last_day - treatment_date).days
