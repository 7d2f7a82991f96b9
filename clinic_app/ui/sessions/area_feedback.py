"""Shows what the settings check says about one area row: refusals, cautions, a missing reason.

A refused value is marked at its field and explained under the row once the person has left the
field (or tried to save); a value past the area's caution threshold is marked and asks for a
reason.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QWidget

from clinic_app.domain.sessions.session_record import AreaSettings
from clinic_app.domain.sessions.settings_check import SCAN_FIELDS, SettingsCheck
from clinic_app.ui.sessions.area_row import AreaRow
from clinic_app.ui.sessions.styles import (
    CAUTION_COLOUR,
    DANGER_COLOUR,
    ERROR_COLOUR,
    escape,
    set_flag,
)


def show_check(
    row: AreaRow,
    settings: AreaSettings,
    parse_errors: Mapping[str, str],
    check: SettingsCheck | None,
    *,
    show_all: bool,
    owner: QWidget,
) -> None:
    """Mark ``row``'s fields and write its messages; ``show_all`` after a save attempt.

    ``settings`` and ``parse_errors`` are the row as read (``AreaRow.read``), ``check`` the
    device's verdict on it (None without an area); ``owner`` is the widget holding the rows.
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
            # a later edit may have fixed it: keep only what the check still refuses
            still = check is not None and check.refusals_for(name)
            if still:
                refusals.setdefault(name, text)
    cautions = check.cautions if check is not None else ()
    caution_fields = {f for c in cautions for f in c.fields}
    for name, widget in [*row.fields.items(), *row.scans.items()]:
        set_flag(widget, "invalid", name in refusals)
        set_flag(widget, "caution", name in caution_fields and name not in refusals)
    lines = [
        f'<span style="color:{ERROR_COLOUR}">✖ {escape(text)}</span>' for text in refusals.values()
    ]
    if row.service_errors.get("area"):
        lines.append(
            f'<span style="color:{ERROR_COLOUR}">✖ {escape(row.service_errors["area"])}</span>'
        )
    for caution in cautions:
        if caution.level == "danger":
            lines.append(
                f'<span style="color:{DANGER_COLOUR}; font-weight:bold">⚠ '
                f"{escape(caution.text)}</span>"
            )
        else:
            lines.append(f'<span style="color:{CAUTION_COLOUR}">▲ {escape(caution.message)}</span>')
    reason_missing = bool(cautions) and not settings.caution_ack_reason
    if reason_missing and (show_all or "caution_ack_reason" in row.service_errors):
        lines.append(
            f'<span style="color:{ERROR_COLOUR}">✖ Write the reason for going past '
            f"{'this caution' if len(cautions) == 1 else 'these cautions'} below.</span>"
        )
    row.message.setText("<br>".join(lines))
    row.message.setVisible(bool(lines))
    row.reason.setVisible(bool(cautions) or bool(settings.caution_ack_reason))
    row.reason_label.setVisible(row.reason.isVisibleTo(owner))
    set_flag(row.reason, "invalid", reason_missing and show_all)
