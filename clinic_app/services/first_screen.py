"""What the window needs before it is shown, read with SQLAlchemy Core alone (no ORM, no models).

The start shows the window first and loads the ORM and the models afterwards (docs/startup.md):
whether anyone has an account yet, the idle lock's minutes and the clinic's name are read here
through a Connection (:meth:`clinic_app.db.Database.reading`); the patient list's first page
comes from clinic_app.services.patients.patient_search. Whether the clinic can print
(:func:`clinic_can_print`) is read here too: a handout clicked at once after sign-in asks it on the
UI thread, before the services are loaded. tests/services/test_first_screen.py
checks these reads against the ORM services that own the same rows.
"""

from __future__ import annotations

from sqlalchemy import Connection, column, func, select, table

from clinic_app.services.settings.setting_specs import spec_of

USERS = table("users", column("id"))
APP_SETTINGS = table("app_settings", column("key"), column("value"))
CLINIC_SETTINGS = table("clinic_settings", column("id"), column("name"), column("phone"))
CLINIC_SETTINGS_ID = (
    1  # the clinic's details are a single row (clinic_app.services.settings.clinic)
)


def user_count(reader: Connection) -> int:
    """How many users exist (0 before the first start has created the administrator)."""
    return int(reader.execute(select(func.count()).select_from(USERS)).scalar() or 0)


def setting(reader: Connection, key: str) -> int:
    """The value of the setting ``key`` (services.settings.setting_specs), or its default."""
    stored = reader.execute(select(APP_SETTINGS.c.value).where(APP_SETTINGS.c.key == key)).scalar()
    return spec_of(key).value_of(stored)


def clinic_name(reader: Connection) -> str | None:
    """The clinic's name, or None before its details were entered."""
    return reader.execute(
        select(CLINIC_SETTINGS.c.name).where(CLINIC_SETTINGS.c.id == CLINIC_SETTINGS_ID)
    ).scalar()


def clinic_can_print(reader: Connection) -> bool:
    """Whether the clinic's name and phone are entered, which every handout and consent prints
    (as clinic_app.services.settings.clinic.letterhead decides)."""
    row = reader.execute(
        select(CLINIC_SETTINGS.c.name, CLINIC_SETTINGS.c.phone).where(
            CLINIC_SETTINGS.c.id == CLINIC_SETTINGS_ID
        )
    ).one_or_none()
    return row is not None and bool((row.name or "").strip()) and bool((row.phone or "").strip())
