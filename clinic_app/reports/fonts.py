"""The handout fonts: the DejaVu Sans family shipped in resources/fonts, embedded in every PDF.

ReportLab's built-in fonts cover Latin-1 only and are not embedded; DejaVu Sans covers Latin,
Greek, Cyrillic and many symbols, so names such as "Zoë Łukasiewicz-Ñúñez" print as typed. A
character the font has no glyph for would print as an empty box: :func:`check_printable` refuses
it first, naming the character and the field it came from.

Two kinds of characters the font has glyphs for are refused too. Letters written right to left
(Hebrew, Arabic, Syriac...: ``unicodedata.bidirectional`` R or AL, and the explicit
right-to-left controls): the layout is left to right only, so they would print reversed.
Emoji: anything outside the Basic Multilingual Plane (ReportLab writes a broken text layer for
it, so copying or searching the PDF gives wrong text), variation selectors, the zero width joiner
and the keycap mark, which make the emoji sequences the font draws as something else.

ReportLab parses a TrueType face whole (its glyph tables: some 3.4 MB a face in memory). The
handouts set text in the regular and bold faces only, so those two are read at once and the
oblique ones only when text is first set in them (ReportLab asks for a font it does not know
through ``pdfmetrics.findFontAndRegister``, which :func:`_register_on_demand` answers for them).
What every face can draw is still the intersection of all four: the oblique faces' character
maps are read for it once and let go.
"""

from __future__ import annotations

import functools
import io
import threading
import unicodedata
from collections.abc import Iterable

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from clinic_app.content import shipped
from clinic_app.reports.inputs import EMOJI, NOT_IN_FONT, RIGHT_TO_LEFT
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
# Registered with ReportLab when text is first set in them (see the module docstring).
ON_DEMAND = frozenset({ITALIC, BOLD_ITALIC})
# Layout characters that are never drawn as glyphs.
_LAYOUT_CHARACTERS = frozenset("\n\r\t")
# Bidirectional classes of right-to-left letters and of the controls that start right-to-left
# runs (RIGHT-TO-LEFT MARK is class R).
_RIGHT_TO_LEFT_CLASSES = frozenset({"R", "AL", "RLE", "RLO", "RLI"})
# Characters that join or restyle emoji: ZWJ, the keycap mark, variation selectors.
_EMOJI_MARKS = frozenset("\u200d\u20e3") | frozenset(map(chr, range(0xFE00, 0xFE10)))

_lock = threading.Lock()
_coverage: frozenset[int] | None = None


class FontMissingError(RuntimeError):
    """A shipped font file is missing: the installation is incomplete."""


def register_fonts() -> frozenset[int]:
    """Register the family with ReportLab once (the oblique faces on demand); returns the code
    points every face can draw."""
    global _coverage
    with _lock:
        if _coverage is not None:
            return _coverage
        coverage: set[int] | None = None
        # The oblique faces first: the memory their parse used is then reused by the others'.
        for name in sorted(_FILES, key=lambda name: name not in ON_DEMAND):
            font = _read(name)
            cmap = set(font.face.charToGlyph)
            coverage = cmap if coverage is None else coverage & cmap
            if name not in ON_DEMAND:
                pdfmetrics.registerFont(font)
            del font  # an oblique face: only its character map was wanted
        addMapping(FAMILY, 0, 0, REGULAR)
        addMapping(FAMILY, 1, 0, BOLD)
        addMapping(FAMILY, 0, 1, ITALIC)
        addMapping(FAMILY, 1, 1, BOLD_ITALIC)
        _register_on_demand()
        _coverage = frozenset(coverage or ())
        return _coverage


def _read(name: str) -> TTFont:
    """The face ``name`` parsed from its shipped file."""
    relative = _FILES[name]
    node = shipped(relative)
    if not node.is_file():
        raise FontMissingError(
            f"The handout font file resources/{relative} is missing; reinstall the app."
        )
    return TTFont(name, io.BytesIO(node.read_bytes()))


_on_demand_lock = threading.Lock()


def _register_on_demand() -> None:
    """Have ReportLab's lookup of a font it does not know read the oblique faces (once)."""
    find = pdfmetrics.findFontAndRegister
    if getattr(find, "handout_faces", False):
        return

    def find_font_and_register(font_name: str) -> pdfmetrics.Font:
        if font_name not in ON_DEMAND:
            return find(font_name)
        with _on_demand_lock:
            if font_name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(_read(font_name))
        return pdfmetrics.getFont(font_name)

    find_font_and_register.handout_faces = True  # type: ignore[attr-defined]
    pdfmetrics.findFontAndRegister = find_font_and_register  # type: ignore[assignment]


def refusal_reason(character: str) -> str | None:
    """Why ``character`` cannot be printed as typed (``RIGHT_TO_LEFT``, ``EMOJI``,
    ``NOT_IN_FONT``), or None when it can."""
    if character in _LAYOUT_CHARACTERS:
        return None
    if unicodedata.bidirectional(character) in _RIGHT_TO_LEFT_CLASSES:
        return RIGHT_TO_LEFT
    if ord(character) > 0xFFFF or character in _EMOJI_MARKS:
        return EMOJI
    if ord(character) not in register_fonts():
        return NOT_IN_FONT
    return None


@functools.cache
def _printable() -> frozenset[str]:
    """Every character a handout prints as typed, and the layout characters: a handout's text
    is checked against it at C speed (a handout holds some 3 000 characters)."""
    drawn = map(chr, register_fonts())
    return frozenset(c for c in drawn if refusal_reason(c) is None) | _LAYOUT_CHARACTERS


def unsupported_characters(text: str) -> list[str]:
    """The distinct characters of ``text`` that cannot be printed as typed, in order of
    appearance."""
    if _printable().issuperset(text):
        return []
    missing: list[str] = []
    for character in text:
        if refusal_reason(character) is not None and character not in missing:
            missing.append(character)
    return missing


def check_printable(text: str, field: str) -> None:
    """Raise :class:`UnsupportedCharacterError` naming ``field`` if ``text`` cannot be printed."""
    missing = unsupported_characters(text)
    if missing:
        character = missing[0]
        reason = refusal_reason(character) or NOT_IN_FONT
        raise UnsupportedCharacterError(character, field, text, reason)


def check_all(fields: Iterable[tuple[str, str]]) -> None:
    """:func:`check_printable` for each ``(field, text)`` pair, in order."""
    for field, text in fields:
        check_printable(text, field)
