"""Comparing two visits: the same view side by side, the days since the first treatment under
each, and the page for the patient (reports/photo_compare.py), whose export is audited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from clinic_app.domain.photos.photo_views import PhotoViews, days_since
from clinic_app.models import Patient
from clinic_app.reports.photo_compare_inputs import ComparedPhoto, ComparePage
from clinic_app.services.errors import NotFoundError, ValidationError
from clinic_app.services.photos import photos
from clinic_app.services.photos.photo_store import PhotoStore
from clinic_app.services.security import audit
from clinic_app.services.security.identity import Actor, require
from clinic_app.services.settings import clinic

if TYPE_CHECKING:
    from clinic_app.reports.render_process import RenderProcess


@dataclass(frozen=True)
class CompareSide:
    """One photo of the pair: its line, its bytes, the days since the first treatment."""

    line: photos.PhotoLine
    image: bytes
    days: int | None
    days_label: str


def days_label(days: int | None) -> str:
    """How the days since the first treatment read under a photo."""
    if days is None:
        return "Before any treatment"
    if days < 0:
        return f"{-days} day{'s' if days != -1 else ''} before the first treatment"
    if days == 0:
        return "Day of the first treatment"
    return f"Day {days} after the first treatment"


def _side(session: Session, store: PhotoStore, photo_id: int, first: dt.date | None) -> CompareSide:
    line, data = photos.image(session, store, photo_id)
    days = days_since(first, line.visit_day)
    return CompareSide(line, data, days, days_label(days))


def pair(
    session: Session, store: PhotoStore, before_id: int, after_id: int
) -> tuple[CompareSide, CompareSide]:
    """The two photos, earlier visit first; ValidationError when they are of two patients."""
    if before_id == after_id:
        raise ValidationError({"after": "Choose two different photos to compare."})
    first_line, _ = photos.image(session, store, before_id)
    first = photos.first_treatment_day(session, first_line.patient_id)
    sides = [_side(session, store, photo_id, first) for photo_id in (before_id, after_id)]
    if sides[0].line.patient_id != sides[1].line.patient_id:
        raise ValidationError({"after": "The two photos are of different patients."})
    sides.sort(key=lambda side: (side.line.visit_day, side.line.taken_at))
    return sides[0], sides[1]


def export_pdf(
    session: Session,
    actor: Actor,
    store: PhotoStore,
    before_id: int,
    after_id: int,
    views: PhotoViews,
    *,
    today: dt.date | None = None,
    renderer: RenderProcess | None = None,
) -> bytes:
    """The comparison page for the patient as PDF bytes, laid out here or by ``renderer``'s
    process (the window's: ReportLab stays out of it); the export is audited."""
    require(actor, "print")
    before, after = pair(session, store, before_id, after_id)
    patient = session.get(Patient, before.line.patient_id)
    if patient is None:
        raise NotFoundError(f"There is no patient #{before.line.patient_id}.")
    settings = clinic.load(session)
    page = ComparePage(
        clinic_name=settings.name if settings else "",
        patient_name=f"{patient.first_name} {patient.last_name}",
        view_label=views.label(after.line.view),
        before=_printed(before),
        after=_printed(after),
        printed_on=today or dt.date.today(),
        paper_size=settings.paper_size if settings else "A4",
    )
    data = _render(page, renderer)
    audit.record(
        session,
        actor,
        "export",
        "photo",
        after.line.id,
        f"photo comparison printed for patient #{patient.id}: photos #{before.line.id} and "
        f"#{after.line.id}",
    )
    return data


def _render(page: ComparePage, renderer: RenderProcess | None) -> bytes:
    if renderer is not None:
        return renderer.render_compare(page)
    from clinic_app.reports.photo_compare import render_compare  # ReportLab: only to render

    return render_compare(page)


def _printed(side: CompareSide) -> ComparedPhoto:
    visit = "Consultation" if side.line.visit.kind == photos.CONSULTATION else "Treatment session"
    return ComparedPhoto(
        image=side.image,
        width=side.line.width,
        height=side.line.height,
        taken_on=side.line.visit_day,
        visit_label=visit,
        days_label=side.days_label,
    )
