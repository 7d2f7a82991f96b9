"""What an area needs before its cautions and dangers let it be saved.

A caution stays light: a short note (``ReasonLevel.CAUTION`` of the clinic's gates file). A
danger needs a second, explicit confirmation ("I have checked these settings") and a reason of
substance (``ReasonLevel.DANGER``); the reason is ``SessionArea.caution_ack_reason`` and the
confirmation the area's ``danger_confirmed``. Standard library only.
"""

from __future__ import annotations

from clinic_app.domain.reasons import DEFAULT_RULES, ReasonLevel, ReasonPolicy
from clinic_app.domain.sessions.check_findings import SettingsCheck, area_text

CONFIRM_LABEL = "I have checked these settings"
CONFIRM_FIELD = "danger_confirmed"
REASON_FIELD = "caution_ack_reason"
DEFAULT_POLICY = ReasonPolicy(dict(DEFAULT_RULES))


def reason_level(check: SettingsCheck) -> ReasonLevel | None:
    """How much the area's reason must say: DANGER, CAUTION, or None (no reason needed)."""
    if check.dangers:
        return ReasonLevel.DANGER
    return ReasonLevel.CAUTION if check.cautions else None


def minimum_words(check: SettingsCheck, policy: ReasonPolicy | None = None) -> int:
    """The words the area's reason needs (0 when it needs none)."""
    level = reason_level(check)
    return (policy or DEFAULT_POLICY).rules[level].minimum_words if level else 0


def acknowledgement_errors(
    check: SettingsCheck,
    reason: str,
    confirmed: bool,
    policy: ReasonPolicy | None = None,
) -> dict[str, str]:
    """Why the area's settings cannot be saved yet as acknowledged, by field of the area
    (``danger_confirmed``, ``caution_ack_reason``); empty when they can."""
    policy = policy or DEFAULT_POLICY
    level = reason_level(check)
    if level is None:
        return {}
    area = area_text(check.area)
    errors: dict[str, str] = {}
    problem = policy.problem(reason, level)
    if level is ReasonLevel.DANGER:
        words = policy.rules[level].minimum_words
        if not confirmed:
            found = " ".join(danger.message for danger in check.dangers)
            errors[CONFIRM_FIELD] = (
                f"Danger on {area}: {found} Tick “{CONFIRM_LABEL}”, then write the reason "
                f"(at least {words} words)."
            )
        if problem:
            errors[REASON_FIELD] = f"Danger on {area}: {problem}."
        return errors
    if problem:
        count = len(check.cautions)
        noun = "caution" if count == 1 else "cautions"
        if not reason.strip():
            problem = f"write the reason for going past {'it' if count == 1 else 'them'} to proceed"
        errors[REASON_FIELD] = f"{count} {noun} on {area}: {problem}."
    return errors
