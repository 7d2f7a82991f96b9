"""``clinic-app backup [--output FILE]``: a consistent copy of the SQLite database.

Uses SQLite's online backup API, so it is safe while the app is open. On PostgreSQL it explains
how to use pg_dump instead.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from clinic_app.commands import EXIT_FAILURE, EXIT_OK, EXIT_TAMPERED
from clinic_app.config import AppConfig


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "backup",
        parents=[common],
        help="back up the database (SQLite; PostgreSQL: pg_dump)",
        description="Copy the database consistently, even while the app runs. Default file: "
        "DATA_DIR/backups/clinic-YYYY-MM-DD-HHMMSS.db, with a .sha256 file beside it.",
    )
    parser.add_argument("--output", metavar="FILE", default=None, help="where to write the copy")
    parser.set_defaults(handler=run)


def sqlite_file(config: AppConfig) -> Path | None:
    """The SQLite file of ``config``, or None (after explaining pg_dump) on PostgreSQL."""
    from sqlalchemy import make_url

    from clinic_app.services.backup import PG_ADVICE

    parsed = make_url(config.db_url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        print(f"clinic-app: {PG_ADVICE}", file=sys.stderr)
        return None
    return Path(parsed.database).expanduser().resolve()


def run(config: AppConfig, args: argparse.Namespace) -> int:
    from clinic_app.db import Database
    from clinic_app.services import backup, backup_jobs
    from clinic_app.services.security.identity import Actor

    db_path = sqlite_file(config)
    if db_path is None:
        return EXIT_FAILURE
    folder = backup.backup_dir(config.data_dir)
    destination = Path(args.output).expanduser() if args.output else backup.new_backup_path(folder)
    if not db_path.is_file():
        print(f"clinic-app: There is no database at {db_path} to back up.", file=sys.stderr)
        return EXIT_FAILURE
    database = Database(config.db_url)  # first: a database this version cannot open is left alone
    try:
        done = backup_jobs.back_up(database, Actor.from_os(), destination, config.data_dir)
    except backup.BackupError as exc:
        print(f"clinic-app: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    finally:
        database.close()
    info = done.info
    print(
        f"Backup written to {info.path.resolve()} ({info.describe()}, {info.events} audit "
        f"events; SHA-256 {info.sha256[:16]}…)."
    )
    if not done.anchor.ok:
        print(f"clinic-app: {done.anchor.message}", file=sys.stderr)
        return EXIT_TAMPERED
    return EXIT_OK
