"""The handout fonts: the DejaVu Sans family shipped in resources/fonts, embedded in every PDF.

ReportLab's built-in fonts cover Latin-1 only and are not embedded; DejaVu Sans covers Latin,
Greek, Cyrillic and many symbols, so names such as "Zoë Łukasiewicz-Ñúñez" print as typed. A
character the font has no glyph for would print as an empty box: :func:`check_printable` refuses
it first, naming the character and the field it came from.
"""

from __future__ import annotations

import functools
import io
import threading
from collections.abc import Iterable

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from clinic_app.content import shipped
from clinic_app.reports.inputs import FONT_DISPLAY_NAME as FONT_DISPLAY_NAME
from clinic_app.reports.inputs import UnsupportedCharacterError as UnsupportedCharacterError

FAMILY = "HandoutSans"
REGULAR = "HandoutSans"
BOLD = "HandoutSans-Bold"
ITALIC = "HandoutSans-Oblique"
BOLD_ITALIC = "HandoutSans-BoldOblique"
_FILES = {
    REGULAR: "fonts/DejaVuSans.ttf",
    BOLD: "fonts/DejaVuSans-Bold.ttf",
    ITALIC: "fonts/DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "fonts/DejaVuSans-BoldOblique.ttf",
}
# Layout characters that are never drawn as glyphs.
_LAYOUT_CHARACTERS = frozenset("\n\r\t")

_lock = threading.Lock()
_coverage: frozenset[int] | None = None


class FontMissingError(RuntimeError):
    """A shipped font file is missing: the installation is incomplete."""


def register_fonts() -> frozenset[int]:
    """Register the family with ReportLab once; returns the code points every face can draw."""
    global _coverage
    with _lock:
        if _coverage is not None:
            return _coverage
        coverage: set[int] | None = None
        for name, relative in _FILES.items():
            node = shipped(relative)
            if not node.is_file():
                raise FontMissingError(
                    f"The handout font file resources/{relative} is missing; reinstall the app."
                )
            font = TTFont(name, io.BytesIO(node.read_bytes()))
            pdfmetrics.registerFont(font)
            cmap = set(font.face.charToGlyph)
            coverage = cmap if coverage is None else coverage & cmap
        addMapping(FAMILY, 0, 0, REGULAR)
        addMapping(FAMILY, 1, 0, BOLD)
        addMapping(FAMILY, 0, 1, ITALIC)
        addMapping(FAMILY, 1, 1, BOLD_ITALIC)
        _coverage = frozenset(coverage or ())
        return _coverage


@functools.cache
def _printable() -> frozenset[str]:
    """Every character the family draws, and the layout characters: a handout's text is
    checked against it at C speed (a handout holds some 3 000 characters)."""
    return frozenset(map(chr, register_fonts())) | _LAYOUT_CHARACTERS


def unsupported_characters(text: str) -> list[str]:
    """The distinct characters of ``text`` that the font cannot draw, in order of appearance."""
    if _printable().issuperset(text):
        return []
    coverage = register_fonts()
    missing: list[str] = []
    for character in text:
        if character in _LAYOUT_CHARACTERS or ord(character) in coverage:
            continue
        if character not in missing:
            missing.append(character)
    return missing


def check_printable(text: str, field: str) -> None:
    """Raise :class:`UnsupportedCharacterError` naming ``field`` if ``text`` cannot be printed."""
    missing = unsupported_characters(text)
    if missing:
        raise UnsupportedCharacterError(missing[0], field, text)


def check_all(fields: Iterable[tuple[str, str]]) -> None:
    """:func:`check_printable` for each ``(field, text)`` pair, in order."""
    for field, text in fields:
        check_printable(text, field)
