"""The safety gates before a session or a handout: which are closed for a clinical picture.

A gate is closed when the latest consultation does not clear the patient: no consultation (for
a session), not a candidate, an absolute finding, an absolute question unanswered, a relative
finding without a written reason, or a finding that asks for a test spot with no healed test
spot recorded (for a full session). A closed gate is passed only with an override recorded with
a reason of substance (services/clinical/gates.py). The wording lives in
``resources/clinical/gates.toml``. Standard library only.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from clinic_app.domain.clinical_picture import (
    ClinicalPicture,
    Gate,
    GateProblem,
    Purpose,
    overridden,
)
from clinic_app.domain.gates_file import GATES_DIR, GATES_FILE, GatesFileError, gates_files
from clinic_app.domain.reasons import ReasonLevel, ReasonPolicy

DateFormat = Callable[[dt.date], str]


@dataclass(frozen=True)
class GateTexts:
    """The messages of the gates, by gate and wording key (``message``, ``session``, ...)."""

    texts: Mapping[str, Mapping[str, str]]

    def text(self, gate: Gate, key: str = "message", **values: str) -> str:
        """The wording of ``gate`` with its placeholders filled (unknown ones left as written)."""
        entry = self.texts.get(gate.value, {})
        template = entry.get(key) or entry.get("message") or gate.value
        return string.Template(_to_template(template)).safe_substitute(values)


def _to_template(text: str) -> str:
    """``{name}`` placeholders as string.Template's ``${name}`` (nothing is evaluated)."""
    return text.replace("$", "$$").replace("{", "${")


def load_texts(data_dir: Path | None = None) -> GateTexts:
    """The gate messages of the shipped gates file, replaced by the clinic's when it has one."""
    texts: dict[str, dict[str, str]] = {}
    for _name, data in gates_files(data_dir):
        for gate, wording in data.get("gates", {}).items():
            if isinstance(wording, dict):
                texts[gate] = {k: v for k, v in wording.items() if isinstance(v, str)}
    missing = [gate.value for gate in Gate if gate.value not in texts]
    if missing:
        raise GatesFileError(f"{GATES_DIR}/{GATES_FILE}: no [gates.*] wording for {missing}")
    return GateTexts(texts)


def closed_gates(
    picture: ClinicalPicture,
    purpose: Purpose,
    texts: GateTexts,
    format_date: DateFormat,
    policy: ReasonPolicy | None = None,
) -> tuple[GateProblem, ...]:
    """Every gate closed for ``purpose``, overrides not yet taken into account; with ``policy``
    a relative finding's reason counts only when it clears the relative floor."""
    if picture.consultation_id is None:
        if purpose is Purpose.SESSION:
            return (GateProblem(Gate.NO_CONSULTATION, texts.text(Gate.NO_CONSULTATION, "session")),)
        return ()
    day = format_date(picture.completed_on) if picture.completed_on else "an unknown date"
    found: list[GateProblem] = []

    def add(gate: Gate, key: str = "message", **values: str) -> None:
        found.append(GateProblem(gate, texts.text(gate, key, date=day, **values)))

    if picture.status == "not_candidate" or picture.not_candidate_reason.strip():
        add(Gate.NOT_CANDIDATE, reason=picture.not_candidate_reason.strip() or "-")
    absolute = [f.title for f in picture.findings if f.severity == "absolute"]
    if absolute:
        add(Gate.ABSOLUTE_FINDING, findings="; ".join(absolute))
    if picture.unanswered_absolute:
        add(Gate.UNANSWERED_ABSOLUTE, questions="; ".join(picture.unanswered_absolute))

    def unreasoned(reason: str) -> bool:
        if policy is None:
            return not reason.strip()
        return policy.problem(reason, ReasonLevel.RELATIVE) is not None

    undecided = [
        f.title for f in picture.findings if f.severity == "relative" and unreasoned(f.reason)
    ]
    if undecided:
        add(Gate.UNDECIDED_RELATIVE, findings="; ".join(undecided))
    if purpose is Purpose.SESSION and picture.test_spot_rules and not picture.healed_test_spot():
        rules = "; ".join(picture.test_spot_rules)
        pending = [spot for spot in picture.test_spots if spot.result is None]
        if pending:
            spot = max(pending, key=lambda s: s.performed_on)
            add(
                Gate.TEST_SPOT,
                "pending",
                rules=rules,
                spot_date=format_date(spot.performed_on),
                check_date=format_date(spot.check_on),
            )
        else:
            add(Gate.TEST_SPOT, rules=rules)
    return tuple(found)


def open_problems(
    picture: ClinicalPicture,
    purpose: Purpose,
    texts: GateTexts,
    format_date: DateFormat,
    policy: ReasonPolicy | None = None,
) -> tuple[GateProblem, ...]:
    """The closed gates that no recorded override passes: what still stops ``purpose``."""
    return tuple(
        problem
        for problem in closed_gates(picture, purpose, texts, format_date, policy)
        if overridden(picture, problem.gate, purpose) is None
    )
