"""Settings an administrator changes: idle time before the screen locks, backups kept.

Stored in the database (so every workstation on a shared PostgreSQL server follows them);
unset settings have their documented default.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic_app.models import AppSetting
from clinic_app.services import audit
from clinic_app.services.audit import Actor
from clinic_app.services.errors import ValidationError

IDLE_LOCK_MINUTES = "idle_lock_minutes"
BACKUPS_KEPT = "backups_kept"


@dataclass(frozen=True)
class SettingSpec:
    """A whole-number setting, its default and the range a person may choose from."""

    key: str
    label: str
    default: int
    minimum: int
    maximum: int


SPECS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec(IDLE_LOCK_MINUTES, "minutes without input before the screen locks", 10, 1, 240),
        SettingSpec(BACKUPS_KEPT, "automatic daily backups kept", 14, 1, 365),
    )
}


def _spec(key: str) -> SettingSpec:
    if key not in SPECS:
        raise ValidationError({"key": f"Unknown setting '{key}'; known: {', '.join(SPECS)}."})
    return SPECS[key]


def get(session: Session, key: str) -> int:
    """The stored value of ``key``, or its default (also when the stored text is unusable)."""
    spec = _spec(key)
    stored = session.scalar(select(AppSetting.value).where(AppSetting.key == key))
    try:
        value = int(stored) if stored is not None else spec.default
    except ValueError:
        return spec.default
    return value if spec.minimum <= value <= spec.maximum else spec.default


def all_values(session: Session) -> dict[str, int]:
    """Every setting with its value."""
    return {key: get(session, key) for key in SPECS}


def set_value(session: Session, actor: Actor, key: str, value: int) -> int:
    """Store ``value`` for ``key`` after checking its range (audited)."""
    spec = _spec(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError({key: f"The {spec.label} must be a whole number."})
    if not spec.minimum <= value <= spec.maximum:
        raise ValidationError(
            {key: f"The {spec.label} must be from {spec.minimum} to {spec.maximum}."}
        )
    row = session.get(AppSetting, key)
    if row is None:
        session.add(AppSetting(key=key, value=str(value)))
    else:
        row.value = str(value)
    session.flush()
    audit.record(session, actor, "update", "app_setting", None, f"{key} set to {value}")
    return value
