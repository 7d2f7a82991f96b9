"""Highlights the values of an area row that differ from the baseline session.

The baseline is last session (or, for an amendment, the signed original): a value that differs is
highlighted, with the baseline's value under it and in its tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from clinic_app.domain.sessions.device_profile import DeviceProfile, Parameter, format_number
from clinic_app.domain.sessions.session_record import AreaSettings, changed_from
from clinic_app.domain.sessions.settings_check import SCAN_FIELDS
from clinic_app.ui.sessions.area_row import AreaRow
from clinic_app.ui.sessions.styles import set_flag


def quantity(value: object, parameter: Parameter | None) -> str:
    """A baseline value as shown under a field: "12 W", a scan choice, or "empty"."""
    if value is None or value == "":
        return "empty"
    if parameter is not None and isinstance(value, float | int):
        return parameter.quantity(float(value))
    return str(value)


def field_tip(name: str, parameter: Parameter | None) -> str:
    """A field's tooltip before any comparison: the device's range, step, default and source."""
    if parameter is None:
        return SCAN_FIELDS.get(name, name)
    return (
        f"{parameter.label}: {parameter.range_text} in steps of "
        f"{format_number(parameter.step)}; default {parameter.quantity(parameter.default)}.\n"
        f"Source: {parameter.source}"
    )


def highlight_differences(
    row: AreaRow,
    settings: AreaSettings,
    previous: AreaSettings | None,
    profile: DeviceProfile | None,
    baseline_name: str,
) -> None:
    """Mark the fields of ``row`` (read as ``settings``) that differ from ``previous``."""
    changed = changed_from(previous, settings)
    for name, widget in [*row.fields.items(), *row.scans.items()]:
        parameter = profile.parameters.get(name) if profile else None
        differs = name in changed
        set_flag(widget, "changed", differs)
        tip = field_tip(name, parameter)
        was = row.was[name]
        if differs:
            old = quantity(changed[name], parameter)
            was.setText(
                QCoreApplication.translate("sessions.area_differences", "was {old}").format(old=old)
            )
            tip += QCoreApplication.translate(
                "sessions.area_differences", "\nDiffers from the {baseline_name}: {old} then."
            ).format(baseline_name=baseline_name, old=old)
        elif previous is not None:
            tip += QCoreApplication.translate(
                "sessions.area_differences", "\nSame as the {baseline_name}."
            ).format(baseline_name=baseline_name)
        was.setVisible(differs)
        widget.setToolTip(tip)
