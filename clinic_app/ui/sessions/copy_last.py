"""Copies the last signed session's settings into the editor: device, product and area settings.

Each area's settings and scan are copied; its endpoint, reaction, notes and caution reason are
left empty, to be written for this session. What is then changed is highlighted by the rows.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QCoreApplication

from clinic_app.domain.sessions.session_record import AreaSettings
from clinic_app.services.sessions.treatment_sessions import SessionRecord
from clinic_app.ui.common.dialog_service import DialogService
from clinic_app.ui.common.worker_wait import responsive_steps
from clinic_app.ui.sessions.area_rows import AreasEditor
from clinic_app.ui.sessions.editor_form import SessionEditorForm


def copied_areas(previous: SessionRecord) -> list[AreaSettings]:
    """The areas of ``previous`` with what belongs to that day (endpoint, reaction, reasons, a
    danger's confirmation) left out."""
    return [
        dataclasses.replace(
            area,
            endpoint="",
            reaction="",
            notes="",
            caution_ack_reason="",
            danger_confirmed=False,
        )
        for area in previous.areas
    ]


def copy_last_session(
    form: SessionEditorForm,
    previous: SessionRecord,
    dialogs: DialogService,
) -> bool:
    """Fill ``form`` from ``previous``, asking first if typed areas would be lost; True if done.
    The rows are built in steps, the event loop turning between them and the editor taking no
    input meanwhile (ui.common.worker_wait.responsive_steps).

    A product already chosen stays.
    """
    if form.areas.has_values() and not dialogs.confirm(
        form,
        QCoreApplication.translate("sessions.copy_last", "Replace the areas?"),
        QCoreApplication.translate(
            "sessions.copy_last",
            "The areas entered so far will be replaced by the settings of the last session.",
        ),
        yes=QCoreApplication.translate("sessions.copy_last", "Replace"),
    ):
        return False
    with responsive_steps(form) as pause:
        form.areas.pause = pause
        try:
            form.device.setCurrentIndex(
                max(form.device.findData(previous.data.device_profile_id), 0)
            )
            if not form.product.currentText().strip():
                form.product.setCurrentText(previous.data.anaesthetic_product)
                form.product.lineEdit().setCursorPosition(0)  # type: ignore[union-attr]
            form.areas.set_areas(copied_areas(previous))
        finally:
            form.areas.pause = lambda: None
    return True


def focus_first_setting(areas: AreasEditor) -> None:
    """Put the focus on the first setting of the first row (its area without settings)."""
    if areas.rows:
        first = next(iter(areas.rows[0].fields.values()), areas.rows[0].area)
        first.setFocus()
