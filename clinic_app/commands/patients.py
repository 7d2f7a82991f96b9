"""``clinic-app patients``: list patients, optionally filtered, as a table or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from clinic_app.commands import EXIT_OK
from clinic_app.config import AppConfig

PAGE = 1000


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("patients", parents=[common], help="list patients")
    parser.add_argument("--search", default="", metavar="TEXT", help="name, birth date, phone")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--archived", action="store_true", help="include archived patients")
    parser.set_defaults(handler=run)


def run(config: AppConfig, args: argparse.Namespace) -> int:
    from clinic_app.db import Database
    from clinic_app.services.patients import patient_search, patients, search_index
    from clinic_app.services.security import audit
    from clinic_app.services.security.identity import Actor

    database = Database(config.db_url)
    rows: list[patient_search.PatientRow] = []
    try:
        with database.session() as session:  # terms stored by an older release (docs/search.md)
            search_index.refresh(session)
        with database.session() as session:
            after = None
            while True:
                page = patients.find(
                    session, args.search, limit=PAGE, after=after, include_archived=args.archived
                )
                rows.extend(page)
                if len(page) < PAGE:
                    break
                after = page[-1]
            audit.record(  # names and birth dates leave the app: an export
                session, Actor.from_os(), "export", "patient", None, f"{len(rows)} patients listed"
            )
    finally:
        database.close()
    if args.json:
        data = [
            {
                "id": row.id,
                "first_name": row.first_name,
                "last_name": row.last_name,
                "date_of_birth": row.date_of_birth.isoformat(),
                "archived": row.archived,
            }
            for row in rows
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    for row in rows:
        flag = "  (archived)" if row.archived else ""
        born = row.date_of_birth.isoformat()
        print(f"{row.id:>7}  {born}  {row.last_name}, {row.first_name}{flag}")
    print(f"{len(rows)} patients", file=sys.stderr)
    return EXIT_OK
