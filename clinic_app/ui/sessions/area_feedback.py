"""Shows what the settings check says about one area row: refusals, cautions, dangers, and what
is still needed to save it.

A refused value is marked at its field and explained under the row once the person has left the
field (or tried to save); a value past the area's caution threshold is marked amber and asks for
a short reason. A danger is marked red, loudly, and asks first for the explicit confirmation
("I have checked these settings"), then for a reason of substance; the reason field opens only
once the confirmation is ticked. A confirmation covers the dangers shown when it was ticked: a
new danger clears it.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from clinic_app.domain.reasons import ReasonPolicy
from clinic_app.domain.sessions.acknowledgement import (
    CONFIRM_FIELD,
    CONFIRM_LABEL,
    REASON_FIELD,
    acknowledgement_errors,
    minimum_words,
)
from clinic_app.domain.sessions.session_record import AreaSettings
from clinic_app.domain.sessions.settings_check import SCAN_FIELDS, SettingsCheck
from clinic_app.ui.common.i18n import QT_TRANSLATE_NOOP
from clinic_app.ui.sessions.area_row import AreaRow
from clinic_app.ui.sessions.styles import (
    CAUTION_COLOUR,
    DANGER_COLOUR,
    ERROR_COLOUR,
    escape,
    set_flag,
)

CAUTION_PLACEHOLDER = QT_TRANSLATE_NOOP(
    "sessions.area_feedback", "Reason for going past the caution threshold (required)"
)


def _error(text: str) -> str:
    return f'<span style="color:{ERROR_COLOUR}">✖ {escape(text)}</span>'


def _keep_confirmation(row: AreaRow, check: SettingsCheck | None) -> bool:
    """Clear the confirmation when a danger appeared that it did not cover; whether it holds."""
    if not row.confirm.isChecked():
        return False
    shown = check.danger_ids if check is not None else frozenset()
    if row.confirmed_for is None:
        row.confirmed_for = shown
    elif not shown <= row.confirmed_for:
        row.confirm.blockSignals(True)
        row.confirm.setChecked(False)
        row.confirm.blockSignals(False)
        row.confirmed_for = None
        return False
    return True


def show_check(
    row: AreaRow,
    settings: AreaSettings,
    parse_errors: Mapping[str, str],
    check: SettingsCheck | None,
    *,
    show_all: bool,
    owner: QWidget,
    policy: ReasonPolicy | None = None,
) -> None:
    """Mark ``row``'s fields and write its messages; ``show_all`` after a save attempt.

    ``settings`` and ``parse_errors`` are the row as read (``AreaRow.read``), ``check`` the
    device's verdict on it (None without an area); ``owner`` is the widget holding the rows;
    ``policy`` the reason floors of the clinic.
    """
    visible = set(row.fields) if show_all else row.touched
    refusals: dict[str, str] = {}
    for name, text in parse_errors.items():
        if name in visible:
            refusals[name] = text
    if check is not None:
        for refusal in check.refusals:
            if refusal.field in visible or refusal.field in SCAN_FIELDS:
                refusals.setdefault(refusal.field, refusal.message)
    for name, text in row.service_errors.items():
        if name in row.fields and name not in parse_errors:
            # a later edit may have fixed it: keep what the check still refuses, or still misses
            still = check is not None and (
                check.refusals_for(name) or any(m.field == name for m in check.missing)
            )
            if still:
                refusals.setdefault(name, text)
    cautions = check.cautions if check is not None else ()
    dangers = check.dangers if check is not None else ()
    danger_fields = {f for c in dangers for f in c.fields}
    caution_fields = {f for c in cautions for f in c.fields} - danger_fields
    for name, widget in [*row.fields.items(), *row.scans.items()]:
        set_flag(widget, "invalid", name in refusals)
        set_flag(widget, "danger", name in danger_fields and name not in refusals)
        set_flag(widget, "caution", name in caution_fields and name not in refusals)
    lines = [_error(text) for text in refusals.values()]
    if row.service_errors.get("area"):
        lines.append(_error(row.service_errors["area"]))
    danger = QCoreApplication.translate("sessions.area_feedback", "DANGER")  # lupdate reads it
    for caution in dangers:
        lines.append(
            f'<span style="color:{DANGER_COLOUR}; font-weight:bold">⚠ '
            f"{danger} — {escape(caution.text)}</span>"
        )
    for caution in cautions:
        if not caution.is_danger:
            lines.append(f'<span style="color:{CAUTION_COLOUR}">▲ {escape(caution.message)}</span>')
    confirmed = _keep_confirmation(row, check)
    problems = (
        acknowledgement_errors(check, settings.caution_ack_reason, confirmed, policy)
        if check is not None and check.ok
        else {}
    )
    words = minimum_words(check, policy) if check is not None else 0
    asked = show_all or bool({CONFIRM_FIELD, REASON_FIELD} & set(row.service_errors))
    if CONFIRM_FIELD in problems and asked:
        lines.append(
            _error(
                QCoreApplication.translate(
                    "sessions.area_feedback",
                    "Tick “{label}”, then write the reason below (at least {words} words).",
                ).format(label=CONFIRM_LABEL, words=words)
            )
        )
    elif REASON_FIELD in problems and asked:
        lines.append(_error(problems[REASON_FIELD]))
    row.message.setText("<br>".join(lines))
    row.message.setVisible(bool(lines))
    set_flag(row.message, "danger", bool(dangers))
    row.confirm.setVisible(bool(dangers))
    set_flag(row.confirm, "invalid", CONFIRM_FIELD in problems and asked)
    row.reason.setEnabled(not dangers or confirmed)
    row.reason.setPlaceholderText(
        QCoreApplication.translate(
            "sessions.area_feedback",
            "Reason for going past the danger limit: at least {words} words (required)",
        ).format(words=words)
        if dangers
        else QCoreApplication.translate("sessions.area_feedback", CAUTION_PLACEHOLDER)
    )
    row.reason.setVisible(bool(cautions) or bool(settings.caution_ack_reason))
    row.reason_label.setVisible(row.reason.isVisibleTo(owner))
    set_flag(row.reason, "invalid", REASON_FIELD in problems and asked and row.reason.isEnabled())
