"""Draw demo treatment sessions for a demo plan: signed, at its interval, with device settings.

Settings lie on the device's steps between its minimum and the area's caution threshold,
stronger for a deeper plan and a little stronger each session, and quiet for the patient's skin
type and the plan's intensity as the session check judges them; now and then past a threshold
with an acknowledged reason (a danger also confirmed). The rows are written in bulk by
:mod:`.demo_history`.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from clinic_app.domain.screening.screening import QuestionKind
from clinic_app.domain.sessions.device_profile import DeviceProfile
from clinic_app.domain.sessions.session_recheck import NOTHING_NEW, recheck_questions
from clinic_app.domain.sessions.settings_check import CheckContext, check_settings
from clinic_app.services.demo.demo_consultations import DemoPlan
from clinic_app.services.security.identity import Actor
from clinic_app.services.sessions.session_resources import SessionResources

# Where between the minimum and the caution threshold a plan's settings lie.
STRENGTH = {"light": 0.25, "moderate": 0.45, "deep": 0.65}
PAST_THRESHOLD_SHARE = 0.03


class DemoSessions:
    """Draws signed sessions from ``rng``; caches the settings it computes."""

    def __init__(
        self,
        resources: SessionResources,
        actor: Actor,
        rng: random.Random,
        today: dt.date,
    ):
        self.rng = rng
        self.resources = resources
        self.actor = actor
        self.today = today
        self.recheck_answers = {
            q.id: (False if q.kind is QuestionKind.YES_NO else NOTHING_NEW)
            for q in recheck_questions(resources.rules, resources.content)
        }
        self._settings: dict[tuple[Any, ...], dict[str, Any]] = {}

    def sessions_for(self, plan: DemoPlan) -> None:
        """Add to ``plan.sessions`` its sessions (row, area rows) that lie before today."""
        rng = self.rng
        profile = self.resources.profiles[plan.plan["device_profile_id"]]
        intensity = plan.plan["intensity"]
        skin = plan.consultation["answers"].get("fitzpatrick")
        context = CheckContext(skin if isinstance(skin, str) else None, intensity)
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
                self._area(profile, name, context, index, position)
                for position, name in enumerate(plan.plan["areas"]["areas"])
            ]
            cautions = [c for a in areas for c in a.pop("_cautions")]
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
                    "cautions": cautions,
                    "danger_confirmed": _confirmed(cautions),
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
        self, profile: DeviceProfile, area: str, context: CheckContext, index: int, position: int
    ) -> dict[str, Any]:
        rng = self.rng
        past = rng.random() < PAST_THRESHOLD_SHARE
        key = (profile.id, area, context, min(index, 2), rng.randint(0, 3), past)
        settings = self._settings.get(key)
        if settings is None:
            strength = STRENGTH[context.intensity] + 0.08 * index
            settings = _settings(profile, area, strength, key[4], past, context)
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


def _confirmed(cautions: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Area -> its danger rules, as a session stores the confirmation of its dangers."""
    found: dict[str, list[str]] = {}
    for caution in cautions:
        if caution["level"] == "danger":
            found.setdefault(caution["area"], []).append(caution["rule_id"])
    return {area: sorted(ids) for area, ids in found.items()}


def _settings(
    profile: DeviceProfile,
    area: str,
    strength: float,
    jitter: int,
    past: bool,
    context: CheckContext,
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
        check = check_settings(profile, area, {**values, **scan}, context)
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
            {
                "area": c.area,
                "rule_id": c.rule_id,
                "level": c.level,
                "message": c.message,
                **({"confirmed": True} if c.is_danger else {}),
            }
            for c in check.cautions
        ],
    }
