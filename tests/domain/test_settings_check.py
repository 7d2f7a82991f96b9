"""Checks of an area's settings: refusals at the device's limits, cautions per area."""

from __future__ import annotations

import pytest

from clinic_app.domain.sessions.acknowledgement import acknowledgement_errors
from clinic_app.domain.sessions.device_profile import FACE_AREAS
from clinic_app.domain.sessions.devices import load_profiles, parse_profile
from clinic_app.domain.sessions.settings_check import (
    UNKNOWN_AREA_RULE,
    check_settings,
    check_value,
)

# The published 3rd-degree burn case of domain.md.
BURN_MID_FACE = {"power_w": 30, "dwell_us": 1800, "spacing_um": 450, "passes": 2}
BURN_NECK = {"power_w": 25, "dwell_us": 1600, "spacing_um": 450}
STAMP_SCANNERS = ("deka-smartxide-dot", "generic-fractional-co2", "cynosure-smartskin-co2")


@pytest.fixture(scope="module")
def profiles():
    return load_profiles()


@pytest.fixture(scope="module")
def smartxide(profiles):
    return profiles["deka-smartxide-dot"]


def messages(findings):
    return [finding.message for finding in findings]


# ---------------------------------------------------------------- refusals


@pytest.mark.parametrize("power", [0.5, 1, 29.5, 30])
def test_power_at_and_inside_the_limits_is_accepted(smartxide, power):
    assert check_value(smartxide, "power_w", power) is None


@pytest.mark.parametrize("power", [0, 0.4, 30.5, 45, -1])
def test_power_past_the_limits_is_refused_naming_the_range(smartxide, power):
    refusal = check_value(smartxide, "power_w", power)
    assert refusal is not None
    assert refusal.field == "power_w"
    assert refusal.message == (f"Power {power:g} W is outside this device's range of 0.5–30 W.")


def test_the_example_message_of_the_issue(smartxide):
    check = check_settings(smartxide, "cheeks", {"power_w": 45})
    assert messages(check.refusals) == ["Power 45 W is outside this device's range of 0.5–30 W."]
    assert not check.ok


@pytest.mark.parametrize(
    ("field", "low", "high", "text"),
    [
        ("dwell_us", 150, 2050, "200–2000 µs"),
        ("spacing_um", 150, 1050, "200–1000 µm"),
        ("stack", 0, 6, "1–5 pulses"),
        ("passes", 0, 5, "1–4 passes"),
    ],
)
def test_each_parameter_refuses_past_both_ends(smartxide, field, low, high, text):
    parameter = smartxide.parameters[field]
    assert check_value(smartxide, field, parameter.minimum) is None
    assert check_value(smartxide, field, parameter.maximum) is None
    for value in (low, high):
        refusal = check_value(smartxide, field, value)
        assert refusal is not None and text in refusal.message


def test_a_value_off_the_step_is_refused_with_the_nearest_allowed(smartxide):
    refusal = check_value(smartxide, "power_w", 10.3)
    assert refusal is not None
    assert refusal.message == (
        "Power 10.3 W is not on this device's step of 0.5 W from 0.5 W; nearest allowed: 10.5 W."
    )
    dwell = check_value(smartxide, "dwell_us", 1825)
    assert dwell is not None and "nearest allowed: 1800 µs" in dwell.message


def test_float_noise_is_on_the_step(smartxide):
    assert check_value(smartxide, "power_w", 0.1 * 3 * 10) is None  # 3.0000000000000004


def test_counts_must_be_whole(smartxide):
    refusal = check_value(smartxide, "stack", 2.5)
    assert refusal is not None and "whole number" in refusal.message
    assert check_value(smartxide, "passes", 2.0) is None


@pytest.mark.parametrize("value", ["thirty", True, float("nan")])
def test_a_value_that_is_not_a_number_is_refused(smartxide, value):
    refusal = check_value(smartxide, "power_w", value)
    assert refusal is not None and refusal.message.startswith("Power must be a number")


def test_a_setting_the_device_does_not_have_is_refused(smartxide):
    refusal = check_value(smartxide, "energy_mj", 60)
    assert refusal is not None
    assert refusal.message == "SmartXide DOT has no energy setting (mJ); leave it empty."


def test_scan_shape_and_size_must_be_the_devices(smartxide):
    assert check_value(smartxide, "scan_pattern", " Hexagon ") is None
    assert check_value(smartxide, "scan_size", "10 x 10 mm") is None
    shape = check_value(smartxide, "scan_pattern", "circle")
    assert shape is not None and shape.message == (
        "Scan pattern 'circle' is not one of this device's shapes: "
        "square, hexagon, triangle, ellipse, point."
    )
    size = check_value(smartxide, "scan_size", "30 x 30 mm")
    assert size is not None and "15 x 15 mm" in size.message


def test_empty_values_are_not_checked(smartxide):
    check = check_settings(
        smartxide, "cheeks", {"power_w": None, "energy_mj": None, "scan_pattern": ""}
    )
    assert check.ok and not check.cautions


def test_a_key_that_is_not_a_setting_is_a_programming_error(smartxide):
    with pytest.raises(ValueError, match="'power' is not a SessionArea setting"):
        check_settings(smartxide, "cheeks", {"power": 30})
    check = check_settings(smartxide, "cheeks", {"power_w": 10, "notes": "fine"})
    assert check.ok


def test_refused_values_raise_no_caution(smartxide):
    check = check_settings(smartxide, "cheeks", {"power_w": 45})
    assert check.refusals_for("power_w") and not check.cautions


# ---------------------------------------------------------------- the burn case


@pytest.mark.parametrize("profile_id", STAMP_SCANNERS)
@pytest.mark.parametrize("area", ["cheeks", "nose"])
def test_the_mid_face_burn_case_raises_cautions(profiles, profile_id, area):
    check = check_settings(profiles[profile_id], area, BURN_MID_FACE)
    assert check.ok, messages(check.refusals)  # allowed by the device...
    assert check.needs_acknowledgement  # ...but not without a reason
    found = messages(check.cautions)
    assert f"Power 30 W on {area} is at or above the caution threshold of 25 W." in found
    assert f"Dwell time 1800 µs on {area} is above the caution threshold of 1000 µs." in found
    loud = {c.rule_id: c for c in check.cautions if c.level == "danger"}
    assert set(loud) == {"face-burn-case", "thermal-load"}  # the combination and the picture
    burn = loud["face-burn-case"]
    assert set(burn.fields) == {"power_w", "dwell_us", "passes"}
    assert burn.message.startswith(f"Burn-case intensity on {area}: power 30 W")
    assert "third-degree burn" in burn.text
    assert loud["thermal-load"].message.startswith(f"Thermal load on {area}: 53.3 J/cm²")


@pytest.mark.parametrize("profile_id", STAMP_SCANNERS)
def test_the_neck_burn_case_raises_cautions(profiles, profile_id):
    check = check_settings(profiles[profile_id], "neck", BURN_NECK)
    assert check.ok, messages(check.refusals)
    found = messages(check.cautions)
    assert "Power 25 W on neck is at or above the caution threshold of 20 W." in found
    assert "Dwell time 1600 µs on neck is above the caution threshold of 800 µs." in found
    assert "Spacing 450 µm on neck is below the caution threshold of 500 µm." in found
    assert any(c.level == "danger" for c in check.cautions)
    assert check.cautions_for("spacing_um")


def test_the_burn_case_needs_the_confirmation_and_a_reason_of_substance(smartxide):
    check = check_settings(smartxide, "cheeks", BURN_MID_FACE)
    errors = acknowledgement_errors(check, "   ", confirmed=False)
    assert set(errors) == {"danger_confirmed", "caution_ack_reason"}
    assert errors["danger_confirmed"].startswith("Danger on cheeks: Burn-case intensity")
    assert "Tick “I have checked these settings”" in errors["danger_confirmed"]
    assert errors["caution_ack_reason"].startswith("Danger on cheeks: write the reason")
    assert set(acknowledgement_errors(check, "Checked", confirmed=True)) == {"caution_ack_reason"}
    reason = "Deep acne scars, test spot healed well"
    assert acknowledgement_errors(check, reason, confirmed=True) == {}


def test_a_caution_needs_a_light_note(smartxide):
    check = check_settings(smartxide, "cheeks", {"power_w": 25})
    assert acknowledgement_errors(check, "", confirmed=False) == {
        "caution_ack_reason": "1 caution on cheeks: write the reason for going past it to proceed."
    }
    assert "too short" in acknowledgement_errors(check, ".", False)["caution_ack_reason"]
    assert acknowledgement_errors(check, "patient informed", confirmed=False) == {}


# ---------------------------------------------------------------- per-area thresholds


@pytest.mark.parametrize("profile_id", sorted({"deka-smartxide-dot", "generic-fractional-co2"}))
def test_the_same_power_is_fine_on_the_cheeks_but_not_on_thin_skin(profiles, profile_id):
    profile = profiles[profile_id]
    values = {"power_w": 20, "dwell_us": 500, "spacing_um": 650, "stack": 1, "passes": 1}
    assert not check_settings(profile, "cheeks", values).cautions
    for area in ("periorbital", "neck", "chest"):
        check = check_settings(profile, area, values)
        assert check.cautions_for("power_w"), area
        assert all(c.area == area for c in check.cautions)


def test_thresholds_apply_at_their_boundary(smartxide):
    at = check_settings(smartxide, "forehead", {"power_w": 25, "dwell_us": 1000})
    assert [c.rule_id for c in at.cautions] == ["face-power"]  # at_least 25, above 1000
    below = check_settings(smartxide, "forehead", {"power_w": 24.5, "dwell_us": 1050})
    assert [c.rule_id for c in below.cautions] == ["face-dwell"]


def test_lip_lines_take_more_stack_than_the_rest_of_the_face(smartxide):
    assert not check_settings(smartxide, "perioral", {"stack": 3}).cautions
    assert check_settings(smartxide, "cheeks", {"stack": 3}).cautions_for("stack")


def test_deepfx_eyelids_caution_past_five_mj(profiles):
    deepfx = profiles["lumenis-ultrapulse-deepfx"]
    assert not check_settings(deepfx, "periorbital", {"energy_mj": 5}).cautions
    check = check_settings(deepfx, "periorbital", {"energy_mj": 7.5})
    assert messages(check.cautions) == [
        "Energy 7.5 mJ on periorbital is above the caution threshold of 5 mJ."
    ]
    assert not check_settings(deepfx, "cheeks", {"energy_mj": 15, "density_pct": 15}).cautions


@pytest.mark.parametrize("area", FACE_AREAS)
def test_every_profiles_defaults_are_quiet_on_the_face(profiles, area):
    for profile in profiles.values():
        defaults = {name: p.default for name, p in profile.parameters.items()}
        check = check_settings(profile, area, defaults)
        assert check.ok and not check.cautions, (profile.id, messages(check.cautions))


def test_an_area_without_rules_gets_a_danger(smartxide):
    check = check_settings(smartxide, "Scalp", {"power_w": 10})
    assert [c.rule_id for c in check.cautions] == [UNKNOWN_AREA_RULE]
    assert check.cautions[0].level == "danger"
    assert "no thresholds for the area 'Scalp'" in check.cautions[0].message


def test_area_names_are_matched_loosely(smartxide):
    check = check_settings(smartxide, "  Neck ", BURN_NECK)
    assert check.area == "neck" and check.cautions


# ---------------------------------------------------------------- combined rules are data


def test_a_combined_rule_needs_no_code():
    profile = parse_profile(
        """
id = "combo"
version = "1"
name = "Combo"
manufacturer = "Test"
[parameters.stack]
unit = "pulses"
min = 1
max = 5
step = 1
default = 1
source = "[GK] t"
step_source = "[GK] t"
default_source = "[GK] t"
[parameters.passes]
unit = "passes"
min = 1
max = 4
step = 1
default = 1
source = "[GK] t"
step_source = "[GK] t"
default_source = "[GK] t"
[scan]
shapes = ["square"]
shapes_source = "[GK] t"
sizes = ["10 x 10 mm"]
sizes_source = "[GK] t"
[[cautions]]
id = "stack-and-passes"
areas = ["chin"]
when.stack.at_least = 3
when.passes.at_least = 3
label = "Stacked passes"
note = "Confirm the endpoint between passes."
source = "[GK] t"
[skin_types]
source = "[GK] t"
[[pictures]]
id = "pulses"
label = "Pulses"
unit = "pulses"
multiply = ["stack", "passes"]
source = "[GK] t"
[[pictures.limits]]
areas = ["forehead", "cheeks", "nose", "chin", "perioral", "periorbital", "neck", "chest", "hands"]
light_up_to = 2
moderate_up_to = 6
caution = 15
danger = 20
source = "[GK] t"
bands_source = "[GK] t"
"""
    )
    quiet = check_settings(profile, "chin", {"stack": 3, "passes": 2})
    assert not quiet.cautions
    loud = check_settings(profile, "chin", {"stack": 4, "passes": 3})
    (caution,) = loud.cautions
    assert caution.message == (
        "Stacked passes on chin: stack 4 (at or above 3) and passes 3 (at or above 3)."
    )
    assert caution.text.endswith("Confirm the endpoint between passes.")
    assert caution.to_confirm and caution.level == "caution"
