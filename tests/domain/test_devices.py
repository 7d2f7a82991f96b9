"""Device profiles: the shipped files, the clinic's overrides, and clear errors for bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clinic_app.content import override_dir
from clinic_app.domain.sessions.device_profile import AREAS, FACE_AREAS
from clinic_app.domain.sessions.devices import load_profiles, parse_profile
from clinic_app.domain.sessions.profile_fields import ProfileError

SHIPPED_IDS = {
    "alma-pixel-co2",
    "cynosure-smartskin-co2",
    "deka-smartxide-dot",
    "generic-fractional-co2",
    "lumenis-ultrapulse-activefx",
    "lumenis-ultrapulse-deepfx",
}
THIN_SKIN = ("periorbital", "neck", "chest")

MINIMAL = """
id = "test-laser"
version = "1"
name = "Test laser"
manufacturer = "Test"

[parameters.power_w]
unit = "W"
min = 1
max = 30
step = 1
default = 10
source = "domain.md, test"
step_source = "[GK] test"
default_source = "[GK] test"

[scan]
shapes = ["square"]
shapes_source = "[GK] test"
sizes = ["10 x 10 mm"]
sizes_source = "[GK] test"

[[cautions]]
id = "face-power"
areas = ["cheeks"]
when.power_w.at_least = 25
source = "[GK] test"

[skin_types]
IV = 0.75
source = "[GK] test"

[[pictures]]
id = "power-passes"
label = "Power dose"
unit = "W"
multiply = ["power_w", "passes"]
source = "[GK] test"

[[pictures.limits]]
areas = ["forehead", "cheeks", "nose", "chin", "perioral", "periorbital", "neck", "chest", "hands"]
light_up_to = 5
moderate_up_to = 10
caution = 20
danger = 40
source = "[GK] test"
bands_source = "[GK] test"
"""


def devices_dir(data_dir: Path) -> Path:
    folder = override_dir(data_dir, "devices")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def shipped():
    return load_profiles()


def test_the_shipped_profiles_load_with_identity(shipped):
    assert set(shipped) == SHIPPED_IDS
    for profile in shipped.values():
        assert profile.version and profile.name and profile.manufacturer
        assert not profile.overridden
        assert profile.origin == f"resources/devices/{profile.id}.toml"
    smartxide = shipped["deka-smartxide-dot"]
    assert (smartxide.name, smartxide.manufacturer) == ("SmartXide DOT", "DEKA")
    power = smartxide.parameters["power_w"]
    assert (power.unit, power.minimum, power.maximum) == ("W", 0.5, 30.0)
    assert set(smartxide.scan.shapes) == {"square", "hexagon", "triangle", "ellipse", "point"}
    assert smartxide.scan.orders == ("normal", "interlaced", "smart")


def test_every_number_names_its_source(shipped):
    for profile in shipped.values():
        for parameter in profile.parameters.values():
            for source in (parameter.source, parameter.step_source, parameter.default_source):
                assert source.text.startswith(("domain.md", "[GK]")), (profile.id, source)
        for rule in profile.cautions:
            assert rule.source.text.startswith(("domain.md", "[GK]")), (profile.id, rule.id)
        for preset in profile.presets.values():
            assert preset.source.text
        assert profile.scan.shapes_source.text and profile.scan.sizes_source.text


def test_figures_without_a_domain_source_are_marked_to_confirm(shipped):
    smartxide = shipped["deka-smartxide-dot"].parameters["power_w"]
    assert not smartxide.source.to_confirm  # domain.md: 0.5-30 W
    assert smartxide.step_source.to_confirm  # not in domain.md
    smartskin = shipped["cynosure-smartskin-co2"].parameters["power_w"]
    assert smartskin.source.to_confirm  # domain.md has no SmartSkin range


@pytest.mark.parametrize("profile_id", sorted(SHIPPED_IDS))
def test_every_area_has_caution_rules(shipped, profile_id):
    profile = shipped[profile_id]
    for area in AREAS:
        assert profile.thresholds(area), area


@pytest.mark.parametrize("profile_id", sorted(SHIPPED_IDS))
def test_periorbital_neck_and_chest_thresholds_are_lower_than_the_face(shipped, profile_id):
    profile = shipped[profile_id]
    compared = 0
    for area in THIN_SKIN:
        for name, condition in profile.thresholds(area).items():
            face = [
                profile.thresholds(f)[name] for f in FACE_AREAS if name in profile.thresholds(f)
            ]
            assert face, (area, name)
            for face_condition in face:
                if condition.upper:  # power, energy, dwell, density, stack, passes
                    assert condition.limit < face_condition.limit, (area, name)
                else:  # spacing: closer spots are denser
                    assert condition.limit > face_condition.limit, (area, name)
                compared += 1
    assert compared


def test_smartxide_thresholds_per_area(shipped):
    profile = shipped["deka-smartxide-dot"]
    cheeks = profile.thresholds("cheeks")
    assert cheeks["power_w"].limit == 25  # domain.md: face 25-30 W is aggressive
    assert cheeks["dwell_us"].limit == 1000  # domain.md: face 500-1000 us
    assert cheeks["spacing_um"].limit == 400  # domain.md: face 400-500 um
    assert profile.thresholds("periorbital")["power_w"].limit < cheeks["power_w"].limit
    assert profile.thresholds("neck")["power_w"].limit < cheeks["power_w"].limit
    assert profile.thresholds("perioral")["stack"].limit == 3  # domain.md: 2-3 on lip lines


def test_pixel_presets_come_from_the_domain_table(shipped):
    presets = shipped["alma-pixel-co2"].presets
    assert dict(presets["medium"].values) == {"power_w": 30, "energy_mj": 60}
    assert dict(presets["high"].values) == {"power_w": 60, "energy_mj": 120}


def test_to_dict_is_json_ready(shipped):
    data = json.loads(json.dumps([p.to_dict() for p in shipped.values()]))
    smartxide = next(d for d in data if d["id"] == "deka-smartxide-dot")
    assert smartxide["parameters"]["power_w"]["max"] == 30
    assert smartxide["cautions"][0]["when"] == {"power_w": {"at_least": 25}}
    (load,) = smartxide["pictures"]
    assert load["id"] == "thermal-load" and load["divide"] == ["spacing_um", "spacing_um"]
    assert load["limits"][0]["danger"] == 20 and load["limits"][0]["to_confirm"] is True
    assert smartxide["skin_types"]["factors"] == {"IV": 0.75, "V": 0.5, "VI": 0.5}


def test_a_clinic_file_of_the_same_name_replaces_the_shipped_profile(tmp_path):
    shipped_text = (
        Path(__file__).parents[2] / "resources" / "devices" / "deka-smartxide-dot.toml"
    ).read_text(encoding="utf-8")
    changed = shipped_text.replace('version = "2"', 'version = "clinic-2"').replace(
        "max = 30\n", "max = 25\n", 1
    )
    (devices_dir(tmp_path) / "deka-smartxide-dot.toml").write_text(changed, encoding="utf-8")
    profiles = load_profiles(tmp_path)
    profile = profiles["deka-smartxide-dot"]
    assert profile.version == "clinic-2"
    assert profile.parameters["power_w"].maximum == 25
    assert profile.overridden
    assert profile.origin == str(devices_dir(tmp_path) / "deka-smartxide-dot.toml")
    assert set(profiles) == SHIPPED_IDS


def test_a_clinic_file_of_a_new_name_adds_a_profile(tmp_path):
    (devices_dir(tmp_path) / "test-laser.toml").write_text(MINIMAL, encoding="utf-8")
    profiles = load_profiles(tmp_path)
    assert set(profiles) == {*SHIPPED_IDS, "test-laser"}
    assert profiles["test-laser"].overridden


def test_two_files_with_one_id_are_refused(tmp_path):
    text = MINIMAL.replace('id = "test-laser"', 'id = "deka-smartxide-dot"')
    (devices_dir(tmp_path) / "zz-copy.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profiles(tmp_path)
    assert caught.value.key == "id"
    assert "zz-copy.toml" in caught.value.file
    assert "resources/devices/deka-smartxide-dot.toml" in str(caught.value)


def test_a_malformed_override_names_the_file_the_key_and_the_fix(tmp_path):
    bad = MINIMAL.replace("max = 30", 'max = "thirty"')
    path = devices_dir(tmp_path) / "test-laser.toml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profiles(tmp_path)
    error = caught.value
    assert error.file == str(path)
    assert error.key == "parameters.power_w.max"
    assert "'thirty' (a text)" in error.problem
    assert "write a number" in error.expected
    assert str(error).startswith(f"{path}: parameters.power_w.max: ")


@pytest.mark.parametrize(
    ("old", "new", "key", "words"),
    [
        ("[scan]", "[scan\n", "", "is not valid TOML"),
        ('id = "test-laser"\n', "", "id", "is missing"),
        ('id = "test-laser"', 'id = "Test Laser"', "id", "lower-case letters"),
        ('version = "1"', "version = 1", "version", "as a text"),
        ('unit = "W"', 'unit = "mW"', "parameters.power_w.unit", 'unit = "W"'),
        ("min = 1\n", "min = 40\n", "parameters.power_w.min", "lower limit"),
        ("step = 1\n", "step = 0\n", "parameters.power_w.step", "above 0"),
        ("default = 10", "default = 45", "parameters.power_w.default", "range of 1–30 W"),
        ("default = 10", "default = 10.5", "parameters.power_w.default", "nearest allowed"),
        ('source = "domain.md, test"\n', "", "parameters.power_w.source", "names its source"),
        ("[parameters.power_w]", "[parameters.power]", "parameters.power", "power_w"),
        ("step = 1\n", "step = 1\nmaximum = 3\n", "parameters.power_w.maximum", "use one of"),
        ('shapes = ["square"]', "shapes = []", "scan.shapes", "list of texts"),
        ('areas = ["cheeks"]', 'areas = ["cheek"]', "cautions[0] (face-power).areas", "cheeks"),
        (
            "when.power_w.at_least",
            "when.energy_mj.at_least",
            "cautions[0] (face-power).when.energy_mj",
            "power_w",
        ),
        (
            "when.power_w.at_least",
            "when.power_w.over",
            "cautions[0] (face-power).when.power_w.over",
            "at_least",
        ),
        ('name = "Test laser"', 'name = "Test laser"\nparameter = 1', "parameter", "parameters"),
        # the energy picture and the skin types
        ('[skin_types]\nIV = 0.75\nsource = "[GK] test"\n', "", "skin_types", "is missing"),
        ("IV = 0.75", "IV = 1.5", "skin_types.IV", "at most 1"),
        ("IV = 0.75", "VII = 0.5", "skin_types.VII", "use one of"),
        (
            '[[pictures]]\nid = "power-passes"',
            '[[pictures]]\nid = "Power"',
            "pictures[0].id",
            "hyphens",
        ),
        (
            'multiply = ["power_w", "passes"]',
            'multiply = ["energy_mj"]',
            "pictures[0] (power-passes).multiply",
            "'energy_mj' is not a setting of this device",
        ),
        (
            '"chest", "hands"]',
            '"chest"]',
            "pictures[0] (power-passes).limits",
            "names no limits for hands",
        ),
        (
            '"chest", "hands"]',
            '"chest", "hands", "cheeks"]',
            "pictures[0] (power-passes).limits[0].areas",
            "twice",
        ),
        ("danger = 40", "danger = 10", "pictures[0] (power-passes).limits[0].danger", "caution"),
        (
            "moderate_up_to = 10",
            "moderate_up_to = 1",
            "pictures[0] (power-passes).limits[0].moderate_up_to",
            "light",
        ),
        (
            'bands_source = "[GK] test"\n',
            "",
            "pictures[0] (power-passes).limits[0].bands_source",
            "source",
        ),
    ],
)
def test_malformed_files_are_explained(old, new, key, words):
    assert old in MINIMAL
    with pytest.raises(ProfileError) as caught:
        parse_profile(MINIMAL.replace(old, new, 1), "test-laser.toml")
    error = caught.value
    assert error.file == "test-laser.toml"
    assert error.key == key
    assert words in str(error)


def test_ascii_micro_units_are_accepted():
    text = MINIMAL.replace(
        "[scan]",
        '[parameters.dwell_us]\nunit = "us"\nmin = 200\nmax = 2000\nstep = 50\ndefault = 500\n'
        'source = "[GK] t"\nstep_source = "[GK] t"\ndefault_source = "[GK] t"\n\n[scan]',
    )
    assert parse_profile(text).parameters["dwell_us"].unit == "µs"


def test_a_preset_outside_the_range_is_refused():
    text = MINIMAL + '\n[presets.high]\npower_w = 60\nsource = "[GK] t"\n'
    with pytest.raises(ProfileError) as caught:
        parse_profile(text, "x.toml")
    assert caught.value.key == "presets.high.power_w"
    assert "outside this device's range of 1–30 W" in str(caught.value)
