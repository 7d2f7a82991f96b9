"""The safety gates before a session or a handout, and the overrides that pass them.

``open_problems`` says what stops a session or a handout for a patient now; ``require_open``
raises GateClosedError listing it; ``record_override`` lets a practitioner go on with a reason
of substance (the danger floor of resources/clinical/gates.toml), stored in ``gate_overrides``
and audited in the caller's transaction. The reason is printed nowhere for the patient.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.orm import Session

from clinic_app.domain import gates as gate_rules
from clinic_app.domain.clinical_picture import ClinicalPicture, Gate, GateProblem, Purpose
from clinic_app.domain.gates import GateTexts
from clinic_app.domain.reasons import ReasonLevel, ReasonPolicy, load_policy
from clinic_app.domain.screening.screening_model import RuleSet, format_date
from clinic_app.models import GateOverride
from clinic_app.services.clinical.clinical_picture import picture_of
from clinic_app.services.errors import ServiceError, ValidationError
from clinic_app.services.security import audit
from clinic_app.services.security.identity import Actor

REASON_FIELD = "override_reason"


class GateClosedError(ServiceError):
    """A safety gate is closed: the problems say which and why; an override can pass them."""

    def __init__(self, purpose: Purpose, problems: Sequence[GateProblem]) -> None:
        self.purpose = purpose
        self.problems = tuple(problems)
        what = "treatment session" if purpose is Purpose.SESSION else "handout"
        lines = " ".join(_sentence(problem.message) for problem in self.problems)
        super().__init__(
            f"The patient is not cleared for a {what}. {lines} A practitioner may go on only "
            "by recording a reason (it is audited)."
        )


def _sentence(text: str) -> str:
    """``text`` ending with a full stop, so that messages read one after the other."""
    cleaned = text.strip()
    return cleaned if cleaned.endswith((".", "!", "?")) else f"{cleaned}."


def open_problems(
    session: Session,
    patient_id: int,
    purpose: Purpose,
    rules: RuleSet,
    *,
    data_dir: Path | None = None,
    picture: ClinicalPicture | None = None,
    texts: GateTexts | None = None,
    policy: ReasonPolicy | None = None,
) -> tuple[GateProblem, ...]:
    """What stops a session or a handout for the patient now (overrides taken into account).

    The gates' wording and reason floors are the clinic's (its gates file in ``data_dir``);
    ``texts`` and ``policy``, when given, are those already loaded from it (SessionResources)."""
    current = picture or picture_of(session, patient_id, rules)
    return gate_rules.open_problems(
        current,
        purpose,
        texts if texts is not None else gate_rules.load_texts(data_dir),
        format_date,
        policy if policy is not None else load_policy(data_dir),
    )


def require_open(
    session: Session,
    patient_id: int,
    purpose: Purpose,
    rules: RuleSet,
    *,
    data_dir: Path | None = None,
    picture: ClinicalPicture | None = None,
    texts: GateTexts | None = None,
    policy: ReasonPolicy | None = None,
) -> ClinicalPicture:
    """The patient's picture; GateClosedError when a gate for ``purpose`` is still closed
    (``data_dir``, ``texts``, ``policy``: as for :func:`open_problems`)."""
    current = picture or picture_of(session, patient_id, rules)
    problems = open_problems(
        session,
        patient_id,
        purpose,
        rules,
        data_dir=data_dir,
        picture=current,
        texts=texts,
        policy=policy,
    )
    if problems:
        raise GateClosedError(purpose, problems)
    return current


def record_override(
    session: Session,
    actor: Actor,
    patient_id: int,
    purpose: Purpose,
    reason: str,
    rules: RuleSet,
    *,
    data_dir: Path | None = None,
) -> tuple[Gate, ...]:
    """Record ``reason`` as the override of every gate now closed for ``purpose``; audited.

    ValidationError (``override_reason``) when the reason is not one of substance; returns the
    gates passed (empty when none was closed, and then nothing is written)."""
    picture = picture_of(session, patient_id, rules)
    problems = open_problems(
        session, patient_id, purpose, rules, data_dir=data_dir, picture=picture
    )
    if not problems:
        return ()
    cleaned = reason.strip()
    problem = load_policy(data_dir).problem(cleaned, ReasonLevel.DANGER)
    if problem is not None:
        raise ValidationError({REASON_FIELD: f"Reason to go on: {problem}."})
    passed = tuple(p.gate for p in problems)
    for gate in passed:
        session.add(
            GateOverride(
                patient_id=patient_id,
                consultation_id=picture.consultation_id,
                gate=gate.value,
                purpose=purpose.value,
                reason=cleaned,
                user_id=actor.user_id,
                actor=actor.name,
            )
        )
    session.flush()
    names = ", ".join(gate.value for gate in passed)
    audit.record(
        session, actor, "override", "patient", patient_id, f"{purpose.value} gate passed: {names}"
    )
    return passed
