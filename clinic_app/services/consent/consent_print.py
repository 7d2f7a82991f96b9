"""The printed copy of a stored consent: its values put into words for the PDF renderer.

The frozen text is printed as it was signed; the headings of the ticks and signatures and the
footer's labels come from the consent document in force. Rendering runs only when asked
(:meth:`ConsentPdf.render`), so a window prepares in the UI thread and renders in a worker.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from clinic_app.dates_format import date_at_time
from clinic_app.domain.care.care_text import fill, format_date
from clinic_app.domain.consent.consent_document import TITLE, ConsentDocument
from clinic_app.domain.translations import ENGLISH, NAMES, LanguageUse
from clinic_app.models import Patient
from clinic_app.reports.consent_inputs import ConsentPrint, SignaturePrint
from clinic_app.reports.inputs import Letterhead
from clinic_app.services.consent.consents import ConsentView, Signer, latest_signed
from clinic_app.services.errors import NotFoundError, ServiceError
from clinic_app.services.security import audit
from clinic_app.services.security.identity import Actor
from clinic_app.services.settings import clinic

if TYPE_CHECKING:
    from clinic_app.reports.render_process import RenderProcess

ACTIONS = {"printed": "print"}  # the audit action of a copy (as for handouts), else "export"
HOW = ("printed", "saved", "written")  # to a printer, to a file from the window, by the command

CLINIC_MISSING = (
    "The clinic's details are not set up yet, and the printed consent carries the clinic's "
    "name and phone number. Enter them in the window (or with 'clinic-app clinic set'), then "
    "print again."
)


class ConsentPrintError(ServiceError):
    """The consent cannot be printed as things are; the message says what to do."""


@dataclass(frozen=True)
class ConsentPdf:
    """A consent ready to render: the letterhead and the printed values."""

    consent_id: int
    sha256: str
    letterhead: Letterhead
    content: ConsentPrint
    prepared_at: dt.datetime
    # The patient's language and the one the consent was signed (and is printed) in.
    language: LanguageUse = field(default_factory=lambda: LanguageUse(ENGLISH, ENGLISH))

    @property
    def language_notice(self) -> str:
        """What to tell the practitioner about the language ('' when it is the patient's)."""
        return self.language.notice("consent")

    def render(self, renderer: RenderProcess | None = None) -> bytes:
        """The PDF bytes, laid out here, or by ``renderer``'s process (the window's: ReportLab
        stays out of it)."""
        if renderer is not None:
            return renderer.render_consent(self.letterhead, self.content, created=self.prepared_at)
        from clinic_app.reports.consent_pdf import render_consent  # ReportLab: only to render

        return render_consent(self.letterhead, self.content, created=self.prepared_at)


def _letterhead(session: Session) -> Letterhead:
    head = clinic.letterhead(session)
    if head is None:
        raise ConsentPrintError(CLINIC_MISSING)
    return head


def _signature(heading: str, signer: Signer) -> SignaturePrint:
    sig = signer.signature
    return SignaturePrint(heading, signer.name, sig.width, sig.height, sig.strokes)


def printed(
    view: ConsentView, patient: Patient, document: ConsentDocument, tz: dt.tzinfo | None = None
) -> ConsentPrint:
    """The printed values of ``view`` for ``patient``."""
    local = view.signed_at.astimezone(tz)
    language = document.language
    when = date_at_time(local.date(), local.time(), language)
    born = format_date(patient.date_of_birth, weekday=False, language=language)
    return ConsentPrint(
        title=f"{document.title}: {patient.first_name} {patient.last_name}",
        text=view.text,
        ticks=(
            (view.photo_clinical, document.label("photo_tick")),
            (view.photo_marketing, document.label("marketing_tick")),
        ),
        signed_line=fill(document.label("signed_on"), {"signed_at": when}),
        signatures=(
            _signature(document.label("patient_signature"), view.patient),
            _signature(document.label("witness_signature"), view.witness),
        ),
        patient_line=f"{patient.first_name} {patient.last_name}, {born}",
        version_line=fill(
            document.label("footer"),
            {
                "content_id": view.content_id,
                "version": view.content_version,
                "sha256": view.sha256,
            },
        ),
        page_label=document.label("page"),
    )


def signed_in(
    view: ConsentView, document: ConsentDocument, translations: Iterable[ConsentDocument]
) -> ConsentDocument:
    """The document, of ``document`` and its ``translations``, whose language the frozen text
    was signed in (its title opens the text), so that the printed labels are in that language
    too; ``document`` when none matches."""
    first_line = view.text.split("\n", 1)[0]
    for candidate in (document, *translations):
        if candidate.content_id == view.content_id and first_line == TITLE + candidate.title:
            return candidate
    return document


def prepare_latest(
    session: Session,
    patient_id: int,
    document: ConsentDocument,
    *,
    translations: Iterable[ConsentDocument] = (),
    now: dt.datetime | None = None,
    tz: dt.tzinfo | None = None,
) -> ConsentPdf:
    """The patient's latest signed consent, ready to render; NotFoundError without one.

    Its labels and dates are in the language the text was signed in (``document``, English,
    or one of its ``translations``), so the page is in one language."""
    patient = session.get(Patient, patient_id)
    if patient is None:
        raise NotFoundError(f"patient #{patient_id} not found")
    view = latest_signed(session, patient_id)
    if view is None:
        raise NotFoundError(f"patient #{patient_id} has not signed a consent yet")
    chosen = signed_in(view, document, translations)
    language = LanguageUse(patient.language, chosen.language)
    if language.fell_back:
        signed = NAMES.get(chosen.language, chosen.language)
        language = LanguageUse(patient.language, chosen.language, f"it was signed in {signed}")
    return ConsentPdf(
        consent_id=view.id,
        sha256=view.sha256,
        letterhead=_letterhead(session),
        content=printed(view, patient, chosen, tz),
        prepared_at=now or dt.datetime.now(dt.UTC),
        language=language,
    )


def record_export(session: Session, actor: Actor, prepared: ConsentPdf, how: str) -> None:
    """Audit that a copy of the consent left the application (``how``: one of HOW), the
    same from the command line and the window."""
    if how not in HOW:
        raise ValueError(f"how must be one of {', '.join(HOW)}")
    audit.record(
        session,
        actor,
        ACTIONS.get(how, "export"),
        "consent",
        prepared.consent_id,
        f"consent #{prepared.consent_id} {how}; sha256 {prepared.sha256}",
    )
