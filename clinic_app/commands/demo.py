"""``clinic-app demo``: add realistic demo patients."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from clinic_app.commands import EXIT_OK, bounded_int
from clinic_app.config import AppConfig

MAX_DEMO_PATIENTS = 500_000  # 100 000 take some minutes with their sessions


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("demo", parents=[common], help="add realistic demo patients")
    parser.add_argument(
        "--patients",
        type=bounded_int(1, MAX_DEMO_PATIENTS),
        default=1000,
        metavar="N",
        help=f"how many (1 to {MAX_DEMO_PATIENTS}; default 1000)",
    )
    parser.add_argument(
        "--seed",
        type=bounded_int(0, 2**63 - 1),
        default=2026,
        help="same seed, same patients",
    )
    parser.add_argument(
        "--if-empty", action="store_true", help="only when no patient is registered yet"
    )
    parser.add_argument(
        "--sessions",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="give each new patient a completed consultation and 1-3 signed sessions",
    )
    parser.set_defaults(handler=run)


def run(config: AppConfig, args: argparse.Namespace) -> int:
    from clinic_app.db import Database
    from clinic_app.services.demo import demo, demo_history
    from clinic_app.services.patients import patients
    from clinic_app.services.security.identity import Actor

    database = Database(config.db_url)
    try:
        with database.session() as session:
            existing = patients.count(session, include_archived=True)
            if args.if_empty and existing:
                print(
                    f"{existing} patients already registered in {database.description}; "
                    "no demo patients added."
                )
                return EXIT_OK

            def progress(done: int, total: int, what: str = "") -> None:
                line = f"\r{done}/{total} demo patients {what}".rstrip()
                print(line, end="", file=sys.stderr, flush=True)

            first_new = demo_history.last_patient_id(session)
            added = demo.seed_patients(
                session,
                Actor.from_os(),
                args.patients,
                seed=args.seed + existing,
                progress=progress,
            )
            if args.sessions:
                history = demo_history.seed_history(
                    session,
                    Actor.from_os(),
                    since_id=first_new,
                    seed=args.seed + existing,
                    progress=lambda done, total: progress(done, total, "with their sessions"),
                )
                print(f"; {history.sessions} signed sessions", end="", file=sys.stderr)
        print(file=sys.stderr)
        print(f"Added {added} demo patients to {database.description} ({existing + added} in all).")
        return EXIT_OK
    finally:
        database.close()
