"""What a treatment session records, as plain values, and the checks it must pass to be saved.

Error keys name the field that caused each message: ``performed_at``, ``device_profile_id``,
``intensity``, ``anaesthetic_applied_at``, ``anaesthetic_removed_at``, ``areas`` (none given),
``areas.<i>.area``, ``areas.<i>.<setting>`` (e.g. ``areas.0.power_w``),
``areas.<i>.caution_ack_reason``, ``areas.<i>.danger_confirmed``, ``anaesthetic_ack_reason``
(an allergy recorded against the product) and ``amendment_reason``.
Standard library only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from clinic_app.domain.care.care_kinds import INTENSITIES
from clinic_app.domain.reasons import ReasonLevel, ReasonPolicy
from clinic_app.domain.sessions.acknowledgement import DEFAULT_POLICY, acknowledgement_errors
from clinic_app.domain.sessions.anaesthetic_allergy import REASON_FIELD as ANAESTHETIC_REASON
from clinic_app.domain.sessions.device_profile import PARAMETER_LABELS, DeviceProfile, area_members
from clinic_app.domain.sessions.settings_check import (
    SCAN_FIELDS,
    CheckContext,
    SettingsCheck,
    check_settings,
    normalise_area,
)

SETTINGS = tuple(PARAMETER_LABELS)  # power_w, energy_mj, dwell_us, spacing_um, ... passes
TEXT_FIELDS = ("handpiece", "endpoint", "reaction", "notes")
# A session is signed once it has been done; this much clock difference between workstations
# is tolerated.
FUTURE_SLACK = dt.timedelta(minutes=15)


@dataclass(frozen=True)
class AreaSettings:
    """One treated area: the device's settings used on it and what was seen."""

    area: str
    power_w: float | None = None
    energy_mj: float | None = None
    dwell_us: float | None = None
    spacing_um: float | None = None
    density_pct: float | None = None
    stack: int | None = None
    passes: int | None = None
    scan_pattern: str = ""
    scan_size: str = ""
    handpiece: str = ""
    endpoint: str = ""
    reaction: str = ""
    notes: str = ""
    caution_ack_reason: str = ""
    danger_confirmed: bool = False  # "I have checked these settings", for a danger

    def settings(self) -> dict[str, object]:
        """The device settings given (empty ones left out), as settings_check takes them."""
        values: dict[str, object] = {}
        for name in SETTINGS:
            value = getattr(self, name)
            if value is not None:
                values[name] = value
        for name in SCAN_FIELDS:
            text = getattr(self, name).strip()
            if text:
                values[name] = text
        return values

    def value(self, name: str) -> float | int | str | None:
        value: float | int | str | None = getattr(self, name)
        return value

    def cleaned(self) -> AreaSettings:
        texts = {name: getattr(self, name).strip() for name in (*TEXT_FIELDS, *SCAN_FIELDS)}
        return dataclasses.replace(
            self,
            area=normalise_area(self.area),
            caution_ack_reason=self.caution_ack_reason.strip(),
            **texts,
        )


@dataclass(frozen=True)
class SessionInput:
    """Everything the editor sends to be saved (the practitioner is the acting user)."""

    patient_id: int
    performed_at: dt.datetime  # timezone-aware
    device_profile_id: str
    areas: tuple[AreaSettings, ...] = ()
    consultation_id: int | None = None
    intensity: str = ""
    anaesthetic_product: str = ""
    anaesthetic_applied_at: dt.datetime | None = None
    anaesthetic_removed_at: dt.datetime | None = None
    notes: str = ""
    recheck_answers: dict[str, object] = field(default_factory=dict)
    recheck_reason: str = ""
    amendment_reason: str = ""
    anaesthetic_ack_reason: str = ""  # why the product is used despite a recorded allergy

    def cleaned(self) -> SessionInput:
        return dataclasses.replace(
            self,
            device_profile_id=self.device_profile_id.strip(),
            intensity=self.intensity.strip(),
            anaesthetic_product=self.anaesthetic_product.strip(),
            notes=self.notes.strip(),
            areas=tuple(area.cleaned() for area in self.areas),
            recheck_reason=self.recheck_reason.strip(),
            amendment_reason=self.amendment_reason.strip(),
            anaesthetic_ack_reason=self.anaesthetic_ack_reason.strip(),
        )


def area_label(area: str) -> str:
    """ "cheeks" -> "Cheeks", "full_face" -> "Full face"."""
    text = area.replace("_", " ")
    return text[:1].upper() + text[1:] if text else text


def check_area(
    profile: DeviceProfile, area: AreaSettings, context: CheckContext | None = None
) -> SettingsCheck:
    """The refusals and cautions of one area's settings on ``profile`` (``context``: the skin
    type and the session's recorded intensity)."""
    return check_settings(profile, area.area or "?", area.settings(), context)


def validate_session(
    data: SessionInput,
    profile: DeviceProfile | None,
    *,
    now: dt.datetime,
    signing: bool = False,
    amending: bool = False,
    skin_type: str | None = None,
    policy: ReasonPolicy | None = None,
    not_before: dt.date | None = None,
    anaesthetic_warning: str | None = None,
) -> dict[str, str]:
    """Every reason ``data`` cannot be saved (or signed), by field; empty when it can.

    ``skin_type`` is the patient's Fitzpatrick type from the consultation the session follows;
    ``policy`` the clinic's reason floors (the shipped ones when None); ``not_before`` the day
    that consultation was completed (a session is not dated before it);
    ``anaesthetic_warning`` the allergy the product meets (it needs a caution's reason)."""
    errors: dict[str, str] = {}
    if data.performed_at.tzinfo is None:
        raise ValueError("performed_at must be timezone-aware")
    if signing and data.performed_at > now + FUTURE_SLACK:
        errors["performed_at"] = (
            "The date and time are in the future: a session is signed once it has been done."
        )
    if not_before is not None and data.performed_at.astimezone().date() < not_before:
        errors["performed_at"] = (
            f"The session is dated before the consultation it follows "
            f"({not_before.isoformat()}): check the date."
        )
    if anaesthetic_warning and (
        problem := (policy or DEFAULT_POLICY).problem(
            data.anaesthetic_ack_reason, ReasonLevel.CAUTION
        )
    ):
        errors[ANAESTHETIC_REASON] = f"{anaesthetic_warning} ({problem}.)"
    if profile is None:
        shown = data.device_profile_id or "(none)"
        errors["device_profile_id"] = f"Choose the device: '{shown}' is not a device profile."
    if data.intensity and data.intensity not in INTENSITIES:
        errors["intensity"] = f"Intensity is one of {', '.join(INTENSITIES)}."
    _check_anaesthetic(data, errors)
    if signing and not data.areas:
        errors["areas"] = "Add at least one treated area."
    seen: dict[str, int] = {}
    context = CheckContext(skin_type=skin_type, intensity=data.intensity)
    for index, area in enumerate(data.areas):
        key = f"areas.{index}"
        if not area.area:
            errors[f"{key}.area"] = "Choose the treated area."
            continue
        if area.area in seen:
            errors[f"{key}.area"] = (
                f"{area_label(area.area)} is already row {seen[area.area] + 1}; "
                "record each area once."
            )
            continue
        overlap = next(
            (
                (name, row)
                for name, row in seen.items()
                if set(area_members(name)) & set(area_members(area.area))
            ),
            None,
        )
        if overlap is not None:  # "full face" and the cheeks: the cheeks treated twice
            errors[f"{key}.area"] = (
                f"{area_label(area.area)} overlaps {area_label(overlap[0])} "
                f"(row {overlap[1] + 1}); record each part of the skin once."
            )
            continue
        seen[area.area] = index
        if profile is None:
            continue
        check = check_area(profile, area, context)
        for refusal in (*check.refusals, *(check.missing if signing else ())):
            errors.setdefault(f"{key}.{refusal.field}", refusal.message)
        if check.ok:
            acknowledged = acknowledgement_errors(
                check, area.caution_ack_reason, area.danger_confirmed, policy
            )
            errors.update({f"{key}.{name}": text for name, text in acknowledged.items()})
    if signing and amending and not data.amendment_reason:
        errors["amendment_reason"] = "Write why the signed session is amended."
    return errors


def _check_anaesthetic(data: SessionInput, errors: dict[str, str]) -> None:
    applied, removed = data.anaesthetic_applied_at, data.anaesthetic_removed_at
    if (applied or removed) and not data.anaesthetic_product:
        errors["anaesthetic_product"] = "Name the anaesthetic product, or clear the times."
    if applied and removed and removed <= applied:
        errors["anaesthetic_removed_at"] = "The anaesthetic is removed after it was applied."
    if removed and not applied:
        errors["anaesthetic_applied_at"] = "Enter when the anaesthetic was applied."


COMPARED_FIELDS = (*SETTINGS, *SCAN_FIELDS, "handpiece")


def changed_from(previous: AreaSettings | None, current: AreaSettings) -> dict[str, object]:
    """The compared values of ``current`` that differ from the same area last time, each mapped
    to last time's value (None: it was not recorded). Empty for an area not treated last time."""
    if previous is None:
        return {}
    changed: dict[str, object] = {}
    for name in COMPARED_FIELDS:
        old, new = getattr(previous, name), getattr(current, name)
        if isinstance(old, str) or isinstance(new, str):
            if str(old or "").strip().casefold() != str(new or "").strip().casefold():
                changed[name] = old
        elif old != new and not (old is not None and new is not None and float(old) == float(new)):
            changed[name] = old
    return changed


def by_area(areas: tuple[AreaSettings, ...]) -> dict[str, AreaSettings]:
    return {normalise_area(a.area): a for a in areas}


def confirmed_dangers(
    profile: DeviceProfile, areas: tuple[AreaSettings, ...], context: CheckContext
) -> dict[str, list[str]]:
    """Area -> the danger rules its ``danger_confirmed`` covers, for the areas that have a
    danger and were confirmed (what a session stores: ``recheck["danger_confirmed"]``)."""
    stored: dict[str, list[str]] = {}
    for area in areas:
        if area.danger_confirmed and (ids := check_area(profile, area, context).danger_ids):
            stored[area.area] = sorted(ids)
    return stored


def with_confirmations(areas: tuple[AreaSettings, ...], stored: object) -> tuple[AreaSettings, ...]:
    """``areas`` with ``danger_confirmed`` set from a stored ``confirmed_dangers`` mapping."""
    confirmed = stored if isinstance(stored, Mapping) else {}
    return tuple(
        dataclasses.replace(area, danger_confirmed=area.area in confirmed) for area in areas
    )
