"""A relative finding needs a reason of substance: one character, "ok" or "." no longer do."""

from __future__ import annotations

import pytest
from consultation_samples import complete_document

from clinic_app.domain.consultation.consultation_document import (
    ConsultationContent,
    completion_errors,
    finding_errors,
    load_content,
    screen,
)
from clinic_app.domain.reasons import ReasonLevel, ReasonPolicy, ReasonRule

RELATIVE_SIX = {
    "keloid_history": True, "fitzpatrick": "V", "aha_bha": "2026-12-10",
    "waxing": "2026-12-10", "chemical_peel": "2026-12-10", "antibiotics": "2026-12-12",
}  # fmt: skip


@pytest.fixture(scope="module")
def content() -> ConsultationContent:
    return load_content(None)


@pytest.mark.parametrize("reason", ["x", ".", "ok", "fine fine fine", "   "])
def test_a_token_reason_unlocks_no_relative_finding(content, reason: str) -> None:
    document = complete_document(content, **RELATIVE_SIX)
    result = screen(document, content.rules)
    assert len(result.needs_reason) == 6
    document["reasons"] = {f.rule_id: reason for f in result.needs_reason}
    _, errors = completion_errors(document, content)
    for finding in result.needs_reason:
        message = errors[f"reasons.{finding.rule_id}"]
        assert "is a relative contraindication" in message
        assert "at least 3" in message and "words" in message, message


def test_a_reason_of_substance_passes(content) -> None:
    document = complete_document(content, keloid_history=True)
    document["reasons"] = {"keloid_history": "Test spot on 2 Nov healed flat; patient informed."}
    _, errors = completion_errors(document, content)
    assert errors == {}


def test_the_clinic_sets_the_floor(content) -> None:
    result = screen(complete_document(content, keloid_history=True), content.rules)
    strict = ReasonPolicy({**content.reason_policy.rules, ReasonLevel.RELATIVE: ReasonRule(40, 8)})
    reasons = {"keloid_history": "Test spot healed flat."}
    assert finding_errors(result, reasons) == {}
    assert (
        "at least 8 different words"
        in finding_errors(result, reasons, strict)["reasons.keloid_history"]
    )
