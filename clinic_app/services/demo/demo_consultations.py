"""Draw demo consultations: answers to every question, the screening's findings, a plan.

Shares of devices, intensities, skin types, areas and "yes" answers are the demo clinic's
(weights, not clinical advice). The sessions drawn for a plan are :mod:`.demo_sessions`'s; the
rows are written in bulk by :mod:`.demo_history`.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from clinic_app.domain.care.care_kinds import INTENSITIES
from clinic_app.domain.screening.screening import QuestionKind, RuleSet, evaluate
from clinic_app.domain.screening.screening_model import Severity
from clinic_app.domain.sessions.device_profile import FACE_AREAS
from clinic_app.services.security.identity import Actor
from clinic_app.services.sessions.session_resources import SessionResources

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
DOWNTIME_DAYS = {"light": 4, "moderate": 7, "deep": 14}


@dataclass
class DemoPlan:
    """A patient's demo consultation, plan and findings as rows, and the sessions drawn for it."""

    patient_id: int
    consultation: dict[str, Any]
    plan: dict[str, Any]
    findings: list[dict[str, Any]]
    sessions: list[tuple[dict[str, Any], list[dict[str, Any]]]] = field(default_factory=list)


class DemoConsultations:
    """Draws consultations from ``rng``; caches the screening it computes."""

    def __init__(
        self,
        resources: SessionResources,
        actor: Actor,
        rng: random.Random,
        today: dt.date,
        sessions_each: int | None = None,
    ):
        self.rng = rng
        self.sessions_each = sessions_each
        self.resources = resources
        self.actor = actor
        self.today = today
        self.devices = [d for d in DEVICES if d in resources.profiles]
        self.device_weights = [DEVICES[d] for d in self.devices]
        self.base_answers = _all_no(resources.rules)
        self._screening: dict[tuple[Any, ...], list[dict[str, Any]]] = {}

    def plan_for(self, patient_id: int) -> DemoPlan:
        """A completed consultation with its findings and plan for the patient."""
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
        return DemoPlan(
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
