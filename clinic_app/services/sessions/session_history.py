"""A patient's sessions as a table, as chart series across sessions, and as CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from clinic_app.domain.sessions.device_profile import (
    PARAMETER_LABELS,
    PARAMETER_UNITS,
    DeviceProfile,
)
from clinic_app.domain.sessions.face_chart import ENERGY_PARAMETERS, area_shades
from clinic_app.domain.sessions.session_record import SETTINGS
from clinic_app.models import SessionArea, TreatmentPlan, TreatmentSession
from clinic_app.services.sessions.session_context import SIGNED, superseded_ids

# Chart metrics: a title and the settings that stand for it, the first one recorded wins
# (spacing is how SmartXide-type scanners set density; pulses are the stack, else passes).
METRICS = (
    ("Power", ("power_w",)),
    ("Density", ("density_pct", "spacing_um")),
    ("Pulses", ("stack", "passes")),
)
CSV_COLUMNS = (
    "session_id",
    "performed_at",
    "session",
    "status",
    "amends_session_id",
    "superseded_by_session_id",
    "device",
    "device_profile_id",
    "device_profile_version",
    "intensity",
    "anaesthetic_product",
    "anaesthetic_applied_at",
    "anaesthetic_removed_at",
    "area",
    *SETTINGS,
    "scan_pattern",
    "scan_size",
    "handpiece",
    "endpoint",
    "reaction",
    "caution_ack_reason",
    "area_notes",
    "session_notes",
    "practitioner",
    "signed_by",
    "signed_at",
)


@dataclass(frozen=True)
class HistoryRow:
    """One session in the patient's history table."""

    id: int
    performed_at: dt.datetime
    series_label: str
    device: str
    areas: tuple[str, ...]
    status: str  # "signed", "draft" or "superseded"
    signed_by: str
    signed_at: dt.datetime | None
    amends_id: int | None
    superseded_by: int | None
    cautions: int  # acknowledged cautions
    # The face chart's shade of each area (docs/face-chart.md): area -> shade key.
    shades: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ChartSeries:
    """One line of a chart: an area's values over the sessions (None where not recorded)."""

    area: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class Chart:
    title: str  # "Power (W)"
    setting: str  # the SessionArea column shown, e.g. "spacing_um"
    series: tuple[ChartSeries, ...]


@dataclass(frozen=True)
class History:
    rows: tuple[HistoryRow, ...]  # newest first
    session_days: tuple[dt.date, ...]  # chart x axis: the signed sessions in force, oldest first
    charts: tuple[Chart, ...] = field(default_factory=tuple)


def _shades(row: TreatmentSession, profile: DeviceProfile | None) -> tuple[tuple[str, str], ...]:
    """Each area's shade on the face chart: the intensity, else the area's energy."""
    values = [(a.area, {name: getattr(a, name) for name in ENERGY_PARAMETERS}) for a in row.areas]
    return tuple(area_shades(row.intensity or "", values, profile).items())


def _sessions(session: Session, patient_id: int) -> list[TreatmentSession]:
    return list(
        session.scalars(
            select(TreatmentSession)
            .where(TreatmentSession.patient_id == patient_id)
            .options(selectinload(TreatmentSession.areas))
            .order_by(TreatmentSession.performed_at, TreatmentSession.id)
        )
    )


def _plans(session: Session, rows: list[TreatmentSession]) -> dict[int, int]:
    ids = {row.consultation_id for row in rows if row.consultation_id is not None}
    if not ids:
        return {}
    return dict(
        session.execute(
            select(TreatmentPlan.consultation_id, TreatmentPlan.sessions_planned).where(
                TreatmentPlan.consultation_id.in_(ids)
            )
        ).all()
    )


def _label(row: TreatmentSession, planned: Mapping[int, int]) -> str:
    number = row.sequence_number
    if number is None:
        return ""
    total = planned.get(row.consultation_id) if row.consultation_id is not None else None
    if total is None:
        return f"{number}"
    return f"{number} of {total}"


def _extra(row: TreatmentSession) -> dict[str, object]:
    return row.recheck if isinstance(row.recheck, dict) else {}


def history(
    session: Session,
    patient_id: int,
    profiles: Mapping[str, DeviceProfile],
    tz: dt.tzinfo | None = None,
) -> History:
    """The table rows and chart series of a patient's sessions."""
    rows = _sessions(session, patient_id)
    planned = _plans(session, rows)
    replaced = {s.amends_id: s.id for s in rows if s.status == SIGNED and s.amends_id}
    table = []
    for row in reversed(rows):
        profile = profiles.get(row.device_profile_id)
        status = "superseded" if row.id in replaced else row.status
        extra = _extra(row)
        cautions = extra.get("cautions")
        table.append(
            HistoryRow(
                id=row.id,
                performed_at=row.performed_at,
                series_label=_label(row, planned),
                device=profile.title if profile else row.device_profile_id,
                areas=tuple(area.area for area in row.areas),
                status=status,
                signed_by=str(extra.get("signed_by") or ""),
                signed_at=row.signed_at,
                amends_id=row.amends_id,
                superseded_by=replaced.get(row.id),
                cautions=len(cautions) if isinstance(cautions, list) else 0,
                shades=_shades(row, profile),
            )
        )
    in_force = [row for row in rows if row.status == SIGNED and row.id not in replaced]
    days = tuple(row.performed_at.astimezone(tz).date() for row in in_force)
    return History(rows=tuple(table), session_days=days, charts=_charts(in_force))


def _charts(rows: list[TreatmentSession]) -> tuple[Chart, ...]:
    areas: list[str] = []
    for row in rows:
        for area in row.areas:
            if area.area not in areas:
                areas.append(area.area)
    charts = []
    for title, candidates in METRICS:
        setting = next(
            (
                name
                for name in candidates
                if any(getattr(a, name) is not None for row in rows for a in row.areas)
            ),
            candidates[0],
        )
        series = []
        for area_name in areas:
            values = []
            for row in rows:
                found = next((a for a in row.areas if a.area == area_name), None)
                value = getattr(found, setting) if found is not None else None
                values.append(float(value) if value is not None else None)
            if any(v is not None for v in values):
                series.append(ChartSeries(area_name, tuple(values)))
        name, unit = PARAMETER_LABELS[setting], PARAMETER_UNITS[setting]
        label = f"{title} ({unit})" if name == title else f"{title}: {name.lower()} ({unit})"
        charts.append(Chart(label, setting, tuple(series)))
    return tuple(charts)


def _instant(value: dt.datetime | None, tz: dt.tzinfo | None) -> str:
    return value.astimezone(tz).isoformat(timespec="minutes") if value else ""


def _text(value: str) -> str:
    """Typed text, kept from being read as a formula by a spreadsheet."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value


def _number(value: float | int | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


def export_csv(
    session: Session,
    patient_id: int,
    profiles: Mapping[str, DeviceProfile] | None = None,
    tz: dt.tzinfo | None = None,
) -> str:
    """The patient's sessions as CSV text, one line per treated area, oldest first.

    Instants are local (``tz``, default the computer's) with their UTC offset."""
    rows = _sessions(session, patient_id)
    planned = _plans(session, rows)
    replaced = superseded_ids(rows)
    replaced_by = {s.amends_id: s.id for s in rows if s.status == SIGNED and s.amends_id}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        extra = _extra(row)
        profile = (profiles or {}).get(row.device_profile_id)
        head = [
            row.id,
            _instant(row.performed_at, tz),
            _label(row, planned),
            "superseded" if row.id in replaced else row.status,
            row.amends_id or "",
            replaced_by.get(row.id, ""),
            profile.title if profile else row.device_profile_id,
            row.device_profile_id,
            str(extra.get("profile_version") or row.device_profile_version or ""),
            row.intensity,
            _text(row.anaesthetic_product),
            _instant(row.anaesthetic_applied_at, tz),
            _instant(row.anaesthetic_removed_at, tz),
        ]
        tail = [
            _text(row.notes),
            str(extra.get("practitioner") or ""),
            str(extra.get("signed_by") or ""),
            _instant(row.signed_at, tz),
        ]
        areas: list[SessionArea | None] = list(row.areas) or [None]
        for area in areas:
            if area is None:
                middle = [""] * (len(CSV_COLUMNS) - len(head) - len(tail))
            else:
                middle = [
                    area.area,
                    *(_number(getattr(area, name)) for name in SETTINGS),
                    area.scan_pattern,
                    area.scan_size,
                    *(
                        _text(getattr(area, name))
                        for name in (
                            "handpiece",
                            "endpoint",
                            "reaction",
                            "caution_ack_reason",
                            "notes",
                        )
                    ),
                ]
            writer.writerow([*head, *middle, *tail])
    return out.getvalue()
