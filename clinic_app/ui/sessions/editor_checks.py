"""The session editor's checks as the form is typed: the day's re-check, the anaesthetic
allergy, and the refusals the session service would give (shown before saving)."""

from __future__ import annotations

import datetime as dt

from clinic_app.domain.sessions.session_recheck import RecheckResult
from clinic_app.domain.sessions.session_record import SessionInput, validate_session
from clinic_app.services.clinical.clinical_picture import SKIN_TYPE_QUESTION
from clinic_app.services.sessions.session_resources import SessionResources
from clinic_app.services.sessions.session_signing import recheck_with_plan
from clinic_app.services.sessions.treatment_sessions import SessionContext


def skin_type_of(context: SessionContext) -> str | None:
    """The Fitzpatrick type of the consultation the session follows, if it was recorded."""
    plan = context.plan
    skin = plan.answers.get(SKIN_TYPE_QUESTION) if plan is not None else None
    return skin if isinstance(skin, str) and skin else None


def recheck_of(
    resources: SessionResources, context: SessionContext, data: SessionInput, tz: dt.tzinfo | None
) -> RecheckResult:
    """The screening rules run again for the session's day, with the re-check's answers."""
    return recheck_with_plan(resources, context.plan, data, tz)


def anaesthetic_warning(
    resources: SessionResources, context: SessionContext, data: SessionInput
) -> str | None:
    """The consultation's allergy that the anaesthetic product meets, if any."""
    answers = context.plan.answers if context.plan else {}
    return resources.content.anaesthetics.warning(data.anaesthetic_product, answers)


def local_errors(
    resources: SessionResources,
    context: SessionContext,
    data: SessionInput,
    now: dt.datetime,
    *,
    signing: bool,
    amending: bool,
) -> dict[str, str]:
    """What the session service would refuse, by field (checked in the window first)."""
    return validate_session(
        data.cleaned(),
        resources.profile(data.device_profile_id),
        now=now,
        signing=signing,
        amending=amending,
        skin_type=skin_type_of(context),
        policy=resources.reasons,
        not_before=context.plan.completed_on if context.plan else None,
        anaesthetic_warning=anaesthetic_warning(resources, context, data),
    )
