"""``clinic-app audit``: verify the hash chain of the audit trail, or list events."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from clinic_app.commands import EXIT_OK, EXIT_REJECTED, positive_int
from clinic_app.config import AppConfig

EXIT_TAMPERED = 3


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; write YYYY-MM-DD") from None


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "audit",
        parents=[common],
        help="verify or list the audit trail",
        description="verify: recompute the hash chain; exit status 3 names the first bad event. "
        "list: events newest first, filtered.",
    )
    actions = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    actions.add_parser(
        "verify", parents=[common], help="check that no event was altered or deleted"
    )
    listing = actions.add_parser("list", parents=[common], help="list events, newest first")
    listing.add_argument("--user", default="", metavar="NAME", help="who acted")
    listing.add_argument("--action", default="", help="e.g. view, create, update, login")
    listing.add_argument("--entity", default="", metavar="TYPE", help="e.g. patient, user")
    listing.add_argument("--id", type=int, default=None, metavar="N", help="record number")
    listing.add_argument("--since", type=_day, default=None, metavar="YYYY-MM-DD")
    listing.add_argument("--until", type=_day, default=None, metavar="YYYY-MM-DD", help="inclusive")
    listing.add_argument("--limit", type=positive_int, default=100, metavar="N")
    listing.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(handler=run)


def _local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time()).astimezone()


def run(config: AppConfig, args: argparse.Namespace) -> int:
    from clinic_app.db import Database

    database = Database(config.db_url)
    try:
        with database.snapshot() as session:  # one consistent read; writers go on meanwhile
            if args.audit_command == "verify":
                return _verify(session)
            return _list(session, args)
    finally:
        database.close()


def _verify(session: Any) -> int:
    from clinic_app.services.security import audit_trail

    result = audit_trail.verify(session)
    if result.ok:
        print(result.message)
        return EXIT_OK
    print(f"clinic-app: {result.message}", file=sys.stderr)
    if result.first_bad_id is not None:
        print(f"First bad event: #{result.first_bad_id}", file=sys.stderr)
    return EXIT_TAMPERED


def _list(session: Any, args: argparse.Namespace) -> int:
    from clinic_app.services.errors import ValidationError
    from clinic_app.services.security import audit_trail

    flt = audit_trail.AuditFilter(
        actor=args.user,
        action=args.action,
        entity_type=args.entity,
        entity_id=args.id,
        since=_local_midnight(args.since) if args.since else None,
        until=_local_midnight(args.until + dt.timedelta(days=1)) if args.until else None,
    )
    try:
        rows = audit_trail.find_events(session, flt, limit=min(args.limit, audit_trail.MAX_PAGE))
    except ValidationError as exc:
        print(f"clinic-app: {exc}", file=sys.stderr)
        return EXIT_REJECTED
    if args.json:
        data = [
            {
                "id": row.id,
                "occurred_at": row.occurred_at.isoformat(),
                "actor": row.actor,
                "user_id": row.user_id,
                "action": row.action,
                "entity_type": row.entity_type,
                "entity_id": row.entity_id,
                "summary": row.summary,
            }
            for row in rows
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    for row in rows:
        when = row.occurred_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        target = (
            f"{row.entity_type}#{row.entity_id}" if row.entity_id is not None else row.entity_type
        )
        print(f"{row.id:>8}  {when}  {row.actor:<20} {row.action:<13} {target:<24} {row.summary}")
    return EXIT_OK
