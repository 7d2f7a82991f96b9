"""``clinic-app clinic show|set``: the clinic's letterhead details, without the window.

A PC can be prepared before anyone signs in: ``set`` validates exactly as the window's dialog
does (services.settings.clinic.validate_details), changes only the options given, and audits the
change; a wrong value names its option and nothing is written."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path
from typing import Any

from clinic_app.commands import EXIT_FAILURE, EXIT_OK, EXIT_REJECTED
from clinic_app.config import AppConfig

# The option that sets each field, so a refusal names what the person typed.
OPTION_OF = {
    "name": "--name",
    "phone": "--phone",
    "address": "--address",
    "email": "--email",
    "paper_size": "--paper-size",
    "logo": "--logo",
}


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "clinic", parents=[common], help="show or change the clinic's letterhead details"
    )
    actions = parser.add_subparsers(dest="clinic_action", metavar="ACTION", required=True)
    show = actions.add_parser("show", parents=[common], help="print the clinic's details")
    show.set_defaults(handler=run_show)
    change = actions.add_parser(
        "set", parents=[common], help="change the details given; the others stay as they are"
    )
    change.add_argument("--name", metavar="TEXT")
    change.add_argument("--phone", metavar="TEXT")
    change.add_argument("--address", metavar="TEXT", help="use \\n for a new line")
    change.add_argument("--email", metavar="TEXT")
    change.add_argument("--paper-size", metavar="SIZE", help="A4 or Letter")
    logo = change.add_mutually_exclusive_group()
    logo.add_argument("--logo", metavar="FILE", type=Path, help="a PNG or JPEG under 2 MB")
    logo.add_argument("--no-logo", action="store_true", help="remove the logo")
    change.set_defaults(handler=run_set)


def run_show(config: AppConfig, args: argparse.Namespace) -> int:
    from clinic_app.db import Database
    from clinic_app.services.settings import clinic

    database = Database(config.db_url)
    try:
        with database.session() as session:
            stored = clinic.load(session)
            details = clinic.details_of(stored) if stored is not None else None
    finally:
        database.close()
    if details is None:
        print(
            "The clinic's details are not entered yet: 'clinic-app clinic set --name ... "
            "--phone ...' or the window's first start asks for them.",
            file=sys.stderr,
        )
        return EXIT_FAILURE
    print(f"name       = {details.name}")
    print(f"phone      = {details.phone}")
    print(f"address    = {details.address}".replace("\n", "\n             "))
    print(f"email      = {details.email}")
    print(f"paper size = {details.paper_size}")
    if details.logo:
        print(f"logo       = {details.logo_filename or 'image'} ({len(details.logo) // 1024} KB)")
    else:
        print("logo       = (none)")
    return EXIT_OK


def _changes(args: argparse.Namespace, logo_limit: int) -> dict[str, object]:
    """The fields the options name; a logo file is read up to one byte over ``logo_limit``
    (enough to refuse it without reading a huge file whole)."""
    changes: dict[str, object] = {}
    for field in ("name", "phone", "email"):
        if getattr(args, field) is not None:
            changes[field] = getattr(args, field)
    if args.address is not None:
        changes["address"] = args.address.replace("\\n", "\n")
    if args.paper_size is not None:
        sizes = {"a4": "A4", "letter": "Letter"}
        changes["paper_size"] = sizes.get(args.paper_size.strip().lower(), args.paper_size)
    if args.no_logo:
        changes.update(logo=None, logo_filename="")
    elif args.logo is not None:
        with args.logo.open("rb") as image:
            changes.update(logo=image.read(logo_limit + 1), logo_filename=args.logo.name)
    return changes


def run_set(config: AppConfig, args: argparse.Namespace) -> int:
    from clinic_app.db import Database
    from clinic_app.services.errors import StaleRecordError, ValidationError
    from clinic_app.services.security.identity import Actor
    from clinic_app.services.settings import clinic

    try:
        changes = _changes(args, clinic.LOGO_MAX_BYTES)
    except OSError as exc:
        print(
            f"clinic-app clinic: --logo: cannot read {args.logo}: {exc.strerror}.", file=sys.stderr
        )
        return EXIT_REJECTED
    if not changes:
        print("clinic-app clinic set: give at least one option (see --help).", file=sys.stderr)
        return EXIT_REJECTED
    database = Database(config.db_url)
    try:
        with database.session() as session:
            stored = clinic.load(session)
            base = clinic.details_of(stored) if stored is not None else clinic.ClinicDetails("", "")
            details = dataclasses.replace(base, **changes)  # type: ignore[arg-type]
            clinic.save(
                session,
                Actor.from_os(),
                details,
                stored.version if stored is not None else None,
                expect_new=stored is None,
            )
    except ValidationError as exc:
        for field, message in exc.errors.items():
            print(f"clinic-app clinic: {OPTION_OF.get(field, field)}: {message}", file=sys.stderr)
        print("Nothing was changed.", file=sys.stderr)
        return EXIT_REJECTED
    except StaleRecordError:
        print(
            "clinic-app clinic: another workstation changed the clinic's details meanwhile; "
            "nothing was changed. Run the command again.",
            file=sys.stderr,
        )
        return EXIT_REJECTED
    finally:
        database.close()
    given = ", ".join(OPTION_OF[field] for field in changes if field in OPTION_OF)
    print(f"Saved the clinic's details ({given}).")
    return EXIT_OK
