"""Photos of a visit: add (allowed by the photo consent, duplicates refused), list, read, remove.

The image work (:func:`photo_images.prepare`) runs before, outside the transaction, in the
window's worker; :func:`add` only checks, stores and audits. Every photo added or removed writes
an audit event in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic_app.domain.clock import utc_now
from clinic_app.domain.photos.photo_views import PhotoViews
from clinic_app.models import Consultation, Patient, Photo, TreatmentSession
from clinic_app.services.consent.photo_permission import PhotoPermission, photo_permission
from clinic_app.services.errors import NotFoundError, ServiceError, ValidationError
from clinic_app.services.photos.photo_images import PreparedPhoto
from clinic_app.services.photos.photo_store import PhotoStore
from clinic_app.services.security import audit
from clinic_app.services.security.identity import Actor, require

CONSULTATION, SESSION = "consultation", "session"
SOURCES = ("file", "camera")


class PhotoConsentError(ServiceError):
    """The patient's consent does not allow this photo; nothing was stored."""


class DuplicatePhotoError(ServiceError):
    """This photo is stored for the patient already; ``existing`` is its id."""

    def __init__(self, message: str, existing: int) -> None:
        super().__init__(message)
        self.existing = existing


@dataclass(frozen=True)
class VisitRef:
    """A consultation or a treatment session of the patient."""

    kind: str  # CONSULTATION or SESSION
    id: int


@dataclass(frozen=True)
class PhotoVisit:
    """A visit photos can be filed under, as the window lists it."""

    ref: VisitRef
    day: dt.date
    label: str


@dataclass(frozen=True)
class PhotoLine:
    """One stored photo, without its bytes (the thumbnail is read separately, lazily)."""

    id: int
    patient_id: int
    visit: VisitRef
    visit_day: dt.date
    view: str
    sha256: str
    media_type: str
    size: int
    width: int
    height: int
    for_marketing: bool
    source: str
    original_name: str
    taken_at: dt.datetime
    taken_by: str


@dataclass(frozen=True)
class NewPhoto:
    """What the person chose for a photo: its view, where it came from, publicity use."""

    view: str
    source: str = "file"
    original_name: str = ""
    for_marketing: bool = False


def visits(session: Session, patient_id: int) -> list[PhotoVisit]:
    """The patient's consultations and treatment sessions, newest first."""
    found: list[PhotoVisit] = []
    for consultation in session.scalars(
        select(Consultation).where(Consultation.patient_id == patient_id)
    ):
        found.append(
            PhotoVisit(
                VisitRef(CONSULTATION, consultation.id),
                _consultation_day(consultation),
                f"Consultation #{consultation.id}",
            )
        )
    for treatment in session.scalars(
        select(TreatmentSession).where(TreatmentSession.patient_id == patient_id)
    ):
        number = f" {treatment.sequence_number}" if treatment.sequence_number else ""
        found.append(
            PhotoVisit(
                VisitRef(SESSION, treatment.id),
                treatment.performed_at.astimezone().date(),
                f"Treatment session{number} (#{treatment.id})",
            )
        )
    return sorted(found, key=lambda v: (v.day, v.ref.kind, v.ref.id), reverse=True)


def _consultation_day(consultation: Consultation) -> dt.date:
    return consultation.started_at.astimezone().date()


def first_treatment_day(session: Session, patient_id: int) -> dt.date | None:
    """The day of the patient's first treatment session (what "days since treatment" counts
    from), or None before any."""
    first = session.scalar(
        select(TreatmentSession.performed_at)
        .where(TreatmentSession.patient_id == patient_id)
        .order_by(TreatmentSession.performed_at)
        .limit(1)
    )
    return None if first is None else first.astimezone().date()


def _visit_day(session: Session, patient_id: int, visit: VisitRef) -> dt.date:
    if visit.kind == CONSULTATION:
        consultation = session.get(Consultation, visit.id)
        if consultation is None or consultation.patient_id != patient_id:
            raise NotFoundError(f"Consultation #{visit.id} is not one of this patient's.")
        return _consultation_day(consultation)
    if visit.kind == SESSION:
        treatment = session.get(TreatmentSession, visit.id)
        if treatment is None or treatment.patient_id != patient_id:
            raise NotFoundError(f"Treatment session #{visit.id} is not one of this patient's.")
        return treatment.performed_at.astimezone().date()
    raise ValidationError({"visit": f"Unknown kind of visit: {visit.kind!r}."})


def _line(photo: Photo, visit_day: dt.date) -> PhotoLine:
    if photo.consultation_id is not None:
        visit = VisitRef(CONSULTATION, photo.consultation_id)
    else:
        visit = VisitRef(SESSION, photo.session_id or 0)
    return PhotoLine(
        id=photo.id,
        patient_id=photo.patient_id,
        visit=visit,
        visit_day=visit_day,
        view=photo.view,
        sha256=photo.sha256,
        media_type=photo.media_type,
        size=photo.size,
        width=photo.width,
        height=photo.height,
        for_marketing=photo.for_marketing,
        source=photo.source,
        original_name=photo.original_name,
        taken_at=photo.taken_at,
        taken_by=photo.taken_by,
    )


def check_allowed(
    session: Session, patient_id: int, *, for_marketing: bool = False
) -> PhotoPermission:
    """The consent's photo ticks; PhotoConsentError unless the patient's latest valid consent
    allows the photo (and, for publicity, its separate publicity tick)."""
    permission = photo_permission(session, patient_id)
    if not permission.clinical:
        raise PhotoConsentError(
            "The patient's informed consent does not allow clinical photographs"
            + (" (no signed consent)." if permission.consent_id is None else ".")
            + " Record a consent with the photo tick first."
        )
    if for_marketing and not permission.marketing:
        raise PhotoConsentError(
            "The patient has not agreed to photographs for publicity (the separate publicity "
            "tick of the consent); keep the photo for the clinical record only."
        )
    return permission


def add(
    session: Session,
    actor: Actor,
    store: PhotoStore,
    patient_id: int,
    visit: VisitRef,
    prepared: PreparedPhoto,
    new: NewPhoto,
    views: PhotoViews,
    *,
    clock: Callable[[], dt.datetime] = utc_now,
) -> PhotoLine:
    """Store ``prepared`` as a photo of ``visit``, taken now by ``actor``, and audit it.

    PhotoConsentError without the photo consent; DuplicatePhotoError when the patient has
    this photo already; ValidationError for an unknown view or source."""
    require(actor, "consult")
    if session.get(Patient, patient_id) is None:
        raise NotFoundError(f"There is no patient #{patient_id}.")
    if new.view not in views.ids():
        raise ValidationError({"view": f"Choose one of the views: {', '.join(views.ids())}."})
    if new.source not in SOURCES:
        raise ValidationError({"source": f"Unknown photo source {new.source!r}."})
    permission = check_allowed(session, patient_id, for_marketing=new.for_marketing)
    visit_day = _visit_day(session, patient_id, visit)
    existing = session.scalar(
        select(Photo).where(Photo.patient_id == patient_id, Photo.sha256 == prepared.sha256)
    )
    if existing is not None:
        raise DuplicatePhotoError(
            f"This photo is already stored for the patient ({views.label(existing.view)}, "
            f"added {existing.created_at.astimezone():%Y-%m-%d %H:%M}).",
            existing.id,
        )
    now = clock()
    photo = Photo(
        patient_id=patient_id,
        consultation_id=visit.id if visit.kind == CONSULTATION else None,
        session_id=visit.id if visit.kind == SESSION else None,
        consent_id=permission.consent_id,
        view=new.view,
        sha256=prepared.sha256,
        media_type=prepared.media_type,
        size=len(prepared.data),
        width=prepared.width,
        height=prepared.height,
        thumbnail=prepared.thumbnail,
        source=new.source,
        original_name=new.original_name[:255],
        for_marketing=new.for_marketing,
        taken_at=now,
        taken_by_id=actor.user_id,
        taken_by=actor.name[:200],
        created_at=now,
    )
    session.add(photo)
    session.flush()
    store.put(session, prepared.sha256, prepared.data)
    audit.record(
        session,
        actor,
        "create",
        "photo",
        photo.id,
        f"photo added to {visit.kind} #{visit.id} of patient #{patient_id}: view {new.view}, "
        f"sha256 {prepared.sha256}{', publicity allowed' if new.for_marketing else ''}",
    )
    return _line(photo, visit_day)


def photos_of(session: Session, patient_id: int) -> list[PhotoLine]:
    """The patient's photos, newest visit first (no image bytes are read)."""
    rows = session.scalars(
        select(Photo)
        .where(Photo.patient_id == patient_id)
        .order_by(Photo.taken_at.desc(), Photo.id.desc())
    ).all()
    days: dict[VisitRef, dt.date] = {}
    lines = []
    for photo in rows:
        line = _line(photo, dt.date.min)
        if line.visit not in days:
            days[line.visit] = _visit_day(session, patient_id, line.visit)
        lines.append(_line(photo, days[line.visit]))
    return sorted(lines, key=lambda line: (line.visit_day, line.taken_at), reverse=True)


def thumbnails(session: Session, photo_ids: Iterable[int]) -> dict[int, bytes]:
    """The JPEG thumbnails of ``photo_ids`` (the window asks for the ones it shows)."""
    wanted = list(photo_ids)
    if not wanted:
        return {}
    rows = session.execute(select(Photo.id, Photo.thumbnail).where(Photo.id.in_(wanted)))
    return {int(row.id): bytes(row.thumbnail) for row in rows}


def image(session: Session, store: PhotoStore, photo_id: int) -> tuple[PhotoLine, bytes]:
    """A photo and its stored bytes (checked against its SHA-256)."""
    photo = session.get(Photo, photo_id)
    if photo is None:
        raise NotFoundError(f"There is no photo #{photo_id}.")
    line = _line(photo, dt.date.min)
    line = _line(photo, _visit_day(session, photo.patient_id, line.visit))
    return line, store.get(session, photo.sha256)


def remove(
    session: Session, actor: Actor, store: PhotoStore, photo_id: int, reason: str = ""
) -> None:
    """Delete a photo (its bytes go when no other row names them) and audit who and why."""
    require(actor, "consult")
    photo = session.get(Photo, photo_id)
    if photo is None:
        raise NotFoundError(f"There is no photo #{photo_id}.")
    sha256, patient_id, view = photo.sha256, photo.patient_id, photo.view
    session.delete(photo)
    session.flush()
    store.discard(session, sha256)
    audit.record(
        session,
        actor,
        "delete",
        "photo",
        photo_id,
        f"photo removed from patient #{patient_id}: view {view}, sha256 {sha256}"
        + (f"; reason: {reason.strip()[:200]}" if reason.strip() else ""),
    )
