"""What a check of one area's settings finds: refusals, cautions and dangers, and what it knew.

The checks themselves are :mod:`clinic_app.domain.sessions.settings_check` (single values and
combined rules) and :mod:`clinic_app.domain.sessions.picture_check` (the energy picture).
Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass

CAUTION = "caution"
DANGER = "danger"


@dataclass(frozen=True)
class CheckContext:
    """What the check knows beyond the settings: the patient's skin type (from the consultation
    the session follows) and the intensity recorded for the session."""

    skin_type: str | None = None  # "I".."VI"
    intensity: str = ""  # "light", "moderate", "deep" or "" (not recorded)


@dataclass(frozen=True)
class Refusal:
    """A value that cannot be recorded, with the message to show at its field."""

    field: str
    message: str


@dataclass(frozen=True)
class Caution:
    """A value (or combination) past a caution rule on an area; needs an acknowledged reason."""

    rule_id: str
    area: str
    fields: tuple[str, ...]
    message: str
    level: str = CAUTION  # or DANGER: shown loudly, confirmed explicitly, a reason of substance
    note: str = ""
    source: str = ""
    to_confirm: bool = False  # the rule's source is marked [GK]

    @property
    def text(self) -> str:
        """The message followed by the profile's note, if any."""
        return f"{self.message} {self.note}" if self.note else self.message

    @property
    def is_danger(self) -> bool:
        return self.level == DANGER


@dataclass(frozen=True)
class SettingsCheck:
    """What the check found for one area's settings."""

    area: str
    refusals: tuple[Refusal, ...] = ()
    cautions: tuple[Caution, ...] = ()
    # Settings an energy picture needs that are not recorded: refused at signing only.
    missing: tuple[Refusal, ...] = ()

    @property
    def ok(self) -> bool:
        """No refusal: the values may be recorded (once the cautions are acknowledged)."""
        return not self.refusals

    @property
    def needs_acknowledgement(self) -> bool:
        return bool(self.cautions)

    @property
    def dangers(self) -> tuple[Caution, ...]:
        """The cautions of level danger: each needs the explicit confirmation."""
        return tuple(c for c in self.cautions if c.is_danger)

    @property
    def danger_ids(self) -> frozenset[str]:
        return frozenset(c.rule_id for c in self.dangers)

    def refusals_for(self, field: str) -> tuple[Refusal, ...]:
        return tuple(r for r in self.refusals if r.field == field)

    def cautions_for(self, field: str) -> tuple[Caution, ...]:
        return tuple(c for c in self.cautions if field in c.fields)


def area_text(area: str) -> str:
    """An area as a message names it: "full_face" -> "full face"."""
    return area.replace("_", " ")
