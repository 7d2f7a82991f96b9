"""The energy picture: one figure from an area's settings taken together, judged per area.

A single value can look harmless while the whole is not: the published burn case (domain.md)
stays under most single thresholds with one pass. A profile therefore names one or more
*pictures*: a product of settings divided by others, times a scale, e.g. the thermal load
``power × dwell × stack × passes ÷ spacing² × 100`` in J/cm² (docs/sessions.md, "The energy
picture"). Each picture has, per area, two limits (caution, danger) and the upper bounds of the
light and moderate intensity bands. Skin types IV-VI lower the limits by a factor of the profile.

Counts (stack, passes) left empty, or that the device does not have, count as 1. The figures
and their sources are data in the device profile; nothing here knows a number. Standard library
only.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from clinic_app.domain.sessions.sources import Source

COUNTS = frozenset({"stack", "passes"})  # counts as 1 when not recorded
INTENSITY_BANDS = ("light", "moderate", "deep")
SKIN_TYPES = ("I", "II", "III", "IV", "V", "VI")


def format_measure(value: float) -> str:
    """A picture's value to three significant digits, never in exponent form: 26.666 -> "26.7",
    1234 -> "1230", 0.8163 -> "0.816"."""
    if value == 0 or not math.isfinite(value):
        return f"{value:g}"
    return f"{float(f'{value:.3g}'):g}"


@dataclass(frozen=True)
class PictureLimit:
    """The bands and limits of one picture on some areas (values in the picture's unit)."""

    areas: tuple[str, ...]
    light_up_to: float  # at or below: light
    moderate_up_to: float  # at or below: moderate; above: deep
    caution: float  # at or above: a caution
    danger: float  # at or above: a danger
    source: Source  # of the caution and danger limits
    bands_source: Source  # of the intensity bands

    def band(self, value: float) -> str:
        """The intensity band ``value`` falls in: light, moderate or deep."""
        if value <= self.light_up_to:
            return INTENSITY_BANDS[0]
        if value <= self.moderate_up_to:
            return INTENSITY_BANDS[1]
        return INTENSITY_BANDS[2]

    def band_range(self, band: str, unit: str) -> str:
        """ "up to 6 J/cm²", "6–12 J/cm²", "above 12 J/cm²"."""
        low, high = format_measure(self.light_up_to), format_measure(self.moderate_up_to)
        if band == INTENSITY_BANDS[0]:
            return f"up to {low} {unit}"
        if band == INTENSITY_BANDS[1]:
            return f"{low}–{high} {unit}"
        return f"above {high} {unit}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "areas": list(self.areas),
            "light_up_to": self.light_up_to,
            "moderate_up_to": self.moderate_up_to,
            "caution": self.caution,
            "danger": self.danger,
            "source": self.source.text,
            "bands_source": self.bands_source.text,
            "to_confirm": self.source.to_confirm or self.bands_source.to_confirm,
        }


@dataclass(frozen=True)
class EnergyPicture:
    """One figure of the settings taken together, with its limits per area."""

    id: str
    label: str  # "Thermal load"
    unit: str  # "J/cm²"
    multiply: tuple[str, ...]  # SessionArea columns, e.g. power_w, dwell_us, stack, passes
    divide: tuple[str, ...]  # e.g. spacing_um twice: per area of skin
    scale: float
    source: Source  # of the formula
    limits: tuple[PictureLimit, ...]
    note: str = ""  # clinical text shown after a danger message

    @property
    def factors(self) -> tuple[str, ...]:
        """Every setting the picture reads, once each, in formula order."""
        return tuple(dict.fromkeys((*self.multiply, *self.divide)))

    @property
    def required(self) -> tuple[str, ...]:
        """The settings without which the picture cannot be computed (counts count as 1)."""
        return tuple(name for name in self.factors if name not in COUNTS)

    def value(self, values: Mapping[str, float]) -> float | None:
        """The picture of ``values``, or None when a required setting is missing or zero."""
        if any(values.get(name) is None for name in self.required):
            return None
        result = self.scale
        for name in self.multiply:
            result *= values.get(name, 1.0)
        for name in self.divide:
            divisor = values.get(name, 1.0)
            if divisor == 0:
                return None
            result /= divisor
        return result

    def limit_for(self, area: str) -> PictureLimit | None:
        """The limits that apply on ``area``, or None."""
        return next((limit for limit in self.limits if area in limit.areas), None)

    def strictest_limit(self, areas: Iterable[str]) -> PictureLimit | None:
        """The limits with the lowest danger among ``areas`` (a group such as the full face)."""
        found = [limit for area in areas if (limit := self.limit_for(area)) is not None]
        return min(found, key=lambda limit: (limit.danger, limit.caution)) if found else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "unit": self.unit,
            "multiply": list(self.multiply),
            "divide": list(self.divide),
            "scale": self.scale,
            "source": self.source.text,
            "note": self.note,
            "limits": [limit.to_dict() for limit in self.limits],
        }


@dataclass(frozen=True)
class SkinFactors:
    """How much the picture limits are lowered per Fitzpatrick type (1 = not lowered)."""

    factors: Mapping[str, float] = field(default_factory=dict)
    source: Source = field(default_factory=lambda: Source(""))

    def factor(self, skin_type: str | None) -> float:
        """The factor for ``skin_type`` ("IV"); 1 for a type without one, or unknown."""
        return self.factors.get(skin_type or "", 1.0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "factors": dict(self.factors),
            "source": self.source.text,
            "to_confirm": self.source.to_confirm,
        }
