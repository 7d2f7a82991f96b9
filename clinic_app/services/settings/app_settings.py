"""Settings an administrator changes: idle time before the screen locks, backups kept.

Stored in the database (so every workstation on a shared PostgreSQL server follows them);
unset settings have their documented default.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic_app.models import AppSetting
from clinic_app.services.errors import ValidationError
from clinic_app.services.security import audit
from clinic_app.services.security.identity import Actor, admin_use_case
from clinic_app.services.settings.setting_specs import BACKUPS_KEPT as BACKUPS_KEPT
from clinic_app.services.settings.setting_specs import IDLE_LOCK_MINUTES as IDLE_LOCK_MINUTES
from clinic_app.services.settings.setting_specs import SPECS as SPECS
from clinic_app.services.settings.setting_specs import SettingSpec as SettingSpec
from clinic_app.services.settings.setting_specs import spec_of


def get(session: Session, key: str) -> int:
    """The stored value of ``key``, or its default (also when the stored text is unusable)."""
    spec = spec_of(key)
    return spec.value_of(session.scalar(select(AppSetting.value).where(AppSetting.key == key)))


def all_values(session: Session) -> dict[str, int]:
    """Every setting with its value."""
    return {key: get(session, key) for key in SPECS}


@admin_use_case("manage_settings")
def set_value(session: Session, actor: Actor, key: str, value: int) -> int:
    """Store ``value`` for ``key`` after checking its range (audited)."""
    spec = spec_of(key)
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
