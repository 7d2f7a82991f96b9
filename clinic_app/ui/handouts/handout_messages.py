"""What the window says about handouts: their names, and why one could not be made.

Imported at start-up with the controller, so it imports nothing that needs the ORM.
"""

from __future__ import annotations

from sqlalchemy.exc import SQLAlchemyError

from clinic_app.domain.care.care_kinds import POST_CARE, PRE_CARE
from clinic_app.reports.inputs import HandoutRenderError, UnsupportedCharacterError
from clinic_app.services.errors import NotFoundError, ValidationError

CLINIC_MISSING = (
    "No handout can be printed before the clinic's details are entered: every handout "
    "carries the clinic's name and the phone number a worried patient calls.\n\n"
    "Open Settings › Clinic details now? Then choose the handout again."
)


KIND_LABELS = {PRE_CARE: "Pre-care handout", POST_CARE: "Post-care handout"}


def kind_label(kind: str) -> str:
    """'Pre-care handout' for 'pre_care'."""
    return KIND_LABELS.get(kind, kind.replace("_", "-").capitalize())


def failure_message(error: Exception) -> str:
    """What to tell the person when a handout could not be made."""
    from clinic_app.domain.care.care_file import CareContentError

    if isinstance(error, ValidationError):
        return "\n".join(error.errors.values())
    known = (NotFoundError, UnsupportedCharacterError, HandoutRenderError, CareContentError)
    if isinstance(error, known):
        return str(error)
    if isinstance(error, SQLAlchemyError):
        return (
            "The database could not be reached, so the handout was neither made nor "
            f"recorded. Check the connection and try again.\n\n({error.__class__.__name__})"
        )
    return f"Something unexpected went wrong: {error}. Nothing was recorded; try again."
