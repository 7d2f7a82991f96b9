"""Colours and style-sheet rules of the session editor and history (one place to tune them)."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QWidget

CHANGED_BACKGROUND = "#fff0b3"  # a value that differs from last session
CAUTION_COLOUR = "#b45309"
DANGER_COLOUR = "#b3261e"
DANGER_BACKGROUND = "#fdecea"
ERROR_COLOUR = "#b3261e"
MUTED_COLOUR = "#5f6368"
BANNER_WARNING = "background: #fff4e5; border: 1px solid #f0b35a; border-radius: 4px; padding: 6px;"
BANNER_LOCKED = "background: #e8f0fe; border: 1px solid #8ab4f8; border-radius: 4px; padding: 6px;"
BANNER_DANGER = "background: #fdecea; border: 1px solid #e8a39c; border-radius: 4px; padding: 6px;"

EDITOR_STYLE = f"""
QLineEdit:read-only, QPlainTextEdit[readOnly="true"] {{ background: #f1f3f4; }}
QLineEdit:disabled, QComboBox:disabled, QDateTimeEdit:disabled {{
    color: #202124; background: #f1f3f4;
}}
QLineEdit[changed="true"], QComboBox[changed="true"] {{
    background: {CHANGED_BACKGROUND};
}}
QLineEdit[caution="true"], QComboBox[caution="true"] {{
    border: 2px solid {CAUTION_COLOUR}; border-radius: 3px;
}}
QLineEdit[danger="true"], QComboBox[danger="true"] {{
    border: 2px solid {DANGER_COLOUR}; border-radius: 3px; background: {DANGER_BACKGROUND};
}}
QLabel[danger="true"] {{
    background: {DANGER_BACKGROUND}; border: 1px solid {DANGER_COLOUR}; border-radius: 4px;
    padding: 4px;
}}
QCheckBox[invalid="true"] {{ color: {ERROR_COLOUR}; font-weight: bold; }}
QLineEdit[invalid="true"], QComboBox[invalid="true"], QPlainTextEdit[invalid="true"],
QDateTimeEdit[invalid="true"] {{
    border: 2px solid {ERROR_COLOUR}; border-radius: 3px;
}}
QLabel[role="was"] {{ color: {CAUTION_COLOUR}; font-size: 8pt; }}
QLabel[role="header"] {{ color: {MUTED_COLOUR}; font-weight: bold; }}
QLabel[role="hint"] {{ color: {MUTED_COLOUR}; }}
"""


def set_flag(widget: QWidget, name: str, value: bool) -> None:
    """Set a style property (``changed``, ``caution``, ``danger``, ``invalid``) and repaint if
    it moved."""
    if bool(widget.property(name)) == value:
        return
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def escape(text: str) -> str:
    """Typed or clinical text made safe inside a rich-text label (quotes stay as they are)."""
    return html.escape(text, quote=False)
