"""Device profiles: the settings a laser allows, and where each area calls for caution.

Profiles are data (``resources/devices/*.toml``, overridable from ``DATA_DIR/overrides/devices/``;
the format is described in docs/devices.md). This module reads and validates them; the checks of
a session's values against a profile live in :mod:`clinic_app.domain.sessions.settings_check`.

Every number in a profile names its source. A source text that starts with ``[GK]`` is general
clinical knowledge or a conservative default that the clinic should confirm with the
manufacturer's manual (:attr:`Source.to_confirm`).

Standard library only.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from clinic_app.content import layered_files, override_dir

RESOURCE_DIR = "devices"
GK_MARK = "[GK]"

# The treated areas a caution rule may name, head to hands.
FACE_AREAS = ("forehead", "cheeks", "nose", "chin", "perioral")
AREAS = (*FACE_AREAS, "periorbital", "neck", "chest", "hands")

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
# ASCII spellings a clinic may type for the micro sign.
_UNIT_ALIASES = {"us": "µs", "μs": "µs", "um": "µm", "μm": "µm"}

# Comparisons a caution condition may use, and how a message says them.
OPERATORS = {
    "above": ("above", lambda value, limit: value > limit),
    "at_least": ("at or above", lambda value, limit: value >= limit),
    "below": ("below", lambda value, limit: value < limit),
    "at_most": ("at or below", lambda value, limit: value <= limit),
}
LEVELS = ("caution", "danger")

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
_TOLERANCE = 1e-9


class ProfileError(ValueError):
    """A device profile file that cannot be used: which file, which key, what is wrong and what
    would be right."""

    def __init__(self, file: str, key: str, problem: str, expected: str) -> None:
        self.file = file
        self.key = key
        self.problem = problem
        self.expected = expected
        where = f"{file}: {key}" if key else file
        super().__init__(f"{where}: {problem}; {expected}")


@dataclass(frozen=True)
class Source:
    """Where a figure comes from; ``[GK]`` at the start marks one the clinic should confirm."""

    text: str

    @property
    def to_confirm(self) -> bool:
        return self.text.startswith(GK_MARK)

    def __str__(self) -> str:
        return self.text


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
class Condition:
    """One comparison of a caution rule, e.g. power_w at_least 25."""

    parameter: str
    operator: str  # a key of OPERATORS
    limit: float

    @property
    def words(self) -> str:
        """ "at or above", "below", ..."""
        return OPERATORS[self.operator][0]

    def matches(self, value: float) -> bool:
        return bool(OPERATORS[self.operator][1](value, self.limit))

    @property
    def upper(self) -> bool:
        """True when the caution lies above the limit (power), False below it (spacing)."""
        return self.operator in ("above", "at_least")


@dataclass(frozen=True)
class CautionRule:
    """Values on some areas that need an acknowledged reason: one condition (a threshold) or
    several that must all hold (a combined-intensity rule)."""

    id: str
    areas: tuple[str, ...]
    conditions: tuple[Condition, ...]
    source: Source
    label: str = ""
    note: str = ""
    level: str = "caution"

    @property
    def is_threshold(self) -> bool:
        return len(self.conditions) == 1


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
        """The caution rules that apply to ``area``."""
        return tuple(rule for rule in self.cautions if area in rule.areas)

    def thresholds(self, area: str) -> dict[str, Condition]:
        """The single-value caution threshold of each parameter on ``area`` (the strictest one
        when several rules name the same parameter)."""
        found: dict[str, Condition] = {}
        for rule in self.rules_for(area):
            if not rule.is_threshold:
                continue
            condition = rule.conditions[0]
            current = found.get(condition.parameter)
            if current is None or _stricter(condition, current):
                found[condition.parameter] = condition
        return found

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
        }


def _stricter(a: Condition, b: Condition) -> bool:
    """Whether ``a`` cautions earlier than ``b`` (same parameter)."""
    if a.upper != b.upper:
        return False
    return a.limit < b.limit if a.upper else a.limit > b.limit


# ---------------------------------------------------------------- reading and validation


class _Reader:
    """Validates one parsed file, raising ProfileError at the first problem."""

    def __init__(self, origin: str) -> None:
        self.origin = origin

    def fail(self, key: str, problem: str, expected: str) -> ProfileError:
        return ProfileError(self.origin, key, problem, expected)

    def known_keys(self, table: Mapping[str, Any], allowed: Iterable[str], where: str) -> None:
        allowed = tuple(allowed)
        for key in table:
            if key not in allowed:
                raise self.fail(
                    f"{where}.{key}" if where else key,
                    "is not a key of a device profile here",
                    f"use one of: {', '.join(allowed)}",
                )

    def table(self, parent: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
        value = parent.get(key)
        if not isinstance(value, dict):
            raise self.fail(
                where,
                "is missing" if value is None else f"is {_describe(value)}",
                f"write a table, e.g. [{where}]",
            )
        return value

    def text(self, parent: Mapping[str, Any], key: str, where: str, *, example: str) -> str:
        value = parent.get(key)
        if not isinstance(value, str) or not value.strip():
            problem = "is missing" if value is None else f"is {_describe(value)}"
            raise self.fail(where, problem, f'write a non-empty text, e.g. {key} = "{example}"')
        return value.strip()

    def optional_text(self, parent: Mapping[str, Any], key: str, where: str) -> str:
        value = parent.get(key, "")
        if not isinstance(value, str):
            raise self.fail(where, f"is {_describe(value)}", f'write a text, e.g. {key} = "..."')
        return value.strip()

    def source(self, parent: Mapping[str, Any], key: str, where: str) -> Source:
        value = parent.get(key)
        if not isinstance(value, str) or not value.strip():
            problem = "is missing" if value is None else f"is {_describe(value)}"
            raise self.fail(
                where,
                problem,
                f'every figure names its source, e.g. {key} = "domain.md, Device parameters: '
                f'..." or "{GK_MARK} conservative default, confirm with the manufacturer\'s '
                'manual"',
            )
        return Source(value.strip())

    def number(self, parent: Mapping[str, Any], key: str, where: str) -> float:
        value = parent.get(key)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            problem = "is missing" if value is None else f"is {_describe(value)}"
            raise self.fail(where, problem, f"write a number, e.g. {key} = 30")
        return float(value)

    def words(
        self, parent: Mapping[str, Any], key: str, where: str, *, required: bool
    ) -> tuple[str, ...]:
        value = parent.get(key)
        if value is None and not required:
            return ()
        if (
            not isinstance(value, list)
            or (required and not value)
            or not all(isinstance(item, str) and item.strip() for item in value)
        ):
            problem = "is missing" if value is None else f"is {_describe(value)}"
            raise self.fail(
                where, problem, f'write a list of texts, e.g. {key} = ["square", "hexagon"]'
            )
        items = tuple(item.strip() for item in value)
        if len(set(items)) != len(items):
            raise self.fail(where, "names an entry twice", "list each entry once")
        return items

    # -- sections

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
            problem = "is missing" if version is None else f"is {_describe(version)}"
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
            raise self.fail(where, f"is {_describe(spec)}", f"write a table, e.g. [{where}]")
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
            problem = "is missing" if value is None else f"is {_describe(value)}"
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
                raise self.fail(where, f"is {_describe(spec)}", "write a [[cautions]] table")
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
                    f"{where}.level", f"is {_describe(level)}", f"write one of: {', '.join(LEVELS)}"
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
            problem = "is missing" if value is None else f"is {_describe(value)}"
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
                    f"is {_describe(spec)}",
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
            raise self.fail("presets", f"is {_describe(value)}", "write [presets.<name>] tables")
        presets: dict[str, Preset] = {}
        for name, spec in value.items():
            where = f"presets.{name}"
            if not isinstance(spec, dict):
                raise self.fail(where, f"is {_describe(spec)}", f"write a table, e.g. [{where}]")
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


def _describe(value: object) -> str:
    kind = {
        bool: "a true/false value",
        int: "a number",
        float: "a number",
        str: "a text",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)
    shown = repr(value)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    return f"{shown} ({kind})"


def parse_profile(text: str, origin: str = "<text>") -> DeviceProfile:
    """A profile from the text of a TOML file; ProfileError if it cannot be used."""
    try:
        data = tomllib.loads(text)
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
