"""The window's start on a database it must not open as it is: newer than the app, two schema
rows, emptied to 0 bytes, left half-upgraded. A clear message, an offer to restore where one
helps, and nothing changed otherwise (tests/reliability/test_database_versions.py: commands)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from PySide6.QtWidgets import QMessageBox

from clinic_app.config import resolve_config
from clinic_app.db import Database, alembic_config, create_app_engine
from clinic_app.migrations import HEAD_REVISION
from clinic_app.services import backup
from clinic_app.ui import app as app_module


@pytest.fixture
def config(tmp_path: Path):  # type: ignore[no-untyped-def]
    return resolve_config(tmp_path / "data", None, environ={})


def _set_revisions(url: str, *revisions: str) -> None:
    engine = create_app_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text("DELETE FROM alembic_version"))
        for revision in revisions:
            connection.execute(
                sa.text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": revision}
            )
    engine.dispose()


def test_a_database_from_a_newer_app_says_update_the_app(qtbot, config, dialogs) -> None:  # type: ignore[no-untyped-def]
    Database(config.db_url).close()
    _set_revisions(config.db_url, "0099")
    assert app_module.open_database(config, dialogs) is None
    assert dialogs.errors == [
        "The database is newer than this app: This database is newer than this app (version "
        f"0099): update the app. SQLite: {config.data_dir / 'clinic.db'} was upgraded by a newer "
        "version of clinic-app (on this or another workstation), and this version cannot read it "
        "safely. Nothing was changed."
    ]
    assert not (config.data_dir / "backups").exists()


def test_two_schema_rows_are_explained(qtbot, config, dialogs) -> None:  # type: ignore[no-untyped-def]
    Database(config.db_url).close()
    _set_revisions(config.db_url, "0004", HEAD_REVISION)
    assert app_module.open_database(config, dialogs) is None
    assert dialogs.errors[0].startswith("The database's schema record is wrong: ")
    assert f"records 2 schema versions (0004, {HEAD_REVISION})" in dialogs.errors[0]


def test_an_empty_database_file_offers_the_latest_backup(qtbot, config, dialogs) -> None:  # type: ignore[no-untyped-def]
    database = Database(config.db_url)
    db_path = database.sqlite_path
    assert db_path is not None
    saved = backup.backup(db_path, backup.new_backup_path(backup.backup_dir(config.data_dir)))
    database.close()
    db_path.write_bytes(b"")  # a sync tool or a failed copy emptied it

    dialogs.answers[:] = [True]
    reopened = app_module.open_database(config, dialogs)
    assert reopened is not None
    reopened.close()
    assert "The database is damaged: " in dialogs.asked[0]
    assert "is empty (0 bytes)" in dialogs.asked[0]
    assert saved.path.name in dialogs.asked[0]
    assert db_path.stat().st_size > 0


def test_a_half_upgraded_database_offers_the_backup_its_message_names(  # type: ignore[no-untyped-def]
    qtbot, config, dialogs
) -> None:
    data = config.data_dir
    earlier = data.parent / "earlier.db"
    old = create_app_engine(f"sqlite:///{earlier}")
    with old.begin() as connection:
        command.upgrade(alembic_config(connection), "0001")
    old.dispose()
    saved = backup.backup(earlier, backup.new_backup_path(backup.backup_dir(data)))
    engine = create_app_engine(config.db_url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0001")
    with engine.begin() as connection:
        connection.execute(sa.text("ALTER TABLE audit_events ADD COLUMN prev_hash VARCHAR(64)"))
    engine.dispose()

    dialogs.answers[:] = [True]
    reopened = app_module.open_database(config, dialogs)
    assert reopened is not None
    reopened.close()
    question = dialogs.asked[0]
    assert question.startswith("The database could not be upgraded: ")
    assert f"Restore {saved.path.name} now?" in question
    assert dialogs.infos == [f"Database restored: Restored from {saved.path.name}."]


def test_a_clinic_content_file_that_cannot_be_read_is_named_once_the_window_is_up(  # type: ignore[no-untyped-def]
    qtbot, config, dialogs
) -> None:
    broken = config.data_dir / "overrides" / "sessions" / "sessions.toml"
    broken.parent.mkdir(parents=True)
    broken.write_bytes(b'interval_weeks = "\xff"\n')
    app_module.warn_about_unreadable_content(None, config, dialogs)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: bool(dialogs.errors), timeout=10_000)
    (error,) = dialogs.errors
    assert error.startswith("A content file cannot be read: ")
    assert f"{broken} is not UTF-8 text" in error


def test_an_error_a_content_loader_lets_through_names_the_file(  # type: ignore[no-untyped-def]
    qtbot, config, monkeypatch
) -> None:
    broken = config.data_dir / "overrides" / "rules" / "medical.toml"
    broken.parent.mkdir(parents=True)
    broken.write_text("x = " + "[" * 5000 + "]" * 5000, encoding="utf-8")
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: shown.append((title, text)))
    monkeypatch.setattr(app_module.traceback, "print_exception", lambda *_a: None)
    try:
        raise RecursionError("maximum recursion depth exceeded")
    except RecursionError as exc:
        app_module._show_unexpected_error(RecursionError, exc, None, config.data_dir)
    assert shown and shown[0][0] == "A content file cannot be read"
    assert str(broken) in shown[0][1] and "nested too deeply" in shown[0][1]
