"""The command line of issue 6: users, audit verify/list, backup, restore, settings."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import update

from clinic_app.cli import main
from clinic_app.config import ENV_DATA_DIR, ENV_DB_URL
from clinic_app.db import Database
from clinic_app.models import AuditEvent

PASSWORD = "correct horse 7"


@pytest.fixture(autouse=True)
def _no_location_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_DATA_DIR, raising=False)
    monkeypatch.delenv(ENV_DB_URL, raising=False)


def run(capsys, monkeypatch, *argv: str, stdin: str = "") -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_users_add_list_passwd_unlock_disable(capsys, monkeypatch, database: Database) -> None:  # type: ignore[no-untyped-def]
    url = ("--db-url", database.url)
    status, out, _ = run(
        capsys, monkeypatch, "users", "add", "Maria", "--role", "administrator", *url,
        "--display-name", "María López", stdin=PASSWORD + "\n",
    )  # fmt: skip
    assert status == 0 and "Added administrator 'maria' (María López)" in out
    status, _, err = run(
        capsys, monkeypatch, "users", "add", "maria", "--role", "practitioner", *url,
        stdin="another pass 1\n",
    )  # fmt: skip
    assert status == 2 and "already taken" in err
    status, _, err = run(
        capsys, monkeypatch, "users", "add", "nurse", "--role", "practitioner", *url, stdin="x\n"
    )
    assert status == 2 and "at least 8 characters" in err
    status, _, err = run(
        capsys, monkeypatch, "users", "add", "nurse", "--role", "practitioner", *url
    )
    assert status == 2 and "No password on standard input" in err

    status, out, _ = run(capsys, monkeypatch, "users", "list", "--json", *url)
    assert status == 0
    assert [(u["username"], u["role"]) for u in json.loads(out)] == [("maria", "administrator")]
    status, out, _ = run(
        capsys, monkeypatch, "users", "passwd", "maria", *url, stdin="new passphrase 2\n"
    )
    assert status == 0 and "Password of 'maria' changed" in out
    assert run(capsys, monkeypatch, "users", "unlock", "maria", *url)[0] == 0
    status, _, err = run(capsys, monkeypatch, "users", "disable", "maria", *url)
    assert status == 2 and "only active administrator" in err
    status, _, err = run(capsys, monkeypatch, "users", "unlock", "nobody", *url)
    assert status == 1 and "there is no user 'nobody'" in err


def test_users_add_asks_twice_at_a_terminal(capsys, monkeypatch, sqlite_database: Database) -> None:  # type: ignore[no-untyped-def]
    import getpass

    typed = iter([PASSWORD, "something else"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(typed))
    terminal = io.StringIO()
    terminal.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr(sys, "stdin", terminal)
    status = main(
        ["users", "add", "maria", "--role", "administrator", "--db-url", sqlite_database.url]
    )
    assert status == 2
    assert "The two passwords differ" in capsys.readouterr().err


def test_audit_verify_names_the_first_bad_event(capsys, monkeypatch, database: Database) -> None:  # type: ignore[no-untyped-def]
    url = ("--db-url", database.url)
    assert run(capsys, monkeypatch, "demo", "--patients", "12", *url)[0] == 0
    status, out, _ = run(capsys, monkeypatch, "audit", "verify", *url)
    assert status == 0 and "The audit trail is intact" in out

    status, out, _ = run(
        capsys, monkeypatch, "audit", "list", "--action", "create", "--entity", "patient",
        "--limit", "3", "--json", *url,
    )  # fmt: skip
    assert status == 0 and [e["entity_id"] for e in json.loads(out)] == [12, 11, 10]

    with database.session() as session:
        session.execute(update(AuditEvent).where(AuditEvent.id == 7).values(actor="someone"))
    status, _, err = run(capsys, monkeypatch, "audit", "verify", *url)
    assert status == 3
    assert "Event #7 was altered" in err and "First bad event: #7" in err


def test_backup_and_restore_commands(capsys, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = ("--data-dir", str(tmp_path / "data"))
    assert run(capsys, monkeypatch, "demo", "--patients", "15", *data)[0] == 0
    status, out, _ = run(capsys, monkeypatch, "backup", *data)
    assert status == 0 and "15 patients" in out
    [made] = sorted((tmp_path / "data" / "backups").glob("clinic-*.db"))
    chosen = tmp_path / "elsewhere" / "copy.db"
    assert run(capsys, monkeypatch, "backup", "--output", str(chosen), *data)[0] == 0
    assert chosen.is_file() and Path(f"{chosen}.sha256").is_file()

    assert run(capsys, monkeypatch, "demo", "--patients", "5", *data)[0] == 0
    status, _, err = run(capsys, monkeypatch, "restore", str(made), *data)
    assert status == 2 and "add --yes" in err
    status, out, _ = run(capsys, monkeypatch, "restore", str(made), "--yes", *data)
    assert status == 0 and "Restored" in out and "before-restore" in out
    status, out, _ = run(capsys, monkeypatch, "patients", "--json", *data)
    assert len(json.loads(out)) == 15
    status, out, _ = run(capsys, monkeypatch, "audit", "list", "--limit", "2", "--json", *data)
    assert [e["action"] for e in json.loads(out)] == ["export", "restore"]  # listing exports
    assert run(capsys, monkeypatch, "audit", "verify", *data)[0] == 0

    bad = tmp_path / "bad.db"
    bad.write_bytes(b"\x00" * 4096)
    status, _, err = run(capsys, monkeypatch, "restore", str(bad), "--yes", *data)
    assert status == 2 and "Nothing was changed" in err


def test_backup_on_postgresql_explains_pg_dump(capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    url = ("--db-url", "postgresql://clinic:secret@db-server/clinic")
    for command in (["backup"], ["restore", "x.dump", "--yes"]):
        status, _, err = run(capsys, monkeypatch, *command, *url)
        assert status == 1
        assert "pg_dump --format=custom" in err and "pg_restore" in err
        assert "secret" not in err


def test_settings_command(capsys, monkeypatch, sqlite_database: Database) -> None:  # type: ignore[no-untyped-def]
    url = ("--db-url", sqlite_database.url)
    status, out, _ = run(capsys, monkeypatch, "settings", "--idle-lock-minutes", "5", *url)
    assert status == 0 and "idle_lock_minutes = 5" in out and "backups_kept = 14" in out
    status, _, err = run(capsys, monkeypatch, "settings", "--backups-kept", "0", *url)
    assert status == 2 and "from 1 to 365" in err


def test_users_add_as_a_real_process_reads_the_password_from_a_pipe(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in (ENV_DATA_DIR, ENV_DB_URL)}
    command = [sys.executable, "-m", "clinic_app", "--data-dir", str(tmp_path / "d")]
    added = subprocess.run(
        [*command, "users", "add", "maria", "--role", "administrator"],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
        cwd=tmp_path,  # the installed package, not the checkout
    )
    assert added.returncode == 0, added.stderr
    listed = subprocess.run(
        [*command, "users", "list"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
        cwd=tmp_path,  # the installed package, not the checkout
    )
    assert "maria" in listed.stdout and PASSWORD not in listed.stdout + listed.stderr
