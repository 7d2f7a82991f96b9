"""The safety gate before a treatment session, with the clinic's own gates file.

The gates' wording and reason floors come from the session resources (loaded from the clinic's
data folder), not from the shipped file: a clinic that asks more of a relative finding's
reason has it asked here as for handouts and overrides (docs/clinical-chain.md).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from clinic_app.domain.clinical_picture import ClinicalPicture, GateProblem, Purpose
from clinic_app.services.clinical import gates
from clinic_app.services.sessions.session_resources import SessionResources


def session_gate_problems(
    session: Session, patient_id: int, resources: SessionResources
) -> tuple[GateProblem, ...]:
    """What stops a treatment session for the patient now (overrides taken into account)."""
    return gates.open_problems(
        session,
        patient_id,
        Purpose.SESSION,
        resources.rules,
        texts=resources.gate_texts,
        policy=resources.reasons,
    )


def require_session_gate(
    session: Session,
    patient_id: int,
    resources: SessionResources,
    picture: ClinicalPicture | None = None,
) -> ClinicalPicture:
    """The patient's clinical picture; GateClosedError when the session gate is closed."""
    return gates.require_open(
        session,
        patient_id,
        Purpose.SESSION,
        resources.rules,
        picture=picture,
        texts=resources.gate_texts,
        policy=resources.reasons,
    )
