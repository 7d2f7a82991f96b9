"""``clinic-app clinic show|set``: the letterhead prepared without the window (issue 17)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from clinic_app.cli import main
from clinic_app.config import ENV_DATA_DIR, ENV_DB_URL
from clinic_app.db import Database
from clinic_app.models import AuditEvent, ClinicSettings

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _no_location_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_DATA_DIR, raising=False)
    monkeypatch.delenv(ENV_DB_URL, raising=False)


def run(capsys: pytest.CaptureFixture[str], database: Database, *argv: str) -> tuple[int, str, str]:
    status = main(["clinic", *argv, "--db-url", database.url])
    out, err = capsys.readouterr()
    return status, out, err


def stored(database: Database) -> ClinicSettings | None:
    with database.session() as session:
        row = session.get(ClinicSettings, 1)
        if row is not None:
            session.expunge(row)
        return row


def test_set_then_show_and_each_change_is_audited(capsys, database, tmp_path: Path) -> None:
    status, _, err = run(capsys, database, "show")
    assert status == 1 and "not entered yet" in err

    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG)
    status, out, _ = run(
        capsys, database, "set", "--name", "Piel & Co", "--phone", "+1 555 123 4567",
        "--address", r"12 Main St\nSpringfield", "--paper-size", "letter", "--logo", str(logo),
    )  # fmt: skip
    assert status == 0 and "--name" in out and "--logo" in out
    row = stored(database)
    assert row is not None
    assert (row.name, row.address, row.paper_size) == (
        "Piel & Co",
        "12 Main St\nSpringfield",
        "Letter",
    )
    assert row.logo == PNG and row.logo_filename == "logo.png"

    status, out, _ = run(capsys, database, "set", "--email", "front@piel.example", "--no-logo")
    assert status == 0
    row = stored(database)
    assert row is not None and row.email == "front@piel.example" and row.logo is None
    assert row.name == "Piel & Co"  # what was not given stays

    status, out, _ = run(capsys, database, "show")
    assert status == 0 and "Piel & Co" in out and "Letter" in out and "logo       = (none)" in out
    with database.session() as session:
        actions = session.scalars(
            select(AuditEvent.action).where(AuditEvent.entity_type == "clinic_settings")
        ).all()
    assert actions == ["create", "update"]


def test_a_wrong_value_names_its_option_and_writes_nothing(capsys, database, tmp_path) -> None:
    assert run(capsys, database, "set", "--name", "Piel", "--phone", "555 123 4567")[0] == 0
    before = stored(database)

    status, _, err = run(capsys, database, "set", "--phone", "call us", "--paper-size", "A5")
    assert status == 2
    assert "--phone:" in err and "--paper-size: Paper size must be one of A4, Letter" in err
    assert "Nothing was changed." in err

    not_an_image = tmp_path / "logo.txt"
    not_an_image.write_text("hello")
    status, _, err = run(capsys, database, "set", "--logo", str(not_an_image))
    assert status == 2 and "--logo: The logo must be a PNG or JPEG image." in err
    huge = tmp_path / "huge.png"
    huge.write_bytes(PNG + b"\x00" * (3 * 1024 * 1024))
    status, _, err = run(capsys, database, "set", "--logo", str(huge))
    assert status == 2 and "use an image under 2 MB" in err
    status, _, err = run(capsys, database, "set", "--logo", str(tmp_path / "missing.png"))
    assert status == 2 and "cannot read" in err
    status, _, err = run(capsys, database, "set")
    assert status == 2 and "at least one option" in err

    after = stored(database)
    assert after is not None and before is not None
    assert (after.phone, after.paper_size, after.logo, after.version) == (
        before.phone, before.paper_size, before.logo, before.version,
    )  # fmt: skip
