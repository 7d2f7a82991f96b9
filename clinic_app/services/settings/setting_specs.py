"""The settings an administrator changes, their defaults and ranges (no database here).

clinic_app.services.settings.app_settings reads and writes them; the window's first screen reads one
before the models are loaded (clinic_app.services.first_screen).
"""

from __future__ import annotations

from dataclasses import dataclass

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

    def value_of(self, stored: str | None) -> int:
        """The value stored as ``stored``, or the default when unset, unusable or out of range."""
        try:
            value = int(stored) if stored is not None else self.default
        except ValueError:
            return self.default
        return value if self.minimum <= value <= self.maximum else self.default


SPECS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec(IDLE_LOCK_MINUTES, "minutes without input before the screen locks", 10, 1, 240),
        SettingSpec(BACKUPS_KEPT, "automatic daily backups kept", 14, 1, 365),
    )
}


def spec_of(key: str) -> SettingSpec:
    """The setting named ``key``; ValidationError for an unknown one."""
    if key not in SPECS:
        raise ValidationError({"key": f"Unknown setting '{key}'; known: {', '.join(SPECS)}."})
    return SPECS[key]
