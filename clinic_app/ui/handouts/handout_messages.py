"""What the window says about handouts: their names, and why one could not be made.

Imported at start-up with the controller, so it imports nothing that needs the ORM.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from sqlalchemy.exc import SQLAlchemyError

from clinic_app.domain.care.care_kinds import POST_CARE, PRE_CARE
from clinic_app.reports.inputs import HandoutRenderError, UnsupportedCharacterError
from clinic_app.services.errors import NotFoundError, ValidationError
from clinic_app.ui.common.i18n import QT_TRANSLATE_NOOP

CLINIC_MISSING = QT_TRANSLATE_NOOP(
    "handouts.handout_messages",
    "No handout can be printed before the clinic's details are entered: "
    "every handout carries the clinic's name and the phone number a worried "
    "patient calls.\n\nOpen Settings › Clinic details now? Then choose the "
    "handout again.",
)


KIND_LABELS = {
    PRE_CARE: QT_TRANSLATE_NOOP("handouts.handout_messages", "Pre-care handout"),
    POST_CARE: QT_TRANSLATE_NOOP("handouts.handout_messages", "Post-care handout"),
}


def kind_label(kind: str) -> str:
    """'Pre-care handout' for 'pre_care'."""
    if kind in KIND_LABELS:
        return QCoreApplication.translate("handouts.handout_messages", KIND_LABELS[kind])
    return kind.replace("_", "-").capitalize()


def failure_message(error: Exception) -> str:
    """What to tell the person when a handout could not be made."""
    from clinic_app.domain.care.care_file import CareContentError
    from clinic_app.reports.render_process import RenderProcessError

    if isinstance(error, RenderProcessError):
        return QCoreApplication.translate(
            "handouts.handout_messages",
            "The program that lays out handouts stopped unexpectedly, so the handout was "
            "neither made nor recorded. Try again: it starts afresh.",
        )
    if isinstance(error, ValidationError):
        return "\n".join(error.errors.values())
    known = (NotFoundError, UnsupportedCharacterError, HandoutRenderError, CareContentError)
    if isinstance(error, known):
        return str(error)
    if isinstance(error, SQLAlchemyError):
        return QCoreApplication.translate(
            "handouts.handout_messages",
            "The database could not be reached, so the handout was neither made nor "
            "recorded. Check the connection and try again.\n\n({kind})",
        ).format(kind=error.__class__.__name__)
    return QCoreApplication.translate(
        "handouts.handout_messages",
        "Something unexpected went wrong: {error}. Nothing was recorded; try again.",
    ).format(error=error)
