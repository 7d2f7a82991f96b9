"""``clinic-app restore FILE [--yes]``: check a backup, keep a safety copy, then restore it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from clinic_app.commands import EXIT_FAILURE, EXIT_OK, EXIT_REJECTED
from clinic_app.config import AppConfig


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "restore",
        parents=[common],
        help="restore the database from a backup (SQLite; PostgreSQL: pg_restore)",
        description="Checks the file first (checksum, integrity, schema). The current database "
        "is kept in DATA_DIR/backups/before-restore/. Close the app on this computer first.",
    )
    parser.add_argument("file", metavar="FILE", help="a backup made by clinic-app backup")
    parser.add_argument("--yes", action="store_true", help="do not ask before replacing")
    parser.set_defaults(handler=run)


def _confirmed(db_path: Path) -> bool:
    if sys.stdin is None or not sys.stdin.isatty():
        print("clinic-app: add --yes to replace the database without a question.", file=sys.stderr)
        return False
    answer = input(f"Replace the database {db_path} with this backup? [y/N] ")
    return answer.strip().lower() in ("y", "yes")


def run(config: AppConfig, args: argparse.Namespace) -> int:
    from clinic_app.commands.backup import sqlite_file
    from clinic_app.services import backup, backup_jobs
    from clinic_app.services.security.identity import Actor

    db_path = sqlite_file(config)
    if db_path is None:
        return EXIT_FAILURE
    try:
        info = backup.inspect(Path(args.file).expanduser())
    except backup.BackupError as exc:
        print(f"clinic-app: {exc} Nothing was changed.", file=sys.stderr)
        return EXIT_REJECTED
    print(
        f"{info.path}: intact; {info.patients} patients, {info.events} audit events, "
        f"schema {info.revision}, saved {info.modified_at.astimezone():%Y-%m-%d %H:%M}."
    )
    if not args.yes and not _confirmed(db_path):
        print("Nothing was changed.")
        return EXIT_REJECTED
    try:
        result = backup_jobs.restore(
            config.db_url, Actor.from_os(), info.path, db_path, config.data_dir
        )
    except backup.BackupError as exc:
        print(f"clinic-app: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    kept = f" The previous database was kept as {result.safety_copy}." if result.safety_copy else ""
    print(f"Restored {db_path} from {info.path} ({result.restored.describe()}).{kept}")
    return EXIT_OK
