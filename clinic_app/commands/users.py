"""``clinic-app users``: add people who sign in, list them, reset passwords, unlock, disable.

Passwords are read from a prompt (typed twice, not echoed) or, when standard input is not a
terminal, from its first line (for scripts: ``printf '%s\\n' "$PW" | clinic-app users add ...``).
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any

from clinic_app.commands import EXIT_FAILURE, EXIT_OK, EXIT_REJECTED
from clinic_app.config import AppConfig


class PasswordInputError(Exception):
    """The password could not be read, or the two typings differ."""


def read_password(prompt: str = "Password: ") -> str:
    """A new password from the terminal (asked twice) or from the first line of stdin."""
    if sys.stdin is not None and sys.stdin.isatty():
        first = getpass.getpass(prompt)
        if getpass.getpass("Type it again: ") != first:
            raise PasswordInputError("The two passwords differ; nothing was changed.")
        return first
    line = sys.stdin.readline() if sys.stdin is not None else ""
    password = line.removesuffix("\n").removesuffix("\r")
    if not password:
        raise PasswordInputError("No password on standard input; nothing was changed.")
    return password


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "users",
        parents=[common],
        help="add and manage the people who sign in",
        description="Manage users. Passwords come from a prompt, or from the first line of "
        "standard input when it is not a terminal.",
    )
    actions = parser.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", parents=[common], help="add a user")
    add.add_argument("name", metavar="NAME", help="user name used to sign in")
    add.add_argument(
        "--role", required=True, choices=("administrator", "practitioner"), help="what they do"
    )
    add.add_argument("--display-name", default="", metavar="TEXT", help="full name shown")
    listing = actions.add_parser("list", parents=[common], help="list users")
    listing.add_argument("--json", action="store_true", help="print JSON")
    for name, text in (
        ("passwd", "set a new password"),
        ("unlock", "lift a lockout after failed sign-ins"),
        ("disable", "stop a user signing in (the audit trail keeps their name)"),
        ("enable", "let a disabled user sign in again"),
    ):
        action = actions.add_parser(name, parents=[common], help=text)
        action.add_argument("name", metavar="NAME")
    parser.set_defaults(handler=run)


def run(config: AppConfig, args: argparse.Namespace) -> int:
    from clinic_app.db import Database
    from clinic_app.services.errors import ServiceError, ValidationError

    database = Database(config.db_url)
    try:
        with database.session() as session:
            return _dispatch(session, args)
    except PasswordInputError as exc:
        print(f"clinic-app: {exc}", file=sys.stderr)
        return EXIT_REJECTED
    except ValidationError as exc:
        for field, message in exc.errors.items():
            print(f"clinic-app: {field}: {message}", file=sys.stderr)
        return EXIT_REJECTED
    except ServiceError as exc:
        print(f"clinic-app: {exc}", file=sys.stderr)
        return EXIT_REJECTED
    finally:
        database.close()


def _dispatch(session: Any, args: argparse.Namespace) -> int:
    from clinic_app.services.security import users
    from clinic_app.services.security.identity import Actor

    actor = Actor.from_os()
    command = args.users_command
    if command == "list":
        return _list(users.list_all(session), args.json)
    if command == "add":
        password = read_password(f"Password for {args.name}: ")
        info = users.add(session, actor, args.name, args.role, password, args.display_name)
        print(f"Added {info.role} '{info.username}' ({info.display_name}).")
        return EXIT_OK
    user = users.find(session, args.name)
    if user is None:
        print(f"clinic-app: there is no user '{args.name}'.", file=sys.stderr)
        return EXIT_FAILURE
    if command == "passwd":
        users.set_password(
            session, actor, user.id, read_password(f"New password for {user.username}: ")
        )
        print(f"Password of '{user.username}' changed.")
    elif command == "unlock":
        users.unlock(session, actor, user.id)
        print(f"'{user.username}' may sign in again.")
    else:
        users.set_active(session, actor, user.id, command == "enable")
        print(f"'{user.username}' {'enabled' if command == 'enable' else 'disabled'}.")
    return EXIT_OK


def _list(rows: list[Any], as_json: bool) -> int:
    if as_json:
        data = [
            {
                "id": row.id,
                "username": row.username,
                "display_name": row.display_name,
                "role": row.role,
                "active": row.active,
                "locked_until": row.locked_until.isoformat() if row.locked_until else None,
            }
            for row in rows
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    for row in rows:
        state = "" if row.active else "  (disabled)"
        print(f"{row.id:>4}  {row.username:<20} {row.role:<14} {row.display_name}{state}")
    print(f"{len(rows)} users", file=sys.stderr)
    return EXIT_OK
