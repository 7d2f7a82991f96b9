"""``clinic-app import-patients FILE.csv``: import patients, listing every row left out."""

from __future__ import annotations

import argparse
import io
import sys
from typing import Any

from clinic_app.commands import EXIT_FAILURE, EXIT_OK, EXIT_REJECTED
from clinic_app.config import AppConfig


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "import-patients",
        parents=[common],
        help="import patients from a CSV file",
        description="Columns: first_name,last_name,date_of_birth (YYYY-MM-DD),phone,email, "
        "and optionally language (en or es; empty: en). "
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
        text = patient_import.read_csv_file(args.file)
    except OSError as exc:
        print(f"clinic-app: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILURE
    except ValidationError as exc:
        print(f"clinic-app: {args.file}: {exc}", file=sys.stderr)
        return EXIT_REJECTED
    database = Database(config.db_url)
    try:
        with database.session() as session:  # one transaction: every valid row, or none
            lines = io.StringIO(text, newline="")
            report = patient_import.import_rows(session, Actor.from_os(), lines)
    except ValidationError as exc:
        print(f"clinic-app: {args.file}: {exc}", file=sys.stderr)
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
