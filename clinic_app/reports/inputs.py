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


class UnsupportedCharacterError(ValueError):
    """Text contains a character that the handout font cannot draw."""

    def __init__(self, character: str, field: str, text: str) -> None:
        self.character = character
        self.field = field
        self.text = text
        code = f"U+{ord(character):04X}"
        name = unicodedata.name(character, "unnamed character")
        super().__init__(
            f"The {field} contains the character '{character}' ({code} {name}), which the "
            f"handout font {FONT_DISPLAY_NAME} cannot print. Correct the {field} (for example "
            "write the letter without it or transliterate it) and generate the handout again."
        )
