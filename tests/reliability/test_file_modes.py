"""Patient data on disk is private to the account, whatever the umask: every folder the app
makes is 0700 and every file it writes 0600 (the database and its -wal/-shm, backups and their
checksums, safety and upgrade copies, form drafts, PDFs). Checking a backup leaves no copy in
the system's temporary folder; partial backups left by a kill are cleaned up; a restore over a
damaged WAL database keeps its -wal and -shm beside it, as they were."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command

from clinic_app.cli import main
from clinic_app.commands import pdf_output
from clinic_app.config import ENV_DATA_DIR, ENV_DB_URL, sqlite_url
from clinic_app.db import Database, alembic_config, create_app_engine
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.services import backup, form_drafts
from clinic_app.services.patients import patients
from clinic_app.services.security.identity import Actor
from clinic_app.ui.common import pdf_saving


@pytest.fixture(autouse=True)
def _usual_umask(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The common default, under which files come out 0644 and folders 0755."""
    monkeypatch.delenv(ENV_DATA_DIR, raising=False)
    monkeypatch.delenv(ENV_DB_URL, raising=False)
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _not_private(root: Path) -> list[str]:
    wrong = []
    for path in [root, *root.rglob("*")]:
        wanted = 0o700 if path.is_dir() else 0o600
        if mode(path) != wanted:
            wrong.append(f"{path.relative_to(root.parent)}: {oct(mode(path))}")
    return wrong


def _add_patient(database: Database, number: int = 0) -> None:
    with database.session() as session:
        fields = PatientFields("Zoë", f"Private{number}", __import__("datetime").date(1980, 1, 1))
        patients.create(session, Actor("t"), fields, allow_duplicate=True)


def test_everything_the_app_writes_is_private_to_the_account(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    database = Database(sqlite_url(data / "clinic.db"))
    _add_patient(database)
    db_path = data / "clinic.db"
    assert db_path.with_name("clinic.db-wal").exists(), "the journals exist while it is open"
    assert _not_private(data) == []

    form_drafts.save(data, "patient-new", {"first_name": "Zoë"})
    backup.daily_backup(db_path, backup.backup_dir(data), keep=3)
    assert main(["backup", "--data-dir", str(data)]) == 0
    latest = backup.latest_backup(backup.backup_dir(data))
    assert latest is not None
    database.close()
    assert main(["restore", str(latest), "--yes", "--data-dir", str(data)]) == 0
    pdf_output.write_pdf(b"%PDF-1.4 handout", str(data / "handout-cli.pdf"))
    pdf_saving.write_atomically(data / "handout-window.pdf", b"%PDF-1.4 handout")
    capsys.readouterr()

    assert (data / "backups" / "before-restore").is_dir()
    assert (data / "drafts" / "patient-new.json").is_file()
    assert _not_private(data) == []


def test_an_upgrade_copy_is_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    engine = create_app_engine(sqlite_url(data / "clinic.db"))
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0001")
    engine.dispose()
    Database(sqlite_url(data / "clinic.db")).close()
    copies = list((data / "backups" / "before-upgrade").glob("*.db"))
    assert len(copies) == 1
    assert _not_private(data / "backups") == []


def test_files_and_folders_of_an_earlier_version_are_narrowed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    Database(sqlite_url(data / "clinic.db")).close()
    for folder in (data / "backups", data / "drafts"):
        folder.mkdir(mode=0o755)
    old_backup = data / "backups" / "clinic-2026-01-01-000000.db"
    shutil.copyfile(data / "clinic.db", old_backup)
    for path in (data / "clinic.db", old_backup):
        os.chmod(path, 0o644)
    database = Database(sqlite_url(data / "clinic.db"))
    _add_patient(database)
    backup.daily_backup(data / "clinic.db", data / "backups", keep=3)
    form_drafts.save(data, "patient-new", {"first_name": "Zoë"})
    database.close()
    assert mode(data / "clinic.db") == 0o600
    assert mode(data / "backups") == 0o700 and mode(data / "drafts") == 0o700
    assert mode(old_backup) == 0o644, "a backup written earlier is the clinic's to move"


def test_checking_and_restoring_a_backup_copies_nothing_to_the_temporary_folder(
    sqlite_database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Where the system's temporary folder would be, a file: anything put there fails loudly.
    scratch = tmp_path / "system-temp"
    scratch.write_bytes(b"")
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    _add_patient(sqlite_database)
    db_path = sqlite_database.sqlite_path
    assert db_path is not None
    data = tmp_path / "data"
    saved = backup.backup(db_path, backup.new_backup_path(backup.backup_dir(data)))
    assert backup.inspect(saved.path).patients == 1
    sqlite_database.close()
    backup.restore(saved.path, db_path, data)
    assert scratch.read_bytes() == b""


def test_partial_backups_left_by_a_kill_are_removed_at_the_next_backup(
    sqlite_database: Database, tmp_path: Path
) -> None:
    folder = tmp_path / "data" / "backups"
    folder.mkdir(parents=True)
    stale = folder / ".clinic-auto-2026-01-01-080000.db.partial"
    stale_journal = stale.with_name(stale.name + "-journal")
    fresh = folder / ".clinic-2026-01-02-080000.db.partial"  # another process writing it now
    other = folder / ".notes.txt.partial"  # not ours
    for path in (stale, stale_journal, fresh, other):
        path.write_bytes(b"half a backup")
    hours_ago = time.time() - 7200
    for path in (stale, stale_journal, other):
        os.utime(path, (hours_ago, hours_ago))
    db_path = sqlite_database.sqlite_path
    assert db_path is not None
    backup.daily_backup(db_path, folder, keep=3)
    assert not stale.exists() and not stale_journal.exists()
    assert fresh.exists() and other.exists()


def _damaged_wal_database(folder: Path) -> Path:
    """A database whose newest commits are still only in its -wal (the app was killed) and whose
    main file is damaged."""
    work = folder / "live"
    work.mkdir(parents=True)
    live = work / "clinic.db"
    Database(sqlite_url(live)).close()
    writer = sqlite3.connect(live)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("CREATE TABLE late (note TEXT)")
    writer.executemany("INSERT INTO late VALUES (?)", [("x" * 500,)] * 200)
    writer.commit()
    target = folder / "data"
    target.mkdir()
    for suffix in ("", "-wal", "-shm"):  # the files as a kill -9 would leave them
        shutil.copyfile(live.with_name(live.name + suffix), target / f"clinic.db{suffix}")
    writer.close()
    damaged = target / "clinic.db"
    with open(damaged, "r+b") as handle:
        handle.seek(4096 * 3)
        handle.write(b"\xff" * 4096 * 4)
    return damaged


def test_a_restore_over_a_damaged_wal_database_keeps_its_journals_as_they_were(
    sqlite_database: Database, tmp_path: Path
) -> None:
    db_path = sqlite_database.sqlite_path
    assert db_path is not None
    saved = backup.backup(db_path, tmp_path / "good.db")
    damaged = _damaged_wal_database(tmp_path)
    before = {s: damaged.with_name(damaged.name + s).read_bytes() for s in ("", "-wal", "-shm")}
    assert not backup.is_healthy(_copy_of(damaged, tmp_path / "probe"))
    result = backup.restore(saved.path, damaged, tmp_path / "data")
    assert result.safety_copy is not None
    for suffix, content in before.items():
        kept = result.safety_copy.with_name(result.safety_copy.name + suffix)
        assert kept.read_bytes() == content, f"{suffix or 'the database'} not kept as it was"
        assert mode(kept) == 0o600
    assert backup.is_healthy(damaged)


def _copy_of(database: Path, folder: Path) -> Path:
    folder.mkdir()
    for suffix in ("", "-wal", "-shm"):
        shutil.copyfile(database.with_name(database.name + suffix), folder / f"x.db{suffix}")
    return folder / "x.db"
