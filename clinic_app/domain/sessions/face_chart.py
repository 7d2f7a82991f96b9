"""The face chart of a treatment session: the chart whose regions are the session's areas, and
how a treated area is shaded (docs/face-chart.md).

The shade is the session's intensity when one is recorded (light, moderate, deep); without one,
the area's energy per pulse within the device's range in thirds (low, middle, high), or its
power on a device that sets no energy; "treated" when neither is known. The drawing itself is
read by clinic_app.domain.face_chart. Standard library only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from clinic_app.domain import face_chart
from clinic_app.domain.care.care_kinds import INTENSITIES
from clinic_app.domain.face_chart import FaceChart
from clinic_app.domain.sessions.device_profile import AREAS, DeviceProfile, area_members

ENERGY_PARAMETERS = ("energy_mj", "power_w")  # the first the device has is "the energy"


def load_face_chart(data_dir: Path | None = None) -> FaceChart:
    """The chart (shipped, or the clinic's own); every region must be an area of AREAS."""
    return face_chart.load_face_chart(data_dir, AREAS)


def energy_shade(profile: DeviceProfile | None, values: Mapping[str, object]) -> str | None:
    """ "energy_low" / "energy_middle" / "energy_high": where the area's energy per pulse (or,
    on a device without it, its power) lies within the device's range, in thirds."""
    if profile is None:
        return None
    for name in ENERGY_PARAMETERS:
        parameter = profile.parameters.get(name)
        value = values.get(name)
        if parameter is None or not isinstance(value, int | float) or isinstance(value, bool):
            continue
        span = parameter.maximum - parameter.minimum
        share = (float(value) - parameter.minimum) / span if span > 0 else 0.5
        return ("energy_low", "energy_middle", "energy_high")[min(2, max(0, int(share * 3)))]
    return None


def area_shades(
    intensity: str,
    areas: Sequence[tuple[str, Mapping[str, object]]],
    profile: DeviceProfile | None,
) -> dict[str, str]:
    """Area -> its shade key: the session's ``intensity`` when recorded; else each area's
    energy (``energy_shade``); else "treated". ``areas``: (area id, its settings); a group
    ("full_face") stands for its areas, and the first row of an area decides its shade."""
    shades: dict[str, str] = {}
    for recorded, values in areas:
        for area in area_members(recorded):  # "full_face" shades each of its areas
            if not area or area in shades:
                continue
            if intensity in INTENSITIES:
                shades[area] = intensity
            else:
                shades[area] = energy_shade(profile, values) or "treated"
    return shades
