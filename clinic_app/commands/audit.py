"""``clinic-app audit``: verify the audit trail (its hash chain, and its head against the one
noted outside the database), print its head for the clinic to note, list events, or repair a
missing head record deliberately."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from clinic_app.commands import (
    EXIT_FAILURE,
    EXIT_OK,
    EXIT_REJECTED,
    EXIT_TAMPERED,
    calendar_date,
    positive_int,
    record_id,
)
from clinic_app.config import AppConfig


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
        "verify",
        parents=[common],
        help="check that no event was altered or deleted, at the end of the trail too",
    )
    head = actions.add_parser(
        "head",
        parents=[common],
        help="print the newest event's hash and the number of events, for the clinic to note",
    )
    head.add_argument(
        "--accept",
        action="store_true",
        help="note the present head although it does not match the one noted before (after "
        "restoring an older backup outside clinic-app); recorded in the trail",
    )
    actions.add_parser(
        "repair-head",
        parents=[common],
        help="recreate a missing record of the newest event (after checking the trail); "
        "recorded in the trail",
    )
    listing = actions.add_parser("list", parents=[common], help="list events, newest first")
    listing.add_argument("--user", default="", metavar="NAME", help="who acted")
    listing.add_argument("--action", default="", help="e.g. view, create, update, login")
    listing.add_argument("--entity", default="", metavar="TYPE", help="e.g. patient, user")
    listing.add_argument("--id", type=record_id, default=None, metavar="N", help="record number")
    listing.add_argument("--since", type=calendar_date, default=None, metavar="YYYY-MM-DD")
    listing.add_argument(
        "--until", type=calendar_date, default=None, metavar="YYYY-MM-DD", help="inclusive"
    )
    listing.add_argument("--limit", type=positive_int, default=100, metavar="N")
    listing.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(handler=run)


def _local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time()).astimezone()


def run(config: AppConfig, args: argparse.Namespace) -> int:
    from clinic_app.db import Database

    database = Database(config.db_url)
    try:
        if args.audit_command == "repair-head":
            return _repair_head(database)
        if args.audit_command == "head" and args.accept:
            return _accept_head(database, config)
        with database.snapshot() as session:  # one consistent read; writers go on meanwhile
            if args.audit_command == "verify":
                return _verify(session, config)
            if args.audit_command == "head":
                return _head(session, config)
            return _list(session, args)
    finally:
        database.close()


def _verify(session: Any, config: AppConfig) -> int:
    from clinic_app.services.consent import consent_integrity
    from clinic_app.services.security import audit_anchor, audit_trail

    result = audit_trail.verify(session)
    if not result.ok:
        print(f"clinic-app: {result.message}", file=sys.stderr)
        if result.first_bad_id is not None:
            print(f"First bad event: #{result.first_bad_id}", file=sys.stderr)
        return EXIT_TAMPERED
    consents = consent_integrity.verify(session)
    if not consents.ok:
        print(f"clinic-app: {consents.message}", file=sys.stderr)
        return EXIT_TAMPERED
    anchored = audit_anchor.advance(
        session, config.data_dir, audit_anchor.database_key(config.db_url)
    )
    if not anchored.ok:
        print(f"clinic-app: {anchored.message}", file=sys.stderr)
        return EXIT_TAMPERED
    print(result.message)
    print(consents.message)
    print(anchored.message)
    return EXIT_OK


def _head(session: Any, config: AppConfig) -> int:
    from clinic_app.services.security import audit_anchor

    head = audit_anchor.head_of(session)
    anchored = audit_anchor.advance(
        session, config.data_dir, audit_anchor.database_key(config.db_url)
    )
    if head.last_event_id is None:
        print("The audit trail holds no events yet.")
    else:
        print(f"Newest audit event: #{head.last_event_id}")
        print(f"SHA-256: {head.last_hash}")
        print(f"Events: {head.count}")
    if not anchored.ok:
        print(f"clinic-app: {anchored.message}", file=sys.stderr)
        return EXIT_TAMPERED
    return EXIT_OK


def _accept_head(database: Any, config: AppConfig) -> int:
    from clinic_app.services.security import audit_anchor
    from clinic_app.services.security.identity import Actor

    key = audit_anchor.database_key(config.db_url)
    with database.session() as session:
        before, _ = audit_anchor.accept(session, Actor.from_os(), config.data_dir, key)
    with database.snapshot() as session:
        head = audit_anchor.reset(session, config.data_dir, key)
    replaced = before.anchor.head.describe() if before.anchor else "none"
    print(f"Noted the audit trail's head: {head.describe()} (replacing: {replaced}).")
    return EXIT_OK


def _repair_head(database: Any) -> int:
    from clinic_app.services.security import audit, audit_trail
    from clinic_app.services.security.identity import Actor

    try:
        with database.session() as session:
            last_id, last_hash = audit.repair_head(session, Actor.from_os())
    except ValueError as exc:
        print(f"clinic-app: {exc}.", file=sys.stderr)
        return EXIT_FAILURE
    with database.snapshot() as session:
        result = audit_trail.verify(session)
    where = f"event #{last_id} (SHA-256 {last_hash})" if last_id is not None else "the start"
    print(f"The head of the audit trail was recreated at {where}; the repair is in the trail.")
    print(result.message)
    return EXIT_OK if result.ok else EXIT_TAMPERED


def _list(session: Any, args: argparse.Namespace) -> int:
    from clinic_app.services.errors import ValidationError
    from clinic_app.services.security import audit_trail
    from clinic_app.services.security.identity import Actor

    flt = audit_trail.AuditFilter(
        actor=args.user,
        action=args.action,
        entity_type=args.entity,
        entity_id=args.id,
        since=_local_midnight(args.since) if args.since else None,
        until=_local_midnight(args.until + dt.timedelta(days=1)) if args.until else None,
    )
    try:
        rows = audit_trail.export_events(
            session, Actor.from_os(), flt, limit=min(args.limit, audit_trail.MAX_PAGE)
        )
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
