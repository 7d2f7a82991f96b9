"""``clinic-app settings``: show or change the idle lock time and the backups kept."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from clinic_app.commands import EXIT_OK, EXIT_REJECTED
from clinic_app.config import AppConfig


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "settings", parents=[common], help="show or change the idle lock and backup settings"
    )
    parser.add_argument("--idle-lock-minutes", type=int, default=None, metavar="N")
    parser.add_argument("--backups-kept", type=int, default=None, metavar="N")
    parser.set_defaults(handler=run)


def run(config: AppConfig, args: argparse.Namespace) -> int:
    from clinic_app.db import Database
    from clinic_app.services.errors import ValidationError
    from clinic_app.services.security.identity import Actor
    from clinic_app.services.settings import app_settings

    changes = {
        app_settings.IDLE_LOCK_MINUTES: args.idle_lock_minutes,
        app_settings.BACKUPS_KEPT: args.backups_kept,
    }
    database = Database(config.db_url)
    try:
        with database.session() as session:
            for key, value in changes.items():
                if value is not None:
                    app_settings.set_value(session, Actor.from_os(), key, value)
            values = app_settings.all_values(session)
    except ValidationError as exc:
        print(f"clinic-app: {exc} Nothing was changed.", file=sys.stderr)
        return EXIT_REJECTED
    finally:
        database.close()
    for key, value in values.items():
        print(f"{key} = {value}  ({app_settings.SPECS[key].label})")
    return EXIT_OK
