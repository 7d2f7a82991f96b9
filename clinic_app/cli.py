"""The ``clinic-app`` command: the window by default, sub-commands for work without a screen.

Every sub-command accepts ``--data-dir`` and ``--db-url`` before or after its own arguments.
Exit status: 0 success, 1 the database or a file could not be opened, 2 rejected input.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from clinic_app import __version__
from clinic_app.commands import EXIT_FAILURE
from clinic_app.config import resolve_config

# Modules under clinic_app.commands, in the order --help lists them.
COMMAND_MODULES = (
    "audit",
    "backup",
    "demo",
    "devices",
    "handout",
    "import_patients",
    "patients",
    "restore",
    "rules",
    "screen",
    "settings",
    "users",
)


def _location_options(parser: argparse.ArgumentParser, *, default: object) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="folder of the database, drafts and backups (env CLINIC_APP_DATA_DIR)",
    )
    parser.add_argument(
        "--db-url",
        metavar="URL",
        default=default,
        help="database URL, e.g. postgresql://user:pw@server/clinic (env CLINIC_APP_DB_URL)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The command line: options, sub-commands and their help."""
    parser = argparse.ArgumentParser(
        prog="clinic-app",
        description="Consultations, laser session records and care handouts for CO2 "
        "resurfacing. Without a sub-command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"clinic-app {__version__}")
    _location_options(parser, default=None)
    # Sub-commands repeat the options; SUPPRESS keeps a value given before the sub-command.
    common = argparse.ArgumentParser(add_help=False)
    _location_options(common, default=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"clinic_app.commands.{name}").add_parser(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    config = resolve_config(args.data_dir, args.db_url)
    from clinic_app.db import DatabaseUnavailableError

    try:
        if args.command is None:
            from clinic_app.ui.app import run_gui

            return run_gui(config)
        return int(args.handler(config, args))
    except DatabaseUnavailableError as exc:
        print(f"clinic-app: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except BrokenPipeError:
        # The reader went away (e.g. `clinic-app patients | head`): not an error of ours.
        # Point stdout at devnull so that the interpreter's final flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILURE
