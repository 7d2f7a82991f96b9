"""The face chart as plain values: the regions of resources/face_chart/face.svg and its words.

The drawing is one SVG file that the window draws with QtSvg and the handouts draw with
ReportLab; this module reads it (xml.etree, no SVG library) into shapes whose outlines are
straight lines and cubic curves, so both can fill, outline and hit-test the same regions. Each
treated area is the group ``id="area-<area id>"`` (the ids of
:data:`~clinic_app.domain.sessions.device_profile.AREAS`); where its name is written is the
``label-<area id>`` path of the hidden ``labels`` group. It also says how an area is shaded
(docs/face-chart.md): by the session's intensity, else by the area's energy within the device's
range (clinic_app.domain.sessions.face_chart). Standard library only, and no domain room: the
care handout (domain.care) carries a chart as much as the session editor does.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clinic_app.content import ContentError, loads_toml, read_content, shipped

RESOURCE_DIR = "face_chart"
SVG_FILE = "face.svg"
TEXTS_FILE = "face_chart.toml"
AREA_PREFIX = "area-"
LABEL_PREFIX = "label-"
CAPTION_PREFIX = "caption-"
SVG_NS = "http://www.w3.org/2000/svg"

# Shades of a treated area, lightest to deepest (the legend's keys in face_chart.toml).
INTENSITY_SHADES = {"light": "#f7d4b5", "moderate": "#ee9f68", "deep": "#d3622e"}
ENERGY_SHADES = {"energy_low": "#cfe3f3", "energy_middle": "#7fb1dd", "energy_high": "#2f6fae"}
TREATED_SHADE = "#e9b98f"  # neither an intensity nor an energy recorded
PLANNED_SHADE = "#bcd9c8"  # the consultation's chart: an area of the plan
HOVER_STROKE = "#1f5f8b"
SHADE_COLOURS = {
    **INTENSITY_SHADES,
    **ENERGY_SHADES,
    "treated": TREATED_SHADE,
    "planned": PLANNED_SHADE,
}

Point = tuple[float, float]
# One piece of an outline: ("M", (x, y)), ("L", (x, y)), ("C", (x1, y1, x2, y2, x, y)), ("Z", ()).
Segment = tuple[str, tuple[float, ...]]


class FaceChartError(ContentError):
    """The face chart's drawing or words cannot be used; the message names the file."""


@dataclass(frozen=True)
class Shape:
    """One outline of the drawing with its paint; ``area`` is set for a treated area's part."""

    segments: tuple[Segment, ...]
    fill: str | None  # "#rrggbb", or None for no fill
    fill_opacity: float
    stroke: str | None
    stroke_width: float
    area: str | None = None

    def points(self) -> list[Point]:
        """Every end and control point (enough to bound and to test the shape)."""
        found: list[Point] = []
        for _command, values in self.segments:
            found += [(values[i], values[i + 1]) for i in range(0, len(values), 2)]
        return found


@dataclass(frozen=True)
class Label:
    """Where a name is written: from (x, y), aligned start/middle/end, a line to (to_x, to_y)."""

    x: float
    y: float
    to_x: float
    to_y: float
    align: str = "start"


@dataclass(frozen=True)
class FaceChart:
    """The drawing: its size, its shapes in painting order, where names and captions go."""

    width: float
    height: float
    shapes: tuple[Shape, ...]
    labels: Mapping[str, Label]  # area -> where its name goes
    captions: Mapping[str, Label]  # view ("right", "front", "left") -> where its caption goes
    svg: str  # the file's text, for QtSvg

    @property
    def areas(self) -> tuple[str, ...]:
        """The areas the chart has regions for, in painting order."""
        return tuple(dict.fromkeys(s.area for s in self.shapes if s.area))

    def region(self, area: str) -> tuple[Shape, ...]:
        return tuple(s for s in self.shapes if s.area == area)


@dataclass(frozen=True)
class FaceChartTexts:
    """The chart's words (resources/face_chart/face_chart.toml)."""

    labels: Mapping[str, str]
    views: Mapping[str, str]
    legend: Mapping[str, str]
    handout_heading: str

    def label(self, area: str) -> str:
        return self.labels.get(area) or area.replace("_", " ").capitalize()


# ---- reading the drawing -------------------------------------------------------------------
_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_TOKEN = re.compile(rf"{_NUMBER}|[A-Za-z]")
_COUNTS = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "Z": 0}
_INHERITED = ("fill", "fill-opacity", "stroke", "stroke-width", "display")


def parse_path(d: str) -> tuple[Segment, ...]:
    """An SVG path's M/L/H/V/C/Z commands (absolute or relative) as absolute segments."""
    tokens = _TOKEN.findall(d)
    segments: list[Segment] = []
    x = y = start_x = start_y = 0.0
    command = ""
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.isalpha():
            command = token
            index += 1
            if command in "Zz":
                segments.append(("Z", ()))
                x, y = start_x, start_y
                continue
        elif not command or command in "Zz":
            raise ValueError(f"a number without a command in path {d[:40]!r}")
        upper = command.upper()
        count = _COUNTS.get(upper)
        if count is None:
            raise ValueError(f"path command {command!r} is not supported (M, L, H, V, C, Z)")
        numbers = [float(t) for t in tokens[index : index + count]]
        if len(numbers) < count or any(t.isalpha() for t in tokens[index : index + count]):
            raise ValueError(f"path command {command!r} lacks numbers in {d[:40]!r}")
        index += count
        relative = command.islower()
        if upper == "H":
            x = numbers[0] + (x if relative else 0)
            segments.append(("L", (x, y)))
            continue
        if upper == "V":
            y = numbers[0] + (y if relative else 0)
            segments.append(("L", (x, y)))
            continue
        if relative:
            numbers = [n + (x if i % 2 == 0 else y) for i, n in enumerate(numbers)]
        x, y = numbers[-2], numbers[-1]
        if upper == "M":
            segments.append(("M", (x, y)))
            start_x, start_y = x, y
            command = "l" if relative else "L"  # further pairs are lines
        else:
            segments.append((upper, tuple(numbers)))
    return tuple(segments)


def _colour(value: str | None) -> str | None:
    if value is None or value.strip() in ("", "none"):
        return None
    return value.strip()


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _number(text: str | None, default: float) -> float:
    if text is None:
        return default
    return float(text.strip().removesuffix("px"))


def parse_face_chart(
    text: str, origin: str = SVG_FILE, known_areas: Collection[str] | None = None
) -> FaceChart:
    """The chart of an SVG text; FaceChartError names what is wrong (a region of an area not
    in ``known_areas``, when given)."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise FaceChartError(f"{origin} is not readable SVG: {exc}") from None
    if _local(root.tag) != "svg":
        raise FaceChartError(f"{origin} is not an SVG drawing (its root is <{root.tag}>)")
    try:
        box = [float(v) for v in (root.get("viewBox") or "").replace(",", " ").split()]
        if len(box) == 4:
            width, height = box[2], box[3]
        else:
            width, height = _number(root.get("width"), 0), _number(root.get("height"), 0)
    except ValueError:
        raise FaceChartError(f"{origin}: its viewBox or size is not numbers") from None
    if width <= 0 or height <= 0:
        raise FaceChartError(f"{origin}: the drawing needs a viewBox (or width and height)")
    shapes: list[Shape] = []
    labels: dict[str, Label] = {}
    captions: dict[str, Label] = {}

    def walk(element: ET.Element, style: dict[str, str], area: str | None, hidden: bool) -> None:
        style = {**style, **{k: v for k in _INHERITED if (v := element.get(k)) is not None}}
        element_id = element.get("id") or ""
        if element_id.startswith(AREA_PREFIX):
            area = element_id[len(AREA_PREFIX) :]
            if known_areas is not None and area not in known_areas:
                raise FaceChartError(
                    f"{origin}: region {element_id!r} names no known area "
                    f"(known: {', '.join(known_areas)})"
                )
        hidden = hidden or style.get("display") == "none"
        if _local(element.tag) == "path":
            try:
                segments = parse_path(element.get("d") or "")
            except ValueError as exc:
                raise FaceChartError(f"{origin}: {exc}") from None
            for prefix, into in ((LABEL_PREFIX, labels), (CAPTION_PREFIX, captions)):
                if element_id.startswith(prefix) and len(segments) >= 2:
                    (_m, (x, y)), (_l, (to_x, to_y)) = segments[0], segments[1]
                    into[element_id[len(prefix) :]] = Label(
                        x, y, to_x, to_y, element.get("data-align") or "start"
                    )
            if not hidden:
                try:
                    shapes.append(
                        Shape(
                            segments,
                            _colour(style.get("fill", "#000000")),
                            _number(style.get("fill-opacity"), 1.0),
                            _colour(style.get("stroke")),
                            _number(style.get("stroke-width"), 1.0),
                            area,
                        )
                    )
                except ValueError:
                    raise FaceChartError(f"{origin}: a path's paint is not a number") from None
        for child in element:
            walk(child, style, area, hidden)

    walk(root, {}, None, False)
    if not any(s.area for s in shapes):
        raise FaceChartError(f'{origin}: no region (a group id="area-<area id>") is drawn')
    return FaceChart(width, height, tuple(shapes), labels, captions, text)


def _file(data_dir: Path | None, name: str) -> Any:
    if data_dir is not None:
        local = data_dir / "overrides" / RESOURCE_DIR / name
        if local.is_file():
            return local
    return shipped(f"{RESOURCE_DIR}/{name}")


def load_face_chart(
    data_dir: Path | None = None, known_areas: Collection[str] | None = None
) -> FaceChart:
    """The chart shipped in resources/face_chart/face.svg, or the clinic's own."""
    file = _file(data_dir, SVG_FILE)
    try:
        text = read_content(file, str(file))
    except (OSError, ValueError) as exc:
        raise FaceChartError(f"The face chart cannot be read: {exc}") from None
    return parse_face_chart(text, str(file), known_areas)


def load_face_chart_texts(data_dir: Path | None = None) -> FaceChartTexts:
    """The chart's words from resources/face_chart/face_chart.toml, or the clinic's own."""
    file = _file(data_dir, TEXTS_FILE)
    try:
        data = loads_toml(read_content(file, str(file)))
    except (OSError, ValueError) as exc:
        raise FaceChartError(f"{file} cannot be read: {exc}") from None

    def table(name: str) -> dict[str, str]:
        value = data.get(name, {})
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise FaceChartError(f"{file}: [{name}] must hold texts")
        return dict(value)

    heading = table("handout").get("heading", "")
    if not heading.strip():
        raise FaceChartError(f"{file}: [handout] heading is missing")
    return FaceChartTexts(table("labels"), table("views"), table("legend"), heading)


def svg_with_fills(chart: FaceChart, fills: Mapping[str, str]) -> bytes:
    """The drawing with each area of ``fills`` painted in its colour (for QtSvg)."""
    root = ET.fromstring(chart.svg)
    for element in root.iter():
        element_id = element.get("id") or ""
        if element_id.startswith(AREA_PREFIX) and element_id[len(AREA_PREFIX) :] in fills:
            element.set("fill", fills[element_id[len(AREA_PREFIX) :]])
            element.set("fill-opacity", "1")
    ET.register_namespace("", SVG_NS)  # written back as plain <svg>, as QtSvg reads it
    data: bytes = ET.tostring(root, encoding="utf-8")
    return data


@dataclass(frozen=True)
class TreatedAreas:
    """The chart as a handout prints it: under ``heading``, each area (id, printed name,
    shade key) filled in its shade; the views captioned (view, caption)."""

    heading: str
    chart: FaceChart
    areas: tuple[tuple[str, str, str], ...]
    captions: tuple[tuple[str, str], ...] = ()

    @property
    def shades(self) -> dict[str, str]:
        return {area: shade for area, _name, shade in self.areas}
