"""Reading a profile's energy pictures (``[[pictures]]`` with ``[[pictures.limits]]``) and its
skin-type factors (``[skin_types]``), with ProfileErrors that name the key and the fix.

Every picture must set limits on every treated area, once: a profile that leaves an area out
would let settings there go unchecked. Used by :mod:`clinic_app.domain.sessions.devices`.
Standard library only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from clinic_app.domain.sessions.device_profile import AREAS, Parameter
from clinic_app.domain.sessions.energy_picture import (
    COUNTS,
    SKIN_TYPES,
    EnergyPicture,
    PictureLimit,
    SkinFactors,
)
from clinic_app.domain.sessions.profile_fields import FieldReader, describe

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PICTURE_KEYS = ("id", "label", "unit", "multiply", "divide", "scale", "source", "note", "limits")
_LIMIT_KEYS = (
    "areas",
    "light_up_to",
    "moderate_up_to",
    "caution",
    "danger",
    "source",
    "bands_source",
)


def read_pictures(
    reader: FieldReader, value: object, parameters: Mapping[str, Parameter]
) -> tuple[EnergyPicture, ...]:
    """The ``[[pictures]]`` of a profile; at least one, each with limits on every area."""
    if not isinstance(value, list) or not value:
        problem = "is missing" if value is None else f"is {describe(value)}"
        raise reader.fail(
            "pictures",
            problem,
            "write one or more [[pictures]] tables with id, label, unit, multiply, source and "
            "[[pictures.limits]] on every area (docs/devices.md)",
        )
    pictures: list[EnergyPicture] = []
    for index, spec in enumerate(value):
        where = f"pictures[{index}]"
        if not isinstance(spec, dict):
            raise reader.fail(where, f"is {describe(spec)}", "write a [[pictures]] table")
        reader.known_keys(spec, _PICTURE_KEYS, where)
        picture_id = reader.text(spec, "id", f"{where}.id", example="thermal-load")
        if not _ID.match(picture_id) or picture_id in {p.id for p in pictures}:
            raise reader.fail(
                f"{where}.id",
                f"'{picture_id}' is not a plain identifier of its own",
                'use lower-case letters, digits and hyphens, once, e.g. id = "thermal-load"',
            )
        where = f"pictures[{index}] ({picture_id})"
        multiply = _factors(reader, spec, "multiply", where, parameters, required=True)
        divide = _factors(reader, spec, "divide", where, parameters, required=False)
        scale = reader.number(spec, "scale", f"{where}.scale") if "scale" in spec else 1.0
        if scale <= 0:
            raise reader.fail(f"{where}.scale", f"is {scale:g}", "write a number above 0")
        pictures.append(
            EnergyPicture(
                id=picture_id,
                label=reader.text(spec, "label", f"{where}.label", example="Thermal load"),
                unit=reader.text(spec, "unit", f"{where}.unit", example="J/cm²"),
                multiply=multiply,
                divide=divide,
                scale=scale,
                source=reader.source(spec, "source", f"{where}.source"),
                limits=_limits(reader, spec.get("limits"), f"{where}.limits"),
                note=reader.optional_text(spec, "note", f"{where}.note"),
            )
        )
    return tuple(pictures)


def _factors(
    reader: FieldReader,
    spec: Mapping[str, Any],
    key: str,
    where: str,
    parameters: Mapping[str, Parameter],
    *,
    required: bool,
) -> tuple[str, ...]:
    value = spec.get(key)
    if value is None and not required:
        return ()
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise reader.fail(
            f"{where}.{key}",
            "is missing" if value is None else f"is {describe(value)}",
            f'write a list of settings, e.g. {key} = ["power_w", "dwell_us"]',
        )
    for name in value:
        if name not in parameters and name not in COUNTS:
            raise reader.fail(
                f"{where}.{key}",
                f"'{name}' is not a setting of this device",
                f"use its [parameters] ({', '.join(parameters)}) or a count (stack, passes)",
            )
    return tuple(value)


def _limits(reader: FieldReader, value: object, where: str) -> tuple[PictureLimit, ...]:
    if not isinstance(value, list) or not value:
        raise reader.fail(
            where,
            "is missing" if value is None else f"is {describe(value)}",
            "write [[pictures.limits]] tables that together name every area once",
        )
    limits: list[PictureLimit] = []
    seen: set[str] = set()
    for index, spec in enumerate(value):
        at = f"{where}[{index}]"
        if not isinstance(spec, dict):
            raise reader.fail(at, f"is {describe(spec)}", "write a [[pictures.limits]] table")
        reader.known_keys(spec, _LIMIT_KEYS, at)
        areas = reader.words(spec, "areas", f"{at}.areas", required=True)
        for area in areas:
            if area not in AREAS or area in seen:
                raise reader.fail(
                    f"{at}.areas",
                    f"'{area}' is not a treated area the app knows, or is named twice",
                    f"name each of {', '.join(AREAS)} once",
                )
            seen.add(area)
        numbers = {key: reader.number(spec, key, f"{at}.{key}") for key in _LIMIT_KEYS[1:5]}
        if not 0 < numbers["light_up_to"] < numbers["moderate_up_to"]:
            raise reader.fail(
                f"{at}.moderate_up_to", "is not above light_up_to", "write 0 < light < moderate"
            )
        if not 0 < numbers["caution"] < numbers["danger"]:
            raise reader.fail(f"{at}.danger", "is not above caution", "write 0 < caution < danger")
        limits.append(
            PictureLimit(
                areas=areas,
                source=reader.source(spec, "source", f"{at}.source"),
                bands_source=reader.source(spec, "bands_source", f"{at}.bands_source"),
                **numbers,
            )
        )
    if missing := [area for area in AREAS if area not in seen]:
        raise reader.fail(where, f"names no limits for {', '.join(missing)}", "add them")
    return tuple(limits)


def read_skin(reader: FieldReader, value: object) -> SkinFactors:
    """The ``[skin_types]`` table: a factor in (0, 1] per Fitzpatrick type, and its source."""
    if not isinstance(value, dict):
        raise reader.fail(
            "skin_types",
            "is missing" if value is None else f"is {describe(value)}",
            'write [skin_types] with factors such as IV = 0.75 and a source = "[GK] ..."',
        )
    reader.known_keys(value, (*SKIN_TYPES, "source"), "skin_types")
    factors: dict[str, float] = {}
    for skin_type in SKIN_TYPES:
        if skin_type not in value:
            continue
        factor = reader.number(value, skin_type, f"skin_types.{skin_type}")
        if not 0 < factor <= 1:
            raise reader.fail(
                f"skin_types.{skin_type}", f"is {factor:g}", "write a factor above 0, at most 1"
            )
        factors[skin_type] = factor
    return SkinFactors(factors, reader.source(value, "source", "skin_types.source"))
