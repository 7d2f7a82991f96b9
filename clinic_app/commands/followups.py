"""``clinic-app followups``: the contacts due after treatment sessions.

``--due [--date YYYY-MM-DD]`` lists the open follow-ups due that day and the overdue ones;
``--patient N`` lists a patient's follow-ups, and with ``--ics FILE`` writes the open ones due
from today on as a calendar file (whole or not at all; ``-`` writes to standard output).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from clinic_app.commands import EXIT_FAILURE, EXIT_OK, EXIT_REJECTED, calendar_date, record_id
from clinic_app.config import AppConfig


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "followups", parents=[common], help="follow-ups due, or a patient's as a calendar file"
    )
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--due", action="store_true", help="the open follow-ups due on the day, and overdue ones"
    )
    which.add_argument("--patient", type=record_id, metavar="N", help="a patient's follow-ups")
    parser.add_argument(
        "--date", type=calendar_date, metavar="YYYY-MM-DD", help="with --due: the day (today)"
    )
    parser.add_argument(
        "--ics",
        metavar="FILE",
        help="with --patient: write the open follow-ups from today on as .ics",
    )
    parser.set_defaults(handler=run)


def _fail(message: str, status: int) -> int:
    print(f"clinic-app followups: {message}", file=sys.stderr)
    return status


def run(config: AppConfig, args: argparse.Namespace) -> int:
    if args.due and args.ics:
        return _fail("--ics goes with --patient N, not with --due", EXIT_REJECTED)
    if args.patient and args.date:
        return _fail("--date goes with --due, not with --patient", EXIT_REJECTED)
    from pathlib import Path

    from clinic_app.db import Database
    from clinic_app.domain.followups.followup_schedule import FollowUpFileError, load_schedule
    from clinic_app.services.errors import NotFoundError
    from clinic_app.services.followups import calendar_export, followups
    from clinic_app.services.safe_files import FileSaveError
    from clinic_app.services.security.identity import Actor

    try:
        schedule = load_schedule(config.data_dir)
    except FollowUpFileError as exc:
        return _fail(str(exc), EXIT_FAILURE)
    database = Database(config.db_url)
    try:
        with database.session() as session:
            if args.due:
                day = args.date or dt.date.today()
                _print_due(followups.due(session, day, schedule), day)
                return EXIT_OK
            if not args.ics:
                items = followups.of_patient(session, args.patient, schedule)
                _print_patient(items)
                return EXIT_OK
            if args.ics == "-":
                data = calendar_export.patient_calendar(session, args.patient, schedule)
                sys.stdout.buffer.write(data)
                sys.stdout.buffer.flush()
                return EXIT_OK
            count = calendar_export.export_patient_calendar(
                session, Actor.from_os(), args.patient, schedule, Path(args.ics)
            )
        print(f"{count} follow-ups written to {args.ics}", file=sys.stderr)
        return EXIT_OK
    except (NotFoundError, calendar_export.NoFollowUpsError) as exc:
        return _fail(str(exc), EXIT_REJECTED)
    except (FileSaveError, calendar_export.ClinicDetailsMissingError) as exc:
        return _fail(str(exc), EXIT_FAILURE)
    finally:
        database.close()


def _print_due(items: list[Any], day: dt.date) -> None:
    if not items:
        print(f"No follow-ups due on {day.isoformat()} or before.", file=sys.stderr)
        return
    for item in items:
        late = (day - item.due_on).days
        when = f"overdue {late} d" if late > 0 else "today"
        if item.attempts:
            when += f", {item.attempts}x"
        print(
            f"{item.due_on.isoformat()}  {when:<13}  #{item.id:<5}  patient #{item.patient_id:<5}"
            f"  {item.patient_name}  {item.label}"
        )


def _print_patient(items: list[Any]) -> None:
    if not items:
        print("No follow-ups: they are planned when a session is signed.", file=sys.stderr)
    for item in items:
        state = item.outcome or "open"
        if item.attempts:
            state += f" (not reached {item.attempts}x)"
        done = f" {item.done_at.date().isoformat()} {item.done_by}" if item.done_at else ""
        note = f"  ({item.note})" if item.note else ""
        print(f"{item.due_on.isoformat()}  #{item.id:<5}  {state}{done}  {item.label}{note}")
