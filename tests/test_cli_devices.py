"""``clinic-app devices``: the profiles, with the clinic's overrides, without a database."""

from __future__ import annotations

import json
from pathlib import Path

from clinic_app.cli import main
from clinic_app.content import override_dir

REPO = Path(__file__).parents[1]


def write_override(data_dir: Path, name: str, text: str) -> Path:
    folder = override_dir(data_dir, "devices")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_lists_the_profiles_as_a_table(tmp_path, capsys):
    assert main(["devices", "--data-dir", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert "deka-smartxide-dot  SmartXide DOT (DEKA)  version 2" in out
    assert "Power       0.5–30 W" in out
    assert "lumenis-ultrapulse-deepfx" in out
    assert "6 device profiles" in err
    assert not (tmp_path / "clinic.db").exists()  # no database needed


def test_lists_the_profiles_as_json(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path), "devices", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    by_id = {entry["id"]: entry for entry in data}
    assert set(by_id) == {
        "alma-pixel-co2",
        "cynosure-smartskin-co2",
        "deka-smartxide-dot",
        "generic-fractional-co2",
        "lumenis-ultrapulse-activefx",
        "lumenis-ultrapulse-deepfx",
    }
    smartxide = by_id["deka-smartxide-dot"]
    assert (smartxide["name"], smartxide["manufacturer"], smartxide["version"]) == (
        "SmartXide DOT",
        "DEKA",
        "2",
    )
    power = smartxide["parameters"]["power_w"]
    assert (power["unit"], power["min"], power["max"], power["step"]) == ("W", 0.5, 30, 0.5)
    assert power["source"].startswith("domain.md")
    assert smartxide["overridden"] is False


def test_honours_the_clinics_override(tmp_path, capsys):
    shipped = (REPO / "resources" / "devices" / "deka-smartxide-dot.toml").read_text(
        encoding="utf-8"
    )
    write_override(
        tmp_path,
        "deka-smartxide-dot.toml",
        shipped.replace('version = "2"', 'version = "clinic-7"'),
    )
    assert main(["devices", "--json", "--data-dir", str(tmp_path)]) == 0
    data = {entry["id"]: entry for entry in json.loads(capsys.readouterr().out)}
    assert data["deka-smartxide-dot"]["version"] == "clinic-7"
    assert data["deka-smartxide-dot"]["overridden"] is True
    assert data["generic-fractional-co2"]["overridden"] is False


def test_a_malformed_override_is_reported_with_file_and_key(tmp_path, capsys):
    path = write_override(tmp_path, "deka-smartxide-dot.toml", 'id = "deka-smartxide-dot"\n')
    assert main(["devices", "--data-dir", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert f"{path}: version: is missing" in err
