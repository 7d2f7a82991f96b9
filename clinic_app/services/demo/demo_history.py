"""Demo consultations and treatment sessions for demo patients, in bulk.

Each patient gets one completed consultation (answers to every question, the screening's
findings, a plan) and 1-3 signed sessions at the plan's interval, with settings drawn from the
device profile: between the device's minimum and the area's caution threshold, stronger for a
deeper plan and a little stronger each session; now and then past a threshold with an
acknowledged reason. Rows are inserted in batches (100 000 patients stay practical), every
consultation and session audited. Same seed, same clinic.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from clinic_app.domain.care.care_schedule import INTENSITIES
from clinic_app.domain.screening.screening import QuestionKind, RuleSet, evaluate
from clinic_app.domain.screening.screening_model import Severity
from clinic_app.domain.sessions.device_profile import FACE_AREAS, DeviceProfile
from clinic_app.domain.sessions.session_recheck import NOTHING_NEW, recheck_questions
from clinic_app.domain.sessions.settings_check import check_settings
from clinic_app.models import (
    Consultation,
    Patient,
    ScreeningFinding,
    SessionArea,
    TreatmentPlan,
    TreatmentSession,
)
from clinic_app.services.security import audit
from clinic_app.services.security.audit import Actor
from clinic_app.services.sessions.session_resources import SessionResources, load_resources

BATCH_SIZE = 2000
# Shares of the demo clinic (weights), not clinical advice.
DEVICES = {
    "deka-smartxide-dot": 35,
    "cynosure-smartskin-co2": 25,
    "alma-pixel-co2": 15,
    "lumenis-ultrapulse-activefx": 10,
    "lumenis-ultrapulse-deepfx": 10,
    "generic-fractional-co2": 5,
}
INTENSITY_WEIGHTS = (30, 50, 20)  # light, moderate, deep
FITZPATRICK = {"I": 8, "II": 30, "III": 36, "IV": 20, "V": 5, "VI": 1}
EXTRA_AREAS = {"perioral": 0.3, "periorbital": 0.15, "neck": 0.2, "chest": 0.05, "hands": 0.03}
YES_SHARE = {"hsv_history": 0.2, "smoker": 0.1, "pih_history": 0.08, "keloid_history": 0.02}
# Where between the minimum and the caution threshold a plan's settings lie.
STRENGTH = {"light": 0.25, "moderate": 0.45, "deep": 0.65}
DOWNTIME_DAYS = {"light": 4, "moderate": 7, "deep": 14}
PAST_THRESHOLD_SHARE = 0.03


@dataclass
class HistoryCounts:
    consultations: int = 0
    sessions: int = 0
    areas: int = 0
    findings: int = 0


@dataclass
class _Plan:
    patient_id: int
    consultation: dict[str, Any]
    plan: dict[str, Any]
    findings: list[dict[str, Any]]
    sessions: list[tuple[dict[str, Any], list[dict[str, Any]]]] = field(default_factory=list)


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


class _Generator:
    """Draws consultations and sessions; caches the screening and the settings it computes."""

    def __init__(
        self,
        resources: SessionResources,
        actor: Actor,
        seed: int,
        today: dt.date,
        sessions_each: int | None = None,
    ):
        self.rng = random.Random(seed)
        self.sessions_each = sessions_each
        self.resources = resources
        self.actor = actor
        self.today = today
        self.devices = [d for d in DEVICES if d in resources.profiles]
        self.device_weights = [DEVICES[d] for d in self.devices]
        self.base_answers = _all_no(resources.rules)
        self.recheck_answers = {
            q.id: (False if q.kind is QuestionKind.YES_NO else NOTHING_NEW)
            for q in recheck_questions(resources.rules, resources.content)
        }
        self._screening: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
        self._settings: dict[tuple[Any, ...], dict[str, Any]] = {}

    # ---- consultation ----------------------------------------------------------------------
    def plan_for(self, patient_id: int) -> _Plan:
        rng = self.rng
        intensity = rng.choices(INTENSITIES, INTENSITY_WEIGHTS)[0]
        device = rng.choices(self.devices, self.device_weights)[0]
        areas = [a for a in FACE_AREAS if a != "perioral" and rng.random() < 0.85] or ["cheeks"]
        areas += [a for a, share in EXTRA_AREAS.items() if rng.random() < share]
        fitzpatrick = rng.choices(list(FITZPATRICK), list(FITZPATRICK.values()))[0]
        yes = tuple(sorted(q for q, share in YES_SHARE.items() if rng.random() < share))
        # Every planned session must lie in the past: a fixed count needs an older consultation.
        earliest = 45 if self.sessions_each is None else 35 + 45 * self.sessions_each
        completed_days_ago = rng.randint(earliest, max(earliest, 720))
        hour, minute = rng.randint(9, 17), rng.choice((0, 15, 30, 45))
        completed = dt.datetime.combine(
            self.today - dt.timedelta(days=completed_days_ago), dt.time(hour, minute)
        ).astimezone(dt.UTC)
        treatment_date = completed.date() + dt.timedelta(days=rng.randint(14, 28))
        answers = dict(self.base_answers)
        answers.update({q: True for q in yes}, fitzpatrick=fitzpatrick, treatment_areas=areas)
        findings = self._findings(fitzpatrick, yes, treatment_date)
        planned = rng.choice((1, 2, 3) if intensity != "light" else (1, 2))
        if self.sessions_each is not None:
            planned = self.sessions_each
        interval = rng.choice((4, 4, 5, 6))
        return _Plan(
            patient_id=patient_id,
            consultation={
                "patient_id": patient_id,
                "practitioner_id": self.actor.user_id,
                "status": "completed",
                "treatment_date": treatment_date,
                "answers": answers,
                "not_candidate_reason": "",
                "started_at": completed - dt.timedelta(minutes=rng.randint(35, 70)),
                "updated_at": completed,
                "completed_at": completed,
                "version": 1,
            },
            plan={
                "intensity": intensity,
                "sessions_planned": planned,
                "interval_weeks": interval,
                "expected_downtime_days": DOWNTIME_DAYS[intensity],
                "device_profile_id": device,
                "areas": {"areas": areas},
                "currency": "",
                "notes": "",
            },
            findings=findings,
        )

    def _findings(
        self, fitzpatrick: str, yes: tuple[str, ...], day: dt.date
    ) -> list[dict[str, Any]]:
        # The shipped rules read neither the areas nor, except for the cold-sore advice, the
        # date here (no exposure is dated): one evaluation serves many patients.
        key = (fitzpatrick, yes, day if "hsv_history" in yes else None)
        cached = self._screening.get(key)
        if cached is None:
            answers = dict(self.base_answers)
            answers.update({q: True for q in yes}, fitzpatrick=fitzpatrick)
            answers["treatment_areas"] = ["cheeks"]
            result = evaluate(self.resources.rules, answers, day)
            cached = [
                {
                    "rule_id": f.rule_id,
                    "rule_version": f.rule_version,
                    "severity": f.severity.value,
                    "message": f.message,
                    "advice": f.advice,
                    "source": f.source,
                    "due_date": f.due_date,
                }
                for f in result.findings
                if f.severity is not Severity.ABSOLUTE
            ]
            self._screening[key] = cached
        reasons = self.resources.content.demo_relative_reasons or ("",)
        return [
            {
                **finding,
                "decision": "proceed" if finding["severity"] == Severity.RELATIVE.value else None,
                "reason": self.rng.choice(reasons)
                if finding["severity"] == Severity.RELATIVE.value
                else "",
            }
            for finding in cached
        ]

    # ---- sessions --------------------------------------------------------------------------
    def sessions_for(self, plan: _Plan) -> None:
        rng = self.rng
        profile = self.resources.profiles[plan.plan["device_profile_id"]]
        intensity = plan.plan["intensity"]
        start = plan.consultation["treatment_date"]
        content = self.resources.content
        product = rng.choice(content.anaesthetic_products) if content.anaesthetic_products else ""
        version = int(profile.version) if profile.version.isdigit() else None
        for index in range(plan.plan["sessions_planned"]):
            day = (
                start
                + dt.timedelta(weeks=plan.plan["interval_weeks"] * index)
                + dt.timedelta(days=rng.randint(0, 6) if index else 0)
            )
            if day >= self.today:
                break
            at = dt.datetime.combine(
                day, dt.time(rng.randint(9, 16), rng.choice((0, 15, 30, 45)))
            ).astimezone(dt.UTC)
            areas = [
                self._area(profile, name, intensity, index, position)
                for position, name in enumerate(plan.plan["areas"]["areas"])
            ]
            row = {
                "patient_id": plan.patient_id,
                "practitioner_id": self.actor.user_id,
                "sequence_number": index + 1,
                "performed_at": at,
                "device_profile_id": profile.id,
                "device_profile_version": version,
                "intensity": intensity,
                "anaesthetic_product": product,
                "anaesthetic_applied_at": at - dt.timedelta(minutes=rng.randint(45, 60)),
                "anaesthetic_removed_at": at - dt.timedelta(minutes=rng.randint(5, 10)),
                "recheck": {
                    "answers": self.recheck_answers,
                    "reason": "",
                    "practitioner": self.actor.name,
                    "signed_by": self.actor.name,
                    "profile_version": profile.version,
                    "screening": {"day": day.isoformat(), "answers": self.recheck_answers},
                    "cautions": [c for a in areas for c in a.pop("_cautions")],
                },
                "notes": "",
                "status": "signed",
                "signed_at": at + dt.timedelta(minutes=rng.randint(30, 90)),
                "signed_by_id": self.actor.user_id,
                "created_at": at,
                "updated_at": at,
                "version": 1,
            }
            plan.sessions.append((row, areas))

    def _area(
        self, profile: DeviceProfile, area: str, intensity: str, index: int, position: int
    ) -> dict[str, Any]:
        rng = self.rng
        past = rng.random() < PAST_THRESHOLD_SHARE
        key = (profile.id, area, intensity, min(index, 2), rng.randint(0, 3), past)
        settings = self._settings.get(key)
        if settings is None:
            settings = _settings(profile, area, STRENGTH[intensity] + 0.08 * index, key[4], past)
            self._settings[key] = settings
        content = self.resources.content
        cautions = settings["_cautions"]
        reasons = content.demo_caution_reasons or ("",)
        return {
            **{k: v for k, v in settings.items() if k != "_cautions"},
            "_cautions": list(cautions),
            "position": position,
            "area": area,
            "handpiece": "",
            "endpoint": rng.choice(content.endpoints[:3]) if content.endpoints else "",
            "reaction": content.reactions[0] if content.reactions else "",
            "notes": "",
            "caution_ack_reason": rng.choice(reasons) if cautions else "",
        }


def _all_no(rules: RuleSet) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for question in rules.questions:
        if question.kind is QuestionKind.CHOICE:
            answers[question.id] = question.choices[min(1, len(question.choices) - 1)].value
        elif question.kind is QuestionKind.MULTI_CHOICE:
            answers[question.id] = []
        else:
            answers[question.id] = False
    return answers


def _settings(
    profile: DeviceProfile, area: str, strength: float, jitter: int, past: bool
) -> dict[str, Any]:
    """Values on the device's steps between its minimum and the area's caution threshold."""
    thresholds = profile.thresholds(area)
    fraction = min(0.95, max(0.05, strength + (jitter - 1.5) * 0.03))
    for _attempt in range(6):
        values: dict[str, Any] = {}
        for name, parameter in profile.parameters.items():
            condition = thresholds.get(name)
            step = parameter.step
            if condition is not None and condition.upper:
                top = condition.limit - (step if condition.operator == "at_least" else 0)
                value = parameter.minimum + fraction * (top - parameter.minimum)
                if past and name == "power_w":  # the rare session past the power threshold
                    value = condition.limit + (step if condition.operator == "above" else 0)
            elif condition is not None:
                bottom = condition.limit + (step if condition.operator == "at_most" else 0)
                value = max(bottom, parameter.maximum - fraction * (parameter.maximum - bottom))
            else:
                value = parameter.default * (0.7 + fraction * 0.6)
            value = parameter.nearest_allowed(value)
            values[name] = int(value) if parameter.whole_number else value
        scan = {
            "scan_pattern": profile.scan.shapes[0],
            "scan_size": profile.scan.sizes[len(profile.scan.sizes) // 2],
        }
        check = check_settings(profile, area, {**values, **scan})
        if past or not check.cautions or fraction <= 0.05:
            break
        fraction = max(0.05, fraction - 0.15)
    columns = {
        name: values.get(name)
        for name in ("power_w", "energy_mj", "dwell_us", "spacing_um", "density_pct")
    }
    return {
        **columns,
        "stack": values.get("stack"),
        "passes": values.get("passes"),
        **scan,
        "_cautions": [
            {"area": c.area, "rule_id": c.rule_id, "level": c.level, "message": c.message}
            for c in check.cautions
        ],
    }


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
    generator = _Generator(
        resources or load_resources(), actor, seed, today or dt.date.today(), sessions_each
    )
    total = int(
        session.scalar(select(func.count()).select_from(Patient).where(Patient.id > since_id)) or 0
    )
    counts = HistoryCounts()
    done = 0
    for ids in _patient_ids(session, since_id):
        plans = [generator.plan_for(patient_id) for patient_id in ids]
        consultation_ids = _insert_keyed(
            session, Consultation, [p.consultation for p in plans], ("patient_id",)
        )
        plan_rows, finding_rows = [], []
        for plan, consultation_id in zip(plans, consultation_ids, strict=True):
            plan_rows.append({**plan.plan, "consultation_id": consultation_id})
            finding_rows += [{**f, "consultation_id": consultation_id} for f in plan.findings]
            generator.sessions_for(plan)
        _insert_all(session, TreatmentPlan, plan_rows)
        _insert_all(session, ScreeningFinding, finding_rows)
        session_rows, area_lists = [], []
        for plan, consultation_id in zip(plans, consultation_ids, strict=True):
            for row, areas in plan.sessions:
                session_rows.append({**row, "consultation_id": consultation_id})
                area_lists.append(areas)
        session_ids = _insert_keyed(
            session, TreatmentSession, session_rows, ("patient_id", "sequence_number")
        )
        area_rows = [
            {**area, "session_id": session_id}
            for session_id, areas in zip(session_ids, area_lists, strict=True)
            for area in areas
        ]
        _insert_all(session, SessionArea, area_rows)
        audit.record_many(
            session,
            actor,
            [audit.Change("create", "consultation", i, "demo consultation generated")
             for i in consultation_ids]
            + [audit.Change("sign", "treatment_session", i, "demo session generated and signed")
               for i in session_ids],
        )  # fmt: skip
        counts.consultations += len(consultation_ids)
        counts.sessions += len(session_ids)
        counts.areas += len(area_rows)
        counts.findings += len(finding_rows)
        done += len(ids)
        if progress is not None:
            progress(done, total)
    return counts
