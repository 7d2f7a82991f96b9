"""Whether a content file's translation says everything its English file says.

A translation (``resources/care/es/``, ``resources/consent/es/``, or a clinic's own) must have
every key of the English file, at every depth, with the same placeholders in each text, the
same number of items in each list, and the same codes and figures (ids, flags, day offsets,
versions): only the wording changes. :func:`missing_translation` lists what differs; a document
whose translation is incomplete is printed whole in English (:class:`LanguageUse`), never half
in one language and half in another (docs/language.md). Standard library only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

ENGLISH = "en"
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
# Keys whose text is a code, not wording: the translation keeps it exactly.
CODE_KEYS = frozenset(
    {
        "id", "kind", "version", "date", "when", "personal_when", "only_when", "unless",
        "unless_answered_no", "default_intensity",
    }
)  # fmt: skip
# Keys that differ by design between languages.
OWN_KEYS = frozenset({"language"})
# The autonym of each language the app knows, for messages ("Español").
NAMES = {"en": "English", "es": "Español"}


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def missing_translation(english: Any, other: Any, where: str = "") -> list[str]:
    """What ``other`` (a parsed translation) lacks or changes of ``english``, one line each
    (empty: a complete translation). Keys only in ``other`` are ignored."""
    here = where or "the file"
    if isinstance(english, Mapping):
        if not isinstance(other, Mapping):
            return [f"{here}: a table is expected"]
        problems: list[str] = []
        for key, value in english.items():
            path = f"{where}.{key}" if where else str(key)
            if key not in other:
                problems.append(f"{path}: missing")
            elif key in OWN_KEYS:
                continue
            elif key in CODE_KEYS and value != other[key]:
                problems.append(f"{path}: must stay {value!r} (found {other[key]!r})")
            else:
                problems += missing_translation(value, other[key], path)
        return problems
    if isinstance(english, list):
        if not isinstance(other, list) or len(other) != len(english):
            count = len(other) if isinstance(other, list) else "no"
            return [f"{here}: {len(english)} items expected, {count} found"]
        problems = []
        for number, (mine, theirs) in enumerate(zip(english, other, strict=True), 1):
            problems += missing_translation(mine, theirs, f"{where}[{number}]")
        return problems
    if isinstance(english, str):
        if not isinstance(other, str):
            return [f"{here}: a text is expected"]
        if _placeholders(english) != _placeholders(other):
            want = ", ".join(sorted(_placeholders(english))) or "none"
            found = ", ".join(sorted(_placeholders(other))) or "none"
            return [f"{here}: placeholders {found} instead of {want}"]
        return []
    if english != other:  # a figure: a day, a number of weeks, a flag
        return [f"{here}: must stay {english!r} (found {other!r})"]
    return []


@dataclass(frozen=True)
class LanguageUse:
    """The language a document was wanted in, the one it is printed in, and why they differ."""

    wanted: str
    used: str
    reason: str = ""  # empty when used == wanted

    @property
    def fell_back(self) -> bool:
        return self.used != self.wanted

    def notice(self, what: str) -> str:
        """What to tell the practitioner ('' when the wanted language is printed)."""
        if not self.fell_back:
            return ""
        wanted = NAMES.get(self.wanted, self.wanted)
        used = NAMES.get(self.used, self.used)
        return (
            f"The {what} is in {used}, not in the patient's language, {wanted} "
            f"({self.wanted}): {self.reason}. Tell the patient; docs/language.md says how a "
            "translation is completed."
        )


def fallback(wanted: str, reason: str) -> LanguageUse:
    """English instead of ``wanted``, because of ``reason``."""
    return LanguageUse(wanted, ENGLISH, reason)


def summary(problems: list[str], limit: int = 3) -> str:
    """A few of ``problems`` in one phrase."""
    shown = "; ".join(problems[:limit])
    more = f" and {len(problems) - limit} more" if len(problems) > limit else ""
    return f"the translation is incomplete ({shown}{more})"
