"""Colours and style-sheet rules of the session editor and history (one place to tune them)."""

from __future__ import annotations

import html

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

CHANGED_BACKGROUND = "#fff0b3"  # a value that differs from last session
CAUTION_COLOUR = "#b45309"
DANGER_COLOUR = "#b3261e"
DANGER_BACKGROUND = "#fdecea"
ERROR_COLOUR = "#b3261e"
MUTED_COLOUR = "#5f6368"
BANNER_WARNING = "background: #fff4e5; border: 1px solid #f0b35a; border-radius: 4px; padding: 6px;"
BANNER_LOCKED = "background: #e8f0fe; border: 1px solid #8ab4f8; border-radius: 4px; padding: 6px;"
BANNER_DANGER = "background: #fdecea; border: 1px solid #e8a39c; border-radius: 4px; padding: 6px;"

# How each flag (``changed``, ``caution``, ``danger``, ``invalid``) marks a field, per kind of
# widget, in the order the declarations apply (a later one wins, as in a style sheet). Only a
# flagged widget gets a style sheet of its own: a sheet on the whole editor made Qt match every
# rule against each of its few hundred widgets, which was half the cost of opening it.
_MARKS: dict[str, dict[str, str]] = {
    "changed": {
        "QLineEdit": f"background: {CHANGED_BACKGROUND};",
        "QComboBox": f"background: {CHANGED_BACKGROUND};",
    },
    "caution": {
        "QLineEdit": f"border: 2px solid {CAUTION_COLOUR}; border-radius: 3px;",
        "QComboBox": f"border: 2px solid {CAUTION_COLOUR}; border-radius: 3px;",
    },
    "danger": {
        "QLineEdit": f"border: 2px solid {DANGER_COLOUR}; border-radius: 3px; "
        f"background: {DANGER_BACKGROUND};",
        "QComboBox": f"border: 2px solid {DANGER_COLOUR}; border-radius: 3px; "
        f"background: {DANGER_BACKGROUND};",
        "QLabel": f"background: {DANGER_BACKGROUND}; border: 1px solid {DANGER_COLOUR}; "
        "border-radius: 4px; padding: 4px;",
    },
    "invalid": {
        "QCheckBox": f"color: {ERROR_COLOUR}; font-weight: bold;",
        **{
            kind: f"border: 2px solid {ERROR_COLOUR}; border-radius: 3px;"
            for kind in ("QLineEdit", "QComboBox", "QPlainTextEdit", "QDateTimeEdit")
        },
    },
}
_KINDS = (QDateTimeEdit, QLineEdit, QComboBox, QPlainTextEdit, QCheckBox, QLabel)
LOCKED_BACKGROUND = "#f1f3f4"  # a read-only or locked field: readable, plainly not editable
LOCKED_TEXT = "#202124"
_ROLES = {  # a label's role: (colour, bold, point size or None)
    "was": (CAUTION_COLOUR, False, 8.0),
    "header": (MUTED_COLOUR, True, None),
    "hint": (MUTED_COLOUR, False, None),
}


def _kind(widget: QWidget) -> str | None:
    return next((k.__name__ for k in _KINDS if isinstance(widget, k)), None)


def _mark_style(widget: QWidget) -> str:
    kind = _kind(widget)
    if kind is None:
        return ""
    declarations = [
        rules[kind] for flag, rules in _MARKS.items() if widget.property(flag) and kind in rules
    ]
    return f"{kind} {{ {' '.join(declarations)} }}" if declarations else ""


def set_flag(widget: QWidget, name: str, value: bool) -> None:
    """Set a style property (``changed``, ``caution``, ``danger``, ``invalid``) and restyle
    the widget if it moved."""
    if bool(widget.property(name)) == value:
        return
    widget.setProperty(name, value)
    widget.setStyleSheet(_mark_style(widget))


def set_role(label: QLabel, role: str) -> None:
    """Give a label the look of its ``role`` ("was": the last session's value under a field,
    "header": a column title, "hint": a muted explanation)."""
    colour, bold, size = _ROLES[role]
    label.setProperty("role", role)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
    label.setPalette(palette)
    if bold or size is not None:
        font = label.font()
        font.setBold(bold)
        if size is not None:
            font.setPointSizeF(size)
        label.setFont(font)


def set_locked(widget: QWidget, locked: bool) -> None:
    """Lock a field of a signed session: text fields stay selectable (read-only, grey), the
    others are disabled but keep dark text, so a signed record stays easy to read."""
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        widget.setReadOnly(locked)
        if not locked:
            widget.setPalette(QPalette())  # the dialog's own again
            return
        palette = widget.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.Base, QColor(LOCKED_BACKGROUND))
        widget.setPalette(palette)
        return
    widget.setEnabled(not locked)
    palette = widget.palette()
    disabled = QPalette.ColorGroup.Disabled
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(disabled, role, QColor(LOCKED_TEXT))
    for role in (QPalette.ColorRole.Base, QPalette.ColorRole.Button):
        palette.setColor(disabled, role, QColor(LOCKED_BACKGROUND))
    widget.setPalette(palette)


def escape(text: str) -> str:
    """Typed or clinical text made safe inside a rich-text label (quotes stay as they are)."""
    return html.escape(text, quote=False)
