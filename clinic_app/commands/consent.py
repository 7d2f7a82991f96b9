"""``clinic-app consent --patient N --output consent.pdf``: print the latest signed consent.

The PDF is drawn from the frozen record (the text as signed, both signatures from their
strokes, the SHA-256 in the footer) and written through a partial file, then renamed.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path
from typing import Any

from clinic_app.commands import EXIT_FAILURE, EXIT_OK, EXIT_REJECTED, record_id
from clinic_app.commands.pdf_output import write_pdf
from clinic_app.config import AppConfig


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "consent",
        parents=[common],
        help="print a patient's latest signed informed consent as PDF",
        description="Write the patient's latest signed informed consent as a PDF: the text "
        "as signed, both signatures, the photo choices and the SHA-256 of the record.",
    )
    parser.add_argument("--patient", type=record_id, required=True, metavar="ID")
    parser.add_argument(
        "--output", metavar="FILE", help="where to write the PDF (default consent-<id>.pdf)"
    )
    parser.set_defaults(handler=run)


def _fail(message: str, status: int) -> int:
    print(f"clinic-app: {message}", file=sys.stderr)
    return status


def run(config: AppConfig, args: argparse.Namespace) -> int:
    from clinic_app.db import Database
    from clinic_app.domain.consent.consent_document import (
        ConsentContentError,
        load_document,
    )
    from clinic_app.domain.patient_rules import LANGUAGES
    from clinic_app.reports.inputs import HandoutRenderError, UnsupportedCharacterError
    from clinic_app.services.consent import consent_print
    from clinic_app.services.errors import NotFoundError
    from clinic_app.services.security.identity import Actor

    try:
        document = load_document(data_dir=config.data_dir)
        # Each translation that can be read: the labels of a consent signed in it (even one
        # that has since fallen behind English, which new consents are no longer signed in).
        translations = []
        for language in LANGUAGES:
            if language != "en":
                with contextlib.suppress(ConsentContentError, ValueError):
                    translations.append(load_document(data_dir=config.data_dir, language=language))
    except ConsentContentError as exc:
        return _fail(str(exc), EXIT_FAILURE)
    database = Database(config.db_url)
    try:
        with database.session() as session:  # a PDF that cannot be written is not audited
            prepared = consent_print.prepare_latest(
                session, args.patient, document, translations=translations
            )
            pdf = prepared.render()
            output = args.output or f"consent-{prepared.consent_id}.pdf"
            write_pdf(pdf, output)
            consent_print.record_export(session, Actor.from_os(), prepared, "written")
    except NotFoundError as exc:
        return _fail(str(exc), EXIT_REJECTED)
    except (consent_print.ConsentPrintError, HandoutRenderError, UnsupportedCharacterError) as exc:
        return _fail(str(exc), EXIT_FAILURE)
    except OSError as exc:
        return _fail(
            f"cannot write {args.output or 'the PDF'}: {exc.strerror or exc}", EXIT_FAILURE
        )
    finally:
        database.close()
    if prepared.language_notice:
        print(f"clinic-app consent: warning: {prepared.language_notice}", file=sys.stderr)
    where = "standard output" if output == "-" else str(Path(output).resolve())
    print(
        f"Wrote consent #{prepared.consent_id} to {where} (sha256 {prepared.sha256}).",
        file=sys.stderr if output == "-" else sys.stdout,
    )
    return EXIT_OK
