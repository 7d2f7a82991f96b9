"""The clinic's own details: letterhead, phone and paper size printed on every handout.

The paper size a form proposes follows the clinic's country (clinic_app.domain.paper_size:
Letter in the United States and Canada, A4 elsewhere); what is stored is the person's choice."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from sqlalchemy.orm import Session

from clinic_app.domain.paper_size import PaperSuggestion as PaperSuggestion
from clinic_app.domain.paper_size import suggested_paper_size as suggested_paper_size
from clinic_app.domain.patient_rules import email_problem, phone_problem
from clinic_app.models import ClinicSettings
from clinic_app.reports.inputs import Letterhead
from clinic_app.services.errors import StaleRecordError, ValidationError
from clinic_app.services.first_screen import CLINIC_SETTINGS_ID
from clinic_app.services.security import audit
from clinic_app.services.security.identity import Actor, admin_use_case, require

PAPER_SIZES = ("A4", "Letter")
LOGO_MAX_BYTES = 2 * 1024 * 1024
_IMAGE_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")
SETTINGS_ID = CLINIC_SETTINGS_ID  # the single row


@dataclass(frozen=True)
class ClinicDetails:
    """What the first start asks for; all of it goes on the handouts."""

    name: str
    phone: str
    address: str = ""
    email: str = ""
    paper_size: str = "A4"
    logo: bytes | None = None
    logo_filename: str = ""


def validate_details(details: ClinicDetails) -> dict[str, str]:
    """Every problem of ``details``, keyed by field name."""
    errors: dict[str, str] = {}
    for field, limit in (("name", 200), ("phone", 40), ("email", 254), ("address", 1000)):
        length = len(getattr(details, field).strip())
        if length > limit:
            errors[field] = f"This has {length} characters; at most {limit} fit."
    if not details.name.strip():
        errors["name"] = "Enter the clinic's name; it heads every handout."
    if not details.phone.strip():
        errors["phone"] = "Enter the clinic's phone number; patients call it when worried."
    elif problem := phone_problem(details.phone.strip(), "clinic's phone number"):
        errors.setdefault("phone", problem)
    if problem := email_problem(details.email.strip()):
        errors.setdefault("email", problem)
    if details.paper_size not in PAPER_SIZES:
        errors["paper_size"] = f"Paper size must be one of {', '.join(PAPER_SIZES)}."
    if details.logo is not None:
        if len(details.logo) > LOGO_MAX_BYTES:
            errors["logo"] = (
                f"The logo is {len(details.logo) // 1024} KB; use an image under "
                f"{LOGO_MAX_BYTES // 1024 // 1024} MB."
            )
        elif not details.logo.startswith(_IMAGE_SIGNATURES):
            errors["logo"] = "The logo must be a PNG or JPEG image."
    return errors


def load(session: Session) -> ClinicSettings | None:
    """The stored settings, or None before the first start has asked for them."""
    return session.get(ClinicSettings, SETTINGS_ID)


def letterhead(session: Session) -> Letterhead | None:
    """What heads every printed page (handouts, consents), or None while the clinic's name or
    phone is not entered: nothing is printed with demo values."""
    settings = load(session)
    if settings is None or not settings.name.strip() or not settings.phone.strip():
        return None
    return Letterhead(
        name=settings.name,
        phone=settings.phone,
        address=settings.address or "",
        email=settings.email or "",
        logo=settings.logo or None,
        paper_size=settings.paper_size or "A4",
    )


def details_of(settings: ClinicSettings) -> ClinicDetails:
    """The editable values of the stored settings."""
    return ClinicDetails(
        **{field.name: getattr(settings, field.name) for field in dataclasses.fields(ClinicDetails)}
    )


@admin_use_case("manage_settings", checks_itself=True)
def save(
    session: Session,
    actor: Actor,
    details: ClinicDetails,
    expected_version: int | None = None,
    *,
    expect_new: bool = False,
) -> ClinicSettings:
    """Create or update the clinic's details. ``expected_version`` guards against stale edits;
    ``expect_new`` refuses the save when another workstation entered the details meanwhile.

    Changing them needs ``manage_settings``; the first entry, while none are stored, is open to
    anyone signed in (the window asks at the first start, whoever signs in first)."""
    settings = load(session)
    if settings is not None and expect_new:  # entered elsewhere meanwhile: say so, first
        raise StaleRecordError("The clinic's details", 0, settings.version, {"name": settings.name})
    require(actor, "manage_settings" if settings is not None else "consult")
    cleaned = dataclasses.replace(
        details,
        name=details.name.strip(),
        phone=details.phone.strip(),
        address=details.address.strip(),
        email=details.email.strip(),
    )
    errors = validate_details(cleaned)
    if errors:
        raise ValidationError(errors)
    if settings is None:
        settings = ClinicSettings(id=SETTINGS_ID, **dataclasses.asdict(cleaned))
        session.add(settings)
        action = "create"
    else:
        if expected_version is not None and settings.version != expected_version:
            raise StaleRecordError("The clinic's details", expected_version, settings.version, {})
        for field, value in dataclasses.asdict(cleaned).items():
            setattr(settings, field, value)
        action = "update"
    session.flush()
    audit.record(
        session, actor, action, "clinic_settings", SETTINGS_ID, f"clinic details {action}d"
    )
    return settings
