"""The energy picture: danger judged on the settings taken together, per area, skin type and
recorded intensity (issue 13, settings safety)."""

from __future__ import annotations

import pytest

from clinic_app.domain.sessions.device_profile import AREAS, FACE_AREAS
from clinic_app.domain.sessions.devices import load_profiles
from clinic_app.domain.sessions.settings_check import (
    UNKNOWN_AREA_RULE,
    CheckContext,
    check_settings,
)

STAMP_SCANNERS = ("deka-smartxide-dot", "cynosure-smartskin-co2", "generic-fractional-co2")
ENERGY_DEVICES = (
    "alma-pixel-co2",
    "lumenis-ultrapulse-activefx",
    "lumenis-ultrapulse-deepfx",
    "generic-fractional-co2",
)
# domain.md: the published 3rd-degree burn case.
BURN = {"power_w": 30.0, "dwell_us": 1800.0, "spacing_um": 450.0}
BURN_NECK = {"power_w": 25.0, "dwell_us": 1600.0, "spacing_um": 450.0}

MUST_BE_DANGER = {
    "burn case, one pass": ("cheeks", {**BURN, "passes": 1, "stack": 1}),
    "burn case, stack 5": ("cheeks", {**BURN, "passes": 1, "stack": 5}),
    "burn case, two passes": ("cheeks", {**BURN, "passes": 2}),
    "dense, stacked, two passes": (
        "forehead",
        {"power_w": 30.0, "dwell_us": 1000.0, "spacing_um": 200.0, "passes": 2, "stack": 3},
    ),
    "neck burn case": ("neck", BURN_NECK),
    "periorbital, aggressive": (
        "periorbital",
        {"power_w": 20.0, "dwell_us": 1000.0, "spacing_um": 400.0, "passes": 1, "stack": 1},
    ),
    "hands, aggressive": (
        "hands",
        {"power_w": 25.0, "dwell_us": 1000.0, "spacing_um": 400.0, "passes": 2, "stack": 1},
    ),
    "chest, aggressive": (
        "chest",
        {"power_w": 20.0, "dwell_us": 1200.0, "spacing_um": 450.0, "passes": 1, "stack": 1},
    ),
    "full face, burn case": ("full_face", {**BURN, "passes": 1}),
}
MUST_BE_QUIET = {
    "cheeks, gentle": (
        "cheeks",
        {"power_w": 15.0, "dwell_us": 600.0, "spacing_um": 500.0, "passes": 1, "stack": 1},
    ),
    "periorbital, gentle": (
        "periorbital",
        {"power_w": 10.0, "dwell_us": 400.0, "spacing_um": 700.0},
    ),
    "periorbital, gentle, counted": (
        "periorbital",
        {"power_w": 10.0, "dwell_us": 400.0, "spacing_um": 700.0, "passes": 1, "stack": 1},
    ),
}


@pytest.fixture(scope="module")
def profiles():
    return load_profiles()


def dangers(check):
    return [c for c in check.cautions if c.level == "danger"]


# ---------------------------------------------------------------- danger on the whole picture


@pytest.mark.parametrize("profile_id", STAMP_SCANNERS)
@pytest.mark.parametrize("case", sorted(MUST_BE_DANGER))
def test_the_burn_case_variants_reach_danger(profiles, profile_id, case):
    area, values = MUST_BE_DANGER[case]
    check = check_settings(profiles[profile_id], area, values)
    assert check.ok, check.refusals
    assert dangers(check), [c.message for c in check.cautions]
    assert check.dangers == tuple(dangers(check))
    assert UNKNOWN_AREA_RULE not in {c.rule_id for c in check.cautions}


@pytest.mark.parametrize("profile_id", STAMP_SCANNERS)
@pytest.mark.parametrize("case", sorted(MUST_BE_QUIET))
def test_plausible_safe_settings_raise_nothing(profiles, profile_id, case):
    area, values = MUST_BE_QUIET[case]
    check = check_settings(profiles[profile_id], area, values)
    assert check.ok and not check.cautions, [c.message for c in check.cautions]
    light = check_settings(profiles[profile_id], area, values, CheckContext(intensity="light"))
    assert not light.cautions, [c.message for c in light.cautions]


def test_the_thermal_load_message_shows_the_figures_and_the_limit(profiles):
    values = {**BURN, "passes": 1, "stack": 1}
    check = check_settings(profiles["deka-smartxide-dot"], "cheeks", values)
    (danger,) = [c for c in check.dangers if c.rule_id == "thermal-load"]
    assert danger.message.startswith("Thermal load on cheeks: 26.7 J/cm²")
    assert "30 W × 1800 µs" in danger.message
    assert "danger limit of 20 J/cm²" in danger.message
    assert set(danger.fields) == {"power_w", "dwell_us", "spacing_um"}  # one pulse, one pass
    stacked = check_settings(profiles["deka-smartxide-dot"], "cheeks", {**values, "stack": 3})
    load = next(c for c in stacked.dangers if c.rule_id == "thermal-load")
    assert set(load.fields) == {"power_w", "dwell_us", "spacing_um", "stack"}
    assert danger.source  # every limit names its source
    assert "burn case" in danger.text  # the profile's note, for the practitioner


def test_a_caution_comes_before_the_danger_limit(profiles):
    # 30 W / 1000 µs / 400 µm, one pass: aggressive (domain.md), not yet a danger.
    values = {"power_w": 30.0, "dwell_us": 1000.0, "spacing_um": 400.0, "passes": 1, "stack": 1}
    check = check_settings(profiles["deka-smartxide-dot"], "cheeks", values)
    load = [c for c in check.cautions if c.rule_id == "thermal-load"]
    assert [c.level for c in load] == ["caution"]
    assert not check.dangers


@pytest.mark.parametrize(
    ("profile_id", "area", "values"),
    [
        ("alma-pixel-co2", "cheeks", {"energy_mj": 100, "stack": 1, "passes": 2}),
        ("alma-pixel-co2", "periorbital", {"energy_mj": 60, "stack": 2, "passes": 1}),
        ("alma-pixel-co2", "hands", {"energy_mj": 70, "stack": 1, "passes": 2}),
        ("lumenis-ultrapulse-activefx", "cheeks", {"energy_mj": 100, "passes": 2}),
        ("lumenis-ultrapulse-activefx", "periorbital", {"energy_mj": 60, "passes": 2}),
        ("lumenis-ultrapulse-activefx", "hands", {"energy_mj": 80, "passes": 2}),
        ("lumenis-ultrapulse-deepfx", "cheeks", {"energy_mj": 20, "density_pct": 20, "passes": 2}),
        ("lumenis-ultrapulse-deepfx", "periorbital", {"energy_mj": 10, "density_pct": 15}),
        ("lumenis-ultrapulse-deepfx", "hands", {"energy_mj": 20, "density_pct": 25}),
        ("generic-fractional-co2", "cheeks", {"energy_mj": 20, "density_pct": 20, "passes": 2}),
        ("generic-fractional-co2", "periorbital", {"energy_mj": 10, "density_pct": 15}),
    ],
)
def test_energy_devices_reach_danger_on_energy_density_and_passes(
    profiles, profile_id, area, values
):
    check = check_settings(profiles[profile_id], area, values)
    assert check.ok, check.refusals
    assert check.dangers, [c.message for c in check.cautions]


@pytest.mark.parametrize("profile_id", ENERGY_DEVICES)
def test_energy_devices_have_energy_thresholds_on_every_area(profiles, profile_id):
    profile = profiles[profile_id]
    for area in AREAS:
        measures = {picture.id for picture in profile.pictures_for(area)}
        assert any(
            "energy_mj" in picture.factors for picture in profile.pictures if picture.id in measures
        ), area


@pytest.mark.parametrize("profile_id", sorted({*STAMP_SCANNERS, *ENERGY_DEVICES}))
def test_every_profile_has_picture_limits_with_sources_on_every_area(profiles, profile_id):
    profile = profiles[profile_id]
    assert profile.pictures
    for picture in profile.pictures:
        assert picture.source.text
        for area in AREAS:
            limit = picture.limit_for(area)
            assert limit is not None, (picture.id, area)
            assert 0 < limit.light_up_to < limit.moderate_up_to, (picture.id, area)
            assert 0 < limit.caution < limit.danger, (picture.id, area)
            assert limit.source.text.startswith(("domain.md", "[GK]")), (picture.id, area)
            assert limit.bands_source.to_confirm, (picture.id, area)  # bands are [GK]
    assert profile.skin.source.to_confirm  # the factors are for a clinician to confirm


@pytest.mark.parametrize("profile_id", sorted({*STAMP_SCANNERS, *ENERGY_DEVICES}))
def test_thin_skin_takes_lower_picture_limits_than_the_face(profiles, profile_id):
    profile = profiles[profile_id]
    for picture in profile.pictures:
        face = [picture.limit_for(area) for area in FACE_AREAS]
        for area in ("periorbital", "neck", "chest"):
            thin = picture.limit_for(area)
            for limit in face:
                assert thin.danger < limit.danger and thin.caution < limit.caution, (
                    picture.id,
                    area,
                )


# ---------------------------------------------------------------- full face


@pytest.mark.parametrize("name", ["full_face", "Full face", " full-face "])
def test_full_face_is_checked_as_its_areas(profiles, name):
    profile = profiles["deka-smartxide-dot"]
    quiet = check_settings(profile, name, MUST_BE_QUIET["cheeks, gentle"][1])
    assert quiet.area == "full_face"
    assert not quiet.cautions, [c.message for c in quiet.cautions]
    # the strictest rule of its areas applies: stack 3 is fine on lip lines only
    stacked = check_settings(profile, name, {"stack": 3})
    assert {c.rule_id for c in stacked.cautions} == {"face-stack"}
    assert stacked.cautions[0].area == "full_face"


def test_an_unknown_area_is_a_danger_not_a_light_caution(profiles):
    check = check_settings(profiles["deka-smartxide-dot"], "scalp", {"power_w": 10})
    (caution,) = check.cautions
    assert caution.rule_id == UNKNOWN_AREA_RULE
    assert caution.level == "danger"


# ---------------------------------------------------------------- skin type


@pytest.mark.parametrize("profile_id", STAMP_SCANNERS)
def test_fitzpatrick_iv_to_vi_lower_the_limits(profiles, profile_id):
    profile = profiles[profile_id]
    # 25 W / 1000 µs / 450 µm, one pass: 12.3 J/cm², under the face caution limit on type II
    values = {"power_w": 25.0, "dwell_us": 1000.0, "spacing_um": 450.0, "passes": 1, "stack": 1}
    load = "thermal-load"

    def levels(skin: str | None) -> list[str]:
        check = check_settings(profile, "cheeks", values, CheckContext(skin_type=skin))
        return [c.level for c in check.cautions if c.rule_id == load]

    assert levels(None) == [] and levels("II") == [] and levels("III") == []
    assert levels("IV") == ["caution"]
    assert levels("V") == ["danger"] and levels("VI") == ["danger"]
    check = check_settings(profile, "cheeks", values, CheckContext(skin_type="V"))
    (danger,) = [c for c in check.cautions if c.rule_id == load]
    assert "Fitzpatrick V" in danger.message


def test_the_gentle_settings_stay_quiet_on_fitzpatrick_iv(profiles):
    area, values = MUST_BE_QUIET["cheeks, gentle"]
    check = check_settings(profiles["deka-smartxide-dot"], area, values, CheckContext("IV"))
    assert not check.cautions


# ---------------------------------------------------------------- recorded intensity


def test_light_recorded_with_deep_settings_needs_a_reason(profiles):
    values = {"power_w": 30.0, "dwell_us": 1000.0, "spacing_um": 400.0, "passes": 1, "stack": 1}
    check = check_settings(
        profiles["deka-smartxide-dot"], "cheeks", values, CheckContext(intensity="light")
    )
    (mismatch,) = [c for c in check.cautions if c.rule_id == "intensity-thermal-load"]
    assert mismatch.level == "caution"
    assert "recorded as light" in mismatch.message and "deep" in mismatch.message
    assert mismatch.fields  # marked at the settings that make it deep
    assert check.needs_acknowledgement


def test_intensity_that_agrees_or_is_deeper_than_the_settings_raises_nothing(profiles):
    profile = profiles["deka-smartxide-dot"]
    moderate = {"power_w": 20.0, "dwell_us": 800.0, "spacing_um": 500.0, "passes": 1, "stack": 1}
    check = check_settings(profile, "cheeks", moderate, CheckContext(intensity="moderate"))
    assert not check.cautions, [c.message for c in check.cautions]
    # Recorded deeper than the settings: the care said is on the safe side, nothing to say.
    deep = check_settings(profile, "cheeks", moderate, CheckContext(intensity="deep"))
    assert not deep.cautions
    light = check_settings(profile, "cheeks", moderate, CheckContext(intensity="light"))
    assert [c.rule_id for c in light.cautions] == ["intensity-thermal-load"]
    assert "moderate band (6–12 J/cm²); light is up to 6 J/cm²" in light.cautions[0].message


def test_no_intensity_recorded_is_not_a_mismatch(profiles):
    values = {"power_w": 30.0, "dwell_us": 1000.0, "spacing_um": 400.0, "passes": 1, "stack": 1}
    check = check_settings(profiles["deka-smartxide-dot"], "cheeks", values, CheckContext())
    assert "intensity-thermal-load" not in {c.rule_id for c in check.cautions}
