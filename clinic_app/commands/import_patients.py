"""``clinic-app import-patients FILE.csv``: import patients, listing every row left out."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from clinic_app.commands import EXIT_FAILURE, EXIT_OK, EXIT_REJECTED
from clinic_app.config import AppConfig


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "import-patients",
        parents=[common],
        help="import patients from a CSV file",
        description="Columns: first_name,last_name,date_of_birth (YYYY-MM-DD),phone,email. "
        "Valid rows are imported together; rejected and duplicate rows are listed. "
        "Exit status 2 when any row was rejected.",
    )
    parser.add_argument("file", metavar="FILE.csv")
    parser.set_defaults(handler=run)


def run(config: AppConfig, args: argparse.Namespace) -> int:
    from clinic_app.db import Database
    from clinic_app.services.errors import ValidationError
    from clinic_app.services.patients import patient_import
    from clinic_app.services.security.identity import Actor

    try:
        handle = open(args.file, encoding="utf-8-sig", newline="")  # noqa: SIM115
    except OSError as exc:
        print(f"clinic-app: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return EXIT_FAILURE
    database = Database(config.db_url)
    try:
        with handle, database.session() as session:
            report = patient_import.import_rows(session, Actor.from_os(), handle)
    except ValidationError as exc:
        print(f"clinic-app: {args.file}: {exc}", file=sys.stderr)
        return EXIT_REJECTED
    except UnicodeDecodeError:
        print(f"clinic-app: {args.file} is not UTF-8 text; save it as CSV UTF-8.", file=sys.stderr)
        return EXIT_REJECTED
    finally:
        database.close()
    for problem in report.rejected:
        print(f"line {problem.line}: rejected: {problem.reason}")
    for problem in report.duplicates:
        print(f"line {problem.line}: skipped duplicate: {problem.reason}")
    print(
        f"Imported {len(report.imported_ids)} patients; {len(report.rejected)} rejected, "
        f"{len(report.duplicates)} duplicates skipped."
    )
    return EXIT_REJECTED if report.rejected else EXIT_OK
