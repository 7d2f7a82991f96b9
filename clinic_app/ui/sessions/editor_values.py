"""Moves values between the session editor's form and a SessionInput or a form draft.

A SessionInput is what is shown and what is saved; a form draft keeps the texts as typed, valid
or not, so that a crash loses nothing (clinic_app.ui.common.form_draft_keeper writes it).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping

from PySide6.QtCore import QDate, QDateTime, QTime

from clinic_app.domain.sessions.session_record import AreaSettings, SessionInput
from clinic_app.domain.sessions.session_series import Series
from clinic_app.services.sessions.session_resources import SessionResources
from clinic_app.services.sessions.treatment_sessions import SessionContext, SessionRecord
from clinic_app.ui.sessions import editor_texts
from clinic_app.ui.sessions.editor_form import SessionEditorForm
from clinic_app.ui.sessions.times import combine, parse_time, time_text

_DATETIME_FORMAT = "yyyy-MM-dd HH:mm"


def new_session_input(context: SessionContext, now: dt.datetime) -> SessionInput:
    """A new session, done ``now``: the plan's device, areas and intensity (else last device)."""
    plan = context.plan
    return SessionInput(
        patient_id=context.patient_id,
        performed_at=now,
        device_profile_id=(plan.device_profile_id if plan else "")
        or (context.previous.data.device_profile_id if context.previous else ""),
        areas=tuple(AreaSettings(area=a) for a in (plan.areas if plan else ())),
        consultation_id=plan.consultation_id if plan else None,
        intensity=plan.intensity if plan else "",
    )


def show_input(
    form: SessionEditorForm,
    data: SessionInput,
    resources: SessionResources,
    tz: dt.tzinfo | None,
) -> None:
    """Fill the form with ``data``; the area rows get the settings of its device."""
    local = data.performed_at.astimezone(tz)
    form.when.setDateTime(
        QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
    )
    index = form.device.findData(data.device_profile_id)
    form.device.blockSignals(True)
    form.device.setCurrentIndex(max(index, 0))
    form.device.blockSignals(False)
    form.intensity.setCurrentIndex(max(form.intensity.findData(data.intensity), 0))
    form.product.setCurrentText(data.anaesthetic_product)
    form.product.lineEdit().setCursorPosition(0)  # type: ignore[union-attr]
    form.applied.setText(time_text(data.anaesthetic_applied_at, tz))
    form.removed.setText(time_text(data.anaesthetic_removed_at, tz))
    form.recheck.set_answers(data.recheck_answers, data.recheck_reason)
    form.notes.setPlainText(data.notes)
    form.amendment.setText(data.amendment_reason)
    form.allergy_reason.setText(data.anaesthetic_ack_reason)
    form.areas.profile = resources.profile(str(form.device.currentData()))
    form.areas.set_areas(data.areas)


def performed_at(form: SessionEditorForm, tz: dt.tzinfo | None) -> dt.datetime:
    """The date and time shown, as an aware instant (local time of ``tz``)."""
    naive = form.when.dateTime().toPython()
    assert isinstance(naive, dt.datetime)
    return naive.replace(tzinfo=tz) if tz else naive.astimezone()


def read_input(
    form: SessionEditorForm,
    *,
    patient_id: int,
    consultation_id: int | None,
    tz: dt.tzinfo | None,
) -> tuple[SessionInput, dict[str, str]]:
    """The form as a SessionInput, and the fields that could not be read (field -> message)."""
    errors: dict[str, str] = {}
    moment_of = performed_at(form, tz)
    times: dict[str, dt.datetime | None] = {}
    for name, edit in (
        ("anaesthetic_applied_at", form.applied),
        ("anaesthetic_removed_at", form.removed),
    ):
        try:
            moment = parse_time(edit.text())
        except ValueError as exc:
            errors[name] = str(exc)
            moment = None
        times[name] = combine(moment_of, moment, tz) if moment else None
    areas, area_errors = form.areas.values()
    errors.update(area_errors)
    data = SessionInput(
        patient_id=patient_id,
        performed_at=moment_of,
        device_profile_id=str(form.device.currentData() or ""),
        areas=tuple(areas),
        consultation_id=consultation_id,
        intensity=str(form.intensity.currentData() or ""),
        anaesthetic_product=form.product.currentText(),
        anaesthetic_applied_at=times["anaesthetic_applied_at"],
        anaesthetic_removed_at=times["anaesthetic_removed_at"],
        notes=form.notes.toPlainText(),
        recheck_answers=form.recheck.answers(),
        recheck_reason=form.recheck.reason.text(),
        amendment_reason=form.amendment.text(),
        anaesthetic_ack_reason=form.allergy_reason.text(),
    )
    return data, errors


def draft_values(form: SessionEditorForm) -> dict[str, str]:
    """The form as shown, texts as typed (valid or not); rows and re-check as JSON."""
    return {
        "performed_at": form.when.dateTime().toString(_DATETIME_FORMAT),
        "device_profile_id": str(form.device.currentData() or ""),
        "intensity": str(form.intensity.currentData() or ""),
        "anaesthetic_product": form.product.currentText(),
        "anaesthetic_applied_at": form.applied.text(),
        "anaesthetic_removed_at": form.removed.text(),
        "recheck": json.dumps(form.recheck.raw_state(), ensure_ascii=False, sort_keys=True),
        "areas": json.dumps(form.areas.raw_rows(), ensure_ascii=False, sort_keys=True),
        "notes": form.notes.toPlainText(),
        "amendment_reason": form.amendment.text(),
        "anaesthetic_ack_reason": form.allergy_reason.text(),
    }


def restore_draft_values(form: SessionEditorForm, values: Mapping[str, str]) -> None:
    """Fill the form from ``draft_values`` output; unknown or unreadable parts are skipped."""
    moment = QDateTime.fromString(values.get("performed_at", ""), _DATETIME_FORMAT)
    if moment.isValid():
        form.when.setDateTime(moment)
    index = form.device.findData(values.get("device_profile_id", ""))
    if index >= 0:
        form.device.setCurrentIndex(index)  # the rows follow the device's settings
    form.intensity.setCurrentIndex(max(form.intensity.findData(values.get("intensity", "")), 0))
    form.product.setCurrentText(values.get("anaesthetic_product", ""))
    form.applied.setText(values.get("anaesthetic_applied_at", ""))
    form.removed.setText(values.get("anaesthetic_removed_at", ""))
    form.notes.setPlainText(values.get("notes", ""))
    form.amendment.setText(values.get("amendment_reason", ""))
    form.allergy_reason.setText(values.get("anaesthetic_ack_reason", ""))
    recheck = _json(values.get("recheck"))
    if isinstance(recheck, dict):
        form.recheck.set_raw_state(recheck)
    rows = _json(values.get("areas"))
    if isinstance(rows, list):
        form.areas.set_raw_rows([row for row in rows if isinstance(row, dict)])


def _json(text: str | None) -> object:
    """``text`` parsed, or None."""
    try:
        return json.loads(text) if text else None
    except ValueError:
        return None


def show_series(
    form: SessionEditorForm,
    context: SessionContext,
    record: SessionRecord | None,
    data: SessionInput,
    tz: dt.tzinfo | None,
) -> Series:
    """Show where the session falls in its plan (the line under the title, a too-short
    interval, the next session's date); returns the series it was placed in."""
    series = record.series if record is not None else context.series
    day = data.performed_at.astimezone(tz).date()
    form.subtitle.setText(editor_texts.series_line(series, context.plan, context.previous, record))
    warning = series.interval_warning(day)
    form.interval.setText(f"⚠ {warning}" if warning else "")
    form.interval.setVisible(bool(warning))
    form.next_date.setText(editor_texts.next_date_text(series, day))
    return series
