"""Whether a written reason says something: the floor a reason must clear to pass a gate.

A reason is what a practitioner writes to go on despite a finding, a caution or a gate. It is
read later by a colleague or an auditor, so "." or "ok" must not count. The policy (letters
and words per level) is data: ``resources/clinical/gates.toml``. Standard library only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from clinic_app.domain.gates_file import GATES_DIR, GATES_FILE, GatesFileError, gates_files

__all__ = [
    "GATES_DIR",
    "GATES_FILE",
    "GatesFileError",
    "ReasonLevel",
    "ReasonPolicy",
    "load_policy",
]

_WORD = re.compile(r"[^\W\d_]{2,}")  # a word: two letters or more, in any script


class ReasonLevel(Enum):
    """How much a reason must say: a caution's note, a relative finding's, a danger's."""

    CAUTION = "caution"
    RELATIVE = "relative"
    DANGER = "danger"


@dataclass(frozen=True)
class ReasonRule:
    """The floor of one level: letters in all, and distinct words of two letters or more."""

    minimum_letters: int
    minimum_words: int


DEFAULT_RULES = {
    ReasonLevel.CAUTION: ReasonRule(6, 2),
    ReasonLevel.RELATIVE: ReasonRule(15, 3),
    ReasonLevel.DANGER: ReasonRule(25, 5),
}


@dataclass(frozen=True)
class ReasonPolicy:
    """The floors of every level, as the clinic's gates file sets them."""

    rules: dict[ReasonLevel, ReasonRule]

    def problem(self, text: str | None, level: ReasonLevel) -> str | None:
        """What is missing from ``text`` as a reason of ``level``, or None when it is enough."""
        return reason_problem(text, self.rules[level])


def reason_problem(text: str | None, rule: ReasonRule) -> str | None:
    """None when ``text`` holds enough letters and distinct words, else what it lacks."""
    cleaned = (text or "").strip()
    letters = sum(ch.isalpha() for ch in cleaned)
    words = {word.casefold() for word in _WORD.findall(cleaned)}
    if not cleaned:
        return (
            f"write the reason: at least {rule.minimum_words} words saying why it is safe to go on"
        )
    if letters < rule.minimum_letters or len(words) < rule.minimum_words:
        return (
            f"too short to be a reason: write at least {rule.minimum_words} different words "
            f"({rule.minimum_letters} letters or more) saying why it is safe to go on"
        )
    return None


def load_policy(data_dir: Path | None = None) -> ReasonPolicy:
    """The shipped reason floors, replaced by the clinic's gates file when it has one."""
    rules = dict(DEFAULT_RULES)
    for name, data in gates_files(data_dir):
        section = data.get("reasons", {})
        for level in ReasonLevel:
            raw = section.get(level.value)
            if raw is None:
                continue
            letters, words = raw.get("minimum_letters"), raw.get("minimum_words")
            if not (isinstance(letters, int) and isinstance(words, int)) or min(letters, words) < 1:
                raise GatesFileError(
                    f"{name}: [reasons.{level.value}] needs minimum_letters and minimum_words, "
                    "whole numbers of 1 or more"
                )
            rules[level] = ReasonRule(letters, words)
    return ReasonPolicy(rules)
