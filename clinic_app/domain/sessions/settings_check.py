"""Checks of one treated area's laser settings against a device profile.

Two kinds of finding (pure rules, standard library only):

- a *refusal*: the value cannot be recorded for this device -- outside its range, off its step,
  not a number, a setting the device does not have, a scan shape or size it does not offer;
- a *caution*: the value is allowed but past a caution rule of the profile for this area (a
  single threshold, or a combined-intensity rule whose conditions all hold), or the settings
  taken together reach a limit of an energy picture (:mod:`.picture_check`), or disagree with
  the recorded intensity. A caution of level *danger* is shown loudly and needs an explicit
  confirmation and a reason of substance (:mod:`.acknowledgement`); the others a light note.

A group of areas (the plan's full face) is checked as the strictest of its areas; an area the
profile knows nothing of is a danger, since nothing could be checked. The thresholds and their
sources are data in the profile (docs/devices.md); nothing here knows a number.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from clinic_app.domain.sessions.check_findings import (
    DANGER,
    Caution,
    CheckContext,
    Refusal,
    SettingsCheck,
    area_text,
)
from clinic_app.domain.sessions.device_cautions import CautionRule
from clinic_app.domain.sessions.device_profile import (
    AREA_GROUPS,
    AREAS,
    PARAMETER_LABELS,
    PARAMETER_UNITS,
    DeviceProfile,
    format_quantity,
)
from clinic_app.domain.sessions.picture_check import picture_findings

__all__ = [
    "Caution",
    "CheckContext",
    "Refusal",
    "SettingsCheck",
    "check_settings",
    "check_value",
    "normalise_area",
]

SCAN_FIELDS = {"scan_pattern": "Scan pattern", "scan_size": "Scan size"}
# Keys of a SessionArea row that are recorded but not checked against the device.
UNCHECKED_FIELDS = frozenset(
    {
        "id",
        "session_id",
        "position",
        "area",
        "handpiece",
        "endpoint",
        "reaction",
        "notes",
        "caution_ack_reason",
    }
)
UNKNOWN_AREA_RULE = "unknown-area"
DEFAULT_COMBINED_LABEL = "Combined intensity"


_SEPARATORS = re.compile(r"[\s_-]+")


def normalise_area(area: str) -> str:
    """ "  Cheeks " -> "cheeks"; a group by its key: "Full face", "full-face" -> "full_face"."""
    cleaned = area.strip().casefold()
    grouped = _SEPARATORS.sub("_", cleaned)
    return grouped if grouped in AREA_GROUPS else cleaned


def check_value(profile: DeviceProfile, field: str, value: object) -> Refusal | None:
    """Whether one value can be recorded for ``profile``: the field-level check of an editor.
    Empty values (None, "") are not recorded and pass."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if field in SCAN_FIELDS:
        return _check_scan(profile, field, value)
    if field not in PARAMETER_LABELS:
        raise ValueError(
            f"'{field}' is not a setting that can be checked; use one of "
            f"{', '.join([*PARAMETER_LABELS, *SCAN_FIELDS])}"
        )
    parameter = profile.parameter(field)
    if parameter is None:
        label = PARAMETER_LABELS[field]
        return Refusal(
            field,
            f"{profile.name} has no {label.lower()} setting ({PARAMETER_UNITS[field]}); "
            "leave it empty.",
        )
    problem = parameter.problem(value)
    return Refusal(field, problem) if problem else None


def _check_scan(profile: DeviceProfile, field: str, value: object) -> Refusal | None:
    label = SCAN_FIELDS[field]
    if field == "scan_pattern":
        allowed, kind = profile.scan.shapes, "shapes"
    else:
        allowed, kind = profile.scan.sizes, "sizes"
    if not isinstance(value, str):
        return Refusal(field, f"{label} must be a text, not {value!r}.")
    wanted = value.strip().casefold()
    if any(option.casefold() == wanted for option in allowed):
        return None
    return Refusal(
        field,
        f"{label} '{value.strip()}' is not one of this device's {kind}: {', '.join(allowed)}.",
    )


def check_settings(
    profile: DeviceProfile,
    area: str,
    values: Mapping[str, object],
    context: CheckContext | None = None,
) -> SettingsCheck:
    """Refusals and cautions for the settings ``values`` (SessionArea column -> value) used on
    ``area`` with the device of ``profile``, for the patient and session of ``context``.

    Cautions are judged only on values that can be recorded; an empty value never matches a
    condition. An area the profile has no rule for gets a danger of its own, since nothing
    could be checked.
    """
    context = context or CheckContext()
    for key in values:
        if key not in PARAMETER_LABELS and key not in SCAN_FIELDS and key not in UNCHECKED_FIELDS:
            raise ValueError(
                f"'{key}' is not a SessionArea setting; use one of "
                f"{', '.join([*PARAMETER_LABELS, *SCAN_FIELDS])}"
            )
    area_key = normalise_area(area)
    refusals: list[Refusal] = []
    usable: dict[str, float] = {}
    for field in (*PARAMETER_LABELS, *SCAN_FIELDS):
        if field not in values:
            continue
        value = values[field]
        refusal = check_value(profile, field, value)
        if refusal is not None:
            refusals.append(refusal)
        elif field in PARAMETER_LABELS and isinstance(value, int | float):
            usable[field] = float(value)

    cautions: list[Caution] = []
    rules = profile.rules_for(area_key)
    pictures = profile.pictures_for(area_key)
    if not rules or not pictures:
        known = ", ".join(a for a in AREAS if profile.rules_for(a) and profile.pictures_for(a))
        cautions.append(
            Caution(
                rule_id=UNKNOWN_AREA_RULE,
                area=area_key,
                fields=(),
                message=(
                    f"{profile.name} has no thresholds for the area '{area.strip()}' "
                    f"(it has them for: {known}); these settings could not be checked."
                ),
                level=DANGER,
            )
        )
    for rule in rules:
        caution = _caution(profile, rule, area_key, usable)
        if caution is not None:
            cautions.append(caution)
    found, missing = picture_findings(profile, area_key, usable, context)
    cautions += found
    return SettingsCheck(
        area=area_key, refusals=tuple(refusals), cautions=tuple(cautions), missing=tuple(missing)
    )


def _caution(
    profile: DeviceProfile, rule: CautionRule, area: str, values: Mapping[str, float]
) -> Caution | None:
    parts: list[str] = []
    for condition in rule.conditions:
        value = values.get(condition.parameter)
        if value is None or not condition.matches(value):
            return None
        parameter = profile.parameters[condition.parameter]
        parts.append(
            f"{parameter.label.lower()} {parameter.quantity(value)} "
            f"({condition.words} {parameter.quantity(condition.limit)})"
        )
    if rule.is_threshold:
        condition = rule.conditions[0]
        parameter = profile.parameters[condition.parameter]
        value = values[condition.parameter]
        limit = format_quantity(condition.limit, parameter.unit)
        message = (
            f"{parameter.label} {parameter.quantity(value)} on {area_text(area)} is "
            f"{condition.words} the caution threshold of {limit}."
        )
    else:
        label = rule.label or DEFAULT_COMBINED_LABEL
        joined = ", ".join(parts[:-1]) + f" and {parts[-1]}"
        message = f"{label} on {area_text(area)}: {joined}."
    return Caution(
        rule_id=rule.id,
        area=area,
        fields=tuple(c.parameter for c in rule.conditions),
        message=message,
        level=rule.level,
        note=rule.note,
        source=rule.source.text,
        to_confirm=rule.source.to_confirm,
    )
