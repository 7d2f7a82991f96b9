"""``clinic-app patients``: list patients, optionally filtered, as a table or JSON.

A page of ``--limit`` rows (50 unless told) is printed, and a line on standard error says how
many more match, so ``--search e`` among 100 000 patients answers at once (``--all`` lists all)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from clinic_app.commands import EXIT_OK, positive_int
from clinic_app.config import AppConfig

PAGE = 1000
DEFAULT_LIMIT = 50


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("patients", parents=[common], help="list patients")
    parser.add_argument("--search", default="", metavar="TEXT", help="name, birth date, phone")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--archived", action="store_true", help="include archived patients")
    shown = parser.add_mutually_exclusive_group()
    shown.add_argument(
        "--limit",
        type=positive_int,
        default=DEFAULT_LIMIT,
        metavar="N",
        help=f"print at most N patients (default {DEFAULT_LIMIT})",
    )
    shown.add_argument("--all", action="store_true", help="print every matching patient")
    parser.set_defaults(handler=run)


def run(config: AppConfig, args: argparse.Namespace) -> int:
    from clinic_app.db import Database
    from clinic_app.services.patients import patient_search, patients, search_index
    from clinic_app.services.security import audit
    from clinic_app.services.security.identity import Actor

    database = Database(config.db_url)
    rows: list[patient_search.PatientRow] = []
    wanted = None if args.all else args.limit
    more = 0
    languages: dict[int, str] = {}
    try:
        with database.session() as session:  # terms stored by an older release (docs/search.md)
            search_index.refresh(session)
        with database.session() as session:
            after = None
            while wanted is None or len(rows) < wanted:
                size = PAGE if wanted is None else min(PAGE, wanted - len(rows))
                page = patients.find(
                    session, args.search, limit=size, after=after, include_archived=args.archived
                )
                rows.extend(page)
                if len(page) < size:
                    break
                after = page[-1]
            if wanted is not None and len(rows) == wanted:
                matching = patients.count(session, args.search, include_archived=args.archived)
                more = max(matching - len(rows), 0)
            languages = patients.languages_of(session, [row.id for row in rows])
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
                "language": languages.get(row.id, "en"),
                "archived": row.archived,
            }
            for row in rows
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        if more:
            print(_summary(len(rows), more), file=sys.stderr)
        return EXIT_OK
    for row in rows:
        flag = "  (archived)" if row.archived else ""
        born = row.date_of_birth.isoformat()
        language = languages.get(row.id, "en")
        reads = f"  [{language}]" if language != "en" else ""  # handouts in another language
        print(f"{row.id:>7}  {born}  {row.last_name}, {row.first_name}{reads}{flag}")
    print(_summary(len(rows), more), file=sys.stderr)
    return EXIT_OK


def _summary(shown: int, more: int) -> str:
    """The count line under the table: what was printed and how many more match."""
    if not more:
        return f"{shown} patients"
    return (
        f"{shown} patients shown; {more:,} more match "
        "(narrow the search, or use --limit N or --all to print more)"
    )
