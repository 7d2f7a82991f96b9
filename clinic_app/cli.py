"""The ``clinic-app`` command: the window by default, sub-commands for work without a screen.

Every sub-command accepts ``--data-dir`` and ``--db-url`` before or after its own arguments.
Exit status: 0 success, 1 the database or a file could not be opened, 2 rejected input.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Callable, Sequence

from clinic_app import __version__
from clinic_app.commands import EXIT_FAILURE
from clinic_app.config import AppConfig, resolve_config

# Modules under clinic_app.commands, in the order --help lists them.
COMMAND_MODULES = (
    "audit",
    "backup",
    "clinic",
    "consent",
    "demo",
    "devices",
    "followups",
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


def window_config(argv: Sequence[str]) -> AppConfig | None:
    """The configuration of a start of the window, or None when ``argv`` asks for more.

    The window takes only ``--data-dir`` and ``--db-url`` (as ``--name value`` or
    ``--name=value``). For those, building the full parser would import and set up every
    sub-command's, some 20 ms of each start; anything else (a sub-command, ``--help``,
    ``--version``, an abbreviation, a mistake) goes to :func:`build_parser`, which gives the same
    result for these two options and the usual help and messages for the rest.
    """
    values: dict[str, str] = {}
    items = iter(argv)
    for item in items:
        name, equals, value = item.partition("=")
        if name not in ("--data-dir", "--db-url"):
            return None
        if not equals:
            following = next(items, None)
            if following is None or following.startswith("-"):
                return None  # argparse's message ("expected one argument")
            value = following
        values[name] = value
    return resolve_config(values.get("--data-dir"), values.get("--db-url"))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    config = window_config(arguments)
    if config is None:
        args = build_parser().parse_args(arguments)
        config = resolve_config(args.data_dir, args.db_url)
        if args.command is not None:
            return _exit_status(lambda: int(args.handler(config, args)), config)
    # The window's start creates many long-lived objects and little garbage: the cyclic garbage
    # collector is paused from here, before the imports, until the window is shown
    # (clinic_app.ui.app.start), which saves some 70 ms of collections (docs/startup.md).
    gc.disable()
    try:
        return _exit_status(lambda: _run_window(config), config)
    finally:
        gc.enable()  # already on again, unless the start failed before the window


def _unreadable_file(exc: RecursionError | ValueError, config: AppConfig | None) -> int:
    """A content file the loaders let through as RecursionError or ValueError (nested too deep,
    a 5000-digit number, not UTF-8) named with a message; any other such error is a bug."""
    from clinic_app.content import unreadable_content

    message = unreadable_content(config.data_dir if config else None)
    if message:
        print(f"clinic-app: {message}", file=sys.stderr)
        return EXIT_FAILURE
    if isinstance(exc, RecursionError):
        print(
            "clinic-app: a file given to this command is nested too deeply to be read (lists "
            "or objects inside each other hundreds of times); nothing was changed.",
            file=sys.stderr,
        )
        return EXIT_FAILURE
    raise exc


def _run_window(config: AppConfig) -> int:
    from clinic_app.ui.app import run_gui

    return run_gui(config)


def _exit_status(command: Callable[[], int], config: AppConfig | None = None) -> int:
    """``command()``, or the exit status of a database that cannot be opened, a content file
    that cannot be read, or a closed pipe."""
    from clinic_app.db import DatabaseUnavailableError

    try:
        return command()
    except DatabaseUnavailableError as exc:
        print(f"clinic-app: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except (RecursionError, ValueError) as exc:  # UnicodeDecodeError is a ValueError
        return _unreadable_file(exc, config)
    except BrokenPipeError:
        # The reader went away (e.g. `clinic-app patients | head`): not an error of ours.
        # Point stdout at devnull so that the interpreter's final flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILURE
