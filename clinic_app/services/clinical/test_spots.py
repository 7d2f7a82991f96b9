"""Test spots as a recorded step: where, when and with what settings, the day to check it, and
the result (healed well, or a reaction described). Each change is audited in the caller's
transaction; a finding that asks for a test spot keeps a full session closed until one healed
well (:mod:`.gates`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from clinic_app.domain.clinical_picture import TestSpot as PlainTestSpot
from clinic_app.domain.gates_file import gates_files
from clinic_app.domain.reasons import ReasonLevel, load_policy
from clinic_app.domain.sessions.device_profile import AREAS
from clinic_app.models import Patient, TestSpot, utc_now
from clinic_app.services.clinical.clinical_picture import latest_completed, test_spots_of
from clinic_app.services.errors import (
    NotFoundError,
    StaleRecordError,
    ValidationError,
    is_record_id,
)
from clinic_app.services.security import audit
from clinic_app.services.security.identity import Actor

HEALED_WELL, REACTION = "healed_well", "reaction"
RESULTS = (HEALED_WELL, REACTION)
SETTING_NAMES = ("power_w", "energy_mj", "dwell_us", "spacing_um", "density_pct", "stack", "passes")
DEFAULT_CHECK_AFTER_DAYS = 14
DEFAULT_MINIMUM_CHECK_DAYS = 7


@dataclass(frozen=True)
class TestSpotInput:
    """What is typed for a test spot."""

    __test__ = False  # not a pytest test class, despite its name

    patient_id: int
    performed_on: dt.date
    area: str
    device_profile_id: str
    settings: Mapping[str, float]
    check_on: dt.date | None = None  # default: performed_on + the gates file's interval


def check_after_days(data_dir: Path | None = None) -> int:
    """Days from a test spot to its check (resources/clinical/gates.toml [test_spot])."""
    return _test_spot_setting("check_after_days", DEFAULT_CHECK_AFTER_DAYS, data_dir)


def _test_spot_setting(name: str, default: int, data_dir: Path | None) -> int:
    days = default
    for _file, data in gates_files(data_dir):
        value = data.get("test_spot", {}).get(name)
        if isinstance(value, int) and 1 <= value <= 90:
            days = value
    return days


def minimum_check_days(data_dir: Path | None = None) -> int:
    """The fewest days between a test spot and its check (gates.toml [test_spot])."""
    return _test_spot_setting("minimum_check_days", DEFAULT_MINIMUM_CHECK_DAYS, data_dir)


def record(
    session: Session,
    actor: Actor,
    data: TestSpotInput,
    *,
    today: dt.date | None = None,
    data_dir: Path | None = None,
) -> TestSpot:
    """Store a test spot on the patient's latest consultation; ValidationError by field."""
    if session.get(Patient, data.patient_id) is None:
        raise NotFoundError(f"There is no patient #{data.patient_id}.")
    day = today or dt.date.today()
    check_on = data.check_on or data.performed_on + dt.timedelta(days=check_after_days(data_dir))
    errors: dict[str, str] = {}
    if data.performed_on > day:
        errors["performed_on"] = "Date of the test spot: today or earlier, not in the future."
    if data.area not in AREAS:
        errors["area"] = f"Area: one of {', '.join(AREAS)}."
    if not data.device_profile_id:
        errors["device_profile_id"] = "Device: choose the laser's profile."
    shortest = minimum_check_days(data_dir)
    if check_on < data.performed_on + dt.timedelta(days=shortest):
        errors["check_on"] = (
            f"Check date: at least {shortest} days after the test spot "
            f"({(data.performed_on + dt.timedelta(days=shortest)).isoformat()} or later), "
            "so that a late reaction can show."
        )
    unknown = sorted(set(data.settings) - set(SETTING_NAMES))
    if unknown or not data.settings:
        errors["settings"] = f"Settings: give at least one of {', '.join(SETTING_NAMES)}."
    elif any(not isinstance(v, int | float) or v <= 0 for v in data.settings.values()):
        errors["settings"] = "Settings: each value is a number above 0."
    if errors:
        raise ValidationError(errors)
    consultation = latest_completed(session, data.patient_id)
    row = TestSpot(
        patient_id=data.patient_id,
        consultation_id=consultation.id if consultation is not None else None,
        performed_on=data.performed_on,
        area=data.area,
        device_profile_id=data.device_profile_id,
        settings={k: float(v) for k, v in data.settings.items()},
        check_on=check_on,
        recorded_by_id=actor.user_id,
    )
    session.add(row)
    session.flush()
    audit.record(session, actor, "create", "test_spot", row.id, f"test spot on {data.area}")
    return row


def record_result(
    session: Session,
    actor: Actor,
    spot_id: int,
    result: str,
    notes: str = "",
    *,
    expected_version: int | None = None,
    today: dt.date | None = None,
    data_dir: Path | None = None,
) -> TestSpot:
    """Record how the test spot healed. "Healed well" only from its check day on; a reaction
    needs a description."""
    row = session.get(TestSpot, spot_id, with_for_update=True) if is_record_id(spot_id) else None
    if row is None:
        raise NotFoundError(f"There is no test spot #{spot_id}.")
    if expected_version is not None and row.version != expected_version:
        raise StaleRecordError(f"Test spot #{spot_id}", expected_version, row.version, {})
    day = today or dt.date.today()
    cleaned = notes.strip()
    errors: dict[str, str] = {}
    if result not in RESULTS:
        errors["result"] = "Result: healed well, or a reaction."
    elif result == HEALED_WELL and day < row.check_on:
        errors["result"] = (
            f"Result: a test spot is judged healed from its check day, {row.check_on.isoformat()}."
        )
    elif result == REACTION and (
        problem := load_policy(data_dir).problem(cleaned, ReasonLevel.CAUTION)
    ):
        errors["result_notes"] = f"Describe the reaction: {problem}."
    if row.result is not None:
        errors["result"] = "The result of this test spot is recorded already."
    if errors:
        raise ValidationError(errors)
    row.result = result
    row.result_notes = cleaned
    row.checked_by_id = actor.user_id
    row.checked_at = utc_now()
    session.flush()
    audit.record(session, actor, "update", "test_spot", row.id, f"test spot result: {result}")
    return row


def spots_of(session: Session, patient_id: int) -> list[PlainTestSpot]:
    """The patient's test spots as plain values, newest first (for the window)."""
    return list(reversed(test_spots_of(session, patient_id)))
