"""What the renderers take and the errors they raise, without importing ReportLab.

The window and the services name these when no PDF is being made (a failure message, the
letterhead read in the prepare step), so ReportLab is imported only when a handout is laid out
(:mod:`clinic_app.reports.handouts.handouts`, :mod:`clinic_app.reports.fonts`), not at start-up.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

FONT_DISPLAY_NAME = "DejaVu Sans"


@dataclass(frozen=True)
class Letterhead:
    """The clinic as printed at the top of the first page and on every later page."""

    name: str
    phone: str
    address: str = ""
    email: str = ""
    logo: bytes | None = None  # PNG or JPEG
    paper_size: str = "A4"  # "A4" or "Letter"


class HandoutRenderError(ValueError):
    """The handout cannot be laid out (e.g. an unreadable logo); the message says what to fix."""


# Why a character is refused (UnsupportedCharacterError.reason).
NOT_IN_FONT = "not in font"
RIGHT_TO_LEFT = "right to left"
EMOJI = "emoji"


class UnsupportedCharacterError(ValueError):
    """Text contains a character that the handout cannot print as typed: one the font cannot
    draw, a letter written right to left (the layout is left to right only) or part of an
    emoji (drawn wrongly or with a broken text layer)."""

    def __init__(self, character: str, field: str, text: str, reason: str = NOT_IN_FONT) -> None:
        self.character = character
        self.field = field
        self.text = text
        self.reason = reason
        code = f"U+{ord(character):04X}"
        name = unicodedata.name(character, "unnamed character")
        what = f"the character '{character}' ({code} {name})"
        if reason == RIGHT_TO_LEFT:
            message = (
                f"The {field} contains {what}, which is written right to left: the handout "
                "cannot lay out right-to-left text (Hebrew, Arabic and the like) yet and would "
                f"print it reversed. Write the {field} in Latin letters (transliterate it) and "
                "generate the handout again."
            )
        elif reason == EMOJI:
            message = (
                f"The {field} contains {what}, part of an emoji or symbol sequence that the "
                f"handout font {FONT_DISPLAY_NAME} cannot print as typed. Remove it from the "
                f"{field} and generate the handout again."
            )
        else:
            message = (
                f"The {field} contains {what}, which the handout font {FONT_DISPLAY_NAME} "
                f"cannot print. Correct the {field} (for example write the letter without it "
                "or transliterate it) and generate the handout again."
            )
        super().__init__(message)

    def __reduce__(self) -> tuple[object, ...]:
        # Raised in the render process and re-raised in the window's (reports/render_process.py).
        return (type(self), (self.character, self.field, self.text, self.reason))
