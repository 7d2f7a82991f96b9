"""Write demo consultations and treatment sessions for demo patients in bulk, audited.

Each patient gets one completed consultation (answers to every question, the screening's
findings, a plan; drawn by :mod:`.demo_consultations`) and 1-3 signed sessions at the plan's
interval, with settings drawn from the device profile (:mod:`.demo_sessions`). Rows are
inserted in batches (100 000 patients stay practical), every consultation and session audited.
Both draw from one random stream: same seed, same clinic.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from clinic_app.models import (
    Consultation,
    FollowUp,
    Patient,
    ScreeningFinding,
    SessionArea,
    TestSpot,
    TreatmentPlan,
    TreatmentSession,
)
from clinic_app.services.clinical.clinical_picture import expand_areas
from clinic_app.services.demo import demo_followups
from clinic_app.services.demo.demo_consultations import DemoConsultations
from clinic_app.services.demo.demo_sessions import DemoSessions
from clinic_app.services.security import audit
from clinic_app.services.security.identity import Actor
from clinic_app.services.sessions.session_resources import SessionResources, load_resources

BATCH_SIZE = 2000


@dataclass
class HistoryCounts:
    consultations: int = 0
    sessions: int = 0
    areas: int = 0
    findings: int = 0
    followups: int = 0


def _planned(row: Mapping[str, Any]) -> str:
    """The audit summary of a demo follow-up (as services/followups words a planned one)."""
    due = row["due_on"].isoformat()
    return f"follow-up {row['kind']} due {due} planned for session #{row['session_id']}"


def last_patient_id(session: Session) -> int:
    """The highest patient id so far (0 when there is none): demo history starts after it."""
    return int(session.scalar(select(func.max(Patient.id))) or 0)


def _patient_ids(session: Session, since_id: int) -> Iterator[list[int]]:
    after = since_id
    while True:
        ids = list(
            session.scalars(
                select(Patient.id).where(Patient.id > after).order_by(Patient.id).limit(BATCH_SIZE)
            )
        )
        if not ids:
            return
        yield ids
        after = ids[-1]


def _insert_keyed(
    session: Session, model: Any, rows: Sequence[Mapping[str, Any]], keys: Sequence[str]
) -> list[int]:
    """Insert ``rows`` (Core executemany, multi-row VALUES) and return their new ids in the
    order of ``rows``, found again by ``keys`` (unique within the batch).

    RETURNING with a guaranteed order costs one statement per row on SQLite; reading the ids
    back costs one query per batch."""
    if not rows:
        return []
    table = model.__table__
    before = int(session.scalar(select(func.max(table.c.id))) or 0)
    session.execute(insert(table), rows)
    patients = {row["patient_id"] for row in rows}
    found = session.execute(
        select(table.c.id, *(table.c[k] for k in keys)).where(
            table.c.id > before, table.c.patient_id.in_(patients)
        )
    ).all()
    by_key = {tuple(found_row[1:]): found_row[0] for found_row in found}
    return [by_key[tuple(row[k] for k in keys)] for row in rows]


def _insert_all(session: Session, model: Any, rows: Sequence[Mapping[str, Any]]) -> None:
    if rows:
        session.execute(insert(model.__table__), rows)


TEST_SPOT_DAYS_BEFORE = 21  # the demo's test spot: three weeks before the first treatment
TEST_SPOT_CHECK_DAYS = 14


def _test_spots(
    plans: Sequence[Any],
    consultation_ids: Sequence[int],
    resources: SessionResources,
    actor: Actor,
    today: dt.date,
) -> list[dict[str, Any]]:
    """A test spot, healed well once checked, for each plan whose findings ask for one."""
    rows: list[dict[str, Any]] = []
    for plan, consultation_id in zip(plans, consultation_ids, strict=True):
        asks = any(
            (rule := resources.rules.rule(f["rule_id"])) is not None and rule.test_spot
            for f in plan.findings
        )
        start = plan.consultation.get("treatment_date")
        if not asks or start is None:
            continue
        performed = start - dt.timedelta(days=TEST_SPOT_DAYS_BEFORE)
        check_on = performed + dt.timedelta(days=TEST_SPOT_CHECK_DAYS)
        checked = check_on <= today
        rows.append(
            {
                "patient_id": plan.patient_id,
                "consultation_id": consultation_id,
                "performed_on": performed,
                "area": (expand_areas(plan.plan["areas"]["areas"]) or ("cheeks",))[0],
                "device_profile_id": plan.plan["device_profile_id"],
                "settings": {"power_w": 8.0, "dwell_us": 400.0, "spacing_um": 700.0, "stack": 1.0},
                "check_on": check_on,
                "result": "healed_well" if checked else None,
                "result_notes": "",
                "recorded_by_id": actor.user_id,
                "checked_by_id": actor.user_id if checked else None,
                "checked_at": dt.datetime.combine(check_on, dt.time(10), dt.UTC)
                if checked
                else None,
                "created_at": dt.datetime.combine(performed, dt.time(10), dt.UTC),
                "version": 1,
            }
        )
    return rows


def seed_history(
    session: Session,
    actor: Actor,
    *,
    since_id: int = 0,
    seed: int = 2026,
    today: dt.date | None = None,
    resources: SessionResources | None = None,
    progress: Callable[[int, int], None] | None = None,
    sessions_each: int | None = None,
) -> HistoryCounts:
    """Give every patient with an id above ``since_id`` a consultation and 1-3 sessions
    (exactly ``sessions_each`` when given, as the benchmarks ask)."""
    if sessions_each is not None and not 1 <= sessions_each <= 12:
        raise ValueError("sessions_each must be between 1 and 12")
    resources = resources or load_resources()
    today = today or dt.date.today()
    rng = random.Random(seed)  # one stream for both: same seed, same clinic
    consultation_source = DemoConsultations(resources, actor, rng, today, sessions_each)
    session_source = DemoSessions(resources, actor, rng, today)
    total = int(
        session.scalar(select(func.count()).select_from(Patient).where(Patient.id > since_id)) or 0
    )
    counts = HistoryCounts()
    done = 0
    for ids in _patient_ids(session, since_id):
        plans = [consultation_source.plan_for(patient_id) for patient_id in ids]
        consultation_ids = _insert_keyed(
            session, Consultation, [p.consultation for p in plans], ("patient_id",)
        )
        plan_rows, finding_rows = [], []
        for plan, consultation_id in zip(plans, consultation_ids, strict=True):
            plan_rows.append({**plan.plan, "consultation_id": consultation_id})
            finding_rows += [{**f, "consultation_id": consultation_id} for f in plan.findings]
            session_source.sessions_for(plan)
        _insert_all(session, TreatmentPlan, plan_rows)
        _insert_all(session, ScreeningFinding, finding_rows)
        spot_rows = _test_spots(plans, consultation_ids, resources, actor, today)
        if spot_rows:
            _insert_all(session, TestSpot, spot_rows)
        session_rows, area_lists, session_plans = [], [], []
        for plan, consultation_id in zip(plans, consultation_ids, strict=True):
            for row, areas in plan.sessions:
                session_rows.append({**row, "consultation_id": consultation_id})
                area_lists.append(areas)
                session_plans.append(plan.plan)
        session_ids = _insert_keyed(
            session, TreatmentSession, session_rows, ("patient_id", "sequence_number")
        )
        area_rows = [
            {**area, "session_id": session_id}
            for session_id, areas in zip(session_ids, area_lists, strict=True)
            for area in areas
        ]
        _insert_all(session, SessionArea, area_rows)
        followup_rows = demo_followups.followup_rows(
            zip(session_ids, session_rows, session_plans, strict=True),
            resources.followups,
            resources.post_care,
            actor,
            today,
        )
        followup_ids = _insert_keyed(session, FollowUp, followup_rows, ("session_id", "kind"))
        audit.record_many(
            session,
            actor,
            [audit.Change("create", "consultation", i, "demo consultation generated")
             for i in consultation_ids]
            + [audit.Change("sign", "treatment_session", i, "demo session generated and signed")
               for i in session_ids]
            + [audit.Change("create", "followup", i, _planned(row))
               for i, row in zip(followup_ids, followup_rows, strict=True)],
        )  # fmt: skip
        counts.consultations += len(consultation_ids)
        counts.sessions += len(session_ids)
        counts.areas += len(area_rows)
        counts.findings += len(finding_rows)
        counts.followups += len(followup_rows)
        done += len(ids)
        if progress is not None:
            progress(done, total)
    return counts
