"""Checks of an area's settings taken together: the profile's energy pictures (caution, danger,
lowered for the skin type) and whether the recorded intensity agrees with them: settings
deeper than the recorded intensity are a caution (the downtime and care the patient is told
follow the recorded intensity); lighter settings are not (a cautious first session).

Messages say the figure, how it was computed and the limit; the clinical wording (the note of a
picture) comes from the profile. Standard library only.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import groupby

from clinic_app.domain.sessions.check_findings import (
    CAUTION,
    DANGER,
    Caution,
    CheckContext,
    Refusal,
    area_text,
)
from clinic_app.domain.sessions.device_profile import (
    PARAMETER_LABELS,
    DeviceProfile,
    area_members,
    format_number,
    format_quantity,
)
from clinic_app.domain.sessions.energy_picture import (
    COUNTS,
    INTENSITY_BANDS,
    EnergyPicture,
    PictureLimit,
    format_measure,
)

INTENSITY_RULE_PREFIX = "intensity-"


def picture_findings(
    profile: DeviceProfile,
    area: str,
    values: Mapping[str, float],
    context: CheckContext,
) -> tuple[list[Caution], list[Refusal]]:
    """The cautions and dangers of every picture of ``profile`` on ``area`` (a normalised area
    or group), and the settings a picture needs that ``values`` lack (refused at signing)."""
    cautions: list[Caution] = []
    missing: list[Refusal] = []
    pictures = profile.pictures_for(area)
    judged = False
    for picture in pictures:
        limit = picture.strictest_limit(area_members(area))
        assert limit is not None  # pictures_for: a limit on every member
        value = picture.value(values)
        if value is None:
            missing += _missing(profile, picture, area, values)
            continue
        judged = True
        fields = _marked(picture, values)
        if (finding := _limit_finding(profile, picture, limit, area, values, context)) is not None:
            cautions.append(finding)
        if (mismatch := _intensity(picture, limit, area, value, fields, context)) is not None:
            cautions.append(mismatch)
    if pictures and not judged and not missing:
        # Nothing recorded: a signed record must say what was done to the skin, and an empty
        # row would pass every danger check.
        first = pictures[0]
        missing = [
            Refusal(
                name,
                f"{profile.parameters[name].label} is needed: record the settings used on "
                f"{area_text(area)} to sign.",
            )
            for name in first.required
        ]
    return cautions, missing


def _marked(picture: EnergyPicture, values: Mapping[str, float]) -> tuple[str, ...]:
    """The settings a finding marks: those the picture reads, but not a count of 1 (one pulse,
    one pass adds nothing to mark)."""
    return tuple(
        name
        for name in picture.factors
        if name in values and not (name in COUNTS and values[name] == 1)
    )


def formula_text(
    profile: DeviceProfile, picture: EnergyPicture, values: Mapping[str, float]
) -> str:
    """How a picture was computed: "30 W × 1800 µs × stack 1 × passes 1 ÷ (450 µm)²"."""
    parts = [_operand(profile, name, values) for name in picture.multiply]
    text = " × ".join(parts)
    for name, repeats in groupby(picture.divide):
        count = len(list(repeats))
        operand = _operand(profile, name, values)
        text += f" ÷ ({operand})²" if count == 2 else f" ÷ {operand}" * count
    return text


def _operand(profile: DeviceProfile, name: str, values: Mapping[str, float]) -> str:
    value = values.get(name, 1.0)
    if name in COUNTS:
        return f"{PARAMETER_LABELS[name].lower()} {format_number(value)}"
    parameter = profile.parameters[name]
    return format_quantity(value, parameter.unit)


def _limit_finding(
    profile: DeviceProfile,
    picture: EnergyPicture,
    limit: PictureLimit,
    area: str,
    values: Mapping[str, float],
    context: CheckContext,
) -> Caution | None:
    value = picture.value(values)
    assert value is not None
    factor = profile.skin.factor(context.skin_type)
    level = ""
    for name, bound in ((DANGER, limit.danger), (CAUTION, limit.caution)):
        if value >= bound * factor:
            level, reached = name, bound * factor
            break
    if not level:
        return None
    lowered = (
        f" (lowered × {format_number(factor)} for Fitzpatrick {context.skin_type})"
        if factor != 1.0
        else ""
    )
    message = (
        f"{picture.label} on {area_text(area)}: {format_measure(value)} {picture.unit} "
        f"({formula_text(profile, picture, values)}) is at or above the {level} limit of "
        f"{format_measure(reached)} {picture.unit}{lowered}."
    )
    source = limit.source.text
    if factor != 1.0:
        source = f"{source}; skin type: {profile.skin.source.text}"
    return Caution(
        rule_id=picture.id,
        area=area,
        fields=_marked(picture, values),
        message=message,
        level=level,
        note=picture.note if level == DANGER else "",
        source=source,
        to_confirm=limit.source.to_confirm or (factor != 1.0 and profile.skin.source.to_confirm),
    )


def _intensity(
    picture: EnergyPicture,
    limit: PictureLimit,
    area: str,
    value: float,
    fields: tuple[str, ...],
    context: CheckContext,
) -> Caution | None:
    recorded = context.intensity
    if recorded not in INTENSITY_BANDS:
        return None
    band = limit.band(value)
    if INTENSITY_BANDS.index(band) <= INTENSITY_BANDS.index(recorded):
        return None  # as recorded, or lighter: the downtime and care said are not too short
    return Caution(
        rule_id=f"{INTENSITY_RULE_PREFIX}{picture.id}",
        area=area,
        fields=fields,
        message=(
            f"Intensity on {area_text(area)}: the session is recorded as {recorded}, but the "
            f"{picture.label.lower()} of {format_measure(value)} {picture.unit} is in the {band} "
            f"band ({limit.band_range(band, picture.unit)}); {recorded} is "
            f"{limit.band_range(recorded, picture.unit)}."
        ),
        source=limit.bands_source.text,
        to_confirm=limit.bands_source.to_confirm,
    )


def _missing(
    profile: DeviceProfile, picture: EnergyPicture, area: str, values: Mapping[str, float]
) -> list[Refusal]:
    """Refusals for the required settings a started picture lacks (none when none is given)."""
    if not any(name in values for name in picture.required):
        return []
    return [
        Refusal(
            name,
            f"{profile.parameters[name].label} is needed to check the "
            f"{picture.label.lower()} on {area_text(area)}: record it to sign.",
        )
        for name in picture.required
        if name not in values
    ]
