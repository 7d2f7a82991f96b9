"""``clinic-app handout``: print a patient's pre-care or post-care handout to a PDF file.

Every handout written is recorded in the database (kind, template version, SHA-256, who, when)
and ``handout reprint`` writes a recorded one again, byte for byte.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clinic_app.commands import EXIT_FAILURE, EXIT_OK, EXIT_REJECTED, record_id, within_calendar
from clinic_app.commands.pdf_output import write_pdf
from clinic_app.config import AppConfig
from clinic_app.domain.care.care_kinds import INTENSITIES

if TYPE_CHECKING:
    from clinic_app.services.handouts.handout_requests import HandoutRequest

EPILOG = (
    "The handout is recorded in the database and can be printed again identically with "
    "'clinic-app handout reprint --document ID'. The clinic's details (name, phone) must have "
    "been entered in the app first. Exit status: 0 written, 1 the database, the clinic's "
    "details, the care content or the file could not be used, 2 rejected input (unknown id, "
    "bad date, a character the handout font cannot print)."
)


def iso_date(text: str) -> dt.date:
    """argparse type: a date written YYYY-MM-DD."""
    from clinic_app.domain.patient_rules import parse_iso_date

    try:
        day = parse_iso_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return within_calendar(day)


def clock_time(text: str) -> dt.time:
    """argparse type: a time of day written HH:MM."""
    try:
        return dt.time.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text.strip()}' is not a time; write it as HH:MM, e.g. 09:30"
        ) from None


def appointment(text: str) -> dt.datetime | dt.date:
    """argparse type: "YYYY-MM-DD" or "YYYY-MM-DD HH:MM"."""
    cleaned = text.strip()
    try:
        when: dt.datetime | dt.date = (
            dt.date.fromisoformat(cleaned)
            if len(cleaned) <= 10
            else dt.datetime.fromisoformat(cleaned)
        )
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{cleaned}' is not a date and time; write it as YYYY-MM-DD or 'YYYY-MM-DD HH:MM'"
        ) from None
    within_calendar(when.date() if isinstance(when, dt.datetime) else when)
    return when


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "handout",
        parents=[common],
        help="write a pre-care or post-care handout (PDF)",
        description="Write a patient's personalised pre-care or post-care handout as PDF.",
        epilog=EPILOG,
    )
    kinds = parser.add_subparsers(dest="handout_kind", metavar="KIND", required=True)

    pre = kinds.add_parser(
        "pre-care",
        parents=[common],
        help="what to do before the treatment, dated from the treatment day",
        epilog=EPILOG,
    )
    pre.add_argument("--patient", type=record_id, required=True, metavar="ID")
    pre.add_argument(
        "--treatment-date",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="the planned treatment day (default: the date planned by the latest consultation)",
    )
    pre.add_argument("--treatment-time", type=clock_time, metavar="HH:MM")
    _override_option(pre)
    _output_option(pre)
    pre.set_defaults(handler=run_pre_care)

    post = kinds.add_parser(
        "post-care",
        parents=[common],
        help="the day-by-day recovery calendar after a treatment",
        description="Either --session ID (a recorded treatment session), or --patient ID with "
        "--treatment-date (uses the patient's latest consultation where there is one, generic "
        "content otherwise).",
        epilog=EPILOG,
    )
    post.add_argument("--session", type=record_id, metavar="ID")
    post.add_argument("--patient", type=record_id, metavar="ID")
    post.add_argument("--treatment-date", type=iso_date, metavar="YYYY-MM-DD")
    post.add_argument(
        "--intensity",
        choices=INTENSITIES,
        help="with --patient: the treatment's intensity (default: the plan's, else moderate)",
    )
    post.add_argument(
        "--next-appointment",
        type=appointment,
        metavar="'YYYY-MM-DD HH:MM'",
        help="print the next appointment",
    )
    _override_option(post)
    _output_option(post)
    post.set_defaults(handler=run_post_care)

    again = kinds.add_parser(
        "reprint",
        parents=[common],
        help="write a recorded handout again, byte for byte",
        epilog=EPILOG,
    )
    again.add_argument("--document", type=record_id, required=True, metavar="ID")
    _output_option(again)
    again.set_defaults(handler=run_reprint)

    listing = kinds.add_parser(
        "list", parents=[common], help="list a patient's recorded handouts", epilog=EPILOG
    )
    listing.add_argument("--patient", type=record_id, required=True, metavar="ID")
    listing.set_defaults(handler=run_list)


def _override_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--override-reason",
        metavar="TEXT",
        help="the patient's latest consultation does not clear them (e.g. not a candidate): "
        "record this reason, audited and never printed, and write the handout anyway",
    )


def _output_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="where to write the PDF ('-' for standard output; default: a name such as "
        "pre-care-12-2026-12-01.pdf in the current folder)",
    )


def _fail(message: str, status: int) -> int:
    print(f"clinic-app handout: {message}", file=sys.stderr)
    return status


def _produce(config: AppConfig, args: argparse.Namespace, request: HandoutRequest) -> int:
    """Make the requested handout (services/handouts/handout_requests.make) and write it; one
    transaction: a PDF that cannot be written leaves nothing recorded."""
    from clinic_app.db import Database
    from clinic_app.domain.care.care_file import CareContentError
    from clinic_app.reports.fonts import UnsupportedCharacterError
    from clinic_app.reports.handouts.handouts import HandoutRenderError
    from clinic_app.services.clinical.gates import GateClosedError
    from clinic_app.services.errors import NotFoundError, ValidationError
    from clinic_app.services.handouts import handout_requests, handouts
    from clinic_app.services.security.identity import Actor

    database = Database(config.db_url)
    try:
        with database.session() as session:
            made = handout_requests.make(
                session,
                Actor.from_os(),
                request,
                override_reason=getattr(args, "override_reason", None) or "",
                data_dir=config.data_dir,
            )
            handout = made.handout
            output = args.output or made.suggested_filename
            write_pdf(handout.pdf, output)  # an error here rolls the record back
    except GateClosedError as exc:
        return _fail(
            f"{exc} From the command line: --override-reason 'what was checked and why it is "
            "safe'.",
            EXIT_REJECTED,
        )
    except (NotFoundError, ValidationError, UnsupportedCharacterError) as exc:
        return _fail(str(exc), EXIT_REJECTED)
    except (handouts.ClinicNotConfiguredError, CareContentError, HandoutRenderError) as exc:
        return _fail(str(exc), EXIT_FAILURE)
    except OSError as exc:
        return _fail(
            f"cannot write {args.output or 'the PDF'}: {exc.strerror or exc}", EXIT_FAILURE
        )
    finally:
        database.close()
    info = handout.info
    if made.overridden:
        names = ", ".join(gate.value.replace("_", " ") for gate in made.overridden)
        print(f"Override recorded for patient #{info.patient_id}: {names}.", file=sys.stderr)
    if made.language_notice:
        print(f"clinic-app handout: warning: {made.language_notice}", file=sys.stderr)
    where = "standard output" if output == "-" else str(Path(output).resolve())
    print(
        f"Wrote the {info.kind.replace('_', '-')} handout of patient #{info.patient_id} to "
        f"{where} (document #{info.id}, template {info.template_version}, "
        f"sha256 {info.sha256}).",
        file=sys.stderr if output == "-" else sys.stdout,
    )
    return EXIT_OK


def run_pre_care(config: AppConfig, args: argparse.Namespace) -> int:
    from clinic_app.services.handouts.handout_requests import HandoutRequest

    request = HandoutRequest.pre_care(args.patient, args.treatment_date, args.treatment_time)
    return _produce(config, args, request)


def run_post_care(config: AppConfig, args: argparse.Namespace) -> int:
    from clinic_app.services.handouts.handout_requests import HandoutRequest

    if args.session is not None:
        if args.patient is not None or args.treatment_date is not None or args.intensity:
            return _fail(
                "--session takes the patient, date and intensity from the recorded session; "
                "leave out --patient, --treatment-date and --intensity.",
                EXIT_REJECTED,
            )
        request = HandoutRequest.post_care_for_session(
            args.session, next_appointment=args.next_appointment
        )
        return _produce(config, args, request)
    if args.patient is None or args.treatment_date is None:
        return _fail(
            "give either --session ID, or --patient ID together with --treatment-date YYYY-MM-DD.",
            EXIT_REJECTED,
        )
    request = HandoutRequest.post_care(
        args.patient, args.treatment_date, args.intensity, next_appointment=args.next_appointment
    )
    return _produce(config, args, request)


def run_reprint(config: AppConfig, args: argparse.Namespace) -> int:
    from clinic_app.db import Database
    from clinic_app.services.errors import NotFoundError
    from clinic_app.services.handouts import handout_documents
    from clinic_app.services.security.identity import Actor

    database = Database(config.db_url)
    try:
        with database.session() as session:
            handout = handout_documents.reprint(session, Actor.from_os(), args.document)
            info = handout.info
            output = args.output or f"{info.kind.replace('_', '-')}-document-{info.id}.pdf"
            write_pdf(handout.pdf, output)
    except NotFoundError as exc:
        return _fail(str(exc), EXIT_REJECTED)
    except handout_documents.DocumentIntegrityError as exc:
        return _fail(str(exc), EXIT_FAILURE)
    except OSError as exc:
        return _fail(
            f"cannot write {args.output or 'the PDF'}: {exc.strerror or exc}", EXIT_FAILURE
        )
    finally:
        database.close()
    where = "standard output" if output == "-" else str(Path(output).resolve())
    print(
        f"Wrote document #{info.id} again to {where} (sha256 {info.sha256}, identical).",
        file=sys.stderr if output == "-" else sys.stdout,
    )
    return EXIT_OK


def run_list(config: AppConfig, args: argparse.Namespace) -> int:
    from clinic_app.db import Database
    from clinic_app.services.errors import NotFoundError
    from clinic_app.services.handouts import handout_documents
    from clinic_app.services.patients import patients

    database = Database(config.db_url)
    try:
        with database.session() as session:
            patients.get(session, args.patient)
            rows = handout_documents.documents_of(session, args.patient)
    except NotFoundError as exc:
        return _fail(str(exc), EXIT_REJECTED)
    finally:
        database.close()
    for row in rows:
        made = row.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        print(f"{row.id:>7}  {made}  {row.kind:<10} {row.template_version}  {row.sha256[:16]}")
    print(f"{len(rows)} handouts", file=sys.stderr)
    return EXIT_OK
