"""Issue 15: the face chart's drawing. Its region ids are exactly the area ids the app knows
(device profiles, the session editor's rows, the consultation's "treatment_areas" question);
every area has a label spot and a name; its paths read as QtSvg and ReportLab draw them."""

from __future__ import annotations

import pytest

from clinic_app.domain.face_chart import (
    FaceChartError,
    load_face_chart_texts,
    parse_face_chart,
    parse_path,
    svg_with_fills,
)
from clinic_app.domain.screening.screening import load_rules
from clinic_app.domain.sessions.device_profile import AREA_GROUPS, AREAS
from clinic_app.domain.sessions.devices import load_profiles
from clinic_app.domain.sessions.face_chart import area_shades, energy_shade, load_face_chart


def test_the_chart_regions_are_exactly_the_known_area_ids() -> None:
    chart = load_face_chart()
    assert set(chart.areas) == set(AREAS)
    profile_areas = {
        area for profile in load_profiles().values() for rule in profile.cautions
        for area in rule.areas
    }  # fmt: skip
    assert profile_areas == set(chart.areas)  # resources/devices name every area
    question = load_rules().question("treatment_areas")
    assert question is not None
    planned = {choice.value for choice in question.choices} - set(AREA_GROUPS)
    assert planned == set(chart.areas)
    texts = load_face_chart_texts()
    for area in chart.areas:
        assert area in chart.labels, f"no label spot for {area}"
        assert texts.labels.get(area), f"no name for {area} in face_chart.toml"
        assert chart.region(area), area
    assert set(chart.captions) == set(texts.views) == {"right", "front", "left"}


def test_a_region_of_an_unknown_area_is_refused_with_the_file_named() -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
        '<g id="area-ears"><path d="M0,0 L5,0 L5,5 Z"/></g></svg>'
    )
    with pytest.raises(FaceChartError, match=r"mine\.svg: region 'area-ears' names no known"):
        parse_face_chart(svg, "mine.svg", AREAS)
    with pytest.raises(FaceChartError, match="not readable SVG"):
        parse_face_chart("<svg", "mine.svg", AREAS)


def test_paths_relative_and_absolute_read_the_same() -> None:
    absolute = parse_path("M10,10 L20,10 C25,10 30,15 30,20 H40 V50 Z")
    relative = parse_path("m10 10 l10 0 c5 0 10 5 10 10 h10 v30 z")
    assert absolute == relative
    assert absolute[-2] == ("L", (40.0, 50.0))
    with pytest.raises(ValueError, match="not supported"):
        parse_path("M0,0 A5,5 0 0 1 10,10")


def test_fills_are_set_on_the_regions_only() -> None:
    chart = load_face_chart()
    filled = parse_face_chart(svg_with_fills(chart, {"nose": "#123456"}).decode())
    nose = {shape.fill for shape in filled.region("nose")}
    assert nose == {"#123456"}
    assert {s.fill for s in filled.region("chin")} == {s.fill for s in chart.region("chin")}


def test_shades_follow_the_intensity_else_the_energy_in_thirds() -> None:
    profile = load_profiles()["generic-fractional-co2"]
    energy = profile.parameters.get("energy_mj") or profile.parameters["power_w"]
    low, high = energy.minimum, energy.maximum
    rows = [("cheeks", {energy.name: low}), ("neck", {energy.name: high}), ("full_face", {})]
    assert set(area_shades("deep", rows, profile).values()) == {"deep"}
    shades = area_shades("", rows, profile)
    assert shades["cheeks"] == "energy_low" and shades["neck"] == "energy_high"
    assert shades["forehead"] == "treated"  # full_face: each face area, nothing typed
    middle = (low + high) / 2
    assert energy_shade(profile, {energy.name: middle}) == "energy_middle"
    assert energy_shade(None, {energy.name: middle}) is None


def test_a_clinic_s_own_drawing_replaces_the_shipped_one_and_is_checked(tmp_path) -> None:
    folder = tmp_path / "overrides" / "face_chart"
    folder.mkdir(parents=True)
    shipped = load_face_chart().svg
    (folder / "face.svg").write_text(shipped.replace('id="area-nose"', 'id="area-ear"'))
    with pytest.raises(FaceChartError, match=r"face\.svg: region 'area-ear' names no known"):
        load_face_chart(tmp_path)
    (folder / "face.svg").write_text(shipped.replace('id="area-nose"', 'id="nose-drawing"'))
    assert "nose" not in load_face_chart(tmp_path).areas
    (folder / "face_chart.toml").write_text('[labels]\nnose = "Nez"\n')
    with pytest.raises(FaceChartError, match=r"\[handout\] heading is missing"):
        load_face_chart_texts(tmp_path)
