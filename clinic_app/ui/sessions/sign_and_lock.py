"""Asks before a session is signed and locked: what signing means, and what was to be seen.

The question repeats the interval warning, the number of cautions acknowledged with a reason
and of dangers confirmed, so that nothing the person should have read is signed unseen.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from clinic_app.ui.common.dialog_service import DialogService
from clinic_app.ui.common.i18n import QT_TRANSLATE_NOOP
from clinic_app.ui.sessions.area_rows import AreasEditor

SIGN_TITLE = QT_TRANSLATE_NOOP("sessions.sign_and_lock", "Sign and lock this session?")


def acknowledged_cautions(areas: AreasEditor) -> int:
    """How many cautions the area rows show with a reason written (a row whose reason is empty
    is refused before the question, and is not counted as acknowledged)."""
    return sum(
        len(check.cautions)
        for index, row in enumerate(areas.rows)
        if (check := areas.check(index)) is not None and row.reason.text().strip()
    )


def confirmed_dangers(areas: AreasEditor) -> int:
    """How many of those cautions are dangers (each confirmed explicitly to be saved)."""
    return sum(
        len(check.dangers)
        for index in range(len(areas.rows))
        if (check := areas.check(index)) is not None
    )


def sign_question(interval_warning: str | None, cautions: int, dangers: int = 0) -> str:
    """What signing means, with the warnings the person should have seen."""
    lines = [
        QCoreApplication.translate(
            "sessions.sign_and_lock",
            "Once signed, nothing in this session can be changed. A later correction "
            "is recorded as an amendment that keeps this record.",
        )
    ]
    if interval_warning:
        lines.append(interval_warning)
    if cautions:
        lines.append(
            QCoreApplication.translate(
                "sessions.sign_and_lock", "1 caution is acknowledged with a reason."
            )
            if cautions == 1
            else QCoreApplication.translate(
                "sessions.sign_and_lock", "{cautions} cautions are acknowledged with a reason."
            ).format(cautions=cautions)
        )
    if dangers:
        lines.append(
            QCoreApplication.translate(
                "sessions.sign_and_lock",
                "1 of them is a danger, confirmed as checked: you sign that these "
                "settings were intended.",
            )
            if dangers == 1
            else QCoreApplication.translate(
                "sessions.sign_and_lock",
                "{dangers} of them are dangers, confirmed as checked: you sign that these "
                "settings were intended.",
            ).format(dangers=dangers)
        )
    return "\n\n".join(lines)


def confirm_sign_and_lock(
    dialogs: DialogService,
    parent: QWidget,
    interval_warning: str | None,
    areas: AreasEditor,
    other_cautions: int = 0,
) -> bool:
    """Ask whether to sign and lock; True to go on. ``other_cautions``: acknowledged outside
    the areas (an allergy the anaesthetic meets)."""
    question = sign_question(
        interval_warning,
        acknowledged_cautions(areas) + other_cautions,
        confirmed_dangers(areas),
    )
    return dialogs.confirm(
        parent,
        QCoreApplication.translate("sessions.sign_and_lock", SIGN_TITLE),
        question,
        yes=QCoreApplication.translate("sessions.sign_and_lock", "Sign and lock"),
    )
