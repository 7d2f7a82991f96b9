"""Checks of one treated area's laser settings against a device profile.

Two kinds of finding (pure rules, standard library only):

- a *refusal*: the value cannot be recorded for this device -- outside its range, off its step,
  not a number, a setting the device does not have, a scan shape or size it does not offer;
- a *caution*: the value is allowed but past a caution rule of the profile for this area (a
  single threshold, or a combined-intensity rule whose conditions all hold). Each caution needs
  an acknowledgement with a written reason before the session is saved.

The thresholds and their sources are data in the profile (docs/devices.md); nothing here knows
a number.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from clinic_app.domain.sessions.device_cautions import CautionRule
from clinic_app.domain.sessions.device_profile import (
    AREAS,
    PARAMETER_LABELS,
    PARAMETER_UNITS,
    DeviceProfile,
    format_quantity,
)

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


@dataclass(frozen=True)
class Refusal:
    """A value that cannot be recorded, with the message to show at its field."""

    field: str
    message: str


@dataclass(frozen=True)
class Caution:
    """A value (or combination) past a caution rule on an area; needs an acknowledged reason."""

    rule_id: str
    area: str
    fields: tuple[str, ...]
    message: str
    level: str = "caution"  # or "danger": show it loudly
    note: str = ""
    source: str = ""
    to_confirm: bool = False  # the rule's source is marked [GK]

    @property
    def text(self) -> str:
        """The message followed by the profile's note, if any."""
        return f"{self.message} {self.note}" if self.note else self.message


@dataclass(frozen=True)
class SettingsCheck:
    """What the check found for one area's settings."""

    area: str
    refusals: tuple[Refusal, ...] = ()
    cautions: tuple[Caution, ...] = ()

    @property
    def ok(self) -> bool:
        """No refusal: the values may be recorded (once the cautions are acknowledged)."""
        return not self.refusals

    @property
    def needs_acknowledgement(self) -> bool:
        return bool(self.cautions)

    def refusals_for(self, field: str) -> tuple[Refusal, ...]:
        return tuple(r for r in self.refusals if r.field == field)

    def cautions_for(self, field: str) -> tuple[Caution, ...]:
        return tuple(c for c in self.cautions if field in c.fields)


def normalise_area(area: str) -> str:
    """ "  Cheeks " -> "cheeks"."""
    return area.strip().casefold()


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
    profile: DeviceProfile, area: str, values: Mapping[str, object]
) -> SettingsCheck:
    """Refusals and cautions for the settings ``values`` (SessionArea column -> value) used on
    ``area`` with the device of ``profile``.

    Cautions are judged only on values that can be recorded; an empty value never matches a
    condition. An area the profile has no rule for gets a caution of its own, since nothing
    could be checked.
    """
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
    if not rules:
        cautions.append(
            Caution(
                rule_id=UNKNOWN_AREA_RULE,
                area=area_key,
                fields=(),
                message=(
                    f"{profile.name} has no caution thresholds for the area '{area.strip()}' "
                    f"(it has them for: {', '.join(a for a in AREAS if profile.rules_for(a))}); "
                    "these settings could not be checked."
                ),
            )
        )
    for rule in rules:
        caution = _caution(profile, rule, area_key, usable)
        if caution is not None:
            cautions.append(caution)
    return SettingsCheck(area=area_key, refusals=tuple(refusals), cautions=tuple(cautions))


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
            f"{parameter.label} {parameter.quantity(value)} on {area} is {condition.words} "
            f"the caution threshold of {limit}."
        )
    else:
        label = rule.label or DEFAULT_COMBINED_LABEL
        joined = ", ".join(parts[:-1]) + f" and {parts[-1]}"
        message = f"{label} on {area}: {joined}."
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


def acknowledgement_problem(check: SettingsCheck, reason: str) -> str | None:
    """Why the settings cannot be saved yet as acknowledged, or None: every caution needs a
    written reason (SessionArea.caution_ack_reason)."""
    if check.cautions and not reason.strip():
        count = len(check.cautions)
        noun = "caution" if count == 1 else "cautions"
        return (
            f"{count} {noun} on {check.area}: write the reason for going past "
            f"{'it' if count == 1 else 'them'} to proceed."
        )
    return None
