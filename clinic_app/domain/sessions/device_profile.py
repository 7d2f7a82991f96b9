"""The device profile as plain values: its settings with their ranges and steps, the scan options,
presets, caution rules and energy pictures, and the treated areas; each figure names its source.

A source text that starts with ``[GK]`` is general clinical knowledge or a conservative default
that the clinic should confirm with the manufacturer's manual (:attr:`Source.to_confirm`).
Reading and validating the files is :mod:`clinic_app.domain.sessions.devices`' job.

Standard library only.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from clinic_app.domain.sessions.device_cautions import (
    CautionRule,
    Condition,
    rules_for,
    strictest_thresholds,
)
from clinic_app.domain.sessions.energy_picture import EnergyPicture, SkinFactors
from clinic_app.domain.sessions.sources import GK_MARK, Source

__all__ = ["GK_MARK", "Source"]  # re-exported: profiles name their sources with them

# The treated areas a caution rule may name, head to hands.
FACE_AREAS = ("forehead", "cheeks", "nose", "chin", "perioral")
AREAS = (*FACE_AREAS, "periorbital", "neck", "chest", "hands")
# A plan's group of areas, checked as the strictest of its areas (docs/sessions.md).
AREA_GROUPS = {"full_face": FACE_AREAS}

# Settings a profile may define: the SessionArea column, its label and its unit.
PARAMETER_LABELS = {
    "power_w": "Power",
    "energy_mj": "Energy",
    "dwell_us": "Dwell time",
    "spacing_um": "Spacing",
    "density_pct": "Density",
    "stack": "Stack",
    "passes": "Passes",
}
PARAMETER_UNITS = {
    "power_w": "W",
    "energy_mj": "mJ",
    "dwell_us": "µs",
    "spacing_um": "µm",
    "density_pct": "%",
    "stack": "pulses",
    "passes": "passes",
}
WHOLE_NUMBER_PARAMETERS = frozenset({"stack", "passes"})
# Units that a count is written without ("2 passes" reads badly as "Passes 2 passes").
_COUNT_UNITS = frozenset({"pulses", "passes"})
_TOLERANCE = 1e-9


def area_members(area: str) -> tuple[str, ...]:
    """The areas a (normalised) area stands for: "full_face" -> forehead, cheeks, ...; an area
    stands for itself."""
    return AREA_GROUPS.get(area, (area,))


def format_number(value: float) -> str:
    """30.0 -> "30", 0.5 -> "0.5", 1800 -> "1800"."""
    return f"{value:g}"


def format_quantity(value: float, unit: str) -> str:
    """A value with its unit as the messages show it: "30 W", "450 µm", "2" (a count)."""
    if unit in _COUNT_UNITS:
        return format_number(value)
    return f"{format_number(value)} {unit}"


@dataclass(frozen=True)
class Parameter:
    """One setting of a device: its allowed range, step and default, each with a source."""

    name: str  # the SessionArea column, e.g. "power_w"
    unit: str
    minimum: float
    maximum: float
    step: float
    default: float
    source: Source  # of the range
    step_source: Source
    default_source: Source

    @property
    def label(self) -> str:
        return PARAMETER_LABELS[self.name]

    @property
    def whole_number(self) -> bool:
        return self.name in WHOLE_NUMBER_PARAMETERS

    @property
    def range_text(self) -> str:
        """ "0.5–30 W", "1–4 passes"."""
        return f"{format_number(self.minimum)}–{format_number(self.maximum)} {self.unit}"

    def quantity(self, value: float) -> str:
        return format_quantity(value, self.unit)

    def nearest_allowed(self, value: float) -> float:
        """The value on this parameter's step nearest to ``value``, within the range."""
        steps = round((value - self.minimum) / self.step)
        nearest = self.minimum + steps * self.step
        nearest = min(max(nearest, self.minimum), self.maximum)
        return round(nearest, 10)

    def problem(self, value: object) -> str | None:
        """Why ``value`` cannot be recorded for this parameter, or None if it can."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"{self.label} must be a number, not {value!r}."
        number = float(value)
        if not math.isfinite(number):
            return f"{self.label} must be a number, not {value!r}."
        slack = _TOLERANCE * max(1.0, abs(self.minimum), abs(self.maximum))
        if number < self.minimum - slack or number > self.maximum + slack:
            return (
                f"{self.label} {self.quantity(number)} is outside this device's range of "
                f"{self.range_text}."
            )
        if self.whole_number and not number.is_integer():
            return f"{self.label} must be a whole number of {self.unit}, not {value!r}."
        steps = (number - self.minimum) / self.step
        if abs(steps - round(steps)) > 1e-6:
            return (
                f"{self.label} {self.quantity(number)} is not on this device's step of "
                f"{format_number(self.step)} {self.unit} from {self.quantity(self.minimum)}; "
                f"nearest allowed: {self.quantity(self.nearest_allowed(number))}."
            )
        return None


@dataclass(frozen=True)
class ScanOptions:
    """The scan pattern shapes and sizes a device offers (and its scan orders, if any)."""

    shapes: tuple[str, ...]
    shapes_source: Source
    sizes: tuple[str, ...]
    sizes_source: Source
    orders: tuple[str, ...] = ()
    orders_source: Source | None = None


@dataclass(frozen=True)
class Preset:
    """A named set of values the device offers (e.g. Pixel's medium), with its source."""

    name: str
    values: Mapping[str, float]
    source: Source


@dataclass(frozen=True)
class DeviceProfile:
    """A device's settings, scan options and caution rules, as one versioned file describes."""

    id: str
    version: str
    name: str
    manufacturer: str
    parameters: Mapping[str, Parameter]
    scan: ScanOptions
    cautions: tuple[CautionRule, ...]
    presets: Mapping[str, Preset] = field(default_factory=dict)
    pictures: tuple[EnergyPicture, ...] = ()
    skin: SkinFactors = field(default_factory=SkinFactors)
    description: str = ""
    origin: str = ""  # the file it was read from
    overridden: bool = False  # True when the file comes from the clinic's data dir

    @property
    def title(self) -> str:
        """ "SmartXide DOT (DEKA)"."""
        return f"{self.name} ({self.manufacturer})"

    def parameter(self, name: str) -> Parameter | None:
        return self.parameters.get(name)

    def rules_for(self, area: str) -> tuple[CautionRule, ...]:
        """The caution rules that apply to ``area`` (to any area of a group such as the full
        face, each rule once)."""
        found: dict[str, CautionRule] = {}
        for member in area_members(area):
            for rule in rules_for(self.cautions, member):
                found.setdefault(rule.id, rule)
        return tuple(found.values())

    def pictures_for(self, area: str) -> tuple[EnergyPicture, ...]:
        """The energy pictures with limits on ``area`` (on every area of a group)."""
        members = area_members(area)
        return tuple(
            picture
            for picture in self.pictures
            if all(picture.limit_for(member) is not None for member in members)
        )

    def thresholds(self, area: str) -> dict[str, Condition]:
        """The single-value caution threshold of each parameter on ``area`` (the strictest one
        when several rules name the same parameter)."""
        return strictest_thresholds(self.rules_for(area))

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-ready), e.g. for ``clinic-app devices --json``."""
        return {
            "id": self.id,
            "version": self.version,
            "name": self.name,
            "manufacturer": self.manufacturer,
            "description": self.description,
            "origin": self.origin,
            "overridden": self.overridden,
            "parameters": {
                name: {
                    "label": p.label,
                    "unit": p.unit,
                    "min": p.minimum,
                    "max": p.maximum,
                    "step": p.step,
                    "default": p.default,
                    "source": p.source.text,
                    "step_source": p.step_source.text,
                    "default_source": p.default_source.text,
                    "to_confirm": any(
                        s.to_confirm for s in (p.source, p.step_source, p.default_source)
                    ),
                }
                for name, p in self.parameters.items()
            },
            "scan": {
                "shapes": list(self.scan.shapes),
                "shapes_source": self.scan.shapes_source.text,
                "sizes": list(self.scan.sizes),
                "sizes_source": self.scan.sizes_source.text,
                "orders": list(self.scan.orders),
                "orders_source": self.scan.orders_source.text if self.scan.orders_source else "",
            },
            "cautions": [
                {
                    "id": rule.id,
                    "areas": list(rule.areas),
                    "when": {c.parameter: {c.operator: c.limit} for c in rule.conditions},
                    "level": rule.level,
                    "label": rule.label,
                    "note": rule.note,
                    "source": rule.source.text,
                    "to_confirm": rule.source.to_confirm,
                }
                for rule in self.cautions
            ],
            "presets": {
                name: {"values": dict(preset.values), "source": preset.source.text}
                for name, preset in self.presets.items()
            },
            "pictures": [picture.to_dict() for picture in self.pictures],
            "skin_types": self.skin.to_dict(),
        }
