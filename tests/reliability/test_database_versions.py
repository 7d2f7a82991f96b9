"""A database the app must not open as it is: upgraded by a newer version of the app, with two
rows in its schema record, emptied to 0 bytes, or left half-upgraded. Each gets a clear
message from every command (and the window: tests/ui/test_start_problems_ui.py), and nothing
about it is changed."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command

from clinic_app.cli import main
from clinic_app.config import ENV_DATA_DIR, ENV_DB_URL, sqlite_url
from clinic_app.db import (
    Database,
    DatabaseCorruptError,
    DatabaseTooNewError,
    DatabaseUpgradeError,
    DatabaseVersionError,
    alembic_config,
    create_app_engine,
)
from clinic_app.migrations import HEAD_REVISION
from clinic_app.services import backup


@pytest.fixture(autouse=True)
def _no_location_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_DATA_DIR, raising=False)
    monkeypatch.delenv(ENV_DB_URL, raising=False)


def _set_revisions(url: str, *revisions: str) -> None:
    engine = create_app_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(sa.text("DELETE FROM alembic_version"))
            for revision in revisions:
                connection.execute(
                    sa.text("INSERT INTO alembic_version (version_num) VALUES (:v)"),
                    {"v": revision},
                )
    finally:
        engine.dispose()


def _revisions(url: str) -> list[str]:
    engine = create_app_engine(url)
    try:
        with engine.connect() as connection:
            return sorted(connection.scalars(sa.text("SELECT version_num FROM alembic_version")))
    finally:
        engine.dispose()


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
        if path.is_file() and not path.name.endswith(("-wal", "-shm"))
    }


COMMANDS = [["patients"], ["audit", "verify"], ["users", "list"], ["demo"], ["settings"]]


@pytest.fixture
def closed(database: Database) -> str:
    """The URL of a database at head that nobody holds open."""
    database.close()
    return database.url


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda argv: " ".join(argv))
def test_a_database_from_a_newer_app_is_refused_by_every_command_and_left_alone(
    closed: str, argv: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _set_revisions(closed, "0099")
    before = (
        _fingerprint(Path(closed.removeprefix("sqlite:///")).parent) if "sqlite" in closed else {}
    )
    status = main([*argv, "--db-url", closed, "--data-dir", str(tmp_path / "data")])
    err = capsys.readouterr().err
    assert status == 1, err
    assert "This database is newer than this app (version 0099): update the app." in err
    assert "Nothing was changed." in err
    assert "Traceback" not in err
    assert _revisions(closed) == ["0099"]
    if before:
        folder = Path(closed.removeprefix("sqlite:///")).parent
        assert _fingerprint(folder) == before
        assert not (folder / "backups").exists(), "no copy, no backup of a database left alone"


def test_backup_leaves_a_newer_database_alone(
    sqlite_database: Database, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    sqlite_database.close()
    _set_revisions(sqlite_database.url, "0099")
    status = main(["backup", "--db-url", sqlite_database.url, "--data-dir", str(tmp_path)])
    assert status == 1
    assert "newer than this app (version 0099)" in capsys.readouterr().err
    assert not (tmp_path / "backups").exists()


def test_a_newer_database_raises_its_own_error(closed: str) -> None:
    _set_revisions(closed, "0099")
    with pytest.raises(DatabaseTooNewError) as caught:
        Database(closed)
    assert caught.value.revision == "0099"


def test_two_rows_in_the_schema_record_are_explained_and_left_alone(
    closed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _set_revisions(closed, "0004", HEAD_REVISION)
    expected = rf"records 2 schema versions \(0004, {HEAD_REVISION}\)"
    with pytest.raises(DatabaseVersionError, match=expected):
        Database(closed)
    status = main(["patients", "--db-url", closed])
    err = capsys.readouterr().err
    assert status == 1
    assert "where there is always exactly one" in err
    assert "Traceback" not in err
    assert _revisions(closed) == sorted(["0004", HEAD_REVISION])


def test_tables_without_a_schema_record_are_explained(closed: str) -> None:
    _set_revisions(closed)
    with pytest.raises(DatabaseVersionError, match="no record of its schema version"):
        Database(closed)


def test_an_empty_database_file_is_damage_not_a_new_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "clinic.db").write_bytes(b"")
    with pytest.raises(DatabaseCorruptError, match=r"is empty \(0 bytes\)"):
        Database(sqlite_url(data / "clinic.db"))
    status = main(["patients", "--data-dir", str(data)])
    err = capsys.readouterr().err
    assert status == 1
    assert "is empty (0 bytes): it was truncated or damaged" in err
    assert "clinic-app restore" in err
    assert (data / "clinic.db").stat().st_size == 0, "nothing was written to it"


def test_a_new_database_is_made_whole_under_another_name(tmp_path: Path) -> None:
    data = tmp_path / "data"
    Database(sqlite_url(data / "clinic.db")).close()
    assert sorted(path.name for path in data.iterdir()) == ["clinic.db"]
    assert _revisions(sqlite_url(data / "clinic.db")) == [HEAD_REVISION]


def _half_upgraded(path: Path) -> str:
    """A database at 0001 whose audit table already has 0002's columns: what an earlier
    version, killed while upgrading, left behind."""
    url = sqlite_url(path)
    engine = create_app_engine(url)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0001")
        with engine.begin() as connection:
            connection.execute(sa.text("ALTER TABLE audit_events ADD COLUMN prev_hash VARCHAR(64)"))
    finally:
        engine.dispose()
    return url


def test_a_half_upgraded_database_names_the_backup_to_restore(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    earlier = tmp_path / "earlier.db"
    old = create_app_engine(sqlite_url(earlier))
    with old.begin() as connection:
        command.upgrade(alembic_config(connection), "0001")
    old.dispose()
    saved = backup.backup(earlier, backup.new_backup_path(backup.backup_dir(data)))
    url = _half_upgraded(data / "clinic.db")
    with pytest.raises(DatabaseUpgradeError) as caught:
        Database(url)
    error = caught.value
    message = str(error)
    assert "could not be upgraded from schema 0001" in message
    assert "duplicate column name: prev_hash" in message
    assert "Nothing was changed by this attempt" in message
    assert "was interrupted" in message
    assert f"clinic-app restore {saved.path}" in message
    assert error.restore_from == saved.path
    assert error.copy is not None and error.copy.is_file()
    assert _revisions(url) == ["0001"]

    status = main(["patients", "--data-dir", str(data)])
    err = capsys.readouterr().err
    assert status == 1 and f"clinic-app restore {saved.path}" in err and "Traceback" not in err

    # Restoring the named backup brings the app back.
    assert main(["restore", str(saved.path), "--yes", "--data-dir", str(data)]) == 0
    Database(url).close()
    assert _revisions(url) == [HEAD_REVISION]


def test_an_interrupted_upgrade_that_cannot_finish_names_the_copy_taken_before_it(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    url = _half_upgraded(data / "clinic.db")
    copy = data / "backups" / "before-upgrade" / "clinic-before-upgrade-0001-x.db"
    copy.parent.mkdir(parents=True)
    copy.write_bytes((data / "clinic.db").read_bytes())
    marker = data / ".clinic.db.upgrading"
    marker.write_text(json.dumps({"from": "0001", "to": HEAD_REVISION, "copy": str(copy)}))
    with pytest.raises(DatabaseUpgradeError) as caught:
        Database(url)
    message = str(caught.value)
    assert "This is an interrupted upgrade: restore the copy taken just before it" in message
    assert str(copy) in message
    assert caught.value.restore_from == copy
    assert len(list(copy.parent.iterdir())) == 1, "the copy of the earlier attempt is the one"
    assert marker.exists()
