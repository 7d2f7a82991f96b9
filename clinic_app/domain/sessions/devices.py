"""Device profiles: reading and validating the files that describe the settings a laser allows.

Profiles are data (``resources/devices/*.toml``, overridable from ``DATA_DIR/overrides/devices/``;
the format is described in docs/devices.md). This module reads and validates them into
:class:`~clinic_app.domain.sessions.device_profile.DeviceProfile` values; the checks of a session's
values against a profile live in :mod:`clinic_app.domain.sessions.settings_check`.

Every number in a profile names its source; one that starts with ``[GK]`` is for the clinic to
confirm (:attr:`~clinic_app.domain.sessions.device_profile.Source.to_confirm`).

Standard library only.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import replace
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from clinic_app.content import layered_files, loads_toml, override_dir
from clinic_app.domain.sessions.device_cautions import LEVELS, OPERATORS, CautionRule, Condition
from clinic_app.domain.sessions.device_profile import (
    AREAS,
    PARAMETER_UNITS,
    WHOLE_NUMBER_PARAMETERS,
    DeviceProfile,
    Parameter,
    Preset,
    ScanOptions,
    format_number,
)
from clinic_app.domain.sessions.picture_fields import read_pictures, read_skin
from clinic_app.domain.sessions.profile_fields import FieldReader, ProfileError, describe

RESOURCE_DIR = "devices"
# ASCII spellings a clinic may type for the micro sign.
_UNIT_ALIASES = {"us": "µs", "μs": "µs", "um": "µm", "μm": "µm"}

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TOP_KEYS = {
    "id": "required",
    "version": "required",
    "name": "required",
    "manufacturer": "required",
    "description": "optional",
    "parameters": "required",
    "scan": "required",
    "cautions": "required",
    "pictures": "required",
    "skin_types": "required",
    "presets": "optional",
}
_PARAMETER_KEYS = (
    "unit",
    "min",
    "max",
    "step",
    "default",
    "source",
    "step_source",
    "default_source",
)
_SCAN_KEYS = ("shapes", "shapes_source", "sizes", "sizes_source", "orders", "orders_source")
_CAUTION_KEYS = ("id", "areas", "when", "source", "label", "note", "level")


class _Reader(FieldReader):
    """Validates one parsed file section by section, raising ProfileError at the first problem."""

    def profile(self, data: Mapping[str, Any]) -> DeviceProfile:
        self.known_keys(data, _TOP_KEYS, "")
        profile_id = self.text(data, "id", "id", example="deka-smartxide-dot")
        if not _ID.match(profile_id):
            raise self.fail(
                "id",
                f"'{profile_id}' is not a plain identifier",
                'use lower-case letters, digits and hyphens, e.g. id = "deka-smartxide-dot"',
            )
        version = data.get("version")
        if not isinstance(version, str) or not version.strip():
            problem = "is missing" if version is None else f"is {describe(version)}"
            raise self.fail(
                "version", problem, 'write the profile\'s version as a text, e.g. version = "1"'
            )
        name = self.text(data, "name", "name", example="SmartXide DOT")
        manufacturer = self.text(data, "manufacturer", "manufacturer", example="DEKA")
        description = self.optional_text(data, "description", "description")

        parameters_table = self.table(data, "parameters", "parameters")
        if not parameters_table:
            raise self.fail(
                "parameters", "defines no setting", "add at least one, e.g. [parameters.power_w]"
            )
        parameters = {
            name: self.parameter(name, spec, f"parameters.{name}")
            for name, spec in parameters_table.items()
        }
        scan = self.scan(self.table(data, "scan", "scan"))
        cautions = self.cautions(data.get("cautions"), parameters)
        presets = self.presets(data.get("presets"), parameters)
        pictures = read_pictures(self, data.get("pictures"), parameters)
        skin = read_skin(self, data.get("skin_types"))
        return DeviceProfile(
            id=profile_id,
            version=version.strip(),
            name=name,
            manufacturer=manufacturer,
            description=description,
            parameters=parameters,
            scan=scan,
            cautions=cautions,
            presets=presets,
            pictures=pictures,
            skin=skin,
            origin=self.origin,
        )

    def parameter(self, name: str, spec: object, where: str) -> Parameter:
        if name not in PARAMETER_UNITS:
            raise self.fail(
                where,
                "is not a setting the app records",
                f"use one of: {', '.join(PARAMETER_UNITS)}",
            )
        if not isinstance(spec, dict):
            raise self.fail(where, f"is {describe(spec)}", f"write a table, e.g. [{where}]")
        self.known_keys(spec, _PARAMETER_KEYS, where)
        expected_unit = PARAMETER_UNITS[name]
        unit = spec.get("unit")
        if not isinstance(unit, str) or _UNIT_ALIASES.get(unit, unit) != expected_unit:
            problem = "is missing" if unit is None else f"is {unit!r}"
            raise self.fail(
                f"{where}.unit",
                problem,
                f'{name} is recorded in {expected_unit}: write unit = "{expected_unit}"',
            )
        minimum = self.number(spec, "min", f"{where}.min")
        maximum = self.number(spec, "max", f"{where}.max")
        step = self.number(spec, "step", f"{where}.step")
        default = self.number(spec, "default", f"{where}.default")
        if minimum > maximum:
            raise self.fail(
                f"{where}.min",
                f"{format_number(minimum)} is above max {format_number(maximum)}",
                "write the lower limit in min and the upper one in max",
            )
        if step <= 0:
            raise self.fail(
                f"{where}.step", f"is {format_number(step)}", "write a step above 0, e.g. step = 1"
            )
        if name in WHOLE_NUMBER_PARAMETERS:
            for key, value in (("min", minimum), ("max", maximum), ("step", step)):
                if not value.is_integer():
                    raise self.fail(
                        f"{where}.{key}",
                        f"is {format_number(value)}",
                        f"{name} is a count: write a whole number",
                    )
        parameter = Parameter(
            name=name,
            unit=expected_unit,
            minimum=minimum,
            maximum=maximum,
            step=step,
            default=default,
            source=self.source(spec, "source", f"{where}.source"),
            step_source=self.source(spec, "step_source", f"{where}.step_source"),
            default_source=self.source(spec, "default_source", f"{where}.default_source"),
        )
        default_problem = parameter.problem(default)
        if default_problem:
            raise self.fail(
                f"{where}.default",
                default_problem.rstrip("."),
                "write a default the device allows",
            )
        return parameter

    def scan(self, spec: Mapping[str, Any]) -> ScanOptions:
        self.known_keys(spec, _SCAN_KEYS, "scan")
        orders = self.words(spec, "orders", "scan.orders", required=False)
        return ScanOptions(
            shapes=self.words(spec, "shapes", "scan.shapes", required=True),
            shapes_source=self.source(spec, "shapes_source", "scan.shapes_source"),
            sizes=self.words(spec, "sizes", "scan.sizes", required=True),
            sizes_source=self.source(spec, "sizes_source", "scan.sizes_source"),
            orders=orders,
            orders_source=(
                self.source(spec, "orders_source", "scan.orders_source") if orders else None
            ),
        )

    def cautions(
        self, value: object, parameters: Mapping[str, Parameter]
    ) -> tuple[CautionRule, ...]:
        if not isinstance(value, list) or not value:
            problem = "is missing" if value is None else f"is {describe(value)}"
            raise self.fail(
                "cautions",
                problem,
                "write one or more [[cautions]] tables with id, areas, when and source",
            )
        rules: list[CautionRule] = []
        seen: set[str] = set()
        for index, spec in enumerate(value):
            where = f"cautions[{index}]"
            if not isinstance(spec, dict):
                raise self.fail(where, f"is {describe(spec)}", "write a [[cautions]] table")
            self.known_keys(spec, _CAUTION_KEYS, where)
            rule_id = self.text(spec, "id", f"{where}.id", example="face-power")
            if not _ID.match(rule_id):
                raise self.fail(
                    f"{where}.id",
                    f"'{rule_id}' is not a plain identifier",
                    'use lower-case letters, digits and hyphens, e.g. id = "face-power"',
                )
            if rule_id in seen:
                raise self.fail(
                    f"{where}.id", f"'{rule_id}' is used twice", "give each rule its own id"
                )
            seen.add(rule_id)
            where = f"cautions[{index}] ({rule_id})"
            areas = self.words(spec, "areas", f"{where}.areas", required=True)
            for area in areas:
                if area not in AREAS:
                    raise self.fail(
                        f"{where}.areas",
                        f"'{area}' is not a treated area the app knows",
                        f"use some of: {', '.join(AREAS)}",
                    )
            level = spec.get("level", "caution")
            if level not in LEVELS:
                raise self.fail(
                    f"{where}.level", f"is {describe(level)}", f"write one of: {', '.join(LEVELS)}"
                )
            rules.append(
                CautionRule(
                    id=rule_id,
                    areas=areas,
                    conditions=self.conditions(spec.get("when"), f"{where}.when", parameters),
                    source=self.source(spec, "source", f"{where}.source"),
                    label=self.optional_text(spec, "label", f"{where}.label"),
                    note=self.optional_text(spec, "note", f"{where}.note"),
                    level=level,
                )
            )
        return tuple(rules)

    def conditions(
        self, value: object, where: str, parameters: Mapping[str, Parameter]
    ) -> tuple[Condition, ...]:
        example = "when.power_w.at_least = 25"
        if not isinstance(value, dict) or not value:
            problem = "is missing" if value is None else f"is {describe(value)}"
            raise self.fail(where, problem, f"write one or more conditions, e.g. {example}")
        conditions: list[Condition] = []
        for name, spec in value.items():
            key = f"{where}.{name}"
            if name not in parameters:
                raise self.fail(
                    key,
                    "is not a setting of this device",
                    f"use one of its [parameters]: {', '.join(parameters)}",
                )
            if not isinstance(spec, dict) or len(spec) != 1:
                raise self.fail(
                    key,
                    f"is {describe(spec)}",
                    f"write exactly one comparison ({', '.join(OPERATORS)}), e.g. {example}",
                )
            (operator,) = spec
            if operator not in OPERATORS:
                raise self.fail(
                    f"{key}.{operator}",
                    "is not a comparison",
                    f"use one of: {', '.join(OPERATORS)}",
                )
            conditions.append(
                Condition(name, operator, self.number(spec, operator, f"{key}.{operator}"))
            )
        return tuple(conditions)

    def presets(self, value: object, parameters: Mapping[str, Parameter]) -> dict[str, Preset]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.fail("presets", f"is {describe(value)}", "write [presets.<name>] tables")
        presets: dict[str, Preset] = {}
        for name, spec in value.items():
            where = f"presets.{name}"
            if not isinstance(spec, dict):
                raise self.fail(where, f"is {describe(spec)}", f"write a table, e.g. [{where}]")
            values: dict[str, float] = {}
            for key, number in spec.items():
                if key == "source":
                    continue
                parameter = parameters.get(key)
                if parameter is None:
                    raise self.fail(
                        f"{where}.{key}",
                        "is not a setting of this device",
                        f"use one of its [parameters]: {', '.join(parameters)}, or source",
                    )
                problem = parameter.problem(number)
                if problem:
                    raise self.fail(
                        f"{where}.{key}", problem.rstrip("."), "write a value the device allows"
                    )
                values[key] = float(number)
            presets[name] = Preset(name, values, self.source(spec, "source", f"{where}.source"))
        return presets


def parse_profile(text: str, origin: str = "<text>") -> DeviceProfile:
    """A profile from the text of a TOML file; ProfileError if it cannot be used."""
    try:
        data = loads_toml(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(
            origin, "", f"is not valid TOML ({exc})", "see docs/devices.md for the format"
        ) from None
    return _Reader(origin).profile(data)


def load_profile(file: Traversable | Path, origin: str | None = None) -> DeviceProfile:
    """Read one profile file."""
    shown = origin or str(file)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(
            shown, "", f"cannot be read ({exc})", "save it as a UTF-8 text file"
        ) from None
    return parse_profile(text, shown)


def load_profiles(data_dir: Path | None = None) -> dict[str, DeviceProfile]:
    """The shipped profiles overlaid by the clinic's (``DATA_DIR/overrides/devices/``), by id,
    in file-name order. ProfileError names the first file that cannot be used."""
    local_dir = override_dir(data_dir, RESOURCE_DIR) if data_dir is not None else None
    profiles: dict[str, DeviceProfile] = {}
    for file in layered_files(RESOURCE_DIR, data_dir):
        overridden = isinstance(file, Path) and local_dir is not None and file.parent == local_dir
        origin = str(file) if overridden else f"resources/{RESOURCE_DIR}/{file.name}"
        profile = load_profile(file, origin)
        if profile.id in profiles:
            raise ProfileError(
                origin,
                "id",
                f"'{profile.id}' is also the id of {profiles[profile.id].origin}",
                "give each profile its own id, or name the file like the one it replaces",
            )
        profiles[profile.id] = replace(profile, overridden=overridden)
    return profiles
